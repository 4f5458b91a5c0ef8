package suppress_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/analysistest"
	"github.com/pyhint/pyhint/analyzers/checker"
	"github.com/pyhint/pyhint/analyzers/global"
)

func TestSuppressions(t *testing.T) {
	known := func(r string) bool {
		return r == "global-statement" || r == "global-unused" || r == "global-at-module-level" || r == "bare-except"
	}
	c := checker.New([]*analysis.Analyzer{global.Analyzer}).WithSuppressions(known)
	files, _ := filepath.Glob("testdata/*.py")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			analysistest.CheckSource(t, c, f, src)
		})
	}
}
