// Package session keeps the documents an editor has open (the overlay) and
// turns each of their versions into an immutable Snapshot: the text, its
// line index, the flat syntax tree and the checker's result.
//
// Every open document has a worker goroutine. An edit (Change) only updates
// the text and records the matching tree-sitter edit; the worker, after a
// debounce, edits the document's tree-sitter tree, reparses it incrementally,
// flattens it and runs the checker, all outside the session's lock, and then
// installs the snapshot only if no newer edit has arrived meanwhile. A
// request that needs the analysis of the version it was sent against
// (SnapshotAt) cuts the debounce short and waits for it; if the document has
// moved on, it gets ErrContentModified rather than a result computed for
// other text.
//
// An edit reparses incrementally and re-flattens only the top-level
// statements it touched (pyts.ReflattenKept), and checks incrementally:
// findings of statements whose dependencies the edit left alone are kept
// (checker.CheckIncremental). When the reparsed tree holds a syntax error,
// the text is parsed and checked afresh instead, because tree-sitter's
// error recovery can depend on the edit history, and findings must not.
//
// Memory: a snapshot keeps the text, its line index, the checker's result
// and where its comments and strings are (Regions), not the syntax tree; an
// edited document's snapshot finds its regions on first use from the tree
// the worker keeps anyway. A document keeps its tree-sitter tree (for
// incremental reparsing), and the incremental check's state, only once it
// is edited, until Options.KeepTree after its last edit.
//
// Files larger than Options.MaxAnalyzedBytes are kept in sync but not parsed
// or analysed: their snapshots have a Skipped reason and no result.
package session

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/pyhint/pyhint/analyzers/checker"
	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/analyzers/pyts"
)

// DefaultMaxAnalyzedBytes is the default size above which a document is not
// analysed (4 MiB, about 100,000 lines of ordinary Python: larger files are
// generated data, and a full parse of them would take most of a second).
const DefaultMaxAnalyzedBytes = 4 << 20

// DefaultReleaseAfter is how long after the last analysis free memory is
// returned to the system. Analysing a file allocates several times its size
// (mostly tree-sitter's, in C, which glibc keeps per thread), so after a
// burst such as opening many files the process would otherwise keep its
// peak size.
const DefaultReleaseAfter = time.Second

// DefaultKeepTree is how long an edited document keeps its tree-sitter
// tree after its last edit.
const DefaultKeepTree = 2 * time.Minute

// Options configure a Session.
type Options struct {
	// Checker analyses each version; required.
	Checker *checker.Checker
	// Encoding is the negotiated LSP position encoding of Change ranges.
	Encoding document.Encoding
	// Debounce is how long a worker waits after the last edit before
	// analysing (a request for the snapshot skips the wait).
	Debounce time.Duration
	// MaxAnalyzedBytes is the size above which a document is kept but not
	// analysed; 0 means DefaultMaxAnalyzedBytes.
	MaxAnalyzedBytes int
	// Parsers bounds how many documents are parsed at once; 0 means one
	// per core.
	Parsers int
	// ReleaseAfter is how long the session waits, once no analysis is
	// running, before returning free memory to the system (a garbage
	// collection and malloc_trim): 0 means DefaultReleaseAfter, negative
	// never.
	ReleaseAfter time.Duration
	// KeepTree is how long an edited document keeps its tree-sitter tree
	// for incremental reparsing after its last edit; 0 means
	// DefaultKeepTree. Documents that are opened but not edited keep none.
	KeepTree time.Duration
	// Published is called from a document's worker goroutine, outside any
	// lock, after each snapshot is installed and after each Refresh. It
	// should use Commit to publish atomically with respect to edits. Nil
	// means nothing is called.
	Published func(*Snapshot)
	// BeforeAnalysis, if set, runs in the worker before each analysis
	// (tests use it to hold an analysis back).
	BeforeAnalysis func(ctx context.Context, uri string)
	// Logf reports internal problems (a failed parse). Nil discards them.
	Logf func(format string, args ...any)

	// parsed, if set, gets each flat tree the worker makes and whether it
	// was parsed incrementally (tests).
	parsed func(gen uint64, t *pyts.Tree, incremental bool)
}

// Snapshot is one analysed version of a document. It is immutable.
type Snapshot struct {
	URI     string
	Version int32
	// Gen identifies the text of this snapshot; it is unique within the
	// session (a reopened document never reuses one).
	Gen uint64
	Doc *document.Document
	// Result is nil when the document was not analysed (Skipped).
	Result *checker.Result
	// Regions are the comments and strings of the text, sorted; when nil,
	// they are found on first use from the tree in lazy (AllRegions).
	Regions []Region
	lazy    *lazyRegions
	// Skipped says why the document was not analysed, or is "".
	Skipped string
}

// Change is one entry of a didChange: replace Range (nil: the whole text)
// with Text.
type Change struct {
	Range *Range
	Text  string
}

// Range is a range of LSP positions in the session's encoding.
type Range struct {
	Start, End document.Position
}

// Errors returned by Session methods.
var (
	ErrNotOpen         = errors.New("document is not open")
	ErrContentModified = errors.New("document changed before its analysis finished")
	ErrClosed          = errors.New("session closed")
)

// Session is the set of open documents. Its methods are safe for
// concurrent use; Open, Change and Close of one document must be called in
// the order the client sent them.
type Session struct {
	opts    Options
	parsers chan *pyts.Parser

	// mu guards every field below and the guarded fields of each doc.
	mu     sync.Mutex
	docs   map[string]*doc
	gen    uint64 // last generation handed out
	closed bool
	active int            // analyses running
	idle   *time.Timer    // releases memory once no analysis has run for a while
	wg     sync.WaitGroup // workers
}

type doc struct {
	uri string
	// wake (capacity 1) tells the worker there is work; done is closed
	// when the document is closed.
	wake chan struct{}
	done chan struct{}

	// Guarded by Session.mu.
	version    int32
	gen        uint64
	text       []byte
	index      *document.Document
	edits      []edit // tree edits since the worker's last take
	edited     bool   // edits include a didChange: keep the tree for the next
	lastChange time.Time
	urgent     bool // a request waits: skip the debounce
	refresh    bool // publish the current snapshot again
	snap       *Snapshot
	changed    chan struct{} // closed and replaced on every gen or snap change
	cancel     context.CancelFunc

	// Owned by the worker goroutine.
	raw  *sitter.Tree // the tree-sitter tree of the last parsed text, or nil
	flat *pyts.Tree   // raw flattened, kept with it
	// state is the incremental check's state for flat, or nil.
	state *checker.State
}

// dropTree frees the worker's tree-sitter tree and what is kept with it.
func (d *doc) dropTree() {
	if d.raw != nil {
		d.raw.Close()
	}
	d.raw, d.flat, d.state = nil, nil, nil
}

// edit is a tree-sitter edit; full means the whole text was replaced.
type edit struct {
	full bool
	ie   sitter.InputEdit
}

// New returns an empty session.
func New(opts Options) (*Session, error) {
	if opts.Checker == nil {
		return nil, errors.New("session: nil Checker")
	}
	if opts.MaxAnalyzedBytes <= 0 {
		opts.MaxAnalyzedBytes = DefaultMaxAnalyzedBytes
	}
	if opts.ReleaseAfter == 0 {
		opts.ReleaseAfter = DefaultReleaseAfter
	}
	if opts.KeepTree <= 0 {
		opts.KeepTree = DefaultKeepTree
	}
	if opts.Parsers <= 0 {
		opts.Parsers = runtime.GOMAXPROCS(0)
	}
	// The user waits for the analysis of the file being edited: a large
	// one is walked on every core.
	opts.Checker = opts.Checker.WithParallel(runtime.GOMAXPROCS(0))
	if opts.Logf == nil {
		opts.Logf = func(string, ...any) {}
	}
	s := &Session{opts: opts, parsers: make(chan *pyts.Parser, opts.Parsers), docs: map[string]*doc{}}
	for range opts.Parsers {
		s.parsers <- nil // created on first use
	}
	return s, nil
}

// Encoding returns the session's position encoding.
func (s *Session) Encoding() document.Encoding { return s.opts.Encoding }

// Open starts tracking a document (replacing one open under the same URI)
// and schedules its analysis without debounce.
func (s *Session) Open(uri string, version int32, text string) error {
	b := []byte(text)
	idx := document.New(b)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	if old, ok := s.docs[uri]; ok {
		s.closeLocked(old)
	}
	s.gen++
	d := &doc{
		uri: uri, wake: make(chan struct{}, 1), done: make(chan struct{}),
		version: version, gen: s.gen, text: b, index: idx,
		edits: []edit{{full: true}}, urgent: true, changed: make(chan struct{}),
	}
	s.docs[uri] = d
	s.wg.Add(1)
	go s.work(d)
	kick(d)
	return nil
}

// Change applies a didChange. An error (unknown document, a range outside
// the text) leaves the document as it was; the caller decides whether to
// drop it.
func (s *Session) Change(uri string, version int32, changes []Change) error {
	s.mu.Lock()
	d, ok := s.docs[uri]
	if !ok {
		s.mu.Unlock()
		return fmt.Errorf("change %s: %w", uri, ErrNotOpen)
	}
	text, idx, gen := d.text, d.index, d.gen
	s.mu.Unlock()

	// The new text is computed outside the lock: only this call (the
	// client's next message waits for it) replaces text.
	var edits []edit
	for i, c := range changes {
		if c.Range == nil {
			text = []byte(c.Text)
			idx = document.New(text)
			edits = append(edits, edit{full: true})
			continue
		}
		start, err := s.offset(idx, c.Range.Start)
		if err != nil {
			return fmt.Errorf("change %s, edit %d: start: %w", uri, i, err)
		}
		end, err := s.offset(idx, c.Range.End)
		if err != nil {
			return fmt.Errorf("change %s, edit %d: end: %w", uri, i, err)
		}
		if end < start {
			return fmt.Errorf("change %s, edit %d: range end %d:%d before start %d:%d", uri, i, c.Range.End.Line, c.Range.End.Character, c.Range.Start.Line, c.Range.Start.Character)
		}
		// Only the edited lines are indexed anew, not the whole text.
		nextIdx := idx.Edit(start, end, []byte(c.Text))
		newEnd := start + len(c.Text)
		edits = append(edits, edit{ie: sitter.InputEdit{
			StartByte: uint(start), OldEndByte: uint(end), NewEndByte: uint(newEnd),
			StartPosition:  point(idx, start),
			OldEndPosition: point(idx, end),
			NewEndPosition: point(nextIdx, newEnd),
		}})
		text, idx = nextIdx.Text(), nextIdx
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.docs[uri] != d || d.gen != gen {
		return fmt.Errorf("change %s: document changed concurrently", uri)
	}
	s.gen++
	d.gen, d.version, d.text, d.index = s.gen, version, text, idx
	d.edits = append(d.edits, edits...)
	d.edited = true
	d.lastChange = time.Now()
	if d.cancel != nil {
		d.cancel() // the running analysis is for older text
	}
	broadcast(d)
	kick(d)
	return nil
}

// offset converts a change position. LSP clamps a character past the end
// of its line; a line past the last one is an error, except the position
// just after the last line, which some clients use for "the end".
func (s *Session) offset(idx *document.Document, p document.Position) (int, error) {
	off, err := idx.Offset(p, s.opts.Encoding)
	if errors.Is(err, document.ErrLinePastEnd) && p.Line == idx.LineCount() && p.Character == 0 {
		return idx.Len(), nil
	}
	return off, err
}

// point returns the tree-sitter point of a byte offset: the row and the byte
// column, both taken from the document's line index.
func point(idx *document.Document, off int) sitter.Point {
	p := idx.Position(off, document.UTF8)
	return sitter.Point{Row: uint(p.Line), Column: uint(p.Character)}
}

// Close stops tracking a document. After Close returns, no Commit for it
// succeeds.
func (s *Session) Close(uri string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[uri]
	if !ok {
		return fmt.Errorf("close %s: %w", uri, ErrNotOpen)
	}
	s.closeLocked(d)
	return nil
}

func (s *Session) closeLocked(d *doc) {
	delete(s.docs, d.uri)
	close(d.done)
	if d.cancel != nil {
		d.cancel()
	}
	broadcast(d)
}

// Shutdown closes every document and waits for the workers to stop.
func (s *Session) Shutdown() {
	s.mu.Lock()
	s.closed = true
	if s.idle != nil {
		s.idle.Stop()
	}
	for _, d := range s.docs {
		s.closeLocked(d)
	}
	s.mu.Unlock()
	s.wg.Wait()
	for range s.opts.Parsers {
		if p := <-s.parsers; p != nil {
			p.Close()
		}
	}
}

// URIs returns the open documents' URIs.
func (s *Session) URIs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.docs))
	for u := range s.docs {
		out = append(out, u)
	}
	return out
}

// Gen returns the current generation of a document's text, to be passed to
// SnapshotAt by a request that arrived now.
func (s *Session) Gen(uri string) (uint64, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[uri]
	if !ok {
		return 0, false
	}
	return d.gen, true
}

// Text returns a document's current text and version.
func (s *Session) Text(uri string) ([]byte, int32, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[uri]
	if !ok {
		return nil, 0, false
	}
	return d.text, d.version, true
}

// SnapshotAt waits for the snapshot of generation gen of a document. It
// returns ErrContentModified once the document has moved past gen, ErrNotOpen
// if it is not open, and ctx's error if ctx ends first.
func (s *Session) SnapshotAt(ctx context.Context, uri string, gen uint64) (*Snapshot, error) {
	for {
		s.mu.Lock()
		d, ok := s.docs[uri]
		switch {
		case !ok:
			s.mu.Unlock()
			return nil, fmt.Errorf("%s: %w", uri, ErrNotOpen)
		case d.gen != gen:
			s.mu.Unlock()
			return nil, fmt.Errorf("%s: %w", uri, ErrContentModified)
		case d.snap != nil && d.snap.Gen == gen:
			snap := d.snap
			s.mu.Unlock()
			return snap, nil
		}
		d.urgent = true
		kick(d)
		ch := d.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// Snapshot waits for the snapshot of a document's current text.
func (s *Session) Snapshot(ctx context.Context, uri string) (*Snapshot, error) {
	for {
		gen, ok := s.Gen(uri)
		if !ok {
			return nil, fmt.Errorf("%s: %w", uri, ErrNotOpen)
		}
		snap, err := s.SnapshotAt(ctx, uri, gen)
		if errors.Is(err, ErrContentModified) {
			continue
		}
		return snap, err
	}
}

// Latest returns the last installed snapshot of a document, which may be
// older than its text, or nil.
func (s *Session) Latest(uri string) *Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d, ok := s.docs[uri]; ok {
		return d.snap
	}
	return nil
}

// Commit runs fn under the session's lock if snap is still the current
// snapshot of its open document, and reports whether it ran. fn must be
// quick and must not call the Session: it is how a publication is queued
// atomically with respect to edits, so that a result for an old version is
// never published.
func (s *Session) Commit(snap *Snapshot, fn func()) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[snap.URI]
	if !ok || d.gen != snap.Gen || d.snap != snap {
		return false
	}
	fn()
	return true
}

// Refresh asks the workers of the given documents (all, if none are given)
// to call Published again with their current snapshot, e.g. after a
// configuration change. It does not re-analyse.
func (s *Session) Refresh(uris ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(uris) == 0 {
		for _, d := range s.docs {
			d.refresh = true
			kick(d)
		}
		return
	}
	for _, u := range uris {
		if d, ok := s.docs[u]; ok {
			d.refresh = true
			kick(d)
		}
	}
}

func kick(d *doc) {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

func broadcast(d *doc) {
	close(d.changed)
	d.changed = make(chan struct{})
}

// job is what a worker takes from its document under the lock.
type job struct {
	gen     uint64
	version int32
	text    []byte
	index   *document.Document
	edits   []edit
	edited  bool
	ctx     context.Context
}

// work is a document's worker goroutine.
func (s *Session) work(d *doc) {
	defer s.wg.Done()
	defer func() {
		d.dropTree()
	}()
	for {
		var idle <-chan time.Time
		var timer *time.Timer
		if d.raw != nil {
			timer = time.NewTimer(s.opts.KeepTree)
			idle = timer.C
		}
		select {
		case <-d.wake:
		case <-d.done:
			return
		case <-idle:
			// No edit for a while: free the tree; the next edit parses in full.
			d.dropTree()
			continue
		}
		if timer != nil {
			timer.Stop()
		}
		if !s.debounce(d) {
			return
		}
		j, refresh := s.take(d)
		if j != nil {
			s.busy(+1)
			snap := s.analyse(d, j)
			s.busy(-1)
			if snap == nil {
				continue // superseded or failed; a newer job is queued
			}
			s.mu.Lock()
			installed := s.docs[d.uri] == d && d.gen == snap.Gen
			if installed {
				d.snap = snap
				broadcast(d)
			}
			s.mu.Unlock()
			if !installed {
				continue
			}
			refresh = snap
		}
		if refresh != nil && s.opts.Published != nil {
			s.opts.Published(refresh)
		}
	}
}

// busy counts running analyses; when none is left, it schedules the
// release of free memory.
func (s *Session) busy(delta int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.active += delta
	if s.idle != nil {
		s.idle.Stop()
		s.idle = nil
	}
	if s.active == 0 && !s.closed && s.opts.ReleaseAfter > 0 {
		s.idle = time.AfterFunc(s.opts.ReleaseAfter, s.release)
	}
}

// release returns free memory, Go's and C's, to the system.
func (s *Session) release() {
	s.mu.Lock()
	skip := s.closed || s.active > 0
	s.mu.Unlock()
	if skip {
		return
	}
	debug.FreeOSMemory()
	trimC()
}

// debounce waits until the debounce after the last edit has passed or a
// request is waiting. It returns false if the document was closed.
func (s *Session) debounce(d *doc) bool {
	for {
		s.mu.Lock()
		wait := time.Until(d.lastChange.Add(s.opts.Debounce))
		if d.urgent || d.refresh || s.opts.Debounce <= 0 {
			wait = 0
		}
		s.mu.Unlock()
		if wait <= 0 {
			return true
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-d.wake: // an edit moved the deadline, or a request waits
			t.Stop()
		case <-d.done:
			t.Stop()
			return false
		}
	}
}

// take returns the analysis job of the current text, or nil when the
// current text is already analysed (then, the snapshot to publish again if
// a refresh was asked for).
func (s *Session) take(d *doc) (*job, *Snapshot) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d.urgent = false
	refresh := d.refresh
	d.refresh = false
	if d.snap != nil && d.snap.Gen == d.gen {
		if refresh {
			return nil, d.snap
		}
		return nil, nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	d.cancel = cancel
	j := &job{gen: d.gen, version: d.version, text: d.text, index: d.index, edits: d.edits, edited: d.edited, ctx: ctx}
	d.edits, d.edited = nil, false
	return j, nil
}

// analyse parses and checks a job's text. It returns nil if the job was
// cancelled by a newer edit.
func (s *Session) analyse(d *doc, j *job) (snap *Snapshot) {
	defer func() {
		s.mu.Lock()
		if d.cancel != nil {
			d.cancel()
			d.cancel = nil
		}
		s.mu.Unlock()
	}()
	defer func() {
		// The checker recovers analyzers' panics; this is for the rest
		// (scope building, flattening). The server keeps running, and the
		// version gets a snapshot without results.
		if r := recover(); r != nil {
			s.opts.Logf("bug: analysing %s (version %d) panicked: %v\n%s", d.uri, j.version, r, debug.Stack())
			d.dropTree()
			snap = &Snapshot{URI: d.uri, Version: j.version, Gen: j.gen, Doc: j.index, Skipped: fmt.Sprintf("internal error: %v", r)}
		}
	}()
	snap = &Snapshot{URI: d.uri, Version: j.version, Gen: j.gen, Doc: j.index}
	if len(j.text) > s.opts.MaxAnalyzedBytes {
		d.dropTree()
		snap.Skipped = fmt.Sprintf("%.1f MB is over the %d MB analysis limit: pyhint keeps the file in sync but does not analyse it", float64(len(j.text))/(1<<20), s.opts.MaxAnalyzedBytes>>20)
		return snap
	}
	if s.opts.BeforeAnalysis != nil {
		s.opts.BeforeAnalysis(j.ctx, d.uri)
	}
	prevFlat, prevState := d.flat, d.state
	d.state = nil
	tree, edits, kept, incremental, err := s.parse(d, j)
	if err != nil {
		if j.ctx.Err() != nil || errors.Is(err, ErrClosed) {
			return nil
		}
		// Not expected: tree-sitter always returns a tree. Install a
		// snapshot anyway, so that requests waiting for it get an answer.
		s.opts.Logf("parse %s (version %d): %v", d.uri, j.version, err)
		snap.Skipped = fmt.Sprintf("internal error: %v", err)
		return snap
	}
	if s.opts.parsed != nil {
		s.opts.parsed(j.gen, tree, incremental)
	}
	if prevState != nil && (prevState.Tree() != prevFlat || !incremental) {
		prevState = nil // not the state of the tree the reparse started from
	}
	var res *checker.Result
	var st *checker.State
	if d.flat == tree {
		// The tree is kept for the next edit: so is what the check read.
		res, st, err = s.opts.Checker.CheckIncremental(j.ctx, j.index, tree, prevState, edits, kept)
		d.state = st
	} else {
		res, err = s.opts.Checker.Check(j.ctx, j.index, tree)
	}
	if err != nil {
		d.state = nil
		return nil // cancelled: a newer version is on its way
	}
	for _, e := range res.Errors {
		s.opts.Logf("%s (version %d): %v", d.uri, j.version, e)
	}
	snap.Result = res
	if d.flat == tree {
		// The worker keeps the tree for the next edit: the regions are
		// found when a request first needs them, not on every keystroke.
		snap.lazy = &lazyRegions{tree: tree}
	} else {
		snap.Regions = Regions(tree)
	}
	return snap
}

// parse brings the worker's tree-sitter tree up to the job's text, reusing
// the old tree when every edit since it was parsed is incremental, and
// returns the flat tree.
func (s *Session) parse(d *doc, j *job) (*pyts.Tree, []pyts.Edit, []pyts.Kept, bool, error) {
	old, oldFlat := d.raw, d.flat
	d.raw, d.flat, d.state = nil, nil, nil
	var edits []pyts.Edit
	for _, e := range j.edits {
		if e.full {
			if old != nil {
				old.Close()
				old, oldFlat = nil, nil
			}
			edits = edits[:0]
			continue
		}
		if old != nil {
			old.Edit(&e.ie)
			edits = append(edits, pyts.Edit{Start: int(e.ie.StartByte), OldEnd: int(e.ie.OldEndByte), NewEnd: int(e.ie.NewEndByte)})
		}
	}
	var p *pyts.Parser
	select {
	case p = <-s.parsers:
	case <-d.done:
		if old != nil {
			old.Close()
		}
		return nil, nil, nil, false, ErrClosed
	}
	if p == nil {
		p = pyts.NewParser()
	}
	raw, err := p.ParseRaw(j.ctx, j.text, old)
	incremental := old != nil
	if err == nil && incremental && raw.RootNode().HasError() {
		// Tree-sitter's error recovery can end differently when it reparses
		// broken code incrementally than when it parses the same text
		// afresh (the differential test found a missing raise-without-from
		// and an extra anchor). Findings must not depend on the edit
		// history, so broken code is parsed afresh.
		raw.Close()
		old.Close()
		old, oldFlat, incremental = nil, nil, false
		raw, err = p.ParseRaw(j.ctx, j.text, nil)
	}
	s.parsers <- p
	if err != nil {
		if old != nil {
			old.Close()
		}
		return nil, nil, nil, false, err
	}
	var flat *pyts.Tree
	var kept []pyts.Kept
	if old != nil && oldFlat != nil {
		// Unchanged top-level statements are copied from the last flat tree.
		flat, _, kept = pyts.ReflattenKept(oldFlat, edits, old, raw, j.text)
	} else {
		flat = pyts.Flatten(raw, j.text)
	}
	if old != nil {
		old.Close()
	}
	if j.edited {
		d.raw, d.flat = raw, flat
	} else {
		// Opened, not edited: most documents are only read, and a
		// tree-sitter tree costs several times the text. The first edit
		// parses in full and keeps the tree from then on.
		raw.Close()
	}
	return flat, edits, kept, incremental, nil
}
