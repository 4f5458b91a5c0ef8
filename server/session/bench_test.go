package session

import (
	"context"
	"strings"
	"testing"

	"github.com/pyhint/pyhint/analyzers"
	"github.com/pyhint/pyhint/analyzers/checker"
	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/analyzers/pyts"
	"github.com/pyhint/pyhint/server/internal/workload"
)

// BenchmarkChange: a one-character edit of a 10,000-line file to its new
// snapshot (incremental reparse, flattening, analysis), without the LSP
// layer. Compare BenchmarkFullParse and BenchmarkCheck for the parts.
func BenchmarkChange(b *testing.B) { benchChange(b, workload.PythonFile(10000)) }

// BenchmarkChangeInFunction: BenchmarkChange for a letter typed in a
// function in the middle of the file (a call's name: `sum` and `xum`).
func BenchmarkChangeInFunction(b *testing.B) {
	text := workload.PythonFile(10000)
	mid := len(text)/2 + strings.Index(text[len(text)/2:], "return sum(")
	line := strings.Count(text[:mid], "\n")
	col := mid - strings.LastIndex(text[:mid], "\n") - 1 + len("return ")
	benchChangeAt(b, text, line, col, "x", "s")
}

// benchChange opens text and times a one-character edit of its first line
// (toggling "global g0" and "#lobal g0") to the new snapshot.
func benchChange(b *testing.B, text string) { benchChangeAt(b, text, 0, 0, "#", "g") }

// benchChangeAt opens text and times a one-character edit at line and col,
// to a and back to z in turn, to the new snapshot.
func benchChangeAt(b *testing.B, text string, line, col int, a, z string) {
	s, err := New(Options{Checker: checker.New(analyzers.All()).WithSuppressions(func(string) bool { return true })})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Shutdown()
	const uri = "file:///big.py"
	if err := s.Open(uri, 1, text); err != nil {
		b.Fatal(err)
	}
	if _, err := s.Snapshot(context.Background(), uri); err != nil {
		b.Fatal(err)
	}
	v := int32(1)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v++
		ch := a
		if v%2 == 1 {
			ch = z
		}
		r := &Range{document.Position{Line: line, Character: col}, document.Position{Line: line, Character: col + 1}}
		if err := s.Change(uri, v, []Change{{Range: r, Text: ch}}); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Snapshot(context.Background(), uri); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFlatten: flattening the tree of a 10,000-line file.
func BenchmarkFlatten(b *testing.B) {
	src := []byte(workload.PythonFile(10000))
	p := pyts.NewParser()
	defer p.Close()
	raw, err := p.ParseRaw(context.Background(), src, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		pyts.Flatten(raw, src)
	}
}

// BenchmarkCheck: the checker alone on a 10,000-line file.
func BenchmarkCheck(b *testing.B) {
	src := []byte(workload.PythonFile(10000))
	tree, err := pyts.Parse(src)
	if err != nil {
		b.Fatal(err)
	}
	doc := document.New(src)
	c := checker.New(analyzers.All()).WithSuppressions(func(string) bool { return true })
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.Check(context.Background(), doc, tree); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkChangeBroken: BenchmarkChange on a file with a syntax error in
// one function, which the session parses and flattens afresh on every edit
// (see parse: tree-sitter's incremental recovery from errors can differ
// from a fresh parse; and comparing a fresh tree with the old one through
// changed ranges is not exact: the differential test caught statements
// whose nodes moved between siblings at the same total size).
func BenchmarkChangeBroken(b *testing.B) {
	text := workload.PythonFile(10000)
	mid := strings.Index(text[len(text)/2:], "    squares = [") + len(text)/2
	benchChange(b, text[:mid]+"    broken = (\n"+text[mid:])
}
