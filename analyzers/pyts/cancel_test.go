package pyts

import (
	"context"
	"errors"
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
	stop := int32(1)
	if tree := parseStoppable(p.p, nil, (*_Ctype_char)(unsafe.Pointer(&src[0])), len(src), &stop); tree != nil {
		tree.Close()
		t.Fatal("a stopped parse returned a tree")
	}
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
