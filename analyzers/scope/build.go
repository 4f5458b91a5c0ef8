package scope

import (
	"strings"

	"github.com/pyhint/pyhint/analyzers/pyts"
)

// This file defines Build: one pass over the flat tree that opens scopes and
// records bindings and imports.

// Build computes the facts for t.
func Build(t *pyts.Tree) *Info {
	in := &Info{tree: t, nodeScope: make([]int32, t.Len()), byNode: map[pyts.Node]int{}, imported: map[string]bool{}}
	if t.Len() == 0 {
		in.scopes = []Scope{{Kind: Module, Node: pyts.NoNode, Parent: -1}}
		return in
	}
	b := &builder{t: t, in: in}
	b.open(Module, 0, -1)
	type frame struct {
		scope int
		end   pyts.Node
	}
	stack := []frame{{0, t.SubtreeEnd(0)}}
	// A class's bases and keywords are evaluated in the enclosing scope: its
	// scope opens at its body (pending maps the body node to the class).
	pending := map[pyts.Node]pyts.Node{}
	for n := pyts.Node(0); int(n) < t.Len(); n++ {
		for n >= stack[len(stack)-1].end {
			stack = stack[:len(stack)-1]
		}
		if class, ok := pending[n]; ok {
			delete(pending, n)
			s := b.open(Class, class, stack[len(stack)-1].scope)
			stack = append(stack, frame{s, t.SubtreeEnd(class)})
		}
		cur := stack[len(stack)-1].scope
		in.nodeScope[n] = int32(cur)
		var opens Kind
		switch t.Kind(n) {
		case pyts.FunctionDefinition:
			b.bindDef(cur, n, FunctionDef)
			opens = Function
		case pyts.ClassDefinition:
			b.bindDef(cur, n, ClassDef)
			if body := t.ChildByField(n, pyts.FBody); body != pyts.NoNode {
				pending[body] = n
			}
		case pyts.Lambda:
			opens = Lambda
		case pyts.ListComprehension, pyts.SetComprehension, pyts.DictionaryComprehension, pyts.GeneratorExpression:
			opens = Comprehension
		case pyts.Parameters, pyts.LambdaParameters:
			for _, p := range t.NamedChildren(n) {
				if id := paramName(t, p); id != pyts.NoNode {
					b.bind(cur, id, Param, pyts.NoNode, "")
				}
			}
		case pyts.Assignment:
			kind := Assign
			if t.ChildByField(n, pyts.FType) != pyts.NoNode {
				if t.ChildByField(n, pyts.FRight) == pyts.NoNode {
					break // a bare annotation binds nothing
				}
				kind = AnnAssign
			}
			b.bindTargets(cur, t.ChildByField(n, pyts.FLeft), kind)
		case pyts.AugmentedAssignment:
			b.bindTargets(cur, t.ChildByField(n, pyts.FLeft), AugAssign)
		case pyts.DeleteStatement:
			for _, c := range t.NamedChildren(n) {
				b.bindTargets(cur, c, Delete)
			}
		case pyts.ForStatement, pyts.ForInClause:
			b.bindTargets(cur, t.ChildByField(n, pyts.FLeft), ForTarget)
		case pyts.AsPattern:
			kind := Assign
			switch t.Kind(t.Parent(n)) {
			case pyts.WithItem:
				kind = WithTarget
			case pyts.ExceptClause, pyts.ExceptGroupClause:
				kind = ExceptTarget
			}
			if alias := t.ChildByField(n, pyts.FAlias); alias != pyts.NoNode {
				for _, c := range t.NamedChildren(alias) {
					b.bindTargets(cur, c, kind)
				}
			}
		case pyts.ImportStatement:
			for _, c := range t.ChildrenByField(n, pyts.FName) {
				switch t.Kind(c) {
				case pyts.DottedName: // import a.b binds a
					first := t.NamedChild(c, 0)
					b.bind(cur, first, Import, n, t.Text(first))
				case pyts.AliasedImport:
					b.bind(cur, t.ChildByField(c, pyts.FAlias), Import, n, dotted(t, t.ChildByField(c, pyts.FName)))
				}
			}
		case pyts.ImportFromStatement:
			mod := dotted(t, t.ChildByField(n, pyts.FModuleName))
			for _, c := range t.ChildrenByField(n, pyts.FName) {
				switch t.Kind(c) {
				case pyts.DottedName:
					b.bind(cur, t.NamedChild(c, 0), Import, n, mod+"."+dotted(t, c))
				case pyts.AliasedImport:
					b.bind(cur, t.ChildByField(c, pyts.FAlias), Import, n, mod+"."+dotted(t, t.ChildByField(c, pyts.FName)))
				}
			}
		case pyts.NamedExpression:
			s := cur
			for in.scopes[s].Kind == Comprehension && in.scopes[s].Parent >= 0 {
				s = in.scopes[s].Parent
			}
			b.bindTargets(s, t.ChildByField(n, pyts.FName), NamedExpr)
		case pyts.GlobalStatement, pyts.NonlocalStatement:
			kind := Global
			if t.Kind(n) == pyts.NonlocalStatement {
				kind = Nonlocal
			}
			for _, c := range t.NamedChildren(n) {
				if t.Is(c, pyts.Identifier) {
					b.bind(cur, c, kind, n, "")
				}
			}
		case pyts.Yield:
			in.scopes[cur].Yields = true
		case pyts.Await:
			in.scopes[cur].Awaits = true
		}
		if opens != Module {
			s := b.open(opens, n, cur)
			if opens == Function && t.Is(t.FirstChild(n), pyts.KwAsync) {
				in.scopes[s].Async = true
			}
			stack = append(stack, frame{s, t.SubtreeEnd(n)})
		}
	}
	return in
}

type builder struct {
	t       *pyts.Tree
	in      *Info
	targets []pyts.Node // bindTargets' stack, reused
}

func (b *builder) open(k Kind, n pyts.Node, parent int) int {
	b.in.scopes = append(b.in.scopes, Scope{Kind: k, Node: n, Parent: parent})
	s := len(b.in.scopes) - 1
	b.in.byNode[n] = s
	return s
}

func (b *builder) bind(s int, id pyts.Node, k BindingKind, def pyts.Node, qualified string) {
	if id == pyts.NoNode {
		return
	}
	sc := &b.in.scopes[s]
	name := b.t.Text(id)
	if sc.bindings == nil {
		sc.bindings = map[string][]Binding{} // most comprehension and lambda scopes bind little
	}
	if _, ok := sc.bindings[name]; !ok {
		sc.order = append(sc.order, name)
	}
	sc.bindings[name] = append(sc.bindings[name], Binding{Name: name, Kind: k, Node: id, Def: def, Qualified: qualified})
	if k == Global {
		if b.in.global == nil {
			b.in.global = map[scopeName]bool{}
		}
		b.in.global[scopeName{s, name}] = true
	}
	if k == Import {
		for i, c := range qualified {
			if c == '.' && i > 0 {
				b.in.imported[qualified[:i]] = true
			}
		}
		b.in.imported[qualified] = true
	}
}

func (b *builder) bindDef(s int, def pyts.Node, k BindingKind) {
	b.bind(s, b.t.ChildByField(def, pyts.FName), k, def, "")
}

// bindTargets binds every name in an assignment target, looking through
// tuples, lists, parentheses and starred targets but not into attributes or
// subscripts (which bind nothing).
//
// Targets nest as deep as the source does ((((a, b), c), d) = ...): an
// explicit stack, in source order, keeps that from growing the Go stack.
func (b *builder) bindTargets(s int, n pyts.Node, k BindingKind) {
	t := b.t
	if n == pyts.NoNode {
		return
	}
	stack := b.targets[:0]
	stack = append(stack, n)
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch t.Kind(n) {
		case pyts.Identifier:
			b.bind(s, n, k, pyts.NoNode, "")
		case pyts.PatternList, pyts.TuplePattern, pyts.ListPattern, pyts.Tuple, pyts.List,
			pyts.ExpressionList, pyts.ParenthesizedExpression, pyts.ListSplatPattern, pyts.ListSplat:
			cs := t.NamedChildren(n)
			for i := len(cs) - 1; i >= 0; i-- {
				stack = append(stack, cs[i])
			}
		}
	}
	b.targets = stack
}

// paramName returns the identifier a parameter node binds (looking through
// typed and splat patterns).
func paramName(t *pyts.Tree, p pyts.Node) pyts.Node {
	for {
		switch t.Kind(p) {
		case pyts.Identifier:
			return p
		case pyts.DefaultParameter, pyts.TypedDefaultParameter:
			return t.ChildByField(p, pyts.FName)
		case pyts.TypedParameter, pyts.ListSplatPattern, pyts.DictionarySplatPattern:
			next := pyts.NoNode
			for c := t.FirstChild(p); c != pyts.NoNode && next == pyts.NoNode; c = t.NextSibling(c) {
				if !t.IsNamed(c) {
					continue
				}
				switch t.Kind(c) {
				case pyts.Identifier:
					return c
				case pyts.ListSplatPattern, pyts.DictionarySplatPattern:
					next = c
				}
			}
			if next == pyts.NoNode {
				return pyts.NoNode
			}
			p = next
		default:
			return pyts.NoNode
		}
	}
}

// dotted returns the dotted text of a dotted_name or relative_import without
// whitespace.
func dotted(t *pyts.Tree, n pyts.Node) string {
	if n == pyts.NoNode {
		return ""
	}
	return strings.Join(strings.Fields(t.Text(n)), "")
}
