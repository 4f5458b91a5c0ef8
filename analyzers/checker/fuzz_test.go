package checker_test

// This file defines FuzzCheck: the whole analysis (every registered
// analyzer, suppression comments, the CLI's line and column mapping and the
// application of fixes) over arbitrary bytes.
//
//	go test -run '^$' -fuzz '^FuzzCheck$' -fuzztime 10m -parallel 1 ./analyzers/checker

import (
	"bytes"
	"cmp"
	"context"
	"github.com/pyhint/pyhint/analyzers/internal/testseeds"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pyhint/pyhint/analyzers"
	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/checker"
	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/analyzers/pyts"
)

// FuzzCheck runs the checker the way `pyhint lint` does (the full registry,
// suppression comments on) over arbitrary bytes, valid UTF-8 or not (lint
// skips files that are not UTF-8 but the server's buffers and the engine
// must still survive them), and checks:
//
//   - no analyzer panics (the checker turns a panic into Result.Errors);
//   - every diagnostic, anchor and fix edit has 0 <= start <= end <= len(src),
//     on character boundaries when src is valid UTF-8;
//   - every diagnostic names a registered rule and, unless it is a
//     framework rule, a known concept, with a one-line message; every
//     anchor names a known concept;
//   - diagnostics and anchors are sorted in the checker's documented order,
//     without duplicates, and a second check gives identical results;
//   - the CLI's 1-based line and column of every range maps back to it;
//   - each fix's edits apply (they do not overlap), and the safe fixes
//     chosen as `pyhint lint --fix` chooses them apply too; on a file that
//     parsed without errors, no fix introduces a syntax error (lint
//     reports that as an internal error). Files whose statements run
//     together on a line are exempt (see runTogether).
func FuzzCheck(f *testing.F) {
	for _, src := range testseeds.Python(f) {
		f.Add(src)
	}
	for _, s := range []string{
		"",
		"\xef\xbb\xbfimport threading\nglobal x\n",
		"def f(a=[]):\r\n    a.append(1)\r\n",
		"x = [[]] * 3  # pyhint: ignore[list-multiplication-aliasing, nosuch]\n",
		"# pyhint: ignore-file[del-method]\nclass A:\n    def __del__(self): pass\n",
		"try:\n    pass\nexcept:\n    pass\n",
		"def f():\n    global \xff\n",
		"import numpy as np\nnp.array([1]) == \xc3(\n",
		"s = '\U0001F600'; t = [[]] * 2\rprint(s)\r",
	} {
		f.Add([]byte(s))
	}
	rules := map[string]analyzers.RuleInfo{}
	for _, r := range analyzers.Rules() {
		rules[r.Name] = r
	}
	known := func(rule string) bool { _, ok := rules[rule]; return ok }
	// As cmd/pyhint/internal/lint builds it.
	c := checker.New(analyzers.All()).WithSuppressions(known)
	f.Fuzz(func(t *testing.T, src []byte) {
		p := pyts.NewParser()
		defer p.Close()
		ctx := context.Background()
		doc, tree, res := checkOnce(t, ctx, c, p, src)
		_, _, again := checkOnce(t, ctx, c, p, bytes.Clone(src))
		if !reflect.DeepEqual(res, again) {
			t.Fatalf("two checks of the same source differ:\nfirst:  %+v\nsecond: %+v", res, again)
		}
		valid, clean := utf8.Valid(src), !tree.HasError() && !runTogether(tree)
		checkRange := func(what string, r analysis.Range) {
			t.Helper()
			if r.Start < 0 || r.Start > r.End || r.End > len(src) {
				t.Fatalf("%s: range [%d,%d) outside [0,%d]", what, r.Start, r.End, len(src))
			}
			if valid && (!runeBoundary(src, r.Start) || !runeBoundary(src, r.End)) {
				t.Fatalf("%s: range [%d,%d) splits a character", what, r.Start, r.End)
			}
			for _, off := range []int{r.Start, r.End} {
				line, col := doc.LineCol(off)
				if line < 1 || col < 1 || line > doc.LineCount() {
					t.Fatalf("%s: offset %d maps to line %d column %d of %d lines", what, off, line, col, doc.LineCount())
				}
				_ = doc.Line(line - 1) // the CLI prints the source line
				if !valid {
					continue
				}
				back, err := doc.OffsetOfLineCol(line, col)
				if err != nil {
					t.Fatalf("%s: line %d column %d (offset %d): %v", what, line, col, off, err)
				}
				if want := cliOffset(doc, off); back != want {
					t.Fatalf("%s: offset %d -> %d:%d -> offset %d, want %d", what, off, line, col, back, want)
				}
			}
		}
		for i, d := range res.Diagnostics {
			checkRange("diagnostic "+d.Rule, d.Range)
			ri, ok := rules[d.Rule]
			if !ok {
				t.Fatalf("diagnostic with unregistered rule %q: %+v", d.Rule, d)
			}
			if d.Message == "" || strings.ContainsAny(d.Message, "\r\n") {
				t.Fatalf("%s: message %q is not one line", d.Rule, d.Message)
			}
			// Framework rules (unused-suppression) are about pyhint's own
			// comments and teach no concept.
			if (d.Concept != "" || ri.Analyzer != "") && !analyzers.KnownConcept(d.Concept) {
				t.Fatalf("%s: unknown concept %q", d.Rule, d.Concept)
			}
			if i > 0 {
				prev := res.Diagnostics[i-1]
				if diagOrder(prev, d) >= 0 {
					t.Fatalf("diagnostics out of order or duplicated:\n%+v\n%+v", prev, d)
				}
			}
			for _, fx := range d.Fixes {
				if fx.Message == "" || len(fx.Edits) == 0 {
					t.Fatalf("%s: empty fix %+v", d.Rule, fx)
				}
				for _, e := range fx.Edits {
					checkRange("fix edit of "+d.Rule, e.Range)
				}
				out, err := analysis.ApplyEdits(src, fx.Edits)
				if err != nil {
					t.Fatalf("%s: fix %q does not apply: %v", d.Rule, fx.Message, err)
				}
				checkFixParses(t, ctx, p, clean, src, out, d.Rule+": fix "+fx.Message)
			}
		}
		for i, a := range res.Anchors {
			checkRange("anchor "+a.Concept, a.Range)
			if !analyzers.KnownConcept(a.Concept) {
				t.Fatalf("anchor with unknown concept %q: %+v", a.Concept, a)
			}
			if i > 0 {
				prev := res.Anchors[i-1]
				if anchorOrder(prev, a) >= 0 {
					t.Fatalf("anchors out of order or duplicated:\n%+v\n%+v", prev, a)
				}
			}
		}
		// `pyhint lint --fix`: the first fix of each finding whose rule's
		// fix is safe, in source order, skipping those that overlap one
		// already taken.
		edits := pickSafeFixes(res.Diagnostics, rules)
		out, err := analysis.ApplyEdits(src, edits)
		if err != nil {
			t.Fatalf("the non-overlapping safe fixes do not apply: %v", err)
		}
		checkFixParses(t, ctx, p, clean, src, out, "the safe fixes together")
	})
}

// checkOnce parses and checks src and fails on internal errors.
func checkOnce(t *testing.T, ctx context.Context, c *checker.Checker, p *pyts.Parser, src []byte) (*document.Document, *pyts.Tree, *checker.Result) {
	t.Helper()
	tree, err := p.Parse(ctx, src)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	doc := document.New(src)
	res, err := c.Check(ctx, doc, tree)
	if err != nil {
		t.Fatalf("check: %v", err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("internal errors: %v", res.Errors)
	}
	return doc, tree, res
}

// checkFixParses fails if fixing src into out turned a file that parsed
// cleanly (clean) into one with a syntax error.
func checkFixParses(t *testing.T, ctx context.Context, p *pyts.Parser, clean bool, src, out []byte, what string) {
	t.Helper()
	if !clean {
		return
	}
	after, err := p.Parse(ctx, out)
	if err != nil {
		t.Fatalf("parse fixed source: %v", err)
	}
	if after.HasError() {
		t.Fatalf("%s introduces a syntax error:\n--- before ---\n%s\n--- after ---\n%s", what, src, out)
	}
}

// compound lists the statements Python only accepts at the start of a line.
var compound = []pyts.Kind{
	pyts.FunctionDefinition, pyts.ClassDefinition, pyts.DecoratedDefinition, pyts.IfStatement, pyts.ForStatement,
	pyts.WhileStatement, pyts.TryStatement, pyts.WithStatement, pyts.MatchStatement,
}

// runTogether reports whether tree has statements on one line that Python
// would reject but the grammar accepts without an error: two statements
// with no newline or ";" between them ("import x def f(): ...",
// "f()return 0"), a compound statement on its parent's header line
// ("def f(): if x: pass"), a definition on its decorator's line, or a
// Python 2 print or exec statement. The grammar's reading of such a file is
// a guess that any edit may change, so a fix that makes it report an error
// there is no bug.
func runTogether(tree *pyts.Tree) bool {
	src := tree.Source()
	joined := func(a, b int) bool { return a <= b && bytes.IndexByte(src[a:b], '\n') < 0 }
	for n := pyts.Node(0); int(n) < tree.Len(); n++ {
		switch tree.Kind(n) {
		case pyts.PrintStatement, pyts.ExecStatement:
			return true
		case pyts.DecoratedDefinition:
			if def := tree.ChildByField(n, pyts.FDefinition); def != pyts.NoNode {
				if decos := tree.Decorators(def); len(decos) > 0 && joined(tree.End(decos[len(decos)-1]), tree.Start(def)) {
					return true
				}
			}
		case pyts.Module, pyts.Block:
			prev := pyts.NoNode
			for _, c := range tree.NamedChildren(n) {
				if tree.Is(c, pyts.Comment) {
					continue
				}
				if prev == pyts.NoNode {
					if tree.Is(n, pyts.Block) && slices.Contains(compound, tree.Kind(c)) && joined(tree.Start(tree.Parent(n)), tree.Start(c)) {
						return true
					}
				} else if joined(tree.End(prev), tree.Start(c)) && bytes.IndexByte(src[tree.End(prev):tree.Start(c)], ';') < 0 {
					return true
				}
				prev = c
			}
		}
	}
	return false
}

// diagOrder is the checker's documented order: start, end, rule, message.
func diagOrder(a, b analysis.Diagnostic) int {
	return cmp.Or(cmp.Compare(a.Range.Start, b.Range.Start), cmp.Compare(a.Range.End, b.Range.End), strings.Compare(a.Rule, b.Rule), strings.Compare(a.Message, b.Message))
}

// anchorOrder: start, then the enclosing (longer) anchor first, concept.
func anchorOrder(a, b analysis.Anchor) int {
	return cmp.Or(cmp.Compare(a.Range.Start, b.Range.Start), -cmp.Compare(a.Range.End, b.Range.End), strings.Compare(a.Concept, b.Concept))
}

// pickSafeFixes mirrors lint's choice of fixes for --fix: candidates in
// order of their first edit; one whose edits overlap an accepted edit (and
// are not identical to it) waits for the next pass.
func pickSafeFixes(diags []analysis.Diagnostic, rules map[string]analyzers.RuleInfo) []analysis.TextEdit {
	var cands []analysis.Fix
	for _, d := range diags {
		if len(d.Fixes) > 0 && len(d.Fixes[0].Edits) > 0 && rules[d.Rule].Fix == "safe" {
			cands = append(cands, d.Fixes[0])
		}
	}
	first := func(fx analysis.Fix) int {
		m := fx.Edits[0].Range.Start
		for _, e := range fx.Edits[1:] {
			m = min(m, e.Range.Start)
		}
		return m
	}
	slices.SortStableFunc(cands, func(a, b analysis.Fix) int { return cmp.Compare(first(a), first(b)) })
	var accepted []analysis.TextEdit
next:
	for _, fx := range cands {
		for _, e := range fx.Edits {
			for _, a := range accepted {
				if e != a && (e.Range.Start < a.Range.End && a.Range.Start < e.Range.End || e.Range.Start == a.Range.Start) {
					continue next
				}
			}
		}
		accepted = append(accepted, fx.Edits...)
	}
	return accepted
}

// runeBoundary reports whether off is at the start of a character of the
// valid UTF-8 text src, or at its end.
func runeBoundary(src []byte, off int) bool { return off == len(src) || utf8.RuneStart(src[off]) }

// cliOffset is where the CLI's line and column of off lead back to: off
// itself, except inside a line terminator (the line's end) and inside a
// leading byte order mark, which the CLI's columns skip.
func cliOffset(doc *document.Document, off int) int {
	line := doc.LineOf(off)
	off = min(off, doc.LineEnd(line))
	if line == 0 && bytes.HasPrefix(doc.Text(), []byte("\xef\xbb\xbf")) {
		off = max(off, 3)
	}
	return off
}
