package main

// This file tests pyhint lint on hostile trees: files that cannot be read,
// symbolic link loops, named pipes and a file too large to read. It runs
// the built binary, so that a hang is a process killed at a deadline (and
// a test failure), not a stuck test, and so that it can run as another
// user: CI runs as root, for whom chmod 000 stops nothing.

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hostileDeadline bounds a lint run over a hostile tree. A run that blocks
// on a pipe or reads a 1 GB file is killed then, and fails the test. It
// is far above what a run over these few small files takes even on a
// loaded machine with -race (tens of milliseconds), so only a hang
// reaches it.
const hostileDeadline = 20 * time.Second

// nobody is the user a root test runs pyhint as, so that a file with mode
// 000 is unreadable to it.
const nobody = 65534

// buildPyhint builds the pyhint binary into a temporary directory that
// any user can read, and returns its path. It is built with -race when
// the test is, which reuses the packages the test run compiled.
func buildPyhint(t *testing.T) string {
	t.Helper()
	dir := worldReadableTempDir(t)
	bin := filepath.Join(dir, "pyhint")
	args := []string{"build", "-o", bin}
	if raceEnabled() {
		args = append(args, "-race")
	}
	cmd := exec.Command(goTool(t), append(args, ".")...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// goTool returns the go command (go test puts its own first in PATH).
func goTool(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("no go command: %v", err)
	}
	return p
}

// raceEnabled reports whether the test binary was built with -race.
func raceEnabled() bool {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range info.Settings {
		if s.Key == "-race" && s.Value == "true" {
			return true
		}
	}
	return false
}

// worldReadableTempDir returns t.TempDir() with it and its parent (both
// created by the testing package, mode 0700) opened to every user, so that
// a process running as nobody can reach what is inside.
func worldReadableTempDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// unprivileged returns the process attributes that run a child as nobody
// when the test runs as root (nil otherwise, when chmod 000 works as is),
// and whether a file can be made unreadable to the child at all: root may
// be unable to switch users here, which fails the test in CI and is
// logged elsewhere.
func unprivileged(t *testing.T) (*syscall.SysProcAttr, bool) {
	t.Helper()
	if os.Geteuid() != 0 {
		return nil, true
	}
	attr := &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody, Groups: []uint32{}}}
	probe := exec.Command("/bin/sh", "-c", "exit 0")
	probe.SysProcAttr = attr
	if err := probe.Run(); err != nil {
		msg := "running as root and cannot switch to an unprivileged user (" + err.Error() + "), so no file can be made unreadable; the other cases still run"
		if os.Getenv("CI") == "true" {
			t.Error(msg)
		} else {
			t.Log(msg)
		}
		return nil, false
	}
	return attr, true
}

// TestLintHostile runs pyhint lint over hostile trees, each in a subtest
// (one build of the binary for all).
func TestLintHostile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("named pipes, symbolic links and file modes are POSIX")
	}
	bin := buildPyhint(t)
	t.Run("tree", func(t *testing.T) { testHostileTree(t, bin) })
	t.Run("ignore files", func(t *testing.T) { testHostileGitFiles(t, bin) })
	t.Run("config file", func(t *testing.T) { testConfigFileIsAPipe(t, bin) })
}

// testHostileTree lints a tree holding, beside two good files, a file
// nobody may read, a symbolic link loop, a link to nothing, a named pipe
// and a sparse 1 GB file. The run must end (the pipe never opened, the big
// file never read), exit 2, report each problem in one line on stderr that
// names the path and the reason, and still report the good files'
// findings.
func testHostileTree(t *testing.T, bin string) {
	attr, canHide := unprivileged(t)
	root := worldReadableTempDir(t)
	tree := filepath.Join(root, "tree")
	write(t, tree, "good.py", pitfall)
	write(t, tree, "sub/good2.py", pitfall)
	if canHide {
		secret := write(t, tree, "secret.py", pitfall)
		if err := os.Chmod(secret, 0); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range [][2]string{
		{"b.py", "a.py"}, {"a.py", "b.py"}, // a loop
		{"nowhere.py", "dangling.py"}, // a link to nothing
		{"..", "sub/up"},              // a directory loop: never followed, not a problem
		{"good.py", "alias.py"},       // a good link: not followed either, silently
	} {
		if err := os.Symlink(l[0], filepath.Join(tree, l[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(tree, "pipe.py"), 0o644); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(filepath.Join(tree, "big.py"))
	if err != nil {
		t.Fatal(err)
	}
	// Sparse: 1 GB that takes no disk, and would take 1 GB of memory if read.
	if err := big.Truncate(1 << 30); err != nil {
		t.Fatal(err)
	}
	big.Close()

	res := runHostile(t, bin, root, attr, "lint", "--no-cache", "--format", "concise", "tree")
	if res.code != exitError {
		t.Errorf("exit %d, want 2 (some files could not be read)\nstderr:\n%s", res.code, res.stderr)
	}
	wantOut := []string{"tree/good.py:4:5: global-statement", "tree/sub/good2.py:4:5: global-statement"}
	if got := nonEmptyLines(res.stdout); len(got) != len(wantOut) || !strings.HasPrefix(got[0], wantOut[0]) || !strings.HasPrefix(got[1], wantOut[1]) {
		t.Errorf("stdout: want the good files' findings only (%q), got:\n%s", wantOut, res.stdout)
	}
	// One line per problem, naming the path and the reason.
	problems := map[string]string{
		"tree/secret.py":   "pyhint: error: tree/secret.py: cannot read: permission denied",
		"tree/a.py":        "pyhint: error: tree/a.py: symbolic link loop (too many levels of symbolic links); not linted",
		"tree/b.py":        "pyhint: error: tree/b.py: symbolic link loop (too many levels of symbolic links); not linted",
		"tree/dangling.py": "pyhint: error: tree/dangling.py: broken symbolic link (no such file or directory); not linted",
		"tree/pipe.py":     "pyhint: error: tree/pipe.py: a named pipe (FIFO), not a regular file; not read",
		"tree/big.py":      "pyhint: warning: tree/big.py: 1024 MB, larger than the 24 MB limit; skipped",
	}
	if !canHide {
		delete(problems, "tree/secret.py")
	}
	lines := nonEmptyLines(res.stderr)
	for path, want := range problems {
		var found []string
		for _, l := range lines {
			if strings.Contains(l, path+":") {
				found = append(found, l)
			}
		}
		if len(found) != 1 || !strings.HasPrefix(found[0], want) {
			t.Errorf("%s: want one line starting %q, got %q", path, want, found)
		}
	}
	for _, quiet := range []string{"sub/up", "alias.py"} {
		if strings.Contains(res.stderr, quiet) {
			t.Errorf("%s is a link that is simply not followed, yet stderr mentions it:\n%s", quiet, res.stderr)
		}
	}
	if want := len(problems) + 1; len(lines) != want { // + "Found 2 findings."
		t.Errorf("stderr has %d lines, want %d (one per problem and the summary):\n%s", len(lines), want, res.stderr)
	}
	// The 1 GB file was not read: the whole run stayed far below 1 GB.
	if runtime.GOOS == "linux" {
		if res.maxRSS > 512<<20 {
			t.Errorf("peak RSS %d MB: was the 1 GB file read into memory?", res.maxRSS>>20)
		}
		t.Logf("peak RSS %d MB", res.maxRSS>>20)
	}

	// Named on the command line, each is still one clear line, and a
	// pipe is still never opened.
	named := []string{"tree/pipe.py", "tree/a.py", "tree/big.py", "tree/good.py"}
	wantNamed := []string{
		"pyhint: error: tree/pipe.py: a named pipe (FIFO), not a regular file; not read",
		"pyhint: error: tree/a.py: cannot read: too many levels of symbolic links",
		"pyhint: warning: tree/big.py: 1024 MB, larger than the 24 MB limit; skipped",
	}
	if canHide {
		named = append(named, "tree/secret.py")
		wantNamed = append(wantNamed, "pyhint: error: tree/secret.py: cannot read: permission denied")
	}
	res = runHostile(t, bin, root, attr, append([]string{"lint", "--no-cache", "--format", "concise"}, named...)...)
	if res.code != exitError || len(nonEmptyLines(res.stdout)) != 1 {
		t.Errorf("named files: exit %d, want 2 and good.py's finding; stdout:\n%s", res.code, res.stdout)
	}
	for _, want := range wantNamed {
		if !strings.Contains(res.stderr, want+"\n") && !strings.Contains(res.stderr, want+" ") && !strings.Contains(res.stderr, want+";") {
			t.Errorf("named files: stderr lacks %q:\n%s", want, res.stderr)
		}
	}
}

// testHostileGitFiles: ignore files that are pipes (a .gitignore in the
// tree, .git/info/exclude) are never opened either; the one in the tree is
// reported, the files are still linted.
func testHostileGitFiles(t *testing.T, bin string) {
	root := t.TempDir()
	write(t, root, "repo/pkg/m.py", pitfall)
	for _, p := range []string{"repo/.git/info/exclude", "repo/pkg/.gitignore"} {
		if err := os.MkdirAll(filepath.Join(root, filepath.Dir(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(filepath.Join(root, p), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := runHostile(t, bin, root, nil, "lint", "--no-cache", "--format", "concise", "repo")
	if res.code != exitError || !strings.HasPrefix(res.stdout, "repo/pkg/m.py:4:5: global-statement") {
		t.Errorf("exit %d, stdout %q: want 2 and m.py's finding", res.code, res.stdout)
	}
	if !strings.Contains(res.stderr, "repo/pkg/.gitignore: a named pipe (FIFO), not a regular file") {
		t.Errorf("stderr lacks the .gitignore pipe:\n%s", res.stderr)
	}
}

// testConfigFileIsAPipe: a pyproject.toml that is a named pipe must not
// hang the run either, and is reported.
func testConfigFileIsAPipe(t *testing.T, bin string) {
	root := t.TempDir()
	write(t, root, "proj/m.py", pitfall)
	if err := syscall.Mkfifo(filepath.Join(root, "proj", "pyproject.toml"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := runHostile(t, bin, root, nil, "lint", "--no-cache", "--format", "concise", "proj")
	if res.code != exitError || !strings.Contains(res.stderr, "pyproject.toml") {
		t.Errorf("exit %d, stderr %q: want 2 and the pipe named", res.code, res.stderr)
	}
}

type hostileResult struct {
	code           int
	stdout, stderr string
	maxRSS         int64 // bytes
}

// runHostile runs bin with args in dir (as the user attr says, if any),
// killing it at hostileDeadline, which fails the test.
func runHostile(t *testing.T, bin, dir string, attr *syscall.SysProcAttr, args ...string) hostileResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hostileDeadline)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	cmd.SysProcAttr = attr
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("pyhint %s did not finish within %v (blocked on a pipe? reading a huge file?)\nstderr:\n%s", strings.Join(args, " "), hostileDeadline, stderr.String())
	}
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("run pyhint: %v", err)
	}
	res := hostileResult{code: cmd.ProcessState.ExitCode(), stdout: stdout.String(), stderr: stderr.String()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		res.maxRSS = int64(ru.Maxrss) << 10 // kilobytes on Linux
	}
	return res
}

func nonEmptyLines(s string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			out = append(out, l)
		}
	}
	return out
}
