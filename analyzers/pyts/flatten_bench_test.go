package pyts

import (
	"context"
	"testing"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// BenchmarkFlattenOnly measures Flatten alone over PYHINT_BENCH_DIR, on one
// core (nodes/s is reported).
func BenchmarkFlattenOnly(b *testing.B) {
	files := stdlibFiles(b)
	p := NewParser()
	defer p.Close()
	var trees []*sitter.Tree
	nodes := 0
	for _, f := range files {
		t, _ := p.ParseRaw(context.Background(), f, nil)
		trees = append(trees, t)
	}
	defer func() {
		for _, t := range trees {
			t.Close()
		}
	}()
	for i, t := range trees {
		nodes += Flatten(t, files[i]).Len()
	}
	b.ResetTimer()
	for b.Loop() {
		for i, t := range trees {
			Flatten(t, files[i])
		}
	}
	b.ReportMetric(float64(nodes), "nodes/op")
	b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N)/float64(nodes), "ns/node")
}
