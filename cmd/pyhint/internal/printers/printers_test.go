package printers

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/pyhint/pyhint/cmd/pyhint/internal/lint"
	"github.com/pyhint/pyhint/knowledge"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func loadFindings(t *testing.T) []lint.Finding {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "in-findings.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fs []lint.Finding
	if err := json.Unmarshal(data, &fs); err != nil {
		t.Fatal(err)
	}
	return fs
}

func render(t *testing.T, format string, opts Options, fs []lint.Finding) []byte {
	t.Helper()
	p, err := New(format, opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := p.Print(&buf, fs); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// goldenCases are the golden files: every format, and the text format in
// colour and at each explanation level.
var goldenCases = []struct {
	name, format string
	opts         Options
	json         bool
}{
	{"text", "text", Options{}, false},
	{"text-color", "text", Options{Color: true}, false},
	{"text-intermediate", "text", Options{Level: knowledge.Intermediate}, false},
	{"text-expert", "text", Options{Level: knowledge.Expert}, false},
	{"concise", "concise", Options{}, false},
	{"json", "json", Options{}, true},
	{"sarif", "sarif", Options{Version: "1.2.3"}, true},
	{"github", "github", Options{}, false},
	{"gitlab", "gitlab", Options{}, true},
	{"junit", "junit", Options{}, false},
}

func TestGolden(t *testing.T) {
	fs := loadFindings(t)
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			got := render(t, c.format, c.opts, fs)
			path := filepath.Join("testdata", "golden-"+c.name+".txt")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if c.json {
				var g, w any
				if err := json.Unmarshal(got, &g); err != nil {
					t.Fatalf("output is not JSON: %v\n%s", err, got)
				}
				if err := json.Unmarshal(want, &w); err != nil {
					t.Fatalf("golden file is not JSON: %v", err)
				}
				if !reflect.DeepEqual(g, w) {
					t.Errorf("%s differs semantically from %s:\n%s", c.format, path, got)
				}
				return
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (go test -update rewrites it):\n%s", c.format, path, got)
			}
		})
	}
}

// TestEmpty checks what each format prints for a clean run: nothing for the
// line formats, an empty array or log for the JSON ones, one passing test
// for junit.
func TestEmpty(t *testing.T) {
	for _, f := range Formats() {
		out := string(render(t, f, Options{}, nil))
		switch f {
		case "text", "concise", "github":
			if out != "" {
				t.Errorf("%s: %q, want nothing", f, out)
			}
		case "json", "gitlab":
			if strings.TrimSpace(out) != "[]" {
				t.Errorf("%s: %q, want []", f, out)
			}
		case "sarif":
			validateSARIF(t, []byte(out))
			if !strings.Contains(out, `"results": []`) {
				t.Errorf("sarif: want an empty results array:\n%s", out)
			}
		case "junit":
			var doc junitSuites
			if err := xml.Unmarshal([]byte(out), &doc); err != nil || doc.Tests != 1 || doc.Failures != 0 {
				t.Errorf("junit: %v %+v\n%s", err, doc, out)
			}
		default:
			t.Errorf("format %s has no empty-output expectation", f)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := New("xml", Options{}); err == nil || !strings.Contains(err.Error(), "sarif") {
		t.Errorf("New(xml) = %v, want an error listing the formats", err)
	}
}

// sarifSchemaError validates out against the vendored SARIF 2.1.0 schema.
func sarifSchemaError(t *testing.T, out []byte) error {
	t.Helper()
	c := jsonschema.NewCompiler()
	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	schemaDoc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	const url = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, schemaDoc); err != nil {
		t.Fatal(err)
	}
	c.AssertFormat()
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

func validateSARIF(t *testing.T, out []byte) {
	t.Helper()
	if err := sarifSchemaError(t, out); err != nil {
		t.Errorf("sarif output does not validate against the 2.1.0 schema: %v", err)
	}
}

func TestSARIFValidates(t *testing.T) {
	out := render(t, "sarif", Options{Version: "1.2.3"}, loadFindings(t))
	validateSARIF(t, out)

	// The schema check can fail: a result without a message, or a region
	// starting at column 0, is rejected.
	for _, breakIt := range []func(res map[string]any){
		func(res map[string]any) { delete(res, "message") },
		func(res map[string]any) {
			res["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)["region"].(map[string]any)["startColumn"] = 0
		},
	} {
		var log map[string]any
		if err := json.Unmarshal(out, &log); err != nil {
			t.Fatal(err)
		}
		breakIt(log["runs"].([]any)[0].(map[string]any)["results"].([]any)[0].(map[string]any))
		bad, _ := json.Marshal(log)
		if sarifSchemaError(t, bad) == nil {
			t.Error("an invalid SARIF log validated: the schema check proves nothing")
		}
	}
}

func TestSARIFRuleMetadata(t *testing.T) {
	var log sarifLog
	if err := json.Unmarshal(render(t, "sarif", Options{Version: "1.2.3"}, loadFindings(t)), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if run.Tool.Driver.Version != "1.2.3" || run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("driver %+v, columnKind %q", run.Tool.Driver, run.ColumnKind)
	}
	var ids []string
	for _, r := range run.Tool.Driver.Rules {
		ids = append(ids, r.ID)
		d, _ := knowledge.Lookup(r.ID)
		if r.HelpURI != d.URL() || r.Help == nil || !strings.Contains(r.Help.Markdown, d.Title) || r.FullDescription == nil || r.FullDescription.Text != d.Summary {
			t.Errorf("rule %s: metadata not from the knowledge base: %+v", r.ID, r)
		}
	}
	if want := []string{"global-at-module-level", "global-statement", "global-unused", "unused-suppression"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("rules = %v, want the rules reported, sorted: %v", ids, want)
	}
	for _, res := range run.Results {
		if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s points at rule %d", res.RuleID, res.RuleIndex)
		}
	}
	if got := run.Results[3].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "app/sub%20dir/util,v2.py" {
		t.Errorf("uri = %q", got)
	}
	if fileURI("/abs/x y.py") != "file:///abs/x%20y.py" {
		t.Errorf("absolute path: %q", fileURI("/abs/x y.py"))
	}
}

func TestGitHubEscaping(t *testing.T) {
	out := string(render(t, "github", Options{}, loadFindings(t)))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("want one command per finding (a newline in a message must be escaped), got %d lines:\n%s", len(lines), out)
	}
	last := lines[3]
	for _, want := range []string{"::warning file=app/sub dir/util%2Cv2.py,", "title=pyhint global-unused::", "100%25 of uses", "%0Asecond line"} {
		if !strings.Contains(last, want) {
			t.Errorf("missing %q in %q", want, last)
		}
	}
	if !strings.HasPrefix(lines[0], "::notice ") || !strings.HasPrefix(lines[2], "::error ") {
		t.Errorf("severities: hint and info are notices, error an error:\n%s", out)
	}
}

func TestJUnitWellFormed(t *testing.T) {
	out := render(t, "junit", Options{}, loadFindings(t))
	var doc junitSuites
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, out)
	}
	if doc.Tests != 4 || doc.Failures != 4 || len(doc.Suites) != 2 || doc.Suites[0].Tests != 3 {
		t.Errorf("counts: %+v", doc)
	}
	if msg := doc.Suites[1].Cases[0].Failure.Message; !strings.Contains(msg, `<read> & "mutate"`) {
		t.Errorf("message not round-tripped: %q", msg)
	}
}

func TestGitLabFingerprints(t *testing.T) {
	fs := loadFindings(t)
	dup := fs[1]
	dup.Line += 10 // the same finding again, further down
	var issues []gitlabIssue
	if err := json.Unmarshal(render(t, "gitlab", Options{}, append(fs, dup)), &issues); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, is := range issues {
		if seen[is.Fingerprint] {
			t.Errorf("fingerprint %s repeats", is.Fingerprint)
		}
		seen[is.Fingerprint] = true
	}
	// Moving a finding to another line keeps its fingerprint.
	moved := slicesClone(fs)
	moved[1].Line, moved[1].EndLine = 50, 50
	var a, b []gitlabIssue
	json.Unmarshal(render(t, "gitlab", Options{}, fs), &a)
	json.Unmarshal(render(t, "gitlab", Options{}, moved), &b)
	if a[1].Fingerprint != b[1].Fingerprint {
		t.Error("fingerprint depends on the line number")
	}
}

func slicesClone(fs []lint.Finding) []lint.Finding { return append([]lint.Finding(nil), fs...) }

func TestCaret(t *testing.T) {
	cases := []struct {
		line     string
		col, end int
		toEOL    bool
		wantLead string
		wantN    int
		name     string
	}{
		{line: "    global x", col: 5, end: 13, wantLead: "    ", wantN: 8, name: "plain"},
		{line: "\tx = 1", col: 2, end: 3, wantLead: "\t", wantN: 1, name: "tab copied"},
		{line: "字 = 1", col: 3, end: 4, wantLead: "   ", wantN: 1, name: "wide char is two cells"},
		{line: "s = '😀'", col: 6, end: 7, wantLead: "     ", wantN: 2, name: "emoji in range is two cells"},
		{line: "abc", col: 2, end: 2, wantLead: " ", wantN: 1, name: "empty range still one caret"},
		{line: "def f(", col: 5, end: 1, toEOL: true, wantLead: "    ", wantN: 2, name: "range to the next line"},
	}
	for _, c := range cases {
		lead, n := caret(c.line, c.col, c.end, c.toEOL)
		if lead != c.wantLead || n != c.wantN {
			t.Errorf("%s: caret(%q, %d, %d) = %q, %d; want %q, %d", c.name, c.line, c.col, c.end, lead, n, c.wantLead, c.wantN)
		}
	}
	if got := sanitize("x\x1b[31m\ty"); got != "x\uFFFD[31m\ty" {
		t.Errorf("sanitize = %q", got)
	}
}

// TestReportsCarryErrors: a run's errors reach the reports that can hold
// them, so that a CI system reading only the report does not show a clean
// run: SARIF (an invocation that did not succeed, valid against the
// schema), JUnit (test cases in error), GitHub (error commands). The other
// formats print their findings as before.
func TestReportsCarryErrors(t *testing.T) {
	errs := []error{errors.New(`pyproject.toml: [tool.pyhint] select: got the number 3, want a list`), errors.New("b.py: permission denied")}
	print := func(format string, fs []lint.Finding) []byte {
		p, err := New(format, Options{Version: "1.2.3"})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := PrintReport(p, &buf, fs, errs); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}

	out := print("sarif", nil)
	validateSARIF(t, out)
	var log sarifLog
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if inv := log.Runs[0].Invocations; len(inv) != 1 || inv[0].ExecutionSuccessful || len(inv[0].ToolExecutionNotifications) != 2 ||
		inv[0].ToolExecutionNotifications[1].Message.Text != "b.py: permission denied" {
		t.Errorf("sarif invocations: %+v", inv)
	}
	if out := render(t, "sarif", Options{}, nil); strings.Contains(string(out), "invocations") {
		t.Error("a run without errors has an invocation")
	}

	var doc junitSuites
	if err := xml.Unmarshal(print("junit", loadFindings(t)), &doc); err != nil {
		t.Fatal(err)
	}
	last := doc.Suites[len(doc.Suites)-1]
	if doc.Errors != 2 || doc.Tests != 6 || doc.Failures != 4 || last.Errors != 2 || last.Cases[0].Error == nil || !strings.Contains(last.Cases[0].Error.Message, "select") {
		t.Errorf("junit: %+v", doc)
	}
	if err := xml.Unmarshal(print("junit", nil), &doc); err != nil || doc.Tests != 2 || doc.Suites[0].Cases[0].Name == "no findings" {
		t.Errorf("junit without findings but with errors must not report a passing run: %+v", doc)
	}

	gh := string(print("github", nil))
	if !strings.Contains(gh, "::error title=pyhint::pyproject.toml: [tool.pyhint] select: got the number 3, want a list\n") || !strings.Contains(gh, "::error title=pyhint::b.py: permission denied\n") {
		t.Errorf("github: %q", gh)
	}

	if got, want := print("json", loadFindings(t)), render(t, "json", Options{}, loadFindings(t)); !bytes.Equal(got, want) {
		t.Error("json changed with errors")
	}
}
