package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

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

const pitfall = "x = 1\n\ndef f():\n    global x\n    x = 2\n"

var textLine = regexp.MustCompile(`^(.+):(\d+):(\d+): ([a-z0-9-]+) (.+)$`)

func TestLintExampleText(t *testing.T) {
	code, out, errOut := runCmd(t, "lint", "testdata/example")
	if code != exitFindings {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for _, l := range lines {
		if !textLine.MatchString(l) {
			t.Errorf("line does not match path:line:col: rule message: %q", l)
		}
	}
	if !strings.Contains(out, "testdata/example/inventory.py:16:5: global-statement ") {
		t.Errorf("missing the global-statement finding:\n%s", out)
	}
}

func TestLintDeterministicAcrossJobs(t *testing.T) {
	_, one, _ := runCmd(t, "lint", "-jobs", "1", "testdata/example", "../../analyzers")
	_, many, _ := runCmd(t, "lint", "-jobs", "8", "testdata/example", "../../analyzers")
	if one != many {
		t.Error("output differs between -jobs 1 and -jobs 8")
	}
	// Sorted by path, then line, then column.
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
	code, out, errOut := runCmd(t, "lint", "-format", "json", dir)
	if code != exitFindings {
		t.Fatalf("exit %d; stderr %s", code, errOut)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, out)
	}
	if len(got) != 1 {
		t.Fatalf("got %d findings, want 1: %s", len(got), out)
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
	// A clean tree prints an empty array and exits 0.
	clean := t.TempDir()
	write(t, clean, "ok.py", "print('hi')\n")
	code, out, _ = runCmd(t, "lint", "-format", "json", clean)
	if code != exitClean || strings.TrimSpace(out) != "[]" {
		t.Errorf("clean: exit %d, out %q", code, out)
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

	code, out, errOut := runCmd(t, "lint", dir)
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
	code, out, errOut = runCmd(t, "lint", good, filepath.Join(dir, "missing.py"))
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

	for _, args := range [][]string{{"lint"}, {"lint", "-format", "xml", good}, {"lint", "-select", "no-such-rule", good}, {"frobnicate"}, {}} {
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

func TestLintSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "pkg/a.py", pitfall)
	if err := os.Symlink(dir, filepath.Join(dir, "pkg", "loop")); err != nil {
		t.Skip("symlinks unsupported:", err)
	}
	code, out, _ := runCmd(t, "lint", dir)
	if code != exitFindings || strings.Count(out, "\n") != 1 {
		t.Errorf("exit %d, out %q: the link must not be followed", code, out)
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
}
