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
	if name == pyts.NoNode || cs < 0 || !definesStr(pass, cs) || !defaultRepr(pass, n) {
		return
	}
	cls := t.Text(name)
	if strings.HasSuffix(cls, "Mixin") || subclassHasRepr(pass, n) {
		// A mixin or an abstract base: the classes built from it get their
		// __repr__ elsewhere.
		return
	}
	if baseDefinesStr(pass, n) {
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
func classScope(pass *analysis.Pass, n pyts.Node) int {
	body := pass.Tree.ChildByField(n, pyts.FBody)
	if body == pyts.NoNode {
		return -1
	}
	s := pass.Scope.ScopeOf(body)
	if sc := pass.Scope.Scope(s); sc.Kind != scope.Class || sc.Node != n {
		return -1
	}
	return s
}

func definesStr(pass *analysis.Pass, cs int) bool {
	for _, b := range pass.Scope.Bindings(cs, "__str__") {
		if b.Kind == scope.FunctionDef || b.Kind == scope.Assign {
			return true
		}
	}
	return false
}

// baseDefinesStr reports whether a base class of n defined in this file (or
// one of its bases) defines __str__. Each class is looked at once, so a
// hierarchy where bases repeat (class B(A, A), class C(B, B), ...) costs
// its size, not the number of its paths.
func baseDefinesStr(pass *analysis.Pass, n pyts.Node) bool {
	seen := map[pyts.Node]bool{n: true}
	stack := localBases(pass, n, nil)
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[c] {
			continue
		}
		seen[c] = true
		bcs := classScope(pass, c)
		if bcs < 0 {
			continue
		}
		if definesStr(pass, bcs) {
			return true
		}
		stack = localBases(pass, c, stack)
	}
	return false
}

// localBases appends to out the classes of this file that class n names as
// bases.
func localBases(pass *analysis.Pass, n pyts.Node, out []pyts.Node) []pyts.Node {
	t := pass.Tree
	sup := t.ChildByField(n, pyts.FSuperclasses)
	if sup == pyts.NoNode {
		return out
	}
	for _, b := range t.NamedChildren(sup) {
		if base := pass.LocalClass(b); base != pyts.NoNode {
			out = append(out, base)
		}
	}
	return out
}

// subclassHasRepr reports whether a class of this file derives from n and
// does not use the default repr (it defines __repr__ or gets one from
// another base): n is then a base or mixin whose instances are rarely its own.
func subclassHasRepr(pass *analysis.Pass, n pyts.Node) bool {
	for _, sub := range subclasses(pass)[n] {
		if !defaultRepr(pass, sub) {
			return true
		}
	}
	return false
}

// subclasses maps each class of this file to the classes of this file that
// name it as a base, computed once per file.
func subclasses(pass *analysis.Pass) map[pyts.Node][]pyts.Node {
	type key struct{}
	return analysis.Memo(pass, key{}, func() map[pyts.Node][]pyts.Node {
		subs := map[pyts.Node][]pyts.Node{}
		var bases []pyts.Node
		for _, cls := range pass.Scope.Classes() {
			bases = localBases(pass, cls, bases[:0])
			for _, b := range bases {
				if b != cls {
					subs[b] = append(subs[b], cls)
				}
			}
		}
		return subs
	})
}

// reprState is what defaultRepr knows of a class.
type reprState uint8

const (
	reprUnknown  reprState = iota
	reprVisiting           // on the stack: a base cycle when met again
	reprDefault
	reprOther
)

// defaultRepr reports whether instances of class n certainly use
// object.__repr__: nothing in its body binds __repr__, no decorator may add
// one, and every base is object or a class of this file that also has the
// default repr. Anything else (a base from another module, an unknown
// decorator or metaclass, bases that form a cycle) may provide a useful
// __repr__. The answer for each class is computed once per file, with an
// explicit stack: a deep or repetitive hierarchy costs its size.
func defaultRepr(pass *analysis.Pass, n pyts.Node) bool {
	type key struct{}
	state := analysis.Memo(pass, key{}, func() map[pyts.Node]reprState { return map[pyts.Node]reprState{} })
	switch state[n] {
	case reprDefault:
		return true
	case reprOther, reprVisiting:
		return false
	}
	type frame struct {
		class pyts.Node
		bases []pyts.Node
	}
	var stack []frame
	// enter records c as visiting and pushes it, or reports that its own
	// definition rules the default repr out.
	enter := func(c pyts.Node) bool {
		bases, ok := ownDefaultRepr(pass, c)
		if !ok {
			state[c] = reprOther
			return false
		}
		state[c] = reprVisiting
		stack = append(stack, frame{c, bases})
		return true
	}
	if !enter(n) {
		return false
	}
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		if len(f.bases) == 0 {
			state[f.class] = reprDefault
			stack = stack[:len(stack)-1]
			continue
		}
		b := f.bases[0]
		f.bases = f.bases[1:]
		switch state[b] {
		case reprDefault:
			continue
		case reprUnknown:
			if enter(b) {
				continue
			}
		}
		// b has another repr, or closes a cycle: so has every class on
		// the stack, each of which derives from b.
		for _, f := range stack {
			state[f.class] = reprOther
		}
		return false
	}
	return true
}

// ownDefaultRepr reports whether class n's own definition keeps
// object.__repr__ (see defaultRepr), and returns the classes of this file
// among its bases, whose repr it inherits.
func ownDefaultRepr(pass *analysis.Pass, n pyts.Node) (local []pyts.Node, ok bool) {
	t := pass.Tree
	cs := classScope(pass, n)
	if cs < 0 || len(pass.Scope.Bindings(cs, "__repr__")) > 0 {
		return nil, false
	}
	for _, d := range t.Decorators(n) {
		if !neutralDecorator(pass, t.NamedChild(d, 0)) {
			return nil, false
		}
	}
	sup := t.ChildByField(n, pyts.FSuperclasses)
	if sup == pyts.NoNode {
		return nil, true
	}
	for _, b := range t.NamedChildren(sup) {
		switch {
		case t.Is(b, pyts.KeywordArgument):
			if !t.TextIs(t.ChildByField(b, pyts.FName), "metaclass") || pass.Resolve(t.ChildByField(b, pyts.FValue)) != "abc.ABCMeta" {
				return nil, false
			}
		case pass.Resolve(b) == "builtins.object":
		case t.Is(b, pyts.Identifier):
			base := pass.LocalClass(b)
			if base == pyts.NoNode {
				return nil, false
			}
			local = append(local, base)
		default:
			return nil, false
		}
	}
	return local, true
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
