package server

// This file defines textDocument/inlayHint: a short label at the end of a
// construct naming its concept or pitfall ("generator", "shallow copy",
// "rebinds module global"). The labels are the anchors' Hint strings.
//
// Rules: by default only constructs that carry a reported finding of the
// same concept get a hint (see hintSettings); at most one hint per line
// (a pitfall wins over a concept, then the first on the line); never inside
// a string or a comment; only within the requested range.

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"

	"go.lsp.dev/protocol"

	"github.com/pyhint/pyhint/analyzers/analysis"
)

func (s *Server) inlayHints(ctx context.Context, params json.RawMessage) (any, error) {
	var p inlayHintParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	snap, eff, err := s.snapshotWithConfig(ctx, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	out := []inlayHint{}
	if snap.Result == nil {
		return out, nil
	}
	enc := s.encoding()
	from := snap.Doc.OffsetClamped(toDocPos(p.Range.Start), enc)
	to := snap.Doc.OffsetClamped(toDocPos(p.Range.End), enc)
	diags := enabled(snap, eff)

	type cand struct {
		a       *analysis.Anchor
		at      int
		pitfall bool
	}
	var cands []cand
	for i := range snap.Result.Anchors {
		a := &snap.Result.Anchors[i]
		if a.Hint == "" || a.Range.End < from || a.Range.End > to {
			continue
		}
		pitfall := slices.ContainsFunc(diags, func(d analysis.Diagnostic) bool {
			return d.Concept == a.Concept && d.Range.Start < a.Range.End && a.Range.Start < d.Range.End
		})
		if !eff.hints.show(a.Concept, pitfall) || snap.InStringOrComment(a.Range.End) {
			continue
		}
		cands = append(cands, cand{a, a.Range.End, pitfall})
	}
	// One per line: pitfalls first, then by position.
	slices.SortStableFunc(cands, func(x, y cand) int {
		if x.pitfall != y.pitfall {
			if x.pitfall {
				return -1
			}
			return 1
		}
		return cmp.Compare(x.at, y.at)
	})
	lines := map[int]bool{}
	var kept []cand
	for _, c := range cands {
		line := snap.Doc.LineOf(c.at)
		if lines[line] {
			continue
		}
		lines[line] = true
		kept = append(kept, c)
	}
	slices.SortFunc(kept, func(x, y cand) int { return cmp.Compare(x.at, y.at) })
	for _, c := range kept {
		h := inlayHint{
			Position:    fromDocPos(snap.Doc.Position(c.at, enc)),
			Label:       c.a.Hint,
			PaddingLeft: true,
		}
		if c.a.Detail != "" {
			h.Tooltip = &protocol.MarkupContent{Kind: protocol.Markdown, Value: c.a.Detail}
		}
		out = append(out, h)
	}
	return out, nil
}
