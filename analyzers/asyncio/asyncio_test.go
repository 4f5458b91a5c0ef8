package asyncio_test

import (
	"testing"

	"github.com/pyhint/pyhint/analyzers/analysistest"
	"github.com/pyhint/pyhint/analyzers/asyncio"
)

func TestAsyncio(t *testing.T) {
	analysistest.Run(t, "testdata", asyncio.Analyzer)
}
