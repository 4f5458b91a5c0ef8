package server_test

// This file defines TestProtocolAbuse: hostile input at every layer of the
// protocol (framing, encoding, JSON, parameters, lifecycle, volume), one
// row each, with the answer each must get and a check that the server goes
// on where the protocol lets it.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/pyhint/pyhint/server"
	"github.com/pyhint/pyhint/server/internal/jsonrpc"
	"github.com/pyhint/pyhint/server/servertest"
)

// abuseConn is a server for one row: initialized as a client that pulls
// diagnostics, with the document abuseURI open, and its log kept.
type abuseConn struct {
	c   *servertest.Client
	ctx context.Context
	log *lockedBuffer
}

const (
	abuseURI  = "file:///abuse/base.py"
	abuseText = "global x\n"
)

// lockedBuffer is a bytes.Buffer safe for concurrent use.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func newAbuseConn(t *testing.T, initialize bool) *abuseConn {
	t.Helper()
	log := &lockedBuffer{}
	o := opts(t)
	o.Log = io.MultiWriter(o.Log, log)
	o.Debounce = 0 // the default: requests cut it short
	a := &abuseConn{c: servertest.Start(t, server.New(o)), ctx: testCtx(t), log: log}
	if initialize {
		a.initialize(t, pullingClient())
	}
	return a
}

// pullingClient is the default client's initialize params plus pull
// diagnostics: the reply to a pull says which text it was computed from.
// pullingClient is a client that pulls diagnostics (and can be asked to
// pull again, without which the server pushes them).
func pullingClient() map[string]any {
	p := withCaps(servertest.DefaultInitializeParams(""), "textDocument", map[string]any{"diagnostic": map[string]any{}})
	return withCaps(p, "workspace", map[string]any{"diagnostics": map[string]any{"refreshSupport": true}})
}

func (a *abuseConn) initialize(t *testing.T, params any) {
	t.Helper()
	if err := a.c.Call(a.ctx, "initialize", params, nil); err != nil {
		t.Fatalf("initialize: %v", err)
	}
	a.c.Notify("initialized", map[string]any{})
	a.c.Open(abuseURI, 1, abuseText)
	a.alive(t)
}

// pulledDiagnostics is a full textDocument/diagnostic report.
type pulledDiagnostics struct {
	Kind     string                `json:"kind"`
	ResultID string                `json:"resultId"`
	Items    []protocol.Diagnostic `json:"items"`
}

// pull asks for a document's diagnostics. Its resultId changes whenever
// the document's text or the configuration changes.
func (a *abuseConn) pull(uri string) (*pulledDiagnostics, error) {
	var p pulledDiagnostics
	err := a.c.Call(a.ctx, "textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": uri}}, &p)
	if err != nil {
		return nil, err
	}
	if p.Kind != "full" {
		return nil, fmt.Errorf("diagnostic report of kind %q", p.Kind)
	}
	return &p, nil
}

func (a *abuseConn) mustPull(t *testing.T, uri string) *pulledDiagnostics {
	t.Helper()
	p, err := a.pull(uri)
	if err != nil {
		t.Fatalf("pull diagnostics of %s: %v", uri, err)
	}
	return p
}

func itemCodes(p *pulledDiagnostics) []string {
	var out []string
	for _, d := range p.Items {
		out = append(out, fmt.Sprint(d.Code))
	}
	return out
}

// alive checks that the server answers requests about the base document
// correctly: a hover on `global` and its one finding.
func (a *abuseConn) alive(t *testing.T) {
	t.Helper()
	var h struct{ Contents struct{ Value string } }
	if err := a.c.Call(a.ctx, "textDocument/hover", hoverAt(abuseURI, 0, 1), &h); err != nil {
		t.Fatalf("the connection is not alive: hover: %v", err)
	}
	if !strings.Contains(h.Contents.Value, "global") {
		t.Fatalf("hover on `global x`: %q", h.Contents.Value)
	}
	if got := itemCodes(a.mustPull(t, abuseURI)); !slices.Equal(got, []string{"global-at-module-level"}) {
		t.Fatalf("diagnostics of the base document: %v", got)
	}
}

// logCount counts the server's log lines containing s.
func (a *abuseConn) logCount(s string) int { return strings.Count(a.log.String(), s) }

// nullError waits for the one reply with "id": null this row expects.
func (a *abuseConn) nullError(t *testing.T, code int64, text string) {
	t.Helper()
	errs, err := a.c.AwaitNullIDErrors(a.ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != 1 || errs[0].Code != code || !strings.Contains(errs[0].Message, text) {
		t.Fatalf("error replies with id null: %v, want one %d containing %q", errs, code, text)
	}
}

func hoverAt(uri string, line, char int) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": line, "character": char}}
}

func body(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func notification(t *testing.T, method string, params any) string {
	return body(t, map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// totalAlloc returns the bytes allocated on the Go heap so far, freed or
// not: a buffer of the claimed size would show here even if collected.
func totalAlloc() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

// heapInUse returns the bytes of live heap objects after a collection.
func heapInUse() uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// nested returns a JSON value nested depth arrays deep.
func nested(depth int) string { return strings.Repeat("[", depth) + strings.Repeat("]", depth) }

// envInt reads a positive integer from the environment, or def.
func envInt(t testing.TB, name string, def int) int {
	t.Helper()
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		t.Fatalf("%s=%q: want a positive integer", name, s)
	}
	return n
}

// abuseRow is one hostile input and the answer it must get.
type abuseRow struct {
	name string
	// uninitialized starts the row's server without initialize.
	uninitialized bool
	// send sends the input and checks the answer.
	send func(t *testing.T, a *abuseConn)
	// ends is set when the input ends the connection (end of input, exit):
	// the server must then exit with code exit. Otherwise the connection
	// must still be alive after send.
	ends bool
	exit int
}

// TestProtocolAbuse runs each hostile input on a server of its own and
// checks its answer, then that the server still answers requests (or, for
// input that ends the connection, that it exits with the right code).
// Documented in the server's package doc, "Hostile input".
func TestProtocolAbuse(t *testing.T) {
	rows := []abuseRow{
		{
			name: "header without body, then end of input",
			send: func(t *testing.T, a *abuseConn) {
				a.c.WriteRaw([]byte("Content-Length: 60\r\n\r\n"))
				a.c.CloseInput()
			},
			ends: true, exit: 1,
		},
		{
			name: "header cut short, then end of input",
			send: func(t *testing.T, a *abuseConn) {
				a.c.WriteRaw([]byte("Content-Length: 6"))
				a.c.CloseInput()
			},
			ends: true, exit: 1,
		},
		{
			// The request is never executed: the client fails the test on
			// a reply to an id it did not send.
			name: "half a body, then end of input",
			send: func(t *testing.T, a *abuseConn) {
				b := body(t, map[string]any{"jsonrpc": "2.0", "id": 901, "method": "textDocument/hover", "params": hoverAt(abuseURI, 0, 1)})
				a.c.WriteRaw([]byte(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(b), b[:len(b)/2])))
				a.c.CloseInput()
			},
			ends: true, exit: 1,
		},
		{
			// Under the limit, the length is believed, but memory follows
			// the bytes that arrive, not the claim.
			name: "60 MiB declared, 10 bytes sent, then end of input",
			send: func(t *testing.T, a *abuseConn) {
				const claimed = 60 << 20
				before := totalAlloc()
				a.c.WriteRaw([]byte(fmt.Sprintf("Content-Length: %d\r\n\r\n{\"jsonrpc\"", claimed)))
				a.c.CloseInput()
				if _, err := a.c.Exit(a.ctx); err != nil {
					t.Fatal(err)
				}
				grew := totalAlloc() - before
				t.Logf("%d bytes allocated", grew)
				if grew > claimed/8 {
					t.Errorf("%d bytes allocated for a frame that claimed %d and sent 10", grew, claimed)
				}
			},
			ends: true, exit: 1,
		},
		{
			// The second message is not executed (it would close the
			// document) and the client hears of it.
			name: "two messages in one frame, its length covering the first",
			send: func(t *testing.T, a *abuseConn) {
				const uri = "file:///abuse/two.py"
				a.c.Open(uri, 1, "x = 1\n")
				first := notification(t, "textDocument/didChange", map[string]any{
					"textDocument":   map[string]any{"uri": uri, "version": 2},
					"contentChanges": []any{map[string]any{"text": "global y\n"}},
				})
				second := notification(t, "textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
				a.c.WriteRaw([]byte(fmt.Sprintf("Content-Length: %d\r\n\r\n%s%s", len(first), first, second)))
				a.alive(t)
				a.nullError(t, jsonrpc.CodeParseError, fmt.Sprintf("%d bytes outside any frame", len(second)))
				if got := itemCodes(a.mustPull(t, uri)); !slices.Equal(got, []string{"global-at-module-level"}) {
					t.Errorf("after the first message (the change): %v", got)
				}
			},
		},
		{
			name: "two messages in one frame, its length covering both",
			send: func(t *testing.T, a *abuseConn) {
				const uri = "file:///abuse/two.py"
				a.c.Open(uri, 1, "x = 1\n")
				before := a.mustPull(t, uri)
				first := notification(t, "textDocument/didChange", map[string]any{
					"textDocument":   map[string]any{"uri": uri, "version": 2},
					"contentChanges": []any{map[string]any{"text": "global y\n"}},
				})
				second := notification(t, "textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
				a.c.WriteRaw([]byte(frame(first + second)))
				a.nullError(t, jsonrpc.CodeParseError, "after top-level value")
				if after := a.mustPull(t, uri); after.ResultID != before.ResultID {
					t.Errorf("the document changed (result %s, then %s): part of the frame was executed", before.ResultID, after.ResultID)
				}
			},
		},
		{
			// The body that follows is skipped up to the next header: the
			// didClose in it is not executed (alive checks the document).
			name: "100 MB declared, a short body sent",
			send: func(t *testing.T, a *abuseConn) {
				const claimed = 100 << 20
				before := totalAlloc()
				closing := notification(t, "textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": abuseURI}})
				a.c.WriteRaw([]byte(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", claimed, closing)))
				a.nullError(t, jsonrpc.CodeParseError, "exceeds the 67108864-byte (64 MiB) limit")
				a.alive(t)
				grew := totalAlloc() - before
				t.Logf("%d bytes allocated", grew)
				if grew > claimed/8 {
					t.Errorf("%d bytes allocated for a frame that claimed %d", grew, claimed)
				}
				a.awaitShown(t, "104.9 MB, over the 64 MiB limit")
			},
		},
		{
			// A real message over the limit: a didOpen of a 100 MB file,
			// streamed, is skipped as it arrives; the user is told.
			name: "a 100 MB message",
			send: func(t *testing.T, a *abuseConn) {
				const uri = "file:///abuse/big.py"
				head := fmt.Sprintf(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":%q,"languageId":"python","version":1,"text":"`, uri)
				tail := `"}}}`
				chunk := []byte(strings.Repeat(`x = 1\n`, 1<<20/7))
				n := 100e6 / len(chunk)
				size := len(head) + n*len(chunk) + len(tail)
				before := totalAlloc()
				a.c.WriteRaw([]byte(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", size, head)))
				for range n {
					a.c.WriteRaw(chunk)
				}
				a.c.WriteRaw([]byte(tail))
				a.nullError(t, jsonrpc.CodeParseError, fmt.Sprintf("Content-Length %d exceeds", size))
				a.alive(t)
				grew := totalAlloc() - before
				t.Logf("%d bytes allocated to skip %d", grew, size)
				if grew > uint64(size)/8 {
					t.Errorf("%d bytes allocated to skip a message of %d", grew, size)
				}
				a.awaitShown(t, "over the 64 MiB limit")
				err := a.c.Call(a.ctx, "textDocument/hover", hoverAt(uri, 0, 0), nil)
				if e := servertest.AsError(err); e == nil || e.Code != jsonrpc.CodeInvalidParams {
					t.Errorf("hover on the refused document: %v, want -32602 (not open)", err)
				}
			},
		},
		{
			// Each invalid byte becomes one U+FFFD, one UTF-16 unit: the
			// finding after them is where the client counts it.
			name: "invalid UTF-8 in a document's text",
			send: func(t *testing.T, a *abuseConn) {
				const uri = "file:///abuse/latin1.py"
				b := notification(t, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{
					"uri": uri, "languageId": "python", "version": 1, "text": `s = "@@"; global s` + "\n",
				}})
				a.c.WriteRaw([]byte(frame(strings.Replace(b, "@@", "\xff\xfe", 1))))
				a.checkFinding(t, uri, 10, 18)
				var h json.RawMessage
				if err := a.c.Call(a.ctx, "textDocument/hover", hoverAt(uri, 0, 5), &h); err != nil {
					t.Errorf("hover on the replaced bytes: %v", err)
				}
			},
		},
		{
			name: "invalid UTF-8 in a change",
			send: func(t *testing.T, a *abuseConn) {
				const uri = "file:///abuse/latin1.py"
				a.c.Open(uri, 1, `s = ""; global s`+"\n")
				a.checkFinding(t, uri, 8, 16)
				b := notification(t, "textDocument/didChange", map[string]any{
					"textDocument": map[string]any{"uri": uri, "version": 2},
					"contentChanges": []any{map[string]any{
						"range": map[string]any{"start": map[string]any{"line": 0, "character": 5}, "end": map[string]any{"line": 0, "character": 5}},
						"text":  "@@",
					}},
				})
				a.c.WriteRaw([]byte(frame(strings.Replace(b, "@@", "\xe9\xe8\xff", 1))))
				a.checkFinding(t, uri, 11, 19)
			},
		},
		{
			name: "a lone surrogate escape in a document's text",
			send: func(t *testing.T, a *abuseConn) {
				const uri = "file:///abuse/surrogate.py"
				b := notification(t, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{
					"uri": uri, "languageId": "python", "version": 1, "text": `s = "@@"; global s` + "\n",
				}})
				a.c.WriteRaw([]byte(frame(strings.Replace(b, "@@", `\ud800`, 1))))
				a.checkFinding(t, uri, 9, 17)
			},
		},
		{
			// Outside a string, an invalid byte is a parse error; the
			// didClose is not executed (alive checks the document).
			name: "invalid UTF-8 outside strings",
			send: func(t *testing.T, a *abuseConn) {
				b := notification(t, "textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": abuseURI}})
				a.c.WriteRaw([]byte(frame(strings.Replace(b, `"method"`, "\xff\"method\"", 1))))
				a.nullError(t, jsonrpc.CodeParseError, "invalid character")
			},
		},
		{
			// encoding/json stops at depth 10,000: no stack overflow. The
			// id cannot be read, so the reply's is null (the client fails
			// the test on a reply to 902).
			name: "JSON nested 10,000 deep in a request",
			send: func(t *testing.T, a *abuseConn) {
				b := fmt.Sprintf(`{"jsonrpc":"2.0","id":902,"method":"textDocument/hover","params":{"textDocument":{"uri":%q},"position":%s}}`, abuseURI, nested(10000))
				a.c.WriteRaw([]byte(frame(b)))
				a.nullError(t, jsonrpc.CodeParseError, "exceeded max depth")
			},
		},
		{
			name: "JSON nested 1,000,000 deep",
			send: func(t *testing.T, a *abuseConn) {
				a.c.WriteRaw([]byte(frame(nested(1_000_000))))
				a.nullError(t, jsonrpc.CodeParseError, "exceeded max depth")
			},
		},
		{
			name: "JSON nested 9,990 deep in a request's params",
			send: func(t *testing.T, a *abuseConn) {
				p := map[string]any{"textDocument": map[string]any{"uri": abuseURI}, "position": json.RawMessage(nested(9990))}
				err := a.c.Call(a.ctx, "textDocument/hover", p, nil)
				if e := servertest.AsError(err); e == nil || e.Code != jsonrpc.CodeInvalidParams {
					t.Errorf("got %v, want -32602", err)
				}
			},
		},
		{
			name: "JSON nested 9,990 deep in a notification's params",
			send: func(t *testing.T, a *abuseConn) {
				before := a.mustPull(t, abuseURI)
				a.c.Notify("textDocument/didChange", map[string]any{
					"textDocument":   map[string]any{"uri": abuseURI, "version": 2},
					"contentChanges": json.RawMessage(nested(9990)),
				})
				if after := a.mustPull(t, abuseURI); after.ResultID != before.ResultID {
					t.Errorf("the document changed")
				}
				if n := a.logCount("textDocument/didChange: jsonrpc error -32602"); n != 1 {
					t.Errorf("%d log lines for the bad didChange, want 1", n)
				}
			},
		},
		{
			// Requests fail with -32600, whatever they are; notifications
			// are ignored, except exit, which ends with code 0.
			name: "requests and notifications after shutdown",
			send: func(t *testing.T, a *abuseConn) {
				if err := a.c.Call(a.ctx, "shutdown", nil, nil); err != nil {
					t.Fatal(err)
				}
				for _, m := range []struct {
					method string
					params any
				}{
					{"initialize", pullingClient()},
					{"shutdown", nil},
					{"textDocument/hover", hoverAt(abuseURI, 0, 1)},
					{"textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": abuseURI}}},
					{"textDocument/inlayHint", map[string]any{"textDocument": map[string]any{"uri": abuseURI}, "range": map[string]any{"start": map[string]any{"line": 0, "character": 0}, "end": map[string]any{"line": 1, "character": 0}}}},
					{"workspace/executeCommand", map[string]any{"command": "pyhint.explain", "arguments": []any{"global"}}},
					{"pyhint/noSuchMethod", nil},
				} {
					err := a.c.Call(a.ctx, m.method, m.params, nil)
					if e := servertest.AsError(err); e == nil || e.Code != jsonrpc.CodeInvalidRequest {
						t.Errorf("%s after shutdown: %v, want -32600", m.method, err)
					}
				}
				a.c.Open("file:///abuse/late.py", 1, "global z\n")
				a.c.Change(abuseURI, 2, servertest.Edit{Text: "y = 1\n"})
				a.c.Notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"pyhint": map[string]any{}}})
				// A request, to know the notifications were read.
				if err := a.c.Call(a.ctx, "textDocument/hover", hoverAt(abuseURI, 0, 1), nil); servertest.AsError(err) == nil {
					t.Errorf("hover after shutdown: %v", err)
				}
				if n := a.logCount("after shutdown: ignored"); n != 3 {
					t.Errorf("%d notifications logged as ignored after shutdown, want 3:\n%s", n, a.log)
				}
				a.c.Notify("exit", nil)
			},
			ends: true, exit: 0,
		},
		{
			name: "a flood of didChange notifications",
			send: func(t *testing.T, a *abuseConn) { floodChanges(t, a, envInt(t, "PYHINT_ABUSE_FLOOD", 10000)) },
		},
	}
	rows = append(rows, wrongTypeRows()...)
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			a := newAbuseConn(t, !row.uninitialized)
			row.send(t, a)
			if !row.ends {
				a.alive(t)
				return
			}
			code, err := a.c.Exit(a.ctx)
			if err != nil {
				t.Fatalf("the server did not exit: %v", err)
			}
			if code != row.exit {
				t.Errorf("exit code %d, want %d", code, row.exit)
			}
		})
	}
}

// awaitShown waits for a window/showMessage containing text.
func (a *abuseConn) awaitShown(t *testing.T, text string) {
	t.Helper()
	if _, err := a.c.Await(a.ctx, "window/showMessage", func(p json.RawMessage) bool {
		var m struct{ Message string }
		return json.Unmarshal(p, &m) == nil && strings.Contains(m.Message, text)
	}); err != nil {
		t.Fatalf("no window/showMessage containing %q: %v", text, err)
	}
}

// checkFinding checks that the one finding in uri is global-at-module-level
// on line 0 from UTF-16 column start to end.
func (a *abuseConn) checkFinding(t *testing.T, uri string, start, end uint32) {
	t.Helper()
	p := a.mustPull(t, uri)
	if len(p.Items) != 1 || p.Items[0].Code != "global-at-module-level" {
		t.Fatalf("diagnostics of %s: %v", uri, itemCodes(p))
	}
	r := p.Items[0].Range
	if r.Start.Line != 0 || r.Start.Character != start || r.End.Line != 0 || r.End.Character != end {
		t.Errorf("finding at %v, want 0:%d-0:%d", r, start, end)
	}
}

// floodChanges sends n incremental didChange notifications without waiting,
// then checks that the server's text is the result of all of them: each
// edit renames a global in one of 20 functions, from positions that depend
// on every earlier edit (a lost or reordered one garbles the names), and
// every tenth adds or removes a comment line at the top, shifting all the
// lines. The live heap must not grow with the number of edits.
func floodChanges(t *testing.T, a *abuseConn, n int) {
	const uri = "file:///abuse/flood.py"
	const funcs = 20
	var lines []string
	names := make([]string, funcs)
	for k := range funcs {
		names[k] = fmt.Sprintf("n%d_0", k)
		lines = append(lines, fmt.Sprintf("def f%d():", k), "    global "+names[k], "    "+names[k]+" = 1")
	}
	a.c.Open(uri, 1, strings.Join(lines, "\n")+"\n")
	if _, err := a.pull(uri); err != nil {
		t.Fatal(err)
	}
	comments := 0
	before := heapInUse()
	for i := 1; i <= n; i++ {
		version := int32(i + 1)
		var edits []servertest.Edit
		switch {
		case i%10 == 0 && (i%20 == 0 || comments == 0):
			edits = append(edits, servertest.Edit{Text: fmt.Sprintf("# edit %d\n", i)})
			lines = append([]string{fmt.Sprintf("# edit %d", i)}, lines...)
			comments++
		case i%10 == 0:
			edits = append(edits, servertest.Edit{EndLine: 1, Text: ""})
			lines = lines[1:]
			comments--
		default:
			k := i * 7 % funcs
			old, next := names[k], fmt.Sprintf("n%d_%d", k, i)
			g, as := comments+3*k+1, comments+3*k+2
			edits = append(edits,
				servertest.Edit{StartLine: g, StartChar: 11, EndLine: g, EndChar: 11 + len(old), Text: next},
				servertest.Edit{StartLine: as, StartChar: 4, EndLine: as, EndChar: 4 + len(old), Text: next})
			lines[g], lines[as] = "    global "+next, "    "+next+" = 1"
			names[k] = next
		}
		a.c.Change(uri, version, edits...)
	}
	p := a.mustPull(t, uri)
	var want, got []string
	for k := range funcs {
		want = append(want, fmt.Sprintf("%d: function f%d rebinds module-level `%s`", comments+3*k+1, k, names[k]))
	}
	for _, d := range p.Items {
		msg, _, _ := strings.Cut(d.Message, " (")
		got = append(got, fmt.Sprintf("%d: %s", d.Range.Start.Line, msg))
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("after %d edits, the findings are\n%s\nwant\n%s", n, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	grew := int64(heapInUse()) - int64(before)
	t.Logf("after %d edits the live heap grew by %d bytes", n, grew)
	if grew > 16<<20 {
		t.Errorf("the live heap grew by %d bytes over %d edits", grew, n)
	}
}

// Leaf types of parameter templates (wrongTypeRows): each has its own set
// of values of the wrong type.
type (
	tStr  string
	tBool bool
	tU32  uint32
	tI32  int32
	tI64  int64
	tID   int64 // a request id: a number or a string
	// tAny is a value of any type: it is not mutated.
	tAny struct{ v any }
)

func (a tAny) MarshalJSON() ([]byte, error) { return json.Marshal(a.v) }

// wrongValues returns JSON values of the wrong type (or out of range) for
// a template node.
func wrongValues(v any) []any {
	obj, arr := map[string]any{}, []any{}
	switch v.(type) {
	case map[string]any:
		return []any{"x", 42, true, arr}
	case []any:
		return []any{"x", 42, true, obj}
	case tStr:
		return []any{42, true, obj, arr}
	case tBool:
		return []any{"true", 1, obj, arr}
	case tU32:
		return []any{"1", true, 1.5, -1, int64(1) << 32, obj, arr}
	case tI32:
		return []any{"1", true, 1.5, int64(1) << 31, obj, arr}
	case tI64:
		return []any{"1", true, 1.5, 1e19, obj, arr}
	case tID:
		return []any{true, 1.5, 1e19, obj, arr}
	}
	return nil
}

// mutation is a template with one node replaced by a wrong value.
type mutation struct {
	what   string
	params any
}

// mutations returns every template with one node (the root, an object, an
// array or a leaf) replaced by each of its wrong values.
func mutations(tmpl any) []mutation {
	var out []mutation
	var walk func(path string, v any, rebuild func(any) any)
	walk = func(path string, v any, rebuild func(any) any) {
		for _, w := range wrongValues(v) {
			out = append(out, mutation{path + " = " + mustJSON(w), rebuild(w)})
		}
		switch v := v.(type) {
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(v)) {
				walk(path+"."+k, v[k], func(nv any) any {
					m := maps.Clone(v)
					m[k] = nv
					return rebuild(m)
				})
			}
		case []any:
			for i := range v {
				walk(fmt.Sprintf("%s[%d]", path, i), v[i], func(nv any) any {
					s := slices.Clone(v)
					s[i] = nv
					return rebuild(s)
				})
			}
		}
	}
	walk("params", tmpl, func(nv any) any { return nv })
	return out
}

func tPos(line, char uint32) map[string]any {
	return map[string]any{"line": tU32(line), "character": tU32(char)}
}

func tRange(l0, c0, l1, c1 uint32) map[string]any {
	return map[string]any{"start": tPos(l0, c0), "end": tPos(l1, c1)}
}

func tDoc() map[string]any { return map[string]any{"uri": tStr(abuseURI)} }

// wrongTypeRows returns a row per method: each of its parameters, at every
// level, replaced by values of the wrong type. Requests must fail with
// -32602; notifications must be logged and change nothing (the pulled
// diagnostics' resultId, which follows the text and the configuration,
// stays the same). Each template is sent last as it is, valid, to show that
// the check could fail.
func wrongTypeRows() []abuseRow {
	requests := []struct {
		method string
		tmpl   map[string]any
	}{
		{"textDocument/hover", map[string]any{"textDocument": tDoc(), "position": tPos(0, 1)}},
		{"textDocument/inlayHint", map[string]any{"textDocument": tDoc(), "range": tRange(0, 0, 1, 0)}},
		{"textDocument/codeAction", map[string]any{
			"textDocument": tDoc(), "range": tRange(0, 0, 0, 8),
			"context": map[string]any{
				"diagnostics": []any{map[string]any{"range": tRange(0, 0, 0, 8), "code": tAny{"global-at-module-level"}}},
				"only":        []any{tStr("quickfix")},
			},
		}},
		{"textDocument/diagnostic", map[string]any{"textDocument": tDoc(), "identifier": tStr("pyhint"), "previousResultId": tStr("")}},
		{"workspace/executeCommand", map[string]any{"command": tStr("pyhint.explain"), "arguments": []any{tStr("global-statement")}}},
	}
	var rows []abuseRow
	rows = append(rows, abuseRow{
		name:          "wrong types in initialize",
		uninitialized: true,
		send: func(t *testing.T, a *abuseConn) {
			flag := func() map[string]any { return map[string]any{"dynamicRegistration": tBool(true)} }
			tmpl := map[string]any{
				"processId":  tI64(0),
				"clientInfo": map[string]any{"name": tStr("abuse"), "version": tStr("1")},
				"rootUri":    tStr("file:///abuse"), "rootPath": tStr("/abuse"),
				"initializationOptions": tAny{map[string]any{}},
				"workspaceFolders":      []any{map[string]any{"uri": tStr("file:///abuse"), "name": tStr("abuse")}},
				"capabilities": map[string]any{
					"general": map[string]any{"positionEncodings": []any{tStr("utf-16")}},
					"textDocument": map[string]any{
						"hover":      map[string]any{"contentFormat": []any{tStr("markdown")}},
						"diagnostic": flag(), "inlayHint": flag(),
					},
					"workspace": map[string]any{
						"configuration": tBool(true), "didChangeConfiguration": flag(), "didChangeWatchedFiles": flag(),
						"workspaceEdit": map[string]any{"documentChanges": tBool(true)},
						"diagnostics":   map[string]any{"refreshSupport": tBool(false)},
						"inlayHint":     map[string]any{"refreshSupport": tBool(false)},
					},
				},
			}
			for _, m := range mutations(tmpl) {
				err := a.c.Call(a.ctx, "initialize", m.params, nil)
				if e := servertest.AsError(err); e == nil || e.Code != jsonrpc.CodeInvalidParams {
					t.Errorf("initialize with %s: %v, want -32602", m.what, err)
				}
			}
			t.Logf("%d wrong-typed initialize requests", len(mutations(tmpl)))
			// Still not initialized: the valid template initializes.
			a.initialize(t, tmpl)
		},
	})
	for _, r := range requests {
		rows = append(rows, abuseRow{
			name: "wrong types in " + r.method,
			send: func(t *testing.T, a *abuseConn) {
				for _, m := range mutations(r.tmpl) {
					err := a.c.Call(a.ctx, r.method, m.params, nil)
					if e := servertest.AsError(err); e == nil || e.Code != jsonrpc.CodeInvalidParams {
						t.Errorf("%s with %s: %v, want -32602", r.method, m.what, err)
					}
				}
				t.Logf("%d wrong-typed requests", len(mutations(r.tmpl)))
				if err := a.c.Call(a.ctx, r.method, r.tmpl, nil); err != nil {
					t.Errorf("%s with valid params: %v", r.method, err)
				}
			},
		})
	}
	notifications := []struct {
		method string
		tmpl   map[string]any
		// effect checks what the valid template did (nil: nothing to see).
		effect func(t *testing.T, a *abuseConn, before *pulledDiagnostics)
	}{
		{"textDocument/didOpen", map[string]any{"textDocument": map[string]any{
			"uri": tStr(abuseURI), "languageId": tStr("python"), "version": tI32(7), "text": tStr("x = 1\n"),
		}}, textReplaced},
		{"textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": tStr(abuseURI), "version": tI32(2)},
			"contentChanges": []any{map[string]any{"range": tRange(0, 0, 0, 8), "text": tStr("x = 1")}},
		}, textReplaced},
		{"textDocument/didClose", map[string]any{"textDocument": tDoc()}, func(t *testing.T, a *abuseConn, _ *pulledDiagnostics) {
			_, err := a.pull(abuseURI)
			if e := servertest.AsError(err); e == nil || e.Code != jsonrpc.CodeInvalidParams {
				t.Errorf("after a valid didClose: %v, want -32602 (not open)", err)
			}
			a.c.Open(abuseURI, 8, abuseText) // for alive
		}},
		{"textDocument/didSave", map[string]any{"textDocument": tDoc()}, nil},
		{"workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": tStr("file:///abuse/pyproject.toml"), "type": tAny{1}}}}, nil},
		{"workspace/didChangeConfiguration", map[string]any{"settings": tAny{map[string]any{"pyhint": map[string]any{"explanationLevel": "expert"}}}},
			func(t *testing.T, a *abuseConn, before *pulledDiagnostics) {
				if after := a.mustPull(t, abuseURI); after.ResultID == before.ResultID {
					t.Errorf("a valid configuration change left the result %s", after.ResultID)
				}
			}},
		{"$/cancelRequest", map[string]any{"id": tID(12345)}, nil},
	}
	for _, n := range notifications {
		rows = append(rows, abuseRow{
			name: "wrong types in " + n.method,
			send: func(t *testing.T, a *abuseConn) {
				before := a.mustPull(t, abuseURI)
				logged := func() int { return a.logCount(" " + n.method + ": ") }
				for i, m := range mutations(n.tmpl) {
					a.c.Notify(n.method, m.params)
					// The reply to a request sent after the notification
					// comes after the notification was handled.
					after, err := a.pull(abuseURI)
					if err != nil {
						t.Fatalf("%s with %s: pull: %v", n.method, m.what, err)
					}
					if after.ResultID != before.ResultID {
						t.Fatalf("%s with %s changed the document or the configuration", n.method, m.what)
					}
					if got := logged(); got != i+1 {
						t.Fatalf("%s with %s: %d log lines for %d bad notifications", n.method, m.what, got, i+1)
					}
				}
				t.Logf("%d wrong-typed notifications", len(mutations(n.tmpl)))
				a.c.Notify(n.method, n.tmpl)
				if n.effect != nil {
					n.effect(t, a, before)
				} else if _, err := a.pull(abuseURI); err != nil {
					t.Fatal(err)
				}
				if got, want := logged(), len(mutations(n.tmpl)); got != want {
					t.Errorf("%s with valid params was logged as an error", n.method)
				}
			},
		})
	}
	return rows
}

// textReplaced checks that the base document's text is now "x = 1", then
// restores it.
func textReplaced(t *testing.T, a *abuseConn, before *pulledDiagnostics) {
	t.Helper()
	after := a.mustPull(t, abuseURI)
	if after.ResultID == before.ResultID || len(after.Items) != 0 {
		t.Errorf("the valid notification left the text: result %s, findings %v", after.ResultID, itemCodes(after))
	}
	a.c.Open(abuseURI, 9, abuseText)
}
