package server

// This file defines workspace/executeCommand. pyhint.explain takes a
// concept id or rule name (and optionally {"id", "level", "format"}) and
// returns the explanation as Markdown: clients that can show a command's
// result do. Most ignore it, so the server also sends the one-line version
// with window/showMessage, which every client displays and which needs no
// window/showDocument support.

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/pyhint/pyhint/knowledge"
	"github.com/pyhint/pyhint/server/internal/jsonrpc"
)

func (s *Server) executeCommand(ctx context.Context, params json.RawMessage) (any, error) {
	var p struct {
		Command   string            `json:"command"`
		Arguments []json.RawMessage `json:"arguments"`
	}
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	switch p.Command {
	case cmdExplain:
		return s.explain(p.Arguments)
	}
	return nil, jsonrpc.Errorf(jsonrpc.CodeInvalidParams, "unknown command %q (known: %s)", p.Command, cmdExplain)
}

func (s *Server) explain(args []json.RawMessage) (any, error) {
	var a struct {
		ID     string `json:"id"`
		Level  string `json:"level"`
		Format string `json:"format"`
	}
	if len(args) != 1 {
		return nil, jsonrpc.Errorf(jsonrpc.CodeInvalidParams, "%s takes one argument: a concept id or rule name", cmdExplain)
	}
	if err := json.Unmarshal(args[0], &a.ID); err != nil {
		if err := json.Unmarshal(args[0], &a); err != nil {
			return nil, jsonrpc.Errorf(jsonrpc.CodeInvalidParams, `%s: want "id" or {"id": ..., "level": ..., "format": ...}`, cmdExplain)
		}
	}
	d, ok := knowledge.Lookup(a.ID)
	if !ok {
		msg := "unknown concept or rule " + jsonQuote(a.ID)
		if near := knowledge.Nearest(a.ID, 3); len(near) > 0 {
			msg += "; did you mean " + strings.Join(near, ", ") + "?"
		}
		return nil, jsonrpc.Errorf(jsonrpc.CodeInvalidParams, "%s: %s", cmdExplain, msg)
	}
	s.cfg.mu.Lock()
	levelName := s.cfg.editor.level
	s.cfg.mu.Unlock()
	if a.Level != "" {
		levelName = a.Level
	}
	level := knowledge.Beginner
	if levelName != "" {
		l, err := knowledge.ParseLevel(levelName)
		if err != nil {
			return nil, jsonrpc.Errorf(jsonrpc.CodeInvalidParams, "%s: %v", cmdExplain, err)
		}
		level = l
	}
	f := knowledge.Markdown
	switch a.Format {
	case "", "markdown":
	case "text", "plaintext":
		f = knowledge.Text
	default:
		return nil, jsonrpc.Errorf(jsonrpc.CodeInvalidParams, "%s: unknown format %q (want markdown or text)", cmdExplain, a.Format)
	}
	s.notify("window/showMessage", map[string]any{"type": msgInfo, "message": strings.TrimSpace(knowledge.Render(d, knowledge.Text, knowledge.Expert))})
	return knowledge.Render(d, f, level), nil
}

func jsonQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
