package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// This file tests the lint command's configuration, discovery, fixes,
// cache and output options end to end.

func TestConfigPerPath(t *testing.T) {
	root := t.TempDir()
	// Two projects side by side, each with its own [tool.pyhint].
	write(t, root, "a/pyproject.toml", "[tool.pyhint]\nignore = [\"global-statement\"]\n")
	write(t, root, "a/pkg/m.py", pitfall+moduleLevel)
	write(t, root, "b/pyproject.toml", "[tool.pyhint]\nselect = [\"global-statement\"]\n[tool.pyhint.severity]\nglobal-statement = \"error\"\n[tool.pyhint.per-file-ignores]\n\"tests/*\" = [\"global\"]\n")
	write(t, root, "b/m.py", pitfall+moduleLevel)
	write(t, root, "b/tests/deep/t.py", pitfall)
	// A pyproject.toml without the table does not stop the walk up.
	write(t, root, "a/pkg/pyproject.toml", "[project]\nname = \"x\"\n")

	code, got, errOut := lintJSON(t, filepath.Join(root, "a"), filepath.Join(root, "b"))
	if code != exitFindings {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var summary []string
	for _, f := range got {
		rel, _ := filepath.Rel(root, f["path"].(string))
		summary = append(summary, fmt.Sprintf("%s %s %s", filepath.ToSlash(rel), f["rule"], f["severity"]))
	}
	want := []string{
		"a/pkg/m.py global-at-module-level hint", // a ignores global-statement
		"b/m.py global-statement error",          // b selects only global-statement, as an error
	}
	if !slices.Equal(summary, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(summary, "\n"), strings.Join(want, "\n"))
	}
}

func TestConfigFlagAndOverrides(t *testing.T) {
	root := t.TempDir()
	write(t, root, "pyproject.toml", "[tool.pyhint]\nignore = [\"global-statement\"]\n")
	src := write(t, root, "m.py", pitfall+moduleLevel)
	other := write(t, t.TempDir(), "other.toml", "[tool.pyhint]\nselect = [\"global-statement\"]\n")

	check := func(name string, want []string, args ...string) {
		t.Helper()
		_, got, errOut := lintJSON(t, args...)
		if r := rulesOf(got); !slices.Equal(r, want) {
			t.Errorf("%s: rules %v, want %v (stderr %s)", name, r, want, errOut)
		}
	}
	check("discovered", []string{"global-at-module-level"}, src)
	check("--config replaces discovery", []string{"global-statement"}, "--config", other, src)
	check("--select overrides the file's ignore", []string{"global-statement"}, "--select", "global-statement", src)
	check("--ignore adds to the file's ignore", nil, "--ignore", "global-at-module-level", src)

	// explanation-level from the config governs the text format's help.
	write(t, root, "pyproject.toml", "[tool.pyhint]\nexplanation-level = \"expert\"\n")
	_, out, _ := runCmd(t, "lint", "--config", filepath.Join(root, "pyproject.toml"), src)
	if strings.Contains(out, "= see:") || !strings.Contains(out, "^^^") {
		t.Errorf("expert level still prints help:\n%s", out)
	}
	_, out, _ = runCmd(t, "lint", "--config", filepath.Join(root, "pyproject.toml"), "--explanation-level", "intermediate", src)
	if !strings.Contains(out, "= see: https://") || strings.Contains(out, "= why:") {
		t.Errorf("--explanation-level intermediate:\n%s", out)
	}
	// A --config file without the table is used, with a warning.
	empty := write(t, t.TempDir(), "empty.toml", "[project]\nname = \"x\"\n")
	code, _, errOut := runCmd(t, "lint", "--config", empty, src)
	if code != exitFindings || !strings.Contains(errOut, "no [tool.pyhint] table") {
		t.Errorf("--config without the table: exit %d, stderr %q", code, errOut)
	}
}

func TestBadConfig(t *testing.T) {
	cases := []struct{ toml, want string }{
		{"[tool.pyhint]\nselectt = [\"global\"]\n", "selectt: unknown key"},
		{"[tool.pyhint]\nselect = [\"globl\"]\n", `select: unknown rule or concept "globl" (did you mean "global"?)`},
		{"[tool.pyhint.severity]\nglobal-statement = \"fatal\"\n", `severity.global-statement: got "fatal", want one of error, warning, info, hint`},
		{"[tool.pyhint]\nexplanation-level = \"guru\"\n", `explanation-level: got "guru"`},
		{"[tool.pyhint]\nexclude = [\"[\"]\n", `exclude: bad pattern "["`},
		{"[tool.pyhint\n", "invalid TOML"},
	}
	for _, c := range cases {
		root := t.TempDir()
		cfg := write(t, root, "pyproject.toml", c.toml)
		src := write(t, root, "sub/m.py", pitfall)
		for _, args := range [][]string{{"lint", src}, {"lint", "--config", cfg, src}, {"lint", root}} {
			code, out, errOut := runCmd(t, args...)
			if code != exitError || !strings.Contains(errOut, cfg) || !strings.Contains(errOut, c.want) {
				t.Errorf("%q with %v: exit %d, stderr %q; want 2 and the file and %q", c.toml, args[1:], code, errOut, c.want)
			}
			if out != "" {
				t.Errorf("%q: a bad config still linted: %q", c.toml, out)
			}
		}
	}
	if code, _, errOut := runCmd(t, "lint", "--config", filepath.Join(t.TempDir(), "none.toml"), "."); code != exitError || !strings.Contains(errOut, "none.toml") {
		t.Errorf("missing --config file: exit %d, %q", code, errOut)
	}
	// A pyproject.toml that cannot be read (here a directory, which even
	// root cannot read as a file).
	root := t.TempDir()
	os.Mkdir(filepath.Join(root, "pyproject.toml"), 0o755)
	src := write(t, root, "m.py", pitfall)
	if code, _, errOut := runCmd(t, "lint", src); code != exitError || !strings.Contains(errOut, "pyproject.toml: a directory, not a regular file") {
		t.Errorf("unreadable pyproject.toml: exit %d, %q", code, errOut)
	}
	if runtime.GOOS != "windows" && os.Geteuid() != 0 {
		root := t.TempDir()
		cfg := write(t, root, "pyproject.toml", "[tool.pyhint]\n")
		src := write(t, root, "m.py", pitfall)
		os.Chmod(cfg, 0)
		if code, _, errOut := runCmd(t, "lint", src); code != exitError || !strings.Contains(errOut, "permission denied") {
			t.Errorf("unreadable pyproject.toml: exit %d, %q", code, errOut)
		}
	}
}

func TestExcludes(t *testing.T) {
	root := t.TempDir()
	write(t, root, "pyproject.toml", "[tool.pyhint]\nextend-exclude = [\"generated\", \"src/legacy/*\", \"*_pb2.py\"]\n")
	write(t, root, "src/app.py", pitfall)
	write(t, root, "src/generated/g.py", pitfall)
	write(t, root, "src/legacy/deep/l.py", pitfall)
	write(t, root, "src/msg_pb2.py", pitfall)
	write(t, root, ".venv/lib/v.py", pitfall)
	named := filepath.Join(root, "src", "generated", "g.py")

	code, out, _ := runCmd(t, "lint", "--format", "concise", root)
	if code != exitFindings || strings.Count(out, "\n") != 1 || !strings.Contains(out, "app.py") {
		t.Errorf("walk: exit %d, want only app.py:\n%s", code, out)
	}
	// A file named explicitly is linted, unless --force-exclude.
	if _, out, _ := runCmd(t, "lint", "--format", "concise", named); !strings.Contains(out, "g.py") {
		t.Errorf("named file skipped: %q", out)
	}
	if code, out, _ := runCmd(t, "lint", "--force-exclude", named, filepath.Join(root, "src", "msg_pb2.py")); code != exitClean || out != "" {
		t.Errorf("--force-exclude: exit %d out %q", code, out)
	}
	// exclude replaces the defaults: .venv is linted once exclude is set.
	write(t, root, "pyproject.toml", "[tool.pyhint]\nexclude = [\"src\"]\n")
	if _, out, _ := runCmd(t, "lint", "--format", "concise", root); !strings.Contains(out, "v.py") || strings.Contains(out, "app.py") {
		t.Errorf("exclude replacing the defaults:\n%s", out)
	}
}

func TestGitignore(t *testing.T) {
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, root, ".gitignore", "build/\n*.gen.py\n")
	write(t, root, "pkg/.gitignore", "local_*.py\n!local_keep.py\n")
	write(t, root, "pkg/app.py", pitfall)
	write(t, root, "pkg/x.gen.py", pitfall)
	write(t, root, "pkg/local_secret.py", pitfall)
	write(t, root, "pkg/local_keep.py", pitfall)
	write(t, root, "pkg/sub/local_deep.py", pitfall) // nested .gitignore applies below its directory
	write(t, root, "build/b.py", pitfall)
	write(t, root, "other/local_other.py", pitfall) // pkg's .gitignore does not apply here

	files := func(out string) []string {
		var fs []string
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			if m := textLine.FindStringSubmatch(l); m != nil {
				fs = append(fs, filepath.ToSlash(strings.TrimPrefix(m[1], root+string(filepath.Separator))))
			}
		}
		return fs
	}
	_, out, _ := runCmd(t, "lint", "--format", "concise", root)
	if got, want := files(out), []string{"other/local_other.py", "pkg/app.py", "pkg/local_keep.py"}; !slices.Equal(got, want) {
		t.Errorf("walk from the root: %v, want %v", got, want)
	}
	// Linting a subdirectory still applies the root's .gitignore.
	_, out, _ = runCmd(t, "lint", "--format", "concise", filepath.Join(root, "pkg"))
	if got, want := files(out), []string{"pkg/app.py", "pkg/local_keep.py"}; !slices.Equal(got, want) {
		t.Errorf("walk from pkg: %v, want %v", got, want)
	}
	// An ignored directory named explicitly is linted.
	_, out, _ = runCmd(t, "lint", "--format", "concise", filepath.Join(root, "build"))
	if got := files(out); !slices.Equal(got, []string{"build/b.py"}) {
		t.Errorf("explicit ignored directory: %v", got)
	}
}

// TestGitGlobalExcludes: inside a git work tree, lint skips what git's
// user-level excludes file ignores, found as git finds it, with lower
// precedence than the repository's own ignore files.
func TestGitGlobalExcludes(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "")
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"app.py", "gen/a.py", "gen/keep.py", "scratch/s.py", "notes/n.py"} {
		write(t, root, f, pitfall)
	}
	write(t, root, ".gitignore", "!gen/keep.py\n") // the repository's own rules win
	files := func() []string {
		t.Helper()
		_, out, _ := runCmd(t, "lint", "--format", "concise", "--no-cache", root)
		var fs []string
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			if m := textLine.FindStringSubmatch(l); m != nil {
				fs = append(fs, filepath.ToSlash(strings.TrimPrefix(m[1], root+string(filepath.Separator))))
			}
		}
		return fs
	}
	all := []string{"app.py", "gen/a.py", "gen/keep.py", "notes/n.py", "scratch/s.py"}
	if got := files(); !slices.Equal(got, all) {
		t.Fatalf("without an excludes file: %v", got)
	}
	// The default file, ~/.config/git/ignore.
	write(t, home, ".config/git/ignore", "gen/*\nscratch/\n")
	if got, want := files(), []string{"app.py", "gen/keep.py", "notes/n.py"}; !slices.Equal(got, want) {
		t.Errorf("~/.config/git/ignore: %v, want %v", got, want)
	}
	// core.excludesFile of ~/.gitconfig replaces it; the repository's
	// .git/config replaces that.
	write(t, home, "my-ignore", "notes/\n")
	write(t, home, ".gitconfig", "[user]\n\tname = x\n[Core]\n\texcludesFile = ~/my-ignore\n")
	if got, want := files(), []string{"app.py", "gen/a.py", "gen/keep.py", "scratch/s.py"}; !slices.Equal(got, want) {
		t.Errorf("core.excludesFile in ~/.gitconfig: %v, want %v", got, want)
	}
	write(t, root, ".git/config", "[core]\n\texcludesfile = repo-ignore\n")
	write(t, root, "repo-ignore", "app.py\n")
	if got, want := files(), []string{"gen/a.py", "gen/keep.py", "notes/n.py", "scratch/s.py"}; !slices.Equal(got, want) {
		t.Errorf("core.excludesFile in .git/config: %v, want %v", got, want)
	}
	// Outside a git work tree none applies.
	if err := os.RemoveAll(filepath.Join(root, ".git")); err != nil {
		t.Fatal(err)
	}
	if got := files(); !slices.Equal(got, all) {
		t.Errorf("outside a work tree: %v", got)
	}
}

func TestStdin(t *testing.T) {
	root := t.TempDir()
	write(t, root, "pyproject.toml", "[tool.pyhint.severity]\nglobal-statement = \"error\"\n")
	name := filepath.Join(root, "pkg", "mod.py") // need not exist

	code, out, errOut := runWith(t, strings.NewReader(pitfall), &bytes.Buffer{}, &bytes.Buffer{}, "lint", "--format", "json", "--stdin-filename", name, "-")
	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); code != exitFindings || err != nil || len(got) != 1 {
		t.Fatalf("stdin: exit %d, %v, out %s, err %s", code, err, out, errOut)
	}
	if got[0]["path"] != name || got[0]["severity"] != "error" {
		t.Errorf("stdin finding = %v: want the --stdin-filename path and its config's severity", got[0])
	}
	// "-" alone reports the path "-"; --stdin-filename alone implies "-".
	_, out, _ = runWith(t, strings.NewReader(pitfall), &bytes.Buffer{}, &bytes.Buffer{}, "lint", "--format", "concise", "-")
	if !strings.HasPrefix(out, "-:4:5: global-statement") {
		t.Errorf("stdin without a name: %q", out)
	}
	_, out, _ = runWith(t, strings.NewReader(pitfall), &bytes.Buffer{}, &bytes.Buffer{}, "lint", "--format", "concise", "--stdin-filename", "x.py")
	if !strings.HasPrefix(out, "x.py:4:5: ") {
		t.Errorf("--stdin-filename without -: %q", out)
	}
	// Not UTF-8: a warning, no findings.
	code, _, errOut = runWith(t, strings.NewReader("s = '\xe9'\n"), &bytes.Buffer{}, &bytes.Buffer{}, "lint", "-")
	if code != exitClean || !strings.Contains(errOut, "not valid UTF-8") {
		t.Errorf("non-UTF-8 stdin: exit %d, %q", code, errOut)
	}
	// --fix on stdin writes the fixed source to stdout and the report to stderr.
	code, out, errOut = runWith(t, strings.NewReader(moduleLevel+pitfall), &bytes.Buffer{}, &bytes.Buffer{}, "lint", "--fix", "--format", "concise", "--stdin-filename", name, "-")
	if out != "y = 1\n"+pitfall || code != exitFindings || !strings.Contains(errOut, "mod.py:5:5: global-statement") {
		t.Errorf("--fix on stdin: exit %d\nstdout %q\nstderr %q", code, out, errOut)
	}
	// With nothing to fix, the source comes back unchanged.
	if _, out, _ := runWith(t, strings.NewReader("print(1)\n"), &bytes.Buffer{}, &bytes.Buffer{}, "lint", "--fix", "-"); out != "print(1)\n" {
		t.Errorf("--fix on clean stdin: %q", out)
	}
}

func TestFix(t *testing.T) {
	dir := t.TempDir()
	a := write(t, dir, "a.py", moduleLevel+pitfall)
	b := write(t, dir, "b.py", unusedSupp)
	c := write(t, dir, "c.py", bothFixes)
	os.Chmod(a, 0o600)

	// --diff shows the fixes and writes nothing.
	code, out, errOut := runCmd(t, "lint", "--diff", dir)
	if code != exitFindings || !strings.Contains(out, "--- "+a+"\n+++ "+a+"\n@@") || !strings.Contains(out, "-global y\n") || !strings.Contains(errOut, "Would fix 3 findings in 3 files") {
		t.Errorf("--diff: exit %d\n%s\nstderr %s", code, out, errOut)
	}
	if read(t, a) != moduleLevel+pitfall {
		t.Error("--diff wrote the file")
	}

	code, out, errOut = runCmd(t, "lint", "--fix", "--format", "concise", dir)
	if code != exitFindings || !strings.Contains(errOut, "Fixed 3 findings (1 left)") {
		t.Errorf("--fix: exit %d, stderr %q", code, errOut)
	}
	if strings.Contains(out, "global-at-module-level") || strings.Contains(out, "unused-suppression") || !strings.Contains(out, "a.py:5:5: global-statement") {
		t.Errorf("--fix must report only what is left, at its new position:\n%s", out)
	}
	if got := read(t, a); got != "y = 1\n"+pitfall {
		t.Errorf("a.py = %q", got)
	}
	if got := read(t, b); got != "z = 1\n" {
		t.Errorf("b.py = %q", got)
	}
	if got := read(t, c); got != "y = 1\n" {
		t.Errorf("c.py = %q (the line's removal wins over the overlapping suppression fix)", got)
	}
	if info, _ := os.Stat(a); runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600 kept", info.Mode().Perm())
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*pyhint*")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}

	// Idempotent: a second run fixes nothing and changes nothing.
	before := read(t, a) + read(t, b) + read(t, c)
	code, _, errOut = runCmd(t, "lint", "--fix", dir)
	if code != exitFindings || strings.Contains(errOut, "Fixed") || read(t, a)+read(t, b)+read(t, c) != before {
		t.Errorf("second --fix: exit %d, stderr %q", code, errOut)
	}
	if code, out, _ := runCmd(t, "lint", "--diff", dir); code != exitClean || out != "" {
		t.Errorf("--diff after --fix: exit %d, %q", code, out)
	}

	// --exit-zero with --fix.
	if code, _, _ := runCmd(t, "lint", "--fix", "--exit-zero", dir); code != exitClean {
		t.Errorf("--fix --exit-zero: exit %d", code)
	}
	// A fixed file behind a symbolic link: the link stays a link.
	target := write(t, t.TempDir(), "t.py", moduleLevel)
	link := filepath.Join(dir, "link.py")
	if err := os.Symlink(target, link); err == nil {
		runCmd(t, "lint", "--fix", link)
		if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 || read(t, target) != "y = 1\n" {
			t.Errorf("symlink replaced or target not fixed: %v %q", fi.Mode(), read(t, target))
		}
	}
	// --unsafe-fixes is accepted with --fix and --diff.
	if code, _, _ := runCmd(t, "lint", "--diff", "--unsafe-fixes", dir); code != exitClean {
		t.Errorf("--diff --unsafe-fixes: exit %d", code)
	}
}

func TestUnknownSuppressionIsError(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.py", unknownSupp)
	write(t, dir, "b.py", unusedSupp)
	_, got, _ := lintJSON(t, dir)
	if len(got) != 2 || got[0]["severity"] != "error" || got[1]["severity"] != "info" {
		t.Errorf("unknown rule in a suppression must be an error, an unused one info: %v", got)
	}
}

func TestCacheFlags(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.py", pitfall)
	cache := t.TempDir()
	countEntries := func() int {
		n := 0
		filepath.WalkDir(cache, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".json") {
				n++
			}
			return nil
		})
		return n
	}
	if code, _, _ := runCmd(t, "lint", "--no-cache", "--cache-dir", cache, dir); code != exitFindings || countEntries() != 0 {
		t.Errorf("--no-cache wrote %d entries", countEntries())
	}
	_, cold, _ := runCmd(t, "lint", "--cache-dir", cache, dir)
	if countEntries() != 1 {
		t.Fatalf("--cache-dir: %d entries, want 1", countEntries())
	}
	_, warm, _ := runCmd(t, "lint", "--cache-dir", cache, dir)
	if warm != cold {
		t.Errorf("warm run differs:\n%s\n---\n%s", warm, cold)
	}
	// A corrupt entry is ignored and rewritten.
	filepath.WalkDir(cache, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.WriteFile(p, []byte("{not json"), 0o644)
		}
		return nil
	})
	if _, again, _ := runCmd(t, "lint", "--cache-dir", cache, dir); again != cold {
		t.Errorf("after corrupting the cache:\n%s", again)
	}
	// A cache directory that cannot be created: a warning, and the lint runs.
	blocker := write(t, t.TempDir(), "file", "")
	code, out, errOut := runCmd(t, "lint", "--cache-dir", filepath.Join(blocker, "sub"), dir)
	if code != exitFindings || out != cold || !strings.Contains(errOut, "without a cache") {
		t.Errorf("unusable cache dir: exit %d, stderr %q", code, errOut)
	}
}

func TestOutputFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.py", pitfall)
	report := filepath.Join(t.TempDir(), "reports", "pyhint.sarif")
	code, out, _ := runCmd(t, "lint", "--format", "sarif", "--output-file", report, dir)
	if code != exitFindings || out != "" {
		t.Errorf("exit %d, stdout %q: the report belongs in the file", code, out)
	}
	if !strings.Contains(read(t, report), `"ruleId": "global-statement"`) {
		t.Errorf("report file:\n%s", read(t, report))
	}
	blocker := write(t, t.TempDir(), "file", "")
	if code, _, errOut := runCmd(t, "lint", "--output-file", filepath.Join(blocker, "x.txt"), dir); code != exitError || !strings.Contains(errOut, "--output-file") {
		t.Errorf("unwritable output file: exit %d, %q", code, errOut)
	}
}

func TestStatistics(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.py", moduleLevel+pitfall)
	write(t, dir, "b.py", pitfall)
	code, out, _ := runCmd(t, "lint", "--statistics", "--select", "global", dir)
	want := "2  global-statement        info\n1  global-at-module-level  hint  [*] 1 fixable\n"
	if code != exitFindings || out != want {
		t.Errorf("--statistics: exit %d\n%q\nwant\n%q", code, out, want)
	}
	_, out, _ = runCmd(t, "lint", "--statistics", "--format", "json", "--select", "global", dir)
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 2 || rows[0]["rule"] != "global-statement" || rows[0]["count"] != 2.0 || rows[1]["fixable"] != 1.0 {
		t.Errorf("--statistics json: %v %s", err, out)
	}
}

func TestColor(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.py", pitfall)
	const esc = "\x1b["
	_, out, _ := runWith(t, strings.NewReader(""), &tty{}, &bytes.Buffer{}, "lint", dir)
	if !strings.Contains(out, esc) {
		t.Error("no colour on a terminal")
	}
	_, out, _ = runWith(t, strings.NewReader(""), &tty{}, &bytes.Buffer{}, "lint", "--color", "never", dir)
	if strings.Contains(out, esc) {
		t.Error("colour with --color never")
	}
	_, out, _ = runCmd(t, "lint", "--color", "always", dir)
	if !strings.Contains(out, esc) {
		t.Error("no colour with --color always")
	}
	_, out, _ = runWith(t, strings.NewReader(""), &tty{}, &bytes.Buffer{}, "lint", "--format", "concise", dir)
	if strings.Contains(out, esc) {
		t.Error("concise is never coloured")
	}
	t.Setenv("NO_COLOR", "1")
	_, out, _ = runWith(t, strings.NewReader(""), &tty{}, &bytes.Buffer{}, "lint", dir)
	if strings.Contains(out, esc) {
		t.Error("colour on a terminal with NO_COLOR set")
	}
}

func TestProgress(t *testing.T) {
	dir := t.TempDir()
	for i := range progressThreshold + 1 {
		write(t, dir, fmt.Sprintf("m%03d.py", i), "x = 1\n")
	}
	_, _, errOut := runWith(t, strings.NewReader(""), &bytes.Buffer{}, &tty{}, "lint", dir)
	if !strings.Contains(errOut, fmt.Sprintf("\rpyhint: %d/%d files (100%%)", progressThreshold+1, progressThreshold+1)) || !strings.HasSuffix(errOut, "\r\x1b[K") {
		t.Errorf("no progress line on a terminal: %q", errOut)
	}
	if _, _, errOut := runCmd(t, "lint", dir); errOut != "" {
		t.Errorf("progress on a pipe: %q", errOut)
	}
	small := t.TempDir()
	write(t, small, "a.py", "x = 1\n")
	if _, _, errOut := runWith(t, strings.NewReader(""), &bytes.Buffer{}, &tty{}, "lint", small); errOut != "" {
		t.Errorf("progress for one file: %q", errOut)
	}
}

// TestUnreadableFile reads a file that fails even for root (CI runs as
// root, where chmod 0 does not stop a read).
func TestUnreadableFile(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("/proc/self/mem is Linux's")
	}
	dir := t.TempDir()
	good := write(t, dir, "good.py", pitfall)
	code, out, errOut := runCmd(t, "lint", "--format", "concise", good, "/proc/self/mem")
	if code != exitError || !strings.Contains(errOut, "/proc/self/mem: ") || !strings.Contains(out, "good.py:4:5") {
		t.Errorf("exit %d, stdout %q, stderr %q: want 2, the error, and the readable file still linted", code, out, errOut)
	}
}

func TestColorEnabled(t *testing.T) {
	cases := []struct {
		mode          string
		tty           bool
		noColor, term string
		want          bool
	}{
		{"auto", true, "", "xterm", true},
		{"auto", false, "", "xterm", false},
		{"auto", true, "1", "xterm", false},
		{"auto", true, "", "dumb", false},
		{"always", false, "1", "dumb", true},
		{"never", true, "", "xterm", false},
	}
	for _, c := range cases {
		if got, err := colorEnabled(c.mode, c.tty, c.noColor, c.term); err != nil || got != c.want {
			t.Errorf("colorEnabled(%+v) = %v, %v", c, got, err)
		}
	}
}

// TestPreCommitHooks runs each hook's entry from .pre-commit-hooks.yaml the
// way pre-commit does (the files appended), so a renamed flag breaks a test
// rather than every user's commit.
func TestPreCommitHooks(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var entries []string
	for _, line := range strings.Split(string(data), "\n") {
		if e, ok := strings.CutPrefix(strings.TrimSpace(line), "entry: "); ok {
			entries = append(entries, e)
		}
	}
	if len(entries) != 2 {
		t.Fatalf("entries = %q, want the report and the fix hook", entries)
	}
	for _, e := range entries {
		args := strings.Fields(e)
		if args[0] != "pyhint" {
			t.Errorf("entry %q does not run pyhint", e)
			continue
		}
		dir := t.TempDir()
		f := write(t, dir, "a.py", moduleLevel)
		code, _, errOut := runCmd(t, append(args[1:], f)...)
		if code == exitError {
			t.Errorf("entry %q: exit 2: %s", e, errOut)
		}
		if strings.Contains(e, "--fix") != (read(t, f) != moduleLevel) {
			t.Errorf("entry %q: file now %q", e, read(t, f))
		}
	}
}

// TestParseOnly checks the benchmark mode: every file is read and parsed,
// nothing is analysed or reported, and a file that cannot be read is still
// an error.
func TestParseOnly(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.py", pitfall)
	if code, out, errOut := runCmd(t, "lint", "--debug-parse-only", dir); code != exitClean || out != "" || errOut != "" {
		t.Errorf("exit %d, out %q, err %q", code, out, errOut)
	}
	if code, _, _ := runCmd(t, "lint", "--debug-parse-only", filepath.Join(dir, "missing.py")); code != exitError {
		t.Errorf("missing file: exit %d, want 2", code)
	}
}
