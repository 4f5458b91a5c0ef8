package lint

// This file tests what discovery and reading do with files that change
// between the two, deep trees and big files: the cases a root test run
// cannot make with file modes.

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// runWithin runs Run and fails the test if it has not returned within d
// (a read that blocks), leaving the stuck goroutine behind.
func runWithin(t *testing.T, d time.Duration, paths []string, opts Options) *Report {
	t.Helper()
	done := make(chan *Report, 1)
	go func() { done <- Run(context.Background(), paths, opts) }()
	select {
	case r := <-done:
		return r
	case <-time.After(d):
		t.Fatalf("Run(%q) did not return within %v: blocked on a read?", paths, d)
		return nil
	}
}

// TestFileRemovedBeforeRead: a file that discovery found and that is gone
// when it is read (root cannot be refused a read by file modes; this is
// the read error root can meet) is one error naming it; the other files
// are linted.
func TestFileRemovedBeforeRead(t *testing.T) {
	root := t.TempDir()
	gone := write(t, root, "a.py", pitfall)
	write(t, root, "b.py", pitfall)
	opts := Options{Config: globalOnly, Jobs: 1, beforeRead: func(path string) {
		if path == gone {
			os.Remove(path)
		}
	}}
	r := runWithin(t, 20*time.Second, []string{root}, opts)
	if len(r.Errors) != 1 || r.Errors[0].Error() != gone+": cannot read: no such file or directory" {
		t.Errorf("errors %q, want one for %s", r.Errors, gone)
	}
	if len(r.Findings) != 1 || filepath.Base(r.Findings[0].Path) != "b.py" {
		t.Errorf("findings %+v, want b.py's", r.Findings)
	}
}

// TestFileReplacedByPipeBeforeRead: a file swapped for a named pipe after
// discovery is not opened for reading in a way that blocks: the run
// returns, with an error naming it.
func TestFileReplacedByPipeBeforeRead(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("named pipes are POSIX")
	}
	root := t.TempDir()
	swapped := write(t, root, "a.py", pitfall)
	write(t, root, "b.py", pitfall)
	opts := Options{Config: globalOnly, Jobs: 1, beforeRead: func(path string) {
		if path == swapped {
			os.Remove(path)
			if err := syscall.Mkfifo(path, 0o644); err != nil {
				t.Error(err)
			}
		}
	}}
	r := runWithin(t, 20*time.Second, []string{root}, opts)
	if len(r.Errors) != 1 || !strings.HasPrefix(r.Errors[0].Error(), swapped+": a named pipe (FIFO), not a regular file") {
		t.Errorf("errors %q, want one naming the pipe", r.Errors)
	}
	if len(r.Findings) != 1 {
		t.Errorf("findings %+v, want b.py's", r.Findings)
	}
}

// TestDeepDirectoryTree walks a tree nested as deep as a path allows (a
// 4,000-byte path of one-letter directories): discovery keeps its order and
// finds the file at the bottom. It walks with an explicit stack, so depth
// costs no Go stack (the recursion test in analyzers/checker keeps it so).
func TestDeepDirectoryTree(t *testing.T) {
	root := t.TempDir()
	depth := (4000 - len(root)) / 2
	rel := strings.Repeat("d/", depth)
	write(t, root, rel+"deep.py", pitfall)
	write(t, root, "a.py", pitfall)
	write(t, root, "e.py", pitfall)
	r := runWithin(t, 60*time.Second, []string{root}, Options{Config: globalOnly})
	if len(r.Errors) != 0 {
		t.Fatalf("errors %v", r.Errors)
	}
	var got []string
	for _, f := range r.Findings {
		p, _ := filepath.Rel(root, f.Path)
		got = append(got, filepath.ToSlash(p))
	}
	want := []string{"a.py", rel + "deep.py", "e.py"}
	if !slices.Equal(got, want) {
		t.Errorf("findings in %d files (%.40q...), want a.py, the deep file, e.py", len(got), got)
	}
}
