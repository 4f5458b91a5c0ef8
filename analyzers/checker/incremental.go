package checker

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/analyzers/pyts"
	"github.com/pyhint/pyhint/analyzers/scope"
	"github.com/pyhint/pyhint/analyzers/suppress"
)

// This file defines the incremental check: the language server's path for
// a file edited key by key. A file is cut into groups: runs of top-level
// statements that share no line with the next run. Each group is analysed
// on a watched tree (pyts.Watch) that records what its analysis read
// outside it: other groups, the module's bindings of a name, the set of
// imports, the list of statements. After an edit, a group whose own nodes
// and text are unchanged and whose recorded dependencies are unchanged keeps
// its findings (their offsets moved by the edit); the others are analysed
// again. The result is the same as Check's (TestIncrementalMatchesCheck and
// the language server's differential test).

// State is what an incremental check keeps of one version of a file for
// the check of the next. It is immutable.
type State struct {
	checker *Checker
	tree    *pyts.Tree
	info    *scope.Info
	dead    []bool
	groups  []group
	// Reused and Walked count the groups whose findings were kept and those
	// analysed again (for tests and benchmarks).
	Reused, Walked int
}

// group is a run of top-level statements and what analysing it found.
type group struct {
	first, end pyts.Node // its nodes: [first, end)
	units      int       // how many top-level statements
	// lo and hi are its lines' extent in bytes: from the start of its first
	// line to the start of the line after its last (or the end of the text).
	lo, hi  int
	diags   []analysis.Diagnostic
	anchors []analysis.Anchor
	deps    *pyts.Deps
	// local reports whether every range in diags and anchors lies in
	// [lo, hi].
	local bool
}

// CheckIncremental is Check for a file that prev (the state of a check of
// its previous version, or nil) analysed before edits (in order, in byte
// offsets of the text each applies to) made it doc's text. It returns the
// result, the same as Check's, and the state for the next version; the
// state is nil when the file has a syntax error (such a file is checked
// in full each time: tree-sitter's recovery makes statements' boundaries
// unreliable) or an analyzer panicked. kept, if not nil, lists top-level
// statements tree copied from prev's (pyts.ReflattenKept): those are known
// to be the same without comparing them.
func (c *Checker) CheckIncremental(ctx context.Context, doc *document.Document, tree *pyts.Tree, prev *State, edits []pyts.Edit, kept []pyts.Kept) (*Result, *State, error) {
	if tree.Len() == 0 || tree.HasError() {
		res, err := c.Check(ctx, doc, tree)
		return res, nil, err
	}
	info := scope.Build(tree)
	dead, errs := c.applies(doc, tree, info)
	if len(errs) > 0 {
		res, err := c.Check(ctx, doc, tree)
		return res, nil, err
	}
	st := &State{checker: c, tree: tree, info: info, dead: dead, groups: groups(doc, tree)}
	if prev != nil && (prev.checker != c || !slices.Equal(prev.dead, dead)) {
		prev = nil
	}
	var todo []int
	if prev == nil {
		for i := range st.groups {
			todo = append(todo, i)
		}
	} else {
		todo = c.reuse(prev, st, edits, kept)
	}
	root, err := c.walkGroups(ctx, doc, st, todo)
	if err != nil {
		return nil, nil, err
	}
	if root == nil {
		// An analyzer panicked: Check reports it as one walk would.
		res, err := c.Check(ctx, doc, tree)
		return res, nil, err
	}
	st.Reused, st.Walked = len(st.groups)-len(todo), len(todo)
	res := &Result{}
	nd, na := len(root.Diagnostics), len(root.Anchors)
	for i := range st.groups {
		nd += len(st.groups[i].diags)
		na += len(st.groups[i].anchors)
	}
	if nd > 0 {
		res.Diagnostics = make([]analysis.Diagnostic, 0, nd)
	}
	if na > 0 {
		res.Anchors = make([]analysis.Anchor, 0, na)
	}
	res.Diagnostics = append(res.Diagnostics, root.Diagnostics...)
	res.Anchors = append(res.Anchors, root.Anchors...)
	for i := range st.groups {
		res.Diagnostics = append(res.Diagnostics, st.groups[i].diags...)
		res.Anchors = append(res.Anchors, st.groups[i].anchors...)
	}
	if c.known != nil {
		res.Diagnostics = suppress.Apply(doc, tree, res.Diagnostics, c.known)
	}
	sortResult(res)
	return res, st, nil
}

// applies runs the analyzers' Applies and returns which are off for the file.
func (c *Checker) applies(doc *document.Document, tree *pyts.Tree, info *scope.Info) ([]bool, []error) {
	dead := make([]bool, len(c.analyzers))
	var errs []error
	for i, a := range c.analyzers {
		if a.Applies != nil {
			ok, err := applies(a, analysis.NewPass(a, doc, tree, info, func(analysis.Diagnostic) {}, func(analysis.Anchor) {}))
			if err != nil {
				errs = append(errs, err)
			}
			dead[i] = !ok
		}
	}
	return dead, errs
}

// groups cuts tree's top-level statements into groups that share no line.
func groups(doc *document.Document, tree *pyts.Tree) []group {
	var out []group
	lastLine := -1
	for u := tree.FirstChild(0); u != pyts.NoNode; u = tree.NextSibling(u) {
		startLine, endLine := doc.LineOf(tree.Start(u)), doc.LineOf(tree.End(u))
		if len(out) > 0 && startLine <= lastLine {
			g := &out[len(out)-1]
			g.end = tree.SubtreeEnd(u)
			g.units++
		} else {
			out = append(out, group{first: u, end: tree.SubtreeEnd(u), units: 1, lo: doc.LineStart(startLine)})
		}
		lastLine = max(lastLine, endLine)
		out[len(out)-1].hi = lineAfter(doc, lastLine)
	}
	return out
}

// lineAfter returns the offset of the start of the line after line, or the
// end of the text.
func lineAfter(doc *document.Document, line int) int {
	if line+1 < doc.LineCount() {
		return doc.LineStart(line + 1)
	}
	return doc.Len()
}

// reuse moves into st the findings of prev's groups that st's version
// leaves valid, and returns the indices of st's groups to analyse.
func (c *Checker) reuse(prev, st *State, edits []pyts.Edit, kept []pyts.Kept) []int {
	// Where each old group's extent went, if no edit touched it.
	oldToNew := make([]int, len(prev.groups))
	deltas := make([]int, len(prev.groups))
	newByLo := make(map[int]int, len(st.groups))
	for i, g := range st.groups {
		newByLo[g.lo] = i
	}
	for i, og := range prev.groups {
		oldToNew[i] = -1
		lo, hi, ok := pyts.Carry(og.lo, og.hi, edits)
		if !ok {
			continue
		}
		j, found := newByLo[lo]
		if !found {
			continue
		}
		ng := &st.groups[j]
		if ng.hi != hi || ng.units != og.units || !sameUnits(prev.tree, og, st.tree, *ng, kept) {
			continue
		}
		oldToNew[i], deltas[i] = j, lo-og.lo
	}
	cmp := &comparer{prev: prev, st: st, oldToNew: oldToNew}
	reused := make([]bool, len(st.groups))
	for i, j := range oldToNew {
		if j < 0 || !cmp.valid(prev.groups[i].deps) {
			continue
		}
		if moved(&st.groups[j], &prev.groups[i], deltas[i], edits) {
			reused[j] = true
			st.groups[j].deps = renumber(prev.groups[i].deps, oldToNew)
		}
	}
	var todo []int
	for j, ok := range reused {
		if !ok {
			todo = append(todo, j)
		}
	}
	return todo
}

// renumber returns d with its groups numbered as in the new version (each
// maps to one: d held).
func renumber(d *pyts.Deps, oldToNew []int) *pyts.Deps {
	if len(d.Groups) == 0 {
		return d
	}
	cp := *d
	cp.Groups = make([]int32, len(d.Groups))
	for i, g := range d.Groups {
		cp.Groups[i] = int32(oldToNew[g])
	}
	return &cp
}

// sameUnits reports whether two groups hold the same statements.
func sameUnits(a *pyts.Tree, ga group, b *pyts.Tree, gb group, kept []pyts.Kept) bool {
	if ga.end-ga.first != gb.end-gb.first {
		return false
	}
	u, v := ga.first, gb.first
	for k := 0; k < ga.units; k++ {
		if u == pyts.NoNode || v == pyts.NoNode {
			return false
		}
		i, found := slices.BinarySearchFunc(kept, v, func(k pyts.Kept, v pyts.Node) int { return cmp.Compare(k.New, v) })
		if !(found && kept[i].Old == u) && !pyts.SameSubtree(a, u, b, v) {
			return false
		}
		u, v = a.NextSibling(u), b.NextSibling(v)
	}
	return true
}

// moved gives ng the findings of og, whose text moved by delta, and
// reports whether every offset in them could be carried through edits.
func moved(ng, og *group, delta int, edits []pyts.Edit) bool {
	ng.local = og.local
	if delta == 0 && og.local {
		ng.diags, ng.anchors = og.diags, og.anchors
		return true
	}
	pos := func(p int) (int, bool) {
		if og.local {
			return p + delta, true
		}
		return mapOffset(p, edits)
	}
	rng := func(r analysis.Range) (analysis.Range, bool) {
		s, ok1 := pos(r.Start)
		e, ok2 := pos(r.End)
		return analysis.Range{Start: s, End: e}, ok1 && ok2
	}
	diags := make([]analysis.Diagnostic, len(og.diags))
	for i, d := range og.diags {
		var ok bool
		if d.Range, ok = rng(d.Range); !ok {
			return false
		}
		if len(d.Fixes) > 0 {
			fixes := make([]analysis.Fix, len(d.Fixes))
			for k, f := range d.Fixes {
				f.Edits = slices.Clone(f.Edits)
				for m := range f.Edits {
					if f.Edits[m].Range, ok = rng(f.Edits[m].Range); !ok {
						return false
					}
				}
				fixes[k] = f
			}
			d.Fixes = fixes
		}
		diags[i] = d
	}
	anchors := make([]analysis.Anchor, len(og.anchors))
	for i, a := range og.anchors {
		var ok bool
		if a.Range, ok = rng(a.Range); !ok {
			return false
		}
		anchors[i] = a
	}
	ng.diags, ng.anchors = diags, anchors
	return true
}

// mapOffset carries an offset of the old text through edits; false when an
// edit replaced or abuts it.
func mapOffset(p int, edits []pyts.Edit) (int, bool) {
	p, _, ok := pyts.Carry(p, p, edits)
	return p, ok
}

// comparer decides whether an old group's dependencies still hold in the
// new version.
type comparer struct {
	prev, st  *State
	oldToNew  []int
	names     map[string]bool // name → its module bindings are unchanged
	dirty     []string        // see dirtyNames
	dirtyDone bool
	imports   int8 // 0 unknown, 1 unchanged, -1 changed
	table     int8 // the same for every module name
}

func (cm *comparer) valid(d *pyts.Deps) bool {
	if d == nil || d.Flags&pyts.DepStructure != 0 {
		return false
	}
	if d.Flags&pyts.DepModuleFlags != 0 {
		a, b := cm.prev.info.Scope(0), cm.st.info.Scope(0)
		if a.Yields != b.Yields || a.Awaits != b.Awaits || a.Async != b.Async {
			return false
		}
	}
	if d.Flags&pyts.DepImports != 0 && !cm.sameImports() {
		return false
	}
	if d.Flags&pyts.DepModuleNames != 0 && !cm.sameTable() {
		return false
	}
	for _, g := range d.Groups {
		if cm.oldToNew[g] < 0 {
			return false
		}
	}
	for _, n := range d.Names {
		if !cm.sameName(n) {
			return false
		}
	}
	return true
}

func (cm *comparer) sameImports() bool {
	if cm.imports == 0 {
		cm.imports = -1
		if cm.prev.info.SameImports(cm.st.info) {
			cm.imports = 1
		}
	}
	return cm.imports > 0
}

func (cm *comparer) sameTable() bool {
	if cm.table == 0 {
		cm.table = 1
		for _, n := range cm.dirtyNames() {
			if !cm.sameName(n) {
				cm.table = -1
				break
			}
		}
	}
	return cm.table > 0
}

// dirtyNames returns the names the module binds, in either version, in a
// group that changed: the bindings of every other name are the same, in the
// same groups.
func (cm *comparer) dirtyNames() []string {
	if cm.dirtyDone {
		return cm.dirty
	}
	cm.dirtyDone = true
	newKept := make([]bool, len(cm.st.groups))
	for _, j := range cm.oldToNew {
		if j >= 0 {
			newKept[j] = true
		}
	}
	add := func(n string) {
		if !slices.Contains(cm.dirty, n) {
			cm.dirty = append(cm.dirty, n)
		}
	}
	for _, b := range cm.prev.info.ModuleBindings() {
		if cm.newGroup(groupOf(cm.prev.groups, b.Node)) < 0 {
			add(b.Name)
		}
	}
	for _, b := range cm.st.info.ModuleBindings() {
		if g := groupOf(cm.st.groups, b.Node); g < 0 || !newKept[g] {
			add(b.Name)
		}
	}
	return cm.dirty
}

// sameName reports whether the module binds name the same way in both
// versions: the same kinds of binding, in groups that did not change.
func (cm *comparer) sameName(name string) bool {
	if !slices.Contains(cm.dirtyNames(), name) {
		return true
	}
	if v, ok := cm.names[name]; ok {
		return v
	}
	a, b := cm.prev.info.Bindings(0, name), cm.st.info.Bindings(0, name)
	same := len(a) == len(b)
	for i := 0; same && i < len(a); i++ {
		x, y := a[i], b[i]
		same = x.Kind == y.Kind && x.Qualified == y.Qualified &&
			cm.newGroup(groupOf(cm.prev.groups, x.Node)) == groupOf(cm.st.groups, y.Node)
	}
	if cm.names == nil {
		cm.names = map[string]bool{}
	}
	cm.names[name] = same
	return same
}

// newGroup returns where old group g went, or -1.
func (cm *comparer) newGroup(g int) int {
	if g < 0 {
		return -1
	}
	return cm.oldToNew[g]
}

// groupOf returns the group holding node n (not the root).
func groupOf(gs []group, n pyts.Node) int {
	i, _ := slices.BinarySearchFunc(gs, n, func(g group, n pyts.Node) int {
		switch {
		case n < g.first:
			return 1
		case n >= g.end:
			return -1
		}
		return 0
	})
	if i == len(gs) {
		return -1
	}
	return i
}

// walkGroups analyses the groups todo of st on watched trees, recording
// their findings and dependencies in st, and returns the findings of the
// root node itself. It returns nil if an analyzer panicked.
func (c *Checker) walkGroups(ctx context.Context, doc *document.Document, st *State, todo []int) (*Result, error) {
	starts := make([]pyts.Node, len(st.groups))
	for i, g := range st.groups {
		starts[i] = g.first
	}
	// Runs of groups for each goroutine, of about equal size.
	size := 0
	for _, i := range todo {
		size += int(st.groups[i].end - st.groups[i].first)
	}
	var runs [][]int
	if n := c.parallel; n > 1 && size >= ParallelMinNodes {
		per, at, from := size/n+1, 0, 0
		for k, i := range todo {
			if at >= per && len(runs) < n-1 {
				runs = append(runs, todo[from:k])
				from, at = k, 0
			}
			at += int(st.groups[i].end - st.groups[i].first)
		}
		todo = todo[from:]
	}
	runs = append(runs, todo)
	if len(runs) > 1 {
		st.info.Complete() // the runs share it
	}
	root := &Result{}
	errs := make([]error, len(runs))
	panicked := make([]bool, len(runs))
	var wg sync.WaitGroup
	for r, run := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var out *Result
			if r == 0 {
				out = root
			}
			panicked[r], errs[r] = c.walkRun(ctx, doc, st, starts, run, out)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if slices.Contains(panicked, true) {
		return nil, nil
	}
	return root, nil
}

// walkRun analyses the groups run of st on one goroutine; with root set, it
// also visits the root node into it (that visit is redone every time: it
// may read the whole file). It reports whether an analyzer panicked.
func (c *Checker) walkRun(ctx context.Context, doc *document.Document, st *State, starts []pyts.Node, run []int, root *Result) (bool, error) {
	if root != nil {
		if err := c.walk(ctx, doc, st.tree, st.info.Fork(), slices.Clone(st.dead), 0, 1, root); err != nil {
			return false, err
		}
		if len(root.Errors) > 0 {
			return true, nil
		}
	}
	w := pyts.NewWatch(starts)
	wt := st.tree.Watched(w)
	var res Result
	report := func(d analysis.Diagnostic) { res.Diagnostics = append(res.Diagnostics, d) }
	anchor := func(a analysis.Anchor) { res.Anchors = append(res.Anchors, a) }
	passes := make([]*analysis.Pass, len(c.analyzers))
	for i, a := range c.analyzers {
		passes[i] = analysis.NewPass(a, doc, wt, nil, report, anchor)
	}
	for _, gi := range run {
		g := &st.groups[gi]
		g.deps = &pyts.Deps{}
		w.Enter(gi, g.deps)
		info := st.info.Watched(wt)
		for _, p := range passes {
			p.Scope = info
		}
		res = Result{}
		for n := g.first; n < g.end; n++ {
			if (n-g.first)&(ctxCheckEvery-1) == 0 {
				if err := ctx.Err(); err != nil {
					return false, fmt.Errorf("check: %w", err)
				}
			}
			k := int(st.tree.Kind(n))
			if k >= len(c.dispatch) {
				continue
			}
			for _, i := range c.dispatch[k] {
				if st.dead[i] {
					continue
				}
				if err := visit(c.analyzers[i], passes[i], n); err != nil {
					return true, nil
				}
			}
		}
		sortResult(&res)
		detach(&res, st.tree.Source())
		g.diags, g.anchors = res.Diagnostics, res.Anchors
		g.local = local(g, &res)
	}
	return false, nil
}

// detach copies the strings of res that share the source's memory (an
// analyzer may report a node's text as it is, pyts.Tree.Text does not
// copy): a group's findings outlive their version, and must not keep its
// whole text alive with them.
func detach(res *Result, src []byte) {
	if len(src) == 0 {
		return
	}
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(src)))
	hi := lo + uintptr(len(src))
	own := func(s *string) {
		if p := uintptr(unsafe.Pointer(unsafe.StringData(*s))); len(*s) > 0 && p >= lo && p < hi {
			*s = strings.Clone(*s)
		}
	}
	for i := range res.Diagnostics {
		d := &res.Diagnostics[i]
		own(&d.Rule)
		own(&d.Concept)
		own(&d.Message)
		for k := range d.Fixes {
			own(&d.Fixes[k].Message)
			for m := range d.Fixes[k].Edits {
				own(&d.Fixes[k].Edits[m].NewText)
			}
		}
	}
	for i := range res.Anchors {
		a := &res.Anchors[i]
		own(&a.Concept)
		own(&a.Hint)
		own(&a.Detail)
	}
}

// local reports whether every range res holds lies in g's extent.
func local(g *group, res *Result) bool {
	in := func(r analysis.Range) bool { return r.Start >= g.lo && r.End <= g.hi }
	for _, d := range res.Diagnostics {
		if !in(d.Range) {
			return false
		}
		for _, f := range d.Fixes {
			for _, e := range f.Edits {
				if !in(e.Range) {
					return false
				}
			}
		}
	}
	for _, a := range res.Anchors {
		if !in(a.Range) {
			return false
		}
	}
	return true
}

// Tree returns the tree the state was made for.
func (st *State) Tree() *pyts.Tree { return st.tree }
