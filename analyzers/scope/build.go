package scope

import (
	"cmp"
	"slices"
	"strings"

	"github.com/pyhint/pyhint/analyzers/pyts"
)

// This file defines Build. It walks the module's own code (outside every
// def and class body) and defers each def and class body: its scopes get
// their numbers at once (so that they are numbered in the order they open,
// as one walk of the whole tree would number them), and are built the
// first time a fact about them is asked for. An analysis of one part of a
// large file (the incremental check) then builds only the bodies it reads.

// deferred is a def or class body whose scopes are built on demand.
type deferred struct {
	root  pyts.Node // the def, or the class's body
	end   pyts.Node // SubtreeEnd(root)
	owner pyts.Node // the def or class statement whose scope opens first
	first int       // the number of that scope; the body's others follow
	// parent is the scope the def or class is in.
	parent int
	built  bool
}

// lazyFacts is the part of an Info that deferred bodies fill in. Forks of
// an Info share it: a body built for one is built for all (which is why an
// Info is used by one goroutine at a time; see Complete).
type lazyFacts struct {
	tree  *pyts.Tree // unwatched
	items []deferred // ordered by root
}

// Build computes the facts for t.
func Build(t *pyts.Tree) *Info {
	in := &Info{tree: t, nodeScope: make([]int32, t.Len()), byNode: map[pyts.Node]int{}, imported: map[string]bool{}, global: map[scopeName]bool{}, methods: map[string]bool{}, lazy: &lazyFacts{tree: t}}
	if t.Len() == 0 {
		in.scopes = []Scope{{Kind: Module, Node: pyts.NoNode, Parent: -1}}
		return in
	}
	in.scopes = make([]Scope, 1, 1+t.Len()/64)
	b := &builder{t: t, in: in, light: true}
	in.scopes[0] = Scope{Kind: Module, Node: 0, Parent: -1}
	b.next = 1
	b.walk(0, t.Len(), []frame{{0, t.SubtreeEnd(0)}})
	in.scopes = in.scopes[:b.next:b.next]
	return in
}

// frame is a scope open during a walk, and where its nodes end.
type frame struct {
	scope int
	end   pyts.Node
}

// walk records the facts of the nodes [from, to) with the scopes of stack
// open. In a light walk (Build's), each def and class body is deferred.
func (b *builder) walk(from pyts.Node, to int, stack []frame) {
	t, in := b.t, b.in
	// A class's bases and keywords are evaluated in the enclosing scope: its
	// scope opens at its body (pending maps the body node to the class).
	var pending map[pyts.Node]pyts.Node
	for n := from; int(n) < to; n++ {
		for n >= stack[len(stack)-1].end {
			stack = stack[:len(stack)-1]
		}
		if class, ok := pending[n]; ok {
			delete(pending, n)
			if b.light {
				n = b.deferBody(n, class, stack[len(stack)-1].scope) - 1
				continue
			}
			s := b.open(Class, class, stack[len(stack)-1].scope)
			stack = append(stack, frame{s, t.SubtreeEnd(class)})
		}
		cur := stack[len(stack)-1].scope
		in.nodeScope[n] = int32(cur) + 1
		var opens Kind
		switch t.Kind(n) {
		case pyts.FunctionDefinition:
			b.bindDef(cur, n, FunctionDef)
			if b.light {
				n = b.deferBody(n, n, cur) - 1
				continue
			}
			opens = Function
		case pyts.ClassDefinition:
			b.bindDef(cur, n, ClassDef)
			if body := t.ChildByField(n, pyts.FBody); body != pyts.NoNode {
				if b.light {
					in.classes = append(in.classes, n)
				}
				if pending == nil {
					pending = map[pyts.Node]pyts.Node{}
				}
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
		case pyts.ImportStatement, pyts.ImportFromStatement:
			b.imports(n, func(id pyts.Node, qualified string) { b.bind(cur, id, Import, n, qualified) })
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
}

type builder struct {
	t       *pyts.Tree
	in      *Info
	targets []pyts.Node // bindTargets' stack, reused
	next    int         // the number the next scope opened gets
	light   bool        // Build's walk: defer def and class bodies
}

// imports calls f with each name import statement n binds and the dotted
// name it refers to.
func (b *builder) imports(n pyts.Node, f func(id pyts.Node, qualified string)) {
	t := b.t
	if t.Kind(n) == pyts.ImportStatement {
		for _, c := range t.ChildrenByField(n, pyts.FName) {
			switch t.Kind(c) {
			case pyts.DottedName: // import a.b binds a
				first := t.NamedChild(c, 0)
				f(first, t.Text(first))
			case pyts.AliasedImport:
				f(t.ChildByField(c, pyts.FAlias), dotted(t, t.ChildByField(c, pyts.FName)))
			}
		}
		return
	}
	mod := dotted(t, t.ChildByField(n, pyts.FModuleName))
	for _, c := range t.ChildrenByField(n, pyts.FName) {
		switch t.Kind(c) {
		case pyts.DottedName:
			f(t.NamedChild(c, 0), mod+"."+dotted(t, c))
		case pyts.AliasedImport:
			f(t.ChildByField(c, pyts.FAlias), mod+"."+dotted(t, t.ChildByField(c, pyts.FName)))
		}
	}
}

// open opens scope number b.next.
func (b *builder) open(k Kind, n pyts.Node, parent int) int {
	s := b.next
	b.next++
	if s == len(b.in.scopes) {
		b.in.scopes = append(b.in.scopes, Scope{})
	}
	b.in.scopes[s] = Scope{Kind: k, Node: n, Parent: parent}
	b.in.byNode[n] = s
	return s
}

// deferredKinds are the kinds deferBody counts or reads.
var deferredKinds = pyts.NewKindSet(pyts.FunctionDefinition, pyts.ClassDefinition, pyts.ImportStatement, pyts.ImportFromStatement,
	pyts.Lambda, pyts.ListComprehension, pyts.SetComprehension, pyts.DictionaryComprehension, pyts.GeneratorExpression)

// deferBody defers the body at root (a def, or a class's body) of the def
// or class owner in scope parent: it numbers the scopes the body opens,
// notes its imports and whether it holds an async def, and returns where it
// ends.
func (b *builder) deferBody(root, owner pyts.Node, parent int) pyts.Node {
	t, in := b.t, b.in
	end := t.SubtreeEnd(root)
	count := 0
	if root != owner {
		count = 1 // the class's own scope, which opens at its body
	}
	t.Scan(root, end, deferredKinds, func(d pyts.Node) {
		switch t.Kind(d) {
		case pyts.FunctionDefinition:
			count++
			if t.Is(t.FirstChild(d), pyts.KwAsync) {
				in.anyAsync = true
			}
			if name := t.ChildByField(d, pyts.FName); name != pyts.NoNode && inClassScope(t, d) {
				in.methods[t.Text(name)] = true
			}
		case pyts.ClassDefinition:
			if t.ChildByField(d, pyts.FBody) != pyts.NoNode {
				count++
				in.classes = append(in.classes, d)
			}
		case pyts.ImportStatement, pyts.ImportFromStatement:
			b.imports(d, func(_ pyts.Node, qualified string) { in.noteImport(qualified) })
		default: // lambda, comprehension
			count++
		}
	})
	in.lazy.items = append(in.lazy.items, deferred{root: root, end: end, owner: owner, first: b.next, parent: parent})
	for range count {
		in.scopes = append(in.scopes, Scope{})
	}
	b.next += count
	return end
}

// inClassScope reports whether def d binds its name in a class's scope:
// the nearest def, lambda, comprehension or class around it is a class.
func inClassScope(t *pyts.Tree, d pyts.Node) bool {
	for p := t.Parent(d); p != pyts.NoNode; p = t.Parent(p) {
		switch t.Kind(p) {
		case pyts.ClassDefinition:
			return true
		case pyts.FunctionDefinition, pyts.Lambda, pyts.ListComprehension, pyts.SetComprehension, pyts.DictionaryComprehension, pyts.GeneratorExpression:
			return false
		}
	}
	return false
}

// build builds deferred body i.
func (in *Info) build(i int) {
	it := &in.lazy.items[i]
	if it.built {
		return
	}
	it.built = true
	t := in.lazy.tree
	b := &builder{t: t, in: in, next: it.first}
	if it.root == it.owner {
		s := b.open(Function, it.root, it.parent)
		if t.Is(t.FirstChild(it.root), pyts.KwAsync) {
			in.scopes[s].Async = true
		}
		b.walk(it.root+1, int(it.end), []frame{{s, it.end}})
		return
	}
	s := b.open(Class, it.owner, it.parent)
	b.walk(it.root, int(it.end), []frame{{s, t.SubtreeEnd(it.owner)}})
}

// buildAt builds the deferred body that holds node n, if any.
func (in *Info) buildAt(n pyts.Node) {
	items := in.lazy.items
	i, found := slices.BinarySearchFunc(items, n, func(it deferred, n pyts.Node) int { return cmp.Compare(it.root, n) })
	if !found {
		i--
	}
	if i >= 0 && n < items[i].end {
		in.build(i)
	}
}

// buildScope builds the deferred body that opens scope s, if any.
func (in *Info) buildScope(s int) {
	items := in.lazy.items
	i, found := slices.BinarySearchFunc(items, s, func(it deferred, s int) int { return cmp.Compare(it.first, s) })
	if !found {
		i--
	}
	if i >= 0 {
		in.build(i)
	}
}

// Complete builds every deferred body, after which the Info is no longer
// modified by its use: forks of it can be used by several goroutines.
func (in *Info) Complete() {
	for i := range in.lazy.items {
		in.build(i)
	}
}

// noteImport records that the file imports qualified.
func (in *Info) noteImport(qualified string) {
	for i, c := range qualified {
		if c == '.' && i > 0 {
			in.imported[qualified[:i]] = true
		}
	}
	in.imported[qualified] = true
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
	bd := Binding{Name: name, Kind: k, Node: id, Def: def, Qualified: qualified}
	sc.bindings[name] = append(sc.bindings[name], bd)
	if s == 0 {
		b.in.module = append(b.in.module, bd)
	}
	if k == Global {
		b.in.global[scopeName{s, name}] = true
	}
	if k == Import {
		b.in.noteImport(qualified)
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
