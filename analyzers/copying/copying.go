package copying

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

const concept = "copy"

// Rule names.
const (
	ruleListMul = "list-multiplication-aliasing"
	ruleDefault = "mutable-default-argument"
	ruleNested  = "shallow-copy-nested-mutation"
)

// Analyzer is the copying analyzer.
var Analyzer = &analysis.Analyzer{
	Name:     "copying",
	Doc:      analysis.MustExtractDoc(doc, "copying"),
	Concepts: []string{concept},
	Rules: []analysis.Rule{
		{Name: ruleListMul, Concept: concept},
		{Name: ruleDefault, Concept: concept},
		{Name: ruleNested, Concept: concept},
	},
	Kinds: []pyts.Kind{
		pyts.BinaryOperator,
		pyts.DefaultParameter, pyts.TypedDefaultParameter,
		pyts.Call, pyts.Subscript,
		pyts.ImportStatement, pyts.ImportFromStatement,
	},
	Visit: visit,
}

func visit(pass *analysis.Pass, n pyts.Node) {
	switch pass.Tree.Kind(n) {
	case pyts.BinaryOperator:
		visitBinary(pass, n)
	case pyts.DefaultParameter, pyts.TypedDefaultParameter:
		visitDefault(pass, n)
	case pyts.Call:
		visitCall(pass, n)
	case pyts.Subscript:
		visitSubscript(pass, n)
	case pyts.ImportStatement, pyts.ImportFromStatement:
		visitImport(pass, n)
	}
}

// ---------------------------------------------------------------------------
// Mutable values.

// constructors maps the calls known to return a new mutable object to the
// name of what they return.
var constructors = map[string]string{
	"builtins.list":           "list",
	"builtins.dict":           "dict",
	"builtins.set":            "set",
	"builtins.bytearray":      "bytearray",
	"collections.defaultdict": "defaultdict",
	"collections.OrderedDict": "OrderedDict",
	"collections.deque":       "deque",
	"collections.Counter":     "Counter",
}

// mutableValue returns what mutable object expression n certainly creates
// ("list", "dict", "set", ...), or "" when it is unknown or immutable:
//
//	[]  [x]  [i for i in y]  {}  {k: v}  {1}  list()  dict(a=1)  [0] * 3
func mutableValue(pass *analysis.Pass, n pyts.Node) string {
	t := pass.Tree
	n = t.Unparen(n)
	if n == pyts.NoNode {
		return ""
	}
	switch t.Kind(n) {
	case pyts.List, pyts.ListComprehension:
		return "list"
	case pyts.Dictionary, pyts.DictionaryComprehension:
		return "dict"
	case pyts.Set, pyts.SetComprehension:
		return "set"
	case pyts.Call:
		return constructors[pass.Callee(n)]
	case pyts.BinaryOperator:
		// [0] * 3, 3 * [0], [1] + [2]: list repetition and concatenation
		// build a new list.
		op := t.ChildByField(n, pyts.FOperator)
		if !t.Is(op, pyts.OpStar) && !t.Is(op, pyts.OpPlus) {
			return ""
		}
		for _, f := range []pyts.Field{pyts.FLeft, pyts.FRight} {
			switch t.Kind(t.Unparen(t.ChildByField(n, f))) {
			case pyts.List, pyts.ListComprehension:
				return "list"
			}
		}
	}
	return ""
}

// ---------------------------------------------------------------------------
// list-multiplication-aliasing.

// visitBinary reports [[]] * n and n * [{}].
func visitBinary(pass *analysis.Pass, bin pyts.Node) {
	t := pass.Tree
	if !t.Is(t.ChildByField(bin, pyts.FOperator), pyts.OpStar) {
		return
	}
	left, right := t.ChildByField(bin, pyts.FLeft), t.ChildByField(bin, pyts.FRight)
	lel, lkind := singleMutable(pass, left)
	rel, rkind := singleMutable(pass, right)
	var elem, count pyts.Node
	var kind string
	switch {
	case lkind != "" && rkind != "":
		return // [[]] * [[]] is a TypeError, not our business
	case lkind != "":
		elem, count, kind = lel, right, lkind
	case rkind != "":
		elem, count, kind = rel, left, rkind
	default:
		return
	}
	if _, p := t.OuterParens(bin); t.Is(p, pyts.ComparisonOperator) {
		return // an expected value in `x == [[0] * 3] * 2`: never mutated
	}
	c := t.Unparen(count)
	if t.Is(c, pyts.Integer) && (t.TextIs(c, "0") || t.TextIs(c, "1")) {
		return // one slot (or none) cannot alias
	}
	if t.Is(c, pyts.List) || t.Is(c, pyts.Tuple) || t.Is(c, pyts.String) {
		return // not a repetition count
	}
	code := "[" + t.Text(elem) + "] * " + t.Text(count)
	if t.Field(count) == pyts.FLeft {
		code = t.Text(count) + " * [" + t.Text(elem) + "]"
	}
	msg := fmt.Sprintf("%s repeats one reference: every slot is the same %s, so a change through one slot shows in all of them; build a new %s per slot with a comprehension",
		quote(code, "this list multiplication"), kind, kind)
	fix, ok := listMulFix(pass, bin, elem, count)
	if ok && insideFlagged(pass, bin) {
		// [[[0] * 3] * 3] * 3: the outer rewrite replaces this text too; one
		// fix per run keeps the edits from overlapping.
		ok = false
	}
	if !ok {
		pass.Reportf(bin, ruleListMul, "%s", msg)
		return
	}
	pass.ReportFix(bin, ruleListMul, msg, fix)
}

// insideFlagged reports whether bin lies in the repeated element of an
// enclosing list multiplication that is itself reported.
func insideFlagged(pass *analysis.Pass, bin pyts.Node) bool {
	t := pass.Tree
	for a := t.Parent(bin); a != pyts.NoNode; a = t.Parent(a) {
		if !t.Is(a, pyts.BinaryOperator) || !t.Is(t.ChildByField(a, pyts.FOperator), pyts.OpStar) {
			continue
		}
		for _, f := range []pyts.Field{pyts.FLeft, pyts.FRight} {
			if e, kind := singleMutable(pass, t.ChildByField(a, f)); kind != "" && t.Contains(e, bin) {
				return true
			}
		}
	}
	return false
}

// singleMutable returns the element of a one-element list display whose
// element is a fresh object made to be filled in place, and what it is:
// an empty container ([], {}, set(), list(), dict(), defaultdict(list)), a
// row built by repetition ([0] * w) or a comprehension. Non-empty literals
// such as [[1, 2]] * 3 are left alone: they are nearly always read-only data
// (expected values in tests), where sharing is harmless.
func singleMutable(pass *analysis.Pass, n pyts.Node) (pyts.Node, string) {
	t := pass.Tree
	n = t.Unparen(n)
	if !t.Is(n, pyts.List) {
		return pyts.NoNode, ""
	}
	elems := t.NamedChildren(n)
	if len(elems) != 1 {
		return pyts.NoNode, ""
	}
	e := t.Unparen(elems[0])
	kind := mutableValue(pass, e)
	switch t.Kind(e) {
	case pyts.List, pyts.Dictionary, pyts.Set:
		if len(t.NamedChildren(e)) != 0 {
			return pyts.NoNode, ""
		}
	case pyts.Call:
		args := t.NamedChildren(t.ChildByField(e, pyts.FArguments))
		switch {
		case kind == "bytearray":
			// [bytearray(n)] * k shares one buffer, usually on purpose
			// (writev tests, preallocated I/O).
			return pyts.NoNode, ""
		case kind == "defaultdict" && len(args) <= 1:
		case len(args) != 0:
			return pyts.NoNode, ""
		}
	}
	return elems[0], kind
}

// listMulFix rewrites [e] * n as [e for _ in range(n)]. It declines when
// evaluating e n times could differ from evaluating it once (calls other than
// empty-ish constructors, comprehensions over iterators, await, yield,
// walrus), when a class body's names would become invisible inside the
// comprehension, or when range is not the builtin.
func listMulFix(pass *analysis.Pass, bin, elem, count pyts.Node) (analysis.Fix, bool) {
	t := pass.Tree
	if _, bs := pass.Scope.Lookup(pass.Scope.ScopeOf(bin), "range"); bs != nil {
		return analysis.Fix{}, false
	}
	inClass := pass.Scope.Scope(pass.Scope.ScopeOf(bin)).Kind == scope.Class
	used := map[string]bool{}
	for d := elem; d < t.SubtreeEnd(elem); d++ {
		switch t.Kind(d) {
		case pyts.Call:
			if constructors[pass.Callee(d)] == "" {
				return analysis.Fix{}, false
			}
		case pyts.ListComprehension, pyts.SetComprehension, pyts.DictionaryComprehension,
			pyts.GeneratorExpression, pyts.Await, pyts.Yield, pyts.NamedExpression, pyts.Lambda:
			// A comprehension re-iterates its source (perhaps an iterator)
			// on each evaluation; await, yield and := have effects.
			return analysis.Fix{}, false
		case pyts.Identifier:
			if inClass && t.Field(d) != pyts.FAttribute {
				return analysis.Fix{}, false
			}
			used[t.Text(d)] = true
		}
	}
	v := "_"
	for _, cand := range []string{"_", "_i", "_j", "_k", "_slot"} {
		if !used[cand] {
			v = cand
			break
		}
	}
	if used[v] {
		return analysis.Fix{}, false
	}
	countText := t.Text(count)
	if inner := t.Unparen(count); inner != count {
		switch t.Kind(inner) {
		case pyts.Identifier, pyts.Attribute, pyts.Call, pyts.Subscript, pyts.Integer, pyts.BinaryOperator, pyts.UnaryOperator:
			countText = t.Text(inner)
		}
	}
	text := "[" + t.Text(elem) + " for " + v + " in range(" + countText + ")]"
	return analysis.Fix{
		Message: "Replace with a list comprehension that builds a new object per slot",
		Edits:   []analysis.TextEdit{pass.Edit(bin, text)},
	}, true
}

// ---------------------------------------------------------------------------
// mutable-default-argument.

func visitDefault(pass *analysis.Pass, param pyts.Node) {
	t := pass.Tree
	params := t.Parent(param)
	if !t.Is(params, pyts.Parameters) && !t.Is(params, pyts.LambdaParameters) {
		return
	}
	value := t.ChildByField(param, pyts.FValue)
	kind := mutableValue(pass, value)
	if kind == "" {
		return
	}
	name := t.Text(t.ChildByField(param, pyts.FName))
	if deliberateState(name) {
		return
	}
	fn := t.Parent(params)
	use, where := exposingUse(pass, fn, name, isEmpty(pass, value))
	if use == useNone {
		return
	}
	when := "the def runs"
	if t.Is(fn, pyts.Lambda) {
		when = "the lambda is created"
	}
	var why string
	switch use {
	case useMutate:
		why = "this function changes it in place, so the changes pile up from call to call"
	case useReturn:
		why = "this function returns it, so a caller that changes the result changes the default of every later call"
	case useStore:
		why = fmt.Sprintf("this function stores it in %s, which the class changes in place, so every instance made without the argument shares one %s", quote(t.Text(where), "an attribute"), kind)
	}
	msg := fmt.Sprintf("default %s of `%s` is created once, when %s, and shared by every call; %s; default to `None` and create the %s inside the function",
		quote(t.Text(value), "value"), name, when, why, kind)
	if !t.Is(fn, pyts.FunctionDefinition) {
		pass.Reportf(value, ruleDefault, "%s", msg)
		return
	}
	fix, ok := defaultFix(pass, fn, param, name, value)
	if !ok {
		pass.Reportf(value, ruleDefault, "%s", msg)
		return
	}
	pass.ReportFix(value, ruleDefault, msg, fix)
}

// deliberateState reports parameter names that by convention hold state on
// purpose (def f(x, _cache={}), def g(memo={})): not part of the interface.
func deliberateState(name string) bool {
	l := strings.ToLower(name)
	return strings.HasPrefix(name, "_") || strings.Contains(l, "cache") || strings.Contains(l, "memo")
}

type defaultUse uint8

const (
	useNone defaultUse = iota
	useMutate
	useReturn
	useStore
)

// storedThenMutated reports whether a method fn that stores a default in
// self.attr (target) belongs to a class whose methods change self.attr in
// place (self.attr.append(x), self.attr[k] = v, self.attr += [x]).
func storedThenMutated(pass *analysis.Pass, fn, target pyts.Node) bool {
	t := pass.Tree
	obj := t.Unparen(t.ChildByField(target, pyts.FObject))
	if !t.Is(obj, pyts.Identifier) || !t.TextIs(obj, "self") {
		return false
	}
	attr := t.Text(t.ChildByField(target, pyts.FAttribute))
	class := t.Ancestor(fn, pyts.ClassDefinition)
	if class == pyts.NoNode {
		return false
	}
	for d := class; d < t.SubtreeEnd(class); d++ {
		if !t.Is(d, pyts.Attribute) || !t.TextIs(t.ChildByField(d, pyts.FAttribute), attr) {
			continue
		}
		if o := t.Unparen(t.ChildByField(d, pyts.FObject)); !t.Is(o, pyts.Identifier) || !t.TextIs(o, "self") {
			continue
		}
		p := t.Parent(d)
		switch t.Kind(p) {
		case pyts.Attribute: // self.attr.append(x)
			if t.Field(d) == pyts.FObject && t.Is(t.Parent(p), pyts.Call) && t.Field(p) == pyts.FFunction &&
				mutators[t.Text(t.ChildByField(p, pyts.FAttribute))] {
				return true
			}
		case pyts.Subscript: // self.attr[k] = v
			if t.Field(d) == pyts.FValue && isTarget(t, p) {
				return true
			}
		case pyts.AugmentedAssignment: // self.attr += [x]
			if t.Field(d) == pyts.FLeft {
				return true
			}
		}
	}
	return false
}

// exposingUse finds how the function (def or lambda) fn lets the sharing of
// parameter name's default show: it changes the object in place
// (name.append(x), name += [x]), returns or yields it, or stores it in
// self.x where its class changes self.x in place. Uses after the parameter is first
// rebound (name = list(name)) are ignored: they see another object. Passing
// it to another function is not counted (we cannot see what that does).
func exposingUse(pass *analysis.Pass, fn pyts.Node, name string, empty bool) (defaultUse, pyts.Node) {
	changes := mutators
	if empty {
		// pop, remove, clear or sort on an empty default change nothing
		// that the next call could see.
		changes = growers
	}
	t := pass.Tree
	body := t.ChildByField(fn, pyts.FBody)
	if body == pyts.NoNode {
		return useNone, pyts.NoNode
	}
	fs := pass.Scope.ScopeOf(body)
	stop := t.End(fn)
	for _, b := range pass.Scope.Bindings(fs, name) {
		switch b.Kind {
		case scope.Param, scope.AugAssign:
			continue
		}
		if st := t.Start(b.Node); st < stop {
			stop = st
		}
	}
	found, where := useNone, pyts.NoNode
	for d := body; d < t.SubtreeEnd(body); d++ {
		if t.Start(d) >= stop {
			break
		}
		if !t.Is(d, pyts.Identifier) || !t.TextIs(d, name) {
			continue
		}
		if s, _ := pass.Scope.Lookup(pass.Scope.ScopeOf(d), name); s != fs {
			continue
		}
		p := t.Parent(d)
		switch t.Kind(p) {
		case pyts.Attribute:
			if t.Field(d) != pyts.FObject {
				continue
			}
			call := t.Parent(p)
			if t.Is(call, pyts.Call) && t.Field(p) == pyts.FFunction && changes[t.Text(t.ChildByField(p, pyts.FAttribute))] {
				return useMutate, call
			}
		case pyts.Subscript:
			// name[0] += 1, seen[key] = True: item assignment alone is the
			// deliberate "static variable" and memo idiom (a counter cell,
			// a seen-set), not the accumulating-list bug. A method call
			// through it (index[k].append(v)) does change the default.
			top := p
			for t.Field(top) == pyts.FValue && t.Is(t.Parent(top), pyts.Subscript) {
				top = t.Parent(top)
			}
			if t.Field(d) == pyts.FValue && t.Field(top) == pyts.FObject && t.Is(t.Parent(top), pyts.Attribute) {
				a := t.Parent(top)
				if t.Is(t.Parent(a), pyts.Call) && t.Field(a) == pyts.FFunction && changes[t.Text(t.ChildByField(a, pyts.FAttribute))] {
					return useMutate, t.Parent(a)
				}
			}
		case pyts.AugmentedAssignment:
			if t.Field(d) == pyts.FLeft {
				return useMutate, p
			}
		case pyts.ReturnStatement, pyts.Yield:
			if found == useNone {
				found, where = useReturn, p
			}
		case pyts.Assignment:
			left := t.Unparen(t.ChildByField(p, pyts.FLeft))
			if t.Field(d) == pyts.FRight && t.Is(left, pyts.Attribute) && found == useNone && storedThenMutated(pass, fn, left) {
				found, where = useStore, left
			}
		}
	}
	if t.Is(fn, pyts.Lambda) && found == useNone && t.Is(t.Unparen(body), pyts.Identifier) && t.TextIs(t.Unparen(body), name) {
		found, where = useReturn, body // lambda x=[]: x
	}
	return found, where
}

// defaultFix replaces the default with None and inserts
//
//	if name is None:
//	    name = <original>
//
// as the body's first statement (after the docstring). It declines for a
// body on the def's own line.
func defaultFix(pass *analysis.Pass, fn, param pyts.Node, name string, value pyts.Node) (analysis.Fix, bool) {
	t := pass.Tree
	d := pass.Doc
	if !movable(pass, value) {
		return analysis.Fix{}, false
	}
	body := t.ChildByField(fn, pyts.FBody)
	stmts := t.NamedChildren(body)
	if len(stmts) == 0 {
		return analysis.Fix{}, false
	}
	colon := pyts.NoNode
	for c := t.FirstChild(fn); c != pyts.NoNode && c < body; c = t.NextSibling(c) {
		if t.Is(c, pyts.OpColon) {
			colon = c
		}
	}
	if colon == pyts.NoNode || d.LineOf(t.Start(stmts[0])) == d.LineOf(t.Start(colon)) {
		return analysis.Fix{}, false // def f(x=[]): return x
	}
	if hasLoneCR(d.Text()[t.Start(fn):t.End(fn)]) {
		// Python ends a line at a lone "\r" but the grammar does not: in
		// "def f(x=[]):\rx.append(1)" the body is on the def's line for the
		// tree and on the next one for the document's lines, and an
		// insertion placed by lines would break the file.
		return analysis.Fix{}, false
	}
	first := stmts[0]
	indent := pass.Indent(t.Start(first))
	if t.Start(first)-d.LineStart(d.LineOf(t.Start(first))) != len(indent) {
		return analysis.Fix{}, false
	}
	defIndent := pass.Indent(t.Start(fn))
	unit := "    "
	if strings.HasPrefix(indent, defIndent) && len(indent) > len(defIndent) {
		unit = indent[len(defIndent):]
	}
	check := indent + "if " + name + " is None:\n" + indent + unit + name + " = " + t.Text(value)
	var ins analysis.TextEdit
	if t.IsDocstring(first) {
		line := d.LineOf(t.End(first))
		if len(stmts) > 1 && d.LineOf(t.Start(stmts[1])) == line {
			return analysis.Fix{}, false // """doc"""; x = 1
		}
		end := d.LineEnd(line)
		ins = analysis.TextEdit{Range: analysis.Range{Start: end, End: end}, NewText: "\n" + check}
	} else {
		start := d.LineStart(d.LineOf(t.Start(first)))
		ins = analysis.TextEdit{Range: analysis.Range{Start: start, End: start}, NewText: check + "\n"}
	}
	edits := []analysis.TextEdit{pass.Edit(value, "None")}
	if ann := t.ChildByField(param, pyts.FType); ann != pyts.NoNode {
		if text, ok := optionalAnnotation(t, ann); ok {
			edits = append([]analysis.TextEdit{pass.Edit(ann, text)}, edits...)
		}
	}
	edits = append(edits, ins)
	return analysis.Fix{
		Message: fmt.Sprintf("Default `%s` to None and create the value in the body", name),
		Edits:   edits,
	}, true
}

// hasLoneCR reports whether text has a "\r" that is not part of a "\r\n".
func hasLoneCR(text []byte) bool {
	for i, c := range text {
		if c == '\r' && (i+1 == len(text) || text[i+1] != '\n') {
			return true
		}
	}
	return false
}

// movable reports whether a default value means the same when evaluated in
// the body at call time as in the def at definition time: it may name only
// builtins and imports. A name such as a loop variable (x=[i]) or a class
// attribute (x=[LIMIT] in a method) would be read later, or not be visible.
func movable(pass *analysis.Pass, value pyts.Node) bool {
	t := pass.Tree
	for d := value; d < t.SubtreeEnd(value); d++ {
		if !t.Is(d, pyts.Identifier) {
			continue
		}
		p := t.Parent(d)
		if t.Is(p, pyts.Attribute) && t.Field(d) == pyts.FAttribute {
			continue
		}
		if t.Is(p, pyts.KeywordArgument) && t.Field(d) == pyts.FName {
			continue
		}
		if pass.Resolve(d) == "" {
			return false
		}
	}
	return true
}

// optionalAnnotation returns "T | None" for a simple annotation T that does
// not already admit None; it declines for string (forward) annotations and
// anything else whose `| None` might not evaluate.
func optionalAnnotation(t *pyts.Tree, ann pyts.Node) (string, bool) {
	inner := t.NamedChild(ann, 0)
	switch t.Kind(inner) {
	case pyts.Identifier, pyts.Attribute, pyts.GenericType, pyts.Subscript:
	case pyts.BinaryOperator:
		if t.TextIs(t.ChildByField(inner, pyts.FOperator), "|") {
			break
		}
		return "", false
	default:
		return "", false
	}
	for d := inner; d < t.SubtreeEnd(inner); d++ {
		switch t.Kind(d) {
		case pyts.None, pyts.String, pyts.ConcatenatedString:
			return "", false
		case pyts.Identifier:
			switch t.Text(d) {
			case "None", "Optional", "Any", "object":
				return "", false
			}
		}
	}
	return t.Text(ann) + " | None", true
}

// ---------------------------------------------------------------------------
// Copies: anchors, and the start of shallow-copy-nested-mutation.

// copyKind says how a shallow copy was made.
type copyKind uint8

const (
	copyModule      copyKind = iota // copy.copy(x)
	copyMethod                      // x.copy()
	copySlice                       // x[:]
	copyConstructor                 // list(x), dict(x)
)

// arrayLibraries are modules whose x.copy() is deep and whose x[:] is a view:
// in files that import them we cannot tell what .copy() and [:] mean.
var arrayLibraries = []string{"numpy", "pandas", "torch", "tensorflow", "jax", "cupy", "polars", "xarray", "scipy", "dask"}

// importsArrays reports whether the module imports one of arrayLibraries at
// module level (one pass over the module's bindings).
func importsArrays(pass *analysis.Pass) bool {
	for _, bs := range pass.Scope.BindingsByName(0) {
		for _, b := range bs {
			if b.Kind != scope.Import {
				continue
			}
			root, _, _ := strings.Cut(b.Qualified, ".")
			for _, m := range arrayLibraries {
				if root == m {
					return true
				}
			}
		}
	}
	return false
}

func visitCall(pass *analysis.Pass, call pyts.Node) {
	t := pass.Tree
	args := t.Arguments(call)
	if args == pyts.NoNode {
		return // f(x for x in y): a generator argument
	}
	as := t.NamedChildren(args)
	callee := pass.Callee(call)
	switch callee {
	case "copy.copy":
		if len(as) == 1 && isPlainArg(t, as[0]) {
			src := t.Text(as[0])
			pass.Anchor(call, concept, "shallow copy", fmt.Sprintf(
				"`%s` makes a new outer object whose elements or attributes are the same objects as in `%s`, so nested lists, dicts and objects are shared.",
				short(t.Text(call), "copy.copy(...)"), short(src, "the original")))
			startNested(pass, call, as[0], copyModule)
		} else {
			pass.Anchor(call, concept, "shallow copy", "`copy.copy` makes a new outer object that shares its nested objects with the original.")
		}
		return
	case "copy.deepcopy":
		src := "the original"
		if len(as) >= 1 && isPlainArg(t, as[0]) {
			src = "`" + short(t.Text(as[0]), "the original") + "`"
		}
		pass.Anchor(call, concept, "deep copy", fmt.Sprintf(
			"`copy.deepcopy` recursively copies %s and every object nested in it, so the copy shares no mutable state with it.", src))
		return
	}
	fn := t.ChildByField(call, pyts.FFunction)
	if t.Is(fn, pyts.Attribute) && t.TextIs(t.ChildByField(fn, pyts.FAttribute), "copy") && len(as) == 0 {
		if importsArrays(pass) {
			return // ndarray.copy() and DataFrame.copy() are deep
		}
		obj := t.ChildByField(fn, pyts.FObject)
		pass.Anchor(call, concept, "shallow copy", fmt.Sprintf(
			"For a list, dict or set, `%s` makes a new container holding the same elements as `%s`: a shallow copy, so nested objects are shared.",
			short(t.Text(call), "x.copy()"), short(t.Text(obj), "the original")))
		startNested(pass, call, obj, copyMethod)
		return
	}
	switch callee {
	case "builtins.list", "builtins.dict", "builtins.set":
		if len(as) != 1 || !t.Is(as[0], pyts.Identifier) {
			return
		}
		kind := strings.TrimPrefix(callee, "builtins.")
		src := t.Text(as[0])
		switch kind {
		case "list":
			pass.Anchor(call, concept, "new list, same items", fmt.Sprintf(
				"`list(%s)` builds a new list of the items `%s` holds or yields; the items are not copied, so when `%s` is a list this is a shallow copy.", src, src, src))
		case "dict":
			pass.Anchor(call, concept, "shallow copy", fmt.Sprintf(
				"`dict(%s)` builds a new dict with the same keys and values as `%s`; the values are not copied (a shallow copy), so nested lists and dicts are shared.", src, src))
		case "set":
			pass.Anchor(call, concept, "new set, same items", fmt.Sprintf(
				"`set(%s)` builds a new set of the items in `%s`; the items are not copied (a shallow copy).", src, src))
		}
		if kind != "set" {
			startNested(pass, call, as[0], copyConstructor)
		}
	}
}

// isPlainArg reports whether an argument is an ordinary positional
// expression (not *x, **x or k=v).
func isPlainArg(t *pyts.Tree, a pyts.Node) bool {
	switch t.Kind(a) {
	case pyts.ListSplat, pyts.DictionarySplat, pyts.KeywordArgument, pyts.ParenthesizedListSplat:
		return false
	}
	return true
}

func visitSubscript(pass *analysis.Pass, sub pyts.Node) {
	t := pass.Tree
	subs := t.ChildrenByField(sub, pyts.FSubscript)
	if len(subs) != 1 || !t.Is(subs[0], pyts.Slice) || len(t.NamedChildren(subs[0])) != 0 {
		return
	}
	if isTarget(t, sub) || importsArrays(pass) {
		return
	}
	obj := t.ChildByField(sub, pyts.FValue)
	pass.Anchor(sub, concept, "shallow copy", fmt.Sprintf(
		"For a list, `%s` makes a new list holding the same elements as `%s`: a shallow copy, so nested objects are shared.",
		short(t.Text(sub), "x[:]"), short(t.Text(obj), "the original")))
	startNested(pass, sub, obj, copySlice)
}

// isTarget reports whether n is (part of) an assignment, for or del target.
func isTarget(t *pyts.Tree, n pyts.Node) bool {
	for {
		p := t.Parent(n)
		if p == pyts.NoNode {
			return false
		}
		switch t.Kind(p) {
		case pyts.PatternList, pyts.TuplePattern, pyts.ListPattern, pyts.Tuple, pyts.List,
			pyts.ExpressionList, pyts.ParenthesizedExpression, pyts.ListSplat, pyts.ListSplatPattern:
			n = p
			continue
		case pyts.Assignment, pyts.AugmentedAssignment, pyts.ForStatement, pyts.ForInClause:
			return t.Field(n) == pyts.FLeft
		case pyts.DeleteStatement:
			return true
		}
		return false
	}
}

func visitImport(pass *analysis.Pass, stmt pyts.Node) {
	t := pass.Tree
	for _, m := range t.ImportedModules(stmt) {
		switch {
		case m.Name != "copy":
			continue
		case m.From:
			pass.Anchor(stmt, concept, "copy module", "The `copy` module: `copy(x)` makes a shallow copy that shares nested objects, `deepcopy(x)` a deep copy that copies them too.")
		default:
			pass.Anchor(stmt, concept, "copy module", "The `copy` module: `copy.copy(x)` makes a shallow copy that shares nested objects, `copy.deepcopy(x)` a deep copy that copies them too.")
		}
		return
	}
}

// ---------------------------------------------------------------------------
// shallow-copy-nested-mutation.

// mutators are the methods that change a list, dict, set or deque in place.
var mutators = map[string]bool{
	"append": true, "extend": true, "insert": true, "remove": true, "pop": true,
	"clear": true, "update": true, "setdefault": true, "add": true, "discard": true,
	"sort": true, "reverse": true, "popitem": true, "appendleft": true, "extendleft": true,
	"difference_update": true, "intersection_update": true, "symmetric_difference_update": true,
}

// growers are the mutators that can add to an empty container.
var growers = map[string]bool{
	"append": true, "extend": true, "insert": true, "update": true, "setdefault": true,
	"add": true, "appendleft": true, "extendleft": true,
}

// isEmpty reports whether a mutable default starts out empty: [], {},
// set(), list(), dict(), deque(), defaultdict(list).
func isEmpty(pass *analysis.Pass, v pyts.Node) bool {
	t := pass.Tree
	v = t.Unparen(v)
	switch t.Kind(v) {
	case pyts.List, pyts.Dictionary, pyts.Set:
		return len(t.NamedChildren(v)) == 0
	case pyts.Call:
		args := t.NamedChildren(t.ChildByField(v, pyts.FArguments))
		if pass.Callee(v) == "collections.defaultdict" {
			return len(args) <= 1
		}
		return len(args) == 0
	}
	return false
}

// copyAssign describes `b = <shallow copy of a>` inside a function.
type copyAssign struct {
	copyExpr pyts.Node // the copy expression
	src      string    // a's text
	dst      string    // b
	kind     copyKind
	builtin  bool // a is certainly a list, dict or set
	assign   pyts.Node
	scope    int // the function scope
}

// startNested is called for every shallow copy expression: when it is the
// whole right side of `b = ...` in a function, it scans the rest of the
// statement's block for mutations of b's nested objects.
func startNested(pass *analysis.Pass, copyExpr, src pyts.Node, kind copyKind) {
	t := pass.Tree
	assign := t.Parent(copyExpr)
	if !t.Is(assign, pyts.Assignment) || t.Field(copyExpr) != pyts.FRight {
		return
	}
	dst := t.ChildByField(assign, pyts.FLeft)
	if !t.Is(dst, pyts.Identifier) {
		return
	}
	fs := pass.Scope.FunctionScope(assign)
	if fs < 0 || pass.Scope.Scope(fs).Kind != scope.Function {
		return
	}
	srcNode := t.Unparen(src)
	if !isNameChain(t, srcNode) {
		return
	}
	ca := &copyAssign{copyExpr: copyExpr, src: t.Text(srcNode), dst: t.Text(dst), kind: kind, assign: assign, scope: fs}
	ca.builtin = t.Is(srcNode, pyts.Identifier) && displayBound(pass, srcNode)
	switch kind {
	case copyModule:
		// A class in this file may define __copy__ and copy its own state.
		if definesMethod(pass, "__copy__") {
			return
		}
	case copyMethod:
		// A class in this file may define its own copy(), deep or not.
		if definesMethod(pass, "copy") {
			return
		}
	case copyConstructor:
		// list(rows) of an iterator (a csv reader, a generator) copies
		// nothing anyone else sees; b = list(b) is materialising an iterable.
		if !t.Is(srcNode, pyts.Identifier) || ca.src == ca.dst || !knownContainerName(pass, srcNode, fs) {
			return
		}
	}
	scanNested(pass, ca)
}

// isNameChain reports whether n is a name or a dotted attribute chain.
func isNameChain(t *pyts.Tree, n pyts.Node) bool {
	for t.Is(n, pyts.Attribute) {
		n = t.Unparen(t.ChildByField(n, pyts.FObject))
	}
	return t.Is(n, pyts.Identifier)
}

// definesMethod reports whether any class in the file defines name.
func definesMethod(pass *analysis.Pass, name string) bool { return pass.Scope.DefinesMethod(name) }

// knownContainerName reports whether the name a, copied with list(a) or
// dict(a) in function scope fs, is a parameter, a name from an enclosing
// scope, or a local assigned only from list/dict/set displays: not a local
// iterator from some call or loop.
func knownContainerName(pass *analysis.Pass, a pyts.Node, fs int) bool {
	t := pass.Tree
	s, bs := pass.Scope.Lookup(pass.Scope.ScopeOf(a), t.Text(a))
	if s != fs {
		return s >= 0
	}
	for _, b := range bs {
		switch b.Kind {
		case scope.Param:
		case scope.Assign, scope.AnnAssign:
			if mutableValue(pass, t.AssignedValue(b.Node)) == "" {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// displayBound reports whether the name a is bound (in whatever scope it
// resolves to) only by assignments of list, dict or set displays,
// comprehensions or constructor calls: a builtin container for sure.
// The answer is kept per scope and name: a name copied on every line of a
// generated file would otherwise cost its uses times its bindings.
func displayBound(pass *analysis.Pass, a pyts.Node) bool {
	t := pass.Tree
	s, bs := pass.Scope.Lookup(pass.Scope.ScopeOf(a), t.Text(a))
	if len(bs) == 0 {
		return false
	}
	type key struct {
		scope int
		name  string
	}
	return analysis.Memo(pass, key{s, t.Text(a)}, func() bool {
		for _, b := range bs {
			if b.Kind != scope.Assign && b.Kind != scope.AnnAssign {
				return false
			}
			if mutableValue(pass, t.AssignedValue(b.Node)) == "" {
				return false
			}
		}
		return true
	})
}

// scanNested walks the statements after the copy, in its block (and, past
// the end of a with block, in the with statement's block), until the copy's
// name is rebound, reporting in-place changes one level or more below it.
func scanNested(pass *analysis.Pass, ca *copyAssign) {
	t := pass.Tree
	stop := t.End(pass.Tree.Root())
	// The first binding after the copy (bindings are in source order).
	bs := pass.Scope.Bindings(ca.scope, ca.dst)
	if i := sort.Search(len(bs), func(i int) bool { return t.Start(bs[i].Node) > t.End(ca.assign) }); i < len(bs) {
		stop = min(stop, t.Start(bs[i].Node))
	}
	st := &nestedState{ca: ca, replaced: map[string]bool{}, stop: stop}
	stmt := t.Parent(ca.assign)
	if !t.Is(stmt, pyts.ExpressionStatement) {
		return
	}
	for {
		for s := t.NextSibling(stmt); s != pyts.NoNode; s = t.NextSibling(s) {
			if !st.scan(pass, s) {
				return
			}
		}
		block := t.Parent(stmt)
		if !t.Is(block, pyts.Block) || !t.Is(t.Parent(block), pyts.WithStatement) {
			return
		}
		stmt = t.Parent(block)
	}
}

type nestedState struct {
	ca       *copyAssign
	replaced map[string]bool // first-level keys or attributes given a new object
	dynamic  bool            // a non-literal key was given a new object
	stop     int             // offset of the next rebinding of the copy's name
	done     bool
}

// scan walks one statement in order; it returns false once scanning must stop.
func (st *nestedState) scan(pass *analysis.Pass, s pyts.Node) bool {
	t := pass.Tree
	t.WalkSkippingDefs(s, func(d pyts.Node) bool {
		if t.Start(d) >= st.stop {
			st.done = true
			return false
		}
		switch t.Kind(d) {
		case pyts.Call:
			st.call(pass, d)
		case pyts.Assignment:
			st.targets(pass, t.ChildByField(d, pyts.FLeft), d)
		case pyts.AugmentedAssignment:
			st.augmented(pass, d)
		case pyts.DeleteStatement:
			for _, c := range t.NamedChildren(d) {
				st.targets(pass, c, d)
			}
		}
		return !st.done
	})
	return !st.done
}

// chain returns, for an expression rooted at the copy's name through
// subscripts and attributes, its depth (b → 0, b[k] → 1, b[k].x → 2) and
// the first-level selector ("[k]" or ".x"). depth is -1 when it is not.
func (st *nestedState) chain(t *pyts.Tree, n pyts.Node) (depth int, first pyts.Node, attr bool) {
	n = t.Unparen(n)
	depth = 0
	for {
		switch t.Kind(n) {
		case pyts.Subscript:
			first, attr = n, false
			n = t.Unparen(t.ChildByField(n, pyts.FValue))
		case pyts.Attribute:
			first, attr = n, true
			n = t.Unparen(t.ChildByField(n, pyts.FObject))
		case pyts.Identifier:
			if t.Text(n) != st.ca.dst {
				return -1, pyts.NoNode, false
			}
			return depth, first, attr
		default:
			return -1, pyts.NoNode, false
		}
		depth++
	}
}

// key returns the replaced-map key of a first-level selector.
func key(t *pyts.Tree, sel pyts.Node, attr bool) (string, bool) {
	if attr {
		return "." + t.Text(t.ChildByField(sel, pyts.FAttribute)), true
	}
	subs := t.ChildrenByField(sel, pyts.FSubscript)
	text := ""
	literal := true
	for i, s := range subs {
		if i > 0 {
			text += ","
		}
		text += t.Text(s)
		switch t.Kind(s) {
		case pyts.String, pyts.Integer, pyts.True, pyts.False, pyts.None, pyts.Float:
		default:
			literal = false
		}
	}
	return "[" + text + "]", literal
}

// nested reports whether the receiver r is one or more levels below the copy
// and not a first-level slot already given a new object.
func (st *nestedState) nested(pass *analysis.Pass, r pyts.Node) bool {
	t := pass.Tree
	depth, first, attr := st.chain(t, r)
	if depth < 1 {
		return false
	}
	if attr && st.ca.kind != copyModule {
		return false // a list or dict copy has no interesting attributes
	}
	k, literal := key(t, first, attr)
	if st.replaced[k] || (!literal && st.dynamic) {
		return false
	}
	if !attr && (st.ca.kind == copyMethod || st.ca.kind == copyModule) && !st.ca.builtin && !stringKey(t, first) {
		// x.copy() of an unknown x may be a class's own copy (a graph's,
		// a matrix's) that copies rows too; c["roles"] reads as a dict of
		// JSON-like data, c[0][1] could be anything.
		return false
	}
	return true
}

// stringKey reports whether a subscript's key is a string literal.
func stringKey(t *pyts.Tree, sub pyts.Node) bool {
	subs := t.ChildrenByField(sub, pyts.FSubscript)
	return len(subs) == 1 && (t.Is(subs[0], pyts.String) || t.Is(subs[0], pyts.ConcatenatedString))
}

func (st *nestedState) call(pass *analysis.Pass, call pyts.Node) {
	t := pass.Tree
	fn := t.ChildByField(call, pyts.FFunction)
	if !t.Is(fn, pyts.Attribute) {
		return
	}
	method := t.Text(t.ChildByField(fn, pyts.FAttribute))
	obj := t.ChildByField(fn, pyts.FObject)
	if depth, _, _ := st.chain(t, obj); depth == 0 && (method == "update" || method == "setdefault" || method == "__setitem__") {
		// b.update(...) may give nested slots new objects: stop here.
		st.done = true
		return
	}
	if !mutators[method] || !st.nested(pass, obj) {
		return
	}
	st.report(pass, call, t.Text(obj))
}

// targets handles assignment and del targets: b[k][j] = v and b[k].x = v
// change b[k] in place; b[k] = v gives the copy a new first-level object.
// Patterns nest as deep as the source does, so they are unpacked with an
// explicit stack, in source order.
func (st *nestedState) targets(pass *analysis.Pass, target, stmt pyts.Node) {
	t := pass.Tree
	stack := []pyts.Node{target}
	for len(stack) > 0 {
		n := t.Unparen(stack[len(stack)-1])
		stack = stack[:len(stack)-1]
		if n == pyts.NoNode {
			continue
		}
		switch t.Kind(n) {
		case pyts.PatternList, pyts.TuplePattern, pyts.ListPattern, pyts.Tuple, pyts.List, pyts.ExpressionList:
			cs := t.NamedChildren(n)
			for i := len(cs) - 1; i >= 0; i-- {
				stack = append(stack, cs[i])
			}
		case pyts.ListSplatPattern, pyts.ListSplat:
			stack = append(stack, t.NamedChild(n, 0))
		case pyts.Subscript, pyts.Attribute:
			st.target(pass, n, stmt)
		}
	}
}

// target handles one subscript or attribute target of stmt.
func (st *nestedState) target(pass *analysis.Pass, target, stmt pyts.Node) {
	t := pass.Tree
	depth, first, attr := st.chain(t, target)
	if depth == 1 && t.Is(stmt, pyts.Assignment) {
		k, literal := key(t, first, attr)
		st.replaced[k] = true
		if !literal {
			st.dynamic = true
		}
		return
	}
	if depth < 2 {
		return
	}
	var recv pyts.Node
	if attr2 := t.Is(target, pyts.Attribute); attr2 {
		recv = t.ChildByField(target, pyts.FObject)
	} else {
		recv = t.ChildByField(target, pyts.FValue)
	}
	if st.nested(pass, recv) {
		st.report(pass, target, t.Text(recv))
	}
}

// augmented handles b[k][j] += v (changes b[k]) and b[k] += [...] or
// b[k] |= {...} (extends the shared list, dict or set in place).
func (st *nestedState) augmented(pass *analysis.Pass, aug pyts.Node) {
	t := pass.Tree
	left := t.Unparen(t.ChildByField(aug, pyts.FLeft))
	depth, _, _ := st.chain(t, left)
	switch {
	case depth >= 2:
		var recv pyts.Node
		if t.Is(left, pyts.Attribute) {
			recv = t.ChildByField(left, pyts.FObject)
		} else {
			recv = t.ChildByField(left, pyts.FValue)
		}
		if st.nested(pass, recv) {
			st.report(pass, left, t.Text(recv))
		}
	case depth == 1:
		op := t.Text(t.ChildByField(aug, pyts.FOperator))
		right := t.Unparen(t.ChildByField(aug, pyts.FRight))
		inPlace := false
		switch op {
		case "+=":
			inPlace = t.Is(right, pyts.List) || t.Is(right, pyts.ListComprehension)
		case "|=":
			k := t.Kind(right)
			inPlace = k == pyts.Dictionary || k == pyts.Set || k == pyts.DictionaryComprehension || k == pyts.SetComprehension
		}
		if inPlace && st.nested(pass, left) {
			st.report(pass, aug, t.Text(left))
		}
	}
}

func (st *nestedState) report(pass *analysis.Pass, at pyts.Node, recv string) {
	t := pass.Tree
	ca := st.ca
	fixHint := "copy with `copy.deepcopy(...)` or give the nested slot a new object instead of changing it"
	if short(ca.src, "") != "" && short(recv, "") != "" {
		fixHint = fmt.Sprintf("copy with `copy.deepcopy(%s)` or give `%s` a new object instead of changing it", ca.src, recv)
	}
	pass.Reportf(at, ruleNested,
		"this also changes %s: `%s` is a shallow copy (%s), so %s is the same object in both; %s",
		quote(ca.src, "the original"), ca.dst, quote(t.Text(ca.copyExpr), "made above"), quote(recv, "the nested object"), fixHint)
}

// short returns s when it is short and on one line, otherwise fallback.
func short(s, fallback string) string {
	if !pyts.FitsInline(s) || strings.ContainsRune(s, '\r') {
		return fallback
	}
	return s
}

// quote returns s in backquotes when it is short, otherwise fallback.
func quote(s, fallback string) string {
	if q := short(s, ""); q != "" {
		return "`" + q + "`"
	}
	return fallback
}
