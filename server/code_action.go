package server

// This file defines textDocument/codeAction: a quick fix for every fix a
// finding carries (any rule: the machinery is generic), "ignore this rule
// on this line", source.fixAll.pyhint (every safe fix at once), and
// "Explain" actions that run the pyhint.explain command.

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/suppress"
	"github.com/pyhint/pyhint/knowledge"
	"github.com/pyhint/pyhint/server/session"
)

func (s *Server) codeActions(ctx context.Context, params json.RawMessage) (any, error) {
	var p codeActionParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	snap, eff, err := s.snapshotWithConfig(ctx, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	out := []codeAction{}
	if snap.Result == nil {
		return out, nil
	}
	enc := s.encoding()
	from := snap.Doc.OffsetClamped(toDocPos(p.Range.Start), enc)
	to := snap.Doc.OffsetClamped(toDocPos(p.Range.End), enc)
	wants := func(kind string) bool {
		if len(p.Context.Only) == 0 {
			return true
		}
		for _, k := range p.Context.Only {
			if kind == k || strings.HasPrefix(kind, k+".") {
				return true
			}
		}
		return false
	}
	diags := enabled(snap, eff)
	if wants(string(protocol.QuickFix)) {
		explained := map[string]bool{}
		for _, d := range diags {
			if d.Range.Start > to || d.Range.End < from {
				continue
			}
			ld := s.lspDiagnostic(snap.Doc, d, eff, enc)
			safe := s.rules[d.Rule].Fix == "safe"
			for i, f := range d.Fixes {
				title := f.Message
				if !safe {
					title += " (unsafe: check the result)"
				}
				out = append(out, codeAction{
					Title: title, Kind: string(protocol.QuickFix), Diagnostics: []protocol.Diagnostic{ld},
					IsPreferred: safe && i == 0, Edit: s.workspaceEdit(snap, f.Edits),
				})
			}
			if e, ok := ignoreEdit(snap, d); ok {
				out = append(out, codeAction{
					Title: fmt.Sprintf("Ignore %s on this line", d.Rule), Kind: string(protocol.QuickFix),
					Diagnostics: []protocol.Diagnostic{ld}, Edit: s.workspaceEdit(snap, []analysis.TextEdit{e}),
				})
			}
			if !explained[d.Rule] {
				explained[d.Rule] = true
				if rd, ok := knowledge.Lookup(d.Rule); ok {
					out = append(out, explainAction(rd, ld))
				}
			}
		}
		// Concepts under the cursor that no finding already explains.
		for _, a := range snap.Result.Anchors {
			if a.Range.Start > to || a.Range.End < from || explained[a.Concept] {
				continue
			}
			if cd, ok := knowledge.Lookup(a.Concept); ok {
				explained[a.Concept] = true
				out = append(out, explainAction(cd))
			}
		}
	}
	if wants(fixAllKind) {
		if edits := fixAll(diags, func(rule string) bool { return s.rules[rule].Fix == "safe" }); len(edits) > 0 {
			out = append(out, codeAction{
				Title: "Fix all safely fixable pyhint findings", Kind: fixAllKind,
				Edit: s.workspaceEdit(snap, edits),
			})
		}
	}
	return out, nil
}

func explainAction(d *knowledge.Doc, diags ...protocol.Diagnostic) codeAction {
	return codeAction{
		Title: "Explain: " + d.Title, Kind: string(protocol.QuickFix), Diagnostics: diags,
		Command: &protocol.Command{Title: "Explain: " + d.Title, Command: cmdExplain, Arguments: []any{d.ID}},
	}
}

// workspaceEdit converts edits of a snapshot's text, as a versioned
// document change when the client supports it (the client then refuses it
// for a document that has changed since).
func (s *Server) workspaceEdit(snap *session.Snapshot, edits []analysis.TextEdit) *protocol.WorkspaceEdit {
	enc := s.encoding()
	var tes []protocol.TextEdit
	for _, e := range edits {
		tes = append(tes, protocol.TextEdit{Range: lspRange(snap.Doc, e.Range, enc), NewText: e.NewText})
	}
	u := protocol.DocumentURI(snap.URI)
	if s.capabilities().Workspace.WorkspaceEdit.DocumentChanges {
		v := snap.Version
		return &protocol.WorkspaceEdit{DocumentChanges: []protocol.TextDocumentEdit{{
			TextDocument: protocol.OptionalVersionedTextDocumentIdentifier{
				TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: &v},
			Edits: tes,
		}}}
	}
	return &protocol.WorkspaceEdit{Changes: map[protocol.DocumentURI][]protocol.TextEdit{u: tes}}
}

// fixAll returns the edits of the first fix of every finding whose rule's
// fix is safe, skipping fixes that overlap one already taken (a second run
// picks them up).
func fixAll(diags []analysis.Diagnostic, safe func(rule string) bool) []analysis.TextEdit {
	var taken []analysis.TextEdit
	overlaps := func(e analysis.TextEdit) bool {
		for _, t := range taken {
			if e.Range.Start < t.Range.End && t.Range.Start < e.Range.End ||
				e.Range == t.Range || // two insertions at one point
				e.Range.Start == e.Range.End && t.Range.Start < e.Range.Start && e.Range.Start < t.Range.End {
				return true
			}
		}
		return false
	}
	for _, d := range diags {
		if len(d.Fixes) == 0 || !safe(d.Rule) {
			continue
		}
		f := d.Fixes[0]
		if slices.ContainsFunc(f.Edits, overlaps) {
			continue
		}
		taken = append(taken, f.Edits...)
	}
	slices.SortFunc(taken, func(a, b analysis.TextEdit) int { return cmp.Compare(a.Range.Start, b.Range.Start) })
	return taken
}

// ignoreEdit returns the edit that adds a suppression of d's rule to the
// line d starts on: a new "# pyhint: ignore[rule]" comment at the end of the
// line, or the rule added to a directive already there. There is none when
// a comment cannot go at the end of the line (it ends inside a string or
// after a backslash continuation).
func ignoreEdit(snap *session.Snapshot, d analysis.Diagnostic) (analysis.TextEdit, bool) {
	doc := snap.Doc
	line := doc.LineOf(d.Range.Start)
	start, end := doc.LineStart(line), doc.LineEnd(line)
	text := string(doc.Text()[start:end])
	trimmed := strings.TrimRight(text, " \t")
	if strings.HasSuffix(trimmed, "\\") || snap.InStringOrComment(end) {
		return analysis.TextEdit{}, false
	}
	// A comment that ends the line.
	if c, ok := snap.RegionAt(start + len(trimmed)); ok && c.Comment && c.Start >= start {
		for _, dir := range suppress.ParseComment(string(doc.Text()[c.Start:c.End]), c.Start) {
			if dir.File {
				continue
			}
			for _, n := range dir.Names {
				if n.Rule == d.Rule {
					return analysis.TextEdit{}, false // already there
				}
			}
			at := dir.End - 1 // before the closing bracket
			return analysis.TextEdit{Range: analysis.Range{Start: at, End: at}, NewText: ", " + d.Rule}, true
		}
	}
	at := start + len(trimmed)
	return analysis.TextEdit{Range: analysis.Range{Start: at, End: at}, NewText: "  # pyhint: ignore[" + d.Rule + "]"}, true
}
