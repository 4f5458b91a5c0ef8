package pyts

import (
	"slices"
	"strings"
	"testing"
)

// parse parses src, failing the test on error.
func parse(t *testing.T, src string) *Tree {
	t.Helper()
	tree, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// find returns the first node of kind k whose text is text, failing the
// test when there is none.
func find(t *testing.T, tree *Tree, k Kind, text string) Node {
	t.Helper()
	for n := Node(0); int(n) < tree.Len(); n++ {
		if tree.Kind(n) == k && tree.Text(n) == text {
			return n
		}
	}
	t.Fatalf("no %s %q in %q", k, text, tree.Source())
	return NoNode
}

// text returns n's text, or "<none>" for NoNode.
func text(tree *Tree, n Node) string {
	if n == NoNode {
		return "<none>"
	}
	return tree.Text(n)
}

func TestOneLineCompactFitsInline(t *testing.T) {
	if got := OneLine("f(a,\n    b)\t c"); got != "f(a, b) c" {
		t.Errorf("OneLine = %q", got)
	}
	if got := Compact("np . zeros( (3, 3) )"); got != "np.zeros((3,3))" {
		t.Errorf("Compact = %q", got)
	}
	for s, want := range map[string]bool{
		"np.zeros(3)":           true,
		strings.Repeat("x", 40): true,
		strings.Repeat("x", 41): false,
		"f(a,\n b)":             false,
		"f(`a`)":                false,
	} {
		if got := FitsInline(s); got != want {
			t.Errorf("FitsInline(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestCallText(t *testing.T) {
	tree := parse(t, "np.zeros((3, 3))\nsubprocess . run(['pip', 'install', 'a-long-package-name', '--upgrade'])\nf(\n  1)\n")
	for _, c := range []struct{ call, want string }{
		{"np.zeros((3, 3))", "np.zeros((3, 3))"},
		{"subprocess . run(['pip', 'install', 'a-long-package-name', '--upgrade'])", "subprocess.run(…)"},
		{"f(\n  1)", "f(…)"},
	} {
		if got := tree.CallText(find(t, tree, Call, c.call)); got != c.want {
			t.Errorf("CallText(%q) = %q, want %q", c.call, got, c.want)
		}
	}
}

func TestShortText(t *testing.T) {
	src := "open(\n    path,\n)\n" +
		"some_function_with_a_long_name(argument_one, argument_two)\n" +
		"with open(a_rather_long_path_name_here) as the_file_handle: pass\n" +
		"with locks[index_into_the_table_of_locks]: pass\n" +
		"x = 'héllo wörld ünïcode'\n"
	tree := parse(t, src)
	for _, c := range []struct {
		n    Node
		max  int
		want string
	}{
		{find(t, tree, Call, "open(\n    path,\n)"), 40, "open(path,)"},
		{find(t, tree, Call, "some_function_with_a_long_name(argument_one, argument_two)"), 40, "some_function_with_a_long_name(...)"},
		{find(t, tree, Call, "some_function_with_a_long_name(argument_one, argument_two)"), 10, "some_fu..."},
		{find(t, tree, WithItem, "open(a_rather_long_path_name_here) as the_file_handle"), 30, "open(...) as the_file_handle"},
		{find(t, tree, WithItem, "locks[index_into_the_table_of_locks]"), 20, "locks[index_into_..."},
		// Cut at a character boundary: "'hé" is 4 bytes, "'h" + "é"[0] is not.
		{find(t, tree, String, "'héllo wörld ünïcode'"), 6, "'h..."},
	} {
		if got := tree.ShortText(c.n, c.max); got != c.want {
			t.Errorf("ShortText(%q, %d) = %q, want %q", tree.Text(c.n), c.max, got, c.want)
		}
	}
}

func TestOuterParens(t *testing.T) {
	tree := parse(t, "x = ((f()))\ng()\n")
	outer, parent := tree.OuterParens(find(t, tree, Call, "f()"))
	if tree.Text(outer) != "((f()))" || !tree.Is(parent, Assignment) {
		t.Errorf("OuterParens(f()) = %q, %s", tree.Text(outer), tree.Kind(parent))
	}
	g := find(t, tree, Call, "g()")
	if outer, parent := tree.OuterParens(g); outer != g || !tree.Is(parent, ExpressionStatement) {
		t.Errorf("OuterParens(g()) = %q, %s", tree.Text(outer), tree.Kind(parent))
	}
}

func TestSplitAs(t *testing.T) {
	tree := parse(t, "with open(p) as f, lock: pass\ntry: pass\nexcept (A, B) as e: pass\n")
	for _, c := range []struct {
		n             Node
		value, target string
	}{
		{find(t, tree, WithItem, "open(p) as f"), "open(p)", "f"},
		{find(t, tree, WithItem, "lock"), "lock", "<none>"},
		{find(t, tree, ExceptClause, "except (A, B) as e: pass"), "(A, B)", "e"},
	} {
		v, target := tree.SplitAs(tree.ChildByField(c.n, FValue))
		if text(tree, v) != c.value || text(tree, target) != c.target {
			t.Errorf("SplitAs(%q) = %s, %s; want %s, %s", tree.Text(c.n), text(tree, v), text(tree, target), c.value, c.target)
		}
	}
	if v, target := tree.SplitAs(NoNode); v != NoNode || target != NoNode {
		t.Errorf("SplitAs(NoNode) = %d, %d", v, target)
	}
}

func TestAssignedAndBoundValue(t *testing.T) {
	src := "a = b = (c)\n" +
		"n: int = 5\n" +
		"m: int\n" +
		"p, q = 1, 2\n" +
		"with open(x) as f, lock as (g): pass\n" +
		"async def h():\n    async with make() as s: pass\n" +
		"for i in y: pass\n" +
		"obj.attr = 3\n"
	tree := parse(t, src)
	id := func(name string) Node { return find(t, tree, Identifier, name) }
	for _, c := range []struct {
		target        Node
		assigned, val string
	}{
		{id("a"), "b = (c)", "c"},
		{id("b"), "c", "c"},
		{id("n"), "5", "5"},
		{id("m"), "<none>", "<none>"},
		{id("p"), "<none>", "<none>"},
		{id("f"), "<none>", "open(x)"},
		{id("s"), "<none>", "make()"},
		{id("i"), "<none>", "<none>"},
		{find(t, tree, Attribute, "obj.attr"), "3", "<none>"},
	} {
		if got := text(tree, tree.AssignedValue(c.target)); got != c.assigned {
			t.Errorf("AssignedValue(%s) = %s, want %s", tree.Text(c.target), got, c.assigned)
		}
		if tree.Is(c.target, Identifier) {
			if got := text(tree, tree.BoundValue(c.target)); got != c.val {
				t.Errorf("BoundValue(%s) = %s, want %s", tree.Text(c.target), got, c.val)
			}
		}
	}
}

func TestChildrenOfKind(t *testing.T) {
	tree := parse(t, "global a, b  # c\n")
	stmt := tree.NamedChild(tree.Root(), 0)
	var got []string
	for _, c := range tree.ChildrenOfKind(stmt, Identifier) {
		got = append(got, tree.Text(c))
	}
	if want := []string{"a", "b"}; !slices.Equal(got, want) {
		t.Errorf("ChildrenOfKind(global, identifier) = %q, want %q", got, want)
	}
	if cs := tree.ChildrenOfKind(stmt, Call); cs != nil {
		t.Errorf("ChildrenOfKind(global, call) = %v, want none", cs)
	}
}

func TestIsDocstring(t *testing.T) {
	tree := parse(t, "'''doc'''\n'a' 'b'\nx = 's'\n'a', 'b'\nf()\n")
	var got []bool
	for _, s := range tree.NamedChildren(tree.Root()) {
		got = append(got, tree.IsDocstring(s))
	}
	if want := []bool{true, true, false, false, false}; !slices.Equal(got, want) {
		t.Errorf("IsDocstring per statement = %v, want %v", got, want)
	}
}

func TestArguments(t *testing.T) {
	tree := parse(t, "f(a, b, *rest, k=1, **kw)\ng(k=1, x, **kw, y)\nh(x for x in y)\ne()\n")
	f := find(t, tree, Call, "f(a, b, *rest, k=1, **kw)")
	g := find(t, tree, Call, "g(k=1, x, **kw, y)")
	h := find(t, tree, Call, "h(x for x in y)")
	e := find(t, tree, Call, "e()")
	if tree.Arguments(h) != NoNode || !tree.Is(tree.Arguments(f), ArgumentList) {
		t.Errorf("Arguments: generator argument or argument_list misread")
	}
	for _, c := range []struct {
		call Node
		kw   string
		want string
	}{
		{f, "k", "1"}, {f, "kw", "<none>"}, {h, "x", "<none>"}, {e, "k", "<none>"},
	} {
		if got := text(tree, tree.KeywordArg(c.call, c.kw)); got != c.want {
			t.Errorf("KeywordArg(%s, %s) = %s, want %s", tree.Text(c.call), c.kw, got, c.want)
		}
	}
	for _, c := range []struct {
		call Node
		i    int
		want string
	}{
		{f, 0, "a"}, {f, 1, "b"}, {f, 2, "<none>"}, // after *rest: unknown
		{g, 0, "x"}, {g, 1, "y"}, {g, 2, "<none>"},
		{h, 0, "<none>"}, {e, 0, "<none>"},
	} {
		if got := text(tree, tree.PositionalArg(c.call, c.i)); got != c.want {
			t.Errorf("PositionalArg(%s, %d) = %s, want %s", tree.Text(c.call), c.i, got, c.want)
		}
	}
}

func TestImportedModules(t *testing.T) {
	tree := parse(t, "import a . b as c, d\nfrom os . path import join\nfrom .. import x\nfrom .pkg import y\nx = 1\n")
	var got []string
	for _, s := range tree.NamedChildren(tree.Root()) {
		for _, m := range tree.ImportedModules(s) {
			got = append(got, m.Name+"|"+tree.Text(m.Node)+"|"+tree.Text(m.Clause)+"|"+text(tree, m.Alias)+"|"+tree.ImportPhrase(m))
		}
	}
	want := []string{
		"a.b|a . b|a . b as c|c|import a . b as c",
		"d|d|d|<none>|import d",
		"os.path|os . path|os . path|<none>|from os.path import …",
		"..|..|..|<none>|from .. import …",
		".pkg|.pkg|.pkg|<none>|from .pkg import …",
	}
	if !slices.Equal(got, want) {
		t.Errorf("ImportedModules:\n got %q\nwant %q", got, want)
	}
}

func TestDecoratorsAndMethodClass(t *testing.T) {
	src := "class C:\n" +
		"    @staticmethod\n" +
		"    @other(1)\n" +
		"    def s(): pass\n" +
		"    def m(self): pass\n" +
		"    if X:\n" +
		"        def hidden(self): pass\n" +
		"    class Inner: pass\n" +
		"def top(): pass\n"
	tree := parse(t, src)
	def := func(name string) Node { return tree.Parent(find(t, tree, Identifier, name)) }
	var decos []string
	for _, d := range tree.Decorators(def("s")) {
		decos = append(decos, tree.Text(d))
	}
	if want := []string{"@staticmethod", "@other(1)"}; !slices.Equal(decos, want) {
		t.Errorf("Decorators(s) = %q, want %q", decos, want)
	}
	if ds := tree.Decorators(def("m")); ds != nil {
		t.Errorf("Decorators(m) = %v, want none", ds)
	}
	class := def("C")
	for name, want := range map[string]Node{"s": class, "m": class, "Inner": class, "hidden": NoNode, "top": NoNode} {
		if got := tree.MethodClass(def(name)); got != want {
			t.Errorf("MethodClass(%s) = %d, want %d", name, got, want)
		}
	}
}

func TestParamName(t *testing.T) {
	tree := parse(t, "def f(a, b: int, c=1, d: int = 2, /, *args, e, **kw): pass\ndef g(): pass\n")
	var got []string
	for _, p := range tree.NamedChildren(find(t, tree, Parameters, "(a, b: int, c=1, d: int = 2, /, *args, e, **kw)")) {
		got = append(got, text(tree, tree.ParamName(p)))
	}
	if want := []string{"a", "b", "c", "d", "<none>", "<none>", "e", "<none>"}; !slices.Equal(got, want) {
		t.Errorf("ParamName per parameter = %q, want %q", got, want)
	}
	if p := tree.ParamName(tree.NamedChild(find(t, tree, Parameters, "()"), 0)); p != NoNode {
		t.Errorf("ParamName(no parameter) = %d", p)
	}
}

func TestAncestorWithin(t *testing.T) {
	src := "def f():\n    try:\n        pass\n    finally:\n        def g():\n            x()\n        y()\n"
	tree := parse(t, src)
	g := tree.Parent(find(t, tree, Identifier, "g"))
	fin := find(t, tree, FinallyClause, "finally:\n        def g():\n            x()\n        y()")
	if got := tree.AncestorWithin(find(t, tree, Call, "y()"), tree.Root(), FinallyClause); got != fin {
		t.Errorf("AncestorWithin(y(), root) = %d, want the finally clause", got)
	}
	if got := tree.AncestorWithin(find(t, tree, Call, "x()"), g, FinallyClause); got != NoNode {
		t.Errorf("AncestorWithin(x(), g) = %d, want none: the finally is outside g", got)
	}
}

func TestEnclosingLoop(t *testing.T) {
	src := "for i in a():\n" +
		"    b()\n" +
		"    def f():\n        c()\n" +
		"    while d():\n        e()\n" +
		"else:\n    g()\n"
	tree := parse(t, src)
	forLoop := tree.NamedChild(tree.Root(), 0)
	while := find(t, tree, WhileStatement, "while d():\n        e()")
	for call, want := range map[string]Node{"a()": NoNode, "b()": forLoop, "c()": NoNode, "d()": forLoop, "e()": while, "g()": NoNode} {
		if got := tree.EnclosingLoop(find(t, tree, Call, call)); got != want {
			t.Errorf("EnclosingLoop(%s) = %d, want %d", call, got, want)
		}
	}
}

func TestWalkSkippingDefs(t *testing.T) {
	src := "def outer():\n" +
		"    a()\n" +
		"    def inner():\n        b()\n" +
		"    k = lambda: c()\n" +
		"    class K:\n        d()\n" +
		"    [e() for x in y]\n" +
		"    f()\n"
	tree := parse(t, src)
	body := tree.ChildByField(tree.NamedChild(tree.Root(), 0), FBody)
	var calls []string
	tree.WalkSkippingDefs(body, func(n Node) bool {
		if tree.Is(n, Call) {
			calls = append(calls, tree.Text(n))
		}
		return true
	})
	if want := []string{"a()", "e()", "f()"}; !slices.Equal(calls, want) {
		t.Errorf("calls walked = %q, want %q", calls, want)
	}
	calls = nil
	tree.WalkSkippingDefs(body, func(n Node) bool {
		if tree.Is(n, Call) {
			calls = append(calls, tree.Text(n))
		}
		return !tree.Is(n, ListComprehension)
	})
	if want := []string{"a()"}; !slices.Equal(calls, want) {
		t.Errorf("calls walked until the comprehension = %q, want %q", calls, want)
	}
	visited := 0
	tree.WalkSkippingDefs(tree.NamedChild(tree.Root(), 0), func(Node) bool { visited++; return true })
	if visited != 0 {
		t.Errorf("walking a def visited %d nodes, want none", visited)
	}
}
