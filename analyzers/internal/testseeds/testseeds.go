// Package testseeds finds real Python for the fuzz targets of the packages
// under analyzers/ to start from. Test code only.
package testseeds

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Python returns real Python to start fuzzing from: every analyzer's
// testdata, the CLI's example project and, when a Python standard library
// can be found (StdlibDir), a few of its
// modules. The standard library is optional: without it there are fewer
// seeds.
func Python(tb testing.TB) [][]byte {
	tb.Helper()
	var paths []string
	for _, pat := range []string{"../*/testdata/*.py", "../*/testdata/*/*.py"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			tb.Fatal(err)
		}
		paths = append(paths, m...)
	}
	if len(paths) == 0 {
		tb.Fatal("no analyzers/*/testdata/*.py found: call from a package directory under analyzers/")
	}
	filepath.WalkDir("../../cmd/pyhint/testdata", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".py") {
			paths = append(paths, p)
		}
		return nil
	})
	if dir := StdlibDir(); dir != "" {
		for _, name := range []string{"copy.py", "abc.py", "queue.py", "contextlib.py", "functools.py", "asyncio/locks.py"} {
			paths = append(paths, filepath.Join(dir, name))
		}
	}
	var out [][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil || len(data) > 64<<10 {
			continue // a standard library without that module
		}
		out = append(out, data)
	}
	return out
}

// StdlibDir returns the directory of a Python standard library, or "":
// PYHINT_BENCH_DIR, else the newest python3.* under /usr/lib or
// /usr/local/lib that holds copy.py. It runs nothing (pyhint's code never
// starts a process; the security test checks the whole module, this too).
func StdlibDir() string {
	if dir := os.Getenv("PYHINT_BENCH_DIR"); dir != "" {
		return dir
	}
	var found []string
	for _, pat := range []string{"/usr/lib/python3.*", "/usr/local/lib/python3.*"} {
		m, _ := filepath.Glob(pat)
		for _, d := range m {
			if _, err := os.Stat(filepath.Join(d, "copy.py")); err == nil {
				found = append(found, d)
			}
		}
	}
	if len(found) == 0 {
		return ""
	}
	// python3.9 < python3.11: compare the minor versions as numbers.
	minor := func(d string) int {
		n, _ := strconv.Atoi(strings.TrimPrefix(filepath.Base(d), "python3."))
		return n
	}
	slices.SortFunc(found, func(a, b string) int { return minor(a) - minor(b) })
	return found[len(found)-1]
}

// Testdata returns the paths of every analyzer's testdata files
// (analyzers/*/testdata/*.py), from a package directory under analyzers/.
func Testdata(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob("../*/testdata/*.py")
	if err != nil || len(files) < 10 {
		tb.Fatalf("found only %d testdata files (%v): call from a package directory under analyzers/", len(files), err)
	}
	return files
}
