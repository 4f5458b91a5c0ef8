package checker_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/pyhint/pyhint/analyzers"
	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/checker"
	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/analyzers/internal/testseeds"
	"github.com/pyhint/pyhint/analyzers/pyts"
)

// incrementalEdits is how many valid versions TestIncrementalMatchesCheck
// makes of each testdata file; PYHINT_INCR_EDITS raises it.
func incrementalEdits(t *testing.T) int {
	if v := os.Getenv("PYHINT_INCR_EDITS"); v != "" {
		var n int
		if _, err := fmt.Sscan(v, &n); err != nil || n <= 0 {
			t.Fatalf("PYHINT_INCR_EDITS=%q: want a positive number", v)
		}
		return n
	}
	return 15
}

// TestIncrementalMatchesCheck edits every analyzer's testdata files at
// random, keeping only edits that leave the file valid Python, and checks
// after each that CheckIncremental, fed the state of the version before,
// finds exactly what Check finds, and that it does keep findings of
// unchanged groups.
func TestIncrementalMatchesCheck(t *testing.T) {
	files := testseeds.Testdata(t)
	c := checker.New(analyzers.All()).WithSuppressions(func(string) bool { return true })
	r := rand.New(rand.NewPCG(3, 4))
	per := incrementalEdits(t)
	versions, reused, walked := 0, 0, 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, st := checkBoth(t, c, f+" (as read)", src, nil, nil)
		if st == nil {
			continue // a syntax error on purpose
		}
		for made, tries := 0, 0; made < per && tries < 20*per; tries++ {
			next, edit := mutate(r, src)
			tree, err := pyts.Parse(next)
			if err != nil {
				t.Fatal(err)
			}
			if tree.HasError() {
				continue
			}
			name := fmt.Sprintf("%s, version %d (%+v)", f, made+1, edit)
			_, nst := checkBoth(t, c, name, next, st, []pyts.Edit{edit})
			if nst == nil {
				t.Fatalf("%s: no state for a valid file", name)
			}
			reused += nst.Reused
			walked += nst.Walked
			src, st = next, nst
			made++
			versions++
		}
	}
	t.Logf("%d versions: %d groups kept, %d analysed again", versions, reused, walked)
	if versions < 100 || reused < walked {
		t.Errorf("%d versions, %d groups kept, %d analysed: the incremental path is not exercised", versions, reused, walked)
	}
}

// checkBoth checks src in full and incrementally from prev, fails the test
// if they differ, and returns the result and the new state.
func checkBoth(t *testing.T, c *checker.Checker, name string, src []byte, prev *checker.State, edits []pyts.Edit) (*checker.Result, *checker.State) {
	t.Helper()
	ctx := context.Background()
	tree, err := pyts.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	doc := document.New(src)
	want, err := c.Check(ctx, doc, tree)
	if err != nil {
		t.Fatal(err)
	}
	got, st, err := c.CheckIncremental(ctx, doc, tree, prev, edits, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Diagnostics, want.Diagnostics) {
		t.Fatalf("%s: diagnostics differ\nincremental: %+v\nfull:        %+v\nsource:\n%s", name, got.Diagnostics, want.Diagnostics, src)
	}
	if !reflect.DeepEqual(got.Anchors, want.Anchors) {
		t.Fatalf("%s: anchors differ\nincremental: %+v\nfull:        %+v\nsource:\n%s", name, got.Anchors, want.Anchors, src)
	}
	if len(got.Errors) != len(want.Errors) {
		t.Fatalf("%s: %d internal errors, full check %d", name, len(got.Errors), len(want.Errors))
	}
	return got, st
}

// mutate makes a small edit of src of the kinds typing makes: a letter of
// a name changed, a line deleted, duplicated or blanked, a statement typed
// on a new line.
func mutate(r *rand.Rand, src []byte) ([]byte, pyts.Edit) {
	lines := strings.SplitAfter(string(src), "\n")
	li := r.IntN(len(lines))
	off := 0
	for _, l := range lines[:li] {
		off += len(l)
	}
	line := lines[li]
	replace := func(start, end int, text string) ([]byte, pyts.Edit) {
		out := make([]byte, 0, len(src)+len(text))
		out = append(append(append(out, src[:start]...), text...), src[end:]...)
		return out, pyts.Edit{Start: start, OldEnd: end, NewEnd: start + len(text)}
	}
	switch r.IntN(6) {
	case 0, 1: // change a letter
		var at []int
		for i := 0; i < len(line); i++ {
			if c := line[i]; c >= 'a' && c <= 'z' {
				at = append(at, i)
			}
		}
		if len(at) == 0 {
			return replace(off, off, "\n")
		}
		i := at[r.IntN(len(at))]
		return replace(off+i, off+i+1, string(rune('a'+r.IntN(26))))
	case 2: // delete the line
		return replace(off, off+len(line), "")
	case 3: // duplicate it
		return replace(off, off, line)
	case 4: // blank line
		return replace(off, off, "\n")
	default: // a statement on a new line, indented like this one
		indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		stmts := []string{"pass", "x = 1", "global counter", "import threading", "print(x)", "lock.acquire()", "yield", "return []", "def work():\n" + indent + "    return 1", "import functools", "counter += 1"}
		return replace(off, off, indent+stmts[r.IntN(len(stmts))]+"\n")
	}
}

// TestIncrementalDependencies edits one group of a file in ways that change
// what another, unchanged group finds: each case must find what a full
// check finds, and each reads across groups through a different channel.
func TestIncrementalDependencies(t *testing.T) {
	c := checker.New(analyzers.All()).WithSuppressions(func(string) bool { return true })
	cases := []struct {
		name, before, from, to string
	}{
		// Imports: an import inside another function turns off advice
		// that is wrong under trio.
		{"imports", "import asyncio\n\nasync def f():\n    asyncio.create_task(g())\n\ndef h():\n    pass\n", "    pass\n", "    import trio\n"},
		// The statement list: the fix adds `import functools` after the
		// leading run of imports, which a new statement between two
		// unchanged groups extends (a __future__ import: no name bound, no
		// module imported).
		{"structure", "import os\n\n\x00\nprint(1)\n\ndef deco(func):\n    def wrapper(*a):\n        return func(*a)\n    return wrapper\n\ndef other():\n    pass\n", "", "from __future__ import annotations\n\n"},
		// A module name: a second binding of `lock` makes it unknown.
		{"name", "import threading\nlock = threading.Lock()\n\ndef f():\n    lock.acquire()\n    work()\n    lock.release()\n\ndef g():\n    pass\n", "def g():\n    pass\n", "def g():\n    pass\nlock = None\n"},
		// Another group's content: the thread target's body.
		{"group", "import threading\n\ndef work():\n    total = 0\n    for i in range(10**7):\n        total += i * i\n    return total\n\nthreading.Thread(target=work).start()\n", "    for i in range(10**7):\n        total += i * i\n", "    print(total)\n"},
		// A class elsewhere that defines the method a copy is checked for.
		{"scopes", "import copy\n\nclass A:\n    pass\n\ndef f(x):\n    y = copy.copy(x)\n    y.items.append(1)\n    return y\n", "class A:\n    pass\n", "class A:\n    def __copy__(self):\n        return A()\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// An empty from inserts at the NUL in before.
			if tc.from == "" {
				tc.from = "\x00"
				tc.to += "\x00"
			}
			i := strings.Index(tc.before, tc.from)
			if i < 0 {
				t.Fatalf("%q not in the source", tc.from)
			}
			if tc.from == "\x00" {
				tc.before = strings.Replace(tc.before, "\x00", "", 1)
				tc.from, tc.to = "", strings.TrimSuffix(tc.to, "\x00")
			}
			after := tc.before[:i] + tc.to + tc.before[i+len(tc.from):]
			want1, st := checkBoth(t, c, tc.name+" before", []byte(tc.before), nil, nil)
			if st == nil {
				t.Fatal("no state")
			}
			edit := pyts.Edit{Start: i, OldEnd: i + len(tc.from), NewEnd: i + len(tc.to)}
			want2, st2 := checkBoth(t, c, tc.name+" after", []byte(after), st, []pyts.Edit{edit})
			if reflect.DeepEqual(want1, want2) {
				t.Errorf("the edit changes nothing: the case tests nothing\n%+v", want2)
			}
			if st2.Reused == 0 {
				t.Errorf("no group kept: the case tests nothing")
			}
		})
	}
}

// TestIncrementalDetachesStrings: findings kept from one version to the
// next must not share the memory of its source (which they would keep
// alive): an anchor whose detail is a node's text as it is, made by a test
// analyzer, is copied.
func TestIncrementalDetachesStrings(t *testing.T) {
	a := &analysis.Analyzer{
		Name: "echo", Doc: "echo: test", Kinds: []pyts.Kind{pyts.Identifier},
		Visit: func(p *analysis.Pass, n pyts.Node) { p.Anchor(n, "global", p.Text(n), p.Text(n)) },
	}
	c := checker.New([]*analysis.Analyzer{a})
	src := []byte("alpha = 1\n\nbeta = 2\n")
	tree, err := pyts.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	res, _, err := c.CheckIncremental(context.Background(), document.New(src), tree, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Anchors) != 2 || res.Anchors[0].Detail != "alpha" {
		t.Fatalf("anchors: %+v", res.Anchors)
	}
	text := tree.Source()
	lo := uintptr(unsafe.Pointer(&text[0]))
	for _, an := range res.Anchors {
		for _, s := range []string{an.Hint, an.Detail} {
			if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); p >= lo && p < lo+uintptr(len(text)) {
				t.Errorf("%q shares the source's memory", s)
			}
		}
	}
}
