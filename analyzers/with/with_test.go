package with_test

import (
	"context"
	"testing"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/analysistest"
	"github.com/pyhint/pyhint/analyzers/checker"
	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/analyzers/pyts"
	"github.com/pyhint/pyhint/analyzers/with"
)

func TestWith(t *testing.T) {
	analysistest.Run(t, "testdata", with.Analyzer)
}

// TestDecoratorAnchor checks the @contextmanager anchor, which a caret line
// cannot annotate: tree-sitter rejects a comment dedented below a decorator.
func TestDecoratorAnchor(t *testing.T) {
	src := []byte("import contextlib\n\nclass C:\n    @staticmethod\n    @contextlib.contextmanager\n    def tag(name):\n        yield name\n")
	tree, err := pyts.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	res, err := checker.New([]*analysis.Analyzer{with.Analyzer}).Check(context.Background(), document.New(src), tree)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range res.Anchors {
		if string(src[a.Range.Start:a.Range.End]) == "@contextlib.contextmanager" && a.Concept == "with" && a.Hint != "" {
			return
		}
	}
	t.Errorf("no with anchor on the decorator; anchors: %+v", res.Anchors)
}
