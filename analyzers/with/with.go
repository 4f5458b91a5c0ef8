package with

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/pyts"
	"github.com/pyhint/pyhint/analyzers/scope"
)

//go:embed doc.go
var doc string

const concept = "with"

// Analyzer is the with analyzer.
var Analyzer = &analysis.Analyzer{
	Name:     "with",
	Doc:      analysis.MustExtractDoc(doc, "with"),
	Concepts: []string{concept},
	Rules: []analysis.Rule{
		{Name: "open-without-with", Concept: concept},
		{Name: "lock-without-with", Concept: concept},
		{Name: "contextmanager-without-finally", Concept: concept},
		{Name: "exit-suppresses-all", Concept: concept},
	},
	Kinds: []pyts.Kind{pyts.WithStatement, pyts.FunctionDefinition, pyts.Call},
	Visit: visit,
}

func visit(pass *analysis.Pass, n pyts.Node) {
	switch pass.Tree.Kind(n) {
	case pyts.WithStatement:
		anchorWith(pass, n)
	case pyts.FunctionDefinition:
		visitFunction(pass, n)
	case pyts.Call:
		if isOpenCall(pass, n) {
			checkOpen(pass, n)
		}
		checkAcquire(pass, n)
	}
}

// anchorWith anchors a with statement from its first keyword to the end of
// its with_clause (or of the clause's first line).
//
//	with open(path) as f, lock:
//	^^^^^^^^^^^^^^^^^^^^^^^^^^
func anchorWith(pass *analysis.Pass, stmt pyts.Node) {
	t := pass.Tree
	clause := t.ChildOfKind(stmt, pyts.WithClause)
	if clause == pyts.NoNode {
		return
	}
	async := t.Is(t.FirstChild(stmt), pyts.KwAsync)
	var items []pyts.Node
	for _, c := range t.NamedChildren(clause) {
		if t.Is(c, pyts.WithItem) {
			items = append(items, c)
		}
	}
	if len(items) == 0 {
		return
	}
	r := analysis.Range{Start: t.Start(stmt), End: firstLineEnd(pass, stmt, clause)}
	kw := "with"
	if async {
		kw = "async with"
	}
	if len(items) != 1 {
		var parts []string
		for _, it := range items {
			parts = append(parts, short(t, it, 30))
		}
		hint := "context managers"
		if async {
			hint = "async context managers"
		}
		pass.AnchorRange(r, concept, hint, fmt.Sprintf(
			"`%s %s` enters the context managers left to right and exits them in reverse order when the block ends, even on an exception.",
			kw, strings.Join(parts, ", ")))
		return
	}
	hint, detail := describeItem(pass, items[0], async)
	pass.AnchorRange(r, concept, hint, detail)
}

// describeItem explains one with_item.
func describeItem(pass *analysis.Pass, item pyts.Node, async bool) (hint, detail string) {
	t := pass.Tree
	value := t.ChildByField(item, pyts.FValue)
	target := pyts.NoNode
	if t.Is(value, pyts.AsPattern) {
		if alias := t.ChildByField(value, pyts.FAlias); alias != pyts.NoNode {
			target = t.NamedChild(alias, 0)
		}
		value = t.NamedChild(value, 0)
	}
	value = t.Unparen(value)
	code := short(t, item, 40)
	as := ""
	if target != pyts.NoNode {
		as = short(t, target, 20)
	}
	switch {
	case async:
		return "async context manager", fmt.Sprintf(
			"`async with %s` awaits `__aenter__()` on entry and `__aexit__()` when the block ends, even on an exception.", code)
	case t.Is(value, pyts.Call) && isOpenCall(pass, value):
		if as != "" {
			return "closes on exit", fmt.Sprintf("`with %s` closes `%s` when the block ends, even on an exception.", code, as)
		}
		return "closes on exit", fmt.Sprintf("`with %s` closes the file when the block ends, even on an exception.", code)
	case isLock(pass, value) || (t.Is(value, pyts.Call) && lockCtors[pass.Callee(value)]):
		return "releases on exit", fmt.Sprintf(
			"`with %s` acquires the lock here and releases it when the block ends, even on an exception.", code)
	case t.Is(value, pyts.Call) && pass.Callee(value) == "contextlib.suppress":
		return "suppresses exceptions", fmt.Sprintf(
			"`with %s` silently ends the block at the first listed exception raised in it and continues after the `with`.", code)
	}
	if as != "" {
		return "context manager", fmt.Sprintf(
			"`with %s` binds what `__enter__()` returns to `%s` and calls `__exit__()` when the block ends, even on an exception.", code, as)
	}
	return "context manager", fmt.Sprintf(
		"`with %s` calls `__enter__()` on entry and `__exit__()` when the block ends, even on an exception.", code)
}

var dunderHints = map[string][2]string{
	"__enter__": {"runs at with entry",
		"`%s.__enter__` runs when a `with` block starts; what it returns is bound to the `as` target."},
	"__aenter__": {"awaited at async with entry",
		"`%s.__aenter__` is awaited when an `async with` block starts; what it returns is bound to the `as` target."},
	"__exit__": {"runs at with exit",
		"`%s.__exit__` runs when the `with` block ends, normally or by an exception (passed in as its arguments); a true return value suppresses that exception."},
	"__aexit__": {"awaited at async with exit",
		"`%s.__aexit__` is awaited when the `async with` block ends, normally or by an exception (passed in as its arguments); a true return value suppresses that exception."},
}

func visitFunction(pass *analysis.Pass, def pyts.Node) {
	t := pass.Tree
	name := t.ChildByField(def, pyts.FName)
	if name == pyts.NoNode {
		return
	}
	header := analysis.Range{Start: t.Start(def), End: t.End(name)}
	fname := t.Text(name)
	if h, ok := dunderHints[fname]; ok {
		if cls := enclosingClass(pass, def); cls != pyts.NoNode {
			pass.AnchorRange(header, concept, h[0], fmt.Sprintf(h[1], t.Text(t.ChildByField(cls, pyts.FName))))
			if fname == "__exit__" || fname == "__aexit__" {
				checkExit(pass, def)
			}
		}
	}
	if dec := contextManagerDecorator(pass, def); dec != pyts.NoNode {
		pass.Anchor(dec, concept, "context manager generator", fmt.Sprintf(
			"`%s` makes `%s()` usable in `with`: the code before its `yield` runs on entry, the code after it on exit.",
			strings.TrimSpace(t.Text(dec)), fname))
		checkContextManager(pass, def)
	}
}

// enclosingClass returns the class whose body directly defines def, or NoNode.
func enclosingClass(pass *analysis.Pass, def pyts.Node) pyts.Node {
	s := pass.Scope.ScopeOf(def)
	if pass.Scope.Scopes[s].Kind != scope.Class {
		return pyts.NoNode
	}
	return pass.Scope.Scopes[s].Node
}

// checkExit reports a `return True` at the top level of an __exit__ body
// that no earlier return or raise can pre-empt.
//
//	def __exit__(self, *exc):
//	    self.close()
//	    return True
func checkExit(pass *analysis.Pass, def pyts.Node) {
	t := pass.Tree
	body := t.ChildByField(def, pyts.FBody)
	for _, st := range t.NamedChildren(body) {
		if t.Is(st, pyts.ReturnStatement) {
			if v := t.Unparen(t.NamedChild(st, 0)); t.Is(v, pyts.True) {
				pass.Reportf(st, "exit-suppresses-all",
					"`%s` returning `True` unconditionally tells Python every exception in the `with` block was handled, so errors (even Ctrl-C) vanish; return nothing, or `True` only for the exception types you mean to suppress",
					t.Text(t.ChildByField(def, pyts.FName)))
			}
			return
		}
		if exits(t, st) {
			return
		}
	}
}

// exits reports whether statement st contains a return or raise of its own
// function (not of a nested def or lambda).
func exits(t *pyts.Tree, st pyts.Node) bool {
	end := t.SubtreeEnd(st)
	for d := st; d < end; d++ {
		switch t.Kind(d) {
		case pyts.FunctionDefinition, pyts.ClassDefinition, pyts.Lambda:
			d = t.SubtreeEnd(d) - 1
		case pyts.ReturnStatement, pyts.RaiseStatement:
			return true
		}
	}
	return false
}

// short returns n's text with whitespace runs collapsed, elided when it is
// longer than about max bytes: a call keeps its function (`open(...)`), an
// as pattern its target.
func short(t *pyts.Tree, n pyts.Node, max int) string {
	s := collapse(t.Text(n))
	if len(s) <= max {
		return s
	}
	switch t.Kind(n) {
	case pyts.Call:
		if f := collapse(t.Text(t.ChildByField(n, pyts.FFunction))); len(f) <= max {
			return f + "(...)"
		}
	case pyts.WithItem:
		return short(t, t.ChildByField(n, pyts.FValue), max)
	case pyts.AsPattern:
		if alias := t.ChildByField(n, pyts.FAlias); alias != pyts.NoNode {
			return short(t, t.NamedChild(n, 0), max) + " as " + short(t, alias, 20)
		}
	}
	return truncate(s, max)
}

func collapse(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.ReplaceAll(strings.ReplaceAll(s, "( ", "("), " )", ")")
}

// truncate cuts s to at most max bytes (at a rune boundary) ending in "...".
func truncate(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max - 3
	if cut < 1 {
		cut = 1
	}
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

// up returns the outermost parenthesized_expression around n (or n) and
// its parent: the context that receives n's value.
func up(t *pyts.Tree, n pyts.Node) (pyts.Node, pyts.Node) {
	for {
		p := t.Parent(n)
		if p == pyts.NoNode || !t.Is(p, pyts.ParenthesizedExpression) {
			return n, p
		}
		n = p
	}
}

// inCleanup reports whether n lies in a finally or except clause below root.
func inCleanup(t *pyts.Tree, n, root pyts.Node) bool {
	for p := t.Parent(n); p != pyts.NoNode && p != root; p = t.Parent(p) {
		switch t.Kind(p) {
		case pyts.FinallyClause, pyts.ExceptClause, pyts.ExceptGroupClause:
			return true
		}
	}
	return false
}

// firstLineEnd returns the end of the last token of from..to's subtrees that
// starts on the line where from starts (comments aside): a multi-line
// construct is anchored on its first line.
func firstLineEnd(pass *analysis.Pass, from, to pyts.Node) int {
	t := pass.Tree
	line := pass.Doc.LineOf(t.Start(from))
	end := t.End(to)
	if pass.Doc.LineOf(end) == line {
		return end
	}
	end = t.Start(from)
	last := t.SubtreeEnd(to)
	for d := from; d < last; d++ {
		if t.FirstChild(d) != pyts.NoNode || t.Is(d, pyts.Comment) {
			continue
		}
		if pass.Doc.LineOf(t.Start(d)) != line {
			break
		}
		end = max(end, t.End(d))
	}
	return end
}
