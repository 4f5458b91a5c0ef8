// Package scope computes the facts every analyzer shares, once per file:
// Python scopes and the names each binds, the imports and their aliases
// (np → numpy, T → threading.Thread), and which scope every node is in.
// It reports nothing.
package scope

import (
	"slices"
	"strings"

	"github.com/pyhint/pyhint/analyzers/pyts"
)

// Kind is the kind of a scope.
type Kind uint8

// Scope kinds.
const (
	Module Kind = iota
	Function
	Class
	Lambda
	Comprehension
)

// BindingKind says how a name is bound.
type BindingKind uint8

// Binding kinds. Global and Nonlocal are declarations, not bindings: they
// are recorded so analyzers can find them.
const (
	Assign BindingKind = iota
	AugAssign
	AnnAssign // annotated assignment with a value
	Delete
	ForTarget
	WithTarget
	ExceptTarget
	Import
	FunctionDef
	ClassDef
	Param
	NamedExpr
	Global
	Nonlocal
)

var bindingNames = [...]string{"assignment", "augmented assignment", "annotated assignment", "del", "for target", "with target", "except target", "import", "def", "class", "parameter", "walrus", "global", "nonlocal"}

// String returns a short human name ("assignment", "del", ...).
func (k BindingKind) String() string { return bindingNames[k] }

// Binding is one place where a name is bound (or declared global/nonlocal).
type Binding struct {
	Name string
	Kind BindingKind
	Node pyts.Node // the identifier
	Def  pyts.Node // for FunctionDef/ClassDef: the definition; for Import: the import statement
	// Qualified is, for an Import binding, the dotted name it refers to
	// ("numpy", "threading.Thread", "os" for "import os.path").
	Qualified string
}

// Scope is one Python scope.
type Scope struct {
	Kind   Kind
	Node   pyts.Node // module, function_definition, class_definition, lambda or comprehension
	Parent int       // index of the enclosing scope; -1 for the module
	// bindings in source order, by name (nil when the scope binds nothing;
	// reading a nil map is fine); read through Info.Bindings.
	bindings map[string][]Binding
	// order lists the names in the order of their first binding.
	order []string
	// Yields and Awaits report a yield / await directly in this scope.
	Yields, Awaits bool
	// Async reports an async def.
	Async bool
}

// Info is the per-file fact table. Its facts are fixed once built; the only
// state that changes afterwards is Resolve's memo, so an Info must be used by
// one goroutine at a time (the checker's walk of one file).
type Info struct {
	scopes    []Scope
	tree      *pyts.Tree
	watch     *pyts.Watch // see Watched; nil when not watched
	nodeScope []int32
	byNode    map[pyts.Node]int // scope-opening node → scope index
	imported  map[string]bool   // every dotted prefix of every import's qualified name
	resolved  map[pyts.Node]string
	// global holds the names a scope declares global; importOf memoises,
	// per scope and name, what an import-only name refers to. Both keep a
	// lookup from costing the number of the name's bindings, which a
	// generated file can make as large as the file.
	global   map[scopeName]bool
	importOf map[scopeName]string
	// lazy holds the bodies whose scopes are built on demand (build.go);
	// anyAsync reports an async def anywhere in the file.
	lazy     *lazyFacts
	anyAsync bool
	// module lists the module scope's bindings in the order they were made.
	module []Binding
	// classes are the class statements that open a scope, in order;
	// methods the names that a def binds in a class's scope.
	classes []pyts.Node
	methods map[string]bool
}

// scopeName is a name in a scope.
type scopeName struct {
	scope int
	name  string
}

// NumScopes returns the number of scopes in the file; they are numbered
// from 0 (the module) in the order they open.
func (in *Info) NumScopes() int {
	if in.watch != nil {
		in.watch.Flag(pyts.DepStructure)
	}
	return len(in.scopes)
}

// Scope returns scope s. The caller must not modify it.
func (in *Info) Scope(s int) *Scope {
	in.seeScope(s, pyts.DepModuleFlags)
	return in.scope(s)
}

// scope returns scope s, building it first if it is in a deferred body.
func (in *Info) scope(s int) *Scope {
	sc := &in.scopes[s]
	if s > 0 && sc.Node == 0 {
		in.buildScope(s)
	}
	return sc
}

// Classes returns the file's class statements that open a scope (those
// with a body), in order. The caller must not modify them.
func (in *Info) Classes() []pyts.Node {
	if in.watch != nil {
		in.watch.Flag(pyts.DepStructure)
	}
	return in.classes
}

// DefinesMethod reports whether a def in some class's own scope of the file
// binds name.
func (in *Info) DefinesMethod(name string) bool {
	if in.watch != nil {
		in.watch.Flag(pyts.DepStructure)
	}
	return in.methods[name]
}

// AnyAsync reports whether the file has an async def.
func (in *Info) AnyAsync() bool {
	if in.watch != nil {
		in.watch.Flag(pyts.DepStructure)
	}
	return in.anyAsync
}

// Bindings returns the bindings of name in scope s itself, in source order
// (nil if it binds none). The caller must not modify them.
func (in *Info) Bindings(s int, name string) []Binding {
	if in.watch != nil {
		if s == 0 {
			in.watch.Deps.AddName(name)
		} else {
			in.seeScope(s, 0)
		}
	}
	return in.scope(s).bindings[name]
}

// BindingsByName returns every binding of scope s, by name. The caller
// must not modify the map or its slices.
func (in *Info) BindingsByName(s int) map[string][]Binding {
	in.seeScope(s, pyts.DepModuleNames)
	return in.scope(s).bindings
}

// Names returns the names scope s binds, in the order of their first
// binding. The caller must not modify them.
func (in *Info) Names(s int) []string {
	in.seeScope(s, pyts.DepModuleNames)
	return in.scope(s).order
}

// seeName records a read of the module's bindings of name.
func (in *Info) seeName(name string) {
	if in.watch != nil {
		in.watch.Deps.AddName(name)
	}
}

// seeScope records a read of scope s's facts: for the module, the
// dependency module.
func (in *Info) seeScope(s int, module pyts.DepFlags) {
	if in.watch == nil {
		return
	}
	if s == 0 {
		in.watch.Flag(module)
		return
	}
	in.watch.Node(in.scope(s).Node)
}

// Watched returns an Info with in's facts that reads the tree through t
// (in's tree made Watched) and records in t's Watch which facts outside the
// watched group an analysis reads. Its memos are its own.
func (in *Info) Watched(t *pyts.Tree) *Info {
	cp := in.Fork()
	cp.tree = t
	cp.watch = t.Watch()
	return cp
}

// ScopeOf returns the index of the innermost scope containing n.
func (in *Info) ScopeOf(n pyts.Node) int {
	if in.watch != nil {
		in.watch.Node(n)
	}
	if n < 0 || int(n) >= len(in.nodeScope) {
		return 0
	}
	v := in.nodeScope[n]
	if v == 0 {
		in.buildAt(n)
		if v = in.nodeScope[n]; v == 0 {
			return 0
		}
	}
	return int(v) - 1
}

// FunctionScope returns the index of the innermost function or lambda scope
// containing n, or -1 at module or class level.
func (in *Info) FunctionScope(n pyts.Node) int {
	for s := in.ScopeOf(n); s >= 0; s = in.scopes[s].Parent {
		switch in.scopes[s].Kind {
		case Function, Lambda:
			return s
		case Module:
			return -1
		}
	}
	return -1
}

// ScopeAt returns the index of the scope that node def (a function, class,
// lambda or comprehension) opens, or -1.
func (in *Info) ScopeAt(def pyts.Node) int {
	if in.watch != nil {
		in.watch.Node(def)
	}
	if s, ok := in.byNode[def]; ok {
		return s
	}
	if def < 0 || int(def) >= len(in.nodeScope) {
		return -1
	}
	// A def or class body not built yet.
	t := in.lazy.tree
	in.buildAt(def)
	if t.Kind(def) == pyts.ClassDefinition {
		if body := t.ChildByField(def, pyts.FBody); body != pyts.NoNode {
			in.buildAt(body)
		}
	}
	if s, ok := in.byNode[def]; ok {
		return s
	}
	return -1
}

// Lookup finds the bindings that name resolves to from scope s, following
// Python's rules: class scopes are skipped from nested functions, global
// declarations jump to the module. It returns the scope index that binds
// the name and its bindings, or -1 and nil when no scope in the file binds it
// (a builtin or an undefined name).
func (in *Info) Lookup(s int, name string) (int, []Binding) {
	first := s
	if s >= 0 {
		in.scope(s)
		if in.watch != nil {
			in.seeScope(s, 0)
		}
	}
	for ; s >= 0; s = in.scopes[s].Parent {
		sc := &in.scopes[s]
		if sc.Kind == Class && s != first {
			continue
		}
		bs := sc.bindings[name]
		if len(bs) > 0 && in.global[scopeName{s, name}] {
			in.seeName(name)
			return 0, in.scopes[0].bindings[name]
		}
		if len(bs) > 0 {
			if s == 0 {
				in.seeName(name)
			}
			return s, bs
		}
	}
	in.seeName(name)
	return -1, nil
}

// Resolve returns the qualified name an expression refers to, when it is an
// identifier or attribute chain rooted at an import ("np.linalg.norm" →
// "numpy.linalg.norm") or an unshadowed builtin ("open" → "builtins.open").
// It returns "" for anything else, including a name also bound some other
// way in the scope that would resolve it (precision over recall).
func (in *Info) Resolve(n pyts.Node) string {
	// Several analyzers ask about the same call: resolve each node once.
	if q, ok := in.resolved[n]; ok {
		return q
	}
	q := in.resolve(n)
	if in.resolved == nil {
		in.resolved = map[pyts.Node]string{}
	}
	in.resolved[n] = q
	return q
}

// maxResolveParts bounds the attributes of a chain Resolve follows: no name
// an analyzer knows is that long, and following a generated chain of
// thousands (a.b.b.b...) from each of its nodes would cost the square of
// its length.
const maxResolveParts = 32

func (in *Info) resolve(n pyts.Node) string {
	t := in.tree
	n = t.Unparen(n)
	var parts []string
	for t.Is(n, pyts.Attribute) {
		if len(parts) == maxResolveParts {
			return ""
		}
		parts = append(parts, t.Text(t.ChildByField(n, pyts.FAttribute)))
		n = t.Unparen(t.ChildByField(n, pyts.FObject))
	}
	if !t.Is(n, pyts.Identifier) {
		return ""
	}
	name := t.Text(n)
	s, bs := in.Lookup(in.ScopeOf(n), name)
	var base string
	switch {
	case len(bs) == 0:
		base = "builtins." + name
	default:
		key := scopeName{s, name}
		var ok bool
		if base, ok = in.importOf[key]; !ok {
			base = importBase(bs)
			if in.importOf == nil {
				in.importOf = map[scopeName]string{}
			}
			in.importOf[key] = base
		}
		if base == "" {
			return ""
		}
	}
	if len(parts) == 0 {
		return base
	}
	slices.Reverse(parts)
	return base + "." + strings.Join(parts, ".")
}

// importBase returns the qualified name that bindings bs all import, or ""
// when one of them is not an import or they import different things.
func importBase(bs []Binding) string {
	base := ""
	for _, b := range bs {
		if b.Kind != Import || (base != "" && b.Qualified != base) {
			return ""
		}
		base = b.Qualified
	}
	return base
}

// Imports reports whether the file imports module or anything inside it
// ("numpy" matches "import numpy as np" and "from numpy.linalg import norm").
// It is a set lookup: analyzers call it per node.
func (in *Info) Imports(module string) bool {
	if in.watch != nil {
		in.watch.Flag(pyts.DepImports)
	}
	return in.imported[module]
}

// ModuleFunction returns the module-level def named name, if the module
// binds name exactly once and by a def (otherwise pyts.NoNode).
func (in *Info) ModuleFunction(name string) pyts.Node {
	in.seeName(name)
	bs := in.scopes[0].bindings[name]
	if len(bs) != 1 || bs[0].Kind != FunctionDef {
		return pyts.NoNode
	}
	return bs[0].Def
}
