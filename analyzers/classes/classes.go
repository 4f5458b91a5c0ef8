package classes

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

const concept = "classes"

// Analyzer is the classes analyzer.
var Analyzer = &analysis.Analyzer{
	Name:     "classes",
	Doc:      analysis.MustExtractDoc(doc, "classes"),
	Concepts: []string{concept},
	Kinds:    []pyts.Kind{pyts.ClassDefinition, pyts.FunctionDefinition, pyts.Decorator},
	Visit:    visit,
}

func visit(pass *analysis.Pass, n pyts.Node) {
	switch pass.Tree.Kind(n) {
	case pyts.ClassDefinition:
		visitClass(pass, n)
	case pyts.FunctionDefinition:
		visitMethod(pass, n)
	case pyts.Decorator:
		visitDecorator(pass, n)
	}
}

// visitClass anchors the header of a class definition, naming its bases.
func visitClass(pass *analysis.Pass, n pyts.Node) {
	t := pass.Tree
	name := t.ChildByField(n, pyts.FName)
	if name == pyts.NoNode {
		return
	}
	r := pass.Range(n)
	r.End = t.End(name)
	if c := t.ChildOfKind(n, pyts.OpColon); c != pyts.NoNode {
		r.End = t.End(c)
	}
	cls := t.Text(name)
	var bases []string
	meta := ""
	if sup := t.ChildByField(n, pyts.FSuperclasses); sup != pyts.NoNode {
		for _, b := range t.NamedChildren(sup) {
			switch {
			case t.Is(b, pyts.KeywordArgument):
				if t.TextIs(t.ChildByField(b, pyts.FName), "metaclass") {
					meta = pyts.OneLine(t.Text(t.ChildByField(b, pyts.FValue)))
				}
			case pass.Resolve(b) == "builtins.object":
			default:
				bases = append(bases, "`"+pyts.OneLine(t.Text(b))+"`")
			}
		}
	}
	var detail string
	if len(bases) == 0 {
		detail = fmt.Sprintf("`class %s` defines a new type: calling `%s(...)` creates an instance, and its methods receive that instance as `self`.", cls, cls)
	} else {
		detail = fmt.Sprintf("`class %s` defines a new type that inherits the attributes and methods of %s; what it defines itself overrides them, and `super()` reaches the inherited version.", cls, strings.Join(bases, ", "))
	}
	if meta != "" {
		detail += fmt.Sprintf(" Its metaclass `%s` controls how the class object itself is built.", meta)
	}
	pass.AnchorRange(r, concept, "class", detail)
}

// methodKind says what a method's first parameter receives.
type methodKind int

const (
	instanceMethod methodKind = iota
	classMethod
	staticMethod
)

// visitMethod anchors the first parameter of a method and __init__.
func visitMethod(pass *analysis.Pass, fn pyts.Node) {
	t := pass.Tree
	class := pass.EnclosingClass(fn)
	if class == pyts.NoNode {
		return
	}
	cls := t.Text(t.ChildByField(class, pyts.FName))
	nameNode := t.ChildByField(fn, pyts.FName)
	if nameNode == pyts.NoNode {
		return
	}
	name := t.Text(nameNode)
	kind := instanceMethod
	switch name {
	case "__new__", "__init_subclass__", "__class_getitem__":
		kind = classMethod // implicitly static (__new__) or class methods, both receive the class
	}
	for _, d := range t.Decorators(fn) {
		switch pass.Resolve(t.NamedChild(d, 0)) {
		case "builtins.classmethod":
			kind = classMethod
		case "builtins.staticmethod":
			kind = staticMethod
		}
	}
	if name == "__init__" {
		pass.AnchorRange(pass.DefHeader(fn), concept, "initialiser",
			fmt.Sprintf("`%s.__init__` runs right after `%s(...)` creates the instance, to set up its attributes on `self`; it must return `None`.", cls, cls))
	}
	if kind == staticMethod {
		return
	}
	params := t.ChildByField(fn, pyts.FParameters)
	if params == pyts.NoNode {
		return
	}
	first := t.ParamName(t.NamedChild(params, 0))
	if first == pyts.NoNode {
		return
	}
	p := t.Text(first)
	switch kind {
	case instanceMethod:
		detail := fmt.Sprintf("`%s` is the `%s` instance this method was called on: `obj.%s(...)` passes `obj` as `%s`.", p, cls, name, p)
		if p != "self" {
			detail += " By convention it is named `self`."
		}
		pass.Anchor(first, concept, "the instance", detail)
	case classMethod:
		pass.Anchor(first, concept, "the class",
			fmt.Sprintf("`%s` is the class this method was called on (`%s` or a subclass), not an instance.", p, cls))
	}
}

// visitDecorator anchors @classmethod, @staticmethod, @property and the
// @name.setter family on methods.
func visitDecorator(pass *analysis.Pass, d pyts.Node) {
	t := pass.Tree
	def := pass.DecoratedDef(d)
	if !t.Is(def, pyts.FunctionDefinition) {
		return
	}
	s := pass.Scope.ScopeOf(def)
	if pass.Scope.Scope(s).Kind != scope.Class {
		return
	}
	cls := t.Text(t.ChildByField(pass.Scope.Scope(s).Node, pyts.FName))
	name := t.Text(t.ChildByField(def, pyts.FName))
	e := t.NamedChild(d, 0)
	if e == pyts.NoNode {
		return
	}
	// The decorator node runs to the end of its line, comment included:
	// anchor "@" through the expression.
	r := analysis.Range{Start: t.Start(d), End: t.End(e)}
	anchor := func(hint, detail string) { pass.AnchorRange(r, concept, hint, detail) }
	switch pass.Resolve(e) {
	case "builtins.classmethod":
		anchor("receives the class",
			fmt.Sprintf("`@classmethod` makes `%s.%s` receive the class it is called on as its first argument instead of an instance, so it also works for subclasses; typical for alternative constructors.", cls, name))
		return
	case "builtins.staticmethod":
		anchor("no self or cls",
			fmt.Sprintf("`@staticmethod` makes `%s.%s` a plain function stored on the class: it receives neither the instance nor the class.", cls, name))
		return
	case "builtins.property":
		anchor("computed attribute",
			fmt.Sprintf("`@property` makes reading `obj.%s` call this method, with no parentheses; without a `@%s.setter`, assigning to it raises `AttributeError`.", name, name))
		return
	case "functools.cached_property":
		anchor("computed once",
			fmt.Sprintf("`@cached_property` runs this method on the first read of `obj.%s` and stores the result on the instance; later reads skip the call.", name))
		return
	}
	// @total.setter / @total.deleter / @total.getter, where total is a
	// property defined earlier in the same class body.
	if !t.Is(e, pyts.Attribute) {
		return
	}
	obj := t.ChildByField(e, pyts.FObject)
	if !t.Is(obj, pyts.Identifier) || len(pass.Scope.Bindings(s, t.Text(obj))) == 0 {
		return
	}
	prop := t.Text(obj)
	switch t.Text(t.ChildByField(e, pyts.FAttribute)) {
	case "setter":
		anchor("runs on assignment",
			fmt.Sprintf("`@%s.setter` makes `obj.%s = value` call this method with the value, alongside the `%s` property.", prop, prop, prop))
	case "deleter":
		anchor("runs on del",
			fmt.Sprintf("`@%s.deleter` makes `del obj.%s` call this method.", prop, prop))
	case "getter":
		anchor("computed attribute",
			fmt.Sprintf("`@%s.getter` replaces the method that reading `obj.%s` calls.", prop, prop))
	}
}
