package pyts

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/pyhint/pyhint/analyzers/internal/testseeds"
)

// TestReflattenMatchesFlatten applies random edits to real Python files,
// reparses incrementally and checks that Reflatten gives, node for node,
// what Flatten gives, and that it does reuse nodes.
func TestReflattenMatchesFlatten(t *testing.T) {
	files := testseeds.Testdata(t)
	p := NewParser()
	defer p.Close()
	r := rand.New(rand.NewPCG(1, 2))
	snippets := []string{"x", "\n", "    ", "(", ")", "'", "\"\"\"", "#", ":", "def f():\n    pass\n", "\n\nclass C:\n    y = 1\n", "é😀", "\r\n", "global g\n", "try:\n", "]", "\\"}
	reusedTotal, nodesTotal := 0, 0
	for fi, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := p.ParseRaw(context.Background(), src, nil)
		if err != nil {
			t.Fatal(err)
		}
		flat := Flatten(raw, src)
		for step := 0; step < 12; step++ {
			var edits []Edit
			next := src
			for range 1 + r.IntN(3) {
				start := r.IntN(len(next) + 1)
				for start < len(next) && !utf8.RuneStart(next[start]) {
					start++
				}
				end := start
				if r.IntN(2) == 0 {
					end = min(len(next), start+r.IntN(40))
					for end < len(next) && !utf8.RuneStart(next[end]) {
						end++
					}
				}
				ins := ""
				if r.IntN(3) > 0 {
					ins = snippets[r.IntN(len(snippets))]
				}
				buf := make([]byte, 0, len(next)-(end-start)+len(ins))
				buf = append(append(append(buf, next[:start]...), ins...), next[end:]...)
				raw.Edit(&sitter.InputEdit{
					StartByte: uint(start), OldEndByte: uint(end), NewEndByte: uint(start + len(ins)),
					StartPosition: pointAt(next, start), OldEndPosition: pointAt(next, end), NewEndPosition: pointAt(buf, start+len(ins)),
				})
				edits = append(edits, Edit{Start: start, OldEnd: end, NewEnd: start + len(ins)})
				next = buf
			}
			nraw, err := p.ParseRaw(context.Background(), next, raw)
			if err != nil {
				t.Fatal(err)
			}
			got, reused := Reflatten(flat, edits, raw, nraw, next)
			raw.Close()
			want := Flatten(nraw, next)
			if d := diffTrees(got, want); d != "" {
				t.Fatalf("%s step %d (file %d, edits %v): %s", f, step, fi, edits, d)
			}
			reusedTotal += reused
			nodesTotal += want.Len()
			raw, flat, src = nraw, got, next
		}
		raw.Close()
	}
	t.Logf("reused %d of %d nodes", reusedTotal, nodesTotal)
	// Random edits break the syntax (and statements with errors are read
	// afresh), so this is well below what typing in valid code reuses.
	if reusedTotal < nodesTotal/3 {
		t.Errorf("reused only %d of %d nodes", reusedTotal, nodesTotal)
	}
}

func pointAt(src []byte, off int) sitter.Point {
	row, col := 0, 0
	for _, b := range src[:off] {
		if b == '\n' {
			row, col = row+1, 0
		} else {
			col++
		}
	}
	return sitter.Point{Row: uint(row), Column: uint(col)}
}

// diffTrees returns the first difference between two flat trees, or "".
func diffTrees(a, b *Tree) string {
	if a.Len() != b.Len() {
		return fmt.Sprintf("lengths differ: %d vs %d", a.Len(), b.Len())
	}
	for i := range a.nodes {
		if a.nodes[i] != b.nodes[i] {
			n := Node(i)
			return fmt.Sprintf("node %d (%s) differs: %s vs %s", i, b.Kind(n), fmtNode(a.nodes[i]), fmtNode(b.nodes[i]))
		}
	}
	return ""
}

func fmtNode(n flatNode) string {
	return fmt.Sprintf("%+v", n)
}

// TestReflattenTyping: typing one character inside a function body of a
// large file reuses every other top-level statement.
func TestReflattenTyping(t *testing.T) {
	var src []byte
	for i := range 300 {
		src = fmt.Appendf(src, "def f%d(x):\n    y = x + %d\n    return y\n\n\n", i, i)
	}
	p := NewParser()
	defer p.Close()
	raw, err := p.ParseRaw(context.Background(), src, nil)
	if err != nil {
		t.Fatal(err)
	}
	flat := Flatten(raw, src)
	at := len(src) / 2
	for src[at] != '+' {
		at++
	}
	next := append(append(append([]byte{}, src[:at]...), '-'), src[at+1:]...)
	raw.Edit(&sitter.InputEdit{StartByte: uint(at), OldEndByte: uint(at + 1), NewEndByte: uint(at + 1),
		StartPosition: pointAt(src, at), OldEndPosition: pointAt(src, at+1), NewEndPosition: pointAt(next, at+1)})
	nraw, err := p.ParseRaw(context.Background(), next, raw)
	if err != nil {
		t.Fatal(err)
	}
	defer nraw.Close()
	got, reused := Reflatten(flat, []Edit{{at, at + 1, at + 1}}, raw, nraw, next)
	raw.Close()
	want := Flatten(nraw, next)
	if d := diffTrees(got, want); d != "" {
		t.Fatal(d)
	}
	if per := want.Len() / 300; reused != want.Len()-1-per {
		t.Errorf("reused %d of %d nodes, want all but the root and one function (%d nodes)", reused, want.Len(), per)
	}
}

// TestReflattenTypingLines types whole lines character by character (and
// deletes them again with backspace) at several places of real files: the
// broken states in between included, every keystroke's Reflatten equals
// Flatten.
func TestReflattenTypingLines(t *testing.T) {
	files := testseeds.Testdata(t)
	if dir := testseeds.StdlibDir(); dir != "" {
		for _, name := range []string{"queue.py", "contextlib.py", "threading.py"} {
			files = append(files, filepath.Join(dir, name))
		}
	}
	p := NewParser()
	defer p.Close()
	r := rand.New(rand.NewPCG(3, 4))
	lines := []string{"    x = foo(1, [2, 3])\n", "    if y:\n        return {'a': b}\n", "def g(a, *b, **c):\n    yield a\n", "    global counter\n", "    s = f\"{x!r}\"  # comment\n"}
	keystrokes, reused := 0, 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			continue // a standard library without that module
		}
		raw, err := p.ParseRaw(context.Background(), src, nil)
		if err != nil {
			t.Fatal(err)
		}
		flat := Flatten(raw, src)
		// Start of a random line.
		at := r.IntN(len(src) + 1)
		for at > 0 && src[at-1] != '\n' {
			at--
		}
		line := lines[r.IntN(len(lines))]
		step := func(ed Edit, next []byte) {
			raw.Edit(&sitter.InputEdit{
				StartByte: uint(ed.Start), OldEndByte: uint(ed.OldEnd), NewEndByte: uint(ed.NewEnd),
				StartPosition: pointAt(src, ed.Start), OldEndPosition: pointAt(src, ed.OldEnd), NewEndPosition: pointAt(next, ed.NewEnd),
			})
			nraw, err := p.ParseRaw(context.Background(), next, raw)
			if err != nil {
				t.Fatal(err)
			}
			got, n := Reflatten(flat, []Edit{ed}, raw, nraw, next)
			raw.Close()
			if d := diffTrees(got, Flatten(nraw, next)); d != "" {
				t.Fatalf("%s, keystroke %d at %d: %s", f, keystrokes, ed.Start, d)
			}
			keystrokes++
			reused += n
			raw, flat, src = nraw, got, next
		}
		for i := range len(line) { // type
			pos := at + i
			next := append(append(append([]byte{}, src[:pos]...), line[i]), src[pos:]...)
			step(Edit{pos, pos, pos + 1}, next)
		}
		for i := len(line) - 1; i >= 0; i-- { // backspace
			pos := at + i
			next := append(append([]byte{}, src[:pos]...), src[pos+1:]...)
			step(Edit{pos, pos + 1, pos}, next)
		}
		raw.Close()
	}
	t.Logf("%d keystrokes, %d nodes reused", keystrokes, reused)
	if keystrokes < 500 || reused == 0 {
		t.Errorf("%d keystrokes, %d nodes reused: the test exercised too little", keystrokes, reused)
	}
}
