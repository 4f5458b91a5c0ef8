package threading_test

import (
	"testing"

	"github.com/pyhint/pyhint/analyzers/analysistest"
	"github.com/pyhint/pyhint/analyzers/threading"
)

func TestThreading(t *testing.T) {
	analysistest.Run(t, "testdata", threading.Analyzer)
}
