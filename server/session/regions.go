package session

// This file defines Regions: where a snapshot's comments and string
// literals are. Snapshots keep these instead of the syntax tree, which is
// several times the size of the text: hovers on suppression comments,
// inlay-hint placement and "ignore on this line" need nothing more.

import (
	"sort"
	"sync"

	"github.com/pyhint/pyhint/analyzers/pyts"
)

// Region is the byte range of a comment or of a string literal (an
// f-string includes its replacement fields).
type Region struct {
	Start, End int
	Comment    bool
}

// Regions returns the comments and outermost strings of a tree, sorted and
// disjoint.
func Regions(t *pyts.Tree) []Region {
	var out []Region
	for n := pyts.Node(0); int(n) < t.Len(); n++ {
		switch t.Kind(n) {
		case pyts.Comment:
			out = append(out, Region{Start: t.Start(n), End: t.End(n), Comment: true})
		case pyts.String:
			out = append(out, Region{Start: t.Start(n), End: t.End(n)})
			n = t.SubtreeEnd(n) - 1 // nested strings are inside this one
		}
	}
	return out
}

// lazyRegions finds a snapshot's regions once, when first asked.
type lazyRegions struct {
	once    sync.Once
	tree    *pyts.Tree
	regions []Region
}

// AllRegions returns the snapshot's regions.
func (s *Snapshot) AllRegions() []Region {
	if s.Regions != nil || s.lazy == nil {
		return s.Regions
	}
	s.lazy.once.Do(func() {
		s.lazy.regions = Regions(s.lazy.tree)
		s.lazy.tree = nil
	})
	return s.lazy.regions
}

// RegionAt returns the region containing off, ends included.
func (s *Snapshot) RegionAt(off int) (Region, bool) {
	rs := s.AllRegions()
	i := sort.Search(len(rs), func(i int) bool { return rs[i].Start > off }) - 1
	if i >= 0 && off <= rs[i].End {
		return rs[i], true
	}
	return Region{}, false
}

// InStringOrComment reports whether off lies strictly inside a string or a
// comment (a string's end is after it).
func (s *Snapshot) InStringOrComment(off int) bool {
	r, ok := s.RegionAt(off)
	return ok && r.Start < off && off < r.End
}
