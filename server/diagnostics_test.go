package server_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/pyhint/pyhint/server"
	"github.com/pyhint/pyhint/server/servertest"
)

// TestPublishedDiagnostic checks one published diagnostic field by field:
// range, severity from the rule doc, code, source, codeDescription and the
// fix in data.
func TestPublishedDiagnostic(t *testing.T) {
	c, ctx := start(t, opts(t), nil)
	const uri = "file:///w/a.py"
	c.Open(uri, 7, "x = 1\nglobal x\n")
	p, err := c.AwaitDiagnostics(ctx, uri, 7)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Diagnostics) != 1 {
		t.Fatalf("got %d diagnostics, want 1", len(p.Diagnostics))
	}
	raw, _ := json.Marshal(p.Diagnostics[0])
	var d struct {
		Range           struct{ Start, End struct{ Line, Character int } }
		Severity        int
		Code            string
		Source          string
		Message         string
		CodeDescription struct{ Href string }
		Data            struct {
			Rule  string
			Fixes []struct {
				Title string
				Safe  bool
				Edits []textEdit
			}
		}
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatal(err)
	}
	if d.Range.Start.Line != 1 || d.Range.Start.Character != 0 || d.Range.End.Line != 1 || d.Range.End.Character != 8 {
		t.Errorf("range %+v, want 1:0-1:8", d.Range)
	}
	if d.Severity != 4 { // the rule doc says hint
		t.Errorf("severity %d, want 4 (hint)", d.Severity)
	}
	if d.Code != "global-at-module-level" || d.Source != "pyhint" || !strings.Contains(d.Message, "does nothing") {
		t.Errorf("code %q source %q message %q", d.Code, d.Source, d.Message)
	}
	if !strings.HasPrefix(d.CodeDescription.Href, "https://docs.python.org/") {
		t.Errorf("codeDescription.href = %q", d.CodeDescription.Href)
	}
	if d.Data.Rule != "global-at-module-level" || len(d.Data.Fixes) != 1 || !d.Data.Fixes[0].Safe {
		t.Fatalf("data = %s", raw)
	}
	if got := applyEdits("x = 1\nglobal x\n", d.Data.Fixes[0].Edits, false); got != "x = 1\n" {
		t.Errorf("the fix in data gives %q", got)
	}
}

// TestIncrementalEdits types into a document in small incremental edits,
// on lines with emoji and CJK, and checks the diagnostics published for
// each version against the text.
func TestIncrementalEdits(t *testing.T) {
	for _, enc := range []string{"utf-16", "utf-8"} {
		t.Run(enc, func(t *testing.T) {
			p := servertest.DefaultInitializeParams("")
			p["capabilities"].(map[string]any)["general"] = map[string]any{"positionEncodings": []string{enc}}
			c, ctx := start(t, opts(t), p)
			const uri = "untitled:Untitled-1"
			text := "s = '🐍日本'\n"
			c.Open(uri, 1, text)
			if p, err := c.AwaitDiagnostics(ctx, uri, 1); err != nil || len(p.Diagnostics) != 0 {
				t.Fatalf("version 1: %v %v", p, err)
			}
			// Type "; global s" at the end of line 0, one character at a
			// time: the statement exists from the "l" of global on.
			endChar := 11 // UTF-16: s = '🐍日本' is 11 units
			if enc == "utf-8" {
				endChar = len("s = '🐍日本'")
			}
			v := int32(1)
			for i, ch := range "; global s" {
				v++
				c.Change(uri, v, servertest.Edit{StartLine: 0, StartChar: endChar + i, EndLine: 0, EndChar: endChar + i, Text: string(ch)})
			}
			text = "s = '🐍日本'; global s\n"
			pd, err := c.AwaitDiagnostics(ctx, uri, v)
			if err != nil {
				t.Fatal(err)
			}
			if got := codes(pd); len(got) != 1 || got[0] != "global-at-module-level" {
				t.Fatalf("after typing: %v", got)
			}
			r := pd.Diagnostics[0].Range
			start := lspOffset(text, int(r.Start.Line), int(r.Start.Character), enc == "utf-8")
			end := lspOffset(text, int(r.End.Line), int(r.End.Character), enc == "utf-8")
			if text[start:end] != "global s" {
				t.Errorf("diagnostic range covers %q, want %q", text[start:end], "global s")
			}
			// Delete "global s" (a range edit): the finding goes away.
			v++
			c.Change(uri, v, servertest.Edit{StartLine: 0, StartChar: int(r.Start.Character) - 2, EndLine: 0, EndChar: int(r.End.Character), Text: ""})
			pd, err = c.AwaitDiagnostics(ctx, uri, v)
			if err != nil {
				t.Fatal(err)
			}
			if len(pd.Diagnostics) != 0 {
				t.Errorf("after deleting: %v", codes(pd))
			}
		})
	}
}

// TestPublishOnlyOnChange: a version whose diagnostics are those already
// published is not published again; closing clears them.
func TestPublishOnlyOnChange(t *testing.T) {
	c, ctx := start(t, opts(t), nil)
	const uri = "file:///a.py"
	c.Open(uri, 1, "global x\n")
	if _, err := c.AwaitDiagnostics(ctx, uri, 1); err != nil {
		t.Fatal(err)
	}
	// Version 2 appends a line: the same finding at the same place. The
	// hover waits for version 2's analysis, whose publication (if any)
	// would be queued before version 3's.
	c.Change(uri, 2, servertest.Edit{StartLine: 1, StartChar: 0, EndLine: 1, EndChar: 0, Text: "y = 1\n"})
	if err := c.Call(ctx, "textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 0, "character": 0}}, nil); err != nil {
		t.Fatal(err)
	}
	c.Change(uri, 3, servertest.Edit{StartLine: 0, StartChar: 0, EndLine: 0, EndChar: 0, Text: "\n"})
	if _, err := c.AwaitDiagnostics(ctx, uri, 3); err != nil {
		t.Fatal(err)
	}
	for _, p := range c.AllPublished(uri) {
		if *p.Version == 2 {
			t.Errorf("version 2 published although its diagnostics did not change")
		}
	}
	c.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if _, err := c.Await(ctx, "textDocument/publishDiagnostics", func(p json.RawMessage) bool {
		var pd servertest.Published
		return json.Unmarshal(p, &pd) == nil && pd.URI == uri && pd.Version == nil && len(pd.Diagnostics) == 0
	}); err != nil {
		t.Fatalf("close did not clear: %v", err)
	}
}

// TestOldVersionNeverPublished holds the analysis of version 1 back until
// version 2 arrives: version 1's result must never be published.
func TestOldVersionNeverPublished(t *testing.T) {
	var first sync.Once
	held := make(chan struct{})
	o := server.WithBeforeAnalysis(opts(t), func(ctx context.Context, uri string) {
		first.Do(func() {
			close(held)
			<-ctx.Done() // released by the next edit
		})
	})
	c, ctx := start(t, o, nil)
	const uri = "file:///a.py"
	c.Open(uri, 1, "global x\n")
	<-held
	c.Change(uri, 2, servertest.Edit{StartLine: 0, StartChar: 0, EndLine: 1, EndChar: 0, Text: "def f():\n    global y\n    y = 1\n"})
	p, err := c.AwaitDiagnostics(ctx, uri, 2)
	if err != nil {
		t.Fatal(err)
	}
	if got := codes(p); len(got) != 1 || got[0] != "global-statement" {
		t.Fatalf("version 2: %v", got)
	}
	for _, p := range c.AllPublished(uri) {
		if *p.Version != 2 {
			t.Errorf("version %d published", *p.Version)
		}
	}
}

// TestRequestsDoNotReanalyse: hovers, hints and code actions answer from
// the snapshot: no analysis beyond the one per version.
func TestRequestsDoNotReanalyse(t *testing.T) {
	var analyses atomic.Int32
	o := server.WithBeforeAnalysis(opts(t), func(context.Context, string) { analyses.Add(1) })
	c, ctx := start(t, o, nil)
	const uri = "file:///a.py"
	c.Open(uri, 1, "def f():\n    global y\n    y = 1\n")
	if _, err := c.AwaitDiagnostics(ctx, uri, 1); err != nil {
		t.Fatal(err)
	}
	doc := map[string]any{"uri": uri}
	rng := map[string]any{"start": map[string]any{"line": 0, "character": 0}, "end": map[string]any{"line": 3, "character": 0}}
	for range 5 {
		var h, hints, actions json.RawMessage
		if err := c.Call(ctx, "textDocument/hover", map[string]any{"textDocument": doc, "position": map[string]any{"line": 1, "character": 6}}, &h); err != nil {
			t.Fatal(err)
		}
		if err := c.Call(ctx, "textDocument/inlayHint", map[string]any{"textDocument": doc, "range": rng}, &hints); err != nil {
			t.Fatal(err)
		}
		if err := c.Call(ctx, "textDocument/codeAction", map[string]any{"textDocument": doc, "range": rng, "context": map[string]any{"diagnostics": []any{}}}, &actions); err != nil {
			t.Fatal(err)
		}
		if string(h) == "null" || string(hints) == "[]" || string(actions) == "[]" {
			t.Fatalf("empty answers: %s %s %s", h, hints, actions)
		}
	}
	if n := analyses.Load(); n != 1 {
		t.Errorf("%d analyses for one version", n)
	}
}

// TestSeveralDocuments: documents are independent, keyed by URI.
func TestSeveralDocuments(t *testing.T) {
	c, ctx := start(t, opts(t), nil)
	uris := []string{"file:///a.py", "file:///b.py", "untitled:Untitled-1", "untitled:Untitled-2"}
	for i, u := range uris {
		c.Open(u, int32(10+i), strings.Repeat("global x\n", i+1))
	}
	for i, u := range uris {
		p, err := c.AwaitDiagnostics(ctx, u, int32(10+i))
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Diagnostics) != i+1 {
			t.Errorf("%s: %d diagnostics, want %d", u, len(p.Diagnostics), i+1)
		}
	}
}
