// Package checker runs analyzers over a file: it builds the shared facts
// once, walks the flat tree once dispatching nodes by kind to the analyzers
// that asked for them, turns an analyzer's panic into an internal error for
// that analyzer and file, and returns sorted diagnostics and anchors.
package checker

import (
	"cmp"
	"context"
	"fmt"
	"runtime/debug"
	"slices"

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
	passes := make([]*analysis.Pass, len(c.analyzers))
	dead := make([]bool, len(c.analyzers))
	report := func(d analysis.Diagnostic) {
		if tree.HasError() && inBrokenRegion(tree, d.Range) {
			return
		}
		res.Diagnostics = append(res.Diagnostics, d)
	}
	anchor := func(a analysis.Anchor) { res.Anchors = append(res.Anchors, a) }
	for i, a := range c.analyzers {
		passes[i] = analysis.NewPass(a, doc, tree, info, report, anchor)
		if a.Applies != nil {
			ok, err := applies(a, passes[i])
			if err != nil {
				res.Errors = append(res.Errors, err)
			}
			dead[i] = !ok
		}
	}
	n := pyts.Node(0)
	end := pyts.Node(tree.Len())
	for n < end {
		if n&(ctxCheckEvery-1) == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("check: %w", err)
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
	if c.known != nil {
		res.Diagnostics = suppress.Apply(doc, tree, res.Diagnostics, c.known)
	}
	sortResult(res)
	return res, nil
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
