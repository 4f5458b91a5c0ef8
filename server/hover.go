package server

// This file defines textDocument/hover: a concept card on an anchor, the
// rule's doc on a finding or on a rule name in a suppression comment. Every
// card is knowledge.Render's output (with, on an anchor, the anchor's
// one-sentence Detail on top): there is no second formatter.

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/analyzers/suppress"
	"github.com/pyhint/pyhint/knowledge"
	"github.com/pyhint/pyhint/server/session"
)

func (s *Server) hover(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.TextDocumentPositionParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	snap, err := s.snapshot(ctx, string(p.TextDocument.URI))
	if err != nil {
		return nil, err
	}
	if err := s.waitConfig(ctx); err != nil {
		return nil, err
	}
	if snap.Result == nil {
		return nil, nil // not analysed (too large)
	}
	enc := s.encoding()
	off, err := snap.Doc.Offset(toDocPos(p.Position), enc)
	if errors.Is(err, document.ErrLinePastEnd) {
		return nil, nil // nothing there
	}
	if err != nil {
		return nil, err
	}
	eff := s.effectiveConfig(snap.URI)
	f := s.markup()
	var value string
	var r analysis.Range
	if rule, nr, ok := suppressedRuleAt(snap, off); ok && s.known(rule) {
		d, _ := knowledge.Lookup(rule)
		value, r = knowledge.Render(d, f, eff.level), nr
	} else {
		// An unknown name in a suppression carries an unused-suppression
		// finding: its card explains.
		value, r = hoverCard(snap, findingsAt(snap, eff, off), off, f, eff.level)
	}
	if value == "" {
		return nil, nil
	}
	kind := protocol.Markdown
	if f == knowledge.Text {
		kind = protocol.PlainText
	}
	rng := lspRange(snap.Doc, r, enc)
	return protocol.Hover{Contents: protocol.MarkupContent{Kind: kind, Value: value}, Range: &rng}, nil
}

// known reports whether rule is a rule with a document.
func (s *Server) known(rule string) bool {
	if _, ok := s.rules[rule]; !ok {
		return false
	}
	d, ok := knowledge.Lookup(rule)
	return ok && d.Kind == knowledge.Rule
}

// markup returns the format the client prefers for hovers.
func (s *Server) markup() knowledge.Format {
	for _, f := range s.capabilities().TextDocument.Hover.ContentFormat {
		switch f {
		case "markdown":
			return knowledge.Markdown
		case "plaintext":
			return knowledge.Text
		}
	}
	return knowledge.Markdown
}

// findingsAt returns the reported findings under the cursor at off.
func findingsAt(snap *session.Snapshot, eff *effective, off int) []analysis.Diagnostic {
	var out []analysis.Diagnostic
	for _, d := range snap.Result.Diagnostics {
		if d.Range.Start > off {
			break // sorted by start
		}
		if contains(d.Range, off) && eff.enabled(d.Rule) {
			out = append(out, d)
		}
	}
	return out
}

// contains reports whether the cursor at off is on r.
func contains(r analysis.Range, off int) bool { return r.Start <= off && off < r.End }

// hoverCard builds the hover at off: the innermost anchor or finding under
// the cursor. An anchor gets its Detail sentence and the concept's card,
// followed by a one-line card of each finding on exactly the same range; a
// finding alone gets its rule's card.
func hoverCard(snap *session.Snapshot, diags []analysis.Diagnostic, off int, f knowledge.Format, level knowledge.Level) (string, analysis.Range) {
	var anchor *analysis.Anchor
	for i := range snap.Result.Anchors {
		a := &snap.Result.Anchors[i]
		if a.Range.Start > off {
			break // sorted by start
		}
		if contains(a.Range, off) && (anchor == nil || size(a.Range) < size(anchor.Range)) {
			if _, ok := knowledge.Lookup(a.Concept); ok {
				anchor = a
			}
		}
	}
	var under []analysis.Diagnostic
	for _, d := range diags {
		if contains(d.Range, off) {
			under = append(under, d)
		}
	}
	// The innermost findings, unless the anchor is smaller still.
	if len(under) > 0 {
		smallest := slices.MinFunc(under, func(a, b analysis.Diagnostic) int { return size(a.Range) - size(b.Range) })
		under = slices.DeleteFunc(under, func(d analysis.Diagnostic) bool { return d.Range != smallest.Range })
		if anchor != nil && size(anchor.Range) > size(smallest.Range) {
			anchor = nil
		}
		if anchor != nil && anchor.Range != smallest.Range {
			under = nil
		}
	}
	var blocks []string
	sep := "\n---\n\n"
	if anchor != nil {
		d, _ := knowledge.Lookup(anchor.Concept)
		if anchor.Detail != "" && level != knowledge.Expert {
			blocks = append(blocks, anchor.Detail+"\n")
		}
		blocks = append(blocks, knowledge.Render(d, f, level))
		for _, diag := range under {
			if rd, ok := knowledge.Lookup(diag.Rule); ok {
				blocks = append(blocks, knowledge.Render(rd, f, knowledge.Expert))
			}
		}
		return strings.Join(blocks, sep), anchor.Range
	}
	if len(under) == 0 {
		return "", analysis.Range{}
	}
	for _, diag := range under {
		if rd, ok := knowledge.Lookup(diag.Rule); ok {
			blocks = append(blocks, knowledge.Render(rd, f, level))
		}
	}
	return strings.Join(blocks, sep), under[0].Range
}

func size(r analysis.Range) int { return r.End - r.Start }

// suppressedRuleAt returns the rule name under the cursor when it is inside
// a suppression comment, and the name's range.
func suppressedRuleAt(snap *session.Snapshot, off int) (string, analysis.Range, bool) {
	c, ok := snap.RegionAt(off)
	if !ok || !c.Comment {
		return "", analysis.Range{}, false
	}
	for _, d := range suppress.ParseComment(string(snap.Doc.Text()[c.Start:c.End]), c.Start) {
		for _, n := range d.Names {
			if n.Start <= off && off <= n.End {
				return n.Rule, analysis.Range{Start: n.Start, End: n.End}, true
			}
		}
	}
	return "", analysis.Range{}, false
}
