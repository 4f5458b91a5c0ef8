package decorators_test

import (
	"testing"

	"github.com/pyhint/pyhint/analyzers/analysistest"
	"github.com/pyhint/pyhint/analyzers/decorators"
)

func TestDecorators(t *testing.T) {
	analysistest.Run(t, "testdata", decorators.Analyzer)
}
