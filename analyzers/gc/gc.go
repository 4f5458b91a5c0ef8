package gc

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/pyts"
)

//go:embed doc.go
var doc string

// Analyzer is the gc analyzer.
var Analyzer = &analysis.Analyzer{
	Name:     "gc",
	Doc:      analysis.MustExtractDoc(doc, "gc"),
	Concepts: []string{"gc"},
	Rules: []analysis.Rule{
		{Name: "del-method", Concept: "gc"},
		{Name: "gc-disable", Concept: "gc"},
		{Name: "gc-collect-in-loop", Concept: "gc"},
	},
	Kinds: []pyts.Kind{pyts.ImportStatement, pyts.ImportFromStatement, pyts.Call, pyts.FunctionDefinition},
	Visit: visit,
}

func visit(pass *analysis.Pass, n pyts.Node) {
	switch pass.Tree.Kind(n) {
	case pyts.ImportStatement, pyts.ImportFromStatement:
		visitImport(pass, n)
	case pyts.Call:
		visitCall(pass, n)
	case pyts.FunctionDefinition:
		visitDef(pass, n)
	}
}

var importDetails = map[string][2]string{
	"gc": {"garbage collector",
		"`%s` gives access to CPython's cyclic garbage collector, which frees reference cycles; reference counting frees everything else without it."},
	"weakref": {"weak references",
		"`%s` provides references that do not keep their target alive: the object is freed once only weak references to it remain."},
}

// visitImport anchors `import gc`, `import weakref` and their from-imports.
func visitImport(pass *analysis.Pass, stmt pyts.Node) {
	pass.AnchorImportTable(stmt, "gc", importDetails)
}

// gcCalls gives the hint and detail of each gc function; %s is the call's
// text.
var gcCalls = map[string][2]string{
	"collect": {"full collection",
		"`%s` runs a collection now: it examines every object the collector tracks to find unreachable reference cycles, and returns how many it found."},
	"disable": {"automatic GC off",
		"`%s` switches automatic cyclic collection off for the whole process, every thread, until `gc.enable()`; reference counting still frees garbage that is not in a cycle."},
	"enable": {"automatic GC on",
		"`%s` switches automatic cyclic collection back on for the whole process."},
	"isenabled": {"is automatic GC on?",
		"`%s` tells whether automatic collection is on; save it before `gc.disable()` so you can restore the previous state."},
	"freeze": {"GC: freeze heap",
		"`%s` moves every tracked object into a permanent generation that later collections skip, e.g. before forking so copy-on-write pages stay shared."},
	"unfreeze": {"GC: unfreeze heap",
		"`%s` moves the objects frozen by `gc.freeze()` back into the oldest generation, so collections examine them again."},
	"get_objects": {"every tracked object",
		"`%s` builds a list of every object the collector tracks: slow and large, for debugging."},
	"get_referrers": {"slow: scans the heap",
		"`%s` searches every tracked object for references to its arguments: slow, for hunting leaks only."},
	"get_referents": {"direct references",
		"`%s` returns the objects its arguments refer to directly."},
	"set_threshold": {"GC thresholds",
		"`%s` sets how many net allocations trigger a generation-0 collection, and how often the older generations are collected."},
	"get_threshold": {"GC thresholds",
		"`%s` returns the collection thresholds of the three generations."},
	"get_count": {"GC counters",
		"`%s` returns the current allocation counts of the three generations."},
	"get_stats": {"GC statistics",
		"`%s` returns per-generation statistics: collections run, objects collected, uncollectable objects."},
	"is_tracked": {"tracked by GC?",
		"`%s` tells whether the collector tracks the object; atomic values like ints and strings are never tracked, since they cannot form cycles."},
	"is_finalized": {"finalized by GC?",
		"`%s` tells whether the collector has already run the object's finalizer."},
	"set_debug": {"GC debug flags",
		"`%s` sets the collector's debugging flags, e.g. `gc.DEBUG_LEAK` to keep and report what it finds."},
}

var weakrefCalls = map[string]string{
	"ref":                 "`%s` refers to its target without keeping it alive; call the reference to get the object back, or `None` once it has been freed.",
	"proxy":               "`%s` behaves like its target without keeping it alive; using it after the target is freed raises `ReferenceError`.",
	"WeakMethod":          "`%s` refers to a bound method without keeping its object alive.",
	"WeakValueDictionary": "`%s` makes a dict that holds its values weakly: an entry disappears when its value is freed elsewhere, which suits caches.",
	"WeakKeyDictionary":   "`%s` makes a dict that holds its keys weakly: an entry disappears when its key is freed, a way to attach data to objects you do not own.",
	"WeakSet":             "`%s` makes a set that holds its members weakly: a member disappears when it is freed elsewhere.",
	"finalize":            "`%s` calls the function once, when the object is collected or at interpreter exit; unlike `__del__` it never receives the object, so pass it the data it needs, not the object itself.",
}

func visitCall(pass *analysis.Pass, call pyts.Node) {
	q := pass.Callee(call)
	switch {
	case strings.HasPrefix(q, "gc."):
		name := q[len("gc."):]
		d, ok := gcCalls[name]
		if !ok {
			d = [2]string{"gc module", "`%s` calls `gc." + name + "` from the garbage collector interface."}
		}
		if name == "collect" && !fullCollection(pass.Tree, call) {
			d = youngCollection(pass.Tree, call)
		}
		pass.AnchorCall(call, "gc", d[0], fmt.Sprintf(d[1], pass.Tree.CallText(call)))
		switch name {
		case "disable":
			checkDisable(pass, call)
		case "collect":
			checkCollect(pass, call)
		}
	case strings.HasPrefix(q, "weakref."):
		if d, ok := weakrefCalls[q[len("weakref."):]]; ok {
			pass.AnchorCall(call, "gc", "weak reference: no refcount", fmt.Sprintf(d, pass.Tree.CallText(call)))
		}
	}
}

// checkDisable reports gc.disable() in a function that re-enables the
// collector later, but not in a finally clause: an exception skips the
// gc.enable(). A function with no gc.enable() at all switches the collector
// off on purpose (like module level) or pairs with another function
// (setUp/tearDown), and is not reported.
func checkDisable(pass *analysis.Pass, call pyts.Node) {
	t := pass.Tree
	s := pass.Scope.FunctionScope(call)
	if s < 0 {
		return // module level: a deliberate, program-wide choice
	}
	fn := pass.Scope.Scope(s).Node
	if !t.Is(fn, pyts.FunctionDefinition) {
		return // a lambda has no finally of its own
	}
	if inFinally(t, call, fn) {
		return // restoring a previously disabled collector
	}
	body := t.ChildByField(fn, pyts.FBody)
	if body == pyts.NoNode {
		return
	}
	safe, later := false, false
	t.WalkSkippingDefs(body, func(d pyts.Node) bool {
		if !refersTo(pass, d, "gc.enable") {
			return true
		}
		p := t.Parent(d)
		isCall := t.Is(p, pyts.Call) && t.Field(d) == pyts.FFunction
		switch {
		case !isCall:
			safe = true // registered as a cleanup: addCleanup(gc.enable), atexit.register(gc.enable)
		case inFinally(t, p, fn):
			safe = true
		case p < call:
			safe = true // the function turned GC on and the disable restores the previous state
		default:
			later = true
		}
		return !safe
	})
	if safe || !later {
		return
	}
	pass.Reportf(call, "gc-disable",
		"`%s` is undone by a `gc.enable()` outside `finally`: if an exception escapes in between, the cycle collector stays off for the whole process; re-enable it in `try`/`finally`",
		strings.TrimSpace(t.Text(call)))
}

// checkCollect reports a full gc.collect() run on every iteration of a
// loop. Not reported: collections of the young generations only, calls
// under an if in the loop (every N iterations, on memory pressure), loops
// that only collect (collecting until stable) and loops that sleep (a
// periodic collector).
func checkCollect(pass *analysis.Pass, call pyts.Node) {
	t := pass.Tree
	if !fullCollection(t, call) {
		return
	}
	loop := t.EnclosingLoop(call)
	if loop == pyts.NoNode {
		return
	}
	for p := t.Parent(call); p != loop; p = t.Parent(p) {
		if t.Is(p, pyts.IfStatement) || t.Is(p, pyts.ConditionalExpression) {
			return
		}
	}
	onlyCollects, sleeps := true, false
	body := t.ChildByField(loop, pyts.FBody)
	for _, st := range t.NamedChildren(body) {
		e := st
		if t.Is(e, pyts.ExpressionStatement) {
			e = t.Unparen(t.NamedChild(e, 0))
		}
		if !(t.Is(e, pyts.Call) && strings.HasPrefix(pass.Callee(e), "gc.")) && !t.Is(e, pyts.PassStatement) {
			onlyCollects = false
		}
	}
	t.WalkSkippingDefs(body, func(d pyts.Node) bool {
		if t.Is(d, pyts.Call) {
			if q := pass.Callee(d); q == "time.sleep" || q == "asyncio.sleep" {
				sleeps = true
			}
		}
		return true
	})
	if onlyCollects || sleeps {
		return
	}
	kw := "for"
	if t.Kind(loop) == pyts.WhileStatement {
		kw = "while"
	}
	pass.Reportf(call, "gc-collect-in-loop",
		"`%s` in a `%s` loop runs a full collection on every iteration, each one examining every tracked object; unless that is deliberate, collect once after the loop or every N iterations",
		strings.TrimSpace(t.Text(call)), kw)
}

// youngCollection describes a gc.collect call with a generation argument
// other than 2.
func youngCollection(t *pyts.Tree, call pyts.Node) [2]string {
	switch gen := generationArg(t, call); {
	case t.TextIs(gen, "0"):
		return [2]string{"young-generation collection", "`%s` collects generation 0 only, the most recently created objects: a quick pass."}
	case t.TextIs(gen, "1"):
		return [2]string{"partial collection", "`%s` collects generations 0 and 1, leaving the oldest, largest generation alone."}
	}
	return [2]string{"collection", "`%s` collects generations 0 up to the one given; 2, the default, means a full collection of every tracked object."}
}

// fullCollection reports whether a gc.collect call collects every
// generation: no generation argument, or the literal 2.
func fullCollection(t *pyts.Tree, call pyts.Node) bool {
	gen := generationArg(t, call)
	return gen == pyts.NoNode || t.Is(gen, pyts.Integer) && t.TextIs(gen, "2")
}

// generationArg returns the generation argument of a gc.collect call, or
// NoNode.
func generationArg(t *pyts.Tree, call pyts.Node) pyts.Node {
	args := t.ChildByField(call, pyts.FArguments)
	if args == pyts.NoNode {
		return pyts.NoNode
	}
	for _, a := range t.NamedChildren(args) {
		if t.Is(a, pyts.KeywordArgument) {
			if t.TextIs(t.ChildByField(a, pyts.FName), "generation") {
				return t.ChildByField(a, pyts.FValue)
			}
			continue
		}
		return a
	}
	return pyts.NoNode
}

// inFinally reports whether n lies in a finally clause inside fn, or in an
// except clause that catches everything (bare `except:` or `except
// BaseException`), which runs on every exception just the same.
func inFinally(t *pyts.Tree, n, fn pyts.Node) bool {
	for p := t.AncestorWithin(n, fn, pyts.FinallyClause, pyts.ExceptClause); p != pyts.NoNode; p = t.AncestorWithin(p, fn, pyts.FinallyClause, pyts.ExceptClause) {
		if t.Is(p, pyts.FinallyClause) {
			return true
		}
		v, _ := t.SplitAs(t.ChildByField(p, pyts.FValue))
		if v == pyts.NoNode || t.TextIs(v, "BaseException") {
			return true
		}
	}
	return false
}

// refersTo reports whether expression node n (a name or an attribute chain,
// not the attribute part of one) resolves to qualified.
func refersTo(pass *analysis.Pass, n pyts.Node, qualified string) bool {
	t := pass.Tree
	switch t.Kind(n) {
	case pyts.Attribute:
		last := qualified[strings.LastIndexByte(qualified, '.')+1:]
		if !t.TextIs(t.ChildByField(n, pyts.FAttribute), last) {
			return false
		}
	case pyts.Identifier:
		p := t.Parent(n)
		if t.Is(p, pyts.Attribute) && t.Field(n) == pyts.FAttribute || t.Is(p, pyts.KeywordArgument) && t.Field(n) == pyts.FName {
			return false
		}
	default:
		return false
	}
	return pass.Resolve(n) == qualified
}

// visitDef anchors and reports a __del__ method defined in a class body.
func visitDef(pass *analysis.Pass, def pyts.Node) {
	t := pass.Tree
	name := t.ChildByField(def, pyts.FName)
	if !t.TextIs(name, "__del__") {
		return
	}
	cls := pass.EnclosingClass(def)
	if cls == pyts.NoNode {
		return
	}
	class := t.Text(t.ChildByField(cls, pyts.FName))
	r := pass.DefHeader(def)
	pass.AnchorRange(r, "gc", "finalizer",
		fmt.Sprintf("`__del__` makes `%s` objects finalizable: CPython calls it when the last reference goes away or the cycle collector frees the object, not when you write `del x`.", class))
	pass.Report(analysis.Diagnostic{Range: r, Rule: "del-method", Message: fmt.Sprintf(
		"`__del__` in class `%s` runs whenever the object happens to be collected, maybe never at interpreter exit, and its exceptions are only printed; release resources explicitly (a `close()` method and a context manager) or with `weakref.finalize`",
		class)})
}
