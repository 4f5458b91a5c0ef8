package classes_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/analysistest"
	"github.com/pyhint/pyhint/analyzers/checker"
	"github.com/pyhint/pyhint/analyzers/classes"
	"github.com/pyhint/pyhint/analyzers/document"
)

func TestClasses(t *testing.T) {
	analysistest.Run(t, "testdata", classes.Analyzer)
}

// TestLineMarkers checks two markers the caret annotations of analysistest
// cannot express:
//
//	@classmethod  # hint: receives the class
//
// wants an anchor spanning the code of that line with that hint (a caret
// line cannot sit between a decorator and its def: tree-sitter rejects the
// dedented comment), and
//
//	def helper(self):  # no anchor
//
// wants no anchor at all on that line.
func TestLineMarkers(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.py")
	c := checker.New([]*analysis.Analyzer{classes.Analyzer})
	var hints, none int
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		res := analysistest.CheckSource(t, c, path, src)
		doc := document.New(src)
		for i, line := range strings.Split(string(src), "\n") {
			var onLine []analysis.Anchor
			for _, a := range res.Anchors {
				if doc.LineOf(a.Range.Start) == i {
					onLine = append(onLine, a)
				}
			}
			switch {
			case strings.HasSuffix(line, "# no anchor"):
				none++
				for _, a := range onLine {
					t.Errorf("%s:%d: unexpected anchor %q (%s)", path, i+1, src[a.Range.Start:a.Range.End], a.Hint)
				}
			case strings.Contains(line, "  # hint: "):
				hints++
				j := strings.Index(line, "  # hint: ")
				code, hint := line[:j], line[j+len("  # hint: "):]
				start := doc.LineStart(i) + len(code) - len(strings.TrimLeft(code, " "))
				end := doc.LineStart(i) + len(code)
				found := false
				for _, a := range onLine {
					if a.Concept == "classes" && a.Hint == hint && a.Range.Start == start && a.Range.End == end {
						found = true
					}
				}
				if !found {
					t.Errorf("%s:%d: no classes anchor %q spanning %q (got %v)", path, i+1, hint, strings.TrimSpace(code), onLine)
				}
			}
		}
	}
	if hints == 0 || none == 0 {
		t.Fatalf("markers: %d hint, %d no-anchor; want both", hints, none)
	}
}
