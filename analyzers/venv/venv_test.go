package venv_test

import (
	"testing"

	"github.com/pyhint/pyhint/analyzers/analysistest"
	"github.com/pyhint/pyhint/analyzers/venv"
)

func TestVenv(t *testing.T) {
	analysistest.Run(t, "testdata", venv.Analyzer)
}
