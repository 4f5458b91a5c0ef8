package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/pyhint/pyhint/server"
	"github.com/pyhint/pyhint/server/internal/jsonrpc"
	"github.com/pyhint/pyhint/server/servertest"
)

func frame(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }

// TestMalformedFrames sends each kind of broken frame, each followed by a
// valid request: every broken one is answered -32700 (or -32600 for valid
// JSON that is no request) with "id": null, the valid request after it is
// answered, and the request hidden in a broken frame is never executed
// (the client fails the test on a reply to an id it did not send).
func TestMalformedFrames(t *testing.T) {
	cases := []struct {
		name string
		raw  string
		code int64
	}{
		{"non-numeric Content-Length", "Content-Length: abc\r\n\r\n" + `{"jsonrpc":"2.0","id":901,"method":"shutdown"}`, jsonrpc.CodeParseError},
		{"negative Content-Length", "Content-Length: -5\r\n\r\n" + `{"jsonrpc":"2.0","id":902,"method":"shutdown"}`, jsonrpc.CodeParseError},
		{"huge Content-Length", "Content-Length: 99999999999\r\n\r\n" + `{"jsonrpc":"2.0","id":903,"method":"shutdown"}`, jsonrpc.CodeParseError},
		{"no Content-Length", "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" + `{"jsonrpc":"2.0","id":904,"method":"shutdown"}`, jsonrpc.CodeParseError},
		{"garbage header", "hello there\r\n\r\n" + `{"jsonrpc":"2.0","id":905,"method":"shutdown"}`, jsonrpc.CodeParseError},
		// The declared length reaches 20 bytes into the next frame.
		{"truncated body", func() string {
			body := `{"jsonrpc":"2.0","id":906,"method":"shut`
			return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body)+20, body)
		}(), jsonrpc.CodeParseError},
		// The declared length stops inside the body; the rest is junk
		// before the next frame.
		{"body longer than declared", "Content-Length: 10\r\n\r\n" + `{"jsonrpc":"2.0","id":907,"method":"shutdown"}`, jsonrpc.CodeParseError},
		{"invalid JSON", frame(`{"jsonrpc":"2.0","id":908,"method":`), jsonrpc.CodeParseError},
		{"not JSON at all", frame(`this is not json`), jsonrpc.CodeParseError},
		{"a batch", frame(`[{"jsonrpc":"2.0","id":909,"method":"shutdown"}]`), jsonrpc.CodeInvalidRequest},
		{"no method, no result", frame(`{"jsonrpc":"2.0"}`), jsonrpc.CodeInvalidRequest},
	}
	c, ctx := start(t, opts(t), nil)
	const uri = "file:///a.py"
	c.Open(uri, 1, "global x\n")
	if _, err := c.AwaitDiagnostics(ctx, uri, 1); err != nil {
		t.Fatal(err)
	}
	for i, tc := range cases {
		c.WriteRaw([]byte(tc.raw))
		var hover map[string]any
		err := c.Call(ctx, "textDocument/hover", map[string]any{
			"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 0, "character": 1},
		}, &hover)
		if err != nil {
			t.Fatalf("%s: the request after it failed: %v", tc.name, err)
		}
		if hover == nil {
			t.Fatalf("%s: the request after it got no hover", tc.name)
		}
		errs, err := c.AwaitNullIDErrors(ctx, i+1)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if len(errs) != i+1 {
			t.Fatalf("%s: %d error replies after %d broken frames: %v", tc.name, len(errs), i+1, errs)
		}
		if errs[i].Code != tc.code {
			t.Errorf("%s: code %d (%s), want %d", tc.name, errs[i].Code, errs[i].Message, tc.code)
		}
	}
	// The server is still running: no broken frame was taken for a
	// shutdown.
	if err := c.Call(ctx, "shutdown", nil, nil); err != nil {
		t.Fatal(err)
	}
}

// TestWrongParamTypes: requests with parameters of the wrong type get
// -32602; a notification with them is logged and the server goes on.
func TestWrongParamTypes(t *testing.T) {
	c, ctx := start(t, opts(t), nil)
	const uri = "file:///a.py"
	c.Open(uri, 1, "global x\n")
	for _, tc := range []struct {
		method string
		params any
	}{
		{"textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": "zero", "character": 0}}},
		{"textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": -1, "character": 0}}},
		{"textDocument/hover", []int{1, 2}},
		{"textDocument/hover", map[string]any{"position": map[string]any{"line": 0, "character": 0}}},
		{"textDocument/inlayHint", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": "all"}},
		{"textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": 7}}},
		{"textDocument/diagnostic", map[string]any{"textDocument": "a.py"}},
		{"workspace/executeCommand", map[string]any{"command": "pyhint.explain", "arguments": []any{42}}},
		{"workspace/executeCommand", map[string]any{"command": "pyhint.nope"}},
	} {
		err := c.Call(ctx, tc.method, tc.params, nil)
		if e := servertest.AsError(err); e == nil || e.Code != jsonrpc.CodeInvalidParams {
			t.Errorf("%s %s: got %v, want -32602", tc.method, mustJSON(tc.params), err)
		}
	}
	c.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": 5, "version": "one"}})
	c.Notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2}, "contentChanges": "everything"})
	// Still alive, and the document unchanged by the bad didChange.
	c.Change(uri, 2, servertest.Edit{StartLine: 0, StartChar: 0, EndLine: 1, EndChar: 0, Text: "x = 1\n"})
	p, err := c.AwaitDiagnostics(ctx, uri, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Diagnostics) != 0 {
		t.Errorf("after replacing the global: %v", codes(p))
	}
}

// TestPositionsPastTheEnd: positions past the end are refused (hover:
// null) or clamped (ranges), never a crash.
func TestPositionsPastTheEnd(t *testing.T) {
	c, ctx := start(t, opts(t), nil)
	const uri = "file:///a.py"
	c.Open(uri, 1, "global x\n")
	if _, err := c.AwaitDiagnostics(ctx, uri, 1); err != nil {
		t.Fatal(err)
	}
	for _, pos := range []map[string]any{{"line": 100, "character": 0}, {"line": 0, "character": 10000}, {"line": 4294967295, "character": 4294967295}} {
		var hover json.RawMessage
		if err := c.Call(ctx, "textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": pos}, &hover); err != nil {
			t.Fatalf("hover at %v: %v", pos, err)
		}
		if string(hover) != "null" {
			t.Errorf("hover at %v: %s, want null", pos, hover)
		}
	}
	huge := map[string]any{"start": map[string]any{"line": 0, "character": 0}, "end": map[string]any{"line": 1 << 30, "character": 1 << 30}}
	var actions []map[string]any
	if err := c.Call(ctx, "textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": huge, "context": map[string]any{"diagnostics": []any{}}}, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) == 0 {
		t.Error("code actions over a clamped range: none")
	}
	var hints []map[string]any
	if err := c.Call(ctx, "textDocument/inlayHint", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": huge}, &hints); err != nil {
		t.Fatal(err)
	}
	if len(hints) != 1 {
		t.Errorf("inlay hints over a clamped range: %v, want the one on `global x`", hints)
	}
}

// TestDidChangeUnknownDocument: logged, ignored, the server goes on.
func TestDidChangeUnknownDocument(t *testing.T) {
	c, ctx := start(t, opts(t), nil)
	c.Change("file:///never-opened.py", 2, servertest.Edit{Text: "x"})
	if _, err := c.Await(ctx, "window/logMessage", func(p json.RawMessage) bool {
		return strings.Contains(string(p), "never-opened.py") && strings.Contains(string(p), "not open")
	}); err != nil {
		t.Fatal(err)
	}
	c.Open("file:///b.py", 1, "global y\n")
	if _, err := c.AwaitDiagnostics(ctx, "file:///b.py", 1); err != nil {
		t.Fatal(err)
	}
}

// TestDidChangeOutsideText: a change whose range lies outside the text is
// logged and the document dropped: its diagnostics are cleared, requests
// about it fail until the client reopens it, and reopening works.
func TestDidChangeOutsideText(t *testing.T) {
	c, ctx := start(t, opts(t), nil)
	const uri = "file:///a.py"
	c.Open(uri, 1, "global x\n")
	p, err := c.AwaitDiagnostics(ctx, uri, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Diagnostics) != 1 {
		t.Fatalf("version 1: %v", codes(p))
	}
	c.Change(uri, 2, servertest.Edit{StartLine: 50, StartChar: 0, EndLine: 51, EndChar: 0, Text: "y = 2\n"})
	if _, err := c.Await(ctx, "window/logMessage", func(p json.RawMessage) bool {
		return strings.Contains(string(p), "dropping the document")
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Await(ctx, "textDocument/publishDiagnostics", func(p json.RawMessage) bool {
		var pd servertest.Published
		return json.Unmarshal(p, &pd) == nil && pd.URI == uri && len(pd.Diagnostics) == 0
	}); err != nil {
		t.Fatalf("diagnostics not cleared: %v", err)
	}
	err = c.Call(ctx, "textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 0, "character": 0}}, nil)
	if e := servertest.AsError(err); e == nil || e.Code != jsonrpc.CodeInvalidParams {
		t.Fatalf("hover on a dropped document: %v, want -32602", err)
	}
	c.Open(uri, 3, "global z\n")
	p, err = c.AwaitDiagnostics(ctx, uri, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Diagnostics) != 1 {
		t.Fatalf("after reopening: %v", codes(p))
	}
}

// TestHandlerPanic: a panicking request handler is answered -32603 and
// logged; a panicking notification handler is logged; the server goes on.
func TestHandlerPanic(t *testing.T) {
	ctx := testCtx(t)
	var log strings.Builder
	var mu = make(chan struct{}, 1)
	o := opts(t)
	o.Log = writerFunc(func(b []byte) (int, error) {
		mu <- struct{}{}
		log.Write(b)
		<-mu
		return len(b), nil
	})
	c := servertest.Start(t, server.NewWithPanics(o))
	if _, err := c.Initialize(ctx, nil); err != nil {
		t.Fatal(err)
	}
	err := c.Call(ctx, "pyhint/test/panic", nil, nil)
	if e := servertest.AsError(err); e == nil || e.Code != jsonrpc.CodeInternalError {
		t.Fatalf("got %v, want -32603", err)
	}
	c.Notify("pyhint/test/panicNotification", nil)
	c.Open("file:///a.py", 1, "global x\n")
	if _, err := c.AwaitDiagnostics(ctx, "file:///a.py", 1); err != nil {
		t.Fatal(err)
	}
	mu <- struct{}{}
	got := log.String()
	<-mu
	if n := strings.Count(got, "panicked: test panic"); n != 2 {
		t.Errorf("log has %d panic reports, want 2:\n%s", n, got)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }

// TestHugeFile: a 20 MB file is accepted and kept in sync, but not
// analysed (the documented limit, session.DefaultMaxAnalyzedBytes): the
// client is told, gets empty diagnostics and null hovers, and once an edit
// brings the file under the limit it is analysed.
func TestHugeFile(t *testing.T) {
	c, ctx := start(t, opts(t), nil)
	const uri = "file:///huge.py"
	line := "global x  # padding padding padding padding padding padding padding\n"
	n := 20<<20/len(line) + 1
	c.Open(uri, 1, strings.Repeat(line, n))
	p, err := c.AwaitDiagnostics(ctx, uri, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Diagnostics) != 0 {
		t.Errorf("huge file analysed: %d diagnostics", len(p.Diagnostics))
	}
	if _, err := c.Await(ctx, "window/showMessage", func(p json.RawMessage) bool {
		return strings.Contains(string(p), "huge.py") && strings.Contains(string(p), "analysis limit")
	}); err != nil {
		t.Fatal(err)
	}
	var hover json.RawMessage
	if err := c.Call(ctx, "textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 0, "character": 1}}, &hover); err != nil {
		t.Fatal(err)
	}
	if string(hover) != "null" {
		t.Errorf("hover on the huge file: %s", hover)
	}
	// Delete all but the first line: now it is analysed.
	c.Change(uri, 2, servertest.Edit{StartLine: 1, EndLine: n, Text: ""})
	p, err = c.AwaitDiagnostics(ctx, uri, 2)
	if err != nil {
		t.Fatal(err)
	}
	if got := codes(p); len(got) != 1 || got[0] != "global-at-module-level" {
		t.Errorf("after shrinking: %v", got)
	}
}
