package repr_test

import (
	"os"
	"strings"
	"testing"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/analysistest"
	"github.com/pyhint/pyhint/analyzers/checker"
	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/analyzers/repr"
)

func TestRepr(t *testing.T) {
	analysistest.Run(t, "testdata", repr.Analyzer)
}

// TestNoAnchors checks that lines marked "# no anchor" carry no anchor: the
// caret annotations of analysistest only check presence.
func TestNoAnchors(t *testing.T) {
	const path = "testdata/clean.py"
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c := checker.New([]*analysis.Analyzer{repr.Analyzer})
	res := analysistest.CheckSource(t, c, path, src)
	doc := document.New(src)
	marked := 0
	for i, line := range strings.Split(string(src), "\n") {
		if !strings.HasSuffix(line, "# no anchor") {
			continue
		}
		marked++
		for _, a := range res.Anchors {
			if doc.LineOf(a.Range.Start) == i {
				t.Errorf("%s:%d: unexpected anchor %q (%s)", path, i+1, src[a.Range.Start:a.Range.End], a.Hint)
			}
		}
	}
	if marked == 0 {
		t.Fatal("no lines marked # no anchor")
	}
}
