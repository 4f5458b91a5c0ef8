package repr

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

const concept = "repr"

// Analyzer is the repr analyzer.
var Analyzer = &analysis.Analyzer{
	Name:     "repr",
	Doc:      analysis.MustExtractDoc(doc, "repr"),
	Concepts: []string{concept},
	Rules:    []analysis.Rule{{Name: "str-without-repr", Concept: concept}},
	Kinds:    []pyts.Kind{pyts.ClassDefinition, pyts.FunctionDefinition, pyts.Call, pyts.TypeConversion},
	Visit:    visit,
}

func visit(pass *analysis.Pass, n pyts.Node) {
	t := pass.Tree
	switch t.Kind(n) {
	case pyts.ClassDefinition:
		visitClass(pass, n)
	case pyts.FunctionDefinition:
		visitMethod(pass, n)
	case pyts.Call:
		if pass.Callee(n) == "builtins.repr" {
			pass.Anchor(n, concept, "developer text",
				"`repr()` returns the developer form of its argument from `type(x).__repr__`: unambiguous, with quotes around strings.")
		}
	case pyts.TypeConversion:
		if t.TextIs(n, "!r") {
			expr := pyts.OneLine(t.Text(t.ChildByField(t.Parent(n), pyts.FExpression)))
			pass.Anchor(n, concept, "uses repr()",
				fmt.Sprintf("`!r` formats `%s` with `repr()` instead of `str()`: strings get quotes, and objects show their `__repr__`.", expr))
		}
	}
}

// visitMethod anchors the def header of __str__, __repr__ and __format__.
func visitMethod(pass *analysis.Pass, fn pyts.Node) {
	t := pass.Tree
	class := pass.EnclosingClass(fn)
	if class == pyts.NoNode {
		return
	}
	name := t.ChildByField(fn, pyts.FName)
	if name == pyts.NoNode {
		return
	}
	cls := t.Text(t.ChildByField(class, pyts.FName))
	r := pass.DefHeader(fn)
	switch t.Text(name) {
	case "__str__":
		pass.AnchorRange(r, concept, "str(x), print",
			fmt.Sprintf("`%s.__str__` gives the end-user text that `str(obj)`, `print(obj)` and `f\"{obj}\"` show; containers, debuggers and `!r` use `__repr__` instead.", cls))
	case "__repr__":
		pass.AnchorRange(r, concept, "repr(x), debugger",
			fmt.Sprintf("`%s.__repr__` gives the developer text that `repr(obj)`, the REPL, debuggers and containers such as `[obj]` show; `str()` falls back to it when there is no `__str__`.", cls))
	case "__format__":
		pass.AnchorRange(r, concept, "format(x, spec), f-strings",
			fmt.Sprintf("`%s.__format__` receives the spec of `format(obj, spec)` and `f\"{obj:spec}\"` and returns the text to show.", cls))
	}
}

// visitClass reports a class that defines __str__ but whose instances
// would still use object.__repr__.
func visitClass(pass *analysis.Pass, n pyts.Node) {
	t := pass.Tree
	name := t.ChildByField(n, pyts.FName)
	cs := classScope(pass, n)
	if name == pyts.NoNode || cs == nil || !definesStr(cs) || !defaultRepr(pass, n, cs, 0) {
		return
	}
	cls := t.Text(name)
	if strings.HasSuffix(cls, "Mixin") || subclassHasRepr(pass, n) {
		// A mixin or an abstract base: the classes built from it get their
		// __repr__ elsewhere.
		return
	}
	if baseDefinesStr(pass, n, 0) {
		return // reported once, on the base that defines __str__
	}
	pass.Report(analysis.Diagnostic{
		Range: pass.DefHeader(n),
		Rule:  "str-without-repr",
		Message: fmt.Sprintf("class %s defines `__str__` but not `__repr__`, so lists, debuggers and logs still show `<%s object at 0x...>`; add a `__repr__` that shows its fields (str() falls back to it)",
			cls, cls),
	})
}

// classScope returns the scope a class definition opens, or nil.
func classScope(pass *analysis.Pass, n pyts.Node) *scope.Scope {
	body := pass.Tree.ChildByField(n, pyts.FBody)
	if body == pyts.NoNode {
		return nil
	}
	sc := &pass.Scope.Scopes[pass.Scope.ScopeOf(body)]
	if sc.Kind != scope.Class || sc.Node != n {
		return nil
	}
	return sc
}

func definesStr(cs *scope.Scope) bool {
	for _, b := range cs.Bindings["__str__"] {
		if b.Kind == scope.FunctionDef || b.Kind == scope.Assign {
			return true
		}
	}
	return false
}

// baseDefinesStr reports whether a base class of n defined in this file (or
// one of its bases) defines __str__.
func baseDefinesStr(pass *analysis.Pass, n pyts.Node, depth int) bool {
	t := pass.Tree
	sup := t.ChildByField(n, pyts.FSuperclasses)
	if sup == pyts.NoNode || depth > maxDepth {
		return false
	}
	for _, b := range t.NamedChildren(sup) {
		base := pass.LocalClass(b)
		if base == pyts.NoNode {
			continue
		}
		if bcs := classScope(pass, base); bcs != nil && (definesStr(bcs) || baseDefinesStr(pass, base, depth+1)) {
			return true
		}
	}
	return false
}

// subclassHasRepr reports whether a class of this file derives from n and
// does not use the default repr (it defines __repr__ or gets one from
// another base): n is then a base or mixin whose instances are rarely its own.
func subclassHasRepr(pass *analysis.Pass, n pyts.Node) bool {
	t := pass.Tree
	for i := range pass.Scope.Scopes {
		sc := &pass.Scope.Scopes[i]
		if sc.Kind != scope.Class || sc.Node == n {
			continue
		}
		sup := t.ChildByField(sc.Node, pyts.FSuperclasses)
		if sup == pyts.NoNode {
			continue
		}
		for _, b := range t.NamedChildren(sup) {
			if pass.LocalClass(b) == n && !defaultRepr(pass, sc.Node, sc, 0) {
				return true
			}
		}
	}
	return false
}

// maxDepth bounds how far defaultRepr follows base classes in the file.
const maxDepth = 8

// defaultRepr reports whether instances of class n certainly use
// object.__repr__: nothing in its body binds __repr__, no decorator may add
// one, and every base is object or a class of this file that also has the
// default repr. Anything else (a base from another module, an unknown
// decorator or metaclass) may provide a useful __repr__.
func defaultRepr(pass *analysis.Pass, n pyts.Node, cs *scope.Scope, depth int) bool {
	t := pass.Tree
	if depth > maxDepth || len(cs.Bindings["__repr__"]) > 0 {
		return false
	}
	for _, d := range t.Decorators(n) {
		if !neutralDecorator(pass, t.NamedChild(d, 0)) {
			return false
		}
	}
	sup := t.ChildByField(n, pyts.FSuperclasses)
	if sup == pyts.NoNode {
		return true
	}
	for _, b := range t.NamedChildren(sup) {
		switch {
		case t.Is(b, pyts.KeywordArgument):
			if !t.TextIs(t.ChildByField(b, pyts.FName), "metaclass") || pass.Resolve(t.ChildByField(b, pyts.FValue)) != "abc.ABCMeta" {
				return false
			}
		case pass.Resolve(b) == "builtins.object":
		case t.Is(b, pyts.Identifier):
			base := pass.LocalClass(b)
			if base == pyts.NoNode {
				return false
			}
			bcs := classScope(pass, base)
			if bcs == nil || !defaultRepr(pass, base, bcs, depth+1) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// reprGenerators are class decorators that add a __repr__ unless told
// repr=False.
var reprGenerators = map[string]bool{
	"dataclasses.dataclass":          true,
	"pydantic.dataclasses.dataclass": true,
	"attr.s":                         true,
	"attr.attrs":                     true,
	"attr.attributes":                true,
	"attr.define":                    true,
	"attr.mutable":                   true,
	"attr.frozen":                    true,
	"attr.dataclass":                 true,
	"attrs.define":                   true,
	"attrs.mutable":                  true,
	"attrs.frozen":                   true,
}

// harmlessDecorators are class decorators known not to add a __repr__.
var harmlessDecorators = map[string]bool{
	"functools.total_ordering":            true,
	"typing.final":                        true,
	"typing_extensions.final":             true,
	"typing.runtime_checkable":            true,
	"typing_extensions.runtime_checkable": true,
}

// neutralDecorator reports whether a class decorator certainly leaves the
// default __repr__ in place: a known harmless one, or a repr generator
// called with repr=False.
func neutralDecorator(pass *analysis.Pass, e pyts.Node) bool {
	t := pass.Tree
	fn := e
	if t.Is(e, pyts.Call) {
		fn = t.ChildByField(e, pyts.FFunction)
	}
	q := pass.Resolve(fn)
	if harmlessDecorators[q] {
		return true
	}
	if !reprGenerators[q] || !t.Is(e, pyts.Call) {
		return false
	}
	return t.Is(t.KeywordArg(e, "repr"), pyts.False)
}
