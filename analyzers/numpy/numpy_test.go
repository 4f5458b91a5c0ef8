package numpy_test

import (
	"testing"

	"github.com/pyhint/pyhint/analyzers/analysistest"
	"github.com/pyhint/pyhint/analyzers/numpy"
)

func TestNumpy(t *testing.T) {
	analysistest.Run(t, "testdata", numpy.Analyzer)
}
