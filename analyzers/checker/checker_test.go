package checker_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/checker"
	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/analyzers/pyts"
)

// callRule reports every call; it is a probe for the checker's dispatch.
var callRule = &analysis.Analyzer{
	Name: "calls", Doc: "calls: test", Concepts: []string{"global"},
	Rules: []analysis.Rule{{Name: "call", Concept: "global"}},
	Kinds: []pyts.Kind{pyts.Call},
	Visit: func(p *analysis.Pass, n pyts.Node) {
		p.Reportf(n, "call", "call to %s", p.Text(p.Tree.ChildByField(n, pyts.FFunction)))
		p.Anchor(n, "global", "", "")
	},
}

var panicky = &analysis.Analyzer{
	Name: "panicky", Doc: "panicky: test",
	Kinds: []pyts.Kind{pyts.Call},
	Visit: func(p *analysis.Pass, n pyts.Node) { panic("boom") },
}

func check(t *testing.T, c *checker.Checker, src string) *checker.Result {
	t.Helper()
	p := pyts.NewParser()
	defer p.Close()
	_, res, err := c.CheckSource(context.Background(), p, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestDispatchAndSort(t *testing.T) {
	res := check(t, checker.New([]*analysis.Analyzer{callRule}), "b()\na(c())\nx = 1\n")
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, d.Message)
	}
	if strings.Join(got, ";") != "call to b;call to a;call to c" {
		t.Errorf("diagnostics = %q (want source order, only calls)", got)
	}
	if res.Diagnostics[0].Concept != "global" {
		t.Error("concept not filled from the rule")
	}
	if len(res.Anchors) != 3 || res.Anchors[1].Range.Start > res.Anchors[2].Range.Start {
		t.Errorf("anchors = %+v", res.Anchors)
	}
}

func TestPanicBecomesInternalError(t *testing.T) {
	res := check(t, checker.New([]*analysis.Analyzer{panicky, callRule}), "a()\nb()\n")
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "analyzer panicky panicked") {
		t.Fatalf("errors = %v, want one internal error (the analyzer is disabled after its first panic)", res.Errors)
	}
	if len(res.Diagnostics) != 2 {
		t.Errorf("the other analyzer's results must be complete: %d diagnostics", len(res.Diagnostics))
	}
}

func TestNothingReportedInBrokenCode(t *testing.T) {
	c := checker.New([]*analysis.Analyzer{callRule})
	// Inside an ERROR node, and in a function whose body has a syntax error.
	res := check(t, c, "x = (a( ]\ndef f():\n    g()\n    y = [\n\ndef ok():\n    h()\n")
	for _, d := range res.Diagnostics {
		if d.Message != "call to h" {
			t.Errorf("reported %q in a broken region", d.Message)
		}
	}
	// A clean sibling function in a file with an error elsewhere is still checked.
	res = check(t, c, "def ok():\n    h()\n\ndef bad():\n    y = 1 +\n    return g()\n")
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].Message != "call to h" {
		t.Errorf("diagnostics = %+v", res.Diagnostics)
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	tree, _ := pyts.Parse([]byte(strings.Repeat("f()\n", 5000)))
	_, err := checker.New([]*analysis.Analyzer{callRule}).Check(ctx, document.New(tree.Source()), tree)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestUndeclaredRulePanicsIntoError(t *testing.T) {
	bad := &analysis.Analyzer{Name: "bad", Doc: "bad: x", Kinds: []pyts.Kind{pyts.Call},
		Visit: func(p *analysis.Pass, n pyts.Node) { p.Reportf(n, "not-mine", "x") }}
	res := check(t, checker.New([]*analysis.Analyzer{bad}), "f()\n")
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "undeclared rule") || len(res.Diagnostics) != 0 {
		t.Errorf("errors = %v, diags = %v", res.Errors, res.Diagnostics)
	}
}
