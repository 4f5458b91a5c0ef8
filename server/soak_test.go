package server_test

// This file defines TestSoak: one long session of edits and requests, with
// the server's memory, goroutines and tree-sitter objects measured after a
// warm-up and at the end.
//
//	PYHINT_SOAK_EDITS=100000 go test -run '^TestSoak$' -v ./server

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pyhint/pyhint/analyzers/pyts"
	"github.com/pyhint/pyhint/server"
	"github.com/pyhint/pyhint/server/servertest"
)

// soakText is the document the soak edits: a global statement in bump (the
// hover target), a mutable default in add.
const soakText = `import threading

counter = 0


def bump():
    global counter
    counter += 1
    return counter


def add(item, bucket=[]):
    bucket.append(item)
    return bucket


class Box:
    def __init__(self, value):
        self.value = value

    def __repr__(self):
        return "Box(%r)" % self.value


def run():
    threads = [threading.Thread(target=bump) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
`

// soakStats is what the soak measures.
type soakStats struct {
	heap       uint64 // live Go heap objects after a collection, bytes
	rss        int64  // resident set size, bytes (0 where unknown)
	goroutines int
	cAllocs    int64 // tree-sitter's live C allocations
}

func (s soakStats) String() string {
	return fmt.Sprintf("Go heap in use %.1f MiB, RSS %.1f MiB, %d goroutines, %d live C allocations",
		float64(s.heap)/(1<<20), float64(s.rss)/(1<<20), s.goroutines, s.cAllocs)
}

func measure() soakStats {
	return soakStats{heap: heapInUse(), rss: vmRSS(), goroutines: runtime.NumGoroutine(), cAllocs: pyts.LiveCAllocations()}
}

// vmRSS returns VmRSS from /proc/self/status, or 0.
func vmRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

// TestSoak edits one document PYHINT_SOAK_EDITS times (default 2,000) in
// one session, in a cycle that appends and removes a line, inserts and
// removes a second global statement in bump (a finding that comes and
// goes) and retypes a digit, and after each edit hovers on bump's global
// statement; every tenth edit it pulls the diagnostics and compares them
// with the findings the text must have. After a warm-up (a tenth of the
// edits) and at the end it measures the live Go heap, the RSS, the
// goroutines and tree-sitter's live C allocations: at the end the heap and
// the C allocations are within twice their warm-up values, the goroutines
// within a few. After shutdown, the C allocations are back to what they
// were before the server started (every parser and tree closed) and so are
// the goroutines. Not parallel: the C allocations are counted process-wide.
func TestSoak(t *testing.T) {
	n := envInt(t, "PYHINT_SOAK_EDITS", 2000)
	warm := max(n/10, 100)
	cBase, gBase := pyts.LiveCAllocations(), runtime.NumGoroutine()

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Hour)
	defer cancel()
	c := servertest.Start(t, server.New(opts(t)))
	if _, err := c.Initialize(ctx, pullingClient()); err != nil {
		t.Fatal(err)
	}
	const uri = "file:///soak/soak.py"
	lines := strings.SplitAfter(soakText, "\n")
	lines = lines[:len(lines)-1] // the empty string after the last "\n"
	globalLine := slices.Index(lines, "    global counter\n")
	c.Open(uri, 1, soakText)
	pull := func() []string {
		t.Helper()
		var p pulledDiagnostics
		if err := c.Call(ctx, "textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": uri}}, &p); err != nil {
			t.Fatal(err)
		}
		codes := itemCodes(&p)
		slices.Sort(codes)
		return codes
	}
	base := pull()
	if !slices.Contains(base, "global-statement") || !slices.Contains(base, "mutable-default-argument") {
		t.Fatalf("the soak document's findings: %v", base)
	}
	extra := slices.Sorted(slices.Values(append(slices.Clone(base), "global-statement")))

	var warmStats soakStats
	appended, inserted := false, false
	for i := 1; i <= n; i++ {
		version := int32(i + 1)
		var e servertest.Edit
		switch i % 4 {
		case 0: // append a line, or remove it
			if !appended {
				e = servertest.Edit{StartLine: len(lines), EndLine: len(lines), Text: fmt.Sprintf("v%d = %d\n", i, i)}
				lines = append(lines, e.Text)
			} else {
				e = servertest.Edit{StartLine: len(lines) - 1, EndLine: len(lines), Text: ""}
				lines = lines[:len(lines)-1]
			}
			appended = !appended
		case 1: // a second global statement in bump, or not
			at := globalLine + 1
			if !inserted {
				e = servertest.Edit{StartLine: at, EndLine: at, Text: fmt.Sprintf("    global g\n    g = %d\n", i)}
				lines = slices.Insert(lines, at, "    global g\n", fmt.Sprintf("    g = %d\n", i))
			} else {
				e = servertest.Edit{StartLine: at, EndLine: at + 2, Text: ""}
				lines = slices.Delete(lines, at, at+2)
			}
			inserted = !inserted
		default: // retype the digit of `counter += 1`
			at := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "    counter += ") })
			d := strconv.Itoa(i % 10)
			e = servertest.Edit{StartLine: at, StartChar: 15, EndLine: at, EndChar: 16, Text: d}
			lines[at] = "    counter += " + d + "\n"
		}
		c.Change(uri, version, e)

		var h struct{ Contents struct{ Value string } }
		if err := c.Call(ctx, "textDocument/hover", hoverAt(uri, globalLine, 6), &h); err != nil {
			t.Fatalf("edit %d: hover: %v", i, err)
		}
		if !strings.Contains(h.Contents.Value, "`counter`") {
			t.Fatalf("edit %d: hover on `global counter`:\n%s", i, h.Contents.Value)
		}
		if i%10 == 0 {
			want := base
			if inserted {
				want = extra
			}
			if got := pull(); !slices.Equal(got, want) {
				t.Fatalf("edit %d: findings %v, want %v\ntext:\n%s", i, got, want, strings.Join(lines, ""))
			}
		}
		if i == warm {
			warmStats = measure()
			t.Logf("after %d edits (warm-up): %v", i, warmStats)
		}
	}
	end := measure()
	t.Logf("after %d edits: %v", n, end)
	if end.heap > 2*warmStats.heap+2<<20 {
		t.Errorf("the Go heap in use grew from %d to %d bytes", warmStats.heap, end.heap)
	}
	if end.cAllocs > 2*warmStats.cAllocs+64 {
		t.Errorf("tree-sitter's live C allocations grew from %d to %d", warmStats.cAllocs, end.cAllocs)
	}
	if end.goroutines > warmStats.goroutines+8 {
		t.Errorf("goroutines grew from %d to %d", warmStats.goroutines, end.goroutines)
	}
	// RSS also counts memory the runtime and libc have not returned yet:
	// a generous bound, which a leak of one text per edit still exceeds
	// in the long runs.
	if warmStats.rss > 0 && end.rss > 2*warmStats.rss+256<<20 {
		t.Errorf("RSS grew from %d to %d bytes", warmStats.rss, end.rss)
	}

	if err := c.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if code, err := c.Exit(ctx); err != nil || code != 0 {
		t.Fatalf("exit code %d (%v), want 0", code, err)
	}
	// Serve has returned: every document and parser is closed.
	if got := pyts.LiveCAllocations(); got != cBase {
		t.Errorf("after shutdown, %d live C allocations, %d before the server started", got, cBase)
	}
	c.CloseInput()
	<-c.Done()
	// Goroutines end shortly after the pipes close; nothing signals it.
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > gBase && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > gBase {
		var buf bytes.Buffer
		pprof.Lookup("goroutine").WriteTo(&buf, 1)
		t.Errorf("%d goroutines after shutdown, %d before the server started:\n%s", g, gBase, buf.String())
	}
	t.Logf("after shutdown: %v", measure())
}

// TestLiveCAllocationsCounts checks the counter TestSoak relies on: a
// parser and a tree raise it, and closing them brings it back.
func TestLiveCAllocationsCounts(t *testing.T) {
	before := pyts.LiveCAllocations()
	p := pyts.NewParser()
	tree, err := p.ParseRaw(context.Background(), []byte(soakText), nil)
	if err != nil {
		t.Fatal(err)
	}
	withParser := pyts.LiveCAllocations()
	tree.Close()
	withoutTree := pyts.LiveCAllocations()
	p.Close()
	after := pyts.LiveCAllocations()
	if withParser <= before || withoutTree >= withParser || after != before {
		t.Errorf("live C allocations: %d before, %d with a parser and a tree, %d after closing the tree, %d after closing the parser",
			before, withParser, withoutTree, after)
	}
}
