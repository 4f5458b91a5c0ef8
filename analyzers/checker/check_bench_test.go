package checker_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pyhint/pyhint/analyzers"
	"github.com/pyhint/pyhint/analyzers/checker"
	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/analyzers/pyts"
)

// BenchmarkCheckOnly measures the analysis alone (facts, walk, analyzers)
// over trees parsed beforehand from PYHINT_BENCH_DIR, on one core, and
// reports ns per node.
func BenchmarkCheckOnly(b *testing.B) {
	dir := os.Getenv("PYHINT_BENCH_DIR")
	if dir == "" {
		b.Skip("set PYHINT_BENCH_DIR")
	}
	var trees []*pyts.Tree
	var docs []*document.Document
	nodes := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".py") && !strings.Contains(p, "site-packages") {
			if src, err := os.ReadFile(p); err == nil {
				t, err := pyts.Parse(src)
				if err == nil {
					trees = append(trees, t)
					docs = append(docs, document.New(src))
					nodes += t.Len()
				}
			}
		}
		return nil
	})
	c := checker.New(analyzers.All())
	b.ResetTimer()
	for b.Loop() {
		for i, t := range trees {
			if _, err := c.Check(context.Background(), docs[i], t); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N)/float64(nodes), "ns/node")
}
