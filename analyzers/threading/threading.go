package threading

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

// Analyzer is the threading analyzer.
var Analyzer = &analysis.Analyzer{
	Name:     "threading",
	Doc:      analysis.MustExtractDoc(doc, "threading"),
	Concepts: []string{"threading", "gil"},
	Rules: []analysis.Rule{
		{Name: "thread-target-called", Concept: "threading"},
		{Name: "cpu-bound-thread", Concept: "gil"},
	},
	Kinds: []pyts.Kind{pyts.ImportStatement, pyts.ImportFromStatement, pyts.Call},
	Applies: func(pass *analysis.Pass) bool {
		in := pass.Scope
		return in.Imports("threading") || in.Imports("concurrent") || in.Imports("multiprocessing") || in.Imports("queue")
	},
	Visit: visit,
}

func visit(pass *analysis.Pass, n pyts.Node) {
	switch pass.Tree.Kind(n) {
	case pyts.ImportStatement, pyts.ImportFromStatement:
		visitImport(pass, n)
	case pyts.Call:
		visitCall(pass, n)
	}
}

// visitImport anchors `import threading`, `import concurrent.futures` and
// their from-imports on the module name.
func visitImport(pass *analysis.Pass, stmt pyts.Node) {
	t := pass.Tree
	for _, m := range t.ImportedModules(stmt) {
		switch name := m.Name; {
		case name == "threading":
			pass.Anchor(m.Node, "threading", "threads share one GIL",
				"`threading` runs functions in OS threads of this process: they share its memory and take turns holding the GIL, so they overlap waiting (I/O), not Python computation.")
		case name == "concurrent" && t.Kind(stmt) == pyts.ImportFromStatement,
			analysis.InModule(name, "concurrent.futures"):
			pass.Anchor(m.Node, "threading", "thread and process pools",
				"`concurrent.futures` runs calls on a pool of threads (`ThreadPoolExecutor`) or processes (`ProcessPoolExecutor`) and hands back futures for their results.")
		}
	}
}

// Qualified names of the constructors this analyzer knows.
const (
	threadName  = "threading.Thread"
	processName = "multiprocessing.Process"
)

// executorKinds maps pool constructors to the kind of pool they build.
var executorKinds = map[string]string{
	"concurrent.futures.ThreadPoolExecutor":          "thread",
	"concurrent.futures.thread.ThreadPoolExecutor":   "thread",
	"concurrent.futures.ProcessPoolExecutor":         "process",
	"concurrent.futures.process.ProcessPoolExecutor": "process",
	"multiprocessing.Pool":                           "mppool",
	"multiprocessing.pool.Pool":                      "mppool",
	"multiprocessing.pool.ThreadPool":                "mppool",
	"multiprocessing.dummy.Pool":                     "mppool",
}

// primitive is an anchor for a synchronisation object's construction.
type primitive struct{ hint, detail string }

var primitives = map[string]primitive{
	"threading.Lock":             {"mutual-exclusion lock", "`%s` lets one thread at a time into the code it guards; hold it with `with` so it is always released."},
	"threading.RLock":            {"reentrant lock", "`%s` lets one thread at a time into the code it guards, and the thread holding it may acquire it again."},
	"threading.Event":            {"flag threads wait on", "`%s` is a flag: threads block in `wait()` until another thread calls `set()`."},
	"threading.Condition":        {"wait for a condition", "`%s` lets threads sleep in `wait()` until another thread changes shared state and calls `notify()`."},
	"threading.Semaphore":        {"limits concurrent threads", "`%s` lets a fixed number of threads hold it at once; the rest block in `acquire()`."},
	"threading.BoundedSemaphore": {"limits concurrent threads", "`%s` lets a fixed number of threads hold it at once, and raises if it is released more often than acquired."},
	"threading.Barrier":          {"threads wait for each other", "`%s` blocks each thread in `wait()` until the given number of threads have arrived."},
	"threading.Timer":            {"new OS thread, delayed", "`%s` creates a thread that calls its function once the interval has passed, after `.start()`."},
	"queue.Queue":                {"thread-safe queue", "`%s` passes items between threads safely; `get()` blocks until an item is available."},
	"queue.LifoQueue":            {"thread-safe stack", "`%s` passes items between threads safely, last in first out; `get()` blocks until an item is available."},
	"queue.PriorityQueue":        {"thread-safe priority queue", "`%s` passes items between threads safely, lowest first; `get()` blocks until an item is available."},
	"queue.SimpleQueue":          {"thread-safe queue", "`%s` passes items between threads safely; `get()` blocks until an item is available."},
}

func visitCall(pass *analysis.Pass, call pyts.Node) {
	t := pass.Tree
	callee := calleeName(pass, call)
	fnText := t.Text(t.ChildByField(call, pyts.FFunction))
	switch {
	case callee == threadName:
		anchorThread(pass, call, fnText)
		checkTarget(pass, call, "thread")
		checkCPUThread(pass, call)
		return
	case callee == processName:
		checkTarget(pass, call, "process")
		return
	case executorKinds[callee] == "thread" && strings.HasPrefix(callee, "concurrent."):
		pass.Anchor(call, "threading", "thread pool",
			fmt.Sprintf("`%s(...)` runs submitted calls on a pool of worker threads; they share the GIL, so the pool speeds up waiting (I/O), not pure-Python computation.", fnText))
		return
	}
	if p, ok := primitives[callee]; ok {
		label := t.Text(call)
		if !pyts.FitsInline(label) {
			label = fnText + "(...)"
		}
		pass.Anchor(call, "threading", p.hint, fmt.Sprintf(p.detail, label))
		return
	}
	if callee == "" && isThreadSubclass(pass, t.ChildByField(call, pyts.FFunction)) {
		anchorThread(pass, call, fnText)
		return
	}
	fn := t.Unparen(t.ChildByField(call, pyts.FFunction))
	if !t.Is(fn, pyts.Attribute) {
		return
	}
	recv := t.Unparen(t.ChildByField(fn, pyts.FObject))
	method := t.Text(t.ChildByField(fn, pyts.FAttribute))
	switch method {
	case "start", "join":
		if isThread(pass, recv) {
			r := t.Text(recv)
			if method == "start" {
				pass.Anchor(call, "threading", "starts the thread",
					fmt.Sprintf("`%s.start()` starts thread `%s`: its target now runs alongside this code.", r, r))
			} else {
				pass.Anchor(call, "threading", "waits for the thread",
					fmt.Sprintf("`%s.join()` blocks here until thread `%s` has finished.", r, r))
			}
		}
	case "submit":
		switch executorKind(pass, recv) {
		case "thread":
			checkSubmitted(pass, call, recv, method)
			checkCPUPool(pass, call, recv, method)
		case "process":
			checkSubmitted(pass, call, recv, method)
		}
	case "apply_async", "apply":
		if executorKind(pass, recv) == "mppool" {
			checkSubmitted(pass, call, recv, method)
		}
	case "map":
		if executorKind(pass, recv) == "thread" {
			checkCPUPool(pass, call, recv, method)
		}
	}
}

func anchorThread(pass *analysis.Pass, call pyts.Node, fnText string) {
	t := pass.Tree
	target := targetArg(pass, call)
	if target != pyts.NoNode && t.Kind(t.Unparen(target)) != pyts.Call {
		pass.Anchor(call, "threading", "new OS thread",
			fmt.Sprintf("`%s(target=%s)` creates an OS thread that runs `%s` once `.start()` is called; it shares this process's memory and takes turns with the other threads for the GIL.", fnText, t.Text(target), t.Text(target)))
		return
	}
	pass.Anchor(call, "threading", "new OS thread",
		fmt.Sprintf("`%s(...)` creates an OS thread that runs once `.start()` is called; it shares this process's memory and takes turns with the other threads for the GIL.", fnText))
}

// calleeName is pass.Callee extended to multiprocessing contexts:
// `mp.get_context("spawn").Process` and `ctx.Process` with
// `ctx = mp.get_context(...)` give "multiprocessing.Process".
func calleeName(pass *analysis.Pass, call pyts.Node) string {
	t := pass.Tree
	fn := t.Unparen(t.ChildByField(call, pyts.FFunction))
	if q := pass.Resolve(fn); q != "" {
		return q
	}
	if !t.Is(fn, pyts.Attribute) {
		return ""
	}
	obj := t.Unparen(t.ChildByField(fn, pyts.FObject))
	attr := t.Text(t.ChildByField(fn, pyts.FAttribute))
	if isContext(pass, obj) {
		return "multiprocessing." + attr
	}
	return ""
}

// isContext reports whether n is a multiprocessing context: a call of
// multiprocessing.get_context, or a name bound only to one.
func isContext(pass *analysis.Pass, n pyts.Node) bool {
	t := pass.Tree
	if t.Is(n, pyts.Call) {
		return pass.Callee(n) == "multiprocessing.get_context"
	}
	return pass.BoundToCall(n, "multiprocessing.get_context")
}

// executorKind returns the kind of pool n is known to be ("thread",
// "process", "mppool"), or "".
func executorKind(pass *analysis.Pass, n pyts.Node) string {
	t := pass.Tree
	vals, ok := pass.BoundValues(n)
	if !ok {
		return ""
	}
	kind := ""
	for _, v := range vals {
		if !t.Is(v, pyts.Call) {
			return ""
		}
		k := executorKinds[calleeName(pass, v)]
		if k == "" || (kind != "" && k != kind) {
			return ""
		}
		kind = k
	}
	return kind
}

// isThreadSubclass reports whether fn names a class of this file that
// subclasses threading.Thread directly.
func isThreadSubclass(pass *analysis.Pass, fn pyts.Node) bool {
	t := pass.Tree
	class := pass.LocalClass(t.Unparen(fn))
	if class == pyts.NoNode {
		return false
	}
	supers := t.ChildByField(class, pyts.FSuperclasses)
	if supers == pyts.NoNode {
		return false
	}
	for _, s := range t.NamedChildren(supers) {
		if pass.Resolve(s) == threadName {
			return true
		}
	}
	return false
}

// isThreadCall reports whether v constructs a thread.
func isThreadCall(pass *analysis.Pass, v pyts.Node) bool {
	t := pass.Tree
	if !t.Is(v, pyts.Call) {
		return false
	}
	return pass.Callee(v) == threadName || isThreadSubclass(pass, t.ChildByField(v, pyts.FFunction))
}

// isThreadList reports whether v is a list literal or comprehension of
// thread constructions.
func isThreadList(pass *analysis.Pass, v pyts.Node) bool {
	t := pass.Tree
	switch t.Kind(v) {
	case pyts.ListComprehension:
		return isThreadCall(pass, t.Unparen(t.ChildByField(v, pyts.FBody)))
	case pyts.List:
		elems := t.NamedChildren(v)
		for _, e := range elems {
			if !isThreadCall(pass, t.Unparen(e)) {
				return false
			}
		}
		return len(elems) > 0
	}
	return false
}

// isThread reports whether the expression n is known to be a thread: a name
// bound only to thread constructions, or the loop variable of a for loop
// over a name bound only to lists of them.
func isThread(pass *analysis.Pass, n pyts.Node) bool {
	t := pass.Tree
	if !t.Is(n, pyts.Identifier) {
		return false
	}
	if vals, ok := pass.BoundValues(n); ok {
		for _, v := range vals {
			if !isThreadCall(pass, v) {
				return false
			}
		}
		return true
	}
	_, bs := pass.Scope.Lookup(pass.Scope.ScopeOf(n), t.Text(n))
	if len(bs) == 0 {
		return false
	}
	for _, b := range bs {
		loop := t.Parent(b.Node)
		if b.Kind != scope.ForTarget || !t.Is(loop, pyts.ForStatement) || t.Field(b.Node) != pyts.FLeft {
			return false
		}
		lists, ok := pass.BoundValues(t.Unparen(t.ChildByField(loop, pyts.FRight)))
		if !ok {
			return false
		}
		for _, l := range lists {
			if !isThreadList(pass, l) {
				return false
			}
		}
	}
	return true
}

// targetArg returns the target of a Thread or Process construction:
// `target=...` or the second positional argument.
func targetArg(pass *analysis.Pass, call pyts.Node) pyts.Node {
	t := pass.Tree
	if v := t.KeywordArg(call, "target"); v != pyts.NoNode {
		return v
	}
	return t.PositionalArg(call, 1)
}

// checkTarget reports `Thread(target=f())` and `Process(target=f())` where
// f is a function of this file that returns no callable. what is "thread"
// or "process".
func checkTarget(pass *analysis.Pass, call pyts.Node, what string) {
	t := pass.Tree
	inner, name, none, ok := callNow(pass, targetArg(pass, call))
	if !ok {
		return
	}
	where := "the calling thread"
	if what == "process" {
		where = "the parent process"
	}
	use := fmt.Sprintf("pass the function itself: `target=%s`", name)
	if !emptyArgs(t, inner) {
		use = fmt.Sprintf("pass the function and its arguments separately: `target=%s, args=(...)`", name)
	}
	msg := fmt.Sprintf("`target=%s` calls `%s` now, in %s, and hands the %s its return value%s instead, so the %s runs nothing; %s",
		t.Text(inner), name, where, what, noneNote(none), what, use)
	report(pass, inner, msg, name)
}

// checkSubmitted reports `ex.submit(f())` and `pool.apply_async(f())` where
// f is a function of this file that returns no callable.
func checkSubmitted(pass *analysis.Pass, call, recv pyts.Node, method string) {
	t := pass.Tree
	inner, name, none, ok := callNow(pass, t.PositionalArg(call, 0))
	if !ok {
		return
	}
	r := t.Text(recv)
	use := fmt.Sprintf("pass the function itself: `%s.%s(%s)`", r, method, name)
	if !emptyArgs(t, inner) {
		use = fmt.Sprintf("pass the function and its arguments separately: `%s.%s(%s, ...)`", r, method, name)
	}
	msg := fmt.Sprintf("`%s.%s(%s)` runs `%s` now, in the caller, and submits its return value%s, which the pool cannot call; %s",
		r, method, t.Text(inner), name, noneNote(none), use)
	report(pass, inner, msg, name)
}

// callNow reports whether arg, an argument meant to be a function, calls
// one instead: a def of this file that returns no callable (see
// returnsNoCallable). It returns the call without parentheses, its
// function's text, and whether the def always returns None.
func callNow(pass *analysis.Pass, arg pyts.Node) (inner pyts.Node, name string, none, ok bool) {
	t := pass.Tree
	inner = t.Unparen(arg)
	if !t.Is(inner, pyts.Call) {
		return pyts.NoNode, "", false, false
	}
	none, ok = returnsNoCallable(pass, pass.CalledDef(inner))
	if !ok {
		return pyts.NoNode, "", false, false
	}
	return inner, t.Text(t.ChildByField(inner, pyts.FFunction)), none, true
}

func noneNote(none bool) string {
	if none {
		return " (None)"
	}
	return ""
}

// report reports thread-target-called on the inner call, with a fix that
// drops its empty parentheses.
func report(pass *analysis.Pass, inner pyts.Node, msg, name string) {
	t := pass.Tree
	if !emptyArgs(t, inner) {
		pass.Reportf(inner, "thread-target-called", "%s", msg)
		return
	}
	pass.ReportFix(inner, "thread-target-called", msg, analysis.Fix{
		Message: fmt.Sprintf("Pass `%s` instead of calling it", name),
		Edits:   []analysis.TextEdit{pass.Edit(t.ChildByField(inner, pyts.FArguments), "")},
	})
}

// emptyArgs reports whether call's argument list is exactly `()`.
func emptyArgs(t *pyts.Tree, call pyts.Node) bool {
	a := t.Arguments(call)
	return a != pyts.NoNode && len(t.Children(a)) == 2
}

// returnsNoCallable reports whether calling def certainly runs its body and
// returns something that is not callable: a plain, undecorated, non-async,
// non-generator def whose returns are all bare, None or literal-like values.
// none reports that it always returns None.
func returnsNoCallable(pass *analysis.Pass, def pyts.Node) (none, ok bool) {
	t := pass.Tree
	if !plainDef(pass, def) {
		return false, false
	}
	none, ok = true, true
	t.WalkSkippingDefs(t.ChildByField(def, pyts.FBody), func(n pyts.Node) bool {
		if !t.Is(n, pyts.ReturnStatement) {
			return true
		}
		v := t.NamedChild(n, 0)
		if v != pyts.NoNode && !t.Is(v, pyts.None) {
			if !plainValue(t, v) {
				ok = false
				return false
			}
			none = false
		}
		return true
	})
	if !ok {
		return false, false
	}
	return none, true
}

// plainDef reports whether def is a function_definition that is neither
// async, decorated nor a generator: calling it runs its body.
func plainDef(pass *analysis.Pass, def pyts.Node) bool {
	t := pass.Tree
	if !t.Is(def, pyts.FunctionDefinition) || t.Is(t.FirstChild(def), pyts.KwAsync) || t.Is(t.Parent(def), pyts.DecoratedDefinition) {
		return false
	}
	s := pass.Scope.ScopeAt(def)
	return s >= 0 && !pass.Scope.Scope(s).Yields
}

// plainValue reports whether a returned expression is certainly not callable.
func plainValue(t *pyts.Tree, v pyts.Node) bool {
	switch t.Kind(t.Unparen(v)) {
	case pyts.Integer, pyts.Float, pyts.String, pyts.ConcatenatedString, pyts.True, pyts.False, pyts.None,
		pyts.List, pyts.Tuple, pyts.Dictionary, pyts.Set, pyts.ListComprehension, pyts.DictionaryComprehension,
		pyts.SetComprehension, pyts.ComparisonOperator, pyts.NotOperator, pyts.BinaryOperator, pyts.UnaryOperator:
		return true
	}
	return false
}

// moduleFunction returns the module-level def an identifier refers to, or
// NoNode (a local name shadows it; a name bound twice is unknown).
func moduleFunction(pass *analysis.Pass, id pyts.Node) pyts.Node {
	t := pass.Tree
	if !t.Is(id, pyts.Identifier) {
		return pyts.NoNode
	}
	if s, _ := pass.Scope.Lookup(pass.Scope.ScopeOf(id), t.Text(id)); s != 0 {
		return pyts.NoNode
	}
	return pass.Scope.ModuleFunction(t.Text(id))
}

// checkCPUThread reports Thread(target=f) where f is CPU-bound and several
// such threads are started.
func checkCPUThread(pass *analysis.Pass, call pyts.Node) {
	t := pass.Tree
	target := t.Unparen(targetArg(pass, call))
	def := moduleFunction(pass, target)
	if def == pyts.NoNode || !cpuBound(pass, def) {
		return
	}
	name := t.Text(target)
	same := func(c pyts.Node) bool {
		if calleeName(pass, c) != threadName {
			return false
		}
		tg := t.Unparen(targetArg(pass, c))
		return t.Is(tg, pyts.Identifier) && t.TextIs(tg, name)
	}
	if !repeated(pass, call, same) {
		return
	}
	reportCPU(pass, call, name, "these threads take turns")
}

// checkCPUPool reports ex.submit(f, ...) / ex.map(f, ...) on a
// ThreadPoolExecutor where f is CPU-bound.
func checkCPUPool(pass *analysis.Pass, call, recv pyts.Node, method string) {
	t := pass.Tree
	fnArg := t.Unparen(t.PositionalArg(call, 0))
	def := moduleFunction(pass, fnArg)
	if def == pyts.NoNode || !cpuBound(pass, def) || singleWorker(pass, recv) {
		return
	}
	name := t.Text(fnArg)
	if method == "submit" {
		r := t.Text(recv)
		same := func(c pyts.Node) bool {
			fn := t.Unparen(t.ChildByField(c, pyts.FFunction))
			if !t.Is(fn, pyts.Attribute) || !t.TextIs(t.ChildByField(fn, pyts.FAttribute), "submit") || !t.TextIs(t.ChildByField(fn, pyts.FObject), r) {
				return false
			}
			a := t.Unparen(t.PositionalArg(c, 0))
			return t.Is(a, pyts.Identifier) && t.TextIs(a, name)
		}
		if !repeated(pass, call, same) {
			return
		}
	}
	reportCPU(pass, call, name, "the pool's threads take turns")
}

func reportCPU(pass *analysis.Pass, call pyts.Node, name, who string) {
	pass.Anchor(call, "gil", "GIL: one thread at a time",
		fmt.Sprintf("`%s` loops over pure-Python arithmetic, so the threads running it hold the GIL in turn and never compute at the same moment.", name))
	pass.Reportf(call, "cpu-bound-thread",
		"`%s` is pure-Python computation: the GIL lets only one thread run Python bytecode at a time, so %s instead of running in parallel; use processes (`ProcessPoolExecutor`, `multiprocessing`), NumPy, or a free-threaded build",
		name, who)
}

// singleWorker reports whether the pool recv was built with max_workers=1.
func singleWorker(pass *analysis.Pass, recv pyts.Node) bool {
	t := pass.Tree
	vals, _ := pass.BoundValues(recv)
	for _, v := range vals {
		w := t.KeywordArg(v, "max_workers")
		if w == pyts.NoNode {
			w = t.PositionalArg(v, 0)
		}
		if w != pyts.NoNode && t.TextIs(w, "1") {
			return true
		}
	}
	return false
}

// repeated reports whether call runs more than once: it sits in a loop or
// comprehension of its function, or a sibling list element or statement of
// its block makes a call for which same holds.
func repeated(pass *analysis.Pass, call pyts.Node, same func(pyts.Node) bool) bool {
	t := pass.Tree
	stmt := call
outer:
	for p := t.Parent(call); p != pyts.NoNode; p = t.Parent(p) {
		switch t.Kind(p) {
		case pyts.ForStatement, pyts.WhileStatement, pyts.ListComprehension, pyts.SetComprehension,
			pyts.DictionaryComprehension, pyts.GeneratorExpression:
			return true
		case pyts.FunctionDefinition, pyts.Lambda, pyts.ClassDefinition:
			break outer
		case pyts.List, pyts.Tuple:
			if p == t.Parent(call) {
				for _, e := range t.NamedChildren(p) {
					if e != call && t.Is(t.Unparen(e), pyts.Call) && same(t.Unparen(e)) {
						return true
					}
				}
			}
		}
		if pp := t.Parent(p); stmt == call && pp != pyts.NoNode && (t.Is(pp, pyts.Block) || t.Is(pp, pyts.Module)) {
			stmt = p
		}
	}
	if stmt == call {
		return false
	}
	for _, s := range t.NamedChildren(t.Parent(stmt)) {
		if s == stmt || !t.Is(s, pyts.ExpressionStatement) {
			continue
		}
		e := t.NamedChild(s, 0)
		for t.Is(e, pyts.Assignment) {
			e = t.ChildByField(e, pyts.FRight)
		}
		if e = t.Unparen(e); t.Is(e, pyts.Call) && same(e) {
			return true
		}
	}
	return false
}

// cpuBound reports whether def, a module-level function, is pure-Python
// number crunching: its body loops over arithmetic and makes no call that is
// not clearly pure (see purity.call).
// The functions def calls are checked from a work list, not by recursion:
// a chain of calls as long as the file costs no stack. The answer is kept
// per def, since several threads may run the same target.
func cpuBound(pass *analysis.Pass, def pyts.Node) bool {
	type key struct{ def pyts.Node }
	return analysis.Memo(pass, key{def}, func() bool {
		p := &purity{pass: pass, seen: map[pyts.Node]bool{def: true}}
		arith, ok := p.check(def)
		for ok && len(p.pending) > 0 {
			next := p.pending[len(p.pending)-1]
			p.pending = p.pending[:len(p.pending)-1]
			_, ok = p.check(next)
		}
		return ok && arith
	})
}

type purity struct {
	pass *analysis.Pass
	seen map[pyts.Node]bool
	// pending are module functions called by the code checked so far that
	// are still to be checked: def is pure only if they all are.
	pending []pyts.Node
}

// check reports whether def's body is pure (ok) and whether it loops over
// arithmetic.
func (p *purity) check(def pyts.Node) (arith, ok bool) {
	t := p.pass.Tree
	if !plainDef(p.pass, def) {
		return false, false
	}
	body := t.ChildByField(def, pyts.FBody)
	for n := body; n < t.SubtreeEnd(body); n++ {
		switch t.Kind(n) {
		case pyts.FunctionDefinition, pyts.ClassDefinition, pyts.WithStatement, pyts.ImportStatement,
			pyts.ImportFromStatement, pyts.FutureImportStatement, pyts.Await, pyts.Yield,
			pyts.GlobalStatement, pyts.NonlocalStatement, pyts.PrintStatement, pyts.ExecStatement:
			// Nested code, resources, imports and shared state: not clearly
			// pure computation.
			return false, false
		case pyts.Call:
			if !p.call(n) {
				return false, false
			}
		case pyts.ForStatement, pyts.ForInClause:
			// Iterating an imported object (sys.stdin, a module-level
			// socket) may read input.
			if q := p.pass.Resolve(t.ChildByField(n, pyts.FRight)); q != "" && !strings.HasPrefix(q, "builtins.") {
				return false, false
			}
		case pyts.BinaryOperator:
			if arithOps[t.Text(t.ChildByField(n, pyts.FOperator))] && numeric(t, n) && inLoop(t, n, def) {
				arith = true
			}
		case pyts.AugmentedAssignment:
			op := strings.TrimSuffix(t.Text(t.ChildByField(n, pyts.FOperator)), "=")
			if arithOps[op] && numeric(t, n) && inLoop(t, n, def) {
				arith = true
			}
		}
	}
	return arith, true
}

var arithOps = map[string]bool{"+": true, "-": true, "*": true, "/": true, "//": true, "%": true, "**": true,
	"<<": true, ">>": true, "&": true, "|": true, "^": true}

// numeric reports whether neither operand of a binary operator or augmented
// assignment is a string or container literal (formatting, concatenation).
func numeric(t *pyts.Tree, n pyts.Node) bool {
	for _, f := range []pyts.Field{pyts.FLeft, pyts.FRight} {
		switch t.Kind(t.Unparen(t.ChildByField(n, f))) {
		case pyts.String, pyts.ConcatenatedString, pyts.List, pyts.Tuple, pyts.Dictionary, pyts.Set,
			pyts.ListComprehension, pyts.SetComprehension, pyts.DictionaryComprehension:
			return false
		}
	}
	return true
}

// inLoop reports whether n sits in a loop or comprehension inside def.
func inLoop(t *pyts.Tree, n, def pyts.Node) bool {
	for p := t.Parent(n); p != def && p != pyts.NoNode; p = t.Parent(p) {
		switch t.Kind(p) {
		case pyts.ForStatement, pyts.WhileStatement, pyts.ListComprehension, pyts.SetComprehension,
			pyts.DictionaryComprehension, pyts.GeneratorExpression:
			return true
		}
	}
	return false
}

// pureBuiltins are builtins that compute without I/O or blocking.
var pureBuiltins = map[string]bool{
	"abs": true, "all": true, "any": true, "bin": true, "bool": true, "chr": true, "complex": true,
	"divmod": true, "enumerate": true, "float": true, "frozenset": true, "hex": true, "int": true,
	"isinstance": true, "len": true, "list": true, "max": true, "min": true, "oct": true, "ord": true,
	"pow": true, "range": true, "reversed": true, "round": true, "set": true, "sorted": true,
	"sum": true, "tuple": true, "zip": true, "dict": true,
}

// containerMethods are methods of list, dict and set that only compute.
var containerMethods = map[string]bool{
	"append": true, "extend": true, "insert": true, "pop": true, "add": true, "update": true,
	"get": true, "setdefault": true, "items": true, "keys": true, "values": true, "copy": true,
	"count": true, "index": true, "sort": true, "reverse": true, "remove": true, "discard": true,
	"clear": true,
}

// call reports whether a call is clearly pure: a pure builtin, a math
// function, a module function of this file (pure if it is: call queues it
// in p.pending), or a container method on a local list, dict or set. Arguments that name functions or imported
// objects make it impure (they may be called: `max(xs, key=fetch)`).
func (p *purity) call(call pyts.Node) bool {
	pass := p.pass
	t := pass.Tree
	in := pass.Scope
	if a := t.Arguments(call); a != pyts.NoNode {
		for _, c := range t.NamedChildren(a) {
			if t.Is(c, pyts.KeywordArgument) {
				c = t.ChildByField(c, pyts.FValue)
			}
			if !inertArg(pass, t.Unparen(c)) {
				return false
			}
		}
	}
	fn := t.Unparen(t.ChildByField(call, pyts.FFunction))
	if q := pass.Resolve(fn); q != "" {
		if name, ok := strings.CutPrefix(q, "builtins."); ok {
			return pureBuiltins[name]
		}
		return strings.HasPrefix(q, "math.")
	}
	switch t.Kind(fn) {
	case pyts.Identifier:
		def := moduleFunction(pass, fn)
		if def == pyts.NoNode {
			return false
		}
		if !p.seen[def] {
			p.seen[def] = true
			p.pending = append(p.pending, def)
		}
		return true // if def is: see cpuBound
	case pyts.Attribute:
		obj := t.Unparen(t.ChildByField(fn, pyts.FObject))
		if !containerMethods[t.Text(t.ChildByField(fn, pyts.FAttribute))] || !t.Is(obj, pyts.Identifier) {
			return false
		}
		s, _ := in.Lookup(in.ScopeOf(obj), t.Text(obj))
		if s < 0 || s != in.FunctionScope(call) {
			return false
		}
		vals, ok := pass.BoundValues(obj)
		if !ok {
			return false
		}
		for _, v := range vals {
			switch t.Kind(v) {
			case pyts.List, pyts.Dictionary, pyts.Set, pyts.ListComprehension, pyts.DictionaryComprehension, pyts.SetComprehension:
			case pyts.Call:
				if c := pass.Callee(v); c != "builtins.list" && c != "builtins.dict" && c != "builtins.set" {
					return false
				}
			default:
				return false
			}
		}
		return true
	}
	return false
}

// inertArg reports whether a call argument cannot smuggle in a call: it is
// not a name bound to a function, class or import, nor an imported object
// other than a math constant.
func inertArg(pass *analysis.Pass, a pyts.Node) bool {
	t := pass.Tree
	switch t.Kind(a) {
	case pyts.Identifier:
		if q := pass.Resolve(a); q != "" {
			name, builtin := strings.CutPrefix(q, "builtins.")
			return builtin && pureBuiltins[name] || builtin && !callableBuiltin(name)
		}
		_, bs := pass.Scope.Lookup(pass.Scope.ScopeOf(a), t.Text(a))
		for _, b := range bs {
			if b.Kind == scope.FunctionDef || b.Kind == scope.ClassDef || b.Kind == scope.Import {
				return false
			}
		}
	case pyts.Attribute:
		if q := pass.Resolve(a); q != "" && !strings.HasPrefix(q, "math.") {
			return false
		}
	case pyts.DictionarySplat, pyts.ListSplat:
		return true
	}
	return true
}

// callableBuiltin reports whether an unlisted builtin name is a function
// (print, open, ...) rather than a constant such as None or True.
func callableBuiltin(name string) bool {
	switch name {
	case "None", "True", "False", "Ellipsis", "NotImplemented", "__debug__", "__name__", "__file__", "__doc__":
		return false
	}
	return true
}
