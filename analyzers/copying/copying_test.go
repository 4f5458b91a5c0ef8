package copying_test

import (
	"testing"

	"github.com/pyhint/pyhint/analyzers/analysistest"
	"github.com/pyhint/pyhint/analyzers/copying"
)

func TestCopying(t *testing.T) {
	analysistest.Run(t, "testdata", copying.Analyzer)
}
