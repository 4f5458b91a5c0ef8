package server_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pyhint/pyhint/server"
	"github.com/pyhint/pyhint/server/servertest"
)

// withCaps adds client capabilities under a section of the default params.
func withCaps(p map[string]any, section string, caps map[string]any) map[string]any {
	cs := p["capabilities"].(map[string]any)
	m, _ := cs[section].(map[string]any)
	if m == nil {
		m = map[string]any{}
		cs[section] = m
	}
	for k, v := range caps {
		m[k] = v
	}
	return p
}

// TestConfigurationPull: a client with workspace/configuration is asked
// for the "pyhint" section, and the first diagnostics already follow it.
func TestConfigurationPull(t *testing.T) {
	ctx := testCtx(t)
	c := servertest.Start(t, server.New(opts(t)))
	c.Handle("workspace/configuration", func(p json.RawMessage) (any, error) {
		if !strings.Contains(string(p), `"section":"pyhint"`) {
			t.Errorf("configuration request %s", p)
		}
		return []any{map[string]any{"severity": map[string]any{"global-at-module-level": "error"}}}, nil
	})
	if _, err := c.Initialize(ctx, withCaps(servertest.DefaultInitializeParams(""), "workspace", map[string]any{"configuration": true})); err != nil {
		t.Fatal(err)
	}
	const uri = "file:///a.py"
	c.Open(uri, 1, "global x\n")
	p, err := c.AwaitDiagnostics(ctx, uri, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Severity != 1 {
		t.Fatalf("first publication: %s", mustJSON(p))
	}
	for _, pd := range c.AllPublished(uri) {
		if len(pd.Diagnostics) > 0 && pd.Diagnostics[0].Severity != 1 {
			t.Errorf("a publication with the default severity: %s", mustJSON(pd))
		}
	}
}

// publishedCodes is a predicate on the latest publication for uri.
func publishedCodes(uri string, want ...string) func(json.RawMessage) bool {
	return func(p json.RawMessage) bool {
		var pd servertest.Published
		if json.Unmarshal(p, &pd) != nil || pd.URI != uri {
			return false
		}
		return strings.Join(codes(&pd), ",") == strings.Join(want, ",")
	}
}

// TestDidChangeConfiguration: pushed settings (under "pyhint") apply at
// once; without them the server pulls; either way the open documents are
// re-published.
func TestDidChangeConfiguration(t *testing.T) {
	t.Run("pushed", func(t *testing.T) {
		c, ctx := start(t, opts(t), nil)
		ignoringRepublishes(t, ctx, c)
	})
	t.Run("pulled", func(t *testing.T) {
		ctx := testCtx(t)
		c := servertest.Start(t, server.New(opts(t)))
		settings := make(chan any, 2)
		settings <- nil
		c.Handle("workspace/configuration", func(json.RawMessage) (any, error) { return []any{<-settings}, nil })
		if _, err := c.Initialize(ctx, withCaps(servertest.DefaultInitializeParams(""), "workspace", map[string]any{"configuration": true})); err != nil {
			t.Fatal(err)
		}
		const uri = "file:///a.py"
		c.Open(uri, 1, "global x\n")
		if _, err := c.Await(ctx, "textDocument/publishDiagnostics", publishedCodes(uri, "global-at-module-level")); err != nil {
			t.Fatal(err)
		}
		settings <- map[string]any{"select": []string{"global-statement"}}
		c.Notify("workspace/didChangeConfiguration", map[string]any{"settings": nil})
		if _, err := c.Await(ctx, "textDocument/publishDiagnostics", publishedCodes(uri)); err != nil {
			t.Fatal(err)
		}
	})
}

// TestInvalidSettings: each bad setting is reported with showMessage,
// naming it, and its default stays in force.
func TestInvalidSettings(t *testing.T) {
	p := servertest.DefaultInitializeParams("")
	p["initializationOptions"] = map[string]any{"explanationLevel": "guru", "select": []string{"no-such-rule"}, "inlayHints": "loud"}
	c, ctx := start(t, opts(t), p)
	for _, key := range []string{"explanationLevel", "select", "inlayHints"} {
		if _, err := c.Await(ctx, "window/showMessage", func(p json.RawMessage) bool {
			return strings.Contains(string(p), `invalid setting \"`+key+`\"`) && strings.Contains(string(p), `"type":2`)
		}); err != nil {
			t.Fatalf("no warning naming %s: %v", key, err)
		}
	}
	const uri = "file:///a.py"
	c.Open(uri, 1, "def f():\n    global y\n    y = 1\n")
	if _, err := c.Await(ctx, "textDocument/publishDiagnostics", publishedCodes(uri, "global-statement")); err != nil {
		t.Fatal(err) // the default selection
	}
	var h struct{ Contents struct{ Value string } }
	if err := c.Call(ctx, "textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 1, "character": 5}}, &h); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h.Contents.Value, "## Discussion points") {
		t.Errorf("hover is not at the default (beginner) level:\n%s", h.Contents.Value)
	}
	var hints []hint
	if err := c.Call(ctx, "textDocument/inlayHint", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": map[string]any{"start": map[string]any{"line": 0, "character": 0}, "end": map[string]any{"line": 9, "character": 0}}}, &hints); err != nil {
		t.Fatal(err)
	}
	if len(hints) != 1 {
		t.Errorf("hints not at their defaults: %v", hints)
	}
}

// TestPyproject: the workspace's pyproject.toml [tool.pyhint] applies to
// files under it (and to untitled buffers), per-file ignores included; a
// change announced by didChangeWatchedFiles is picked up; a broken file is
// reported, naming the key, and the defaults apply.
func TestPyproject(t *testing.T) {
	dir := servertest.Workspace(t, `
-- pyproject.toml --
[project]
name = "demo"

[tool.pyhint]
ignore = ["global-at-module-level"]
per-file-ignores = {"tests/*" = ["global"]}
-- a.py --
global x
def f():
    global y
    y = 1
-- tests/t.py --
def g():
    global z
    z = 1
`)
	p := withCaps(servertest.DefaultInitializeParams(dir), "workspace", map[string]any{
		"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}})
	c, ctx := start(t, opts(t), p)
	reg, err := c.AwaitRequest(ctx, "client/registerCapability")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(reg), "**/pyproject.toml") {
		t.Errorf("registration %s does not watch pyproject.toml", reg)
	}
	a := servertest.FileURI(filepath.Join(dir, "a.py"))
	tt := servertest.FileURI(filepath.Join(dir, "tests", "t.py"))
	c.Open(a, 1, servertest.ReadFile(t, dir, "a.py"))
	c.Open(tt, 1, servertest.ReadFile(t, dir, "tests/t.py"))
	c.Open("untitled:Untitled-1", 1, "global w\n")
	for uri, want := range map[string][]string{a: {"global-statement"}, tt: nil, "untitled:Untitled-1": nil} {
		pd, err := c.AwaitDiagnostics(ctx, uri, 1)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(codes(pd), ",") != strings.Join(want, ",") {
			t.Errorf("%s: %v, want %v", uri, codes(pd), want)
		}
	}
	write := func(content string) {
		if err := os.WriteFile(filepath.Join(dir, "pyproject.toml"), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		c.Notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": servertest.FileURI(filepath.Join(dir, "pyproject.toml")), "type": 2}}})
	}
	write("[tool.pyhint]\nignore = []\n")
	if _, err := c.Await(ctx, "textDocument/publishDiagnostics", publishedCodes(a, "global-at-module-level", "global-statement")); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Await(ctx, "textDocument/publishDiagnostics", publishedCodes(tt, "global-statement")); err != nil {
		t.Fatal(err)
	}
	mark := c.Mark()
	write("[tool.pyhint]\nignore = [\"global-at-module-level\"]\n")
	if _, err := c.AwaitSince(ctx, mark, "textDocument/publishDiagnostics", publishedCodes(a, "global-statement")); err != nil {
		t.Fatal(err)
	}
	// A broken file is ignored as a whole, with a warning naming the
	// key: the defaults report both findings again.
	mark = c.Mark()
	write("[tool.pyhint]\nignore = [\"global-at-module-level\"]\nexplanation_level = \"expert\"\n")
	if _, err := c.AwaitSince(ctx, mark, "window/showMessage", func(p json.RawMessage) bool {
		return strings.Contains(string(p), "explanation_level") && strings.Contains(string(p), "unknown key") && strings.Contains(string(p), `"type":2`)
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AwaitSince(ctx, mark, "textDocument/publishDiagnostics", publishedCodes(a, "global-at-module-level", "global-statement")); err != nil {
		t.Fatal(err)
	}
}

// TestPullDiagnostics: a client that can pull gets a diagnosticProvider,
// full reports, "unchanged" for an unchanged result id, a refresh request
// after a configuration change, and no pushed diagnostics.
func TestPullDiagnostics(t *testing.T) {
	p := withCaps(servertest.DefaultInitializeParams(""), "textDocument", map[string]any{"diagnostic": map[string]any{}})
	withCaps(p, "workspace", map[string]any{"diagnostics": map[string]any{"refreshSupport": true}})
	c, ctx := start(t, opts(t), p)
	const uri = "file:///a.py"
	c.Open(uri, 1, "global x\n")
	type report struct {
		Kind     string
		ResultID string
		Items    []struct{ Code string }
	}
	pull := func(prev string) report {
		var r report
		params := map[string]any{"textDocument": map[string]any{"uri": uri}}
		if prev != "" {
			params["previousResultId"] = prev
		}
		if err := c.Call(ctx, "textDocument/diagnostic", params, &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	r1 := pull("")
	if r1.Kind != "full" || len(r1.Items) != 1 || r1.Items[0].Code != "global-at-module-level" || r1.ResultID == "" {
		t.Fatalf("first pull: %+v", r1)
	}
	if r := pull(r1.ResultID); r.Kind != "unchanged" || r.ResultID != r1.ResultID {
		t.Errorf("second pull: %+v", r)
	}
	c.Change(uri, 2, servertest.Edit{StartLine: 0, StartChar: 0, EndLine: 1, EndChar: 0, Text: "x = 1\n"})
	if r := pull(r1.ResultID); r.Kind != "full" || len(r.Items) != 0 || r.ResultID == r1.ResultID {
		t.Errorf("after a change: %+v", r)
	}
	c.Notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"pyhint": map[string]any{"ignore": []string{"global"}}}})
	if _, err := c.AwaitRequest(ctx, "workspace/diagnostic/refresh"); err != nil {
		t.Fatal(err)
	}
	if err := c.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	select { // everything the server wrote has been read
	case <-c.Done():
	case <-ctx.Done():
		t.Fatal("server output did not end after exit")
	}
	if n := len(c.Notifications("textDocument/publishDiagnostics")); n != 0 {
		t.Errorf("%d diagnostics pushed to a pulling client", n)
	}
}

// TestConfigurationNeverAnswered: a client that advertises
// workspace/configuration but never replies delays the first diagnostics
// (bounded), and does not stop them.
func TestConfigurationNeverAnswered(t *testing.T) {
	ctx := testCtx(t)
	c := servertest.Start(t, server.New(server.WithConfigTimeout(opts(t), 50*time.Millisecond)))
	never := make(chan struct{})
	defer close(never)
	c.Handle("workspace/configuration", func(json.RawMessage) (any, error) {
		<-never
		return nil, nil
	})
	if _, err := c.Initialize(ctx, withCaps(servertest.DefaultInitializeParams(""), "workspace", map[string]any{"configuration": true})); err != nil {
		t.Fatal(err)
	}
	c.Open("file:///a.py", 1, "global x\n")
	if _, err := c.AwaitDiagnostics(ctx, "file:///a.py", 1); err != nil {
		t.Fatal(err)
	}
}

// TestPullWithoutRefreshGetsPush: a client that can pull diagnostics but
// cannot be asked to pull again (Neovim 0.10) is not offered pulling: it
// gets diagnostics pushed, and pushed again after a configuration change,
// instead of keeping those of the old settings until its next edit.
func TestPullWithoutRefreshGetsPush(t *testing.T) {
	ctx := testCtx(t)
	c := servertest.Start(t, server.New(opts(t)))
	res, err := c.Initialize(ctx, withCaps(servertest.DefaultInitializeParams(""), "textDocument", map[string]any{"diagnostic": map[string]any{}}))
	if err != nil {
		t.Fatal(err)
	}
	if caps, _ := res["capabilities"].(map[string]any); caps == nil || caps["diagnosticProvider"] != nil {
		t.Errorf("diagnosticProvider offered to a client without refreshSupport (or no capabilities): %v", res)
	}
	ignoringRepublishes(t, ctx, c)
}

// ignoringRepublishes opens a file with a finding, sends settings that
// ignore its concept, and waits for the diagnostics pushed without it.
func ignoringRepublishes(t *testing.T, ctx context.Context, c *servertest.Client) {
	t.Helper()
	const uri = "file:///a.py"
	c.Open(uri, 1, "global x\n")
	if _, err := c.Await(ctx, "textDocument/publishDiagnostics", publishedCodes(uri, "global-at-module-level")); err != nil {
		t.Fatal(err)
	}
	c.Notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"pyhint": map[string]any{"ignore": []string{"global"}}}})
	if _, err := c.Await(ctx, "textDocument/publishDiagnostics", publishedCodes(uri)); err != nil {
		t.Fatal(err)
	}
}
