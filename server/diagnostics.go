package server

// This file defines diagnostics: the conversion of findings to LSP
// diagnostics, their publication (push) and textDocument/diagnostic (pull).

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"path/filepath"
	"strconv"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/server/session"
)

// diagnosticData is carried in Diagnostic.data: the fixes of the finding,
// in the positions of the version it was published for.
type diagnosticData struct {
	Rule    string    `json:"rule"`
	Concept string    `json:"concept,omitempty"`
	Fixes   []fixData `json:"fixes,omitempty"`
}

type fixData struct {
	Title string              `json:"title"`
	Safe  bool                `json:"safe"`
	Edits []protocol.TextEdit `json:"edits"`
}

var severities = map[string]protocol.DiagnosticSeverity{
	"error":   protocol.DiagnosticSeverityError,
	"warning": protocol.DiagnosticSeverityWarning,
	"info":    protocol.DiagnosticSeverityInformation,
	"hint":    protocol.DiagnosticSeverityHint,
}

// pulls reports whether the client pulls diagnostics, in which case none
// are pushed (clients show pushed and pulled diagnostics side by side).
func (s *Server) pulls() bool { return clientPulls(s.capabilities()) }

// clientPulls reports whether diagnostics are pulled by a client with caps:
// when it can pull and can be asked to pull again (refreshSupport), as it
// must be after a configuration change. A client that pulls only after its
// own edits (Neovim 0.10) would keep showing the diagnostics of the old
// settings, so it gets them pushed.
func clientPulls(caps clientCapabilities) bool {
	return caps.TextDocument.Diagnostic != nil && caps.Workspace.Diagnostics.RefreshSupport
}

// lspRange converts a byte range.
func lspRange(doc *document.Document, r analysis.Range, enc document.Encoding) protocol.Range {
	return protocol.Range{Start: fromDocPos(doc.Position(r.Start, enc)), End: fromDocPos(doc.Position(r.End, enc))}
}

// enabled returns the snapshot's findings that the configuration reports.
func enabled(snap *session.Snapshot, eff *effective) []analysis.Diagnostic {
	if snap.Result == nil {
		return nil
	}
	var out []analysis.Diagnostic
	for _, d := range snap.Result.Diagnostics {
		if eff.enabled(d.Rule) {
			out = append(out, d)
		}
	}
	return out
}

// lspDiagnostic converts one finding.
func (s *Server) lspDiagnostic(doc *document.Document, d analysis.Diagnostic, eff *effective, enc document.Encoding) protocol.Diagnostic {
	sev, ok := severities[eff.severityOf(d.Rule)]
	if !ok {
		sev = protocol.DiagnosticSeverityWarning
	}
	out := protocol.Diagnostic{
		Range:    lspRange(doc, d.Range, enc),
		Severity: sev,
		Code:     d.Rule,
		Source:   "pyhint",
		Message:  d.Message,
	}
	ri := s.rules[d.Rule]
	if ri.URL != "" {
		out.CodeDescription = &protocol.CodeDescription{Href: uri.URI(ri.URL)}
	}
	data := diagnosticData{Rule: d.Rule, Concept: d.Concept}
	for _, f := range d.Fixes {
		fd := fixData{Title: f.Message, Safe: ri.Fix == "safe"}
		for _, e := range f.Edits {
			fd.Edits = append(fd.Edits, protocol.TextEdit{Range: lspRange(doc, e.Range, enc), NewText: e.NewText})
		}
		data.Fixes = append(data.Fixes, fd)
	}
	out.Data = data
	return out
}

// lspDiagnostics converts a snapshot's reported findings, in order.
func (s *Server) lspDiagnostics(snap *session.Snapshot, eff *effective) []protocol.Diagnostic {
	enc := s.encoding()
	out := []protocol.Diagnostic{}
	for _, d := range enabled(snap, eff) {
		out = append(out, s.lspDiagnostic(snap.Doc, d, eff, enc))
	}
	return out
}

// publish is the session's Published hook: it runs on the document's
// worker goroutine after each analysis and each refresh. It publishes the
// diagnostics if their set changed and the snapshot is still current; the
// check and the queueing happen under the session's lock, so a publication
// for an old version can never follow a newer edit.
func (s *Server) publish(snap *session.Snapshot) {
	if err := s.waitConfig(s.conn); err != nil {
		return
	}
	if snap.Skipped != "" {
		s.showOnce(msgInfo, fmt.Sprintf("pyhint: %s: %s", displayName(snap.URI), snap.Skipped))
	}
	if s.pulls() {
		return
	}
	eff := s.effectiveConfig(snap.URI)
	diags := s.lspDiagnostics(snap, eff)
	set, err := appendDiagnostics(nil, diags)
	if err != nil {
		s.log.Printf("bug: %v", err)
		return
	}
	// A 64-bit hash of the set, not the set itself, is kept per document
	// (memory, with many documents open); maphash reads ~10x faster than
	// SHA-256.
	key := maphash.Bytes(s.pubSeed, set)
	uri, err := json.Marshal(snap.URI)
	if err != nil {
		s.log.Printf("bug: %v", err)
		return
	}
	// The body is put together by hand: encoding a struct holding set as a
	// json.RawMessage would validate and compact its bytes again (a tenth
	// of a keystroke's time on a 10,000-line file with 264 diagnostics).
	body := make([]byte, 0, len(set)+len(uri)+100)
	body = append(body, `{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":`...)
	body = append(body, uri...)
	body = append(body, `,"version":`...)
	body = strconv.AppendInt(body, int64(snap.Version), 10)
	body = append(body, `,"diagnostics":`...)
	body = append(body, set...)
	body = append(body, "}}"...)
	s.session().Commit(snap, func() {
		s.pubMu.Lock()
		defer s.pubMu.Unlock()
		if last, ok := s.published[snap.URI]; ok && last == key {
			return
		}
		s.published[snap.URI] = key
		s.out.Send(body)
	})
}

func displayName(u string) string {
	if p, ok := uriPath(u); ok {
		return filepath.Base(p)
	}
	return u
}

func (s *Server) pullDiagnostics(ctx context.Context, params json.RawMessage) (any, error) {
	var p documentDiagnosticParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	snap, eff, err := s.snapshotWithConfig(ctx, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	id := fmt.Sprintf("%d.%d", snap.Gen, eff.gen)
	if p.PreviousResultID == id {
		return map[string]any{"kind": "unchanged", "resultId": id}, nil
	}
	return map[string]any{"kind": "full", "resultId": id, "items": s.lspDiagnostics(snap, eff)}, nil
}
