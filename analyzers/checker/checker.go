// Package checker runs analyzers over a file: it builds the shared facts
// once, walks the flat tree once dispatching nodes by kind to the analyzers
// that asked for them, turns an analyzer's panic into an internal error for
// that analyzer and file, and returns sorted diagnostics and anchors.
package checker

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"sync"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/analyzers/pyts"
	"github.com/pyhint/pyhint/analyzers/scope"
	"github.com/pyhint/pyhint/analyzers/suppress"
)

// Result is what a check of one file found.
type Result struct {
	Diagnostics []analysis.Diagnostic
	Anchors     []analysis.Anchor
	// Errors are internal errors: an analyzer that panicked. The other
	// analyzers' results are still complete.
	Errors []error
}

// Checker is a reusable, immutable dispatch table for a set of analyzers.
// It is safe for concurrent use.
type Checker struct {
	analyzers []*analysis.Analyzer
	// known reports whether a rule name exists, for suppression comments;
	// nil disables suppression handling.
	known    func(string) bool
	dispatch [][]int // kind → indices of analyzers
	parallel int     // goroutines for the walk of a large file; <= 1: one
}

// New builds a Checker for analyzers.
func New(analyzers []*analysis.Analyzer) *Checker {
	c := &Checker{analyzers: analyzers}
	for i, a := range analyzers {
		for _, k := range a.Kinds {
			for int(k) >= len(c.dispatch) {
				c.dispatch = append(c.dispatch, nil)
			}
			if !slices.Contains(c.dispatch[k], i) {
				c.dispatch[k] = append(c.dispatch[k], i)
			}
		}
	}
	return c
}

// WithSuppressions returns a copy of c that applies "# pyhint: ignore[...]"
// comments, reporting unused ones; known reports whether a rule exists.
func (c *Checker) WithSuppressions(known func(rule string) bool) *Checker {
	cp := *c
	cp.known = known
	return &cp
}

// ParallelMinNodes is the size from which a checker made WithParallel splits
// its walk: below it, starting goroutines costs more than it saves.
const ParallelMinNodes = 20000

// WithParallel returns a copy of c that walks a file of at least
// ParallelMinNodes nodes with n goroutines, each taking a run of top-level
// statements. The result is the same as a one-goroutine walk. It is for a
// front end that analyses one large file while the user waits (the
// language server); `pyhint lint` runs files in parallel instead.
func (c *Checker) WithParallel(n int) *Checker {
	cp := *c
	cp.parallel = n
	return &cp
}

// Analyzers returns the checker's analyzers.
func (c *Checker) Analyzers() []*analysis.Analyzer { return c.analyzers }

// ctxCheckEvery is how many nodes the walk visits between cancellation checks.
const ctxCheckEvery = 1 << 12

// Check analyses one parsed file. It returns an error only when ctx is
// cancelled.
func (c *Checker) Check(ctx context.Context, doc *document.Document, tree *pyts.Tree) (*Result, error) {
	res := &Result{}
	if tree.Len() == 0 {
		return res, nil
	}
	info := scope.Build(tree)
	dead, errs := c.applies(doc, tree, info)
	res.Errors = append(res.Errors, errs...)
	walked := false
	if chunks := c.split(tree); len(chunks) > 1 {
		info.Complete() // the walks share it
		parts, err := c.walkParallel(ctx, doc, tree, info, dead, chunks)
		if err != nil {
			return nil, err
		}
		// nil parts: an analyzer panicked. One walk stops calling it from
		// that node on, so the file is walked again as one walk.
		for _, p := range parts {
			res.Diagnostics = append(res.Diagnostics, p.Diagnostics...)
			res.Anchors = append(res.Anchors, p.Anchors...)
		}
		walked = parts != nil
	}
	if !walked {
		if err := c.walk(ctx, doc, tree, info, dead, 0, pyts.Node(tree.Len()), res); err != nil {
			return nil, err
		}
	}
	if c.known != nil {
		res.Diagnostics = suppress.Apply(doc, tree, res.Diagnostics, c.known)
	}
	sortResult(res)
	return res, nil
}

// walkParallel walks each chunk on a goroutine of its own. It returns nil
// parts if an analyzer panicked in any of them.
func (c *Checker) walkParallel(ctx context.Context, doc *document.Document, tree *pyts.Tree, info *scope.Info, dead []bool, chunks [][2]pyts.Node) ([]Result, error) {
	parts := make([]Result, len(chunks))
	errs := make([]error, len(chunks))
	var wg sync.WaitGroup
	for w, ch := range chunks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[w] = c.walk(ctx, doc, tree, info.Fork(), slices.Clone(dead), ch[0], ch[1], &parts[w])
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for _, p := range parts {
		if len(p.Errors) > 0 {
			return nil, nil
		}
	}
	return parts, nil
}

// split returns the node ranges of the walk: the whole tree, or for a
// parallel checker and a large file, runs of top-level statements of about
// equal size (the first one with the root).
func (c *Checker) split(tree *pyts.Tree) [][2]pyts.Node {
	all := [][2]pyts.Node{{0, pyts.Node(tree.Len())}}
	if c.parallel <= 1 || tree.Len() < ParallelMinNodes {
		return all
	}
	per := tree.Len()/c.parallel + 1
	var out [][2]pyts.Node
	lo := pyts.Node(0)
	for ch := tree.FirstChild(0); ch != pyts.NoNode; ch = tree.NextSibling(ch) {
		if end := tree.SubtreeEnd(ch); int(end-lo) >= per && len(out) < c.parallel-1 {
			out = append(out, [2]pyts.Node{lo, end})
			lo = end
		}
	}
	if lo == 0 {
		return all
	}
	return append(out, [2]pyts.Node{lo, pyts.Node(tree.Len())})
}

// walk visits the nodes [lo, hi) of tree, outside syntax errors, with the
// analyzers not marked dead, adding what they find to res.
func (c *Checker) walk(ctx context.Context, doc *document.Document, tree *pyts.Tree, info *scope.Info, dead []bool, lo, hi pyts.Node, res *Result) error {
	report := func(d analysis.Diagnostic) {
		if tree.HasError() && inBrokenRegion(tree, d.Range) {
			return
		}
		res.Diagnostics = append(res.Diagnostics, d)
	}
	anchor := func(a analysis.Anchor) { res.Anchors = append(res.Anchors, a) }
	passes := make([]*analysis.Pass, len(c.analyzers))
	for i, a := range c.analyzers {
		passes[i] = analysis.NewPass(a, doc, tree, info, report, anchor)
	}
	for n := lo; n < hi; {
		if (n-lo)&(ctxCheckEvery-1) == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("check: %w", err)
			}
		}
		if tree.InError(n) {
			n = tree.SubtreeEnd(n)
			continue
		}
		if k := int(tree.Kind(n)); k < len(c.dispatch) {
			for _, i := range c.dispatch[k] {
				if dead[i] {
					continue
				}
				if err := visit(c.analyzers[i], passes[i], n); err != nil {
					res.Errors = append(res.Errors, err)
					dead[i] = true
				}
			}
		}
		n++
	}
	return nil
}

// inBrokenRegion reports whether r lies in a function or class (or, outside
// any, the module) that contains a syntax error. Tree-sitter's recovery can
// leave a broken statement's neighbours outside the ERROR node, so the facts
// of the whole region (which names a function binds, which calls it makes)
// are unreliable there; a diagnostic computed from them could be a false
// alarm, and a false alarm costs more than a miss.
func inBrokenRegion(tree *pyts.Tree, r analysis.Range) bool {
	n := tree.NodeAt(r.Start, r.Start)
	if n == pyts.NoNode {
		return true
	}
	region := tree.Ancestor(n, pyts.FunctionDefinition, pyts.ClassDefinition)
	if region == pyts.NoNode {
		region = tree.Root()
	}
	return tree.HasErrorBelow(region)
}

func visit(a *analysis.Analyzer, pass *analysis.Pass, n pyts.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: analyzer %s panicked at byte %d: %v\n%s", a.Name, pass.Tree.Start(n), r, debug.Stack())
		}
	}()
	a.Visit(pass, n)
	return nil
}

func applies(a *analysis.Analyzer, pass *analysis.Pass) (ok bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			ok, err = false, fmt.Errorf("internal error: analyzer %s panicked in Applies: %v\n%s", a.Name, r, debug.Stack())
		}
	}()
	return a.Applies(pass), nil
}

func sortResult(res *Result) {
	slices.SortFunc(res.Diagnostics, func(a, b analysis.Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Range.Start, b.Range.Start), cmp.Compare(a.Range.End, b.Range.End), cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Message, b.Message))
	})
	res.Diagnostics = slices.CompactFunc(res.Diagnostics, func(a, b analysis.Diagnostic) bool {
		return a.Range == b.Range && a.Rule == b.Rule && a.Message == b.Message
	})
	slices.SortFunc(res.Anchors, func(a, b analysis.Anchor) int {
		return cmp.Or(cmp.Compare(a.Range.Start, b.Range.Start), -cmp.Compare(a.Range.End, b.Range.End), cmp.Compare(a.Concept, b.Concept))
	})
	res.Anchors = slices.CompactFunc(res.Anchors, func(a, b analysis.Anchor) bool {
		return a.Range == b.Range && a.Concept == b.Concept
	})
}

// CheckSource parses src with p and checks it: the path every front end
// that starts from bytes takes.
func (c *Checker) CheckSource(ctx context.Context, p *pyts.Parser, src []byte) (*document.Document, *Result, error) {
	tree, err := p.Parse(ctx, src)
	if err != nil {
		return nil, nil, err
	}
	doc := document.New(src)
	res, err := c.Check(ctx, doc, tree)
	return doc, res, err
}
