package analysis

// This file defines ApplyEdits, the one text-edit applier: the CLI's --fix
// and --diff, the server's code actions and analysistest's golden files all
// apply fixes through it.

import (
	"fmt"
	"slices"
)

// ApplyEdits applies non-overlapping edits to src and returns the result.
// Identical edits (one fix shared by several diagnostics) apply once;
// overlapping or out-of-range edits are an error.
func ApplyEdits(src []byte, edits []TextEdit) ([]byte, error) {
	edits = slices.Clone(edits)
	slices.SortStableFunc(edits, func(a, b TextEdit) int { return a.Range.Start - b.Range.Start })
	edits = slices.Compact(edits)
	var out []byte
	pos := 0
	for _, e := range edits {
		if e.Range.Start < pos || e.Range.End < e.Range.Start || e.Range.End > len(src) {
			return nil, fmt.Errorf("edit %+v overlaps a previous edit or is out of range", e.Range)
		}
		out = append(out, src[pos:e.Range.Start]...)
		out = append(out, e.NewText...)
		pos = e.Range.End
	}
	return append(out, src[pos:]...), nil
}
