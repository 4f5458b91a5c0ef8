package with

// This file defines the open-without-with rule.

import (
	"strings"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/pyts"
	"github.com/pyhint/pyhint/analyzers/scope"
)

var openFuncs = map[string]bool{"builtins.open": true, "io.open": true}

var pathClasses = map[string]bool{"pathlib.Path": true, "pathlib.PosixPath": true, "pathlib.WindowsPath": true}

// isOpenCall reports whether call opens a file: open(...), io.open(...) or
// pathlib.Path(...).open(...).
func isOpenCall(pass *analysis.Pass, call pyts.Node) bool {
	if openFuncs[pass.Callee(call)] {
		return true
	}
	t := pass.Tree
	fn := t.ChildByField(call, pyts.FFunction)
	if !t.Is(fn, pyts.Attribute) || !t.TextIs(t.ChildByField(fn, pyts.FAttribute), "open") {
		return false
	}
	obj := t.Unparen(t.ChildByField(fn, pyts.FObject))
	return t.Is(obj, pyts.Call) && pathClasses[pass.Callee(obj)]
}

// consumers take a file as an argument without keeping it: passing a file
// to them is a use, not a hand-over of ownership.
var consumers = map[string]bool{
	"builtins.print": true, "builtins.enumerate": true, "builtins.next": true,
	"json.dump": true, "json.load": true, "pickle.dump": true, "pickle.load": true,
	"marshal.dump": true, "marshal.load": true, "shutil.copyfileobj": true,
}

// checkOpen reports an open() call whose file is not closed on every path.
// It accepts, without looking further, a call whose file is managed by with,
// returned, yielded, passed to a call, stored in an attribute, subscript or
// container; for `name = open(...)` in a function it looks at every use of
// the name there.
func checkOpen(pass *analysis.Pass, call pyts.Node) {
	t := pass.Tree
	v, p := t.OuterParens(call)
	// The value may flow through a conditional: f = open(p) if p else None.
	for {
		if t.Is(p, pyts.ConditionalExpression) && t.NamedChild(p, 1) != v {
			v, p = t.OuterParens(p)
			continue
		}
		if t.Is(p, pyts.BooleanOperator) && t.Field(v) == pyts.FRight {
			v, p = t.OuterParens(p)
			continue
		}
		break
	}
	switch t.Kind(p) {
	case pyts.Assignment:
		if t.Field(v) == pyts.FRight {
			if left := t.ChildByField(p, pyts.FLeft); t.Is(left, pyts.Identifier) {
				checkNamedFile(pass, call, left)
			}
		}
	case pyts.NamedExpression:
		if t.Field(v) == pyts.FValue {
			checkNamedFile(pass, call, t.ChildByField(p, pyts.FName))
		}
	case pyts.Attribute:
		// open(path).read(): closed only when garbage-collected.
		attr := t.ChildByField(p, pyts.FAttribute)
		pv, pp := t.OuterParens(p)
		if t.Is(pp, pyts.Call) && t.Field(pv) == pyts.FFunction && !t.TextIs(attr, "close") && !t.TextIs(attr, "__enter__") {
			pass.Reportf(call, "open-without-with",
				"`%s.%s()` leaves closing the file to the garbage collector (a ResourceWarning, and on PyPy the handle stays open); use `with %s as f:`",
				t.ShortText(call, 30), t.Text(attr), t.ShortText(call, 30))
		}
	case pyts.ForStatement:
		if t.Field(v) == pyts.FRight {
			pass.Reportf(call, "open-without-with",
				"`for ... in %s` leaves closing the file to the garbage collector (a ResourceWarning, and on PyPy the handle stays open); use `with %s as f:` and loop over `f`",
				t.ShortText(call, 30), t.ShortText(call, 30))
		}
	}
}

// use is how a function uses the name a file was assigned to.
type use uint8

const (
	useNeutral     use = iota // f.read(), for line in f, if f is None
	useEscape                 // return f, self.f = f, g(f): someone else may close it
	useManaged                // with f:
	useCleanClose             // f.close() in a finally or except clause
	useNormalClose            // f.close() elsewhere
)

// checkNamedFile reports `name = open(...)` in a function when no use of
// name closes the file on every path or lets it escape.
func checkNamedFile(pass *analysis.Pass, call, name pyts.Node) {
	t := pass.Tree
	s := pass.Scope.ScopeOf(call)
	sc := pass.Scope.Scope(s)
	if sc.Kind != scope.Function {
		return // module and class level: scripts and long-lived objects
	}
	id := t.Text(name)
	for _, b := range pass.Scope.Bindings(s, id) {
		switch b.Kind {
		case scope.Assign, scope.AnnAssign, scope.NamedExpr, scope.WithTarget:
		default:
			return // a parameter, global, loop variable...: ownership unclear
		}
	}
	fn := sc.Node
	if mocked(t, call, fn) {
		return
	}
	normalClose := false
	end := t.SubtreeEnd(fn)
	for d := fn + 1; d < end; d++ {
		if !t.Is(d, pyts.Identifier) || !t.TextIs(d, id) || d == name || isBinding(pass.Scope, s, id, d) {
			continue
		}
		p := t.Parent(d)
		if (t.Is(p, pyts.Attribute) && t.Field(d) == pyts.FAttribute) || (t.Is(p, pyts.KeywordArgument) && t.Field(d) == pyts.FName) {
			continue
		}
		if rs, _ := pass.Scope.Lookup(pass.Scope.ScopeOf(d), id); rs != s {
			continue // another variable of the same name
		}
		if pass.Scope.FunctionScope(d) != s {
			return // used by a nested function: it may close it
		}
		switch classifyUse(pass, d, fn) {
		case useEscape, useManaged, useCleanClose:
			return
		case useNormalClose:
			if closesRightAfter(t, call, d) {
				return // nothing runs between open and close
			}
			normalClose = true
		}
	}
	if normalClose {
		pass.Reportf(call, "open-without-with",
			"`%s.close()` is skipped when an exception is raised before it, leaking the open file; use `with %s as %s:`",
			id, t.ShortText(call, 30), id)
		return
	}
	pass.Reportf(call, "open-without-with",
		"file `%s` is never closed: the handle stays open and writes may not reach the disk until garbage collection; use `with %s as %s:`",
		id, t.ShortText(call, 30), id)
}

// isBinding reports whether identifier n is one of the places sc binds name.
func isBinding(in *scope.Info, s int, name string, n pyts.Node) bool {
	for _, b := range in.Bindings(s, name) {
		if b.Node == n {
			return true
		}
	}
	return false
}

// classifyUse says what the identifier d (the file's name) does in fn.
func classifyUse(pass *analysis.Pass, d, fn pyts.Node) use {
	t := pass.Tree
	v, p := t.OuterParens(d)
	switch t.Kind(p) {
	case pyts.Attribute:
		attr := t.ChildByField(p, pyts.FAttribute)
		pv, pp := t.OuterParens(p)
		called := t.Is(pp, pyts.Call) && t.Field(pv) == pyts.FFunction
		switch {
		case t.TextIs(attr, "close") && called:
			if inCleanup(t, pp, fn) {
				return useCleanClose
			}
			return useNormalClose
		case t.TextIs(attr, "close"), t.TextIs(attr, "__exit__"), t.TextIs(attr, "__enter__"), t.TextIs(attr, "detach"):
			return useEscape // handed to a callback, or managed by hand
		}
		return useNeutral
	case pyts.WithItem:
		return useManaged
	case pyts.AsPattern:
		if t.Is(t.Parent(p), pyts.WithItem) && t.NamedChild(p, 0) == v {
			return useManaged
		}
	case pyts.ArgumentList:
		if consumers[pass.Callee(t.Parent(p))] {
			return useNeutral
		}
	case pyts.KeywordArgument:
		if args := t.Parent(p); t.Is(args, pyts.ArgumentList) && consumers[pass.Callee(t.Parent(args))] {
			return useNeutral
		}
	case pyts.ForStatement, pyts.ForInClause:
		if t.Field(v) == pyts.FRight {
			return useNeutral
		}
	case pyts.ComparisonOperator, pyts.NotOperator:
		return useNeutral
	case pyts.IfStatement, pyts.ElifClause, pyts.WhileStatement:
		if t.Field(v) == pyts.FCondition {
			return useNeutral
		}
	case pyts.BooleanOperator:
		if inCondition(t, p) {
			return useNeutral
		}
	}
	return useEscape
}

// inCondition reports whether boolean expression n is (part of) the
// condition of an if, elif or while.
func inCondition(t *pyts.Tree, n pyts.Node) bool {
	for {
		v, p := t.OuterParens(n)
		switch t.Kind(p) {
		case pyts.BooleanOperator, pyts.NotOperator:
			n = p
			continue
		case pyts.IfStatement, pyts.ElifClause, pyts.WhileStatement:
			return t.Field(v) == pyts.FCondition
		}
		return false
	}
}

// closesRightAfter reports whether the close() on name d is the statement
// right after the one that opened the file, or the first statement of the
// else clause of the try whose body ends with the open (a probe that the
// file can be opened).
func closesRightAfter(t *pyts.Tree, open, d pyts.Node) bool {
	openStmt := t.Ancestor(open, pyts.ExpressionStatement)
	closeStmt := t.Ancestor(d, pyts.ExpressionStatement)
	if openStmt == pyts.NoNode || closeStmt == pyts.NoNode {
		return false
	}
	next := t.NextSibling(openStmt)
	for next != pyts.NoNode && t.Is(next, pyts.Comment) {
		next = t.NextSibling(next)
	}
	if next == closeStmt {
		return true
	}
	if next != pyts.NoNode {
		return false
	}
	body := t.Parent(openStmt)
	try := t.Parent(body)
	if !t.Is(try, pyts.TryStatement) || t.Field(body) != pyts.FBody {
		return false
	}
	e := t.ChildOfKind(try, pyts.ElseClause)
	return e != pyts.NoNode && t.NamedChild(t.ChildByField(e, pyts.FBody), 0) == closeStmt
}

// mocked reports whether open is patched around the call: a with statement
// or a decorator of the function mentions patch and open
// (with patch("builtins.open", mock_open()): ...), as tests do.
func mocked(t *pyts.Tree, call, fn pyts.Node) bool {
	patches := func(n pyts.Node) bool {
		s := t.Text(n)
		return strings.Contains(s, "patch") && strings.Contains(s, "open")
	}
	for w := t.Ancestor(call, pyts.WithStatement); w != pyts.NoNode && t.Contains(fn, w); w = t.Ancestor(w, pyts.WithStatement) {
		if patches(t.ChildOfKind(w, pyts.WithClause)) {
			return true
		}
	}
	for _, dec := range t.Decorators(fn) {
		if patches(dec) {
			return true
		}
	}
	return false
}
