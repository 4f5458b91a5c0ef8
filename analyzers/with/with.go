package with

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/pyts"
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
	items := t.ChildrenOfKind(clause, pyts.WithItem)
	if len(items) == 0 {
		return
	}
	r := analysis.Range{Start: t.Start(stmt), End: pass.FirstLineEnd(stmt, clause)}
	kw := "with"
	if async {
		kw = "async with"
	}
	if len(items) != 1 {
		var parts []string
		for _, it := range items {
			parts = append(parts, t.ShortText(it, 30))
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
	value, target := t.SplitAs(t.ChildByField(item, pyts.FValue))
	value = t.Unparen(value)
	code := t.ShortText(item, 40)
	as := ""
	if target != pyts.NoNode {
		as = t.ShortText(target, 20)
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
	header := pass.DefHeader(def)
	fname := t.Text(name)
	if h, ok := dunderHints[fname]; ok {
		if cls := pass.EnclosingClass(def); cls != pyts.NoNode {
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
	found := false
	t.WalkSkippingDefs(st, func(d pyts.Node) bool {
		found = t.Is(d, pyts.ReturnStatement) || t.Is(d, pyts.RaiseStatement)
		return !found
	})
	return found
}

// inCleanup reports whether n lies in a finally or except clause below root.
func inCleanup(t *pyts.Tree, n, root pyts.Node) bool {
	return t.AncestorWithin(n, root, pyts.FinallyClause, pyts.ExceptClause, pyts.ExceptGroupClause) != pyts.NoNode
}
