package server_test

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pyhint/pyhint/server"
	"github.com/pyhint/pyhint/server/servertest"
)

// testCtx bounds every wait of a test: a silent server fails it.
func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// logWriter sends the server's log to the test log until the test's
// cleanup: a server's reading goroutine can outlive Serve (it is blocked in
// a read), and testing forbids logging after a test ends.
type logWriter struct {
	t    testing.TB
	mu   sync.Mutex
	done bool
}

func (w *logWriter) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.done {
		w.t.Log(strings.TrimSuffix(string(b), "\n"))
	}
	return len(b), nil
}

func newLogWriter(t testing.TB) *logWriter {
	w := &logWriter{t: t}
	t.Cleanup(func() {
		w.mu.Lock()
		w.done = true
		w.mu.Unlock()
	})
	return w
}

func opts(t testing.TB) server.Options {
	return server.Options{Version: "test-1.2.3", Log: newLogWriter(t), Debounce: -1}
}

// start runs a server and initializes it with params (nil: a default
// client's).
func start(t *testing.T, o server.Options, params map[string]any) (*servertest.Client, context.Context) {
	t.Helper()
	ctx := testCtx(t)
	c := servertest.Start(t, server.New(o))
	if _, err := c.Initialize(ctx, params); err != nil {
		t.Fatal(err)
	}
	return c, ctx
}

// mustJSON renders v for messages.
func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// codes returns the diagnostics' codes.
func codes(p *servertest.Published) []string {
	var out []string
	for _, d := range p.Diagnostics {
		out = append(out, d.Code.(string))
	}
	return out
}

// lspOffset converts an LSP position to a byte offset, counted here
// independently of the server's Document: bytes for UTF-8, UTF-16 units
// otherwise; lines end at "\n" (the tests' texts have no lone "\r").
func lspOffset(text string, line, char int, utf8Enc bool) int {
	off := 0
	for l := 0; l < line; l++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	end := strings.IndexByte(text[off:], '\n')
	if end < 0 {
		end = len(text) - off
	}
	lineText := strings.TrimSuffix(text[off:off+end], "\r")
	if utf8Enc {
		return off + min(char, len(lineText))
	}
	n := 0
	for i, r := range lineText {
		if n >= char {
			return off + i
		}
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return off + len(lineText)
}

// textEdit is an LSP text edit as the tests read it.
type textEdit struct {
	Range struct {
		Start struct{ Line, Character int } `json:"start"`
		End   struct{ Line, Character int } `json:"end"`
	} `json:"range"`
	NewText string `json:"newText"`
}

// applyEdits applies non-overlapping LSP edits to text, as a client does.
func applyEdits(text string, edits []textEdit, utf8Enc bool) string {
	type abs struct {
		start, end int
		s          string
	}
	var as []abs
	for _, e := range edits {
		as = append(as, abs{
			lspOffset(text, e.Range.Start.Line, e.Range.Start.Character, utf8Enc),
			lspOffset(text, e.Range.End.Line, e.Range.End.Character, utf8Enc),
			e.NewText,
		})
	}
	sort.SliceStable(as, func(i, j int) bool { return as[i].start > as[j].start })
	for _, a := range as {
		text = text[:a.start] + a.s + text[a.end:]
	}
	return text
}

// toEdits turns text edits into the didChange edits that make the same
// change (each relative to the text left by the previous one: applied
// from the end, the earlier ranges stay valid).
func toEdits(edits []textEdit) []servertest.Edit {
	sorted := append([]textEdit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i].Range.Start, sorted[j].Range.Start
		return a.Line > b.Line || a.Line == b.Line && a.Character > b.Character
	})
	var out []servertest.Edit
	for _, e := range sorted {
		out = append(out, servertest.Edit{
			StartLine: e.Range.Start.Line, StartChar: e.Range.Start.Character,
			EndLine: e.Range.End.Line, EndChar: e.Range.End.Character, Text: e.NewText,
		})
	}
	return out
}
