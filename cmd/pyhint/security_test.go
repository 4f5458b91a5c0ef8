package main

// This file tests pyhint's security promises: the CLI and the server never
// run a program (the workspace's code or any other), never open a network
// connection, and never write outside the cache directory, except --fix on
// the files it lints.
//
// How each promise is checked, strongest first:
//
//   - No program is run: the built binary does not contain the code that
//     could start one (os/exec, os.StartProcess, syscall.forkExec,
//     syscall.Exec, unix.Exec, plugin), a fact of the linked binary
//     (TestBinarySecurity/links_nothing_that_runs_programs); and, under
//     strace, no run makes an execve after its own.
//   - No connection: the linked binary does contain net.(*Dialer): net/http
//     builds its DefaultTransport when it is initialised, and net/http comes
//     with go.uber.org/zap, which go.lsp.dev/protocol (used for its LSP
//     types) imports; the linker cannot drop it, so a symbol check cannot
//     prove the absence of dialing. What does: no package of this module
//     imports a network package or refers to anything in one (nor to raw
//     syscalls: TestSourceCallsNoExecOrNetwork); the third-party packages
//     that import one are few, named, and only reached through functions
//     pyhint never calls (TestDependencyImports); and under strace no run
//     makes a socket, connect, bind or listen call.
//   - No stray writes: every CLI command and a whole LSP session run with
//     HOME, XDG_CACHE_HOME and TMPDIR in a temporary tree, and every file of
//     that tree and of the workspace is compared before and after; under
//     strace, every path opened for writing, created, renamed or removed is
//     checked too (which also covers paths outside both trees).

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/packages"

	"github.com/pyhint/pyhint/server/servertest"
)

const modulePath = "github.com/pyhint/pyhint"

// Packages that run programs: no package in the binary may import them.
var execPackages = []string{"os/exec", "plugin"}

// Packages that reach the network (or, for os/user, may: NSS can ask a
// directory server).
var networkPackages = []string{
	"net", "net/http", "net/http/httputil", "net/http/cgi", "net/http/fcgi", "net/rpc", "net/rpc/jsonrpc",
	"net/smtp", "crypto/tls", "os/user",
}

// networkImporters are the third-party packages allowed to import network
// packages, each with the packages it reaches and why that is harmless.
var networkImporters = map[string]struct {
	reaches []string
	why     string
}{
	"go.lsp.dev/jsonrpc2": {
		[]string{"net", "crypto/tls"},
		"a JSON-RPC library over a net.Conn, imported by go.lsp.dev/protocol for its client and server helpers; pyhint uses only protocol's types and speaks JSON-RPC over stdio with server/internal/jsonrpc",
	},
	"go.uber.org/zap": {
		[]string{"net", "net/http", "crypto/tls"},
		"zap.AtomicLevel.ServeHTTP, an HTTP handler nobody registers; zap is imported by go.lsp.dev/protocol's logging helpers, which pyhint never calls",
	},
	"github.com/go-git/go-git/v5/internal/path_util": {
		[]string{"os/user"},
		"expands ~ for go-git's global and system ignore-file loaders, which pyhint never calls (it parses patterns itself: cmd/pyhint/internal/lint/discover.go)",
	},
}

// goList is one package of `go list -json`.
type goList struct {
	ImportPath string
	Standard   bool
	Imports    []string
	Module     *struct{ Path string }
}

// TestDependencyImports reads the binary's package graph with `go list
// -deps`: no package imports os/exec or plugin; no package of this module
// imports a network package; and a third-party package that reaches one
// (directly or through the standard library) is one of networkImporters,
// reaching no more than it says.
func TestDependencyImports(t *testing.T) {
	out, err := exec.Command(goTool(t), "list", "-deps", "-json", ".").Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	pkgs := map[string]*goList{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p goList
		if err := dec.Decode(&p); err != nil {
			t.Fatalf("decode go list: %v", err)
		}
		pkgs[p.ImportPath] = &p
	}
	if pkgs[modulePath+"/server"] == nil || pkgs["os"] == nil {
		t.Fatalf("go list found %d packages, not the binary's graph", len(pkgs))
	}
	for _, p := range execPackages {
		if pkgs[p] != nil {
			t.Errorf("%s is in the binary's package graph (imported by %v): pyhint must not be able to run programs", p, importers(pkgs, p))
		}
	}
	forbidden := map[string]bool{}
	for _, p := range networkPackages {
		forbidden[p] = true
	}
	var names []string
	for name := range pkgs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := pkgs[name]
		if p.Standard {
			continue
		}
		reached := reachesThroughStd(pkgs, p, forbidden)
		if len(reached) == 0 {
			continue
		}
		ours := p.Module != nil && p.Module.Path == modulePath
		allowed, ok := networkImporters[name]
		switch {
		case ours:
			t.Errorf("%s reaches %v: no package of pyhint may use the network", name, reached)
		case !ok:
			t.Errorf("%s reaches %v and is not a known, harmless importer: check that pyhint cannot reach its network code, then add it to networkImporters with the reason", name, reached)
		default:
			for _, r := range reached {
				if !slices.Contains(allowed.reaches, r) {
					t.Errorf("%s now reaches %s too (allowed: %v, because %s)", name, r, allowed.reaches, allowed.why)
				}
			}
		}
	}
}

// reachesThroughStd returns the forbidden packages p imports, directly or
// through standard-library packages only (a third-party package in between
// is checked on its own), sorted.
func reachesThroughStd(pkgs map[string]*goList, p *goList, forbidden map[string]bool) []string {
	found := map[string]bool{}
	seen := map[string]bool{}
	stack := slices.Clone(p.Imports)
	for len(stack) > 0 {
		name := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[name] {
			continue
		}
		seen[name] = true
		if forbidden[name] {
			found[name] = true
		}
		if q := pkgs[name]; q != nil && q.Standard {
			stack = append(stack, q.Imports...)
		}
	}
	var out []string
	for name := range found {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

func importers(pkgs map[string]*goList, target string) []string {
	var out []string
	for name, p := range pkgs {
		if slices.Contains(p.Imports, target) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// deniedFuncs are functions of packages pyhint may import (os, syscall,
// golang.org/x/sys/unix) that run programs, open sockets or make raw
// system calls (with which anything can be done).
var deniedFuncs = map[string]bool{}

func init() {
	for _, f := range []string{"StartProcess", "Exec", "ForkExec", "Socket", "Socketpair", "Connect", "Bind", "Listen",
		"Accept", "Accept4", "Sendto", "Sendmsg", "SendmsgN", "Syscall", "Syscall6", "RawSyscall", "RawSyscall6",
		"RawSyscallNoError", "SyscallNoError", "PtraceAttach"} {
		for _, pkg := range []string{"os", "syscall", "golang.org/x/sys/unix"} {
			deniedFuncs[pkg+"."+f] = true
		}
	}
}

// TestSourceCallsNoExecOrNetwork type-checks every non-test package of this
// module and looks at everything its code refers to in other packages:
// nothing in a package that runs programs or reaches the network (nor in
// the JSON-RPC and logging libraries that come with go.lsp.dev/protocol),
// and no function of os, syscall or x/sys/unix that starts a process,
// opens a socket or makes a raw system call.
func TestSourceCallsNoExecOrNetwork(t *testing.T) {
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo,
		Dir:  "../..",
		Env:  append(os.Environ(), "PATH="+filepath.Dir(goTool(t))+string(os.PathListSeparator)+os.Getenv("PATH")),
	}
	pkgs, err := packages.Load(cfg, modulePath+"/...")
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) < 10 {
		t.Fatalf("loaded %d packages: not the module", len(pkgs))
	}
	denied := map[string]bool{"go.lsp.dev/jsonrpc2": true, "go.uber.org/zap": true}
	for _, p := range append(slices.Clone(execPackages), networkPackages...) {
		denied[p] = true
	}
	for _, p := range pkgs {
		for _, e := range p.Errors {
			t.Errorf("%s: %v", p.PkgPath, e)
		}
		for id, obj := range p.TypesInfo.Uses {
			if obj.Pkg() == nil {
				continue
			}
			path := obj.Pkg().Path()
			bad := denied[path] || strings.HasPrefix(path, "net/http/") || strings.HasPrefix(path, "go.uber.org/zap/")
			if fn, ok := obj.(interface{ FullName() string }); ok && deniedFuncs[fn.FullName()] {
				bad = true
			}
			if bad {
				t.Errorf("%s: refers to %s.%s", p.Fset.Position(id.Pos()), path, obj.Name())
			}
		}
	}
}

// execSymbols are the functions without which a Go program cannot start
// another: none may be linked into pyhint.
var execSymbols = regexp.MustCompile(`^(os/exec\.|plugin\.|os\.StartProcess$|os\.startProcess$|syscall\.(StartProcess|forkExec|ForkExec|Exec)$|golang\.org/x/sys/unix\.Exec$)`)

// TestBinarySecurity builds pyhint and checks the binary: what it links,
// and what it writes and which system calls it makes when run.
func TestBinarySecurity(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the checks read ELF symbols and trace with strace")
	}
	bin := buildPyhint(t)
	t.Run("links nothing that runs programs", func(t *testing.T) {
		out, err := exec.Command(goTool(t), "tool", "nm", bin).Output()
		if err != nil {
			t.Fatalf("go tool nm: %v", err)
		}
		n := 0
		sc := bufio.NewScanner(bytes.NewReader(out))
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			if len(f) < 3 {
				continue
			}
			n++
			if sym := f[len(f)-1]; execSymbols.MatchString(sym) {
				t.Errorf("the binary links %s: it could start a program", sym)
			}
		}
		if n < 1000 {
			t.Fatalf("go tool nm listed %d symbols: not a Go binary's table", n)
		}
	})
	t.Run("writes only the cache", func(t *testing.T) { testWritesOnlyCache(t, bin) })
}

// fileState is what a snapshot keeps of a file.
type fileState struct {
	size  int64
	mtime time.Time
	mode  fs.FileMode
}

// snapshot records every file and directory under each root.
func snapshot(t *testing.T, roots ...string) map[string]fileState {
	t.Helper()
	out := map[string]fileState{}
	for _, root := range roots {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			out[p] = fileState{info.Size(), info.ModTime(), info.Mode()}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// changed lists the paths added, removed or modified between two
// snapshots, sorted.
func changed(before, after map[string]fileState) []string {
	var out []string
	for p, a := range after {
		if b, ok := before[p]; !ok || b != a {
			out = append(out, p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// within reports whether p is dir or below it.
func within(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, dir+string(filepath.Separator))
}

// sandbox is a run's world: a home with its cache and temporary
// directories, and a workspace.
type sandbox struct {
	home, ws, cache string
	env             []string
	strace          string // path of strace, or "" to run without
}

func newSandbox(t *testing.T) *sandbox {
	t.Helper()
	// Resolved, so that the paths strace shows compare equal.
	home, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ws, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(home, "tmp"), 0o755); err != nil {
		t.Fatal(err)
	}
	sb := &sandbox{home: home, ws: ws, cache: filepath.Join(home, ".cache", "pyhint")}
	for _, kv := range os.Environ() {
		switch k, _, _ := strings.Cut(kv, "="); k {
		case "HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "TMPDIR", "PYHINT_CACHE_DIR":
		default:
			sb.env = append(sb.env, kv)
		}
	}
	sb.env = append(sb.env, "HOME="+home, "XDG_CACHE_HOME="+filepath.Join(home, ".cache"),
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "TMPDIR="+filepath.Join(home, "tmp"), "NO_COLOR=1")
	sb.strace = straceOrSkip(t)
	return sb
}

// straceOrSkip returns strace's path if it is here and may trace. Without
// it the system-call checks are skipped, except in CI, where that fails.
func straceOrSkip(t *testing.T) string {
	t.Helper()
	missing := func(why string) string {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s: the system-call checks need it in CI (apt-get install strace)", why)
		}
		t.Logf("%s: checking files only, not system calls", why)
		return ""
	}
	if runtime.GOOS != "linux" {
		return missing("strace is Linux's")
	}
	p, err := exec.LookPath("strace")
	if err != nil {
		return missing("no strace")
	}
	if out, err := exec.Command(p, "-f", "-qq", "-o", os.DevNull, "/bin/true").CombinedOutput(); err != nil {
		return missing(fmt.Sprintf("strace cannot trace here (%v: %s)", err, out))
	}
	return p
}

// traced is the command that runs bin args in the sandbox, under strace
// when there is one (writing one trace file per thread under traceDir).
func (sb *sandbox) command(ctx context.Context, traceDir, bin string, args ...string) *exec.Cmd {
	var cmd *exec.Cmd
	if sb.strace != "" {
		sargs := []string{"-ff", "-qq", "-o", filepath.Join(traceDir, "trace"), "-e", "trace=" + strings.Join(tracedCalls, ","), "--", bin}
		cmd = exec.CommandContext(ctx, sb.strace, append(sargs, args...)...)
	} else {
		cmd = exec.CommandContext(ctx, bin, args...)
	}
	cmd.Dir = sb.ws
	cmd.Env = sb.env
	return cmd
}

// tracedCalls are the system calls strace records: those that run
// programs, use the network, or change files.
var tracedCalls = []string{
	"execve", "execveat", "socket", "socketpair", "connect", "bind", "listen", "accept", "accept4", "sendto", "sendmsg",
	"open", "openat", "creat", "mkdir", "mkdirat", "rename", "renameat", "renameat2", "unlink", "unlinkat", "rmdir",
	"symlink", "symlinkat", "link", "linkat", "truncate", "chmod", "fchmodat", "chown", "fchownat", "lchown", "mknod", "mknodat",
	"utimensat",
}

var (
	traceLine  = regexp.MustCompile(`^(\w+)\((.*)\)\s+= (.*)$`)
	traceQuote = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`)
)

// checkTrace reads the trace files in dir and reports: any execve but
// pyhint's own, any network call, and any file change (a write open, a
// create, rename, removal or mode change) to a path that ok refuses.
func (sb *sandbox) checkTrace(t *testing.T, dir, bin string, ok func(path, call string) bool) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "trace.*"))
	if len(files) == 0 {
		t.Fatalf("strace wrote no trace in %s", dir)
	}
	execs := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			m := traceLine.FindStringSubmatch(line)
			if m == nil {
				continue // signals, exits
			}
			call, args := m[1], m[2]
			switch call {
			case "execve", "execveat":
				execs++
				if execs > 1 || !strings.HasPrefix(args, `"`+bin+`"`) {
					t.Errorf("runs a program: %s", line)
				}
				continue
			case "socket", "socketpair", "connect", "bind", "listen", "accept", "accept4", "sendto", "sendmsg":
				t.Errorf("uses the network: %s", line)
				continue
			case "open", "openat":
				if !strings.Contains(args, "O_WRONLY") && !strings.Contains(args, "O_RDWR") && !strings.Contains(args, "O_CREAT") && !strings.Contains(args, "O_TRUNC") {
					continue // a read
				}
			}
			if (call == "openat" || call == "mkdirat" || call == "unlinkat" || call == "fchmodat" || call == "utimensat" || call == "fchownat") && !strings.HasPrefix(args, "AT_FDCWD") {
				if call == "utimensat" && !strings.Contains(args, `"`) {
					continue // futimens on an open file: its open was checked
				}
				t.Errorf("changes a file relative to a directory descriptor, which this test cannot place: %s", line)
				continue
			}
			paths := traceQuote.FindAllStringSubmatch(args, -1)
			if len(paths) == 0 {
				continue // on a descriptor, checked at its open
			}
			for _, q := range paths {
				p := q[1]
				if !filepath.IsAbs(p) {
					p = filepath.Join(sb.ws, p)
				}
				if !ok(filepath.Clean(p), call) {
					t.Errorf("changes a file it must not: %s", line)
				}
			}
		}
	}
	if execs != 1 {
		t.Errorf("the trace has %d execve calls, want pyhint's own only", execs)
	}
}

// testWritesOnlyCache runs the CLI's commands and an LSP session in a
// sandbox and checks that nothing changed but the cache (and, with --fix,
// the fixed file).
func testWritesOnlyCache(t *testing.T, bin string) {
	sb := newSandbox(t)
	write(t, sb.ws, "a.py", pitfall)                    // global-statement: no fix
	fixable := write(t, sb.ws, "pkg/b.py", moduleLevel) // global-at-module-level: a safe fix
	write(t, sb.ws, "pyproject.toml", "[tool.pyhint]\nexplanation-level = \"expert\"\n")
	roots := []string{sb.home, sb.ws}
	// The cache directory and the directories above it, which creating it
	// creates: the only places a run may change.
	inCache := func(p string) bool {
		return within(p, sb.cache) || (within(sb.cache, p) && within(p, sb.home))
	}
	steps := []struct {
		name string
		args []string
		code int
		// may reports whether the step may change p (beyond the cache).
		may func(p string) bool
	}{
		{"lint, cold cache", []string{"lint", "."}, exitFindings, nil},
		{"lint, warm cache", []string{"lint", "--format", "json", "."}, exitFindings, nil},
		{"lint --diff", []string{"lint", "--diff", "."}, exitFindings, nil},
		{"lint --fix", []string{"lint", "--fix", "."}, exitFindings, func(p string) bool {
			// The fixed file, replaced through a temporary file beside it.
			dir := filepath.Dir(fixable)
			return p == fixable || p == dir || filepath.Dir(p) == dir && strings.HasPrefix(filepath.Base(p), "."+filepath.Base(fixable)+".pyhint-")
		}},
		{"explain", []string{"explain"}, exitClean, nil},
		{"explain a rule", []string{"explain", "global-statement"}, exitClean, nil},
		{"explain json", []string{"explain", "--format", "json", "gil"}, exitClean, nil},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			traceDir := t.TempDir()
			before := snapshot(t, roots...)
			ctx, cancel := context.WithTimeout(context.Background(), hostileDeadline)
			defer cancel()
			cmd := sb.command(ctx, traceDir, bin, st.args...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			var ee *exec.ExitError
			if err != nil && !errors.As(err, &ee) || ctx.Err() != nil {
				t.Fatalf("run: %v (%v)\n%s", err, ctx.Err(), stderr.String())
			}
			if code := cmd.ProcessState.ExitCode(); code != st.code {
				t.Fatalf("exit %d, want %d\nstderr:\n%s", code, st.code, stderr.String())
			}
			ok := func(p string) bool { return inCache(p) || st.may != nil && st.may(p) }
			for _, p := range changed(before, snapshot(t, roots...)) {
				if !ok(p) {
					t.Errorf("changed %s", p)
				}
			}
			if sb.strace != "" {
				sb.checkTrace(t, traceDir, bin, func(p, _ string) bool { return ok(p) })
			}
		})
	}
	if got := read(t, fixable); got != "y = 1\n" {
		t.Errorf("--fix left %q", got)
	}
	if !slices.ContainsFunc(slices.Collect(maps.Keys(snapshot(t, sb.cache))), func(p string) bool { return strings.HasSuffix(p, ".json") }) {
		t.Errorf("the cache in %s holds no pack: did lint use another directory?", sb.cache)
	}

	t.Run("serve", func(t *testing.T) {
		traceDir := t.TempDir()
		before := snapshot(t, roots...)
		ctx, cancel := context.WithTimeout(context.Background(), hostileDeadline)
		defer cancel()
		cmd := sb.command(ctx, traceDir, bin, "serve")
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		c := servertest.New(t, stdout, stdin)
		if _, err := c.Initialize(ctx, servertest.DefaultInitializeParams(sb.ws)); err != nil {
			t.Fatal(err)
		}
		uri := servertest.FileURI(filepath.Join(sb.ws, "a.py"))
		c.Open(uri, 1, pitfall)
		if p, err := c.AwaitDiagnostics(ctx, uri, 1); err != nil || len(p.Diagnostics) == 0 {
			t.Fatalf("diagnostics: %v, %v", p, err)
		}
		pos := map[string]any{"line": 3, "character": 6}
		var hover map[string]any
		if err := c.Call(ctx, "textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": pos}, &hover); err != nil || hover == nil {
			t.Fatalf("hover: %v, %v", hover, err)
		}
		var actions []map[string]any
		rng := map[string]any{"start": pos, "end": pos}
		if err := c.Call(ctx, "textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": rng, "context": map[string]any{"diagnostics": []any{}}}, &actions); err != nil || len(actions) == 0 {
			t.Fatalf("code actions: %v, %v", actions, err)
		}
		var md string
		if err := c.Call(ctx, "workspace/executeCommand", map[string]any{"command": "pyhint.explain", "arguments": []any{"gil"}}, &md); err != nil || md == "" {
			t.Fatalf("explain: %q, %v", md, err)
		}
		// Arguments that name files are refused, and not opened (the
		// trace shows every open).
		for _, id := range []string{filepath.Join(sb.ws, "a.py"), "../../../../etc/passwd"} {
			if err := c.Call(ctx, "workspace/executeCommand", map[string]any{"command": "pyhint.explain", "arguments": []any{id}}, nil); servertest.AsError(err) == nil {
				t.Errorf("explain %q: %v, want an error", id, err)
			}
		}
		if err := c.Shutdown(ctx); err != nil {
			t.Fatal(err)
		}
		if err := cmd.Wait(); err != nil || ctx.Err() != nil {
			t.Fatalf("serve: %v (%v)\nstderr:\n%s", err, ctx.Err(), stderr.String())
		}
		for _, p := range changed(before, snapshot(t, roots...)) {
			t.Errorf("changed %s", p)
		}
		if sb.strace != "" {
			sb.checkTrace(t, traceDir, bin, func(string, string) bool { return false })
			if opened := openedPaths(t, traceDir); slices.ContainsFunc(opened, func(p string) bool { return strings.HasSuffix(p, "/etc/passwd") }) {
				t.Errorf("the server opened /etc/passwd")
			}
		}
	})
}

// openedPaths returns every path the traced process opened (to read or
// write).
func openedPaths(t *testing.T, dir string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "trace.*"))
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if m := traceLine.FindStringSubmatch(line); m != nil && (m[1] == "open" || m[1] == "openat") {
				if q := traceQuote.FindStringSubmatch(m[2]); q != nil {
					out = append(out, q[1])
				}
			}
		}
	}
	return out
}
