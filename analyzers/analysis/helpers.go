package analysis

// This file defines helpers that several analyzers share and that need the
// file's facts (bindings, qualified names, line structure): what a name is
// bound to, which def a call runs, ranges that make good anchors, and where
// a fix adds an import. Helpers that read only the tree are in package pyts
// (pyts/helpers.go).

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pyhint/pyhint/analyzers/pyts"
	"github.com/pyhint/pyhint/analyzers/scope"
)

// ---------------------------------------------------------------------------
// Qualified names.

// InModule reports whether the dotted name qualified is module or a name
// inside it: "numpy" and "numpy.linalg.norm" are in "numpy", "numpyx" is
// not.
func InModule(qualified, module string) bool {
	rest, ok := strings.CutPrefix(qualified, module)
	return ok && (rest == "" || rest[0] == '.')
}

// ---------------------------------------------------------------------------
// What names are bound to.

// BoundValues returns the values identifier id was bound to, when every
// binding of its name that reaches id is `id = value` (also annotated and
// chained) or `with value as id` (see pyts.Tree.BoundValue). ok is false
// otherwise: for parameters, imports, loop targets, tuple unpacking,
// globals, or a name the file does not bind.
//
// A name bound more than maxBoundValues times is not followed (ok is
// false): it is no longer one value an analyzer can reason about, and
// following it from each of its uses would make a generated file that
// rebinds one name on every line cost the square of its length.
func (p *Pass) BoundValues(id pyts.Node) (values []pyts.Node, ok bool) {
	t := p.Tree
	if !t.Is(id, pyts.Identifier) {
		return nil, false
	}
	_, bs := p.Scope.Lookup(p.Scope.ScopeOf(id), t.Text(id))
	if len(bs) == 0 || len(bs) > maxBoundValues {
		return nil, false
	}
	for _, b := range bs {
		if b.Kind != scope.Assign && b.Kind != scope.AnnAssign && b.Kind != scope.WithTarget {
			return nil, false
		}
		v := t.BoundValue(b.Node)
		if v == pyts.NoNode {
			return nil, false
		}
		values = append(values, v)
	}
	return values, true
}

// maxBoundValues is the most bindings BoundValues follows.
const maxBoundValues = 32

// BoundToCall reports whether identifier id holds the result of a call of
// one of callees (qualified names, as Callee gives them): every binding
// that reaches it is `id = f(...)` or `with f(...) as id` (BoundValues).
func (p *Pass) BoundToCall(id pyts.Node, callees ...string) bool {
	vals, ok := p.BoundValues(id)
	if !ok {
		return false
	}
	for _, v := range vals {
		if !p.Tree.Is(v, pyts.Call) || !slices.Contains(callees, p.Callee(v)) {
			return false
		}
	}
	return true
}

// LocalClass returns the class statement that identifier id names, when
// the only binding of its name that reaches id is that class statement of
// this file; otherwise NoNode.
func (p *Pass) LocalClass(id pyts.Node) pyts.Node { return p.localDef(id, scope.ClassDef) }

// localDef returns the definition identifier id names, when the only
// binding of its name that reaches id is a definition of kind k.
func (p *Pass) localDef(id pyts.Node, k scope.BindingKind) pyts.Node {
	t := p.Tree
	if !t.Is(id, pyts.Identifier) {
		return pyts.NoNode
	}
	_, bs := p.Scope.Lookup(p.Scope.ScopeOf(id), t.Text(id))
	if len(bs) != 1 || bs[0].Kind != k {
		return pyts.NoNode
	}
	return bs[0].Def
}

// ---------------------------------------------------------------------------
// Calls and definitions.

// CalledDef returns the def a call runs when this file defines it: `f()`
// for a name bound only by that def, or `self.m()` inside an instance
// method (first parameter self, not a @staticmethod or @classmethod)
// directly in the body of a class that defines m exactly once, by a def.
// Otherwise NoNode. The def may be async, a generator or decorated: the
// caller decides what that means.
func (p *Pass) CalledDef(call pyts.Node) pyts.Node {
	t := p.Tree
	in := p.Scope
	fn := t.Unparen(t.ChildByField(call, pyts.FFunction))
	switch t.Kind(fn) {
	case pyts.Identifier:
		return p.localDef(fn, scope.FunctionDef)
	case pyts.Attribute:
		obj := t.Unparen(t.ChildByField(fn, pyts.FObject))
		if !t.Is(obj, pyts.Identifier) || !t.TextIs(obj, "self") {
			return pyts.NoNode
		}
		s := in.FunctionScope(call)
		if s < 0 || in.Scope(s).Kind != scope.Function {
			return pyts.NoNode
		}
		if _, bs := in.Lookup(s, "self"); len(bs) != 1 || bs[0].Kind != scope.Param {
			return pyts.NoNode
		}
		method := in.Scope(s).Node
		if first := t.NamedChild(t.ChildByField(method, pyts.FParameters), 0); first == pyts.NoNode || !t.TextIs(first, "self") {
			return pyts.NoNode
		}
		if staticOrClassMethod(t, method) {
			return pyts.NoNode
		}
		class := t.MethodClass(method)
		if class == pyts.NoNode {
			return pyts.NoNode
		}
		cs := in.ScopeAt(class)
		if cs < 0 {
			return pyts.NoNode
		}
		bs := in.Bindings(cs, t.Text(t.ChildByField(fn, pyts.FAttribute)))
		if len(bs) == 1 && bs[0].Kind == scope.FunctionDef {
			return bs[0].Def
		}
	}
	return pyts.NoNode
}

// staticOrClassMethod reports whether def carries a decorator spelled
// @staticmethod or @classmethod (its first parameter is not the instance).
func staticOrClassMethod(t *pyts.Tree, def pyts.Node) bool {
	for _, d := range t.Decorators(def) {
		e := t.Unparen(t.NamedChild(d, 0))
		if t.Is(e, pyts.Identifier) && (t.TextIs(e, "staticmethod") || t.TextIs(e, "classmethod")) {
			return true
		}
	}
	return false
}

// DecoratedWith returns def's first decorator whose expression (`@x`, not a
// call `@x(...)`) resolves to one of qualified, or NoNode.
func (p *Pass) DecoratedWith(def pyts.Node, qualified ...string) pyts.Node {
	for _, d := range p.Tree.Decorators(def) {
		if slices.Contains(qualified, p.Resolve(p.Tree.NamedChild(d, 0))) {
			return d
		}
	}
	return pyts.NoNode
}

// DecoratedDef returns the function or class definition that decorator
// dec decorates, or NoNode. It is found once per decorated definition: a
// def with thousands of decorators would otherwise cost their number for
// each of them.
func (p *Pass) DecoratedDef(dec pyts.Node) pyts.Node {
	type key struct{ dd pyts.Node }
	dd := p.Tree.Parent(dec)
	if dd == pyts.NoNode {
		return pyts.NoNode
	}
	return Memo(p, key{dd}, func() pyts.Node { return p.Tree.ChildByField(dd, pyts.FDefinition) })
}

// EnclosingClass returns the class definition in whose body scope n
// directly lies (a method, or any statement at class level), or NoNode.
func (p *Pass) EnclosingClass(n pyts.Node) pyts.Node {
	sc := p.Scope.Scope(p.Scope.ScopeOf(n))
	if sc.Kind != scope.Class {
		return pyts.NoNode
	}
	return sc.Node
}

// ---------------------------------------------------------------------------
// Anchor ranges.

// DefHeader returns the header of a function or class definition, from its
// first keyword (`async`, `def`, `class`) to the end of its name: a small,
// hoverable anchor for the whole definition. Without a name it is the
// whole definition.
func (p *Pass) DefHeader(def pyts.Node) Range {
	r := p.Range(def)
	if name := p.Tree.ChildByField(def, pyts.FName); name != pyts.NoNode {
		r.End = p.Tree.End(name)
	}
	return r
}

// ColonHeader returns the header of a compound statement or clause, from its
// start to the end of its first ":" (`except KeyError as e:`,
// `for i in range(n):`), or all of n when it has none.
func (p *Pass) ColonHeader(n pyts.Node) Range {
	r := p.Range(n)
	if colon := p.Tree.ChildOfKind(n, pyts.OpColon); colon != pyts.NoNode {
		r.End = p.Tree.End(colon)
	}
	return r
}

// FirstLineEnd returns where the first line of the code from node from to
// node to ends: the end of to when both lie on from's line, otherwise the
// end of the last token of from..to (comments aside) that starts on that
// line. A multi-line construct is anchored on its first line.
func (p *Pass) FirstLineEnd(from, to pyts.Node) int {
	t := p.Tree
	line := p.Doc.LineOf(t.Start(from))
	end := t.End(to)
	if p.Doc.LineOf(end) == line {
		return end
	}
	end = t.Start(from)
	last := t.SubtreeEnd(to)
	for d := from; d < last; d++ {
		if t.FirstChild(d) != pyts.NoNode || t.Is(d, pyts.Comment) {
			continue
		}
		if p.Doc.LineOf(t.Start(d)) != line {
			break
		}
		end = max(end, t.End(d))
	}
	return end
}

// AnchorCall anchors a call: the whole call when it fits on one line, else
// only its function, so the anchor stays small and hoverable.
func (p *Pass) AnchorCall(call pyts.Node, concept, hint, detail string) {
	n := call
	if strings.Contains(p.Tree.Text(call), "\n") {
		n = p.Tree.ChildByField(call, pyts.FFunction)
	}
	p.Anchor(n, concept, hint, detail)
}

// ---------------------------------------------------------------------------
// Fixes.

// AddImport returns the edit that adds the one-line import statement stmt
// ("import functools", no newline) to the module: after its leading run of
// imports, or else after its docstring and __future__ imports, or else
// before its first statement (below a shebang, encoding line or license
// comment).
func (p *Pass) AddImport(stmt string) TextEdit {
	t := p.Tree
	doc := p.Doc
	var after pyts.Node = pyts.NoNode
	var first pyts.Node = pyts.NoNode
scan:
	for i, s := range t.NamedChildren(t.Root()) {
		if first == pyts.NoNode {
			first = s
		}
		switch t.Kind(s) {
		case pyts.ImportStatement, pyts.ImportFromStatement, pyts.FutureImportStatement:
			after = s
			continue
		case pyts.ExpressionStatement:
			if i == 0 && t.IsDocstring(s) {
				after = s
				continue
			}
		}
		break scan
	}
	insert := func(off int, text string) TextEdit {
		return TextEdit{Range: Range{Start: off, End: off}, NewText: text}
	}
	if after == pyts.NoNode {
		if first == pyts.NoNode {
			return insert(0, stmt+"\n")
		}
		return insert(doc.LineStart(doc.LineOf(t.Start(first))), stmt+"\n")
	}
	line := doc.LineOf(t.End(after))
	if line+1 >= doc.LineCount() {
		return insert(doc.LineEnd(line), "\n"+stmt)
	}
	return insert(doc.LineStart(line+1), stmt+"\n")
}

// ---------------------------------------------------------------------------
// Import anchors.

// AnchorModuleImports anchors, on the module name, every module of import
// statement stmt that is module or inside it ("import asyncio.subprocess",
// "from asyncio import run").
func (p *Pass) AnchorModuleImports(stmt pyts.Node, module, concept, hint, detail string) {
	for _, m := range p.Tree.ImportedModules(stmt) {
		if InModule(m.Name, module) {
			p.Anchor(m.Node, concept, hint, detail)
		}
	}
}

// AnchorImportTable anchors, on its import clause, every module of import
// statement stmt named exactly in table, whose value is {hint, detail}; the
// detail's %s is the import as written (Tree.ImportPhrase).
func (p *Pass) AnchorImportTable(stmt pyts.Node, concept string, table map[string][2]string) {
	for _, m := range p.Tree.ImportedModules(stmt) {
		if d, ok := table[m.Name]; ok {
			p.Anchor(m.Clause, concept, d[0], fmt.Sprintf(d[1], p.Tree.ImportPhrase(m)))
		}
	}
}
