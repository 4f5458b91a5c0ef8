package multiprocessing_test

import (
	"testing"

	"github.com/pyhint/pyhint/analyzers/analysistest"
	"github.com/pyhint/pyhint/analyzers/multiprocessing"
)

func TestMultiprocessing(t *testing.T) {
	analysistest.Run(t, "testdata", multiprocessing.Analyzer)
}
