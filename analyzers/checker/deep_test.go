package checker_test

// This file tests the engine on large and deeply nested input: every case
// is parsed and checked with the full registry, as pyhint lint does, and
// must finish with no analyzer failing and with the findings it should
// have. Time and memory are measured and logged, not asserted (the figures
// go in the report); a case that would take minutes fails at a deadline
// instead of hanging the run.
//
// The default sizes keep the file's tests to a few seconds with -race.
// PYHINT_DEEP_FULL=1 runs the sizes of the issue: a 20 MB file, a
// 200,000-line file and 10,000 nested blocks (a 50 MB file).
//
// TestNoRecursion keeps the engine free of recursion, which is what makes
// nesting cost no stack.

import (
	"context"
	"fmt"
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/go/packages"

	"github.com/pyhint/pyhint/analyzers"
	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/checker"
	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/analyzers/pyts"
)

// deepDeadline bounds one case. Every case takes well under a second
// without -race (a few with it, the full 20 MB case about 30 s); the
// quadratic and exponential paths these cases once took ran for minutes
// and hours, so only they reach it.
const deepDeadline = 3 * time.Minute

// fullSizes reports whether to run the sizes.
func fullSizes() bool { return os.Getenv("PYHINT_DEEP_FULL") != "" }

// lintChecker is the checker pyhint lint builds: every analyzer, with
// suppressions.
func lintChecker() *checker.Checker { return analyzers.NewChecker() }

// measured is one parse and check, with what it cost.
type measured struct {
	tree           *pyts.Tree
	res            *checker.Result
	parse, check   time.Duration
	peakHeap       uint64 // Go heap objects, sampled
	peakRSS        int64  // the process's, since the case began (Linux), or 0
	totalAllocated uint64
}

// checkBounded parses and checks src with c, failing the test if that
// takes longer than deepDeadline or an analyzer fails.
func checkBounded(t *testing.T, c *checker.Checker, src []byte) measured {
	t.Helper()
	debug.FreeOSMemory() // so that the peak resident size starts low
	resetPeakRSS()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	stop := sampleHeap()
	type outcome struct {
		m   measured
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		var m measured
		p := pyts.NewParser()
		defer p.Close()
		start := time.Now()
		tree, err := p.Parse(context.Background(), src)
		if err != nil {
			done <- outcome{err: fmt.Errorf("parse: %w", err)}
			return
		}
		m.parse = time.Since(start)
		m.tree = tree
		start = time.Now()
		m.res, err = c.Check(context.Background(), document.New(src), tree)
		m.check = time.Since(start)
		done <- outcome{m, err}
	}()
	var o outcome
	select {
	case o = <-done:
	case <-time.After(deepDeadline):
		t.Fatalf("parsing and checking %d bytes did not finish within %v", len(src), deepDeadline)
	}
	o.m.peakHeap = stop()
	o.m.peakRSS = peakRSS()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	o.m.totalAllocated = after.TotalAlloc - before.TotalAlloc
	if o.err != nil {
		t.Fatal(o.err)
	}
	for _, e := range o.m.res.Errors {
		t.Errorf("analyzer failed: %.600s", e)
	}
	return o.m
}

func (m measured) String() string {
	return fmt.Sprintf("%d nodes; parse %v, check %v; peak Go heap %d MB, peak RSS %d MB, allocated %d MB",
		m.tree.Len(), m.parse.Round(time.Millisecond), m.check.Round(time.Millisecond), m.peakHeap>>20, m.peakRSS>>20, m.totalAllocated>>20)
}

// sampleHeap samples the live Go heap every few milliseconds until the
// returned function is called, which returns the largest sample.
func sampleHeap() func() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var (
		mu   sync.Mutex
		peak uint64
	)
	read := func() {
		metrics.Read(sample)
		mu.Lock()
		peak = max(peak, sample[0].Value.Uint64())
		mu.Unlock()
	}
	quit := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-quit:
				return
			case <-tick.C:
				read()
			}
		}
	}()
	return func() uint64 {
		close(quit)
		<-finished
		read()
		return peak
	}
}

// resetPeakRSS restarts the kernel's count of the process's peak resident
// size (Linux; elsewhere peakRSS reports 0).
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS returns the process's peak resident size since resetPeakRSS.
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), &kb)
			return kb << 10
		}
	}
	return 0
}

func countRule(res *checker.Result, rule string) int {
	n := 0
	for _, d := range res.Diagnostics {
		if d.Rule == rule {
			n++
		}
	}
	return n
}

func rulesCount(res *checker.Result) map[string]int {
	out := map[string]int{}
	for _, d := range res.Diagnostics {
		out[d.Rule]++
	}
	return out
}

// TestDeepNesting checks 10,000-deep nesting of every kind of expression
// (and of blocks, as deep as the grammar goes): each parses without a
// syntax error and is checked without an analyzer failing, and the cases
// that hold a pitfall at the bottom still report it.
func TestDeepNesting(t *testing.T) {
	const n = 10000
	blocks := 1000
	if fullSizes() {
		blocks = n
	}
	rep := strings.Repeat
	cases := []struct {
		name string
		src  string
		// rule, if set, must be reported want times.
		rule string
		want int
		// broken: the grammar cannot take it (indentation deeper than
		// tree-sitter's 255 levels; CPython stops at 100).
		broken bool
	}{
		{name: "parentheses", src: "x = " + rep("(", n) + "1" + rep(")", n) + "\n"},
		{name: "lists", src: "x = " + rep("[", n) + "1" + rep("]", n) + "\n"},
		{name: "dicts", src: "x = " + rep("{1: ", n) + "0" + rep("}", n) + "\n"},
		{name: "calls", src: "x = " + rep("f(", n) + "1" + rep(")", n) + "\n"},
		{name: "lambdas", src: "x = " + rep("lambda: ", n) + "1\n"},
		{name: "subscripts", src: "x = " + rep("a[", n) + "0" + rep("]", n) + "\n"},
		{name: "comprehensions", src: "x = " + rep("[", n) + "0" + rep(" for y in z]", n) + "\n"},
		{name: "conditional expressions", src: "x = " + rep("a if b else ", n) + "c\n"},
		{name: "boolean operators", src: "x = a" + rep(" and a or b", n) + "\n"},
		{name: "unary operators", src: "x = " + rep("not -", n) + "1\n"},
		{name: "binary operators", src: "x = 1" + rep(" + x", n) + "\n"},
		{name: "awaits", src: "import asyncio\nasync def f():\n    x = " + rep("await ", n) + "asyncio.sleep(1)\n"},
		// Chains: each analyzer that follows one (a resolved name, a
		// copied value's subscripts) must not follow it from every link.
		{name: "attribute chain", src: "import os\nx = os" + rep(".path", n) + "\n"},
		{name: "method chain", src: "import os\nx = os" + rep(".join()", n) + "\n"},
		{name: "call chain", src: "import threading\nx = threading.Thread" + rep("()", n) + "\n"},
		{name: "subscript chain", src: "import copy\ndef f(a):\n    b = copy.copy(a)\n    b" + rep(`["k"]`, n) + " = 1\n",
			rule: "shallow-copy-nested-mutation", want: 1},
		{name: "nested targets", src: "import copy\ndef f(b):\n    c = copy.copy(b)\n    " + rep("(", n) + `c["k"]["j"]` + rep(", x)", n) + " = g()\n",
			rule: "shallow-copy-nested-mutation", want: 1},
		{name: "string concatenation", src: "import subprocess\nsubprocess.call('pip install'" + rep(" + ' x'", n) + ")\n",
			rule: "pip-install-at-runtime", want: 1},
		{name: "stacked decorators", src: rep("@functools.lru_cache\n", n) + "def f(x=[]):\n    x.append(1)\n",
			rule: "mutable-default-argument", want: 1},
		{name: "with items", src: "def f():\n    with " + rep("open('x') as f, ", n) + "open('y') as g:\n        pass\n"},
		{name: "call arguments", src: "import threading\nthreading.Thread(" + rep("target=f, ", n) + ")\n"},
		{name: "blocks", src: nestedBlocks(min(blocks, 200))},
		{name: "blocks past the grammar", src: nestedBlocks(blocks), broken: true},
	}
	c := lintChecker()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := checkBounded(t, c, []byte(tc.src))
			t.Logf("%d bytes: %v", len(tc.src), m)
			if m.tree.HasError() != tc.broken {
				t.Errorf("syntax error: %v, want %v", m.tree.HasError(), tc.broken)
			}
			if tc.broken && len(m.res.Diagnostics) != 0 {
				t.Errorf("%d findings in a file the parser could not read: %v", len(m.res.Diagnostics), rulesCount(m.res))
			}
			if tc.rule != "" {
				if got := countRule(m.res, tc.rule); got != tc.want {
					t.Errorf("%s reported %d times, want %d (all: %v)", tc.rule, got, tc.want, rulesCount(m.res))
				}
			}
		})
	}
}

// nestedBlocks returns n compound statements, each inside the previous one.
func nestedBlocks(n int) string {
	var b strings.Builder
	heads := []string{"if x:", "for i in y:", "def f():", "while z:", "with a:", "class C:"}
	for i := range n {
		b.WriteString(strings.Repeat(" ", i))
		b.WriteString(heads[i%len(heads)])
		b.WriteByte('\n')
	}
	b.WriteString(strings.Repeat(" ", n) + "pass\n")
	return b.String()
}

// exampleChunk returns the example project's two files as one module whose
// names all end in _i, so that chunks can be repeated without one
// rebinding another's names.
var exampleNames = regexp.MustCompile(`\b(record_request|snapshot|add_item|timed|total|checksum|run_checksums|start_reporter|load|parse|cleanup|Item|grid|stock|request_count|fetch|notify|main|square|pool|wrapper|view|history|workers|results)\b`)

func exampleSource(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	for _, f := range []string{"inventory.py", "tasks.py"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "cmd", "pyhint", "testdata", "example", f))
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
		b.WriteString("\n")
	}
	return b.String()
}

// repeatUntil repeats chunk (with its names numbered, when unique) until
// the text has at least size bytes or lines lines; it returns the text and
// the number of chunks.
func repeatUntil(chunk string, unique bool, size, lines int) (string, int) {
	var b strings.Builder
	nl, k := 0, 0
	for ; b.Len() < size && nl < lines; k++ {
		s := chunk
		if unique {
			s = exampleNames.ReplaceAllString(chunk, fmt.Sprintf("${1}_%d", k))
		}
		b.WriteString(s)
		nl += strings.Count(s, "\n")
	}
	return b.String(), k
}

// TestLargeFiles checks a large file of realistic code (the example
// project's, repeated with fresh names: every repetition must get exactly
// the findings the first gets), the same with the names left as they are
// (each name bound thousands of times: no per-use cost may grow with
// that), and a file of many lines. The parallel walk the language server
// uses for large files must find what the serial walk finds.
func TestLargeFiles(t *testing.T) {
	size, lines := 1<<20, 20000
	if fullSizes() {
		size, lines = 20<<20, 200000
	}
	chunk := exampleSource(t)
	c := lintChecker()
	one := checkBounded(t, c, []byte(exampleNames.ReplaceAllString(chunk, "${1}_0")))
	perChunk := rulesCount(one.res)
	if len(one.res.Diagnostics) < 10 {
		t.Fatalf("the example has %d findings: not the example project", len(one.res.Diagnostics))
	}

	t.Run("unique names", func(t *testing.T) {
		src, k := repeatUntil(chunk, true, size, 1<<62)
		m := checkBounded(t, c, []byte(src))
		t.Logf("%d MB, %d lines, %d copies: %v", len(src)>>20, strings.Count(src, "\n"), k, m)
		got := rulesCount(m.res)
		for rule, n := range perChunk {
			if got[rule] != n*k {
				t.Errorf("%s: %d findings, want %d × %d", rule, got[rule], n, k)
			}
		}
		if len(got) != len(perChunk) {
			t.Errorf("rules %v, want those of one copy: %v", got, perChunk)
		}
		par, err := c.WithParallel(4).Check(context.Background(), document.New([]byte(src)), m.tree)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(par.Diagnostics, m.res.Diagnostics, func(a, b analysis.Diagnostic) bool {
			return a.Range == b.Range && a.Rule == b.Rule && a.Message == b.Message
		}) || len(par.Anchors) != len(m.res.Anchors) {
			t.Errorf("parallel walk: %d findings and %d anchors, serial: %d and %d", len(par.Diagnostics), len(par.Anchors), len(m.res.Diagnostics), len(m.res.Anchors))
		}
	})
	t.Run("names rebound in every copy", func(t *testing.T) {
		src, k := repeatUntil(chunk, false, size, 1<<62)
		m := checkBounded(t, c, []byte(src))
		t.Logf("%d MB, %d copies: %v", len(src)>>20, k, m)
		if len(m.res.Diagnostics) < k {
			t.Errorf("%d findings for %d copies", len(m.res.Diagnostics), k)
		}
	})
	t.Run("many lines", func(t *testing.T) {
		src, k := repeatUntil(chunk, true, 1<<62, lines)
		m := checkBounded(t, c, []byte(src))
		t.Logf("%d lines, %d MB: %v", strings.Count(src, "\n"), len(src)>>20, m)
		if got := countRule(m.res, "global-statement"); got != k*perChunk["global-statement"] {
			t.Errorf("global-statement: %d, want %d", got, k*perChunk["global-statement"])
		}
	})
	t.Run("many short lines", func(t *testing.T) {
		var b strings.Builder
		for i := range lines {
			fmt.Fprintf(&b, "v%d = f(%d)\n", i, i)
		}
		m := checkBounded(t, c, []byte(b.String()))
		t.Logf("%d lines, %d MB: %v", lines, b.Len()>>20, m)
	})
}

// TestRepeatedStructure: code whose structure repeats (bases named many
// times over, a name used many times in the values of names) must cost the
// size of the code, not the number of paths through it. Each case once
// took minutes to hours.
func TestRepeatedStructure(t *testing.T) {
	var diamond strings.Builder
	diamond.WriteString("class A0:\n    pass\n")
	for i := 1; i < 8; i++ {
		fmt.Fprintf(&diamond, "class A%d(%s):\n    pass\n", i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("A%d, ", i-1), 40), ", "))
	}
	diamond.WriteString("class S(A7):\n    def __str__(self):\n        return 's'\n")

	var paths strings.Builder
	paths.WriteString("import sys\na = '/opt'\n")
	for _, v := range [][2]string{{"b", "a"}, {"c", "b"}, {"d", "c"}} {
		fmt.Fprintf(&paths, "%s = f'%s'\n", v[0], strings.Repeat("{"+v[1]+"}", 1000))
	}
	paths.WriteString("sys.path.append(d)\n")

	var tests strings.Builder
	tests.WriteString("import sys\nclass B0:\n    pass\n")
	for i := 1; i < 6; i++ {
		fmt.Fprintf(&tests, "class B%d(%s):\n    pass\n", i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("B%d, ", i-1), 60), ", "))
	}
	tests.WriteString("class T(B5):\n    def test_x(self):\n        sys.path.append('/opt/x')\n")

	cases := []struct{ name, src, rule string }{
		{"repeated bases, repr", diamond.String(), "str-without-repr"},
		{"names in names' values, sys.path", paths.String(), "sys-path-mutation"},
		{"repeated bases, test fixtures", tests.String(), "sys-path-mutation"},
	}
	c := lintChecker()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := checkBounded(t, c, []byte(tc.src))
			t.Logf("%d bytes: %v", len(tc.src), m)
			if got := countRule(m.res, tc.rule); got != 1 {
				t.Errorf("%s reported %d times, want 1 (all: %v)", tc.rule, got, rulesCount(m.res))
			}
		})
	}
}

// recursionAllowed lists the functions allowed to be recursive, with why:
// none walks the syntax tree.
var recursionAllowed = map[string]string{}

// TestNoRecursion type-checks the module's non-test code and fails on any
// function that can call itself, directly, through other functions of
// the module, or as a closure bound to a variable: recursion over the
// syntax tree makes nesting cost Go stack and time per level, and the
// engine walks with explicit stacks instead. Calls through interfaces and
// function values passed as arguments are not followed.
func TestNoRecursion(t *testing.T) {
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo,
		Dir:  filepath.Join("..", ".."),
	}
	pkgs, err := packages.Load(cfg, "github.com/pyhint/pyhint/...")
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) < 20 {
		t.Fatalf("loaded %d packages: not the module", len(pkgs))
	}
	// The call graph: each function (or closure variable) and what its
	// body refers to.
	calls := map[types.Object]map[types.Object]bool{}
	where := map[types.Object]string{}
	edge := func(from, to types.Object) {
		if calls[from] == nil {
			calls[from] = map[types.Object]bool{}
		}
		calls[from][to] = true
	}
	for _, p := range pkgs {
		for _, e := range p.Errors {
			t.Errorf("%s: %v", p.PkgPath, e)
		}
		for _, f := range p.Syntax {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				fn := p.TypesInfo.Defs[fd.Name]
				where[fn] = p.Fset.Position(fd.Pos()).String()
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					switch n := n.(type) {
					case *ast.Ident:
						if f, ok := p.TypesInfo.Uses[n].(*types.Func); ok {
							edge(fn, f.Origin())
						}
					case *ast.AssignStmt:
						// v = func(...) {... v(...) ...}: a recursive closure.
						for i, rhs := range n.Rhs {
							lit, ok := rhs.(*ast.FuncLit)
							if !ok || i >= len(n.Lhs) {
								continue
							}
							id, ok := n.Lhs[i].(*ast.Ident)
							if !ok {
								continue
							}
							v := p.TypesInfo.ObjectOf(id)
							if v == nil {
								continue
							}
							where[v] = p.Fset.Position(lit.Pos()).String()
							ast.Inspect(lit.Body, func(m ast.Node) bool {
								if id, ok := m.(*ast.Ident); ok && p.TypesInfo.Uses[id] == v {
									edge(v, v)
								}
								return true
							})
						}
					}
					return true
				})
			}
		}
	}
	name := func(o types.Object) string {
		if f, ok := o.(*types.Func); ok {
			return f.FullName()
		}
		return o.Pkg().Path() + "." + o.Name() + " (closure)"
	}
	var found []string
	for fn := range calls {
		// Does fn reach itself? A depth-first search with a stack.
		seen := map[types.Object]bool{}
		stack := []types.Object{fn}
		cyclic := false
		for len(stack) > 0 && !cyclic {
			cur := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for next := range calls[cur] {
				if next == fn {
					cyclic = true
					break
				}
				if !seen[next] {
					seen[next] = true
					stack = append(stack, next)
				}
			}
		}
		if !cyclic {
			continue
		}
		if _, ok := recursionAllowed[name(fn)]; ok {
			continue
		}
		found = append(found, fmt.Sprintf("%s (%s)", name(fn), where[fn]))
	}
	sort.Strings(found)
	for _, f := range found {
		t.Errorf("recursive: %s: walk with an explicit stack or a loop instead", f)
	}
	for fn, why := range recursionAllowed {
		ok := false
		for o := range calls {
			ok = ok || name(o) == fn
		}
		if !ok {
			t.Errorf("recursionAllowed lists %s (%s), which no longer exists: remove it", fn, why)
		}
	}
}
