package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// TestMain points the default cache directory at a temporary one, so the
// tests never touch the user's cache.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "pyhint-test-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("PYHINT_CACHE_DIR", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runWith(t, strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{}, args...)
}

// runWith runs pyhint with the given stdin and output writers (which may
// pose as terminals) and returns what they received.
func runWith(t *testing.T, stdin io.Reader, stdout, stderr io.Writer, args ...string) (code int, out, errOut string) {
	t.Helper()
	code = run(context.Background(), args, stdin, stdout, stderr)
	return code, stdout.(fmt.Stringer).String(), stderr.(fmt.Stringer).String()
}

// tty is a buffer that says it is a terminal.
type tty struct{ bytes.Buffer }

func (*tty) IsTerminal() bool { return true }

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// Fixtures whose only findings are global-* and unused-suppression ones.
const (
	pitfall     = "x = 1\n\ndef f():\n    global x\n    x = 2\n"       // global-statement at 4:5
	moduleLevel = "global y\ny = 1\n"                                  // global-at-module-level at 1:1, safe fix
	unusedSupp  = "z = 1  # pyhint: ignore[global-statement]\n"        // unused-suppression, safe fix
	unknownSupp = "z = 1  # pyhint: ignore[no-such-rule]\n"            // unused-suppression, error level
	bothFixes   = "global y  # pyhint: ignore[global-unused]\ny = 1\n" // two overlapping fixes
)

var textLine = regexp.MustCompile(`^(.+):(\d+):(\d+): ([a-z0-9-]+) (.+)$`)

// lintJSON runs lint --format json and decodes the findings.
func lintJSON(t *testing.T, args ...string) (int, []map[string]any, string) {
	t.Helper()
	code, out, errOut := runCmd(t, append([]string{"lint", "--format", "json"}, args...)...)
	var got []map[string]any
	if code != exitError {
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("not a JSON array: %v\n%s\nstderr: %s", err, out, errOut)
		}
	}
	return code, got, errOut
}

func rulesOf(fs []map[string]any) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprint(f["rule"]))
	}
	return out
}

func TestLintExampleText(t *testing.T) {
	code, out, errOut := runCmd(t, "lint", "testdata/example")
	if code != exitFindings {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, errOut)
	}
	want := "testdata/example/inventory.py:16:5: global-statement function record_request rebinds module-level `request_count` (augmented assignment) through global, hidden state every caller shares; pass the value in and return the new one\n" +
		"   |\n" +
		"16 |     global request_count\n" +
		"   |     ^^^^^^^^^^^^^^^^^^^^\n"
	if !strings.Contains(out, want) {
		t.Errorf("text output lacks the finding with its source line and caret:\n%s", out)
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour on a pipe")
	}
	if !regexp.MustCompile(`Found \d+ findings`).MatchString(errOut) {
		t.Errorf("no summary on stderr: %q", errOut)
	}

	code, out, _ = runCmd(t, "lint", "--format", "concise", "testdata/example")
	if code != exitFindings {
		t.Fatalf("concise: exit %d", code)
	}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if !textLine.MatchString(l) {
			t.Errorf("concise line does not match path:line:col: rule message: %q", l)
		}
	}
}

func TestLintDeterministicAcrossJobs(t *testing.T) {
	_, one, _ := runCmd(t, "lint", "--format", "concise", "-jobs", "1", "--no-cache", "testdata/example", "../../analyzers")
	_, many, _ := runCmd(t, "lint", "--format", "concise", "-jobs", "8", "--no-cache", "testdata/example", "../../analyzers")
	if one != many {
		t.Error("output differs between -jobs 1 and -jobs 8")
	}
	type key struct {
		path      string
		line, col int
	}
	var prev *key
	for _, l := range strings.Split(strings.TrimSpace(one), "\n") {
		m := textLine.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		k := key{m[1], atoi(m[2]), atoi(m[3])}
		if prev != nil && (k.path < prev.path || (k.path == prev.path && (k.line < prev.line || (k.line == prev.line && k.col < prev.col)))) {
			t.Errorf("out of order: %v after %v", k, *prev)
		}
		prev = &k
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func TestLintJSON(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.py", "s = '😀'; y = 0\n"+pitfall)
	code, got, errOut := lintJSON(t, dir)
	if code != exitFindings {
		t.Fatalf("exit %d; stderr %s", code, errOut)
	}
	if len(got) != 1 {
		t.Fatalf("got %d findings, want 1: %v", len(got), got)
	}
	f := got[0]
	for _, k := range []string{"path", "line", "column", "end_line", "end_column", "rule", "concept", "severity", "message", "url"} {
		if _, ok := f[k]; !ok {
			t.Errorf("missing key %q", k)
		}
	}
	if f["rule"] != "global-statement" || f["concept"] != "global" || f["line"] != 5.0 || f["column"] != 5.0 || f["end_column"] != 13.0 {
		t.Errorf("finding = %v", f)
	}
	if !strings.HasPrefix(f["url"].(string), "https://docs.python.org/3/") {
		t.Errorf("url = %v", f["url"])
	}
	clean := t.TempDir()
	write(t, clean, "ok.py", "print('hi')\n")
	code, out, _ := runCmd(t, "lint", "-format", "json", clean)
	if code != exitClean || strings.TrimSpace(out) != "[]" {
		t.Errorf("clean: exit %d, out %q", code, out)
	}
}

// TestLintFormats runs every format through the command: each is accepted,
// writes something parseable, and exits 1 on findings.
func TestLintFormats(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.py", pitfall)
	for _, f := range []string{"text", "concise", "json", "sarif", "github", "gitlab", "junit"} {
		code, out, errOut := runCmd(t, "lint", "--format", f, "--select", "global", dir)
		if code != exitFindings || !strings.Contains(out, "global-statement") {
			t.Errorf("%s: exit %d, out %q, err %q", f, code, out, errOut)
		}
	}
}

func TestLintExitCodesAndBadInput(t *testing.T) {
	dir := t.TempDir()
	good := write(t, dir, "good.py", pitfall)
	write(t, dir, "bin.py", "x = 1\x00\x01\x02")
	write(t, dir, "latin1.py", "# coding: latin-1\ns = '\xe9'\n")
	write(t, dir, "venv/lib/skipped.py", pitfall)
	write(t, dir, "node_modules/skipped.py", pitfall)
	write(t, dir, "notes.txt", pitfall)

	code, out, errOut := runCmd(t, "lint", "--format", "concise", dir)
	if code != exitFindings {
		t.Errorf("exit %d, want 1 (warnings do not change the exit code); stderr %s", code, errOut)
	}
	if strings.Count(out, "\n") != 1 || !strings.Contains(out, "good.py:4:5") {
		t.Errorf("want exactly the good.py finding, got:\n%s", out)
	}
	for _, w := range []string{"bin.py: binary file", "latin1.py: not valid UTF-8"} {
		if !strings.Contains(errOut, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errOut)
		}
	}

	// A missing path: exit 2, but what could be read is still reported.
	code, out, errOut = runCmd(t, "lint", "--format", "concise", good, filepath.Join(dir, "missing.py"))
	if code != exitError || !strings.Contains(out, "good.py:4:5") || !strings.Contains(errOut, "missing.py") {
		t.Errorf("missing path: exit %d, out %q, err %q", code, out, errOut)
	}

	if runtime.GOOS != "windows" && os.Geteuid() != 0 {
		unreadable := write(t, dir, "secret/x.py", pitfall)
		os.Chmod(unreadable, 0)
		code, _, errOut = runCmd(t, "lint", unreadable)
		if code != exitError || !strings.Contains(errOut, "permission denied") {
			t.Errorf("unreadable: exit %d, err %q", code, errOut)
		}
	}

	for _, args := range [][]string{
		{"lint"}, {"lint", "-format", "xml", good}, {"lint", "-select", "no-such-rule", good},
		{"lint", "--ignore", "globl", good}, {"lint", "--color", "sometimes", good},
		{"lint", "--explanation-level", "guru", good}, {"lint", "--unsafe-fixes", good},
		{"lint", "--statistics", "--format", "sarif", good}, {"lint", "--stdin-filename", "x.py", good},
		{"lint", "--no-such-flag", good}, {"frobnicate"}, {},
	} {
		if code, _, _ := runCmd(t, args...); code != exitError {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, out, _ := runCmd(t, "lint", "-ignore", "global", good); code != exitClean || out != "" {
		t.Errorf("-ignore global: exit %d out %q", code, out)
	}
	if code, _, _ := runCmd(t, "lint", "-select", "global-unused", good); code != exitClean {
		t.Errorf("-select global-unused: exit %d", code)
	}
}

func TestLintExitZero(t *testing.T) {
	dir := t.TempDir()
	good := write(t, dir, "good.py", pitfall)
	code, out, _ := runCmd(t, "lint", "--exit-zero", good)
	if code != exitClean || !strings.Contains(out, "global-statement") {
		t.Errorf("--exit-zero with findings: exit %d, out %q", code, out)
	}
	if code, _, _ := runCmd(t, "lint", "--exit-zero", good, filepath.Join(dir, "missing.py")); code != exitError {
		t.Errorf("--exit-zero does not hide errors: exit %d, want 2", code)
	}
}

func TestLintInterspersedFlags(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.py", pitfall)
	code, out, _ := runCmd(t, "lint", dir, "--format", "concise")
	if code != exitFindings || !textLine.MatchString(strings.TrimSpace(out)) {
		t.Errorf("flag after the path ignored: exit %d\n%s", code, out)
	}
	dash := write(t, dir, "-odd.py", pitfall)
	code, out, _ = runCmd(t, "lint", "--format", "concise", "--", dash)
	if code != exitFindings || !strings.Contains(out, "-odd.py:4:5") {
		t.Errorf("path after --: exit %d\n%s", code, out)
	}
}

func TestLintSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "pkg/a.py", pitfall)
	if err := os.Symlink(dir, filepath.Join(dir, "pkg", "loop")); err != nil {
		t.Skip("symlinks unsupported:", err)
	}
	code, out, _ := runCmd(t, "lint", "--format", "concise", dir)
	if code != exitFindings || strings.Count(out, "\n") != 1 {
		t.Errorf("exit %d, out %q: the link must not be followed", code, out)
	}
	// A link to itself named on the command line is an error, not a hang.
	self := filepath.Join(dir, "self.py")
	if err := os.Symlink(self, self); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCmd(t, "lint", self)
	if code != exitError || !strings.Contains(errOut, "self.py") {
		t.Errorf("self link: exit %d, stderr %q", code, errOut)
	}
}

func TestExplain(t *testing.T) {
	code, out, _ := runCmd(t, "explain")
	if code != exitClean || !strings.Contains(out, "Concepts:") || !strings.Contains(out, "Rules:") {
		t.Fatalf("list: exit %d\n%s", code, out)
	}
	for _, id := range []string{"global", "gil", "bare-except", "str-without-repr"} {
		if !regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(id) + `\s+\S`).MatchString(out) {
			t.Errorf("list lacks %s with a summary", id)
		}
	}
	code, out, _ = runCmd(t, "explain", "global")
	if code != exitClean || !strings.Contains(out, "global") || strings.Contains(out, "```") {
		t.Errorf("explain global (text): exit %d\n%s", code, out)
	}
	code, out, _ = runCmd(t, "explain", "-format", "markdown", "bare-except")
	if code != exitClean || !strings.Contains(out, "```python") {
		t.Errorf("explain bare-except markdown: exit %d\n%s", code, out)
	}
	code, out, _ = runCmd(t, "explain", "-level", "expert", "gil")
	if code != exitClean || strings.Count(strings.TrimSpace(out), "\n") > 2 {
		t.Errorf("expert level should be a line and a link:\n%s", out)
	}
	code, _, errOut := runCmd(t, "explain", "globl")
	if code != exitError || !strings.Contains(errOut, "global") {
		t.Errorf("unknown id: exit %d, stderr %q", code, errOut)
	}
	// A rule's document says whether it is on by default and fixable.
	_, out, _ = runCmd(t, "explain", "global-at-module-level")
	if !strings.Contains(out, "on by default") || !strings.Contains(out, "safe fix available") {
		t.Errorf("rule facts missing:\n%s", out)
	}
	if code, _, _ := runCmd(t, "explain", "--format", "yaml", "global"); code != exitError {
		t.Errorf("unknown explain format: exit %d", code)
	}
}

func TestExplainJSON(t *testing.T) {
	code, out, _ := runCmd(t, "explain", "--format", "json", "global-at-module-level")
	if code != exitClean {
		t.Fatalf("exit %d", code)
	}
	var d map[string]any
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	want := map[string]any{"id": "global-at-module-level", "kind": "rule", "concept": "global", "severity": "hint", "default": true, "fix": "safe", "fixable": true, "registered": true}
	for k, v := range want {
		if d[k] != v {
			t.Errorf("%s = %v, want %v", k, d[k], v)
		}
	}
	if md, _ := d["markdown"].(string); !strings.HasPrefix(md, "# Global statement at module level") {
		t.Errorf("markdown = %q", md)
	}
	if secs, _ := d["sections"].([]any); len(secs) == 0 {
		t.Error("no sections")
	}
	_, out, _ = runCmd(t, "explain", "--format", "json", "global-statement")
	json.Unmarshal([]byte(out), &d)
	if d["fixable"] != false || d["fix"] != "none" {
		t.Errorf("global-statement: fixable %v fix %v", d["fixable"], d["fix"])
	}
	code, out, _ = runCmd(t, "explain", "--format", "json")
	var all []map[string]any
	if err := json.Unmarshal([]byte(out), &all); code != exitClean || err != nil {
		t.Fatalf("list: exit %d, %v", code, err)
	}
	kinds := map[string]int{}
	for _, d := range all {
		kinds[d["kind"].(string)]++
		if d["kind"] == "concept" && d["default"] != nil {
			t.Errorf("concept %v has rule facts", d["id"])
		}
	}
	if kinds["concept"] < 10 || kinds["rule"] < 10 {
		t.Errorf("list kinds = %v", kinds)
	}
}
