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
// its analysis, and how many findings it fixed. A pass whose result does not
// parse while src did is discarded and reported: a fix must never break a
// file.
func (w *worker) fix(ctx context.Context, t target, src []byte, res *analysisResult) ([]byte, *analysisResult, int, []error) {
	cur, curRes, fixed := src, res, 0
	for range maxFixPasses {
		edits, n := w.pickFixes(t, curRes)
		if n == 0 {
			break
		}
		next, err := analysis.ApplyEdits(cur, edits)
		if err != nil {
			return cur, curRes, fixed, []error{fmt.Errorf("%s: apply fixes: %w", t.path, err)}
		}
		if bytes.Equal(next, cur) {
			break
		}
		nextRes, err := w.analyse(ctx, next)
		if err != nil {
			return cur, curRes, fixed, []error{fmt.Errorf("%s: analyse fixed source: %w", t.path, err)}
		}
		if nextRes.SyntaxError && !curRes.SyntaxError {
			return cur, curRes, fixed, []error{fmt.Errorf("%s: internal error: a fix produced a syntax error; that pass was not applied (please report it)", t.path)}
		}
		cur, curRes, fixed = next, nextRes, fixed+n
	}
	return cur, curRes, fixed, nil
}

// pickFixes chooses, among the enabled findings whose fix the mode allows,
// the largest set of fixes in source order whose edits do not overlap (an
// edit identical to an accepted one, as when one fix serves several
// findings, is no conflict). It returns their edits and how many findings
// they fix.
func (w *worker) pickFixes(t target, res *analysisResult) ([]analysis.TextEdit, int) {
	var cands []*Fix
	for _, l := range res.Findings {
		if l.Fix == nil || len(l.Fix.Edits) == 0 || !t.cfg.Enabled(l.Rule, t.abs) {
			continue
		}
		if w.opts.Fix != FixUnsafe && !l.Fix.Safe {
			continue
		}
		cands = append(cands, l.Fix)
	}
	slices.SortStableFunc(cands, func(a, b *Fix) int { return cmp.Compare(minStart(a.Edits), minStart(b.Edits)) })
	var accepted []analysis.TextEdit
	n := 0
next:
	for _, fx := range cands {
		for _, e := range fx.Edits {
			for _, a := range accepted {
				if e.Start != a.Range.Start || e.End != a.Range.End || e.NewText != a.NewText {
					if overlap(analysis.Range{Start: e.Start, End: e.End}, a.Range) {
						continue next // left for the next pass
					}
				}
			}
		}
		for _, e := range fx.Edits {
			accepted = append(accepted, analysis.TextEdit{Range: analysis.Range{Start: e.Start, End: e.End}, NewText: e.NewText})
		}
		n++
	}
	return accepted, n
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
