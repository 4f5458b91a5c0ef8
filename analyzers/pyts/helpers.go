package pyts

// This file defines node-shape helpers that several analyses share: they
// read only the tree (no scopes, no resolution). Helpers that need bindings
// or qualified names live in package analysis.

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// ---------------------------------------------------------------------------
// Text for messages.

// OneLine returns s with every run of whitespace (newlines included)
// collapsed to one space: "f(a,\n  b)" → "f(a, b)".
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Compact returns s without any whitespace: "np . zeros( 3 )" →
// "np.zeros(3)". It spells a dotted name as Python reads it.
func Compact(s string) string { return strings.Join(strings.Fields(s), "") }

// FitsInline reports whether s fits in a one-line inline code span of a
// message: at most 40 bytes, with no newline and no backquote.
func FitsInline(s string) bool { return len(s) <= 40 && !strings.ContainsAny(s, "\n`") }

// CallText returns a call's text when it FitsInline, else its function's
// Compact text followed by "(…)": `np.zeros((3, 3))`, `subprocess.run(…)`.
func (t *Tree) CallText(call Node) string {
	if s := t.Text(call); FitsInline(s) {
		return s
	}
	return Compact(t.Text(t.ChildByField(call, FFunction))) + "(…)"
}

// ShortText returns n's text on one line (whitespace runs collapsed, no
// space just inside parentheses), shortened when it is longer than max
// bytes: a call keeps its function (`open(...)`), a with item its value,
// an as pattern its value and target (each shortened), and anything else is
// cut at a character boundary and ends in "...".
//
// Nested as patterns ((a as b) as c) are unwrapped in a loop, collecting
// the " as ..." suffixes, so no input deepens the stack.
func (t *Tree) ShortText(n Node, max int) string {
	suffix := ""
	for {
		s := collapse(t.Text(n))
		if len(s) <= max {
			return s + suffix
		}
		switch t.Kind(n) {
		case WithItem:
			n = t.ChildByField(n, FValue)
			continue
		case AsPattern:
			if alias := t.ChildByField(n, FAlias); alias != NoNode {
				suffix = " as " + t.shortLeaf(alias, 20) + suffix
				n = t.NamedChild(n, 0)
				continue
			}
		}
		return t.shortLeaf(n, max) + suffix
	}
}

// shortLeaf is ShortText without looking into with items and as patterns.
func (t *Tree) shortLeaf(n Node, max int) string {
	s := collapse(t.Text(n))
	if len(s) <= max {
		return s
	}
	if t.Kind(n) == Call {
		if f := collapse(t.Text(t.ChildByField(n, FFunction))); len(f) <= max {
			return f + "(...)"
		}
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

// collapse is OneLine without the spaces just inside parentheses that a
// line break leaves: "f(\n    a\n)" → "f(a)".
func collapse(s string) string {
	s = OneLine(s)
	return strings.ReplaceAll(strings.ReplaceAll(s, "( ", "("), " )", ")")
}

// ---------------------------------------------------------------------------
// Expressions and statements.

// ChildrenOfKind returns n's children of kind k.
func (t *Tree) ChildrenOfKind(n Node, k Kind) []Node {
	var out []Node
	for c := t.FirstChild(n); c != NoNode; c = t.NextSibling(c) {
		if t.Kind(c) == k {
			out = append(out, c)
		}
	}
	return out
}

// OuterParens returns the outermost parenthesized expression around n (n
// itself when it is not parenthesized) and that expression's parent: the
// context that receives n's value.
func (t *Tree) OuterParens(n Node) (outer, parent Node) {
	for {
		p := t.Parent(n)
		if p == NoNode || !t.Is(p, ParenthesizedExpression) {
			return n, p
		}
		n = p
	}
}

// SplitAs splits an as pattern `V as x` (of a with item, an except clause
// or a case pattern) into V and its target x (NoNode when it is missing).
// Any other n comes back as n and NoNode.
func (t *Tree) SplitAs(n Node) (value, target Node) {
	if !t.Is(n, AsPattern) {
		return n, NoNode
	}
	target = NoNode
	if alias := t.ChildByField(n, FAlias); alias != NoNode {
		target = t.NamedChild(alias, 0)
	}
	return t.NamedChild(n, 0), target
}

// AssignedValue returns the value, parentheses removed, of the assignment
// whose left side is exactly target: V for `target = V` or
// `target: T = V`. For the outer target of a chained assignment
// `target = x = V` that value is the inner assignment `x = V`. It returns
// NoNode when target is not an assignment's left side or the assignment
// has no value (a bare annotation).
func (t *Tree) AssignedValue(target Node) Node {
	a := t.Parent(target)
	if !t.Is(a, Assignment) || t.Field(target) != FLeft {
		return NoNode
	}
	return t.Unparen(t.ChildByField(a, FRight))
}

// BoundValue returns the value, parentheses removed, that binds the
// identifier id: V for `id = V` (also annotated, and chained: `id = x = V`
// and `x = id = V`) or for `with V as id` (also async with). It returns
// NoNode for any other binding (a tuple target, a loop variable, a
// parameter...).
func (t *Tree) BoundValue(id Node) Node {
	p := t.Parent(id)
	switch {
	case t.Is(p, Assignment) && t.Field(id) == FLeft:
		v := t.ChildByField(p, FRight)
		for t.Is(v, Assignment) {
			v = t.ChildByField(v, FRight)
		}
		return t.Unparen(v)
	case t.Field(p) == FAlias && t.Is(t.Parent(p), AsPattern) && t.Is(t.Parent(t.Parent(p)), WithItem):
		return t.Unparen(t.NamedChild(t.Parent(p), 0))
	}
	return NoNode
}

// IsDocstring reports whether statement stmt is a lone string literal
// (implicit concatenation included): a docstring when it comes first in a
// module, class or function body.
func (t *Tree) IsDocstring(stmt Node) bool {
	if !t.Is(stmt, ExpressionStatement) {
		return false
	}
	cs := t.NamedChildren(stmt)
	return len(cs) == 1 && (t.Is(cs[0], String) || t.Is(cs[0], ConcatenatedString))
}

// ---------------------------------------------------------------------------
// Calls.

// Arguments returns a call's argument_list, or NoNode (for `f(x for x in
// y)`, whose argument is a generator expression).
func (t *Tree) Arguments(call Node) Node {
	a := t.ChildByField(call, FArguments)
	if !t.Is(a, ArgumentList) {
		return NoNode
	}
	return a
}

// args returns the arguments of a call's argument_list, or nil.
func (t *Tree) args(call Node) []Node {
	a := t.Arguments(call)
	if a == NoNode {
		return nil
	}
	return t.NamedChildren(a)
}

// KeywordArg returns the value of a call's keyword argument name, or NoNode.
func (t *Tree) KeywordArg(call Node, name string) Node {
	for _, c := range t.args(call) {
		if t.Is(c, KeywordArgument) && t.TextIs(t.ChildByField(c, FName), name) {
			return t.ChildByField(c, FValue)
		}
	}
	return NoNode
}

// PositionalArg returns a call's i-th positional argument (from 0), or
// NoNode; also when a *args splat comes before it, which makes positions
// unknown. Keyword arguments and **kwargs splats are skipped.
func (t *Tree) PositionalArg(call Node, i int) Node {
	for _, c := range t.args(call) {
		switch t.Kind(c) {
		case KeywordArgument, DictionarySplat:
			continue
		case ListSplat:
			return NoNode
		}
		if i == 0 {
			return c
		}
		i--
	}
	return NoNode
}

// ---------------------------------------------------------------------------
// Imports.

// ImportedModule is one module that an import statement names.
type ImportedModule struct {
	// Name is the module's dotted name without whitespace ("os.path"; for a
	// relative from-import it starts with dots: ".pkg", "..").
	Name string
	// Node names the module: a dotted_name, or in a from-import a
	// relative_import.
	Node Node
	// Clause is what the statement lists for the module: `a.b as c` (an
	// aliased_import) or `a.b` in `import a.b as c, d`; Node in a
	// from-import.
	Clause Node
	// Alias is the name bound by `import a.b as c`, or NoNode.
	Alias Node
	// From reports a from-import.
	From bool
}

// ImportPhrase returns how an import statement imports module m, on one
// line: "import a.b as c" or "from a.b import …".
func (t *Tree) ImportPhrase(m ImportedModule) string {
	if m.From {
		return "from " + m.Name + " import …"
	}
	return "import " + OneLine(t.Text(m.Clause))
}

// ImportedModules returns the modules an import statement names, in order:
// a.b and d for `import a.b as c, d`, m for `from m import x, y`. Other
// statements name none.
func (t *Tree) ImportedModules(stmt Node) []ImportedModule {
	var out []ImportedModule
	switch t.Kind(stmt) {
	case ImportFromStatement:
		m := t.ChildByField(stmt, FModuleName)
		if t.Is(m, DottedName) || t.Is(m, RelativeImport) {
			out = append(out, ImportedModule{Name: Compact(t.Text(m)), Node: m, Clause: m, Alias: NoNode, From: true})
		}
	case ImportStatement:
		for _, c := range t.ChildrenByField(stmt, FName) {
			m, alias := c, NoNode
			if t.Is(c, AliasedImport) {
				m, alias = t.ChildByField(c, FName), t.ChildByField(c, FAlias)
			}
			if t.Is(m, DottedName) {
				out = append(out, ImportedModule{Name: Compact(t.Text(m)), Node: m, Clause: c, Alias: alias})
			}
		}
	}
	return out
}

// ---------------------------------------------------------------------------
// Definitions.

// Decorators returns the decorators above a function or class definition,
// top first, or nil.
func (t *Tree) Decorators(def Node) []Node {
	dd := t.Parent(def)
	if !t.Is(dd, DecoratedDefinition) {
		return nil
	}
	return t.ChildrenOfKind(dd, Decorator)
}

// MethodClass returns the class definition whose body directly holds def
// (a function or class definition, decorated or not), or NoNode. A def
// nested in an if or try of the class body does not count.
func (t *Tree) MethodClass(def Node) Node {
	n := def
	if t.Is(t.Parent(n), DecoratedDefinition) {
		n = t.Parent(n)
	}
	block := t.Parent(n)
	if !t.Is(block, Block) || !t.Is(t.Parent(block), ClassDefinition) {
		return NoNode
	}
	return t.Parent(block)
}

// ParamName returns the identifier a parameter binds when it is a plain
// one (`x`, `x: int`, `x=1`, `x: int = 1`), or NoNode (for `*args`,
// `**kwargs`, the `*` and `/` separators, or NoNode).
func (t *Tree) ParamName(p Node) Node {
	if p == NoNode {
		return NoNode
	}
	switch t.Kind(p) {
	case Identifier:
		return p
	case TypedParameter:
		if id := t.NamedChild(p, 0); t.Is(id, Identifier) {
			return id
		}
	case DefaultParameter, TypedDefaultParameter:
		return t.ChildByField(p, FName)
	}
	return NoNode
}

// ---------------------------------------------------------------------------
// Control flow.

// AncestorWithin is Ancestor stopped at root: the nearest proper ancestor
// of n below root (root excluded) whose kind is one of ks, or NoNode.
func (t *Tree) AncestorWithin(n, root Node, ks ...Kind) Node {
	for p := t.Parent(n); p != NoNode && p != root; p = t.Parent(p) {
		k := t.Kind(p)
		for _, want := range ks {
			if k == want {
				return p
			}
		}
	}
	return NoNode
}

// EnclosingLoop returns the for or while statement whose body runs n in the
// same function, or NoNode: it stops at function, lambda and class
// boundaries, and a loop's header or else clause does not count.
func (t *Tree) EnclosingLoop(n Node) Node {
	for c, p := n, t.Parent(n); p != NoNode; c, p = p, t.Parent(p) {
		switch t.Kind(p) {
		case FunctionDefinition, Lambda, ClassDefinition:
			return NoNode
		case ForStatement, WhileStatement:
			if t.Field(c) == FBody {
				return p
			}
		}
	}
	return NoNode
}

// WalkSkippingDefs calls f for n and each node below it in preorder, until
// f returns false, skipping function definitions, lambdas and class
// definitions (n included when it is one) with everything inside them: it
// visits the code that runs as part of n itself, not code that only
// defines something to run later.
func (t *Tree) WalkSkippingDefs(n Node, f func(Node) bool) {
	end := t.SubtreeEnd(n)
	for d := n; d < end; d++ {
		switch t.Kind(d) {
		case FunctionDefinition, Lambda, ClassDefinition:
			d = t.SubtreeEnd(d) - 1
			continue
		}
		if !f(d) {
			return
		}
	}
}

// KindSet is a set of node kinds, for Scan.
type KindSet [16]uint64

// NewKindSet returns the set of ks.
func NewKindSet(ks ...Kind) *KindSet {
	var s KindSet
	for _, k := range ks {
		if int(k) >= 64*len(s) {
			panic(fmt.Sprintf("pyts: kind %d is past a KindSet", k))
		}
		s[k>>6] |= 1 << (k & 63)
	}
	return &s
}

// Scan calls f with each node of [lo, hi) whose kind is in ks, in order: a
// walk that looks at every node of a large range and acts on few.
func (t *Tree) Scan(lo, hi Node, ks *KindSet, f func(Node)) {
	if t.watch != nil {
		for n := lo; n < hi; n++ {
			t.see(n)
		}
	}
	nodes := t.nodes[lo:hi]
	for i := range nodes {
		if k := nodes[i].kind; int(k) < 64*len(ks) && ks[k>>6]&(1<<(k&63)) != 0 {
			f(lo + Node(i))
		}
	}
}
