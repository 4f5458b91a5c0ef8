package with

// This file defines the contextmanager-without-finally rule.

import (
	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/pyts"
)

// contextManagerDecorator returns def's @contextmanager or
// @asynccontextmanager decorator, or NoNode.
func contextManagerDecorator(pass *analysis.Pass, def pyts.Node) pyts.Node {
	return pass.DecoratedWith(def, "contextlib.contextmanager", "contextlib.asynccontextmanager")
}

// checkContextManager reports each yield of a @contextmanager generator that
// is followed by statements an exception thrown in at the yield would skip.
func checkContextManager(pass *analysis.Pass, def pyts.Node) {
	t := pass.Tree
	t.WalkSkippingDefs(t.ChildByField(def, pyts.FBody), func(d pyts.Node) bool {
		if t.Is(d, pyts.Yield) && skipsCleanup(pass, d, def) {
			pass.Reportf(d, "contextmanager-without-finally",
				"if the `with` block raises, the exception is thrown in at this `yield` and the cleanup after it never runs; wrap the `yield` in `try:` and move the cleanup to `finally:`")
		}
		return true
	})
}

// skipsCleanup reports whether statements follow yield y and an exception
// raised at y would skip them: y is not in a try with a finally clause, in
// the body of a try with a broad except handler, or in a with block.
func skipsCleanup(pass *analysis.Pass, y, def pyts.Node) bool {
	t := pass.Tree
	after := false
	done := false // a return or raise ends the path after y
	c := y
	for a := t.Parent(y); a != def && a != pyts.NoNode; c, a = a, t.Parent(a) {
		switch t.Kind(a) {
		case pyts.TryStatement:
			if t.Is(c, pyts.FinallyClause) {
				continue
			}
			if t.ChildOfKind(a, pyts.FinallyClause) != pyts.NoNode {
				return false
			}
			if t.Field(c) != pyts.FBody {
				continue // in an except or else clause
			}
			if hasBroadHandler(pass, a) {
				return false
			}
			// The else clause of a try with handlers is the deliberate
			// normal-path branch (try: yield / except E: ... / else: ...).
		case pyts.WithStatement:
			if t.Field(c) == pyts.FBody {
				return false
			}
		case pyts.Block:
			for s := t.NextSibling(c); s != pyts.NoNode && !done; s = t.NextSibling(s) {
				if isWork(t, s) {
					after = true
				}
				if t.Is(s, pyts.ReturnStatement) || t.Is(s, pyts.RaiseStatement) {
					done = true
				}
			}
		}
	}
	return after
}

// hasBroadHandler reports whether try statement n has a bare except or an
// except Exception / BaseException handler.
func hasBroadHandler(pass *analysis.Pass, n pyts.Node) bool {
	t := pass.Tree
	for _, h := range t.NamedChildren(n) {
		if !t.Is(h, pyts.ExceptClause) {
			continue
		}
		v, _ := t.SplitAs(t.ChildByField(h, pyts.FValue))
		if v == pyts.NoNode {
			return true
		}
		types := []pyts.Node{v}
		if v = t.Unparen(v); t.Is(v, pyts.Tuple) {
			types = t.NamedChildren(v)
		}
		for _, ty := range types {
			if r := pass.Resolve(ty); r == "builtins.Exception" || r == "builtins.BaseException" {
				return true
			}
		}
	}
	return false
}

// isWork reports whether statement s does something: not pass, not a bare
// return, not a comment.
func isWork(t *pyts.Tree, s pyts.Node) bool {
	switch t.Kind(s) {
	case pyts.PassStatement, pyts.Comment:
		return false
	case pyts.ReturnStatement:
		return t.NamedChild(s, 0) != pyts.NoNode
	}
	return t.IsNamed(s)
}
