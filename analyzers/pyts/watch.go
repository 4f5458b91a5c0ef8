package pyts

import "slices"

// This file defines Watch: a record of what an analysis reads outside one
// group of top-level statements, so that its results can be reused when
// the file is edited elsewhere (checker's incremental check).

// DepFlags are dependencies on facts of the whole file.
type DepFlags uint8

// Dependency flags.
const (
	// DepStructure: the list of top-level statements itself (the root's
	// extent, a walk over its children, every scope of the file). Any edit
	// can change it.
	DepStructure DepFlags = 1 << iota
	// DepImports: the set of modules the file imports.
	DepImports
	// DepModuleNames: every name the module binds.
	DepModuleNames
	// DepModuleFlags: the module scope's own facts (a yield or await at
	// module level).
	DepModuleFlags
)

// Deps is what the analysis of one group read outside it.
type Deps struct {
	// Groups are the other groups whose nodes or scopes it read (indices
	// in the watched tree's group list).
	Groups []int32
	// Names are the module-scope names whose bindings it read.
	Names []string
	Flags DepFlags
}

// Merge adds o's dependencies to d.
func (d *Deps) Merge(o *Deps) {
	if o == nil {
		return
	}
	d.Flags |= o.Flags
	for _, g := range o.Groups {
		d.addGroup(g)
	}
	for _, n := range o.Names {
		d.AddName(n)
	}
}

func (d *Deps) addGroup(g int32) {
	if !slices.Contains(d.Groups, g) {
		d.Groups = append(d.Groups, g)
	}
}

// AddName records a dependency on the module-scope bindings of name.
func (d *Deps) AddName(name string) {
	if !slices.Contains(d.Names, name) {
		d.Names = append(d.Names, name)
	}
}

// Watch records, while one group of top-level statements is analysed, what
// the analysis reads outside the group. A Tree made Watched calls it from
// every accessor; scope.Info and analysis.Memo record through it too. It
// is used by one goroutine.
//
// What a Watch cannot see, analyzers must not do: read the source or the
// document's lines except at lines of nodes they read (Source, Document),
// or keep state between files or groups other than through analysis.Memo.
type Watch struct {
	lo, hi Node
	starts []Node // first node of each group, ascending
	// Deps is where reads are recorded; Memo swaps it to record what a
	// memoised computation reads.
	Deps *Deps
}

// NewWatch returns a Watch over a tree whose groups start at the nodes
// starts (ascending; the root, node 0, is in none).
func NewWatch(starts []Node) *Watch { return &Watch{starts: starts} }

// Enter starts recording the reads of group g into deps.
func (w *Watch) Enter(g int, deps *Deps) {
	w.lo = w.starts[g]
	w.hi = Node(1 << 30)
	if g+1 < len(w.starts) {
		w.hi = w.starts[g+1]
	}
	w.Deps = deps
}

// GroupOf returns the group that node n (not the root) is in.
func (w *Watch) GroupOf(n Node) int {
	i, found := slices.BinarySearch(w.starts, n)
	if !found {
		i--
	}
	return i
}

// Node records a read of node n's facts.
func (w *Watch) Node(n Node) {
	if n >= w.lo && n < w.hi {
		return
	}
	if n <= 0 {
		return // the root's kind and flags; its extent is DepStructure
	}
	w.Deps.addGroup(int32(w.GroupOf(n)))
}

// Flag records a dependency on a fact of the whole file.
func (w *Watch) Flag(f DepFlags) { w.Deps.Flags |= f }

// Watched returns a copy of t whose accessors record in w the nodes read
// outside w's current group. Analyses run on it exactly as on t.
func (t *Tree) Watched(w *Watch) *Tree {
	cp := *t
	cp.watch = w
	return &cp
}

// Watch returns the Watch t records in, or nil.
func (t *Tree) Watch() *Watch { return t.watch }

// see records a read of n's facts. The accessors call it on every read:
// it is kept to a nil check, inlined, so that they stay inlinable (an
// unwatched tree, as lint's, pays only that check); the recording is out
// of line.
func (t *Tree) see(n Node) {
	if t.watch != nil {
		t.watch.Node(n)
	}
}

// seeExtent records a read of n's extent (range, size, text): for the
// root, the structure of the file.
func (t *Tree) seeExtent(n Node) {
	if t.watch != nil {
		t.watch.extent(n)
	}
}

// sibling records what NextSibling(n) reads: n and its parent, and, for a
// top-level statement whose next one is in another group (or is none), the
// list of statements.
func (w *Watch) sibling(t *Tree, n Node) {
	w.Node(n)
	p := t.nodes[n].parent
	if p < 0 {
		return
	}
	if p != 0 {
		w.Node(Node(p))
		return
	}
	if next := n + Node(t.nodes[n].size); next < w.lo || next >= w.hi {
		w.Flag(DepStructure)
	}
}

// extent records a read of n's extent.
func (w *Watch) extent(n Node) {
	if n >= w.lo && n < w.hi {
		return
	}
	if n == 0 {
		w.Flag(DepStructure)
		return
	}
	w.Node(n)
}

// SameSubtree reports whether the subtree of node an in a and that of bn in
// b are the same: the same nodes (kinds, fields, flags, shape) at the same
// offsets from their roots. With the same text under them, an analysis
// reads the same facts in both.
func SameSubtree(a *Tree, an Node, b *Tree, bn Node) bool {
	x := a.nodes[an : an+Node(a.nodes[an].size)]
	if int(bn)+len(x) > len(b.nodes) {
		return false
	}
	y := b.nodes[bn : bn+Node(len(x))]
	ds := y[0].start - x[0].start
	dp := int32(bn) - int32(an)
	for i := range x {
		p, q := &x[i], &y[i]
		if p.kind != q.kind || p.size != q.size || p.flags != q.flags || p.start+ds != q.start || p.end+ds != q.end {
			return false
		}
		if i > 0 && (p.field != q.field || p.parent+dp != q.parent) {
			return false
		}
	}
	return true
}
