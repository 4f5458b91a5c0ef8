package pyts

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

func TestFlatNodeLayout(t *testing.T) {
	if got := unsafe.Sizeof(flatNode{}); got != 24 {
		t.Fatalf("flatNode is %d bytes; must match C pyts_node (24)", got)
	}
}

// TestFlattenMatchesBinding walks the same tree through go-tree-sitter's own
// API and through the flat copy, node by node.
func TestFlattenMatchesBinding(t *testing.T) {
	compare(t, []byte("import numpy as np\n\ndef f(x, *a, k=1):\n    global g\n    for i in range(3):\n        yield x[i] + 'é😀'\n\nclass C(B):\n    @property\n    def p(self): return (1 if self else 2)\nx = [\n"))
	// Every analyzer's testdata: the constructs analyses rely on.
	files, _ := filepath.Glob("../*/testdata/*.py")
	files2, _ := filepath.Glob("../*/testdata/*/*.py")
	for _, f := range append(files, files2...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(f, func(t *testing.T) { compare(t, src) })
	}
}

func compare(t *testing.T, src []byte) {
	t.Helper()
	p := NewParser()
	defer p.Close()
	raw, err := p.ParseRaw(context.Background(), src, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	flat := Flatten(raw, src)

	cur := raw.Walk()
	defer cur.Close()
	i := Node(0)
	var visit func()
	visit = func() {
		n := cur.Node()
		if i >= Node(flat.Len()) {
			t.Fatalf("flat tree has %d nodes, binding has more", flat.Len())
		}
		if got, want := flat.Kind(i).String(), n.Kind(); got != want {
			t.Errorf("node %d kind %q, binding %q", i, got, want)
		}
		if flat.Start(i) != int(n.StartByte()) || flat.End(i) != int(n.EndByte()) {
			t.Errorf("node %d range [%d,%d), binding [%d,%d)", i, flat.Start(i), flat.End(i), n.StartByte(), n.EndByte())
		}
		if flat.IsNamed(i) != n.IsNamed() {
			t.Errorf("node %d named mismatch", i)
		}
		if f := cur.FieldName(); Field(language.FieldIdForName(f)) != flat.Field(i) && f != "" || f == "" && flat.Field(i) != 0 {
			t.Errorf("node %d (%s under %s) field %q, flat has %d", i, n.Kind(), n.Parent().Kind(), f, flat.Field(i))
		}
		self := i
		i++
		if cur.GotoFirstChild() {
			for {
				if flat.Parent(i) != self {
					t.Errorf("node %d parent %d, want %d", i, flat.Parent(i), self)
				}
				visit()
				if !cur.GotoNextSibling() {
					break
				}
			}
			cur.GotoParent()
		}
		if flat.SubtreeEnd(self) != i {
			t.Errorf("node %d subtree ends at %d, want %d", self, flat.SubtreeEnd(self), i)
		}
	}
	visit()
	if int(i) != flat.Len() {
		t.Fatalf("binding visited %d nodes, flat has %d", i, flat.Len())
	}
	if flat.HasError() != raw.RootNode().HasError() {
		t.Errorf("HasError = %v, binding says %v", flat.HasError(), raw.RootNode().HasError())
	}
}

func TestInErrorPropagates(t *testing.T) {
	tree, err := Parse([]byte("def f(:\n    global x\nx = = 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	sawErr := false
	for n := Node(0); n < Node(tree.Len()); n++ {
		if tree.Kind(n) == Error {
			sawErr = true
			for d := n; d < tree.SubtreeEnd(n); d++ {
				if !tree.InError(d) {
					t.Errorf("node %d (%s) inside ERROR not marked", d, tree.Kind(d))
				}
			}
		}
	}
	if !sawErr {
		t.Fatal("expected an ERROR node")
	}
	ok, _ := Parse([]byte("x = 1\n"))
	for n := Node(0); n < Node(ok.Len()); n++ {
		if ok.InError(n) {
			t.Errorf("clean tree node %d marked in error", n)
		}
	}
}

func TestNavigation(t *testing.T) {
	tree, _ := Parse([]byte("f(a, b=2)\n"))
	call := NoNode
	for n := Node(0); n < Node(tree.Len()); n++ {
		if tree.Kind(n) == Call {
			call = n
		}
	}
	if call == NoNode {
		t.Fatal("no call")
	}
	fn := tree.ChildByField(call, FFunction)
	if !tree.TextIs(fn, "f") {
		t.Errorf("function = %q", tree.Text(fn))
	}
	args := tree.NamedChildren(tree.ChildByField(call, FArguments))
	if len(args) != 2 || tree.Kind(args[1]) != KeywordArgument {
		t.Fatalf("args = %v", args)
	}
	if tree.Ancestor(args[0], ExpressionStatement) == NoNode {
		t.Error("no expression_statement ancestor")
	}
	if got := tree.NodeAt(5, 6); !tree.Is(got, Identifier) || !tree.TextIs(got, "b") {
		t.Errorf("NodeAt(5,6) = %s %q", tree.Kind(got), tree.Text(got))
	}
}

func TestKindOfPanicsOnTypo(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("KindOf accepted an unknown kind")
		}
	}()
	KindOf("functoin_definition", true)
}

func stdlibFiles(b *testing.B) [][]byte {
	dir := os.Getenv("PYHINT_BENCH_DIR")
	if dir == "" {
		b.Skip("set PYHINT_BENCH_DIR to a Python tree (e.g. the stdlib)")
	}
	var files [][]byte
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".py") && !strings.Contains(p, "site-packages") {
			if data, err := os.ReadFile(p); err == nil {
				files = append(files, data)
			}
		}
		return nil
	})
	return files
}

// BenchmarkParseOnly and BenchmarkParseFlatten measure parsing and the cost
// of flattening, over PYHINT_BENCH_DIR on all cores.
func BenchmarkParseOnly(b *testing.B)    { benchParse(b, false) }
func BenchmarkParseFlatten(b *testing.B) { benchParse(b, true) }

func benchParse(b *testing.B, flatten bool) {
	files := stdlibFiles(b)
	total := 0
	for _, f := range files {
		total += len(f)
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	for b.Loop() {
		work := make(chan []byte)
		done := make(chan struct{})
		for w := 0; w < runtime.GOMAXPROCS(0); w++ {
			go func() {
				p := NewParser()
				defer p.Close()
				for src := range work {
					raw, _ := p.ParseRaw(context.Background(), src, nil)
					if flatten {
						_ = Flatten(raw, src)
					}
					raw.Close()
				}
				done <- struct{}{}
			}()
		}
		for _, f := range files {
			work <- f
		}
		close(work)
		for w := 0; w < runtime.GOMAXPROCS(0); w++ {
			<-done
		}
	}
}
