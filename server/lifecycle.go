package server

// This file defines the lifecycle: initialize, initialized, shutdown, exit,
// and the watch on the client's process.

import (
	"context"
	"encoding/json"
	"slices"
	"sync"
	"time"

	"go.lsp.dev/protocol"

	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/server/internal/jsonrpc"
	"github.com/pyhint/pyhint/server/session"
)

// Command names of workspace/executeCommand.
const (
	cmdExplain = "pyhint.explain"
)

// fixAllKind is the code action kind of "fix everything safely".
const fixAllKind = "source.fixAll.pyhint"

func (s *Server) initialize(ctx context.Context, params json.RawMessage) (any, error) {
	var p initializeParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	s.stateMu.Lock()
	if s.state != created {
		s.stateMu.Unlock()
		return nil, jsonrpc.Errorf(jsonrpc.CodeInvalidRequest, "initialize may be sent only once")
	}
	s.stateMu.Unlock()

	enc := document.UTF16
	if slices.Contains(p.Capabilities.General.PositionEncodings, "utf-8") {
		enc = document.UTF8
	}
	var roots []string
	for _, f := range p.WorkspaceFolders {
		if path, ok := uriPath(f.URI); ok {
			roots = append(roots, path)
		}
	}
	if len(roots) == 0 {
		if path, ok := uriPath(p.RootURI); ok {
			roots = append(roots, path)
		} else if p.RootPath != "" {
			roots = append(roots, p.RootPath)
		}
	}
	sess, err := session.New(session.Options{
		Checker:          s.checker,
		Encoding:         enc,
		Debounce:         s.opts.Debounce,
		MaxAnalyzedBytes: s.opts.MaxAnalyzedBytes,
		Published:        s.publish,
		BeforeAnalysis:   s.opts.beforeAnalysis,
		Logf:             s.log.Printf,
	})
	if err != nil {
		return nil, err
	}
	s.stateMu.Lock()
	s.state = initializing
	s.caps = p.Capabilities
	s.enc = enc
	s.roots = roots
	s.sess = sess
	s.stateMu.Unlock()

	s.setInitOptions(p.InitializationOptions)
	if p.ProcessID != nil && *p.ProcessID > 0 {
		pid := int(*p.ProcessID)
		s.background(func() { s.watchProcess(pid) })
	}

	caps := serverCapabilities{
		ServerCapabilities: protocol.ServerCapabilities{
			TextDocumentSync: protocol.TextDocumentSyncOptions{
				OpenClose: true,
				Change:    protocol.TextDocumentSyncKindIncremental,
				Save:      &protocol.SaveOptions{},
			},
			HoverProvider: true,
			CodeActionProvider: protocol.CodeActionOptions{
				CodeActionKinds: []protocol.CodeActionKind{protocol.QuickFix, fixAllKind},
			},
			ExecuteCommandProvider: &protocol.ExecuteCommandOptions{Commands: []string{cmdExplain}},
		},
		PositionEncoding:  enc.String(),
		InlayHintProvider: true,
	}
	if clientPulls(p.Capabilities) {
		caps.DiagnosticProvider = &diagnosticOptions{Identifier: "pyhint"}
	}
	return initializeResult{
		Capabilities: caps,
		ServerInfo:   &protocol.ServerInfo{Name: "pyhint", Version: s.opts.Version},
	}, nil
}

func (s *Server) initialized(ctx context.Context, params json.RawMessage) (any, error) {
	s.stateMu.Lock()
	if s.state == initializing {
		s.state = initialized
	}
	caps := s.caps
	s.stateMu.Unlock()
	// Registrations and the first configuration pull wait for the
	// client's replies, which the reading goroutine receives: run them
	// in the background.
	s.background(func() {
		var regs []map[string]any
		if caps.Workspace.DidChangeWatchedFiles.DynamicRegistration {
			regs = append(regs, map[string]any{
				"id": "pyhint-watch-pyproject", "method": "workspace/didChangeWatchedFiles",
				"registerOptions": map[string]any{"watchers": []map[string]any{{"globPattern": "**/pyproject.toml"}}},
			})
		}
		if caps.Workspace.DidChangeConfiguration.DynamicRegistration {
			regs = append(regs, map[string]any{"id": "pyhint-configuration", "method": "workspace/didChangeConfiguration"})
		}
		if len(regs) > 0 {
			if err := s.callClient(s.conn, "client/registerCapability", map[string]any{"registrations": regs}, nil); err != nil {
				s.log.Printf("register capabilities: %v", err)
			}
		}
	})
	s.background(func() { s.pullConfiguration(true) })
	return nil, nil
}

func (s *Server) shutdown(ctx context.Context, params json.RawMessage) (any, error) {
	s.stateMu.Lock()
	s.state = shutDown
	s.stateMu.Unlock()
	return nil, nil
}

func (s *Server) exitNotification(ctx context.Context, params json.RawMessage) (any, error) {
	if s.currentState() == shutDown {
		s.stop(0)
	} else {
		s.stop(1)
	}
	return nil, nil
}

// watchProcess stops the server when the client's process is gone: at once
// where the system reports a process's exit (Linux, with a pidfd), else
// within Options.ProcessPoll.
func (s *Server) watchProcess(pid int) {
	if !processAlive(pid) {
		s.log.Printf("client process %d is gone: exiting", pid)
		s.stop(1)
		return
	}
	exited, stop, how := watchExit(pid, s.opts.ProcessPoll)
	defer stop()
	s.log.Printf("watching client process %d (%s)", pid, how)
	select {
	case <-s.conn.Done():
	case <-exited:
		s.log.Printf("client process %d is gone: exiting", pid)
		s.stop(1)
	}
}

// pollExit checks every interval whether process pid is alive. The channel
// is closed when it is not; stop ends the watch and waits for its goroutine.
func pollExit(pid int, interval time.Duration) (exited <-chan struct{}, stop func()) {
	gone, quit, done := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				if !processAlive(pid) {
					close(gone)
					return
				}
			}
		}
	}()
	var once sync.Once
	return gone, func() {
		once.Do(func() { close(quit) })
		<-done
	}
}
