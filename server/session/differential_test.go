package session

// This file defines the differential test of the incremental path: random
// edit sequences over real Python files go through Session.Change, and the
// analysis of every version is compared with a fresh analysis of the same
// text (a full parse, a fresh check, fresh regions).

import (
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/pyhint/pyhint/analyzers"
	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/checker"
	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/analyzers/pyts"
)

// Environment variables of TestDifferentialEdits.
const (
	// envDiffEdits is how many edited versions are compared in all
	// (default defaultDiffEdits; the soak size is 10000).
	envDiffEdits = "PYHINT_DIFF_EDITS"
	// envDiffSeed seeds the edit sequences (default 1; "random" takes one
	// from the clock). A failure names the seed and the round.
	envDiffSeed = "PYHINT_DIFF_SEED"
	// envDiffRound runs only the round a failure named.
	envDiffRound = "PYHINT_DIFF_ROUND"
	// envDiffAllowDivergence=1 accepts a session tree that differs from a
	// fresh parse when tree-sitter's own incremental reparse, replayed
	// outside the session, gives that same tree; the session's findings
	// are then compared with a check of that tree, and the divergences are
	// counted.
	envDiffAllowDivergence = "PYHINT_DIFF_ALLOW_DIVERGENCE"
)

// defaultDiffEdits keeps `go test -race ./server/session` short on two
// cores.
const defaultDiffEdits = 400

// Stdlib files are taken between these line counts, in three size buckets.
const (
	minCorpusLines = 200
	maxCorpusLines = 3000
)

// TestDifferentialEdits is the differential test of issue 6. Each round
// opens one or two real Python files (the standard library's and the
// analyzers' testdata) in a new session with a random position encoding,
// debounce and parser count, and applies random didChanges to them:
// insertions, deletions and replacements anywhere (inside strings, across
// lines), pastes of whole lines, deletions of whole lines, re-indentation
// (one change per line), edits that break the code and then repair it,
// tokens typed and erased one character at a time, several changes per
// didChange, CRLF files and non-ASCII text, positions past a line's end and
// just after the last line; now and then a document is replaced whole or
// reopened. After every didChange it checks that the session's text is the
// text the edits describe, and after every analysed version (nearly every
// didChange: a few bursts of typing are analysed at their end) that the
// flat tree the worker made (the parsed hook), the checker's diagnostics
// and anchors and the regions equal those of a fresh parse and check of the
// same text. The first difference fails the test with the seed, round, step
// and the last didChanges; a tree difference comes with a replay of
// tree-sitter's parses outside the session, which tells whether the
// difference is the session's or tree-sitter's own (an incremental reparse
// of broken code can recover from the error differently than a fresh
// parse: envDiffAllowDivergence accepts that).
func TestDifferentialEdits(t *testing.T) {
	total := defaultDiffEdits
	if v := os.Getenv(envDiffEdits); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			t.Fatalf("%s=%q: want a positive number", envDiffEdits, v)
		}
		total = n
	}
	seed := int64(1)
	if v := os.Getenv(envDiffSeed); v == "random" {
		seed = time.Now().UnixNano()
	} else if v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatalf("%s=%q: want a number or \"random\"", envDiffSeed, v)
		}
		seed = n
	}
	only := -1
	if v := os.Getenv(envDiffRound); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			t.Fatalf("%s=%q: want a round number", envDiffRound, v)
		}
		only = n
	}
	corpus := loadDiffCorpus(t)
	chk := serverChecker()
	t.Logf("seed %d, %d versions to compare, corpus: %d stdlib files (%s), %d testdata files", seed, total, corpus.stdlibCount(), corpus.stdlib, len(corpus.testdata))

	var st diffStats
	began := time.Now()
	if only >= 0 {
		runDiffRound(t, corpus, chk, seed, only, 1<<30, &st)
	} else {
		for round := 0; st.compared < total; round++ {
			runDiffRound(t, corpus, chk, seed, round, total-st.compared, &st)
		}
	}
	t.Logf("%d rounds, %d files opened, %d didChanges (%d changes, %d bytes inserted), %d versions compared: %d parsed incrementally, %d in full (%d of them first analyses after an open or a full replacement, %d with a syntax error); %d trees differed from a fresh parse as tree-sitter's own incremental reparse does (%d of them with different findings or regions); %.1fs",
		st.rounds, st.opened, st.didChanges, st.changes, st.inserted, st.compared, st.incremental, st.full, st.expectedFull, st.brokenFull, st.divergent, st.divergentVisible, time.Since(began).Seconds())
	// The test is only worth something if the edits go through the
	// incremental path: every version after a document's first edit should.
	// Broken code is parsed afresh (tree-sitter's recovery can depend on
	// the edit history), so those versions do not count.
	if edited := st.compared - st.expectedFull - st.brokenFull; st.incremental < edited/2 || st.incremental < st.compared/50 {
		t.Errorf("only %d of %d edited versions without a syntax error were parsed incrementally (%d broken ones afresh)", st.incremental, edited, st.brokenFull)
	}
}

// serverChecker is the checker server.New builds: every analyzer, with
// suppression comments for the registry's rules.
func serverChecker() *checker.Checker { return analyzers.NewChecker() }

// diffStats counts what the test did.
type diffStats struct {
	rounds, opened                int
	didChanges, changes, inserted int
	compared, incremental, full   int
	expectedFull                  int // compared versions that could not be incremental
	brokenFull                    int // edited versions with a syntax error, parsed afresh
	divergent                     int // versions whose tree is tree-sitter's incremental one, not a fresh parse's
	divergentVisible              int // … and whose findings or regions differ from a fresh check's
}

// diffCorpus is the files edits start from.
type diffCorpus struct {
	stdlib   string
	buckets  [3][]string // stdlib .py files by size: small, medium, large
	testdata []string    // the analyzers' testdata
}

func (c *diffCorpus) stdlibCount() int {
	return len(c.buckets[0]) + len(c.buckets[1]) + len(c.buckets[2])
}

// needEnv skips the test outside CI and fails it in CI.
func needEnv(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}

// loadDiffCorpus lists the standard library's Python files (found through
// python3) and the analyzers' testdata, sorted so that a seed always picks
// the same files on one machine.
func loadDiffCorpus(t *testing.T) *diffCorpus {
	t.Helper()
	out, err := exec.Command("python3", "-c", `import sysconfig; print(sysconfig.get_paths()["stdlib"])`).Output()
	if err != nil {
		needEnv(t, "the differential test needs python3's standard library: %v", err)
	}
	c := &diffCorpus{stdlib: strings.TrimSpace(string(out))}
	err = filepath.WalkDir(c.stdlib, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil // an unreadable directory: skip it
		}
		if e.IsDir() {
			if name := e.Name(); name == "site-packages" || name == "__pycache__" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".py") {
			return nil
		}
		info, err := e.Info()
		if err != nil {
			return nil
		}
		// About 30 bytes a line: the line count is checked when picked.
		switch size := info.Size(); {
		case size < 5<<10 || size > 200<<10:
		case size < 24<<10:
			c.buckets[0] = append(c.buckets[0], path)
		case size < 64<<10:
			c.buckets[1] = append(c.buckets[1], path)
		default:
			c.buckets[2] = append(c.buckets[2], path)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("listing %s: %v", c.stdlib, err)
	}
	for i := range c.buckets {
		sort.Strings(c.buckets[i])
		if len(c.buckets[i]) < 5 {
			needEnv(t, "python3's standard library at %s has too few Python files (%d in size bucket %d)", c.stdlib, len(c.buckets[i]), i)
		}
	}
	for _, pattern := range []string{"../../analyzers/*/testdata/*.py", "../../analyzers/*/testdata/*/*.py"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		c.testdata = append(c.testdata, m...)
	}
	sort.Strings(c.testdata)
	if len(c.testdata) == 0 {
		t.Fatal("no analyzers/*/testdata/*.py files")
	}
	return c
}

// pick returns a file's name and text: a third of the time from the
// analyzers' testdata (small, but full of findings), otherwise a stdlib
// file of 200 to 3,000 lines from a random size bucket.
func (c *diffCorpus) pick(t *testing.T, rng *rand.Rand) (string, string) {
	t.Helper()
	if rng.Intn(3) == 0 {
		path := c.testdata[rng.Intn(len(c.testdata))]
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimPrefix(path, "../../"), string(b)
	}
	for range 100 {
		bucket := c.buckets[rng.Intn(len(c.buckets))]
		path := bucket[rng.Intn(len(bucket))]
		b, err := os.ReadFile(path)
		if err != nil || !utf8.Valid(b) {
			continue
		}
		if n := strings.Count(string(b), "\n"); n < minCorpusLines || n > maxCorpusLines {
			continue
		}
		rel, err := filepath.Rel(c.stdlib, path)
		if err != nil {
			rel = path
		}
		return "stdlib/" + rel, string(b)
	}
	t.Fatalf("no stdlib file of %d to %d lines found in 100 tries", minCorpusLines, maxCorpusLines)
	return "", ""
}

// diffRun is one round: a session and the documents it edits.
type diffRun struct {
	t        *testing.T
	seed     int64
	round    int
	rng      *rand.Rand
	s        *Session
	enc      document.Encoding
	debounce time.Duration
	parsers  int
	chk      *checker.Checker
	st       *diffStats
	budget   int // versions still to compare in this round

	allowDivergence bool // envDiffAllowDivergence
	// validOnly: this round makes only edits that keep valid code valid
	// (a letter of a name, a blank line), so that most of its versions go
	// through the incremental check.
	validOnly bool

	mu    sync.Mutex
	trees map[uint64]parsedTree // by generation, from the parsed hook
}

type parsedTree struct {
	tree        *pyts.Tree
	incremental bool
}

// diffDoc is an open document and the model of its text.
type diffDoc struct {
	uri, name string
	text      string
	version   int32
	crlf      bool
	cursor    int // where the last edit ended: edits cluster, as in an editor
	// fullParses is how many of the next analyses cannot be incremental:
	// after an open, that one and the first after an edit (an opened
	// document keeps no tree); after a full replacement, one.
	fullParses int
	steps      int // didChanges so far
	log        []string

	// What the session's tree-sitter tree went through, to replay it
	// outside the session when trees differ: the text of the last full
	// parse and the edit batches of each incremental parse since, then
	// the batch since the last analysed version.
	chainBase string
	chain     [][]subEdit
	batch     []subEdit
}

// subEdit replaces text[start:end] (of the text the previous changes of
// the same didChange left) with text; full replaces the whole text.
type subEdit struct {
	start, end int
	text       string
	full       bool
}

func runDiffRound(t *testing.T, corpus *diffCorpus, chk *checker.Checker, seed int64, round, remaining int, st *diffStats) {
	t.Helper()
	rng := rand.New(rand.NewSource(seed*1_000_003 + int64(round)))
	r := &diffRun{
		t: t, seed: seed, round: round, rng: rng, chk: chk, st: st,
		enc:      []document.Encoding{document.UTF8, document.UTF16, document.UTF32}[round%3],
		debounce: time.Hour, // only a waiting request starts an analysis: edits pile up deterministically
		parsers:  1 + rng.Intn(2),
		trees:    map[uint64]parsedTree{},

		allowDivergence: os.Getenv(envDiffAllowDivergence) == "1",
	}
	if rng.Intn(4) == 0 {
		r.debounce = 0 // analyses race with the edits
	}
	r.validOnly = rng.Intn(3) == 0
	r.budget = min(remaining, 30+rng.Intn(50))
	s, err := New(Options{
		Checker: chk, Encoding: r.enc, Debounce: r.debounce, Parsers: r.parsers,
		parsed: func(gen uint64, tree *pyts.Tree, incremental bool) {
			r.mu.Lock()
			r.trees[gen] = parsedTree{tree, incremental}
			r.mu.Unlock()
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Shutdown()
	r.s = s
	st.rounds++

	docs := make([]*diffDoc, 1+rng.Intn(2))
	for i := range docs {
		name, text := corpus.pick(t, rng)
		d := &diffDoc{uri: fmt.Sprintf("file:///round%d/doc%d.py", round, i), name: name, version: 1, cursor: -1, fullParses: 2}
		switch rng.Intn(8) {
		case 0, 1:
			d.crlf = true
			text = strings.ReplaceAll(text, "\n", "\r\n")
		case 2:
			text = "\ufeff# coding: utf-8 — «ünïcödé» 日本語 🐍\n" + text
		}
		d.text = text
		if err := s.Open(d.uri, d.version, text); err != nil {
			t.Fatal(err)
		}
		st.opened++
		docs[i] = d
		r.verify(d)
	}
	for r.budget > 0 {
		r.act(docs[rng.Intn(len(docs))])
	}
}

// act applies one random action to d: one didChange or a few.
func (r *diffRun) act(d *diffDoc) {
	actions := []struct {
		weight int
		fn     func(*diffDoc)
	}{
		{8, r.insert},
		{6, r.deleteSmall},
		{2, r.deleteSpan},
		{6, r.replace},
		{4, r.inString},
		{3, r.pasteLines},
		{2, r.pasteMidLine},
		{3, r.deleteLines},
		{2, r.indent},
		{4, r.multi},
		{4, r.breakRepair},
		{4, r.typeToken},
		{2, r.backspace},
	}
	if r.validOnly {
		if r.rng.Intn(4) == 0 {
			r.blankLine(d)
		} else {
			r.renameLetter(d)
		}
		return
	}
	switch r.rng.Intn(100) {
	case 0:
		r.fullReplace(d)
		return
	case 1:
		r.reopen(d)
		return
	}
	sum := 0
	for _, a := range actions {
		sum += a.weight
	}
	n := r.rng.Intn(sum)
	for _, a := range actions {
		if n < a.weight {
			a.fn(d)
			return
		}
		n -= a.weight
	}
}

// Snippets inserted by edits: Python of every shape, pitfalls the
// analyzers report (so that findings appear and vanish), suppression
// comments, openers that break the code, and multi-unit characters
// (two-byte, CJK, astral emoji that are two UTF-16 units, a ZWJ sequence,
// a combining accent).
var diffSnippets = []string{
	"x", "_", "foo", "self", " ", "    ", "\t", "\n", "\n\n", "\r\n", "0", "1.5e3", "None", "...",
	"(", ")", "[", "]", "{", "}", ":", ",", ".", "=", "==", "->", "**", "@", "\\", "#", ";",
	"'", "\"", "'''", "\"\"\"", "f\"{x!r:>10}\"", "b'\\x00'", "r'\\d+'", "rb\"", "u'", "f'{",
	"é", "ß", "日本語", "한국어", "🐍", "😀", "👨‍👩‍👧", "𝔘𝔫𝔦", "e\u0301", "\u200b", "Ω = 1\n",
	"def", "class", "lambda", "return", "yield", "await", "async", "global", "nonlocal", "if", "else", "try",
	"def f(a=[]):\n    return a\n",
	"global counter\n",
	"try:\n    pass\nexcept:\n    pass\n",
	"x = [[0] * 3] * 3\n",
	"import copy\ny = copy.copy(z)\n",
	"with open(p) as fh:\n    data = fh.read()\n",
	"import threading\nlock = threading.Lock()\n",
	"async def main():\n    await asyncio.sleep(1)\n    time.sleep(1)\n",
	"@functools.lru_cache\ndef cached(self, n):\n    return n\n",
	"class P:\n    def __eq__(self, other):\n        return True\n",
	"def gen():\n    yield 1\n    return 2\n",
	"x = 1  # pyhint: ignore[global-at-module-level] reason\n",
	"# pyhint: ignore[bare-except]\n",
	"if True:\n\tx = 1\n        y = 2\n",
	"match command:\n    case [x, *rest]:\n        pass\n",
	"s = '''multi\nline 🐍\nstring'''\n",
	"print(f\"héllo {name} — 日本 {value!r}\")\n",
	"def g(*, a, b=2, **kw) -> 'T':\n    \"\"\"Doc.\"\"\"\n",
}

// Tokens typed one character at a time.
var diffTokens = []string{
	"def handler(event, ctx):",
	"global counter",
	"except:",
	"print(f\"héllo {name!r} 🐍\")",
	"x = [[0] * 3] * 3",
	"'''docstring",
	"日本語 = '値'",
	"# pyhint: ignore[bare-except] because",
	"return [y for y in range(10) if y % 2]",
	"async with lock:",
	"lambda: (yield)",
	"s = \"😀😀 Ω\"",
}

// Texts that break the code, inserted and then removed.
var diffBreakers = []string{
	"(", "[", "{", "\"", "'", "\"\"\"", "'''", ":", "def ", "class", "\\", "if x", "\n    ", "\t", "lambda",
	"f\"{", "#", "@", "else:", ")", "]", "}", "=", "\n  ", "return", "try:\n", "🐍(",
}

// snippet returns a random snippet in the document's line-ending style
// (mostly: a CRLF file sometimes gets LF lines pasted in).
func (r *diffRun) snippet(d *diffDoc) string {
	s := diffSnippets[r.rng.Intn(len(diffSnippets))]
	return r.endings(d, s)
}

func (r *diffRun) endings(d *diffDoc, s string) string {
	if d.crlf && r.rng.Intn(4) != 0 && !strings.Contains(s, "\r") {
		s = strings.ReplaceAll(s, "\n", "\r\n")
	}
	return s
}

// boundary moves off back to a position an LSP client can name: the start
// of a character, and not between the \r and \n of a CRLF.
func boundary(text string, off int) int {
	for off > 0 && off < len(text) && !utf8.RuneStart(text[off]) {
		off--
	}
	if off > 0 && off < len(text) && text[off-1] == '\r' && text[off] == '\n' {
		off--
	}
	return off
}

// nextBoundary returns the boundary after off (a boundary), or len(text).
func nextBoundary(text string, off int) int {
	if off >= len(text) {
		return len(text)
	}
	if text[off] == '\r' && off+1 < len(text) && text[off+1] == '\n' {
		return off + 2
	}
	_, size := utf8.DecodeRuneInString(text[off:])
	return off + size
}

// offset returns a random boundary, near the last edit half the time.
func (r *diffRun) offset(d *diffDoc, text string) int {
	off := r.rng.Intn(len(text) + 1)
	if d.cursor >= 0 && r.rng.Intn(2) == 0 {
		off = min(max(d.cursor+r.rng.Intn(401)-200, 0), len(text))
	}
	return boundary(text, off)
}

// span returns a random range [a, b) of at most max bytes.
func (r *diffRun) span(d *diffDoc, text string, maxLen int) (int, int) {
	a := r.offset(d, text)
	b := boundary(text, min(a+r.rng.Intn(maxLen+1), len(text)))
	return a, b
}

// lineStarts returns the offset of each line's start, lines ending at \n,
// \r\n or a lone \r.
func lineStarts(text string) []int {
	starts := []int{0}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lspPosition is the LSP position of byte offset off (a boundary) of text
// in enc, computed here rather than by package document so that the
// conversion is under test too. atLineEnd reports whether off is the end
// of its line's content.
func lspPosition(text string, off int, enc document.Encoding) (p document.Position, atLineEnd bool) {
	line, start := 0, 0
	for i := 0; i < off; {
		switch text[i] {
		case '\n':
			i++
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				if i+1 == off {
					panic(fmt.Sprintf("offset %d is inside a CRLF", off))
				}
				i++
			}
			i++
		default:
			i++
			continue
		}
		line++
		start = i
	}
	n := off - start
	if enc != document.UTF8 {
		n = 0
		for _, c := range text[start:off] {
			n++
			if enc == document.UTF16 && c >= 0x10000 {
				n++
			}
		}
	}
	atLineEnd = off == len(text) || text[off] == '\n' || text[off] == '\r'
	return document.Position{Line: line, Character: n}, atLineEnd
}

// position converts off for a Change, sometimes in one of the other forms
// a client may use: a character past the end of the line (clamped), or the
// line after the last one for the end of a text that ends with a newline.
func (r *diffRun) position(text string, off int) document.Position {
	p, atEnd := lspPosition(text, off, r.enc)
	switch {
	case off == len(text) && p.Character == 0 && off > 0 && r.rng.Intn(3) == 0:
		// The end of "...\n" is also the start of the line after the
		// empty last one.
		p.Line++
	case atEnd && r.rng.Intn(6) == 0:
		p.Character += 1 + r.rng.Intn(1000)
	}
	return p
}

// send applies one didChange to the session and to the model, checks the
// session's text, and, if compare, waits for the version's analysis and
// compares it with a fresh one.
func (r *diffRun) send(d *diffDoc, action string, edits []subEdit, compare bool) {
	text := d.text
	changes := make([]Change, 0, len(edits))
	var desc []string
	for _, e := range edits {
		r.st.changes++
		r.st.inserted += len(e.text)
		if e.full {
			changes = append(changes, Change{Text: e.text})
			desc = append(desc, fmt.Sprintf("whole text → %d bytes", len(e.text)))
			text = e.text
			d.fullParses = max(d.fullParses, 1)
			continue
		}
		if e.start > e.end || boundary(text, e.start) != e.start || boundary(text, e.end) != e.end {
			r.fail(d, "test bug: %s edit [%d,%d) does not start and end at positions a client can send", action, e.start, e.end)
		}
		rg := Range{Start: r.position(text, e.start), End: r.position(text, e.end)}
		changes = append(changes, Change{Range: &rg, Text: e.text})
		desc = append(desc, fmt.Sprintf("%d:%d-%d:%d (bytes %d-%d, removing %s) → %s", rg.Start.Line, rg.Start.Character, rg.End.Line, rg.End.Character, e.start, e.end, quoteShort(text[e.start:e.end]), quoteShort(e.text)))
		text = text[:e.start] + e.text + text[e.end:]
		d.cursor = e.start + len(e.text)
	}
	d.batch = append(d.batch, edits...)
	d.version++
	d.steps++
	d.log = append(d.log, fmt.Sprintf("step %d (version %d) %s: %s", d.steps, d.version, action, strings.Join(desc, "; ")))
	if len(d.log) > 8 {
		d.log = d.log[1:]
	}
	r.st.didChanges++
	if err := r.s.Change(d.uri, d.version, changes); err != nil {
		r.fail(d, "Change: %v", err)
	}
	d.text = text
	got, v, ok := r.s.Text(d.uri)
	if !ok || v != d.version {
		r.fail(d, "after the didChange the session has version %d (open: %v)", v, ok)
	}
	if msg := diffText(string(got), d.text); msg != "" {
		r.fail(d, "session text differs from the text the edits describe: %s", msg)
	}
	if compare {
		r.verify(d)
	}
}

// verify waits for the analysis of d's current version and compares it with
// a fresh analysis of the same text.
func (r *diffRun) verify(d *diffDoc) {
	gen, ok := r.s.Gen(d.uri)
	if !ok {
		r.fail(d, "document not open")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	snap, err := r.s.SnapshotAt(ctx, d.uri, gen)
	if err != nil {
		r.fail(d, "SnapshotAt: %v", err)
	}
	r.mu.Lock()
	pt, ok := r.trees[gen]
	for g := range r.trees {
		if g <= gen {
			delete(r.trees, g)
		}
	}
	r.mu.Unlock()

	switch {
	case snap.Version != d.version:
		r.fail(d, "snapshot version %d", snap.Version)
	case snap.Skipped != "":
		r.fail(d, "snapshot skipped: %s", snap.Skipped)
	case snap.Result == nil:
		r.fail(d, "snapshot without a result")
	case !ok:
		r.fail(d, "the parsed hook got no tree for generation %d", gen)
	}
	if msg := diffText(string(snap.Doc.Text()), d.text); msg != "" {
		r.fail(d, "snapshot text differs from the text the edits describe: %s", msg)
	}
	src := []byte(d.text)
	if msg := diffText(string(pt.tree.Source()), d.text); msg != "" {
		r.fail(d, "the parsed tree's source differs from the text: %s", msg)
	}
	fresh, err := pyts.Parse(src)
	if err != nil {
		r.fail(d, "fresh parse: %v", err)
	}
	doc := document.New(src)
	if got, want := snap.Doc.LineCount(), doc.LineCount(); got != want {
		r.fail(d, "snapshot has %d lines, the text %d", got, want)
	}
	// The oracle is a fresh parse, unless tree-sitter's own incremental
	// parse gives another tree (see replay) and the divergence is allowed:
	// then the session must agree with that tree.
	oracle := fresh
	if msg := diffTrees(pt.tree, fresh, src); msg != "" {
		replayed, how := r.replay(d, pt, fresh)
		if replayed == nil || !r.allowDivergence {
			r.fail(d, "the session's tree (incremental: %v) differs from a fresh parse: %s\n\n%s", pt.incremental, msg, how)
		}
		oracle = replayed
		r.st.divergent++
		if r.st.divergent <= 5 {
			r.t.Logf("tree-sitter divergence (the session agrees with tree-sitter's incremental reparse, which differs from a fresh parse): %s=%d %s=%d, %s step %d: %s", envDiffSeed, r.seed, envDiffRound, r.round, d.name, d.steps, msg)
		}
	}
	want, err := r.chk.Check(ctx, doc, oracle)
	if err != nil {
		r.fail(d, "fresh check: %v", err)
	}
	for _, e := range want.Errors {
		r.fail(d, "an analyzer failed on this text (fresh check): %v", e)
	}
	if msg := diffResults(snap.Result, want, src); msg != "" {
		r.fail(d, "the session's findings (tree parsed incrementally: %v) differ from a fresh check: %s", pt.incremental, msg)
	}
	if msg := diffRegions(snap.AllRegions(), Regions(oracle), src); msg != "" {
		r.fail(d, "the session's regions differ from those of a fresh parse: %s", msg)
	}
	if oracle != fresh {
		// Would a user see the divergence?
		wantFresh, err := r.chk.Check(ctx, doc, fresh)
		if err != nil {
			r.fail(d, "fresh check: %v", err)
		}
		if msg := diffResults(want, wantFresh, src); msg != "" || diffRegions(Regions(oracle), Regions(fresh), src) != "" {
			r.st.divergentVisible++
			if r.st.divergentVisible <= 5 {
				r.t.Logf("  … and the findings or regions differ from a fresh check's: %s", msg)
			}
		}
	}

	if pt.incremental {
		d.chain = append(d.chain, d.batch)
	} else {
		d.chainBase, d.chain = d.text, nil
	}
	d.batch = nil

	r.budget--
	r.st.compared++
	if pt.incremental {
		r.st.incremental++
	} else {
		r.st.full++
	}
	if d.fullParses > 0 {
		r.st.expectedFull++
		d.fullParses--
	} else if !pt.incremental && fresh.HasError() {
		r.st.brokenFull++ // the session parses broken code afresh, by design
	}
}

// fail reports the first difference with what is needed to reproduce it.
func (r *diffRun) fail(d *diffDoc, format string, args ...any) {
	r.t.Helper()
	debounce := "1h (analyses only when asked)"
	if r.debounce == 0 {
		debounce = "0 (analyses race with edits)"
	}
	r.t.Fatalf("%s\n\nseed %d, round %d, %s (%s), step %d (version %d); session: %s, debounce %s, %d parser(s); %d bytes, %d lines\nreproduce: %s=%d %s=%d go test ./server/session -run TestDifferentialEdits -v\nlast didChanges:\n  %s",
		fmt.Sprintf(format, args...), r.seed, r.round, d.name, d.uri, d.steps, d.version, r.enc, debounce, r.parsers,
		len(d.text), len(lineStarts(d.text)), envDiffSeed, r.seed, envDiffRound, r.round, strings.Join(d.log, "\n  "))
}

// replay redoes, outside the session and with tree-sitter's own
// conventions, the parses that led to a tree that differs from a fresh
// parse: the last edits over a fresh parse of the previous analysed
// version, and the whole chain of incremental parses since the session's
// last full parse. It describes what they give and, if the chain's tree is
// the session's (the difference is tree-sitter's, not the session's),
// returns it.
func (r *diffRun) replay(d *diffDoc, session parsedTree, fresh *pyts.Tree) (*pyts.Tree, string) {
	if !session.incremental {
		return nil, "replay: the session parsed this version in full"
	}
	rawFresh, err := replayParses(d.text, nil)
	if err != nil {
		return nil, fmt.Sprintf("replay: %v", err)
	}
	defer rawFresh.Close()
	wantSexp := rawFresh.RootNode().ToSexp()
	src := []byte(d.text)
	var b strings.Builder
	try := func(what, base string, batches [][]subEdit) *pyts.Tree {
		raw, err := replayParses(base, batches)
		if err != nil {
			fmt.Fprintf(&b, "%s: %v\n", what, err)
			return nil
		}
		defer raw.Close()
		flat := pyts.Flatten(raw, src)
		same := diffTrees(flat, session.tree, src) == ""
		switch {
		case diffTrees(flat, fresh, src) == "":
			fmt.Fprintf(&b, "%s: equals the fresh parse (the difference is the session's)\n", what)
		case raw.RootNode().ToSexp() != wantSexp:
			fmt.Fprintf(&b, "%s: differs from the fresh parse in tree-sitter's own tree too (tree-sitter's incremental parse); equals the session's tree: %v\n", what, same)
		default:
			fmt.Fprintf(&b, "%s: tree-sitter's trees agree but the flat trees differ (Flatten)\n", what)
		}
		if !same {
			return nil
		}
		return flat
	}
	prev := d.chainBase
	for _, batch := range d.chain {
		prev = applyEdits(prev, batch)
	}
	try("replay of this version's edits over a fresh parse of the previous analysed version", prev, [][]subEdit{d.batch})
	chain := try(fmt.Sprintf("replay of the %d incremental parses since the session's last full parse", len(d.chain)+1), d.chainBase, append(slices.Clone(d.chain), d.batch))
	if chain != nil {
		fmt.Fprintf(&b, "(%s=1 lets the test go on, comparing the session with tree-sitter's incremental tree)", envDiffAllowDivergence)
	}
	return chain, strings.TrimSuffix(b.String(), "\n")
}

// applyEdits applies a batch of edits to text.
func applyEdits(text string, batch []subEdit) string {
	for _, e := range batch {
		if e.full {
			text = e.text
			continue
		}
		text = text[:e.start] + e.text + text[e.end:]
	}
	return text
}

// replayParses parses base in full, then, for each batch, edits the tree
// and reparses incrementally (a full replacement in a batch drops the
// tree). Points are tree-sitter's: rows end at "\n" only, columns are bytes.
func replayParses(base string, batches [][]subEdit) (*sitter.Tree, error) {
	p := pyts.NewParser()
	defer p.Close()
	ctx := context.Background()
	tree, err := p.ParseRaw(ctx, []byte(base), nil)
	if err != nil {
		return nil, err
	}
	text := base
	for _, batch := range batches {
		for _, e := range batch {
			if e.full {
				if tree != nil {
					tree.Close()
					tree = nil
				}
				text = e.text
				continue
			}
			next := text[:e.start] + e.text + text[e.end:]
			if tree != nil {
				tree.Edit(&sitter.InputEdit{
					StartByte: uint(e.start), OldEndByte: uint(e.end), NewEndByte: uint(e.start + len(e.text)),
					StartPosition:  tsPoint(text, e.start),
					OldEndPosition: tsPoint(text, e.end),
					NewEndPosition: tsPoint(next, e.start+len(e.text)),
				})
			}
			text = next
		}
		next, err := p.ParseRaw(ctx, []byte(text), tree)
		if tree != nil {
			tree.Close()
		}
		if err != nil {
			return nil, err
		}
		tree = next
	}
	return tree, nil
}

// tsPoint is tree-sitter's point of a byte offset.
func tsPoint(text string, off int) sitter.Point {
	row := strings.Count(text[:off], "\n")
	return sitter.Point{Row: uint(row), Column: uint(off - strings.LastIndexByte(text[:off], '\n') - 1)}
}

// quoteShort quotes s, eliding its middle if it is long.
func quoteShort(s string) string {
	if len(s) > 80 {
		return fmt.Sprintf("%q…(%d bytes)…%q", s[:boundary(s, 40)], len(s), s[boundary(s, len(s)-30):])
	}
	return fmt.Sprintf("%q", s)
}

// around quotes the text around off.
func around(src []byte, off int) string {
	s := string(src)
	off = min(max(off, 0), len(s))
	a, b := boundary(s, max(off-40, 0)), boundary(s, min(off+40, len(s)))
	line := strings.Count(s[:off], "\n") + 1
	return fmt.Sprintf("line %d: %q|%q", line, s[a:off], s[off:b])
}

// diffText describes the first difference between two texts, or is "".
func diffText(got, want string) string {
	if got == want {
		return ""
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	return fmt.Sprintf("%d bytes, want %d; first difference at byte %d: got %s, want %s", len(got), len(want), i, around([]byte(got), i), around([]byte(want), i))
}

// describeNode renders everything the comparison looks at of one node.
func describeNode(t *pyts.Tree, n pyts.Node) string {
	field := ""
	if f := t.Field(n); f != 0 {
		field = pyts.Language().FieldNameForId(uint16(f)) + ": "
	}
	return fmt.Sprintf("#%d %s%s [%d,%d) parent #%d, subtree end #%d, named %v, in error %v, error below %v",
		n, field, t.Kind(n), t.Start(n), t.End(n), t.Parent(n), t.SubtreeEnd(n), t.IsNamed(n), t.InError(n), t.HasErrorBelow(n))
}

// diffTrees compares two flat trees node for node (kind, field, range,
// parent, flags, then subtree extent) and describes the first difference,
// or is "". Nodes are in preorder, so the first node that differs is the
// innermost place where the trees part (an ancestor's extent differs as a
// consequence, which is why extents are compared last).
func diffTrees(got, want *pyts.Tree, src []byte) string {
	n := pyts.Node(0)
	for ; int(n) < got.Len() && int(n) < want.Len(); n++ {
		if got.Kind(n) != want.Kind(n) || got.Field(n) != want.Field(n) ||
			got.Start(n) != want.Start(n) || got.End(n) != want.End(n) ||
			got.Parent(n) != want.Parent(n) || got.IsNamed(n) != want.IsNamed(n) ||
			got.InError(n) != want.InError(n) || got.HasErrorBelow(n) != want.HasErrorBelow(n) {
			break
		}
	}
	if int(n) == got.Len() && int(n) == want.Len() {
		for n = 0; int(n) < got.Len() && got.SubtreeEnd(n) == want.SubtreeEnd(n); n++ {
		}
	}
	if int(n) < got.Len() && int(n) < want.Len() {
		var path []string
		for p := want.Parent(n); p != pyts.NoNode; p = want.Parent(p) {
			path = append(path, fmt.Sprintf("%s@%d", want.Kind(p), want.Start(p)))
		}
		sexp := func(t *pyts.Tree) string {
			s := t.Sexp(n)
			if len(s) > 800 {
				s = s[:800] + "…"
			}
			return s
		}
		return fmt.Sprintf("first differing node:\n   got %s\n  want %s\n  in %s\n  at %s\n  got:  %s\n  want: %s",
			describeNode(got, n), describeNode(want, n), cmp.Or(strings.Join(path, " < "), "(the root)"), around(src, want.Start(n)), sexp(got), sexp(want))
	}
	if got.Len() != want.Len() {
		return fmt.Sprintf("%d nodes, want %d (the first %d agree)", got.Len(), want.Len(), n)
	}
	return ""
}

// diffResults compares the findings of two checks, nil and empty slices
// alike, and describes the first difference, or is "".
func diffResults(got, want *checker.Result, src []byte) string {
	if len(got.Errors) > 0 {
		return fmt.Sprintf("the session's check has internal errors: %v", got.Errors)
	}
	for i := 0; i < len(got.Diagnostics) || i < len(want.Diagnostics); i++ {
		switch {
		case i >= len(got.Diagnostics):
			return fmt.Sprintf("diagnostic %d missing: want %s", i, describeDiag(want.Diagnostics[i], src))
		case i >= len(want.Diagnostics):
			return fmt.Sprintf("extra diagnostic %d: %s", i, describeDiag(got.Diagnostics[i], src))
		case !sameDiagnostic(got.Diagnostics[i], want.Diagnostics[i]):
			return fmt.Sprintf("diagnostic %d:\n   got %s\n  want %s", i, describeDiag(got.Diagnostics[i], src), describeDiag(want.Diagnostics[i], src))
		}
	}
	for i := 0; i < len(got.Anchors) || i < len(want.Anchors); i++ {
		switch {
		case i >= len(got.Anchors):
			return fmt.Sprintf("anchor %d missing: want %+v at %s", i, want.Anchors[i], around(src, want.Anchors[i].Range.Start))
		case i >= len(want.Anchors):
			return fmt.Sprintf("extra anchor %d: %+v at %s", i, got.Anchors[i], around(src, got.Anchors[i].Range.Start))
		case got.Anchors[i] != want.Anchors[i]:
			return fmt.Sprintf("anchor %d:\n   got %+v\n  want %+v\n  at %s", i, got.Anchors[i], want.Anchors[i], around(src, want.Anchors[i].Range.Start))
		}
	}
	return ""
}

func sameDiagnostic(a, b analysis.Diagnostic) bool {
	if a.Range != b.Range || a.Rule != b.Rule || a.Concept != b.Concept || a.Message != b.Message || len(a.Fixes) != len(b.Fixes) {
		return false
	}
	for i := range a.Fixes {
		if a.Fixes[i].Message != b.Fixes[i].Message || !slices.Equal(a.Fixes[i].Edits, b.Fixes[i].Edits) {
			return false
		}
	}
	return true
}

func describeDiag(d analysis.Diagnostic, src []byte) string {
	return fmt.Sprintf("%s [%d,%d) %q fixes %+v at %s", d.Rule, d.Range.Start, d.Range.End, d.Message, d.Fixes, around(src, d.Range.Start))
}

// diffRegions describes the first difference between two region lists, or
// is "".
func diffRegions(got, want []Region, src []byte) string {
	for i := 0; i < len(got) || i < len(want); i++ {
		switch {
		case i >= len(got):
			return fmt.Sprintf("region %d missing: want %+v at %s", i, want[i], around(src, want[i].Start))
		case i >= len(want):
			return fmt.Sprintf("extra region %d: %+v at %s", i, got[i], around(src, got[i].Start))
		case got[i] != want[i]:
			return fmt.Sprintf("region %d: got %+v, want %+v at %s", i, got[i], want[i], around(src, want[i].Start))
		}
	}
	return ""
}

// The actions. Each ends with at least one compared version.

// pythonKeywords are the names a letter change must not make or unmake.
var pythonKeywords = map[string]bool{
	"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true, "async": true, "await": true,
	"break": true, "class": true, "continue": true, "def": true, "del": true, "elif": true, "else": true, "except": true,
	"finally": true, "for": true, "from": true, "global": true, "if": true, "import": true, "in": true, "is": true,
	"lambda": true, "nonlocal": true, "not": true, "or": true, "pass": true, "raise": true, "return": true, "try": true,
	"while": true, "with": true, "yield": true, "match": true, "case": true, "type": true, "print": true, "exec": true,
}

func isNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// renameLetter changes one lowercase letter of a name that is not a
// keyword, to another that does not make one (nor a string prefix): valid
// code stays valid, and what is found about the name changes.
func (r *diffRun) renameLetter(d *diffDoc) {
	text := d.text
	for range 20 {
		off := r.offset(d, text)
		a, b := off, off
		for a > 0 && isNameByte(text[a-1]) {
			a--
		}
		for b < len(text) && isNameByte(text[b]) {
			b++
		}
		word := text[a:b]
		if word == "" || word[0] >= '0' && word[0] <= '9' || pythonKeywords[word] || b < len(text) && (text[b] == '\'' || text[b] == '"') {
			continue
		}
		i := a + r.rng.Intn(len(word))
		if text[i] < 'a' || text[i] > 'z' {
			continue
		}
		ch := string(rune('a' + r.rng.Intn(26)))
		if next := text[a:i] + ch + text[i+1:b]; pythonKeywords[next] {
			continue
		}
		r.send(d, "rename-letter", []subEdit{{start: i, end: i + 1, text: ch}}, true)
		return
	}
	r.blankLine(d)
}

// blankLine inserts an empty line at the start of a line.
func (r *diffRun) blankLine(d *diffDoc) {
	starts := lineStarts(d.text)
	off := starts[r.rng.Intn(len(starts))]
	nl := "\n"
	if d.crlf {
		nl = "\r\n"
	}
	r.send(d, "blank-line", []subEdit{{start: off, end: off, text: nl}}, true)
}

func (r *diffRun) insert(d *diffDoc) {
	off := r.offset(d, d.text)
	r.send(d, "insert", []subEdit{{start: off, end: off, text: r.snippet(d)}}, true)
}

func (r *diffRun) deleteSmall(d *diffDoc) {
	a, b := r.span(d, d.text, 12)
	if a == b {
		b = nextBoundary(d.text, a)
	}
	r.send(d, "delete", []subEdit{{start: a, end: b}}, true)
}

func (r *diffRun) deleteSpan(d *diffDoc) {
	a, b := r.span(d, d.text, 400)
	r.send(d, "delete-span", []subEdit{{start: a, end: b}}, true)
}

func (r *diffRun) replace(d *diffDoc) {
	a, b := r.span(d, d.text, 40)
	r.send(d, "replace", []subEdit{{start: a, end: b, text: r.snippet(d)}}, true)
}

// inString edits just after a quote: inside a string literal, or just
// after one ends.
func (r *diffRun) inString(d *diffDoc) {
	var quotes []int
	for i := 0; i < len(d.text); i++ {
		if d.text[i] == '"' || d.text[i] == '\'' {
			quotes = append(quotes, i)
		}
	}
	if len(quotes) == 0 {
		r.insert(d)
		return
	}
	off := quotes[r.rng.Intn(len(quotes))] + 1
	pieces := []string{"é", "🐍", "日本語", "\\n", "\\", "{x}", "{", "}", "%s", " ", "'", "\"", "\n", "\r\n", "\\'", "😀 Ω", "\u200b"}
	edit := subEdit{start: off, end: off, text: pieces[r.rng.Intn(len(pieces))]}
	if r.rng.Intn(3) == 0 { // replace part of the string
		edit.end = boundary(d.text, min(off+r.rng.Intn(10), len(d.text)))
	}
	r.send(d, "in-string", []subEdit{edit}, true)
}

// lineChunk returns a random run of whole lines of the text.
func (r *diffRun) lineChunk(d *diffDoc, maxLines int) string {
	starts := lineStarts(d.text)
	i := r.rng.Intn(len(starts))
	j := min(i+1+r.rng.Intn(maxLines), len(starts))
	end := len(d.text)
	if j < len(starts) {
		end = starts[j]
	}
	chunk := d.text[starts[i]:end]
	switch r.rng.Intn(6) {
	case 0:
		chunk = strings.ReplaceAll(strings.ReplaceAll(chunk, "\r\n", "\n"), "\n", "\r\n")
	case 1:
		chunk = strings.ReplaceAll(chunk, "\r\n", "\n")
	}
	return chunk
}

func (r *diffRun) pasteLines(d *diffDoc) {
	chunk := r.lineChunk(d, 40)
	starts := lineStarts(d.text)
	off := starts[r.rng.Intn(len(starts))]
	r.send(d, "paste-lines", []subEdit{{start: off, end: off, text: chunk}}, true)
}

func (r *diffRun) pasteMidLine(d *diffDoc) {
	chunk := r.lineChunk(d, 10)
	a, b := r.span(d, d.text, 20)
	r.send(d, "paste-mid-line", []subEdit{{start: a, end: b, text: chunk}}, true)
}

func (r *diffRun) deleteLines(d *diffDoc) {
	starts := lineStarts(d.text)
	i := r.rng.Intn(len(starts))
	j := i + 1 + r.rng.Intn(20)
	end := len(d.text)
	if j < len(starts) {
		end = starts[j]
	}
	r.send(d, "delete-lines", []subEdit{{start: starts[i], end: end}}, true)
}

// indent indents or dedents a block of lines with one change per line, as
// editors send it, in ascending or descending line order.
func (r *diffRun) indent(d *diffDoc) {
	starts := lineStarts(d.text)
	first := r.rng.Intn(len(starts))
	n := min(2+r.rng.Intn(9), len(starts)-first)
	lines := make([]int, n)
	for i := range lines {
		lines[i] = first + i
	}
	if r.rng.Intn(2) == 0 {
		slices.Reverse(lines)
	}
	unit := "    "
	if r.rng.Intn(4) == 0 {
		unit = "\t"
	}
	dedent := r.rng.Intn(2) == 0
	text := d.text
	var edits []subEdit
	for _, l := range lines {
		start := lineStarts(text)[l]
		e := subEdit{start: start, end: start, text: unit}
		if dedent {
			if !strings.HasPrefix(text[start:], unit) {
				continue
			}
			e = subEdit{start: start, end: start + len(unit)}
		}
		edits = append(edits, e)
		text = text[:e.start] + e.text + text[e.end:]
	}
	if len(edits) == 0 {
		r.insert(d)
		return
	}
	r.send(d, "indent", edits, true)
}

// multi sends two to four random edits in one didChange, each relative to
// the text the previous one left.
func (r *diffRun) multi(d *diffDoc) {
	text := d.text
	var edits []subEdit
	for range 2 + r.rng.Intn(3) {
		a, b := r.span(d, text, 30)
		e := subEdit{start: a, end: b}
		if r.rng.Intn(3) != 0 {
			e.text = r.snippet(d)
		}
		edits = append(edits, e)
		text = text[:a] + e.text + text[b:]
	}
	r.send(d, "multi", edits, true)
}

// breakRepair breaks the code (an opener inserted, or a chunk deleted),
// then undoes it.
func (r *diffRun) breakRepair(d *diffDoc) {
	if r.rng.Intn(2) == 0 {
		off := r.offset(d, d.text)
		s := r.endings(d, diffBreakers[r.rng.Intn(len(diffBreakers))])
		r.send(d, "break", []subEdit{{start: off, end: off, text: s}}, true)
		r.send(d, "repair", []subEdit{{start: off, end: off + len(s)}}, true)
		return
	}
	a, b := r.span(d, d.text, 200)
	chunk := d.text[a:b]
	r.send(d, "break (cut)", []subEdit{{start: a, end: b}}, true)
	r.send(d, "repair (paste back)", []subEdit{{start: a, end: a, text: chunk}}, true)
}

// typeToken types a token one character per didChange, on a new line or
// in the middle of one. A fifth of the time the intermediate versions are
// not waited for, so that edits pile up before an analysis.
func (r *diffRun) typeToken(d *diffDoc) {
	tok := diffTokens[r.rng.Intn(len(diffTokens))]
	var off int
	if r.rng.Intn(3) == 0 {
		off = r.offset(d, d.text)
	} else {
		// At the end of a line: a newline with that line's indentation first.
		starts := lineStarts(d.text)
		l := r.rng.Intn(len(starts))
		_, off = lineBounds(d.text, starts, l)
		line := d.text[starts[l]:off]
		nl := "\n"
		if d.crlf {
			nl = "\r\n"
		}
		tok = nl + line[:len(line)-len(strings.TrimLeft(line, " \t"))] + tok
	}
	burst := r.rng.Intn(5) == 0
	for i := 0; i < len(tok); {
		size := 1
		if strings.HasPrefix(tok[i:], "\r\n") {
			size = 2 // Enter in a CRLF file
		} else {
			_, size = utf8.DecodeRuneInString(tok[i:])
		}
		last := i+size == len(tok)
		r.send(d, "type", []subEdit{{start: off, end: off, text: tok[i : i+size]}}, !burst || last)
		off += size
		i += size
		if r.budget <= 0 && !burst {
			return
		}
	}
}

// lineBounds returns the start and the content end of line l.
func lineBounds(text string, starts []int, l int) (int, int) {
	end := len(text)
	if l+1 < len(starts) {
		end = starts[l+1]
		if end > 0 && text[end-1] == '\n' {
			end--
		}
		if end > starts[l] && text[end-1] == '\r' {
			end--
		}
	}
	return starts[l], end
}

// backspace erases characters one per didChange (a CRLF as one).
func (r *diffRun) backspace(d *diffDoc) {
	off := r.offset(d, d.text)
	burst := r.rng.Intn(5) == 0
	n := 1 + r.rng.Intn(10)
	for i := 0; i < n && off > 0; i++ {
		prev := boundary(d.text, off-1)
		last := i == n-1 || prev == 0
		r.send(d, "backspace", []subEdit{{start: prev, end: off}}, !burst || last)
		off = prev
		if r.budget <= 0 && !burst {
			return
		}
	}
}

// fullReplace replaces the whole text (a client without incremental sync,
// or "change line endings"): the next parse cannot reuse the tree.
func (r *diffRun) fullReplace(d *diffDoc) {
	text := d.text
	if d.crlf {
		text = strings.ReplaceAll(text, "\r\n", "\n")
	} else {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	d.crlf = !d.crlf
	edits := []subEdit{{full: true, text: text}}
	if r.rng.Intn(2) == 0 {
		// Ranged changes after the full one, in the same didChange.
		for range 1 + r.rng.Intn(2) {
			a, b := r.span(d, text, 30)
			e := subEdit{start: a, end: b, text: r.snippet(d)}
			edits = append(edits, e)
			text = text[:a] + e.text + text[b:]
		}
	}
	r.send(d, "full-replace", edits, true)
}

// reopen closes the document and opens it again under the same URI with
// its current text (an editor reverting or reloading a file).
func (r *diffRun) reopen(d *diffDoc) {
	if r.rng.Intn(2) == 0 {
		if err := r.s.Close(d.uri); err != nil {
			r.fail(d, "Close: %v", err)
		}
	}
	d.version++
	d.steps++
	d.log = append(d.log[max(len(d.log)-7, 0):], fmt.Sprintf("step %d (version %d) reopen", d.steps, d.version))
	d.batch, d.fullParses = nil, 2
	if err := r.s.Open(d.uri, d.version, d.text); err != nil {
		r.fail(d, "Open: %v", err)
	}
	r.st.opened++
	r.verify(d)
}
