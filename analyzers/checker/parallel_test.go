package checker_test

import (
	"context"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/pyhint/pyhint/analyzers"
	"github.com/pyhint/pyhint/analyzers/checker"
	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/analyzers/internal/testseeds"
	"github.com/pyhint/pyhint/analyzers/pyts"
)

// TestParallelMatchesSequential: a parallel walk finds exactly what one
// walk finds, on a large file made of every analyzer's testdata that
// parses without error, and on the same file with a syntax error in the
// middle.
func TestParallelMatchesSequential(t *testing.T) {
	files := testseeds.Testdata(t)
	var b strings.Builder
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if tree, err := pyts.Parse(src); err != nil || tree.HasError() {
			continue
		}
		b.Write(src)
		b.WriteString("\n")
	}
	whole := b.String()
	mid := len(whole) / 2
	for whole[mid] != '\n' {
		mid++
	}
	broken := whole[:mid] + "\ndef broken():\n    return x +\n" + whole[mid:]
	seq := checker.New(analyzers.All()).WithSuppressions(func(string) bool { return true })
	for name, src := range map[string]string{"valid": whole, "broken": broken} {
		tree, err := pyts.Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if tree.Len() < checker.ParallelMinNodes {
			t.Fatalf("%s: %d nodes, below the parallel threshold", name, tree.Len())
		}
		doc := document.New([]byte(src))
		want, err := seq.Check(context.Background(), doc, tree)
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Diagnostics) < 50 || len(want.Anchors) < 200 {
			t.Fatalf("%s: only %d diagnostics and %d anchors: the corpus is too small to compare", name, len(want.Diagnostics), len(want.Anchors))
		}
		for _, n := range []int{2, 3, 8} {
			got, err := seq.WithParallel(n).Check(context.Background(), doc, tree)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Diagnostics, want.Diagnostics) {
				t.Errorf("%s, %d goroutines: diagnostics differ (%d vs %d)", name, n, len(got.Diagnostics), len(want.Diagnostics))
			}
			if !reflect.DeepEqual(got.Anchors, want.Anchors) {
				t.Errorf("%s, %d goroutines: anchors differ (%d vs %d)", name, n, len(got.Anchors), len(want.Anchors))
			}
			if len(got.Errors) != len(want.Errors) {
				t.Errorf("%s, %d goroutines: %d errors, want %d", name, n, len(got.Errors), len(want.Errors))
			}
		}
	}
}

// TestParallelPanicLikeSequential: an analyzer that panics is stopped the
// same way in a parallel walk as in one walk.
func TestParallelPanicLikeSequential(t *testing.T) {
	src := strings.Repeat("f(1)\ng(2)\n", 5000)
	c := checker.New(append(analyzers.All(), panicky, callRule))
	tree, _ := pyts.Parse([]byte(src))
	doc := document.New([]byte(src))
	want, _ := c.Check(context.Background(), doc, tree)
	got, _ := c.WithParallel(2).Check(context.Background(), doc, tree)
	if len(want.Errors) != 1 || len(got.Errors) != 1 {
		t.Fatalf("errors: sequential %d, parallel %d; want 1 each", len(want.Errors), len(got.Errors))
	}
	if !reflect.DeepEqual(got.Diagnostics, want.Diagnostics) || len(got.Diagnostics) != 10000 {
		t.Errorf("diagnostics differ: %d vs %d (want 10000)", len(got.Diagnostics), len(want.Diagnostics))
	}
}
