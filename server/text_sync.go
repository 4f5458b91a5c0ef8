package server

// This file defines document synchronisation: didOpen, didChange (incremental),
// didClose and didSave.

import (
	"context"
	"encoding/json"

	"go.lsp.dev/protocol"

	"github.com/pyhint/pyhint/server/session"
)

func (s *Server) didOpen(ctx context.Context, params json.RawMessage) (any, error) {
	var p struct {
		TextDocument struct {
			URI        string `json:"uri"`
			LanguageID string `json:"languageId"`
			Version    int32  `json:"version"`
			Text       string `json:"text"`
		} `json:"textDocument"`
	}
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	td := p.TextDocument
	if td.URI == "" {
		return nil, errMissingURI
	}
	s.pubMu.Lock()
	delete(s.published, td.URI)
	s.pubMu.Unlock()
	return nil, s.session().Open(td.URI, td.Version, td.Text)
}

func (s *Server) didChange(ctx context.Context, params json.RawMessage) (any, error) {
	var p didChangeParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	uri := p.TextDocument.URI
	changes := make([]session.Change, len(p.ContentChanges))
	for i, c := range p.ContentChanges {
		changes[i].Text = c.Text
		if c.Range != nil {
			changes[i].Range = &session.Range{Start: toDocPos(c.Range.Start), End: toDocPos(c.Range.End)}
		}
	}
	sess := s.session()
	err := sess.Change(uri, p.TextDocument.Version, changes)
	if err == nil {
		return nil, nil
	}
	if _, open := sess.Gen(uri); !open {
		s.logMessage(msgWarning, "didChange for %s, which is not open: ignored", uri)
		return nil, nil
	}
	// The client and the server no longer agree on the text, and the
	// server cannot ask for it: drop the document (clearing its
	// diagnostics) until the client opens it again.
	s.logMessage(msgWarning, "%v: dropping the document until it is reopened", err)
	s.closeDocument(uri)
	return nil, nil
}

func (s *Server) didClose(ctx context.Context, params json.RawMessage) (any, error) {
	var p textDocumentParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	if _, open := s.session().Gen(p.TextDocument.URI); !open {
		s.log.Printf("didClose for %s, which is not open: ignored", p.TextDocument.URI)
		return nil, nil
	}
	s.closeDocument(p.TextDocument.URI)
	return nil, nil
}

// closeDocument stops tracking a document and clears its diagnostics.
// Once the session has closed it, no publication for it can be queued, so
// the clearing one is the last.
func (s *Server) closeDocument(uri string) {
	if err := s.session().Close(uri); err != nil {
		s.log.Printf("%v", err)
	}
	s.pubMu.Lock()
	_, had := s.published[uri]
	delete(s.published, uri)
	s.pubMu.Unlock()
	if had && !s.pulls() {
		s.notify("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: uri, Diagnostics: []protocol.Diagnostic{}})
	}
}

func (s *Server) didSave(ctx context.Context, params json.RawMessage) (any, error) {
	var p textDocumentParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	// Analysis follows the buffer, not the disk: nothing to redo. A client
	// that cannot watch files gets its pyproject.toml re-read on save.
	if !s.capabilities().Workspace.DidChangeWatchedFiles.DynamicRegistration {
		s.reloadProjects()
	}
	return nil, nil
}
