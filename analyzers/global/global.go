package global

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/pyts"
	"github.com/pyhint/pyhint/analyzers/scope"
)

//go:embed doc.go
var doc string

// Analyzer is the global analyzer.
var Analyzer = &analysis.Analyzer{
	Name:     "global",
	Doc:      analysis.MustExtractDoc(doc, "global"),
	Concepts: []string{"global"},
	Rules: []analysis.Rule{
		{Name: "global-statement", Concept: "global"},
		{Name: "global-unused", Concept: "global"},
		{Name: "global-at-module-level", Concept: "global"},
	},
	Kinds: []pyts.Kind{pyts.GlobalStatement, pyts.NonlocalStatement},
	Visit: visit,
}

func visit(pass *analysis.Pass, stmt pyts.Node) {
	t := pass.Tree
	names := t.ChildrenOfKind(stmt, pyts.Identifier)
	if len(names) == 0 {
		return
	}
	list := quoteNames(t, names)
	if t.Kind(stmt) == pyts.NonlocalStatement {
		pass.Anchor(stmt, "global", "rebinds enclosing variable",
			fmt.Sprintf("`nonlocal` makes assignments to %s here rebind the enclosing function's variable instead of creating a local one.", list))
		return
	}
	s := pass.Scope.ScopeOf(stmt)
	sc := pass.Scope.Scope(s)
	switch sc.Kind {
	case scope.Module:
		pass.Anchor(stmt, "global", "no effect at module level",
			fmt.Sprintf("At module level every name is already global, so `global %s` does nothing.", strings.Join(texts(t, names), ", ")))
		reportModuleLevel(pass, stmt)
		return
	case scope.Class:
		pass.Anchor(stmt, "global", "rebinds module global",
			fmt.Sprintf("Assignments to %s in this class body bind the module's names, not class attributes.", list))
		return
	}
	fn := functionName(pass, sc)
	var rebound, unused []pyts.Node
	var how []string
	for _, id := range names {
		kinds := rebinds(pass.Scope, s, t.Text(id))
		if len(kinds) == 0 {
			unused = append(unused, id)
		} else {
			rebound = append(rebound, id)
			how = append(how, fmt.Sprintf("`%s` (%s)", t.Text(id), strings.Join(kinds, ", ")))
		}
	}
	if len(rebound) > 0 {
		r := quoteNames(t, rebound)
		pass.Anchor(stmt, "global", "rebinds module global",
			fmt.Sprintf("`%s` makes %s rebind the module-level %s, so its assignments change state every caller shares.", strings.TrimSpace(t.Text(stmt)), fn, plural(len(rebound), "name", "names")+" "+r))
		pass.Reportf(stmt, "global-statement",
			"%s rebinds module-level %s through global, hidden state every caller shares; pass the value in and return the new one",
			fn, strings.Join(how, ", "))
	}
	if len(unused) > 0 {
		u := quoteNames(t, unused)
		if len(rebound) == 0 {
			pass.Anchor(stmt, "global", "unneeded global", fmt.Sprintf("This function never assigns %s, so the declaration changes nothing.", u))
		}
		pass.Reportf(stmt, "global-unused",
			"global %s is unneeded: %s never assigns %s, and reading or mutating a global needs no global statement",
			strings.Join(texts(t, unused), ", "), fn, plural(len(unused), "it", "them"))
	}
}

// rebinds returns how the scope binds name, other than by declaring it.
func rebinds(in *scope.Info, s int, name string) []string {
	var kinds []string
	for _, b := range in.Bindings(s, name) {
		if b.Kind == scope.Global || b.Kind == scope.Nonlocal {
			continue
		}
		k := b.Kind.String()
		if !contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	return kinds
}

func reportModuleLevel(pass *analysis.Pass, stmt pyts.Node) {
	t := pass.Tree
	d := pass.Doc
	msg := "global at module level does nothing: every module-level name is already global"
	line := d.LineOf(t.Start(stmt))
	start, end := d.LineStart(line), d.LineEnd(line)
	if t.End(stmt) > end {
		// Continued onto another line with a backslash: report without a fix.
		pass.Reportf(stmt, "global-at-module-level", "%s", msg)
		return
	}
	before := strings.TrimSpace(string(d.Text()[start:t.Start(stmt)]))
	after := strings.TrimSpace(string(d.Text()[t.End(stmt):end]))
	if before != "" || (after != "" && !strings.HasPrefix(after, "#")) || t.Parent(stmt) != t.Root() {
		// Shares its line with other code, or sits in a block (if/try) that
		// might be left empty: report without a fix.
		pass.Reportf(stmt, "global-at-module-level", "%s", msg)
		return
	}
	next := d.LineStart(line + 1)
	pass.ReportFix(stmt, "global-at-module-level", msg, analysis.Fix{
		Message: "Remove the global statement",
		Edits:   []analysis.TextEdit{{Range: analysis.Range{Start: start, End: next}}},
	})
}

func functionName(pass *analysis.Pass, sc *scope.Scope) string {
	t := pass.Tree
	if t.Is(sc.Node, pyts.FunctionDefinition) {
		return "function " + t.Text(t.ChildByField(sc.Node, pyts.FName))
	}
	return "this lambda"
}

func texts(t *pyts.Tree, ns []pyts.Node) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = t.Text(n)
	}
	return out
}

func quoteNames(t *pyts.Tree, ns []pyts.Node) string {
	q := texts(t, ns)
	for i := range q {
		q[i] = "`" + q[i] + "`"
	}
	return strings.Join(q, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
