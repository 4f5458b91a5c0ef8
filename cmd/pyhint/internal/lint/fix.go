package lint

// This file defines --fix and --diff: applying fixes until none is left,
// and writing a fixed file atomically, unless it changed meanwhile.

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/fileio"
)

// maxFixPasses bounds the analyse-and-fix passes over one file: fixes that
// overlap are applied in later passes, and a fix that keeps producing work
// must not loop forever.
const maxFixPasses = 10

// fix applies the fixes the fix mode allows to src, analysing again after
// each pass, until no allowed fix is left. It returns the fixed source and
// its analysis, and how many findings it fixed. A fix must never break a
// file: when a pass's result does not parse while src did, each of its
// fixes is tried alone, those that break the parse are left out and
// reported (tree-sitter accepts some text CPython rejects, such as two
// statements run together on a line, and a correct fix there can make it
// give up), and the rest are applied.
func (w *worker) fix(ctx context.Context, t target, src []byte, res *analysisResult) ([]byte, *analysisResult, int, []error) {
	cur, curRes, fixed := src, res, 0
	var errs []error
	skip := map[string]bool{}
	for range maxFixPasses {
		edits, picked := w.pickFixes(t, curRes, skip)
		if len(picked) == 0 {
			break
		}
		next, nextRes, err := w.tryEdits(ctx, cur, edits)
		if err != nil {
			return cur, curRes, fixed, append(errs, fmt.Errorf("%s: %w", t.path, err))
		}
		n := len(picked)
		if nextRes.SyntaxError && !curRes.SyntaxError {
			// Find the fixes that break the parse; apply the others.
			var good []analysis.TextEdit
			n = 0
			for _, f := range picked {
				one := fixEdits(f.Fix)
				_, r, err := w.tryEdits(ctx, cur, one)
				if err != nil {
					return cur, curRes, fixed, append(errs, fmt.Errorf("%s: %w", t.path, err))
				}
				if r.SyntaxError {
					skip[fixKey(&f.Finding)] = true
					errs = append(errs, fmt.Errorf("%s:%d:%d: %s: fix not applied: the fixed file would not parse (pyhint's parser took this file for Python, but it may not be: two statements run together on a line, say); fix it by hand", t.path, f.Line, f.Column, f.Rule))
					continue
				}
				good = append(good, one...)
				n++
			}
			if n == 0 {
				break
			}
			if next, nextRes, err = w.tryEdits(ctx, cur, good); err != nil {
				return cur, curRes, fixed, append(errs, fmt.Errorf("%s: %w", t.path, err))
			}
			if nextRes.SyntaxError {
				// Fixes that parse alone but not together: none is applied.
				return cur, curRes, fixed, append(errs, fmt.Errorf("%s: fixes not applied: together they would make the file unparsable; apply them one at a time", t.path))
			}
		}
		if bytes.Equal(next, cur) {
			break
		}
		cur, curRes, fixed = next, nextRes, fixed+n
	}
	return cur, curRes, fixed, errs
}

// tryEdits applies edits to src and analyses the result.
func (w *worker) tryEdits(ctx context.Context, src []byte, edits []analysis.TextEdit) ([]byte, *analysisResult, error) {
	next, err := analysis.ApplyEdits(src, edits)
	if err != nil {
		return nil, nil, fmt.Errorf("apply fixes: %w", err)
	}
	res, err := w.analyse(ctx, next)
	if err != nil {
		return nil, nil, fmt.Errorf("analyse fixed source: %w", err)
	}
	return next, res, nil
}

// fixEdits returns a fix's edits as analysis edits.
func fixEdits(fx *Fix) []analysis.TextEdit {
	out := make([]analysis.TextEdit, 0, len(fx.Edits))
	for _, e := range fx.Edits {
		out = append(out, analysis.TextEdit{Range: analysis.Range{Start: e.Start, End: e.End}, NewText: e.NewText})
	}
	return out
}

// fixKey identifies a finding's fix across passes, whose positions move.
func fixKey(f *Finding) string {
	k := f.Rule + "\x00" + f.Message
	for _, e := range f.Fix.Edits {
		k += "\x00" + e.NewText
	}
	return k
}

// pickFixes chooses, among the enabled findings whose fix the mode allows,
// the largest set of fixes in source order whose edits do not overlap (an
// edit identical to an accepted one, as when one fix serves several
// findings, is no conflict). It returns their edits and how many findings
// they fix.
func (w *worker) pickFixes(t target, res *analysisResult, skip map[string]bool) ([]analysis.TextEdit, []*located) {
	var cands []*located
	for i := range res.Findings {
		l := &res.Findings[i]
		if l.Fix == nil || len(l.Fix.Edits) == 0 || !t.cfg.Enabled(l.Rule, t.abs) || skip[fixKey(&l.Finding)] {
			continue
		}
		if w.opts.Fix != FixUnsafe && !l.Fix.Safe {
			continue
		}
		cands = append(cands, l)
	}
	slices.SortStableFunc(cands, func(a, b *located) int { return cmp.Compare(minStart(a.Fix.Edits), minStart(b.Fix.Edits)) })
	var accepted []analysis.TextEdit
	var picked []*located
next:
	for _, f := range cands {
		fx := f.Fix
		for _, e := range fx.Edits {
			for _, a := range accepted {
				if e.Start != a.Range.Start || e.End != a.Range.End || e.NewText != a.NewText {
					if overlap(analysis.Range{Start: e.Start, End: e.End}, a.Range) {
						continue next // left for the next pass
					}
				}
			}
		}
		accepted = append(accepted, fixEdits(fx)...)
		picked = append(picked, f)
	}
	return accepted, picked
}

func minStart(edits []Edit) int {
	m := edits[0].Start
	for _, e := range edits[1:] {
		m = min(m, e.Start)
	}
	return m
}

// overlap reports whether two edits' ranges conflict: they share a byte,
// or they start at the same offset (two insertions there have no order).
func overlap(a, b analysis.Range) bool {
	return a.Start < b.End && b.Start < a.End || a.Start == b.Start
}

// changedError reports a file that changed on disk while it was being
// fixed; it is left alone.
type changedError struct{ path string }

func (e *changedError) Error() string {
	return fmt.Sprintf("%s: changed on disk while pyhint was fixing it; left alone (run pyhint again)", e.path)
}

// write replaces the file at path, which held old when it was read, with
// new: through a temporary file in the same directory renamed over it, so a
// reader never sees a half-written file, and keeping its permissions. If
// the file no longer holds old, it is left alone and the error is a
// *changedError. A symbolic link is kept and its target replaced.
func (w *worker) write(path string, old, new []byte) error {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return fmt.Errorf("%s: write fixes: %w", path, unwrapPathError(err))
	}
	info, err := os.Stat(real)
	if err != nil {
		return fmt.Errorf("%s: write fixes: %w", path, unwrapPathError(err))
	}
	tmp, err := os.CreateTemp(filepath.Dir(real), "."+filepath.Base(real)+".pyhint-*")
	if err != nil {
		return fmt.Errorf("%s: write fixes: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename, a no-op that fails
	_, err = tmp.Write(new)
	if err == nil {
		err = tmp.Chmod(info.Mode().Perm())
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: write fixes: %w", path, err)
	}
	if w.opts.beforeWrite != nil {
		w.opts.beforeWrite(path)
	}
	// The last moment to notice a concurrent change: an editor or another
	// tool wrote the file after pyhint read it.
	now, err := fileio.ReadRegular(real, MaxFileBytes)
	var large *fileio.TooLargeError
	if errors.As(err, &large) {
		return &changedError{path} // it was not when it was read
	}
	if err != nil {
		return fmt.Errorf("%s: write fixes: %w", path, unwrapPathError(err))
	}
	if !bytes.Equal(now, old) {
		return &changedError{path}
	}
	if err := os.Rename(tmp.Name(), real); err != nil {
		return fmt.Errorf("%s: write fixes: %w", path, err)
	}
	return nil
}
