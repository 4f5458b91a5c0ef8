package gc_test

import (
	"testing"

	"github.com/pyhint/pyhint/analyzers/analysistest"
	"github.com/pyhint/pyhint/analyzers/gc"
)

func TestGC(t *testing.T) {
	analysistest.Run(t, "testdata", gc.Analyzer)
}
