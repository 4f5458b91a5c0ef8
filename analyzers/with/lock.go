package with

// This file defines the lock-without-with rule.

import (
	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/pyts"
	"github.com/pyhint/pyhint/analyzers/scope"
)

// lockCtors are the calls that create a lock-like object with acquire()
// and release().
var lockCtors = map[string]bool{}

func init() {
	for _, m := range []string{"threading", "multiprocessing", "asyncio"} {
		for _, c := range []string{"Lock", "RLock", "Semaphore", "BoundedSemaphore", "Condition"} {
			if m == "asyncio" && c == "RLock" {
				continue
			}
			lockCtors[m+"."+c] = true
		}
	}
	lockCtors["_thread.allocate_lock"] = true
	lockCtors["_thread.RLock"] = true
}

// checkAcquire reports the critical-section shape whose release an
// exception skips: `lock.acquire()` as a statement (or the condition of an
// if) followed in the same block by statements and then `lock.release()`,
// with no release of the lock in a finally or except clause of the function.
//
//	lock.acquire()
//	items.append(item)   # raises: the lock stays held
//	lock.release()
//
// Other shapes are left alone: an acquire with no release in the function
// hands the lock over (a method that acquires for its caller, __enter__),
// one whose release is elsewhere is usually a signal between threads, and
// `if lock.acquire(False): lock.release()` runs nothing that could raise.
func checkAcquire(pass *analysis.Pass, call pyts.Node) {
	t := pass.Tree
	fn := t.ChildByField(call, pyts.FFunction)
	if !t.Is(fn, pyts.Attribute) || !t.TextIs(t.ChildByField(fn, pyts.FAttribute), "acquire") {
		return
	}
	obj := t.Unparen(t.ChildByField(fn, pyts.FObject))
	key := pyts.Compact(t.Text(obj))
	v, p := t.OuterParens(call)
	if t.Is(p, pyts.Await) {
		v, p = t.OuterParens(p)
	}
	var first pyts.Node // the first statement of the critical section
	switch {
	case t.Is(p, pyts.ExpressionStatement):
		first = t.NextSibling(p)
	case t.Is(p, pyts.IfStatement) && t.Field(v) == pyts.FCondition:
		first = t.NamedChild(t.ChildByField(p, pyts.FConsequence), 0)
	default:
		return
	}
	work := false
	var release pyts.Node = pyts.NoNode
	for s := first; s != pyts.NoNode; s = t.NextSibling(s) {
		if isRelease(t, s, key) {
			release = s
			break
		}
		if isWork(t, s) {
			work = true
		}
	}
	if release == pyts.NoNode || !work || !isLock(pass, obj) {
		return
	}
	region := t.Root()
	if s := pass.Scope.FunctionScope(call); s >= 0 {
		region = pass.Scope.Scope(s).Node
	}
	end := t.SubtreeEnd(region)
	for d := region + 1; d < end; d++ {
		if k := t.Kind(d); k == pyts.FunctionDefinition || k == pyts.Lambda {
			// A lock the function shares with a nested function (a thread
			// target) is a signal between threads, not a critical section.
			if mentions(t, d, key) {
				return
			}
			d = t.SubtreeEnd(d) - 1
			continue
		}
		if t.Is(d, pyts.Call) && isReleaseCall(t, d, key) && inCleanup(t, d, region) {
			return
		}
	}
	pass.Reportf(call, "lock-without-with",
		"if anything between `%[1]s.acquire()` and `%[1]s.release()` raises, the release is skipped and `%[1]s` stays held, hanging every thread or task that waits for it; use `with %[1]s:` or release in a `finally`",
		key)
}

// isRelease reports whether statement s is `key.release()`.
func isRelease(t *pyts.Tree, s pyts.Node, key string) bool {
	if !t.Is(s, pyts.ExpressionStatement) {
		return false
	}
	c := t.Unparen(t.NamedChild(s, 0))
	return t.Is(c, pyts.Call) && isReleaseCall(t, c, key)
}

// isReleaseCall reports whether call is `key.release()`.
func isReleaseCall(t *pyts.Tree, call pyts.Node, key string) bool {
	f := t.ChildByField(call, pyts.FFunction)
	return t.Is(f, pyts.Attribute) && t.TextIs(t.ChildByField(f, pyts.FAttribute), "release") &&
		pyts.Compact(t.Text(t.Unparen(t.ChildByField(f, pyts.FObject)))) == key
}

// mentions reports whether n's subtree refers to the expression key (a name
// or a dotted name such as self._lock).
func mentions(t *pyts.Tree, n pyts.Node, key string) bool {
	end := t.SubtreeEnd(n)
	for d := n; d < end; d++ {
		if (t.Is(d, pyts.Identifier) || t.Is(d, pyts.Attribute)) && pyts.Compact(t.Text(d)) == key {
			return true
		}
	}
	return false
}

// isLock reports whether expression n is a lock: a name every binding of
// which assigns a lock constructor's result, or self.name where every
// assignment to that attribute in the class does.
func isLock(pass *analysis.Pass, n pyts.Node) bool {
	t := pass.Tree
	n = t.Unparen(n)
	switch t.Kind(n) {
	case pyts.Identifier:
		_, bs := pass.Scope.Lookup(pass.Scope.ScopeOf(n), t.Text(n))
		if len(bs) == 0 {
			return false
		}
		for _, b := range bs {
			if (b.Kind != scope.Assign && b.Kind != scope.AnnAssign) || !assignsLock(pass, b.Node) {
				return false
			}
		}
		return true
	case pyts.Attribute:
		return isSelfLock(pass, n)
	}
	return false
}

// assignsLock reports whether target (the left side of an assignment) is
// assigned a lock constructor's result.
func assignsLock(pass *analysis.Pass, target pyts.Node) bool {
	v := pass.Tree.AssignedValue(target)
	return pass.Tree.Is(v, pyts.Call) && lockCtors[pass.Callee(v)]
}

// isSelfLock reports whether attr is self.x in a method of a class that
// assigns x only lock constructors' results (self.x = threading.Lock() in
// its methods, or x = threading.Lock() in its body).
func isSelfLock(pass *analysis.Pass, attr pyts.Node) bool {
	t := pass.Tree
	obj := t.ChildByField(attr, pyts.FObject)
	if !t.Is(obj, pyts.Identifier) {
		return false
	}
	in := pass.Scope
	fs := in.FunctionScope(attr)
	if fs < 0 || in.Scope(fs).Kind != scope.Function {
		return false
	}
	cs := in.Scope(fs).Parent
	if in.Scope(cs).Kind != scope.Class || firstParam(t, in.Scope(fs).Node) != t.Text(obj) {
		return false
	}
	name := t.Text(t.ChildByField(attr, pyts.FAttribute))
	found := false
	for _, b := range in.Bindings(cs, name) {
		if !assignsLock(pass, b.Node) {
			return false
		}
		found = true
	}
	cls := in.Scope(cs).Node
	end := t.SubtreeEnd(cls)
	for d := cls; d < end; d++ {
		if !t.Is(d, pyts.Assignment) && !t.Is(d, pyts.AugmentedAssignment) {
			continue
		}
		left := t.ChildByField(d, pyts.FLeft)
		if !t.Is(left, pyts.Attribute) || !t.TextIs(t.ChildByField(left, pyts.FAttribute), name) ||
			!t.Is(t.ChildByField(left, pyts.FObject), pyts.Identifier) {
			continue
		}
		if !assignsLock(pass, left) {
			return false
		}
		found = true
	}
	return found
}

// firstParam returns the name of a function's first parameter when it has
// no default value, or "".
func firstParam(t *pyts.Tree, def pyts.Node) string {
	ps := t.ChildByField(def, pyts.FParameters)
	if ps == pyts.NoNode {
		return ""
	}
	p := t.NamedChild(ps, 0)
	if t.Is(p, pyts.DefaultParameter) || t.Is(p, pyts.TypedDefaultParameter) {
		return ""
	}
	if id := t.ParamName(p); id != pyts.NoNode {
		return t.Text(id)
	}
	return ""
}
