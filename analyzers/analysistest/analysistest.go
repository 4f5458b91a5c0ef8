// Package analysistest runs an analyzer over annotated Python files and
// compares what it reports with the annotations.
//
// Expectations are comments:
//
//	except:  # want "bare except"          a diagnostic on this line, message matching the regexp
//	x = 1    # want [bare-except]          a diagnostic with that rule on this line
//	x = 1    # want [rule] "regexp" "re2"  several on one line
//	# want +1 [rule]                        on the next line
//	global counter
//	#      ^^^^^^^ anchor: global           an anchor for concept global starting at the first
//	                                        caret on the line above (ending at the last caret
//	                                        when it ends on that line); several concepts may follow
//
// "# want" may sit inside another comment (suppression tests). Unexpected and
// unmatched diagnostics both fail; anchors not annotated are allowed. A file
// x.py with a sibling x.py.golden is also checked with every diagnostic's
// first fix applied: the result must equal the golden file and parse cleanly.
package analysistest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/checker"
	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/analyzers/pyts"
)

// Run checks every testdata/*.py file (recursively) under dir with a.
func Run(t *testing.T, dir string, a *analysis.Analyzer) {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".py") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk %s: %v", dir, err)
	}
	if len(files) == 0 {
		t.Fatalf("no .py files under %s", dir)
	}
	sort.Strings(files)
	c := checker.New([]*analysis.Analyzer{a})
	for _, f := range files {
		rel, _ := filepath.Rel(dir, f)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			CheckSource(t, c, f, src)
		})
	}
}

// CheckSource checks one annotated source with c and returns the result.
func CheckSource(t *testing.T, c *checker.Checker, path string, src []byte) *checker.Result {
	t.Helper()
	tree, err := pyts.Parse(src)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	doc := document.New(src)
	res, err := c.Check(context.Background(), doc, tree)
	if err != nil {
		t.Fatalf("check %s: %v", path, err)
	}
	for _, e := range res.Errors {
		t.Errorf("%s: %v", path, e)
	}
	wants, anchors := parseExpectations(t, path, doc, tree)
	checkDiagnostics(t, path, doc, res.Diagnostics, wants)
	checkAnchors(t, path, doc, res.Anchors, anchors)
	if golden, err := os.ReadFile(path + ".golden"); err == nil {
		got, err := ApplyFixes(src, res.Diagnostics)
		if err != nil {
			t.Errorf("%s: applying fixes: %v", path, err)
		} else if string(got) != string(golden) {
			t.Errorf("%s: fixed source differs from %s.golden:\n--- got ---\n%s\n--- want ---\n%s", path, filepath.Base(path), got, golden)
		}
		if ft, _ := pyts.Parse(got); ft == nil || ft.HasError() {
			t.Errorf("%s: fixed source does not parse cleanly", path)
		}
	}
	return res
}

type want struct {
	line  int // 1-based
	rule  string
	re    *regexp.Regexp
	found bool
}

type wantAnchor struct {
	line, startCol, endCol int // 1-based line, 0-based byte columns
	concept                string
	found                  bool
}

var (
	wantRE   = regexp.MustCompile(`#\s*want((?:\s+\+\d+)?)((?:\s+(?:\[[a-z0-9-]+\]|"(?:[^"\\]|\\.)*"))+)`)
	tokenRE  = regexp.MustCompile(`\[([a-z0-9-]+)\]|"((?:[^"\\]|\\.)*)"`)
	anchorRE = regexp.MustCompile(`^#\s*(\^+)\s*anchor:\s*(.+)$`)
)

func parseExpectations(t *testing.T, path string, doc *document.Document, tree *pyts.Tree) ([]*want, []*wantAnchor) {
	t.Helper()
	var wants []*want
	var anchors []*wantAnchor
	for n := pyts.Node(0); int(n) < tree.Len(); n++ {
		if tree.Kind(n) != pyts.Comment {
			continue
		}
		text := tree.Text(n)
		line := doc.LineOf(tree.Start(n)) + 1
		if m := anchorRE.FindStringSubmatch(text); m != nil {
			lineStart := doc.LineStart(line - 1)
			caret := tree.Start(n) - lineStart + strings.Index(text, "^")
			target := line - 1
			for target > 1 && anchorRE.MatchString(strings.TrimSpace(string(doc.Line(target-1)))) {
				target--
			}
			for _, c := range strings.FieldsFunc(m[2], func(r rune) bool { return r == ' ' || r == ',' }) {
				anchors = append(anchors, &wantAnchor{line: target, startCol: caret, endCol: caret + len(m[1]), concept: c})
			}
			continue
		}
		m := wantRE.FindStringSubmatch(text)
		if m == nil {
			if strings.Contains(text, "want") && regexp.MustCompile(`#\s*want\b`).MatchString(text) {
				t.Errorf("%s:%d: malformed want comment %q", path, line, text)
			}
			continue
		}
		if off := strings.TrimSpace(m[1]); off != "" {
			d, _ := strconv.Atoi(off[1:])
			line += d
		}
		var last *want
		for _, tok := range tokenRE.FindAllStringSubmatch(m[2], -1) {
			if tok[1] != "" {
				last = &want{line: line, rule: tok[1]}
				wants = append(wants, last)
				continue
			}
			pattern, err := strconv.Unquote(`"` + tok[2] + `"`)
			if err != nil {
				pattern = tok[2]
			}
			re, err := regexp.Compile(pattern)
			if err != nil {
				t.Fatalf("%s:%d: bad regexp %q: %v", path, line, pattern, err)
			}
			if last != nil && last.re == nil {
				last.re = re
			} else {
				wants = append(wants, &want{line: line, re: re})
			}
			last = nil
		}
	}
	return wants, anchors
}

func checkDiagnostics(t *testing.T, path string, doc *document.Document, diags []analysis.Diagnostic, wants []*want) {
	t.Helper()
	for _, d := range diags {
		line, col := doc.LineCol(d.Range.Start)
		matched := false
		for _, w := range wants {
			if w.found || w.line != line || (w.rule != "" && w.rule != d.Rule) || (w.re != nil && !w.re.MatchString(d.Message)) {
				continue
			}
			w.found, matched = true, true
			break
		}
		if !matched {
			t.Errorf("%s:%d:%d: unexpected diagnostic [%s] %s", path, line, col, d.Rule, d.Message)
		}
	}
	for _, w := range wants {
		if !w.found {
			desc := w.rule
			if w.re != nil {
				desc += " " + strconv.Quote(w.re.String())
			}
			t.Errorf("%s:%d: no diagnostic matching %s", path, w.line, strings.TrimSpace(desc))
		}
	}
}

func checkAnchors(t *testing.T, path string, doc *document.Document, got []analysis.Anchor, wants []*wantAnchor) {
	t.Helper()
	for _, w := range wants {
		lineStart := doc.LineStart(w.line - 1)
		for _, a := range got {
			if a.Concept != w.concept || a.Range.Start != lineStart+w.startCol {
				continue
			}
			if doc.LineOf(a.Range.End) == w.line-1 && a.Range.End != lineStart+w.endCol {
				continue
			}
			w.found = true
			break
		}
		if !w.found {
			var near []string
			for _, a := range got {
				if doc.LineOf(a.Range.Start) == w.line-1 {
					l, c := doc.LineCol(a.Range.Start)
					_, ec := doc.LineCol(a.Range.End)
					near = append(near, fmt.Sprintf("%s@%d:%d-%d", a.Concept, l, c, ec))
				}
			}
			t.Errorf("%s:%d:%d: no %s anchor spanning columns %d-%d (anchors on that line: %v)", path, w.line, w.startCol+1, w.concept, w.startCol+1, w.endCol+1, near)
		}
	}
}

// ApplyFixes applies the first fix of every diagnostic to src. Overlapping
// edits are an error.
func ApplyFixes(src []byte, diags []analysis.Diagnostic) ([]byte, error) {
	var edits []analysis.TextEdit
	for _, d := range diags {
		if len(d.Fixes) > 0 {
			edits = append(edits, d.Fixes[0].Edits...)
		}
	}
	return Apply(src, edits)
}

// Apply applies non-overlapping edits to src (see analysis.ApplyEdits).
func Apply(src []byte, edits []analysis.TextEdit) ([]byte, error) {
	return analysis.ApplyEdits(src, edits)
}
