package pyts

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unsafe"
)

// TestParseStops: a parse whose stop flag is set gives up without a tree,
// and the parser then parses the next text from scratch, correctly.
func TestParseStops(t *testing.T) {
	src := []byte(strings.Repeat("def f(x):\n    return [y for y in x if y]\n", 2000))
	p := NewParser()
	defer p.Close()
	if tree := parseStoppable(p.p, nil, (*_Ctype_char)(unsafe.Pointer(&src[0])), len(src), &[2]int32{1, -1}); tree != nil {
		tree.Close()
		t.Fatal("a stopped parse returned a tree")
	}
	p.renew()
	small := []byte("x = 1\n")
	got, err := p.Parse(context.Background(), small)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Parse(small)
	if d := diffTrees(got, want); d != "" {
		t.Fatalf("after a stopped parse: %s", d)
	}
}

// TestParseRawCancelled: a context that has ended stops ParseRaw with its
// error.
func TestParseRawCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := NewParser()
	defer p.Close()
	if _, err := p.ParseRaw(ctx, []byte("x = 1\n"), nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

// TestParseStoppedAnywhere stops parses of a large file at each of their
// last progress checks (where tree-sitter balances the finished tree) and
// at a spread of earlier ones, and parses again with the same Parser each
// time, as ParseRaw does after a cancelled parse: every parse after a stop
// must give the right tree. tree-sitter 0.25 aborted the process there
// (a parse stopped while balancing is resumed after ts_parser_reset);
// Parser.renew is why it does not.
func TestParseStoppedAnywhere(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 60<<10; i++ {
		fmt.Fprintf(&b, "class C%d:\n    def m(self, x):\n        return [y * %d for y in x if y]\n\n", i, i)
	}
	src := []byte(b.String())
	want, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	p := NewParser()
	defer p.Close()
	// How many progress checks a whole parse makes.
	budget := &[2]int32{0, 1 << 30}
	tree := parseWithFlags(p.p, src, nil, budget)
	if tree == nil {
		t.Fatal("a parse with no stop gave up")
	}
	tree.Close()
	checks := int(1<<30 - budget[1])
	if checks < 50 {
		t.Fatalf("only %d progress checks in a parse of %d bytes", checks, len(src))
	}
	stopped := 0
	for k := 0; k < checks; k++ {
		if k < checks-40 && k%(checks/5+1) != 0 {
			continue
		}
		if tree := parseWithFlags(p.p, src, nil, &[2]int32{0, int32(k)}); tree != nil {
			tree.Close()
		} else {
			stopped++
			p.renew()
		}
		got, err := p.Parse(context.Background(), src)
		if err != nil {
			t.Fatal(err)
		}
		if d := diffTrees(got, want); d != "" {
			t.Fatalf("after a parse stopped at check %d of %d: %s", k, checks, d)
		}
	}
	if stopped == 0 {
		t.Fatal("no parse was stopped: the test tests nothing")
	}
}
