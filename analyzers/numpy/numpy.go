package numpy

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

// Analyzer is the numpy analyzer.
var Analyzer = &analysis.Analyzer{
	Name:     "numpy",
	Doc:      analysis.MustExtractDoc(doc, "numpy"),
	Concepts: []string{"numpy"},
	Rules: []analysis.Rule{
		{Name: "numpy-python-loop", Concept: "numpy"},
		{Name: "numpy-append-in-loop", Concept: "numpy"},
	},
	Kinds:   []pyts.Kind{pyts.ImportStatement, pyts.ImportFromStatement, pyts.Call, pyts.ForStatement},
	Applies: func(pass *analysis.Pass) bool { return pass.Scope.Imports("numpy") },
	Visit:   visit,
}

func visit(pass *analysis.Pass, n pyts.Node) {
	switch pass.Tree.Kind(n) {
	case pyts.ImportStatement, pyts.ImportFromStatement:
		visitImport(pass, n)
	case pyts.Call:
		q := pass.Callee(n)
		if !analysis.InModule(q, "numpy") {
			return
		}
		name := strings.TrimPrefix(strings.TrimPrefix(q, "numpy"), ".")
		hint, detail := describe(pass, n, name)
		pass.AnchorCall(n, "numpy", hint, detail)
		if growers[name] {
			checkGrowth(pass, n)
		}
	case pyts.ForStatement:
		checkLoop(pass, n)
	}
}

// growers are the functions that return a new array holding a copy of
// their inputs joined together.
var growers = map[string]bool{
	"append": true, "concatenate": true, "vstack": true, "hstack": true,
	"column_stack": true, "row_stack": true,
}

// checkGrowth reports `arr = np.append(arr, x)` (or concatenate, vstack,
// hstack with arr among the joined arrays) in the body of a loop.
func checkGrowth(pass *analysis.Pass, call pyts.Node) {
	t := pass.Tree
	c, p := t.OuterParens(call)
	if !t.Is(p, pyts.Assignment) || t.Field(c) != pyts.FRight {
		return
	}
	target := t.ChildByField(p, pyts.FLeft)
	if !isNameOrAttr(t, target) || t.EnclosingLoop(call) == pyts.NoNode {
		return
	}
	want := pyts.Compact(t.Text(target))
	fn := pyts.Compact(t.Text(t.ChildByField(call, pyts.FFunction)))
	var inputs []pyts.Node
	args := positional(t, call)
	if strings.HasSuffix(fn, ".append") || fn == "append" {
		inputs = args
	} else if len(args) > 0 {
		if seq := t.Unparen(args[0]); t.Is(seq, pyts.List) || t.Is(seq, pyts.Tuple) {
			inputs = t.NamedChildren(seq)
		}
	}
	for _, in := range inputs {
		if in = t.Unparen(in); isNameOrAttr(t, in) && pyts.Compact(t.Text(in)) == want {
			pass.Reportf(call, "numpy-append-in-loop",
				"growing `%s` with `%s` in a loop copies the whole array on every iteration, which takes quadratic time; collect the pieces in a list and convert once after the loop, or preallocate with `np.empty` and fill it by index",
				want, fn)
			return
		}
	}
}

// checkLoop reports the outermost element-by-element index loop over a
// NumPy array made in the same function.
func checkLoop(pass *analysis.Pass, loop pyts.Node) {
	t := pass.Tree
	arr, ok := indexLoop(pass, loop)
	if !ok {
		return
	}
	for p := t.Parent(loop); p != pyts.NoNode; p = t.Parent(p) {
		k := t.Kind(p)
		if k == pyts.FunctionDefinition || k == pyts.ClassDefinition || k == pyts.Lambda {
			break
		}
		if k == pyts.ForStatement {
			if _, ok := indexLoop(pass, p); ok {
				return // reported on the outer loop
			}
		}
	}
	i := t.Text(t.ChildByField(loop, pyts.FLeft))
	pass.Report(analysis.Diagnostic{
		Range: pass.ColonHeader(loop),
		Rule:  "numpy-python-loop",
		Message: fmt.Sprintf("element-by-element loop over NumPy array `%[1]s`: each `%[1]s[%[2]s]` is a bounds-checked access in the interpreter that boxes the value in a Python object; a whole-array expression (arithmetic on `%[1]s` itself, `np.where(...)`, `%[1]s.sum()`) runs the loop in C",
			arr, i),
	})
}

// indexLoop reports whether loop is `for i in range(len(a))` (or
// range(a.shape[0]), range(a.size), range(0, ...)) over a NumPy array a made
// in the same scope, whose body reads or writes a[i] and otherwise only
// computes: no calls but NumPy, math and numeric builtins and methods of
// local arrays, no early exit, no I/O. It returns a's name.
func indexLoop(pass *analysis.Pass, loop pyts.Node) (string, bool) {
	t := pass.Tree
	if t.Is(t.FirstChild(loop), pyts.KwAsync) {
		return "", false
	}
	iv := t.ChildByField(loop, pyts.FLeft)
	if !t.Is(iv, pyts.Identifier) {
		return "", false
	}
	a := rangeOver(pass, t.Unparen(t.ChildByField(loop, pyts.FRight)))
	if a == pyts.NoNode {
		return "", false
	}
	s := pass.Scope.ScopeOf(loop)
	if k := pass.Scope.Scope(s).Kind; k != scope.Function && k != scope.Module {
		return "", false
	}
	if compiled(pass, loop) {
		return "", false
	}
	name, i := t.Text(a), t.Text(iv)
	if !madeHere(pass, s, name, loop) {
		return "", false
	}
	body := t.ChildByField(loop, pyts.FBody)
	if body == pyts.NoNode {
		return "", false
	}
	indexed := false
	end := t.SubtreeEnd(body)
	for d := body; d < end; d++ {
		switch t.Kind(d) {
		case pyts.Subscript:
			v := t.ChildByField(d, pyts.FValue)
			subs := t.ChildrenByField(d, pyts.FSubscript)
			if t.Is(v, pyts.Identifier) && t.TextIs(v, name) && len(subs) == 1 && t.Is(subs[0], pyts.Identifier) && t.TextIs(subs[0], i) {
				indexed = true
			}
		case pyts.BreakStatement, pyts.ReturnStatement, pyts.Yield, pyts.Await,
			pyts.TryStatement, pyts.WithStatement, pyts.FunctionDefinition, pyts.ClassDefinition,
			pyts.Lambda, pyts.GlobalStatement, pyts.NonlocalStatement, pyts.DeleteStatement:
			return "", false
		case pyts.Call:
			if !computes(pass, d, s, name) {
				return "", false
			}
		}
	}
	return name, indexed
}

// jitDecorators are the decorators of compilers (Numba, Taichi, Pythran)
// that turn explicit loops into machine code, where an index loop is the
// fast way to write it.
var jitDecorators = map[string]bool{
	"jit": true, "njit": true, "generated_jit": true, "cfunc": true, "stencil": true,
	"guvectorize": true, "kernel": true, "func": true, "export": true,
}

// compiled reports whether n is inside a function compiled by a JIT
// decorator (@numba.njit, @jit(nopython=True), @ti.kernel).
func compiled(pass *analysis.Pass, n pyts.Node) bool {
	t := pass.Tree
	for fn := t.Ancestor(n, pyts.FunctionDefinition); fn != pyts.NoNode; fn = t.Ancestor(fn, pyts.FunctionDefinition) {
		for _, d := range t.Decorators(fn) {
			e := t.Unparen(t.NamedChild(d, 0))
			if t.Is(e, pyts.Call) {
				e = t.ChildByField(e, pyts.FFunction)
			}
			if q := pass.Resolve(e); strings.HasPrefix(q, "numba.") || strings.HasPrefix(q, "taichi.") || strings.HasPrefix(q, "pythran.") {
				return true
			}
			if t.Is(e, pyts.Attribute) {
				e = t.ChildByField(e, pyts.FAttribute)
			}
			if t.Is(e, pyts.Identifier) && jitDecorators[t.Text(e)] {
				return true
			}
		}
	}
	return false
}

// rangeOver returns the array identifier a of range(len(a)),
// range(a.shape[0]), range(a.size) or the same with a start of 0, or NoNode.
func rangeOver(pass *analysis.Pass, call pyts.Node) pyts.Node {
	t := pass.Tree
	if !t.Is(call, pyts.Call) || pass.Callee(call) != "builtins.range" {
		return pyts.NoNode
	}
	args := t.NamedChildren(t.ChildByField(call, pyts.FArguments))
	if len(args) == 2 && t.Is(args[0], pyts.Integer) && t.TextIs(args[0], "0") {
		args = args[1:]
	}
	if len(args) != 1 {
		return pyts.NoNode
	}
	x := t.Unparen(args[0])
	switch t.Kind(x) {
	case pyts.Call: // len(a)
		in := t.NamedChildren(t.ChildByField(x, pyts.FArguments))
		if pass.Callee(x) == "builtins.len" && len(in) == 1 && t.Is(in[0], pyts.Identifier) {
			return in[0]
		}
	case pyts.Subscript: // a.shape[0]
		v := t.ChildByField(x, pyts.FValue)
		subs := t.ChildrenByField(x, pyts.FSubscript)
		if len(subs) == 1 && t.Is(subs[0], pyts.Integer) && t.TextIs(subs[0], "0") && t.Is(v, pyts.Attribute) &&
			t.TextIs(t.ChildByField(v, pyts.FAttribute), "shape") && t.Is(t.ChildByField(v, pyts.FObject), pyts.Identifier) {
			return t.ChildByField(v, pyts.FObject)
		}
	case pyts.Attribute: // a.size
		if t.TextIs(t.ChildByField(x, pyts.FAttribute), "size") && t.Is(t.ChildByField(x, pyts.FObject), pyts.Identifier) {
			return t.ChildByField(x, pyts.FObject)
		}
	}
	return pyts.NoNode
}

// madeHere reports whether name, at loop, is a one-dimensional (or not
// known to be multi-dimensional) NumPy array made in scope s: its last
// binding before the loop is an assignment from a NumPy constructor that
// runs whenever the loop does (or every binding before the loop is one),
// and the loop does not rebind it.
func madeHere(pass *analysis.Pass, s int, name string, loop pyts.Node) bool {
	t := pass.Tree
	var before []scope.Binding
	for _, b := range pass.Scope.Bindings(s, name) {
		switch {
		case b.Kind == scope.Global || b.Kind == scope.Nonlocal:
			return false
		case b.Kind == scope.AugAssign:
		case t.Contains(loop, b.Node):
			return false
		case b.Node < loop:
			before = append(before, b)
		}
	}
	if len(before) == 0 {
		return false
	}
	last := before[len(before)-1]
	assign, ok := arrayAssignment(pass, last)
	if !ok {
		return false
	}
	if block := t.Parent(t.Parent(assign)); t.Contains(block, loop) {
		return true
	}
	for _, b := range before {
		if _, ok := arrayAssignment(pass, b); !ok {
			return false
		}
	}
	return true
}

// arrayAssignment returns the assignment of `name = np.constructor(...)`
// for binding b, when the array is not known to have several dimensions.
func arrayAssignment(pass *analysis.Pass, b scope.Binding) (pyts.Node, bool) {
	t := pass.Tree
	if b.Kind != scope.Assign {
		return pyts.NoNode, false
	}
	call := t.AssignedValue(b.Node)
	if !t.Is(call, pyts.Call) {
		return pyts.NoNode, false
	}
	q := pass.Callee(call)
	if !strings.HasPrefix(q, "numpy.") || !makesArray(q[len("numpy."):]) || multiDim(pass, call, q[len("numpy."):]) {
		return pyts.NoNode, false
	}
	return t.Parent(b.Node), true
}

// makesArray reports whether numpy function name returns a new array.
func makesArray(name string) bool {
	if _, ok := constructors[name]; ok {
		return true
	}
	if allocators[name] != "" {
		return true
	}
	if r, ok := strings.CutPrefix(name, "random."); ok {
		return !randomNotArrays[r]
	}
	return false
}

// multiDim reports whether a constructor call visibly makes an array of
// two or more dimensions, whose a[i] is a row rather than an element.
func multiDim(pass *analysis.Pass, call pyts.Node, name string) bool {
	t := pass.Tree
	args := positional(t, call)
	shape := t.KeywordArg(call, "shape")
	if shape == pyts.NoNode {
		shape = t.KeywordArg(call, "size")
	}
	if shape == pyts.NoNode && len(args) > 0 && (allocators[name] != "" || name == "array" || name == "asarray") {
		shape = args[0]
	}
	if strings.HasPrefix(name, "random.") && len(args) >= 2 && (name == "random.rand" || name == "random.randn") {
		return true
	}
	shape = t.Unparen(shape)
	if shape == pyts.NoNode {
		return false
	}
	switch t.Kind(shape) {
	case pyts.Tuple, pyts.List:
		elems := t.NamedChildren(shape)
		if name == "array" || name == "asarray" {
			// np.array([[1, 2], [3, 4]]): nested literals
			return len(elems) > 0 && (t.Is(elems[0], pyts.List) || t.Is(elems[0], pyts.Tuple))
		}
		return len(elems) >= 2
	}
	return false
}

// numericBuiltins are builtins an element-wise loop body may call.
var numericBuiltins = map[string]bool{
	"abs": true, "min": true, "max": true, "round": true, "float": true, "int": true,
	"complex": true, "bool": true, "pow": true, "len": true, "range": true, "sum": true, "divmod": true,
}

// computes reports whether a call in an index loop's body is pure
// computation that a whole-array expression can take over: NumPy, math,
// numeric builtins, or a method of a NumPy array made in scope s.
func computes(pass *analysis.Pass, call pyts.Node, s int, arr string) bool {
	t := pass.Tree
	q := pass.Callee(call)
	switch {
	case strings.HasPrefix(q, "numpy."), strings.HasPrefix(q, "math."), strings.HasPrefix(q, "cmath."):
		return true
	case strings.HasPrefix(q, "builtins."):
		return numericBuiltins[q[len("builtins."):]]
	}
	fn := t.ChildByField(call, pyts.FFunction)
	if !t.Is(fn, pyts.Attribute) {
		return false
	}
	root := t.ChildByField(fn, pyts.FObject)
	for {
		switch t.Kind(root) {
		case pyts.Attribute:
			root = t.ChildByField(root, pyts.FObject)
			continue
		case pyts.Subscript:
			root = t.ChildByField(root, pyts.FValue)
			continue
		}
		break
	}
	if !t.Is(root, pyts.Identifier) {
		return false
	}
	if t.TextIs(root, arr) {
		return true
	}
	bs := pass.Scope.Bindings(s, t.Text(root))
	if len(bs) == 0 {
		return false
	}
	for _, b := range bs {
		if b.Kind == scope.AugAssign {
			continue
		}
		if _, ok := arrayAssignment(pass, b); !ok {
			return false
		}
	}
	return true
}

// isNameOrAttr reports whether n is a name or a chain of attributes on a
// name (arr, self.samples).
func isNameOrAttr(t *pyts.Tree, n pyts.Node) bool {
	for t.Is(n, pyts.Attribute) {
		n = t.ChildByField(n, pyts.FObject)
	}
	return t.Is(n, pyts.Identifier)
}

// positional returns a call's positional arguments, leaving out *args and
// **kwargs splats (unlike pyts.Tree.PositionalArg, it does not stop at a
// *args splat).
func positional(t *pyts.Tree, call pyts.Node) []pyts.Node {
	var out []pyts.Node
	args := t.Arguments(call)
	if args == pyts.NoNode {
		return nil
	}
	for _, a := range t.NamedChildren(args) {
		switch t.Kind(a) {
		case pyts.KeywordArgument, pyts.ListSplat, pyts.DictionarySplat:
			continue
		}
		out = append(out, a)
	}
	return out
}
