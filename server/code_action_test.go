package server_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/pyhint/pyhint/analyzers"
	"github.com/pyhint/pyhint/analyzers/pyts"
	"github.com/pyhint/pyhint/knowledge"
	"github.com/pyhint/pyhint/server/internal/jsonrpc"
	"github.com/pyhint/pyhint/server/servertest"
)

// action is a code action as the tests read it.
type action struct {
	Title       string
	Kind        string
	IsPreferred bool
	Diagnostics []struct{ Code string }
	Edit        *struct {
		Changes         map[string][]textEdit
		DocumentChanges []struct {
			TextDocument struct {
				URI     string
				Version *int32
			}
			Edits []textEdit
		}
	}
	Command *struct {
		Command   string
		Arguments []any
	}
}

// edits returns the action's edits of uri, checking the document version
// they were made for.
func (a action) edits(t *testing.T, uri string, version int32) []textEdit {
	t.Helper()
	if a.Edit == nil {
		t.Fatalf("action %q has no edit", a.Title)
	}
	if len(a.Edit.DocumentChanges) > 0 {
		dc := a.Edit.DocumentChanges[0]
		if dc.TextDocument.URI != uri || dc.TextDocument.Version == nil || *dc.TextDocument.Version != version {
			t.Fatalf("action %q edits %s version %v, want %s version %d", a.Title, dc.TextDocument.URI, dc.TextDocument.Version, uri, version)
		}
		return dc.Edits
	}
	return a.Edit.Changes[uri]
}

func codeActions(t *testing.T, ctx context.Context, c *servertest.Client, uri string, l0, c0, l1, c1 int, only ...string) []action {
	t.Helper()
	params := map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range": map[string]any{
			"start": map[string]any{"line": l0, "character": c0},
			"end":   map[string]any{"line": l1, "character": c1},
		},
		"context": map[string]any{"diagnostics": []any{}},
	}
	if len(only) > 0 {
		params["context"].(map[string]any)["only"] = only
	}
	var out []action
	if err := c.Call(ctx, "textDocument/codeAction", params, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func find(actions []action, title string) (action, bool) {
	for _, a := range actions {
		if a.Title == title {
			return a, true
		}
	}
	return action{}, false
}

func titles(actions []action) []string {
	var out []string
	for _, a := range actions {
		out = append(out, a.Title)
	}
	return out
}

// apply applies an action's edits the way a client does (to its buffer,
// then didChange with the same edits) and returns the new text.
func apply(t *testing.T, c *servertest.Client, uri, text string, version int32, a action) string {
	t.Helper()
	edits := a.edits(t, uri, version)
	c.Change(uri, version+1, toEdits(edits)...)
	return applyEdits(text, edits, false)
}

// TestQuickFix applies the safe fix of global-at-module-level through the
// code action and checks the text and the diagnostics of the next version.
func TestQuickFix(t *testing.T) {
	c, ctx := start(t, opts(t), nil)
	const uri = "file:///a.py"
	text := "import os\nglobal DEBUG\nDEBUG = True\n"
	c.Open(uri, 1, text)
	if p, err := c.AwaitDiagnostics(ctx, uri, 1); err != nil || len(p.Diagnostics) != 1 {
		t.Fatalf("%v %v", p, err)
	}
	actions := codeActions(t, ctx, c, uri, 1, 3, 1, 3)
	fix, ok := find(actions, "Remove the global statement")
	if !ok {
		t.Fatalf("no fix among %q", titles(actions))
	}
	if !fix.IsPreferred || fix.Kind != "quickfix" || len(fix.Diagnostics) != 1 || fix.Diagnostics[0].Code != "global-at-module-level" {
		t.Errorf("fix action: %+v", fix)
	}
	text = apply(t, c, uri, text, 1, fix)
	if text != "import os\nDEBUG = True\n" {
		t.Fatalf("fixed text %q", text)
	}
	p, err := c.AwaitDiagnostics(ctx, uri, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Diagnostics) != 0 {
		t.Errorf("after the fix: %v", codes(p))
	}
	// No finding left under the cursor: no fix offered.
	if _, ok := find(codeActions(t, ctx, c, uri, 0, 0, 0, 0), "Remove the global statement"); ok {
		t.Error("fix offered where there is no finding")
	}
}

// TestIgnoreOnLine: "Ignore <rule> on this line" adds a suppression
// comment (or extends one already there); the finding disappears and the
// suppression is not reported as unused.
func TestIgnoreOnLine(t *testing.T) {
	c, ctx := start(t, opts(t), nil)
	const uri = "file:///a.py"
	text := "global a\nglobal b  # keep this\nglobal c  # pyhint: ignore[global-unused]\nglobal d; y = 1 + \\\n    2\n"
	c.Open(uri, 1, text)
	p, err := c.AwaitDiagnostics(ctx, uri, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Diagnostics) != 5 { // four module-level globals and an unused suppression
		t.Fatalf("version 1: %v", codes(p))
	}
	const title = "Ignore global-at-module-level on this line"
	wantLines := map[int]string{
		0: "global a  # pyhint: ignore[global-at-module-level]",
		1: "global b  # keep this  # pyhint: ignore[global-at-module-level]",
		2: "global c  # pyhint: ignore[global-unused, global-at-module-level]",
	}
	v := int32(1)
	for line := 0; line < 3; line++ {
		a, ok := find(codeActions(t, ctx, c, uri, line, 0, line, 0), title)
		if !ok {
			t.Fatalf("line %d: no %q", line, title)
		}
		text = apply(t, c, uri, text, v, a)
		v++
		if got := strings.Split(text, "\n")[line]; got != wantLines[line] {
			t.Errorf("line %d: %q, want %q", line, got, wantLines[line])
		}
	}
	// A line ending in a backslash cannot take a comment.
	if _, ok := find(codeActions(t, ctx, c, uri, 3, 0, 3, 0), title); ok {
		t.Error("ignore offered on a line continued with a backslash")
	}
	p, err = c.AwaitDiagnostics(ctx, uri, v)
	if err != nil {
		t.Fatal(err)
	}
	if got := codes(p); len(got) != 2 || got[0] != "unused-suppression" || got[1] != "global-at-module-level" {
		// Left: global-unused silences nothing on line 2, and line 3.
		t.Errorf("after ignoring: %v", got)
	}
}

// TestFixAll: source.fixAll.pyhint applies every safe fix at once; asked
// for only that kind, no quick fix comes with it.
func TestFixAll(t *testing.T) {
	c, ctx := start(t, opts(t), nil)
	const uri = "file:///a.py"
	text := "global a\nx = 1\nglobal b\nglobal c\ndef f():\n    global d\n    d = 1\n"
	c.Open(uri, 1, text)
	if _, err := c.AwaitDiagnostics(ctx, uri, 1); err != nil {
		t.Fatal(err)
	}
	actions := codeActions(t, ctx, c, uri, 0, 0, 0, 0, "source.fixAll")
	if len(actions) != 1 || actions[0].Kind != "source.fixAll.pyhint" {
		t.Fatalf("only source.fixAll: got %q", titles(actions))
	}
	text = apply(t, c, uri, text, 1, actions[0])
	if want := "x = 1\ndef f():\n    global d\n    d = 1\n"; text != want {
		t.Fatalf("fixed text %q, want %q", text, want)
	}
	p, err := c.AwaitDiagnostics(ctx, uri, 2)
	if err != nil {
		t.Fatal(err)
	}
	if got := codes(p); len(got) != 1 || got[0] != "global-statement" { // no fix: stays
		t.Errorf("after fix all: %v", got)
	}
	if len(codeActions(t, ctx, c, uri, 0, 0, 0, 0, "source.fixAll")) != 0 {
		t.Error("fix all offered with nothing left to fix")
	}
	if got := codeActions(t, ctx, c, uri, 0, 0, 9, 0, "quickfix"); len(got) == 0 || strings.Contains(strings.Join(titles(got), "|"), "Fix all") {
		t.Errorf("only quickfix: %q", titles(got))
	}
}

// TestExplain: the Explain action runs pyhint.explain, which returns the
// concept's Markdown (the one renderer's output) and shows the one-line
// version with window/showMessage.
func TestExplain(t *testing.T) {
	c, ctx := start(t, opts(t), nil)
	const uri = "file:///a.py"
	c.Open(uri, 1, "def f():\n    global y\n    y = 1\n")
	if _, err := c.AwaitDiagnostics(ctx, uri, 1); err != nil {
		t.Fatal(err)
	}
	actions := codeActions(t, ctx, c, uri, 1, 5, 1, 5)
	ex, ok := find(actions, "Explain: Function rebinds a module-level name")
	if !ok {
		t.Fatalf("no explain action among %q", titles(actions))
	}
	if _, ok := find(actions, "Explain: The global keyword"); !ok {
		t.Errorf("no explain action for the concept under the cursor among %q", titles(actions))
	}
	if ex.Command == nil || ex.Command.Command != "pyhint.explain" || len(ex.Command.Arguments) != 1 {
		t.Fatalf("command %+v", ex.Command)
	}
	var md string
	if err := c.Call(ctx, "workspace/executeCommand", map[string]any{"command": ex.Command.Command, "arguments": ex.Command.Arguments}, &md); err != nil {
		t.Fatal(err)
	}
	d, _ := knowledge.Lookup("global-statement")
	if md != knowledge.Render(d, knowledge.Markdown, knowledge.Beginner) {
		t.Errorf("explain returned:\n%s", md)
	}
	if _, err := c.Await(ctx, "window/showMessage", func(p json.RawMessage) bool {
		return strings.Contains(string(p), "Function rebinds a module-level name") && strings.Contains(string(p), "https://docs.python.org/")
	}); err != nil {
		t.Fatal(err)
	}
	// A concept with options; and an unknown id, with suggestions.
	if err := c.Call(ctx, "workspace/executeCommand", map[string]any{"command": "pyhint.explain", "arguments": []any{map[string]any{"id": "global", "level": "expert", "format": "text"}}}, &md); err != nil {
		t.Fatal(err)
	}
	g, _ := knowledge.Lookup("global")
	if md != knowledge.Render(g, knowledge.Text, knowledge.Expert) {
		t.Errorf("explain global expert text: %q", md)
	}
	// "notify": false, from a client that shows the result itself: no
	// showMessage. A reply's messages are written before the reply, so a
	// showMessage would have been read by the time the call returns.
	before := len(c.Notifications("window/showMessage"))
	if err := c.Call(ctx, "workspace/executeCommand", map[string]any{"command": "pyhint.explain", "arguments": []any{map[string]any{"id": "gil", "notify": false}}}, &md); err != nil || !strings.Contains(md, "GIL") {
		t.Fatalf("explain gil without notify: %v, %.80q", err, md)
	}
	if err := c.Call(ctx, "workspace/executeCommand", map[string]any{"command": "pyhint.explain", "arguments": []any{map[string]any{"id": "gil", "notify": true}}}, &md); err != nil {
		t.Fatal(err)
	}
	if after := c.Notifications("window/showMessage"); len(after) != before+1 || !strings.Contains(string(after[len(after)-1]), "GIL") {
		t.Errorf("showMessages after explain with notify false then true: %d new, want 1 (the second call's)", len(after)-before)
	}
	err := c.Call(ctx, "workspace/executeCommand", map[string]any{"command": "pyhint.explain", "arguments": []any{"globl"}}, nil)
	if e := servertest.AsError(err); e == nil || e.Code != jsonrpc.CodeInvalidParams || !strings.Contains(e.Message, "did you mean global") {
		t.Errorf("unknown id: %v", err)
	}
	// An anchor with no finding: the concept's explain action.
	c.Open("file:///b.py", 1, "def f():\n    x = 1\n    def g():\n        nonlocal x\n        x = 2\n")
	if _, err := c.AwaitDiagnostics(ctx, "file:///b.py", 1); err != nil {
		t.Fatal(err)
	}
	if _, ok := find(codeActions(t, ctx, c, "file:///b.py", 3, 10, 3, 10), "Explain: The global keyword"); !ok {
		t.Error("no concept explain action on nonlocal")
	}
}

// namedFixes are the quick fixes issue 3 names, by rule, with a snippet
// that triggers each. Rules not registered yet are skipped; the
// machinery itself is generic and tested with global-at-module-level.
var namedFixes = []struct{ rule, src string }{
	{"bare-except", "try:\n    pass\nexcept:\n    pass\n"},
	{"mutable-default-argument", "def f(x=[]):\n    x.append(1)\n    return x\n"},
	{"list-multiplication-aliasing", "grid = [[0] * 3] * 3\n"},
	{"list-comprehension-in-call", "total = sum([x * x for x in range(10)])\n"},
	{"wrapper-without-wraps", "def deco(func):\n    def wrapper(*args, **kwargs):\n        return func(*args, **kwargs)\n    return wrapper\n"},
	{"thread-target-called", "import threading\n\ndef work():\n    pass\n\nt = threading.Thread(target=work())\n"},
	{"global-at-module-level", "global x\nx = 1\n"},
}

// TestNamedQuickFixes applies the preferred quick fix of each named rule
// that is registered: the finding goes away and the result parses.
func TestNamedQuickFixes(t *testing.T) {
	for _, tc := range namedFixes {
		t.Run(tc.rule, func(t *testing.T) {
			if _, ok := analyzers.Rule(tc.rule); !ok {
				t.Skipf("rule %s is not registered yet", tc.rule)
			}
			c, ctx := start(t, opts(t), nil)
			const uri = "file:///a.py"
			c.Open(uri, 1, tc.src)
			p, err := c.AwaitDiagnostics(ctx, uri, 1)
			if err != nil {
				t.Fatal(err)
			}
			var line int = -1
			for _, d := range p.Diagnostics {
				if d.Code == tc.rule {
					line = int(d.Range.Start.Line)
				}
			}
			if line < 0 {
				t.Fatalf("no %s finding in %q: %v", tc.rule, tc.src, codes(p))
			}
			// The first fix of the rule's finding: preferred when the rule's
			// fix is safe, marked unsafe in its title otherwise.
			ri, _ := analyzers.Rule(tc.rule)
			var fix *action
			for _, a := range codeActions(t, ctx, c, uri, line, 0, line, 200) {
				if a.Edit != nil && len(a.Diagnostics) > 0 && a.Diagnostics[0].Code == tc.rule && !strings.HasPrefix(a.Title, "Ignore ") {
					fix = &a
					break
				}
			}
			if fix == nil {
				t.Fatalf("no quick fix for %s", tc.rule)
			}
			if safe := ri.Fix == "safe"; fix.IsPreferred != safe || strings.Contains(fix.Title, "unsafe") == safe {
				t.Errorf("fix %q of a rule whose fix is %s: preferred=%v", fix.Title, ri.Fix, fix.IsPreferred)
			}
			text := apply(t, c, uri, tc.src, 1, *fix)
			p, err = c.AwaitDiagnostics(ctx, uri, 2)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range p.Diagnostics {
				if d.Code == tc.rule {
					t.Errorf("%s still reported after its fix:\n%s", tc.rule, text)
				}
			}
			if tree, err := pyts.Parse([]byte(text)); err != nil || tree.HasError() {
				t.Errorf("fixed text does not parse:\n%s", text)
			}
		})
	}
}
