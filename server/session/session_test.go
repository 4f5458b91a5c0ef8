package session

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pyhint/pyhint/analyzers"
	"github.com/pyhint/pyhint/analyzers/checker"
	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/analyzers/pyts"
	"github.com/pyhint/pyhint/server/internal/workload"
)

func newSession(t *testing.T, opts Options) *Session {
	t.Helper()
	if opts.Checker == nil {
		opts.Checker = checker.New(analyzers.All())
	}
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Shutdown)
	return s
}

// sameTree fails unless two flat trees have the same nodes (kind, range).
func sameTree(t *testing.T, got, want *pyts.Tree) {
	t.Helper()
	if got.Len() != want.Len() {
		t.Fatalf("incremental tree has %d nodes, fresh parse %d\n got %s\nwant %s", got.Len(), want.Len(), got.Sexp(got.Root()), want.Sexp(want.Root()))
	}
	for n := pyts.Node(0); int(n) < got.Len(); n++ {
		if got.Kind(n) != want.Kind(n) || got.Start(n) != want.Start(n) || got.End(n) != want.End(n) {
			t.Fatalf("node %d: incremental %s [%d,%d), fresh %s [%d,%d)", n, got.Kind(n), got.Start(n), got.End(n), want.Kind(n), want.Start(n), want.End(n))
		}
	}
}

// TestIncrementalEqualsFresh applies random edits, one didChange at a
// time, to texts with every kind of line ending and multi-unit character,
// and checks after each one that the incrementally reparsed tree is the
// tree a fresh parse of the same text gives, and that the session's text is
// the text the edits describe.
func TestIncrementalEqualsFresh(t *testing.T) {
	bases := map[string]string{
		"lf":      "import os\n\ndef f(x):\n    global g\n    g = x  # é\n    return [y for y in x]\n\nclass C:\n    pass\n",
		"crlf":    "def f(x):\r\n    s = '日本語'\r\n    return s\r\n\r\nx = [1,\r\n     2]\r\n",
		"lone-cr": "x = 1\ry = 2\rdef f():\r    return x\r",
		"emoji":   "s = '🐍🐍'  # snake\ndef g():\n\tglobal s\n\ts = '😀'\n",
		"tabs":    "if True:\n\tx = 1\n\tif x:\n\t\ty = 2\n",
	}
	pieces := []string{"", "x", "\n", "\r\n", "🐍", "日", "\t", "(", ")", ":", "def h():\n    yield 1\n", "'", "global g\n", "    "}
	for _, enc := range []document.Encoding{document.UTF16, document.UTF8, document.UTF32} {
		for name, base := range bases {
			t.Run(fmt.Sprintf("%s/%s", enc, name), func(t *testing.T) {
				rng := rand.New(rand.NewSource(int64(len(name)) + int64(enc)))
				var mu sync.Mutex
				trees := map[uint64]*pyts.Tree{}
				reparsed := 0
				s := newSession(t, Options{Encoding: enc, parsed: func(gen uint64, t *pyts.Tree, _ bool) {
					mu.Lock()
					trees[gen] = t
					mu.Unlock()
				}})
				const uri = "untitled:Untitled-1"
				if err := s.Open(uri, 1, base); err != nil {
					t.Fatal(err)
				}
				text := base
				for v := int32(2); v < 60; v++ {
					idx := document.New([]byte(text))
					a, b := rng.Intn(len(text)+1), rng.Intn(len(text)+1)
					if a > b {
						a, b = b, a
					}
					pa, pb := idx.Position(a, enc), idx.Position(b, enc)
					// Positions map back to character starts: recompute the
					// byte offsets the session will use.
					oa, _ := idx.Offset(pa, enc)
					ob, _ := idx.Offset(pb, enc)
					ins := pieces[rng.Intn(len(pieces))]
					text = text[:oa] + ins + text[ob:]
					if err := s.Change(uri, v, []Change{{Range: &Range{pa, pb}, Text: ins}}); err != nil {
						t.Fatal(err)
					}
					if v%3 != 0 {
						continue // let edits pile up between analyses
					}
					snap, err := s.Snapshot(context.Background(), uri)
					if err != nil {
						t.Fatal(err)
					}
					if string(snap.Doc.Text()) != text {
						t.Fatalf("version %d: session text %q, want %q", v, snap.Doc.Text(), text)
					}
					if snap.Version != v {
						t.Fatalf("snapshot version %d, want %d", snap.Version, v)
					}
					fresh, err := pyts.Parse([]byte(text))
					if err != nil {
						t.Fatal(err)
					}
					mu.Lock()
					tree := trees[snap.Gen]
					mu.Unlock()
					sameTree(t, tree, fresh)
					reparsed++
				}
				if reparsed < 19 {
					t.Errorf("only %d versions compared", reparsed)
				}
			})
		}
	}
}

// TestSeveralChangesInOneNotification applies a didChange with several
// ranges, each relative to the text the previous one produced, as LSP says.
func TestSeveralChangesInOneNotification(t *testing.T) {
	s := newSession(t, Options{})
	const uri = "file:///a.py"
	if err := s.Open(uri, 1, "a = 1\nb = 2\n"); err != nil {
		t.Fatal(err)
	}
	err := s.Change(uri, 2, []Change{
		{Range: &Range{document.Position{Line: 0, Character: 4}, document.Position{Line: 0, Character: 5}}, Text: "10"},
		{Range: &Range{document.Position{Line: 1, Character: 0}, document.Position{Line: 1, Character: 0}}, Text: "c = 3\n"},
		{Range: &Range{document.Position{Line: 0, Character: 0}, document.Position{Line: 0, Character: 1}}, Text: "A"},
	})
	if err != nil {
		t.Fatal(err)
	}
	snap, err := s.Snapshot(context.Background(), uri)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(snap.Doc.Text()), "A = 10\nc = 3\nb = 2\n"; got != want {
		t.Fatalf("text %q, want %q", got, want)
	}
	// A full replacement resets the tree.
	if err := s.Change(uri, 3, []Change{{Text: "global x\n"}}); err != nil {
		t.Fatal(err)
	}
	snap, err = s.Snapshot(context.Background(), uri)
	if err != nil {
		t.Fatal(err)
	}
	if string(snap.Doc.Text()) != "global x\n" || len(snap.Result.Diagnostics) != 1 || snap.Result.Diagnostics[0].Rule != "global-at-module-level" {
		t.Fatalf("after full replacement: %q %+v", snap.Doc.Text(), snap.Result.Diagnostics)
	}
}

// TestBadChanges: a range past the end, an inverted range and an unknown
// document are errors that leave the document untouched.
func TestBadChanges(t *testing.T) {
	s := newSession(t, Options{})
	const uri = "file:///a.py"
	if err := s.Open(uri, 1, "x = 1\n"); err != nil {
		t.Fatal(err)
	}
	pos := func(l, c int) document.Position { return document.Position{Line: l, Character: c} }
	for name, r := range map[string]Range{
		"line past end": {pos(5, 0), pos(5, 1)},
		"inverted":      {pos(0, 4), pos(0, 1)},
		"negative":      {pos(-1, 0), pos(0, 0)},
	} {
		if err := s.Change(uri, 2, []Change{{Range: &r, Text: "y"}}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if err := s.Change("file:///nope.py", 2, []Change{{Text: "y"}}); !errors.Is(err, ErrNotOpen) {
		t.Errorf("unknown document: got %v, want ErrNotOpen", err)
	}
	text, v, _ := s.Text(uri)
	if string(text) != "x = 1\n" || v != 1 {
		t.Errorf("after bad changes: %q version %d", text, v)
	}
	// The position just after the last line means the end (some clients
	// send it), and a character past a line's end is clamped, as LSP says.
	if err := s.Change(uri, 2, []Change{{Range: &Range{pos(0, 99), pos(1, 0)}, Text: "\ny = 2\n"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Change(uri, 3, []Change{{Range: &Range{pos(3, 0), pos(3, 0)}, Text: "z = 3\n"}}); err != nil {
		t.Fatal(err)
	}
	text, _, _ = s.Text(uri)
	if string(text) != "x = 1\ny = 2\nz = 3\n" {
		t.Errorf("text %q", text)
	}
}

// TestStaleSnapshotNeverServed holds an analysis back, edits the document,
// and checks that a request for the old generation gets
// ErrContentModified, that the held-back result is never installed or
// published, and that the new version's is.
func TestStaleSnapshotNeverServed(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	var published []int32
	s := newSession(t, Options{
		BeforeAnalysis: func(ctx context.Context, uri string) {
			select {
			case <-release:
			case <-ctx.Done():
			}
		},
		Published: func(snap *Snapshot) {
			mu.Lock()
			published = append(published, snap.Version)
			mu.Unlock()
		},
	})
	const uri = "file:///a.py"
	if err := s.Open(uri, 1, "global a\n"); err != nil {
		t.Fatal(err)
	}
	gen1, _ := s.Gen(uri)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	errc := make(chan error, 1)
	go func() {
		_, err := s.SnapshotAt(ctx, uri, gen1)
		errc <- err
	}()
	if err := s.Change(uri, 2, []Change{{Text: "x = 1\n"}}); err != nil {
		t.Fatal(err)
	}
	if err := <-errc; !errors.Is(err, ErrContentModified) {
		t.Fatalf("request for the old version: got %v, want ErrContentModified", err)
	}
	close(release)
	snap, err := s.Snapshot(ctx, uri)
	if err != nil {
		t.Fatal(err)
	}
	if snap.Version != 2 || len(snap.Result.Diagnostics) != 0 {
		t.Fatalf("got version %d with %d diagnostics", snap.Version, len(snap.Result.Diagnostics))
	}
	// Published runs after the install: wait for it through Commit's view.
	deadline := time.After(10 * time.Second)
	for {
		mu.Lock()
		got := append([]int32(nil), published...)
		mu.Unlock()
		if len(got) > 0 {
			for _, v := range got {
				if v != 2 {
					t.Fatalf("published versions %v: version 1 was superseded", got)
				}
			}
			break
		}
		select {
		case <-deadline:
			t.Fatal("nothing published")
		case <-time.After(time.Millisecond):
		}
	}
	if !s.Commit(snap, func() {}) {
		t.Error("Commit refused the current snapshot")
	}
	if err := s.Change(uri, 3, []Change{{Text: "y = 1\n"}}); err != nil {
		t.Fatal(err)
	}
	if s.Commit(snap, func() { t.Error("Commit ran for a superseded snapshot") }) {
		t.Error("Commit accepted a superseded snapshot")
	}
}

// TestSnapshotWaitCancelled: a request waiting for an analysis that does
// not come returns when its context ends.
func TestSnapshotWaitCancelled(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	s := newSession(t, Options{BeforeAnalysis: func(ctx context.Context, _ string) {
		select {
		case <-block:
		case <-ctx.Done():
		}
	}})
	if err := s.Open("file:///a.py", 1, "x = 1\n"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go cancel()
	if _, err := s.Snapshot(ctx, "file:///a.py"); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

// TestTooLarge: a document over the limit is kept in sync, not analysed.
func TestTooLarge(t *testing.T) {
	s := newSession(t, Options{MaxAnalyzedBytes: 1000})
	big := strings.Repeat("global x\n", 200)
	if err := s.Open("file:///big.py", 1, big); err != nil {
		t.Fatal(err)
	}
	snap, err := s.Snapshot(context.Background(), "file:///big.py")
	if err != nil {
		t.Fatal(err)
	}
	if snap.Skipped == "" || snap.Result != nil {
		t.Fatalf("big file analysed: skipped=%q", snap.Skipped)
	}
	// Shrinking it below the limit analyses it again, from a full parse.
	if err := s.Change("file:///big.py", 2, []Change{{Range: &Range{document.Position{Line: 1}, document.Position{Line: 200}}, Text: ""}}); err != nil {
		t.Fatal(err)
	}
	snap, err = s.Snapshot(context.Background(), "file:///big.py")
	if err != nil {
		t.Fatal(err)
	}
	if snap.Skipped != "" || len(snap.Result.Diagnostics) != 1 {
		t.Fatalf("after shrinking: skipped=%q result=%+v", snap.Skipped, snap.Result)
	}
}

// TestTreeKeptOnlyWhenEdited: an opened document keeps no tree-sitter
// tree; its first edit parses in full, and the following ones reuse the
// tree.
func TestTreeKeptOnlyWhenEdited(t *testing.T) {
	var mu sync.Mutex
	var kinds []bool
	s := newSession(t, Options{parsed: func(_ uint64, _ *pyts.Tree, incremental bool) {
		mu.Lock()
		kinds = append(kinds, incremental)
		mu.Unlock()
	}})
	const uri = "file:///a.py"
	if err := s.Open(uri, 1, "x = 1\n"); err != nil {
		t.Fatal(err)
	}
	for v := int32(1); v <= 4; v++ {
		if v > 1 {
			r := &Range{document.Position{Line: 0, Character: 4}, document.Position{Line: 0, Character: 5}}
			if err := s.Change(uri, v, []Change{{Range: r, Text: fmt.Sprint(v)}}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.Snapshot(context.Background(), uri); err != nil {
			t.Fatal(err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if fmt.Sprint(kinds) != "[false false true true]" {
		t.Errorf("incremental parses: %v, want [false false true true]", kinds)
	}
}

// TestKeystrokeAnalysesFewGroups: a one-letter edit of a 10,000-line file
// (a name in a function, a method, a class, a module-level global) keeps
// the findings of all but a couple of its ~800 groups of statements: the
// incremental check's dependencies are narrow enough to pay off.
func TestKeystrokeAnalysesFewGroups(t *testing.T) {
	text := workload.PythonFile(10000)
	lines := strings.Split(text, "\n")
	for _, tc := range []struct{ line, word string }{
		{"global g0", "g0"},
		{"        return sum(v * 2", "sum"},
		{"                key, _, value", "value"},
		{"        result = [Record", "Record"},
		{"    def total(self):", "total"},
		{"class Record", "Record"},
	} {
		line := 0
		for i := len(lines) / 2; i < len(lines) && tc.line != "global g0"; i++ {
			if strings.HasPrefix(lines[i], tc.line) {
				line = i
				break
			}
		}
		col := strings.Index(lines[line], tc.word)
		s, err := New(Options{Checker: checker.New(analyzers.All()).WithSuppressions(func(string) bool { return true })})
		if err != nil {
			t.Fatal(err)
		}
		const uri = "file:///big.py"
		if err := s.Open(uri, 1, text); err != nil {
			t.Fatal(err)
		}
		for v := int32(2); v <= 4; v++ { // the first edit parses and checks in full
			ch := "x"
			if v%2 == 1 {
				ch = tc.word[:1]
			}
			r := &Range{document.Position{Line: line, Character: col}, document.Position{Line: line, Character: col + 1}}
			if err := s.Change(uri, v, []Change{{Range: r, Text: ch}}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Snapshot(context.Background(), uri); err != nil {
				t.Fatal(err)
			}
		}
		s.mu.Lock()
		st := s.docs[uri].state
		s.mu.Unlock()
		if st == nil {
			t.Fatalf("%q: no incremental state", tc.line)
		}
		if st.Walked > 3 || st.Reused < 700 {
			t.Errorf("editing %q on line %d: %d groups analysed again, %d kept", tc.word, line+1, st.Walked, st.Reused)
		}
		s.Shutdown()
	}
}
