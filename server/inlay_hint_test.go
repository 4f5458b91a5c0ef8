package server_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/pyhint/pyhint/server/servertest"
)

type hint struct {
	Position struct{ Line, Character int }
	Label    string
	Tooltip  *struct{ Kind, Value string }
}

func inlayHints(t *testing.T, ctx context.Context, c *servertest.Client, uri string, l0, l1 int) []string {
	t.Helper()
	var hs []hint
	err := c.Call(ctx, "textDocument/inlayHint", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range": map[string]any{
			"start": map[string]any{"line": l0, "character": 0},
			"end":   map[string]any{"line": l1, "character": 0},
		},
	}, &hs)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range hs {
		s := fmt.Sprintf("%d:%d %s", h.Position.Line, h.Position.Character, h.Label)
		if h.Tooltip == nil || h.Tooltip.Value == "" {
			s += " (no tooltip)"
		}
		out = append(out, s)
	}
	return out
}

// hintSource has, per line: a pitfall (global-statement), a concept with no
// finding (nonlocal), two pitfalls on one line, and a line with an emoji
// before the construct (UTF-16: 10 units, then "global s" ends at 18).
const hintSource = `def f():
    global a
    a = 1
def g():
    x = 1
    def h():
        nonlocal x
        x = 2
global b; global c
s = "🐍"; global s
`

// TestInlayHints checks the hint kinds and their settings, one hint per
// line, positions (UTF-16) and the requested range.
func TestInlayHints(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings map[string]any
		want     []string
	}{
		{"default: pitfalls only", nil, []string{
			"1:12 rebinds module global", "8:8 no effect at module level", "9:18 no effect at module level"}},
		{"concepts on", map[string]any{"inlayHints": map[string]any{"concepts": true}}, []string{
			"1:12 rebinds module global", "6:18 rebinds enclosing variable", "8:8 no effect at module level", "9:18 no effect at module level"}},
		{"pitfalls off", map[string]any{"inlayHints": map[string]any{"pitfalls": false}}, nil},
		{"one concept off", map[string]any{"inlayHints": map[string]any{"concepts": true, "kinds": map[string]any{"global": false}}}, nil},
		{"one concept on", map[string]any{"inlayHints": map[string]any{"pitfalls": false, "kinds": map[string]any{"global": true}}}, []string{
			"1:12 rebinds module global", "6:18 rebinds enclosing variable", "8:8 no effect at module level", "9:18 no effect at module level"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := servertest.DefaultInitializeParams("")
			if tc.settings != nil {
				p["initializationOptions"] = tc.settings
			}
			c, ctx := start(t, opts(t), p)
			const uri = "file:///a.py"
			c.Open(uri, 1, hintSource)
			if _, err := c.AwaitDiagnostics(ctx, uri, 1); err != nil {
				t.Fatal(err)
			}
			got := inlayHints(t, ctx, c, uri, 0, 100)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("hints:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
	t.Run("range", func(t *testing.T) {
		c, ctx := start(t, opts(t), nil)
		const uri = "file:///a.py"
		c.Open(uri, 1, hintSource)
		if got := inlayHints(t, ctx, c, uri, 3, 9); fmt.Sprint(got) != fmt.Sprint([]string{"8:8 no effect at module level"}) {
			t.Errorf("lines 3-9: %q", got)
		}
		if got := inlayHints(t, ctx, c, uri, 2, 3); len(got) != 0 {
			t.Errorf("lines 2-3: %q", got)
		}
	})
}
