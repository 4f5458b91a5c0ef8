package checker_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/pyhint/pyhint/analyzers"
	"github.com/pyhint/pyhint/analyzers/checker"
	"github.com/pyhint/pyhint/analyzers/pyts"
)

// The benchmarks read PYHINT_BENCH_DIR (e.g. the Python standard library)
// and process every file on all cores, as the CLI does:
//
//	PYHINT_BENCH_DIR=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])') \
//	  go test ./analyzers/checker -run X -bench . -count 5
//
// BenchmarkStdlib/parse is the floor (tree-sitter parse only); /lint is the
// whole pass. The budget is lint ≤ 1.2 × parse.
func BenchmarkStdlib(b *testing.B) {
	dir := os.Getenv("PYHINT_BENCH_DIR")
	if dir == "" {
		b.Skip("set PYHINT_BENCH_DIR")
	}
	var files [][]byte
	total := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".py") && !strings.Contains(p, "site-packages") {
			if src, err := os.ReadFile(p); err == nil {
				files = append(files, src)
				total += len(src)
			}
		}
		return nil
	})
	c := checker.New(analyzers.All())
	run := func(b *testing.B, lint bool) {
		b.SetBytes(int64(total))
		for b.Loop() {
			work := make(chan []byte)
			var wg sync.WaitGroup
			for w := 0; w < runtime.GOMAXPROCS(0); w++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					p := pyts.NewParser()
					defer p.Close()
					for src := range work {
						if lint {
							if _, _, err := c.CheckSource(context.Background(), p, src); err != nil {
								b.Error(err)
							}
							continue
						}
						t, _ := p.ParseRaw(context.Background(), src, nil)
						t.Close()
					}
				}()
			}
			for _, f := range files {
				work <- f
			}
			close(work)
			wg.Wait()
		}
	}
	b.Run("parse", func(b *testing.B) { run(b, false) })
	b.Run("lint", func(b *testing.B) { run(b, true) })
}
