package exceptions_test

import (
	"testing"

	"github.com/pyhint/pyhint/analyzers/analysistest"
	"github.com/pyhint/pyhint/analyzers/exceptions"
)

func TestExceptions(t *testing.T) {
	analysistest.Run(t, "testdata", exceptions.Analyzer)
}
