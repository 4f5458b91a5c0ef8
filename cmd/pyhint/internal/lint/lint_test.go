package lint

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pyhint/pyhint/analyzers"
	"github.com/pyhint/pyhint/analyzers/config"
	"github.com/pyhint/pyhint/analyzers/pyts"
)

const (
	pitfall     = "x = 1\n\ndef f():\n    global x\n    x = 2\n" // global-statement
	moduleLevel = "global y\ny = 1\n"                            // global-at-module-level, safe fix
)

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

// globalOnly keeps the tests independent of which other analyzers exist.
var globalOnly = &config.Config{Select: []string{"global", "unused-suppression"}}

func entries(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".json") {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func TestCacheReanalysesNothingWhenUnchanged(t *testing.T) {
	src := t.TempDir()
	for i, body := range []string{pitfall, moduleLevel, "print('clean')\n"} {
		write(t, src, string(rune('a'+i))+".py", body)
	}
	dir := t.TempDir()
	// Each run opens the cache afresh, as each pyhint process does.
	run := func(cfg *config.Config, version string) *Report {
		c, err := OpenCache(dir, version)
		if err != nil {
			t.Fatal(err)
		}
		return Run(context.Background(), []string{src}, Options{Config: cfg, Cache: c})
	}
	cold := run(globalOnly, "test")
	if cold.Analysed != 3 || cold.Files != 3 || len(cold.Findings) != 2 {
		t.Fatalf("cold: analysed %d files %d findings %d", cold.Analysed, cold.Files, len(cold.Findings))
	}
	warm := run(globalOnly, "test")
	if warm.Analysed != 0 || warm.Files != 3 {
		t.Errorf("warm: analysed %d of %d files, want 0", warm.Analysed, warm.Files)
	}
	if !equalJSON(t, cold.Findings, warm.Findings) {
		t.Errorf("warm findings differ:\n%+v\n%+v", cold.Findings, warm.Findings)
	}
	// The configuration is applied after the cache: changing it re-analyses
	// nothing and still changes what is reported.
	ignoring := run(&config.Config{Select: globalOnly.Select, Ignore: []string{"global-statement"}}, "test")
	if ignoring.Analysed != 0 || len(ignoring.Findings) != 1 || ignoring.Findings[0].Rule != "global-at-module-level" {
		t.Errorf("config change: analysed %d, findings %+v", ignoring.Analysed, ignoring.Findings)
	}
	// Editing one file re-analyses that file only.
	write(t, src, "c.py", "print('changed')\n")
	if edited := run(globalOnly, "test"); edited.Analysed != 1 {
		t.Errorf("after editing one file: analysed %d, want 1", edited.Analysed)
	}
	// Another build (version) does not read these entries.
	if r := run(globalOnly, "other"); r.Analysed != 3 {
		t.Errorf("another version: analysed %d, want 3", r.Analysed)
	}
}

func TestCacheCorruptEntries(t *testing.T) {
	src := t.TempDir()
	write(t, src, "a.py", pitfall)
	dir := t.TempDir()
	run := func() *Report {
		c, err := OpenCache(dir, "test")
		if err != nil {
			t.Fatal(err)
		}
		return Run(context.Background(), []string{src}, Options{Config: globalOnly, Cache: c})
	}
	cold := run()
	files := entries(t, dir)
	if len(files) != 1 {
		t.Fatalf("entries: %v", files)
	}
	good, _ := os.ReadFile(files[0])
	var e map[string]any
	if err := json.Unmarshal(good, &e); err != nil {
		t.Fatal(err)
	}
	outOfRange := strings.Replace(string(good), `"end":28`, `"end":999999`, 1)
	if outOfRange == string(good) {
		t.Fatalf("entry layout changed; adapt the test:\n%s", good)
	}
	fileKey := e["files"].(map[string]any)["a.py"].(map[string]any)["key"].(string)
	otherKey := strings.Replace(string(good), fileKey, strings.Repeat("0", 64), 1)
	otherBuild := strings.Replace(string(good), e["salt"].(string), strings.Repeat("1", 64), 1)
	for name, bad := range map[string]string{
		"truncated":    string(good[:len(good)/2]),
		"empty":        "",
		"binary":       "\x00\xff\xfe",
		"out of range": outOfRange,
		"wrong key":    otherKey,
		"other build":  otherBuild,
	} {
		if err := os.WriteFile(files[0], []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		r := run()
		if r.Analysed != 1 || len(r.Errors) != 0 || !equalJSON(t, r.Findings, cold.Findings) {
			t.Errorf("%s entry: analysed %d, errors %v, findings %+v", name, r.Analysed, r.Errors, r.Findings)
		}
		if now, _ := os.ReadFile(files[0]); string(now) != string(good) {
			t.Errorf("%s entry was not rewritten", name)
		}
	}
}

func equalJSON(t *testing.T, a, b any) bool {
	t.Helper()
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

func TestFixLeavesFileChangedOnDisk(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "a.py", moduleLevel+pitfall)
	const edited = "# an editor saved this meanwhile\n"
	opts := Options{Config: globalOnly, Fix: FixSafe, beforeWrite: func(path string) {
		if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
			t.Error(err)
		}
	}}
	r := Run(context.Background(), []string{p}, opts)
	if got, _ := os.ReadFile(p); string(got) != edited {
		t.Errorf("the concurrent edit was overwritten: %q", got)
	}
	if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "changed on disk") || len(r.Errors) != 0 {
		t.Errorf("warnings %v errors %v", r.Warnings, r.Errors)
	}
	if r.Fixed != 0 || len(r.Findings) != 2 {
		t.Errorf("nothing was fixed, so both findings stand: fixed %d, findings %+v", r.Fixed, r.Findings)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*")); len(leftovers) != 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func newWorker(opts *Options) *worker {
	return &worker{opts: opts, c: analyzers.NewChecker(), p: pyts.NewParser()}
}

// fakeResult is an analysis with one finding per fix.
func fakeResult(fixes ...*Fix) *analysisResult {
	res := &analysisResult{}
	for _, f := range fixes {
		res.Findings = append(res.Findings, located{Finding: Finding{Rule: "global-at-module-level", Message: "m", Line: 1, Column: 1, Fix: f}})
	}
	return res
}

func TestPickFixes(t *testing.T) {
	tg := target{cfg: &config.Config{}}
	safe := &Fix{Safe: true, Edits: []Edit{{Start: 0, End: 4, NewText: "x"}}}
	unsafe := &Fix{Safe: false, Edits: []Edit{{Start: 10, End: 12, NewText: "y"}}}
	overlapping := &Fix{Safe: true, Edits: []Edit{{Start: 2, End: 6}}}
	shared := &Fix{Safe: true, Edits: []Edit{{Start: 0, End: 4, NewText: "x"}}} // the same edit as safe
	insertA := &Fix{Safe: true, Edits: []Edit{{Start: 20, End: 20, NewText: "a"}}}
	insertB := &Fix{Safe: true, Edits: []Edit{{Start: 20, End: 20, NewText: "b"}}}

	w := newWorker(&Options{Fix: FixSafe})
	defer w.p.Close()
	edits, picked := w.pickFixes(tg, fakeResult(safe, unsafe, overlapping, shared, insertA, insertB), nil)
	if n := len(picked); n != 3 || len(edits) != 3 {
		t.Errorf("safe mode: %d fixes, edits %+v; want safe, shared and one insertion", n, edits)
	}
	w.opts.Fix = FixUnsafe
	if _, picked := w.pickFixes(tg, fakeResult(safe, unsafe), nil); len(picked) != 2 {
		t.Errorf("unsafe mode: %d fixes, want 2", len(picked))
	}
	disabled := target{cfg: &config.Config{Ignore: []string{"global"}}}
	if _, picked := w.pickFixes(disabled, fakeResult(safe), nil); len(picked) != 0 {
		t.Errorf("a fix of a disabled rule was picked")
	}
}

func TestFixNeverBreaksSyntax(t *testing.T) {
	w := newWorker(&Options{Fix: FixSafe, Config: &config.Config{}})
	defer w.p.Close()
	src := []byte("y = 1\n")
	res, err := w.analyse(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	res.Findings = append(res.Findings, fakeResult(&Fix{Safe: true, Edits: []Edit{{Start: 0, End: 0, NewText: "def ("}}}).Findings...)
	out, _, n, errs := w.fix(context.Background(), target{path: "a.py", cfg: &config.Config{}}, src, res)
	if string(out) != string(src) || n != 0 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "a.py:1:1: global-at-module-level: fix not applied: the fixed file would not parse") {
		t.Errorf("fix = %q, %d, %v: a fix that breaks the syntax must be refused", out, n, errs)
	}
}

// TestFixKeepsTheFixesThatParse: of two fixes in one pass, the one that
// would break the parse is left out (and reported once, though the finding
// stays for the next passes), the other applied.
func TestFixKeepsTheFixesThatParse(t *testing.T) {
	w := newWorker(&Options{Fix: FixSafe, Config: &config.Config{}})
	defer w.p.Close()
	src := []byte("y = 1\nz = 2\n")
	res, err := w.analyse(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	res.Findings = append(res.Findings, fakeResult(
		&Fix{Safe: true, Edits: []Edit{{Start: 0, End: 0, NewText: "def ("}}},
		&Fix{Safe: true, Edits: []Edit{{Start: 10, End: 11, NewText: "3"}}},
	).Findings...)
	res.Findings[len(res.Findings)-1].Message = "other" // a different fix, not skipped with the first
	out, _, n, errs := w.fix(context.Background(), target{path: "a.py", cfg: &config.Config{}}, src, res)
	if string(out) != "y = 1\nz = 3\n" || n != 1 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "would not parse") {
		t.Errorf("fix = %q, %d, %v: want the parsing fix applied and the other reported", out, n, errs)
	}
}

func TestDiscoverSymlinkedDirectoryNotFollowed(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	write(t, outside, "o.py", pitfall)
	write(t, root, "a.py", pitfall)
	if err := os.Symlink(outside, filepath.Join(root, "link")); err != nil {
		t.Skip(err)
	}
	rep := &Report{}
	ts, err := discover([]string{root}, Options{Config: globalOnly}, rep)
	if err != nil || len(ts) != 1 || filepath.Base(ts[0].path) != "a.py" {
		t.Errorf("targets %+v, err %v", ts, err)
	}
	// Named twice, linted once.
	ts, _ = discover([]string{root, filepath.Join(root, "a.py")}, Options{Config: globalOnly}, rep)
	if len(ts) != 1 {
		t.Errorf("duplicate targets: %+v", ts)
	}
}

func TestUnreadableDirectoryReported(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads everything")
	}
	root := t.TempDir()
	write(t, root, "locked/a.py", pitfall)
	write(t, root, "b.py", pitfall)
	os.Chmod(filepath.Join(root, "locked"), 0)
	defer os.Chmod(filepath.Join(root, "locked"), 0o755)
	r := Run(context.Background(), []string{root}, Options{Config: globalOnly})
	if len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Error(), "permission denied") || len(r.Findings) != 1 {
		t.Errorf("errors %v findings %d", r.Errors, len(r.Findings))
	}
}

func TestContextCancelled(t *testing.T) {
	root := t.TempDir()
	write(t, root, "a.py", pitfall)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := Run(ctx, []string{root}, Options{Config: globalOnly})
	if len(r.Errors) == 0 || len(r.Findings) != 0 {
		t.Errorf("cancelled run: errors %v findings %v", r.Errors, r.Findings)
	}
}
