package analysis

import (
	"slices"
	"testing"

	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/analyzers/pyts"
	"github.com/pyhint/pyhint/analyzers/scope"
)

// newPass parses src into a Pass whose anchors are appended to *anchors.
func newPass(t *testing.T, src string, anchors *[]Anchor) *Pass {
	t.Helper()
	tree, err := pyts.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	a := &Analyzer{Name: "test"}
	return NewPass(a, document.New([]byte(src)), tree, scope.Build(tree), func(Diagnostic) {}, func(an Anchor) {
		if anchors != nil {
			*anchors = append(*anchors, an)
		}
	})
}

// nth returns the i-th node (from 0) of kind k whose text is text.
func nth(t *testing.T, p *Pass, k pyts.Kind, text string, i int) pyts.Node {
	t.Helper()
	for n := pyts.Node(0); int(n) < p.Tree.Len(); n++ {
		if p.Tree.Kind(n) == k && p.Tree.Text(n) == text {
			if i == 0 {
				return n
			}
			i--
		}
	}
	t.Fatalf("no %s %q", k, text)
	return pyts.NoNode
}

// find returns the first node of kind k whose text is text.
func find(t *testing.T, p *Pass, k pyts.Kind, text string) pyts.Node {
	t.Helper()
	return nth(t, p, k, text, 0)
}

// def returns the definition named name.
func def(t *testing.T, p *Pass, name string) pyts.Node {
	t.Helper()
	return p.Tree.Parent(find(t, p, pyts.Identifier, name))
}

func (p *Pass) rangeText(r Range) string { return string(p.Tree.Source()[r.Start:r.End]) }

func TestBoundValues(t *testing.T) {
	src := `import threading as th
lock = th.Lock()
with th.Lock() as held:
    pass
either = th.Lock()
either = th.RLock()
mixed = th.Lock()
mixed = 3
a, b = th.Lock(), th.Lock()

def f(param):
    use(lock, held, either, mixed, a, param, th, undefined)
`
	p := newPass(t, src, nil)
	use := find(t, p, pyts.Call, "use(lock, held, either, mixed, a, param, th, undefined)")
	args := p.Tree.NamedChildren(p.Tree.Arguments(use))
	for i, c := range []struct {
		vals     []string
		ok       bool
		lockOnly bool
		anyLock  bool
	}{
		{[]string{"th.Lock()"}, true, true, true},
		{[]string{"th.Lock()"}, true, true, true},
		{[]string{"th.Lock()", "th.RLock()"}, true, false, true},
		{[]string{"th.Lock()", "3"}, true, false, false},
		{nil, false, false, false}, // tuple unpacking
		{nil, false, false, false}, // parameter
		{nil, false, false, false}, // import
		{nil, false, false, false}, // not bound in the file
	} {
		id := args[i]
		vals, ok := p.BoundValues(id)
		var got []string
		for _, v := range vals {
			got = append(got, p.Text(v))
		}
		name := p.Text(id)
		if ok != c.ok || !slices.Equal(got, c.vals) {
			t.Errorf("BoundValues(%s) = %q, %v; want %q, %v", name, got, ok, c.vals, c.ok)
		}
		if got := p.BoundToCall(id, "threading.Lock"); got != c.lockOnly {
			t.Errorf("BoundToCall(%s, Lock) = %v, want %v", name, got, c.lockOnly)
		}
		if got := p.BoundToCall(id, "threading.Lock", "threading.RLock"); got != c.anyLock {
			t.Errorf("BoundToCall(%s, Lock, RLock) = %v, want %v", name, got, c.anyLock)
		}
	}
}

func TestLocalClass(t *testing.T) {
	src := `class A: pass
class B: pass
B = 1
def f():
    class A: pass
    return A, B, C
x = A
`
	p := newPass(t, src, nil)
	outerA := p.Tree.Parent(nth(t, p, pyts.Identifier, "A", 0))
	innerA := p.Tree.Parent(nth(t, p, pyts.Identifier, "A", 1))
	if got := p.LocalClass(nth(t, p, pyts.Identifier, "A", 3)); got != outerA {
		t.Errorf("LocalClass(A) at module level = %d, want the module's class %d", got, outerA)
	}
	if got := p.LocalClass(nth(t, p, pyts.Identifier, "A", 2)); got != innerA {
		t.Errorf("LocalClass(A) in f = %d, want f's class %d", got, innerA)
	}
	// B is also bound by an assignment; C is not bound at all.
	if got := p.LocalClass(nth(t, p, pyts.Identifier, "B", 2)); got != pyts.NoNode {
		t.Errorf("LocalClass(B) = %d, want none", got)
	}
	if got := p.LocalClass(find(t, p, pyts.Identifier, "C")); got != pyts.NoNode {
		t.Errorf("LocalClass(C) = %d, want none", got)
	}
}

func TestCalledDef(t *testing.T) {
	src := `def helper(): pass
def twice(): pass
def twice(): pass

class C:
    def m(self): pass
    def dup(self): pass
    dup = 1

    def run(self):
        helper()
        twice()
        self.m()
        self.dup()
        self.missing()
        other.m()

    def notself(this):
        self.m()

    @staticmethod
    def s(self):
        self.m()

    @classmethod
    def c(self):
        self.m()

    def outer(self):
        def inner():
            self.m()

def free(self):
    self.m()
`
	p := newPass(t, src, nil)
	helper, m := def(t, p, "helper"), def(t, p, "m")
	for _, c := range []struct {
		call string
		i    int
		want pyts.Node
	}{
		{"helper()", 0, helper},
		{"twice()", 0, pyts.NoNode}, // defined twice
		{"self.m()", 0, m},
		{"self.dup()", 0, pyts.NoNode},     // rebound in the class
		{"self.missing()", 0, pyts.NoNode}, // not defined
		{"other.m()", 0, pyts.NoNode},      // not self
		{"self.m()", 1, pyts.NoNode},       // first parameter is not self
		{"self.m()", 2, pyts.NoNode},       // staticmethod
		{"self.m()", 3, pyts.NoNode},       // classmethod
		{"self.m()", 4, pyts.NoNode},       // nested function: self is not its parameter
		{"self.m()", 5, pyts.NoNode},       // not a method
	} {
		if got := p.CalledDef(nth(t, p, pyts.Call, c.call, c.i)); got != c.want {
			t.Errorf("CalledDef(%s #%d) = %d, want %d", c.call, c.i, got, c.want)
		}
	}
}

func TestDecoratedWith(t *testing.T) {
	src := `import contextlib
from contextlib import contextmanager as cm

@staticmethod
@cm
def a(): yield

@contextlib.contextmanager()
def b(): yield

def c(): yield
`
	p := newPass(t, src, nil)
	const q = "contextlib.contextmanager"
	if d := p.DecoratedWith(def(t, p, "a"), "contextlib.asynccontextmanager", q); p.Text(d) != "@cm" {
		t.Errorf("DecoratedWith(a) = %q, want @cm", p.Text(d))
	}
	for _, name := range []string{"b", "c"} {
		if d := p.DecoratedWith(def(t, p, name), q); d != pyts.NoNode {
			t.Errorf("DecoratedWith(%s) = %q, want none", name, p.Text(d))
		}
	}
}

func TestEnclosingClass(t *testing.T) {
	src := `class C:
    def m(self):
        def inner(): pass
    if X:
        def n(self): pass
def f(): pass
`
	p := newPass(t, src, nil)
	c := def(t, p, "C")
	for name, want := range map[string]pyts.Node{"m": c, "n": c, "inner": pyts.NoNode, "f": pyts.NoNode, "C": pyts.NoNode} {
		if got := p.EnclosingClass(def(t, p, name)); got != want {
			t.Errorf("EnclosingClass(%s) = %d, want %d", name, got, want)
		}
	}
}

func TestHeaders(t *testing.T) {
	src := `async def fetch(
    url,
):
    pass

class Box(Base):
    pass

for i in range(3):
    pass
try:
    pass
except (KeyError,
        ValueError) as err:
    pass
`
	p := newPass(t, src, nil)
	for _, c := range []struct {
		r    Range
		want string
	}{
		{p.DefHeader(def(t, p, "fetch")), "async def fetch"},
		{p.DefHeader(def(t, p, "Box")), "class Box"},
		{p.ColonHeader(p.Tree.NamedChild(p.Tree.Root(), 2)), "for i in range(3):"},
		{p.ColonHeader(p.Tree.ChildOfKind(p.Tree.NamedChild(p.Tree.Root(), 3), pyts.ExceptClause)), "except (KeyError,\n        ValueError) as err:"},
	} {
		if got := p.rangeText(c.r); got != c.want {
			t.Errorf("header = %q, want %q", got, c.want)
		}
	}
}

func TestFirstLineEnd(t *testing.T) {
	src := "x = sum(i  # first\n        for i in y)\nz = (a for a in b)\n"
	p := newPass(t, src, nil)
	g := find(t, p, pyts.GeneratorExpression, "(i  # first\n        for i in y)")
	if got := src[p.Tree.Start(g):p.FirstLineEnd(g, g)]; got != "(i" {
		t.Errorf("first line of a multi-line generator = %q, want %q (comment excluded)", got, "(i")
	}
	one := find(t, p, pyts.GeneratorExpression, "(a for a in b)")
	if got := p.FirstLineEnd(one, one); got != p.Tree.End(one) {
		t.Errorf("FirstLineEnd of a one-line node = %d, want its end %d", got, p.Tree.End(one))
	}
	stmt := p.Tree.NamedChild(p.Tree.Root(), 0)
	asg := p.Tree.NamedChild(stmt, 0)
	if got := src[p.Tree.Start(stmt):p.FirstLineEnd(stmt, p.Tree.ChildByField(asg, pyts.FLeft))]; got != "x" {
		t.Errorf("FirstLineEnd(stmt, x) spans %q, want %q", got, "x")
	}
}

func TestAnchorCall(t *testing.T) {
	src := "gc.collect(2)\ngc.collect(\n    1)\n"
	var anchors []Anchor
	p := newPass(t, src, &anchors)
	p.AnchorCall(find(t, p, pyts.Call, "gc.collect(2)"), "gc", "h", "d")
	p.AnchorCall(find(t, p, pyts.Call, "gc.collect(\n    1)"), "gc", "h", "d")
	var got []string
	for _, a := range anchors {
		got = append(got, p.rangeText(a.Range))
	}
	if want := []string{"gc.collect(2)", "gc.collect"}; !slices.Equal(got, want) {
		t.Errorf("anchored %q, want %q", got, want)
	}
}

func TestAddImport(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"", "import functools\n"},
		{"#!/usr/bin/env python\n# license\n\nx = 1\n", "#!/usr/bin/env python\n# license\n\nimport functools\nx = 1\n"},
		{"'''doc'''\nfrom __future__ import annotations\nimport os\n\ndef f(): pass\n", "'''doc'''\nfrom __future__ import annotations\nimport os\nimport functools\n\ndef f(): pass\n"},
		{"x = 1\n'''not a docstring'''\n", "import functools\nx = 1\n'''not a docstring'''\n"},
		{"import os", "import os\nimport functools"},
	} {
		p := newPass(t, c.src, nil)
		got, err := ApplyEdits([]byte(c.src), []TextEdit{p.AddImport("import functools")})
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != c.want {
			t.Errorf("AddImport in %q:\n got %q\nwant %q", c.src, got, c.want)
		}
	}
}

func TestInModule(t *testing.T) {
	for _, c := range []struct {
		q, module string
		want      bool
	}{
		{"numpy", "numpy", true},
		{"numpy.linalg.norm", "numpy", true},
		{"numpyx", "numpy", false},
		{"numpyx.y", "numpy", false},
		{"concurrent.futures.thread", "concurrent.futures", true},
		{"concurrent", "concurrent.futures", false},
		{"", "numpy", false},
	} {
		if got := InModule(c.q, c.module); got != c.want {
			t.Errorf("InModule(%q, %q) = %v, want %v", c.q, c.module, got, c.want)
		}
	}
}

func TestAnchorImports(t *testing.T) {
	src := "import asyncio.subprocess, os\nfrom asyncio import run\nimport asynciox\nimport gc as g\nfrom weakref import ref\n"
	var anchors []Anchor
	p := newPass(t, src, &anchors)
	for n := pyts.Node(0); int(n) < p.Tree.Len(); n++ {
		if k := p.Tree.Kind(n); k == pyts.ImportStatement || k == pyts.ImportFromStatement {
			p.AnchorModuleImports(n, "asyncio", "asyncio", "h", "d")
			p.AnchorImportTable(n, "gc", map[string][2]string{"gc": {"gh", "[%s]"}, "weakref": {"wh", "<%s>"}})
		}
	}
	var got []string
	for _, a := range anchors {
		got = append(got, a.Concept+":"+p.rangeText(a.Range)+":"+a.Detail)
	}
	want := []string{"asyncio:asyncio.subprocess:d", "asyncio:asyncio:d", "gc:gc as g:[import gc as g]", "gc:weakref:<from weakref import …>"}
	if !slices.Equal(got, want) {
		t.Errorf("anchors = %q\nwant %q", got, want)
	}
}
