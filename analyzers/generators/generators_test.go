package generators_test

import (
	"testing"

	"github.com/pyhint/pyhint/analyzers/analysistest"
	"github.com/pyhint/pyhint/analyzers/generators"
)

func TestGenerators(t *testing.T) {
	analysistest.Run(t, "testdata", generators.Analyzer)
}
