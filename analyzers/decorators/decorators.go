package decorators

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/pyts"
	"github.com/pyhint/pyhint/analyzers/scope"
)

//go:embed doc.go
var doc string

const concept = "decorators"

// Rule names.
const (
	ruleWraps    = "wrapper-without-wraps"
	ruleLRUCache = "lru-cache-on-method"
)

// Analyzer is the decorators analyzer.
var Analyzer = &analysis.Analyzer{
	Name:     "decorators",
	Doc:      analysis.MustExtractDoc(doc, "decorators"),
	Concepts: []string{concept},
	Rules: []analysis.Rule{
		{Name: ruleWraps, Concept: concept},
		{Name: ruleLRUCache, Concept: concept},
	},
	Kinds: []pyts.Kind{pyts.Decorator, pyts.FunctionDefinition},
	Visit: visit,
}

func visit(pass *analysis.Pass, n pyts.Node) {
	switch pass.Tree.Kind(n) {
	case pyts.Decorator:
		visitDecorator(pass, n)
	case pyts.FunctionDefinition:
		visitFunction(pass, n)
	}
}

// ---------------------------------------------------------------------------
// Decorator uses: anchors and lru-cache-on-method.

// known maps decorators to a hint and what they do to the definition.
var known = map[string][2]string{
	"builtins.property":              {"property: read as attribute", "it turns the method into an attribute computed on every read"},
	"builtins.staticmethod":          {"static: no self or cls", "the method receives neither the instance nor the class"},
	"builtins.classmethod":           {"classmethod: gets cls", "the method receives the class as its first argument instead of an instance"},
	"functools.wraps":                {"wraps: keeps metadata", "it copies the wrapped function's `__name__`, `__doc__` and signature onto this wrapper"},
	"functools.lru_cache":            {"lru_cache: memoised", "results are cached by argument values, so a repeated call with the same arguments returns the stored result"},
	"functools.cache":                {"cache: memoised, unbounded", "results are cached by argument values forever, so a repeated call with the same arguments returns the stored result"},
	"functools.cached_property":      {"computed once per instance", "the value is computed on first access and then stored on the instance"},
	"functools.total_ordering":       {"fills in comparisons", "it adds the missing ordering methods from `__eq__` and one of `__lt__`, `__le__`, `__gt__`, `__ge__`"},
	"functools.singledispatch":       {"dispatch on first arg type", "calls pick an implementation registered for the type of the first argument"},
	"functools.singledispatchmethod": {"dispatch on first arg type", "calls pick an implementation registered for the type of the first non-self argument"},
	"contextlib.contextmanager":      {"generator → with block", "the generator becomes a context manager: code before `yield` runs on entering the `with` block, code after it on leaving"},
	"contextlib.asynccontextmanager": {"generator → async with", "the async generator becomes an async context manager for `async with`"},
	"dataclasses.dataclass":          {"dataclass: generated methods", "it generates `__init__`, `__repr__` and `__eq__` from the class's annotated fields"},
	"abc.abstractmethod":             {"abstract: must override", "subclasses must override the method before they can be instantiated"},
	"typing.overload":                {"overload: for type checkers", "this definition only describes a signature for type checkers; the final undecorated definition is the one that runs"},
	"typing.final":                   {"final: for type checkers", "type checkers reject overriding or subclassing it; nothing changes at run time"},
	"atexit.register":                {"runs at exit", "the function is registered to run when the interpreter exits, and returned unchanged"},
	"enum.unique":                    {"unique enum values", "the class creation fails if two members share a value"},
	"typing.runtime_checkable":       {"isinstance-checkable protocol", "`isinstance()` and `issubclass()` then check the protocol's members at run time"},
	"types.coroutine":                {"generator-based coroutine", "the generator can then be awaited like a coroutine"},
	"unittest.skip":                  {"skips this test", "the test is reported as skipped and never runs"},
	"unittest.skipIf":                {"skips test if condition", "the test is skipped when the condition is true"},
	"unittest.skipUnless":            {"skips test unless condition", "the test is skipped unless the condition is true"},
	"unittest.expectedFailure":       {"failure expected", "a failure of this test is reported as expected, and a pass as unexpected"},
	"unittest.mock.patch":            {"patched during the call", "the target is replaced by a mock while the function runs and restored after"},
	"unittest.mock.patch.object":     {"patched during the call", "the attribute is replaced by a mock while the function runs and restored after"},
	"unittest.mock.patch.dict":       {"patched during the call", "the dictionary is changed while the function runs and restored after"},
	"unittest.mock.patch.multiple":   {"patched during the call", "the attributes are replaced by mocks while the function runs and restored after"},
	"pytest.fixture":                 {"pytest fixture", "tests that name this function as a parameter receive its return value"},
}

var propertyParts = map[string]string{
	"setter":  "it adds a setter to the property, run on `obj.%s = value`",
	"getter":  "it replaces the property's getter",
	"deleter": "it adds a deleter to the property, run on `del obj.%s`",
}

// decoratorName returns the expression a decorator names (the callee for
// @f(...)) and whether the decorator is a call.
func decoratorName(t *pyts.Tree, dec pyts.Node) (pyts.Node, bool) {
	e := t.Unparen(t.NamedChild(dec, 0))
	if t.Is(e, pyts.Call) {
		return t.Unparen(t.ChildByField(e, pyts.FFunction)), true
	}
	return e, false
}

func visitDecorator(pass *analysis.Pass, dec pyts.Node) {
	t := pass.Tree
	def := pass.DecoratedDef(dec)
	if def == pyts.NoNode {
		return
	}
	name := t.Text(t.ChildByField(def, pyts.FName))
	expr := t.Unparen(t.NamedChild(dec, 0))
	if expr == pyts.NoNode {
		return
	}
	target, isCall := decoratorName(t, dec)
	q := pass.Resolve(target)
	all := decoratorsOf(pass, def)
	exprText := pyts.OneLine(t.Text(expr))
	callee := pyts.OneLine(t.Text(target))
	shown := exprText // the decorator as quoted in the detail
	if len(shown) > 40 && isCall {
		shown = callee + "(...)"
	}
	when := "the def runs"
	if t.Is(def, pyts.ClassDefinition) {
		when = "the class statement runs"
	}
	var detail string
	if isCall {
		detail = fmt.Sprintf("`@%s` calls `%s` when %s and replaces `%s` with what that returns applied to it: `%s(%s)`.", shown, shown, when, name, shown, name)
	} else {
		detail = fmt.Sprintf("`@%s` replaces `%s` with `%s(%s)` when %s.", shown, name, shown, name, when)
	}
	hint := decoratorHint(name, exprText, callee, isCall)
	if k, ok := known[q]; ok {
		hint = k[0]
		detail += " " + capitalize(k[1]) + "."
	} else if t.Is(target, pyts.Attribute) {
		attr := t.Text(t.ChildByField(target, pyts.FAttribute))
		if what, ok := propertyParts[attr]; ok && !isCall {
			hint = "property " + attr
			if strings.Contains(what, "%s") {
				what = fmt.Sprintf(what, name)
			}
			detail += " " + capitalize(what) + "."
		}
	}
	detail += stackedNote(pass, def, name, all)
	// The anchor covers the expression after "@": a caret comment can
	// point at it from the decorator's own indentation (tree-sitter does
	// not accept a dedented comment between a decorator and its def).
	pass.Anchor(expr, concept, hint, detail)

	if q == "functools.lru_cache" || q == "functools.cache" {
		checkLRUCache(pass, dec, def, all, q)
	}
}

// decoratorHint returns the inlay label of a decorator with no known
// meaning: what the name is rebound to, shortened to fit.
func decoratorHint(name, expr, callee string, isCall bool) string {
	const max = 36
	if h := name + " = " + expr + "(" + name + ")"; len(h) <= max {
		return h
	}
	args := ""
	if isCall {
		args = "(…)"
	}
	if h := name + " = " + callee + args + "(" + name + ")"; len(h) <= max {
		return h
	}
	last := callee
	if i := strings.LastIndexByte(last, '.'); i >= 0 {
		last = last[i+1:]
	}
	if h := "replaced by " + last + "(…)"; len(h) <= max {
		return h
	}
	return "decorator"
}

// checkLRUCache reports @lru_cache / @cache on an instance method: a def
// directly in a class body whose first parameter is self, without
// @staticmethod or @classmethod, in a class that is not an Enum (whose
// members live forever anyway).
func checkLRUCache(pass *analysis.Pass, dec, def pyts.Node, all []pyts.Node, q string) {
	t := pass.Tree
	if !t.Is(def, pyts.FunctionDefinition) {
		return
	}
	class := t.MethodClass(def)
	if class == pyts.NoNode {
		return
	}
	first := t.NamedChild(t.ChildByField(def, pyts.FParameters), 0)
	if t.Is(first, pyts.TypedParameter) {
		first = t.NamedChild(first, 0)
	}
	if !t.Is(first, pyts.Identifier) || !t.TextIs(first, "self") {
		return
	}
	for _, d := range all {
		target, _ := decoratorName(t, d)
		switch pass.Resolve(target) {
		case "builtins.staticmethod", "builtins.classmethod":
			return
		}
	}
	if sup := t.ChildByField(class, pyts.FSuperclasses); sup != pyts.NoNode {
		for _, b := range t.NamedChildren(sup) {
			if strings.HasPrefix(pass.Resolve(b), "enum.") {
				return
			}
		}
	}
	name := t.Text(t.ChildByField(def, pyts.FName))
	deco := "@" + strings.TrimPrefix(q, "functools.")
	pass.Reportf(dec, ruleLRUCache,
		"`%s` on method `%s` keys its class-wide cache on `self`, so the cache keeps every instance it has seen alive; use `functools.cached_property`, or cache a module-level function of plain values",
		deco, name)
}

// ---------------------------------------------------------------------------
// Decorator definitions: anchors and wrapper-without-wraps.

// decoratorDef is what analyse finds in a function that is a decorator.
type decoratorDef struct {
	fn       pyts.Node   // the decorator
	param    string      // its function parameter
	wrappers []pyts.Node // inner defs that call param and are returned
	manual   bool        // it copies metadata itself (update_wrapper, w.__name__ = ...)
	scope    int         // the decorator's scope
}

// analyse returns fn as a decorator: a (non-async) function whose one
// required parameter (after self or cls in a method) is a function it calls
// from an inner def that it returns and that stands in for it (see
// forwards):
//
//	def deco(func):                 def deco(self, func, *, name=None):
//	    def wrapper(*a, **k):           def wrapper(*a, **k):
//	        return func(*a, **k)            return func(*a, **k)
//	    return wrapper                  return wrapper
func analyse(pass *analysis.Pass, fn pyts.Node) *decoratorDef {
	t := pass.Tree
	if t.Is(t.FirstChild(fn), pyts.KwAsync) {
		return nil
	}
	params := t.NamedChildren(t.ChildByField(fn, pyts.FParameters))
	if t.MethodClass(fn) != pyts.NoNode && !isStatic(pass, fn) && len(params) > 0 {
		params = params[1:]
	}
	if len(params) == 0 {
		return nil
	}
	param := paramName(t, params[0])
	if param == "" {
		return nil
	}
	for _, p := range params[1:] {
		switch t.Kind(p) {
		case pyts.DefaultParameter, pyts.TypedDefaultParameter, pyts.KeywordSeparator, pyts.PositionalSeparator:
		default:
			return nil // def partial(func, *args): not a decorator's shape
		}
	}
	body := t.ChildByField(fn, pyts.FBody)
	if body == pyts.NoNode {
		return nil
	}
	fs := pass.Scope.ScopeOf(body)
	inner, returned, others := ownDefs(pass, body, fs)
	names := map[string]bool{}
	var candidates []pyts.Node
	for _, in := range inner {
		name := t.Text(t.ChildByField(in, pyts.FName))
		if returned[name] && callToParam(pass, in, param, fs) != pyts.NoNode {
			candidates = append(candidates, in)
			names[name] = true
		}
	}
	if len(candidates) == 0 || others {
		return nil
	}
	// Every return hands back a wrapper, or the function unchanged
	// (`if not enabled: return func`); a factory that sometimes returns
	// something else (`return float`) is not a decorator.
	for r := range returned {
		if !names[r] && r != param {
			return nil
		}
	}
	d := &decoratorDef{fn: fn, param: param, scope: fs}
	var calls []pyts.Node
	for n := body; n < t.SubtreeEnd(body); n++ {
		switch t.Kind(n) {
		case pyts.Call:
			if pass.Scope.ScopeOf(n) == fs {
				calls = append(calls, n)
			}
		case pyts.Attribute:
			switch t.Text(t.ChildByField(n, pyts.FAttribute)) {
			case "__name__", "__qualname__", "__doc__", "__wrapped__", "__signature__":
				if isAssignTarget(t, n) {
					d.manual = true // w.__name__ = f.__name__
				}
			}
		}
	}
	// update_wrapper(wrapper, func), or a helper such as _wrap(wrapper,
	// func), copies the metadata by hand.
	for _, c := range calls {
		var hasW, hasP bool
		for _, a := range t.NamedChildren(t.ChildByField(c, pyts.FArguments)) {
			a = t.Unparen(a)
			if t.Is(a, pyts.KeywordArgument) {
				a = t.Unparen(t.ChildByField(a, pyts.FValue))
			}
			if t.Is(a, pyts.Identifier) {
				hasW = hasW || names[t.Text(a)]
				hasP = hasP || t.TextIs(a, param)
			}
		}
		if hasW && hasP {
			d.manual = true
		}
	}
	// A wrapper stands in for the function: it says so (wraps,
	// update_wrapper), or it takes and returns what the function does.
	for _, in := range candidates {
		if d.manual || hasWraps(pass, in) || forwards(pass, in, param, fs) {
			d.wrappers = append(d.wrappers, in)
		}
	}
	if len(d.wrappers) == 0 {
		return nil
	}
	return d
}

// ownDefs scans the body of a function whose scope is fs: it returns the
// defs the function makes itself (not those of nested functions), the names
// its own return statements hand back, and whether one of them hands back
// something other than a name.
func ownDefs(pass *analysis.Pass, body pyts.Node, fs int) (inner []pyts.Node, returned map[string]bool, others bool) {
	t := pass.Tree
	returned = map[string]bool{}
	for n := body; n < t.SubtreeEnd(body); n++ {
		switch t.Kind(n) {
		case pyts.FunctionDefinition:
			if pass.Scope.ScopeOf(n) == fs {
				inner = append(inner, n)
			}
		case pyts.ReturnStatement:
			if pass.Scope.ScopeOf(n) == fs {
				if v := t.Unparen(t.NamedChild(n, 0)); t.Is(v, pyts.Identifier) {
					returned[t.Text(v)] = true
				} else {
					others = true
				}
			}
		}
	}
	return inner, returned, others
}

func isStatic(pass *analysis.Pass, fn pyts.Node) bool {
	t := pass.Tree
	for _, c := range t.Decorators(fn) {
		target, _ := decoratorName(t, c)
		if pass.Resolve(target) == "builtins.staticmethod" {
			return true
		}
	}
	return false
}

// paramName returns the name a plain (non-splat) parameter binds, or "".
func paramName(t *pyts.Tree, p pyts.Node) string {
	if id := t.ParamName(p); id != pyts.NoNode {
		return t.Text(id)
	}
	return ""
}

func isAssignTarget(t *pyts.Tree, n pyts.Node) bool {
	p := t.Parent(n)
	return (t.Is(p, pyts.Assignment) || t.Is(p, pyts.AugmentedAssignment)) && t.Field(n) == pyts.FLeft
}

// callToParam returns a call in inner to the enclosing decorator's
// parameter param (scope fs), or NoNode.
func callToParam(pass *analysis.Pass, inner pyts.Node, param string, fs int) pyts.Node {
	t := pass.Tree
	for n := inner; n < t.SubtreeEnd(inner); n++ {
		if !t.Is(n, pyts.Call) {
			continue
		}
		f := t.Unparen(t.ChildByField(n, pyts.FFunction))
		if !t.Is(f, pyts.Identifier) || !t.TextIs(f, param) {
			continue
		}
		if s, _ := pass.Scope.Lookup(pass.Scope.ScopeOf(f), param); s == fs {
			return n
		}
	}
	return pyts.NoNode
}

// forwards reports whether wrapper stands in for param: it passes exactly
// its own parameters on, each in the same form (def wrapper(*args,
// **kwargs): func(*args, **kwargs), def wrapper(self, x): func(self, x)).
// Only then does it have param's signature, which is what functools.wraps
// reports. A wrapper with named parameters only must also hand back what
// param returns (return func(x), or r = func(x) ... return r): an inner
// function that filters or post-processes the result (a generator over
// func(v), func(x).expand()) is a combinator with a meaning of its own.
// One without parameters is more often a thunk than a wrapper.
func forwards(pass *analysis.Pass, wrapper pyts.Node, param string, fs int) bool {
	t := pass.Tree
	own := map[string]pyts.Kind{} // parameter name → its form
	splat := false
	for _, p := range t.NamedChildren(t.ChildByField(wrapper, pyts.FParameters)) {
		switch t.Kind(p) {
		case pyts.ListSplatPattern, pyts.DictionarySplatPattern:
			if c := t.NamedChild(p, 0); t.Is(c, pyts.Identifier) {
				own[t.Text(c)] = t.Kind(p)
				splat = true
			}
		case pyts.KeywordSeparator, pyts.PositionalSeparator:
		default:
			n := paramName(t, p)
			if n == "" {
				return false
			}
			own[n] = pyts.Identifier
		}
	}
	if len(own) == 0 {
		return false
	}
calls:
	for n := wrapper; n < t.SubtreeEnd(wrapper); n++ {
		if !t.Is(n, pyts.Call) {
			continue
		}
		f := t.Unparen(t.ChildByField(n, pyts.FFunction))
		if !t.Is(f, pyts.Identifier) || !t.TextIs(f, param) {
			continue
		}
		if s, _ := pass.Scope.Lookup(pass.Scope.ScopeOf(f), param); s != fs {
			continue
		}
		passed := map[string]bool{}
		for _, a := range t.NamedChildren(t.ChildByField(n, pyts.FArguments)) {
			v, form := a, pyts.Identifier
			switch t.Kind(a) {
			case pyts.ListSplat:
				v, form = t.NamedChild(a, 0), pyts.ListSplatPattern
			case pyts.DictionarySplat:
				v, form = t.NamedChild(a, 0), pyts.DictionarySplatPattern
			case pyts.KeywordArgument:
				v = t.ChildByField(a, pyts.FValue)
			}
			v = t.Unparen(v)
			if !t.Is(v, pyts.Identifier) || own[t.Text(v)] != form {
				continue calls // passes something of its own
			}
			passed[t.Text(v)] = true
		}
		if len(passed) == len(own) && (splat || returnsResult(pass, wrapper, n)) {
			return true
		}
	}
	return false
}

// returnsResult reports whether wrapper returns the value of call: return
// call, return await call, or name = call followed by return name.
func returnsResult(pass *analysis.Pass, wrapper, call pyts.Node) bool {
	t := pass.Tree
	v := call
	if t.Is(t.Parent(v), pyts.Await) {
		v = t.Parent(v)
	}
	for t.Is(t.Parent(v), pyts.ParenthesizedExpression) {
		v = t.Parent(v)
	}
	p := t.Parent(v)
	if t.Is(p, pyts.ReturnStatement) {
		return true
	}
	if !t.Is(p, pyts.Assignment) || t.Field(v) != pyts.FRight {
		return false
	}
	name := t.ChildByField(p, pyts.FLeft)
	if !t.Is(name, pyts.Identifier) {
		return false
	}
	ws := pass.Scope.ScopeOf(t.ChildByField(wrapper, pyts.FBody))
	for n := wrapper; n < t.SubtreeEnd(wrapper); n++ {
		if t.Is(n, pyts.ReturnStatement) && pass.Scope.ScopeOf(n) == ws {
			if r := t.Unparen(t.NamedChild(n, 0)); t.Is(r, pyts.Identifier) && t.TextIs(r, t.Text(name)) {
				return true
			}
		}
	}
	return false
}

func visitFunction(pass *analysis.Pass, fn pyts.Node) {
	t := pass.Tree
	name := t.Text(t.ChildByField(fn, pyts.FName))
	d := analyse(pass, fn)
	if d == nil {
		visitFactory(pass, fn, name)
		return
	}
	w0 := t.Text(t.ChildByField(d.wrappers[0], pyts.FName))
	pass.AnchorRange(pass.DefHeader(fn), concept, "decorator", fmt.Sprintf(
		"`%s` is a decorator: `@%s` above a def passes that function in as `%s` and puts the returned `%s` in its place.",
		name, name, d.param, w0))
	for _, w := range d.wrappers {
		wn := t.Text(t.ChildByField(w, pyts.FName))
		pass.AnchorRange(pass.DefHeader(w), concept, "wrapper", fmt.Sprintf(
			"`%s` is what callers of a function decorated with `@%s` really call; it runs its own code around the call to `%s`.",
			wn, name, d.param))
		if d.manual || hasWraps(pass, w) {
			continue
		}
		msg := fmt.Sprintf("wrapper `%s` returned by decorator `%s` does not use `functools.wraps(%s)`, so decorated functions report the name `%s`, lose their docstring and show `%s`'s signature; decorate it with `@functools.wraps(%s)`",
			wn, name, d.param, wn, wn, d.param)
		r := pass.DefHeader(w)
		if fix, ok := wrapsFix(pass, w, d); ok {
			pass.Report(analysis.Diagnostic{Range: r, Rule: ruleWraps, Message: msg, Fixes: []analysis.Fix{fix}})
		} else {
			pass.Report(analysis.Diagnostic{Range: r, Rule: ruleWraps, Message: msg})
		}
	}
}

// visitFactory anchors a decorator factory: a function returning an inner
// def that is itself a decorator (def retry(times): def deco(func): ...).
func visitFactory(pass *analysis.Pass, fn pyts.Node, name string) {
	t := pass.Tree
	body := t.ChildByField(fn, pyts.FBody)
	if body == pyts.NoNode {
		return
	}
	inner, returned, _ := ownDefs(pass, body, pass.Scope.ScopeOf(body))
	for _, in := range inner {
		iname := t.Text(t.ChildByField(in, pyts.FName))
		if !returned[iname] || analyse(pass, in) == nil {
			continue
		}
		pass.AnchorRange(pass.DefHeader(fn), concept, "decorator factory", fmt.Sprintf(
			"`%s` is a decorator factory: `@%s(...)` first calls it, and the decorator `%s` it returns is then applied to the function below.",
			name, name, iname))
		return
	}
}

// hasWraps reports whether w is decorated with functools.wraps, in any
// spelling (@wraps(f), @functools.wraps(f), @ft.wraps(f), or a look-alike
// such as six.wraps: anything named wraps is taken at its word).
func hasWraps(pass *analysis.Pass, w pyts.Node) bool {
	t := pass.Tree
	for _, c := range t.Decorators(w) {
		target, _ := decoratorName(t, c)
		if pass.Resolve(target) == "functools.wraps" {
			return true
		}
		switch t.Kind(target) {
		case pyts.Identifier:
			if t.TextIs(target, "wraps") {
				return true
			}
		case pyts.Attribute:
			if t.TextIs(t.ChildByField(target, pyts.FAttribute), "wraps") {
				return true
			}
		}
	}
	return false
}

// wrapsFix inserts @functools.wraps(param) above the wrapper (above its
// other decorators, so that it applies last), spelled with whatever name
// the module already imports, adding `import functools` when it has none.
func wrapsFix(pass *analysis.Pass, w pyts.Node, d *decoratorDef) (analysis.Fix, bool) {
	t := pass.Tree
	doc := pass.Doc
	at := w
	if t.Is(t.Parent(w), pyts.DecoratedDefinition) {
		at = t.Parent(w)
	}
	indent := pass.Indent(t.Start(at))
	lineStart := doc.LineStart(doc.LineOf(t.Start(at)))
	if t.Start(at)-lineStart != len(indent) {
		return analysis.Fix{}, false
	}
	fs := d.scope
	spelling, needImport := wrapsSpelling(pass, fs, t.Start(d.fn))
	if spelling == "" {
		return analysis.Fix{}, false
	}
	deco := "@" + spelling + "(" + d.param + ")"
	edits := []analysis.TextEdit{{Range: analysis.Range{Start: lineStart, End: lineStart}, NewText: indent + deco + "\n"}}
	if needImport {
		edits = append([]analysis.TextEdit{pass.AddImport("import functools")}, edits...)
	}
	return analysis.Fix{Message: "Add " + deco + " to the wrapper", Edits: edits}, true
}

// decoratorsOf returns def's decorators (pyts.Tree.Decorators), found once
// per def for all of them.
func decoratorsOf(pass *analysis.Pass, def pyts.Node) []pyts.Node {
	type key struct{ def pyts.Node }
	return analysis.Memo(pass, key{def}, func() []pyts.Node { return pass.Tree.Decorators(def) })
}

// stackedNote says, for a def with several decorators (all), in which
// order they apply: as the composed call when it is short, else in words.
// It is the same for each decorator of def, so it is made once per def; the
// composition stops growing past its 80 bytes, so a def with thousands of
// decorators costs their number, not its square.
func stackedNote(pass *analysis.Pass, def pyts.Node, name string, all []pyts.Node) string {
	if len(all) < 2 {
		return ""
	}
	type key struct{ def pyts.Node }
	return analysis.Memo(pass, key{def}, func() string {
		t := pass.Tree
		const maxComp = 80
		comp := name
		for i := len(all) - 1; i >= 0 && len(comp) <= maxComp; i-- {
			comp = pyts.OneLine(t.Text(t.Unparen(t.NamedChild(all[i], 0)))) + "(" + comp + ")"
		}
		if len(comp) <= maxComp {
			return fmt.Sprintf(" Stacked decorators apply bottom-up: `%s = %s`.", name, comp)
		}
		return " Stacked decorators apply bottom-up: the one nearest the def wraps first, the top one last."
	})
}

// wrapsSpelling returns how code in scope s can name functools.wraps:
// "wraps" (or its alias) after `from functools import wraps`,
// "functools.wraps" or "ft.wraps" after `import functools [as ft]`, or
// "functools.wraps" with needImport when the module imports neither before
// offset before and nothing else is called functools there.
func wrapsSpelling(pass *analysis.Pass, s, before int) (spelling string, needImport bool) {
	var modName string
	for _, n := range functoolsImports(pass) {
		bs := pass.Scope.Bindings(0, n)
		if pass.Tree.End(bs[0].Def) > before {
			continue
		}
		if ls, _ := pass.Scope.Lookup(s, n); ls != 0 {
			continue // shadowed where the wrapper is
		}
		switch bs[0].Qualified {
		case "functools.wraps":
			return n, false
		case "functools":
			if modName == "" || n == "functools" {
				modName = n
			}
		}
	}
	if modName != "" {
		return modName + ".wraps", false
	}
	if ls, _ := pass.Scope.Lookup(s, "functools"); ls >= 0 {
		return "", false // something else is called functools here
	}
	return "functools.wraps", true
}

// functoolsImports returns, sorted, the module-level names whose bindings
// are all run-time imports of functools or functools.wraps. It is computed
// once per file: a file with many wrappers and many imports would
// otherwise cost their product.
func functoolsImports(pass *analysis.Pass) []string {
	type key struct{}
	return analysis.Memo(pass, key{}, func() []string {
		var names []string
		for n, bs := range pass.Scope.BindingsByName(0) {
			if len(bs) > 0 && (bs[0].Qualified == "functools" || bs[0].Qualified == "functools.wraps") && allImportsOf(pass, bs) {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		return names
	})
}

// allImportsOf reports whether every binding is a run-time import of the
// same name (not one under `if TYPE_CHECKING:`).
func allImportsOf(pass *analysis.Pass, bs []scope.Binding) bool {
	t := pass.Tree
	if len(bs) == 0 {
		return false
	}
	for _, b := range bs {
		if b.Kind != scope.Import || b.Qualified != bs[0].Qualified {
			return false
		}
		for p := t.Parent(b.Def); p != pyts.NoNode; p = t.Parent(p) {
			if t.Is(p, pyts.IfStatement) && strings.Contains(t.Text(t.ChildByField(p, pyts.FCondition)), "TYPE_CHECKING") {
				return false
			}
		}
	}
	return true
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
