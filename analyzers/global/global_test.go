package global_test

import (
	"testing"

	"github.com/pyhint/pyhint/analyzers/analysistest"
	"github.com/pyhint/pyhint/analyzers/global"
)

func TestGlobal(t *testing.T) {
	analysistest.Run(t, "testdata", global.Analyzer)
}
