package asyncio

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/pyts"
)

//go:embed doc.go
var doc string

// Analyzer is the asyncio analyzer.
var Analyzer = &analysis.Analyzer{
	Name:     "asyncio",
	Doc:      analysis.MustExtractDoc(doc, "asyncio"),
	Concepts: []string{"asyncio"},
	Rules: []analysis.Rule{
		{Name: "blocking-call-in-async", Concept: "asyncio"},
		{Name: "unawaited-coroutine", Concept: "asyncio"},
		{Name: "dangling-task", Concept: "asyncio"},
	},
	Kinds: []pyts.Kind{pyts.ImportStatement, pyts.ImportFromStatement, pyts.FunctionDefinition, pyts.Await,
		pyts.WithStatement, pyts.ForStatement, pyts.ForInClause, pyts.Call},
	Applies: func(pass *analysis.Pass) bool {
		return pass.Scope.AnyAsync() || pass.Scope.Imports("asyncio")
	},
	Visit: visit,
}

func visit(pass *analysis.Pass, n pyts.Node) {
	t := pass.Tree
	switch t.Kind(n) {
	case pyts.ImportStatement, pyts.ImportFromStatement:
		visitImport(pass, n)
	case pyts.FunctionDefinition:
		visitDef(pass, n)
	case pyts.Await:
		visitAwait(pass, n)
	case pyts.WithStatement, pyts.ForStatement, pyts.ForInClause:
		visitAsyncKeyword(pass, n)
	case pyts.Call:
		visitCall(pass, n)
	}
}

// visitImport anchors `import asyncio` and its from-imports on the module
// name.
func visitImport(pass *analysis.Pass, stmt pyts.Node) {
	pass.AnchorModuleImports(stmt, "asyncio", "asyncio", "event loop",
		"`asyncio` runs many coroutines concurrently in one thread: each `await` hands control back to the event loop, which resumes whichever task is ready.")
}

// visitDef anchors the header of an async def, from `async` to the name.
func visitDef(pass *analysis.Pass, def pyts.Node) {
	t := pass.Tree
	if !t.Is(t.FirstChild(def), pyts.KwAsync) {
		return
	}
	name := t.ChildByField(def, pyts.FName)
	if name == pyts.NoNode {
		return
	}
	r := pass.DefHeader(def)
	n := t.Text(name)
	if s := pass.Scope.ScopeAt(def); s >= 0 && pass.Scope.Scope(s).Yields {
		pass.AnchorRange(r, "asyncio", "async generator",
			fmt.Sprintf("`async def %s` contains `yield`, so calling `%s(...)` returns an async iterator to consume with `async for`.", n, n))
		return
	}
	pass.AnchorRange(r, "asyncio", "coroutine function",
		fmt.Sprintf("`async def %s` defines a coroutine function: calling `%s(...)` only creates a coroutine object, and its body runs when it is awaited or scheduled as a task.", n, n))
}

// visitAwait anchors the await keyword.
func visitAwait(pass *analysis.Pass, aw pyts.Node) {
	t := pass.Tree
	kw := t.FirstChild(aw)
	if !t.Is(kw, pyts.KwAwait) {
		return
	}
	what := "the awaited value"
	if e := t.NamedChild(aw, 0); e != pyts.NoNode {
		what = code(t, e)
	}
	who := "this coroutine"
	if s := pass.Scope.FunctionScope(aw); s >= 0 && t.Is(pass.Scope.Scope(s).Node, pyts.FunctionDefinition) {
		who = "`" + t.Text(t.ChildByField(pass.Scope.Scope(s).Node, pyts.FName)) + "`"
	}
	pass.Anchor(kw, "asyncio", "yields to the event loop",
		fmt.Sprintf("`await` suspends %s until %s is ready; meanwhile the event loop runs other tasks.", who, what))
}

// code returns n's text as inline code, or a neutral phrase when it is long.
func code(t *pyts.Tree, n pyts.Node) string {
	s := t.Text(n)
	if !pyts.FitsInline(s) {
		if t.Is(n, pyts.Call) {
			if f := t.Text(t.ChildByField(n, pyts.FFunction)); pyts.FitsInline(f) {
				return "`" + f + "(...)`"
			}
		}
		return "the awaited value"
	}
	return "`" + s + "`"
}

// visitAsyncKeyword anchors `async with`, `async for` and async
// comprehension clauses, from `async` to the following keyword.
func visitAsyncKeyword(pass *analysis.Pass, n pyts.Node) {
	t := pass.Tree
	kw := t.FirstChild(n)
	if !t.Is(kw, pyts.KwAsync) {
		return
	}
	next := t.NextSibling(kw)
	if next == pyts.NoNode {
		return
	}
	r := analysis.Range{Start: t.Start(kw), End: t.End(next)}
	if t.Kind(n) == pyts.WithStatement {
		what := "`async with`"
		if c := t.ChildOfKind(n, pyts.WithClause); c != pyts.NoNode && pyts.FitsInline(t.Text(c)) {
			what = "`async with " + t.Text(c) + "`"
		}
		pass.AnchorRange(r, "asyncio", "async context manager",
			what+" awaits the context manager's `__aenter__` and `__aexit__`, so entering and leaving the block can yield to the event loop.")
		return
	}
	what := "`async for`"
	left, right := t.ChildByField(n, pyts.FLeft), t.ChildByField(n, pyts.FRight)
	if left != pyts.NoNode && right != pyts.NoNode && pyts.FitsInline(t.Text(left)+t.Text(right)) {
		what = "`async for " + t.Text(left) + " in " + t.Text(right) + "`"
	}
	pass.AnchorRange(r, "asyncio", "async iteration",
		what+" awaits each item from an async iterator (`__anext__`), so the loop can yield to the event loop between items.")
}

// callAnchors are the asyncio entry points anchored on every call.
var callAnchors = map[string][2]string{
	"asyncio.run":           {"starts the event loop", "`%s` creates an event loop, runs the coroutine until it finishes, then closes the loop."},
	"asyncio.gather":        {"runs concurrently", "`%s` runs the given awaitables concurrently and, when awaited, returns their results in order."},
	"asyncio.create_task":   {"schedules a task", "`%s` wraps the coroutine in a Task that starts running at the next `await`; keep a reference to it until it is done."},
	"asyncio.ensure_future": {"schedules a task", "`%s` wraps the coroutine in a Task that starts running at the next `await`; keep a reference to it until it is done."},
	"asyncio.TaskGroup":     {"waits for its tasks", "`%s` keeps every task created with its `create_task` and waits for all of them when the `async with` block ends, cancelling the rest if one fails."},
	"asyncio.to_thread":     {"runs in a worker thread", "`%s` runs a blocking function in a worker thread so the event loop keeps running; await it for the result."},
}

func visitCall(pass *analysis.Pass, call pyts.Node) {
	t := pass.Tree
	callee := pass.Callee(call)
	fn := t.Unparen(t.ChildByField(call, pyts.FFunction))
	label := t.Text(fn) + "(...)"
	if a, ok := callAnchors[callee]; ok {
		pass.Anchor(call, "asyncio", a[0], fmt.Sprintf(a[1], strings.Trim(code(t, call), "`")))
	}
	if t.Is(fn, pyts.Attribute) && t.TextIs(t.ChildByField(fn, pyts.FAttribute), "create_task") {
		if g := t.Unparen(t.ChildByField(fn, pyts.FObject)); pass.BoundToCall(g, "asyncio.TaskGroup") {
			pass.Anchor(call, "asyncio", "task held by group",
				fmt.Sprintf("`%s` schedules a task that the task group `%s` keeps and waits for when its `async with` block ends.", label, t.Text(g)))
		}
	}
	if otherLoop(pass) {
		// trio, curio and anyio run their own loops: the advice below
		// (asyncio.sleep, create_task) would be wrong there.
		return
	}
	if s := pass.Scope.FunctionScope(call); s >= 0 && pass.Scope.Scope(s).Async {
		checkBlocking(pass, call, callee, s)
	}
	if !bareStatement(t, call) || expectsFailure(pass, call) {
		return
	}
	// ensure_future returns a future or task it is given unchanged; only a
	// call (a coroutine) certainly makes a new task.
	ensure := callee == "asyncio.ensure_future" && t.Is(t.Unparen(t.PositionalArg(call, 0)), pyts.Call)
	if callee == "asyncio.create_task" || ensure || loopCreateTask(pass, fn) {
		pass.Reportf(call, "dangling-task",
			"the task from `%s` is dropped at once: the event loop keeps only a weak reference to tasks, so it can be garbage-collected before it finishes and its exceptions go unseen; keep a reference (add it to a set, discard it in a done-callback) or use `asyncio.TaskGroup`",
			label)
		return
	}
	if def := coroutineDef(pass, call); def != pyts.NoNode {
		name := t.Text(t.ChildByField(def, pyts.FName))
		way := "add `await`, or schedule it with `asyncio.create_task()` and keep the task"
		if s := pass.Scope.FunctionScope(call); s < 0 || !pass.Scope.Scope(s).Async {
			way = "run it with `asyncio.run(...)` from synchronous code, or make this function async and `await` it"
		}
		pass.Reportf(call, "unawaited-coroutine",
			"`%s` only creates a coroutine and discards it: the body of `%s` never runs, and Python merely warns that it was never awaited; %s",
			label, name, way)
	}
}

// otherLoop reports whether the file uses an async library other than
// asyncio.
func otherLoop(pass *analysis.Pass) bool {
	return pass.Scope.Imports("trio") || pass.Scope.Imports("curio") || pass.Scope.Imports("anyio")
}

// expectsFailure reports whether n sits in a with block that expects an
// error or a warning (`self.assertRaises(...)`, `self.assertWarns(...)`,
// `pytest.raises(...)`, `pytest.warns(...)`, `check_warnings(...)`): tests
// there create and drop coroutines on purpose.
func expectsFailure(pass *analysis.Pass, n pyts.Node) bool {
	t := pass.Tree
	for p := t.Parent(n); p != pyts.NoNode; p = t.Parent(p) {
		switch t.Kind(p) {
		case pyts.FunctionDefinition, pyts.Lambda, pyts.ClassDefinition:
			return false
		case pyts.WithStatement:
			clause := t.ChildOfKind(p, pyts.WithClause)
			if clause == pyts.NoNode {
				continue
			}
			for _, item := range t.NamedChildren(clause) {
				v, _ := t.SplitAs(t.ChildByField(item, pyts.FValue))
				if v = t.Unparen(v); !t.Is(v, pyts.Call) {
					continue
				}
				f := t.Unparen(t.ChildByField(v, pyts.FFunction))
				if t.Is(f, pyts.Attribute) {
					f = t.ChildByField(f, pyts.FAttribute)
				}
				name := t.Text(f)
				if strings.HasPrefix(name, "assertRaises") || strings.HasPrefix(name, "assertWarns") ||
					name == "raises" || name == "warns" || name == "check_warnings" {
					return true
				}
			}
		}
	}
	return false
}

// bareStatement reports whether call is the whole of an expression
// statement, so its value is discarded.
func bareStatement(t *pyts.Tree, call pyts.Node) bool {
	_, p := t.OuterParens(call)
	return t.Is(p, pyts.ExpressionStatement) && len(t.NamedChildren(p)) == 1
}

// loopCreateTask reports whether fn is `loop.create_task` on an event loop
// obtained from asyncio in this function (or directly:
// `asyncio.get_running_loop().create_task`).
func loopCreateTask(pass *analysis.Pass, fn pyts.Node) bool {
	t := pass.Tree
	if !t.Is(fn, pyts.Attribute) || !t.TextIs(t.ChildByField(fn, pyts.FAttribute), "create_task") {
		return false
	}
	obj := t.Unparen(t.ChildByField(fn, pyts.FObject))
	if t.Is(obj, pyts.Call) {
		return loopGetters[pass.Callee(obj)]
	}
	s, _ := pass.Scope.Lookup(pass.Scope.ScopeOf(obj), t.Text(obj))
	if s < 0 || s != pass.Scope.ScopeOf(obj) {
		return false
	}
	for _, g := range []string{"asyncio.get_event_loop", "asyncio.get_running_loop", "asyncio.new_event_loop"} {
		if pass.BoundToCall(obj, g) {
			return true
		}
	}
	return false
}

var loopGetters = map[string]bool{"asyncio.get_event_loop": true, "asyncio.get_running_loop": true, "asyncio.new_event_loop": true}

// blocking maps blocking functions to the way out.
var blocking = map[string]string{
	"time.sleep":               "use `await asyncio.sleep(...)`",
	"urllib.request.urlopen":   "run it in a thread with `await asyncio.to_thread(urllib.request.urlopen, ...)` or use an async HTTP client",
	"subprocess.run":           "use `await asyncio.create_subprocess_exec(...)`",
	"subprocess.call":          "use `await asyncio.create_subprocess_exec(...)`",
	"subprocess.check_call":    "use `await asyncio.create_subprocess_exec(...)`",
	"subprocess.check_output":  "use `await asyncio.create_subprocess_exec(...)`",
	"socket.create_connection": "use `await asyncio.open_connection(...)`",
	"requests.request":         requestsWayOut,
	"requests.get":             requestsWayOut,
	"requests.post":            requestsWayOut,
	"requests.put":             requestsWayOut,
	"requests.delete":          requestsWayOut,
	"requests.patch":           requestsWayOut,
	"requests.head":            requestsWayOut,
	"requests.options":         requestsWayOut,
}

const requestsWayOut = "use an async HTTP client (`httpx.AsyncClient`, `aiohttp`) or `await asyncio.to_thread(...)`"

var requestMethods = map[string]bool{"request": true, "get": true, "post": true, "put": true, "delete": true, "patch": true, "head": true, "options": true}

var sessionMakers = []string{"requests.Session", "requests.session", "requests.sessions.Session"}

var socketMakers = []string{"socket.socket", "socket.create_connection"}

var socketMethods = map[string]bool{"recv": true, "recv_into": true, "recvfrom": true, "recvfrom_into": true,
	"send": true, "sendall": true, "sendto": true, "accept": true, "connect": true}

// checkBlocking reports a blocking call made directly in the async def of
// scope s.
func checkBlocking(pass *analysis.Pass, call pyts.Node, callee string, s int) {
	t := pass.Tree
	fn := t.Unparen(t.ChildByField(call, pyts.FFunction))
	way, ok := blocking[callee]
	if !ok && callee == "" && t.Is(fn, pyts.Attribute) {
		obj := t.Unparen(t.ChildByField(fn, pyts.FObject))
		method := t.Text(t.ChildByField(fn, pyts.FAttribute))
		switch {
		case requestMethods[method] && pass.BoundToCall(obj, sessionMakers...):
			way, ok = requestsWayOut, true
		case socketMethods[method] && blockingSocket(pass, obj, s):
			way, ok = "use `asyncio.open_connection()` streams or the loop's `sock_*` methods", true
		}
	}
	if !ok {
		return
	}
	def := pass.Scope.Scope(s).Node
	pass.Reportf(call, "blocking-call-in-async",
		"`%s(...)` blocks the event loop inside `async def %s`: no other task runs until it returns; %s",
		t.Text(fn), t.Text(t.ChildByField(def, pyts.FName)), way)
}

// blockingSocket reports whether obj names a socket created in the async
// def of scope s and never switched to non-blocking mode there.
func blockingSocket(pass *analysis.Pass, obj pyts.Node, s int) bool {
	t := pass.Tree
	if !t.Is(obj, pyts.Identifier) {
		return false
	}
	if bs, _ := pass.Scope.Lookup(pass.Scope.ScopeOf(obj), t.Text(obj)); bs != s {
		return false
	}
	if !pass.BoundToCall(obj, socketMakers...) {
		return false
	}
	def := pass.Scope.Scope(s).Node
	name := t.Text(obj)
	for n := def; n < t.SubtreeEnd(def); n++ {
		if !t.Is(n, pyts.Attribute) {
			continue
		}
		a := t.ChildByField(n, pyts.FAttribute)
		if (t.TextIs(a, "setblocking") || t.TextIs(a, "settimeout")) && t.TextIs(t.Unparen(t.ChildByField(n, pyts.FObject)), name) {
			return false
		}
	}
	return true
}

// coroutineDef returns the coroutine function a call invokes, when it is
// defined in this file: `f()` for a name bound only by an async def, or
// `self.m()` inside a method of the class that defines m once as an async
// def. Async generators and decorated defs (a decorator may return anything)
// are left out. Otherwise NoNode.
func coroutineDef(pass *analysis.Pass, call pyts.Node) pyts.Node {
	t := pass.Tree
	in := pass.Scope
	def := pass.CalledDef(call)
	if def == pyts.NoNode || !t.Is(t.FirstChild(def), pyts.KwAsync) || t.Is(t.Parent(def), pyts.DecoratedDefinition) {
		return pyts.NoNode
	}
	if s := in.ScopeAt(def); s < 0 || in.Scope(s).Yields {
		return pyts.NoNode
	}
	return def
}
