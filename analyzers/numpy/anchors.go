package numpy

// This file defines the hints and details of numpy anchors: imports and
// every call through numpy.

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/pyts"
)

// visitImport anchors imports of numpy and its submodules.
func visitImport(pass *analysis.Pass, stmt pyts.Node) {
	t := pass.Tree
	for _, im := range t.ImportedModules(stmt) {
		m, alias := im.Name, im.Alias
		if !analysis.InModule(m, "numpy") {
			continue
		}
		if im.From {
			pass.Anchor(im.Node, "numpy", "from NumPy",
				fmt.Sprintf("`%s` brings in NumPy names: functions that work on typed, contiguous arrays in compiled code.", t.ImportPhrase(im)))
			continue
		}
		hint, bound := "NumPy", strings.SplitN(m, ".", 2)[0]
		if alias != pyts.NoNode {
			hint, bound = "NumPy as "+t.Text(alias), t.Text(alias)
		}
		what := "NumPy"
		if alias != pyts.NoNode && m != "numpy" {
			what = "`" + m + "`, part of NumPy"
		}
		pass.Anchor(im.Clause, "numpy", hint,
			fmt.Sprintf("`%s` binds `%s` to %s, whose arrays hold numbers of one type in one contiguous block and whose whole-array operations run in compiled code.", t.ImportPhrase(im), bound, what))
	}
}

// allocators make an array of a given shape; the value says what fills it.
var allocators = map[string]string{
	"zeros": "zeros",
	"ones":  "ones",
	"empty": "uninitialised",
	"full":  "fill",
}

// constructors make a new array from their arguments; %s is the call.
var constructors = map[string]string{
	"array":             "`%s` copies its input into a new ndarray: one dtype, one contiguous block of memory.",
	"asarray":           "`%s` converts its input to an ndarray, without copying when it already is one of the right dtype.",
	"asanyarray":        "`%s` converts its input to an ndarray (keeping subclasses), without copying when it already is one.",
	"ascontiguousarray": "`%s` returns its input as an array laid out contiguously in C order, copying only when needed.",
	"asfortranarray":    "`%s` returns its input as an array laid out in Fortran (column-major) order, copying only when needed.",
	"copy":              "`%s` makes a new array holding a copy of the data.",
	"zeros_like":        "`%s` makes a new array of zeros with the same shape and dtype as its argument.",
	"ones_like":         "`%s` makes a new array of ones with the same shape and dtype as its argument.",
	"empty_like":        "`%s` makes a new, uninitialised array with the same shape and dtype as its argument: write every element before reading it.",
	"full_like":         "`%s` makes a new array with the same shape and dtype as its first argument, filled with the given value.",
	"arange":            "`%s` makes an array of evenly spaced values from start up to, but not including, stop.",
	"linspace":          "`%s` makes an array of evenly spaced values from start to stop, both included (50 values unless `num` is given).",
	"logspace":          "`%s` makes an array of values evenly spaced on a log scale.",
	"geomspace":         "`%s` makes an array of values in geometric progression.",
	"fromiter":          "`%s` builds a new array from an iterable, one element at a time.",
	"frombuffer":        "`%s` makes an array that views the bytes of a buffer, without copying.",
	"fromfunction":      "`%s` builds an array by calling the function once with whole index arrays.",
	"fromfile":          "`%s` reads a new array from a binary or text file.",
	"fromstring":        "`%s` makes a new array from the numbers in a string.",
	"loadtxt":           "`%s` reads a text file of numbers into a new array.",
	"genfromtxt":        "`%s` reads a text file of numbers into a new array, filling in missing values.",
}

// randomNotArrays are numpy.random names that do not return an array of
// samples.
var randomNotArrays = map[string]bool{
	"seed": true, "default_rng": true, "RandomState": true, "Generator": true, "SeedSequence": true,
	"BitGenerator": true, "PCG64": true, "PCG64DXSM": true, "MT19937": true, "Philox": true, "SFC64": true,
	"get_state": true, "set_state": true, "shuffle": true, "get_bit_generator": true, "set_bit_generator": true,
}

var copiers = map[string]string{
	"append":       "`%s` returns a new array holding a copy of the array and the appended values: NumPy arrays never grow in place.",
	"concatenate":  "`%s` joins the arrays into a new one, copying every element.",
	"vstack":       "`%s` stacks the arrays as rows of a new array, copying every element.",
	"hstack":       "`%s` joins the arrays side by side into a new array, copying every element.",
	"column_stack": "`%s` stacks 1-D arrays as the columns of a new 2-D array, copying every element.",
	"row_stack":    "`%s` stacks the arrays as rows of a new array, copying every element.",
	"dstack":       "`%s` stacks the arrays along a third axis into a new array, copying every element.",
	"stack":        "`%s` joins the arrays along a new axis into a new array, copying every element.",
	"insert":       "`%s` returns a new array with the values inserted, copying every element.",
	"delete":       "`%s` returns a new array without the given entries, copying the rest.",
}

// pythonLoops look vectorised but call a Python function per element.
var pythonLoops = map[string]string{
	"vectorize":        "`%s` wraps a Python function so it accepts arrays, but still calls it once per element in the interpreter: a convenience, no faster than a `for` loop.",
	"frompyfunc":       "`%s` turns a Python function into a ufunc that still calls it once per element in the interpreter, returning object arrays.",
	"apply_along_axis": "`%s` calls the Python function once per 1-D slice, in a Python-level loop.",
	"apply_over_axes":  "`%s` calls the Python function repeatedly, once per axis.",
	"piecewise":        "`%s` evaluates each piece on the elements its condition selects.",
}

// views return a view of their input when they can.
var views = map[string]bool{
	"reshape": true, "ravel": true, "transpose": true, "swapaxes": true, "moveaxis": true,
	"squeeze": true, "expand_dims": true, "flip": true, "fliplr": true, "flipud": true,
	"broadcast_to": true, "atleast_1d": true, "atleast_2d": true, "atleast_3d": true,
}

// reductions compute over whole arrays, or along an axis.
var reductions = map[string]bool{
	"sum": true, "prod": true, "mean": true, "median": true, "std": true, "var": true,
	"min": true, "max": true, "amin": true, "amax": true, "argmin": true, "argmax": true,
	"ptp": true, "all": true, "any": true, "count_nonzero": true, "average": true,
	"percentile": true, "quantile": true, "nansum": true, "nanmean": true, "nanstd": true,
	"nanvar": true, "nanmin": true, "nanmax": true, "nanmedian": true, "nanprod": true,
	"cumsum": true, "cumprod": true, "diff": true, "trace": true, "histogram": true,
	"bincount": true, "unique": true, "sort": true, "argsort": true, "searchsorted": true,
	"nonzero": true, "argwhere": true, "flatnonzero": true, "cov": true, "corrcoef": true,
	"dot": true, "vdot": true, "matmul": true, "inner": true, "outer": true, "tensordot": true,
	"einsum": true, "cross": true, "kron": true, "convolve": true, "correlate": true,
	"allclose": true, "array_equal": true, "isclose": true, "interp": true, "polyfit": true,
	"polyval": true, "tile": true, "repeat": true, "roll": true, "meshgrid": true,
}

// ufuncs apply a scalar function to every element.
var ufuncs = map[string]bool{
	"add": true, "subtract": true, "multiply": true, "divide": true, "true_divide": true,
	"floor_divide": true, "power": true, "float_power": true, "mod": true, "remainder": true, "fmod": true,
	"negative": true, "positive": true, "abs": true, "absolute": true, "fabs": true, "sign": true,
	"sqrt": true, "cbrt": true, "square": true, "reciprocal": true, "exp": true, "exp2": true,
	"expm1": true, "log": true, "log2": true, "log10": true, "log1p": true, "logaddexp": true,
	"sin": true, "cos": true, "tan": true, "arcsin": true, "arccos": true, "arctan": true,
	"arctan2": true, "hypot": true, "sinh": true, "cosh": true, "tanh": true, "arcsinh": true,
	"arccosh": true, "arctanh": true, "deg2rad": true, "rad2deg": true, "degrees": true,
	"radians": true, "floor": true, "ceil": true, "trunc": true, "rint": true, "round": true,
	"around": true, "fix": true, "clip": true, "maximum": true, "minimum": true, "fmax": true,
	"fmin": true, "isnan": true, "isinf": true, "isfinite": true, "nan_to_num": true,
	"logical_and": true, "logical_or": true, "logical_not": true, "logical_xor": true,
	"greater": true, "greater_equal": true, "less": true, "less_equal": true, "equal": true,
	"not_equal": true, "bitwise_and": true, "bitwise_or": true, "bitwise_xor": true,
	"invert": true, "left_shift": true, "right_shift": true, "where": true, "select": true,
	"heaviside": true, "sinc": true, "conj": true, "conjugate": true, "real": true, "imag": true,
	"angle": true, "exp10": true, "signbit": true, "copysign": true, "gcd": true, "lcm": true,
}

var scalarTypeRE = regexp.MustCompile(`^(u?int(8|16|32|64)?|float(16|32|64|128)?|complex(64|128|256)?|bool_?|int_|float_|complex_|u?intc|u?intp|u?longlong|half|single|double|longdouble|csingle|cdouble|clongdouble|u?byte|u?short|str_|bytes_|datetime64|timedelta64)$`)

var intTypeRE = regexp.MustCompile(`^(u?int(8|16|32|64)|u?intc|u?intp|u?longlong|u?byte|u?short)$`)

// describe returns the hint and detail of a call to numpy.name.
func describe(pass *analysis.Pass, call pyts.Node, name string) (string, string) {
	c := pass.Tree.CallText(call)
	if d, ok := constructors[name]; ok {
		return "new ndarray", fmt.Sprintf(d, c)
	}
	if _, ok := allocators[name]; ok {
		return "new ndarray", allocDetail(pass, call, name, c)
	}
	if d, ok := copiers[name]; ok {
		return "copies into new array", fmt.Sprintf(d, c)
	}
	if d, ok := pythonLoops[name]; ok {
		return "Python loop, not C", fmt.Sprintf(d, c)
	}
	if views[name] {
		return "view when possible", fmt.Sprintf("`%s` returns a view of the same data when it can, so writing through the result can change the original.", c)
	}
	if ufuncs[name] {
		return "NumPy: vectorised", fmt.Sprintf("`%s` applies `%s` to every element in compiled code, with no Python-level loop.", c, name)
	}
	if reductions[name] || strings.HasPrefix(name, "linalg.") || strings.HasPrefix(name, "fft.") {
		return "NumPy: vectorised", fmt.Sprintf("`%s` works on whole arrays in compiled code, with no Python-level loop.", c)
	}
	if r, ok := strings.CutPrefix(name, "random."); ok {
		switch r {
		case "seed":
			return "seeds global RNG", fmt.Sprintf("`%s` seeds NumPy's global random state, shared by every `np.random.*` call in the process; `np.random.default_rng(seed)` makes an independent generator instead.", c)
		case "default_rng", "RandomState", "Generator":
			return "random generator", fmt.Sprintf("`%s` makes a random generator with its own state; draw from it (`rng.normal(...)`) rather than from the global `np.random` functions.", c)
		case "shuffle":
			return "shuffles in place", fmt.Sprintf("`%s` shuffles the array in place, along its first axis.", c)
		}
		if !randomNotArrays[r] {
			return "new ndarray", fmt.Sprintf("`%s` draws random values from NumPy's global random state: one value, or a new array when given a size or shape.", c)
		}
	}
	if scalarTypeRE.MatchString(name) {
		d := "`%s` makes a NumPy scalar of the fixed-size machine type `%s`."
		switch {
		case intTypeRE.MatchString(name):
			d = "`%s` makes a NumPy scalar of the fixed-size type `%s`: unlike Python's `int`, its arithmetic wraps around on overflow."
		case name == "float16" || name == "float32" || name == "half" || name == "single":
			d = "`%s` makes a NumPy scalar of type `%s`, which keeps fewer significant digits than Python's `float` (a float64)."
		}
		return "NumPy scalar", fmt.Sprintf(d, c, name)
	}
	if name == "" {
		return "NumPy", fmt.Sprintf("`%s` calls the NumPy module object.", c)
	}
	return "NumPy", fmt.Sprintf("`%s` calls NumPy's `%s`.", c, name)
}

// allocDetail describes np.zeros, np.ones, np.empty and np.full.
func allocDetail(pass *analysis.Pass, call pyts.Node, name, c string) string {
	t := pass.Tree
	args := positional(t, call)
	arg := func(i int, kw string) pyts.Node {
		if v := t.KeywordArg(call, kw); v != pyts.NoNode {
			return v
		}
		if i < len(args) {
			return args[i]
		}
		return pyts.NoNode
	}
	dtypeAt := 1
	if name == "full" {
		dtypeAt = 2
	}
	shape := shapeText(t, t.Unparen(arg(0, "shape")))
	var dtype string
	if d := arg(dtypeAt, "dtype"); d != pyts.NoNode {
		dtype = fmt.Sprintf("of dtype `%s`", pyts.Compact(t.Text(d)))
	} else if name == "full" {
		dtype = "whose dtype follows the fill value"
	} else {
		dtype = "of float64"
	}
	var fill string
	switch allocators[name] {
	case "zeros", "ones":
		fill = ", filled with " + allocators[name] + ","
	case "fill":
		if v := arg(1, "fill_value"); v != pyts.NoNode && len(pyts.Compact(t.Text(v))) <= 30 {
			fill = fmt.Sprintf(", filled with `%s`,", pyts.Compact(t.Text(v)))
		} else {
			fill = ", filled with one value,"
		}
	}
	s := fmt.Sprintf("`%s` allocates %s %s%s in one contiguous block", c, shape, dtype, fill)
	if allocators[name] == "uninitialised" {
		s += ", without initialising it: the values are whatever was in memory until you write them"
	}
	return s + "."
}

// shapeText describes a shape argument: "a 3×3 array", "a 1-D array of 5
// elements", "an array of shape `(n, m)`".
func shapeText(t *pyts.Tree, shape pyts.Node) string {
	switch {
	case shape == pyts.NoNode:
		return "an array"
	case t.Is(shape, pyts.Integer):
		return fmt.Sprintf("a 1-D array of %s elements", t.Text(shape))
	case t.Is(shape, pyts.Tuple) || t.Is(shape, pyts.List):
		var dims []string
		for _, e := range t.NamedChildren(shape) {
			if !t.Is(e, pyts.Integer) {
				dims = nil
				break
			}
			dims = append(dims, t.Text(e))
		}
		switch len(dims) {
		case 0:
		case 1:
			return fmt.Sprintf("a 1-D array of %s elements", dims[0])
		default:
			return fmt.Sprintf("a %s array", strings.Join(dims, "×"))
		}
	}
	s := pyts.Compact(t.Text(shape))
	if len(s) > 30 {
		return "an array of the given shape"
	}
	return fmt.Sprintf("an array of shape `%s`", s)
}
