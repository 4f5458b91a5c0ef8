package server

// This file defines workspace/executeCommand. pyhint.explain takes a
// concept id or rule name (and optionally {"id", "level", "format",
// "notify"}) and returns the explanation as Markdown: clients that can show
// a command's result do. Most ignore it, so the server also sends the
// one-line version with window/showMessage, which every client displays and
// which needs no window/showDocument support; a client that shows the
// result passes "notify": false and gets no duplicate.
//
// Arguments come from the client and are checked before anything is done
// with them: a wrong count, a wrong type, an unknown field or an oversized
// string is -32602 with a message that names the problem (and quotes at
// most a short prefix of what was sent). A command only ever reads the
// explanations compiled into pyhint: no argument names a file, and none is
// used as one.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/pyhint/pyhint/knowledge"
	"github.com/pyhint/pyhint/server/internal/jsonrpc"
)

// maxIDBytes bounds a concept id or rule name given to pyhint.explain; the
// longest real one is far shorter, and a longer one is not compared with
// every name for suggestions.
const maxIDBytes = 128

// maxQuoted bounds how much of a rejected value an error message quotes.
const maxQuoted = 64

func (s *Server) executeCommand(ctx context.Context, params json.RawMessage) (any, error) {
	var p struct {
		Command   json.RawMessage `json:"command"`
		Arguments json.RawMessage `json:"arguments"`
	}
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	var name string
	if err := json.Unmarshal(p.Command, &name); err != nil || name == "" {
		return nil, invalidParams(`executeCommand: "command" must be a non-empty string naming a command (known: %s)`, cmdExplain)
	}
	var args []json.RawMessage
	if !isNull(p.Arguments) {
		if err := json.Unmarshal(p.Arguments, &args); err != nil {
			return nil, invalidParams(`%s: "arguments" must be an array`, quote(name))
		}
	}
	switch name {
	case cmdExplain:
		return s.explain(args)
	}
	return nil, invalidParams("unknown command %s (known: %s)", quote(name), cmdExplain)
}

// explainArgs are pyhint.explain's options.
type explainArgs struct {
	ID     string `json:"id"`
	Level  string `json:"level"`
	Format string `json:"format"`
	// Notify false leaves out the window/showMessage: the client shows
	// the result itself (pyhint's VS Code extension and Neovim plugin).
	Notify *bool `json:"notify"`
}

// parseExplainArgs checks pyhint.explain's one argument: an id, or an
// object with an id, optional level and format (strings) and notify (a
// boolean).
func parseExplainArgs(args []json.RawMessage) (explainArgs, error) {
	var a explainArgs
	if len(args) != 1 {
		return a, invalidParams("%s takes one argument, a concept id or rule name (or {\"id\", \"level\", \"format\"}); got %d", cmdExplain, len(args))
	}
	arg := bytes.TrimSpace(args[0])
	switch {
	case len(arg) > 0 && arg[0] == '"':
		if err := json.Unmarshal(arg, &a.ID); err != nil {
			return a, invalidParams("%s: the argument is not a valid JSON string", cmdExplain)
		}
	case len(arg) > 0 && arg[0] == '{':
		dec := json.NewDecoder(bytes.NewReader(arg))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&a); err != nil {
			return a, invalidParams("%s: %s", cmdExplain, objectProblem(err))
		}
		if a.ID == "" {
			return a, invalidParams(`%s: the object has no "id" (a concept id or rule name)`, cmdExplain)
		}
	default:
		return a, invalidParams(`%s: the argument must be a concept id or rule name (a string) or {"id", "level", "format"}, not %s`, cmdExplain, jsonKind(arg))
	}
	if len(a.ID) > maxIDBytes {
		return a, invalidParams("%s: the id is %d bytes long; concept ids and rule names are at most %d", cmdExplain, len(a.ID), maxIDBytes)
	}
	return a, nil
}

func (s *Server) explain(args []json.RawMessage) (any, error) {
	a, err := parseExplainArgs(args)
	if err != nil {
		return nil, err
	}
	d, ok := knowledge.Lookup(a.ID)
	if !ok {
		msg := "unknown concept or rule " + quote(a.ID)
		if near := knowledge.Nearest(a.ID, 3); len(near) > 0 {
			msg += "; did you mean " + strings.Join(near, ", ") + "?"
		}
		return nil, invalidParams("%s: %s", cmdExplain, msg)
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
			return nil, invalidParams("%s: unknown explanation level %s (want beginner, intermediate or expert)", cmdExplain, quote(levelName))
		}
		level = l
	}
	f := knowledge.Markdown
	switch a.Format {
	case "", "markdown":
	case "text", "plaintext":
		f = knowledge.Text
	default:
		return nil, invalidParams("%s: unknown format %s (want markdown or text)", cmdExplain, quote(a.Format))
	}
	if a.Notify == nil || *a.Notify {
		s.notify("window/showMessage", map[string]any{"type": msgInfo, "message": strings.TrimSpace(knowledge.Render(d, knowledge.Text, knowledge.Expert))})
	}
	return knowledge.Render(d, f, level), nil
}

// invalidParams is a -32602 error.
func invalidParams(format string, args ...any) error {
	return jsonrpc.Errorf(jsonrpc.CodeInvalidParams, format, args...)
}

// objectProblem says what is wrong with an options object, from the
// decoder's error, without echoing what was sent.
func objectProblem(err error) string {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) && typ.Field != "" {
		want := "a string"
		if typ.Field == "notify" {
			want = "a boolean"
		}
		return fmt.Sprintf("%q must be %s, not %s", typ.Field, want, typ.Value)
	}
	if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		var name string
		if json.Unmarshal([]byte(field), &name) != nil {
			name = field
		}
		return fmt.Sprintf("unknown field %s (want id, level, format and notify)", quote(name))
	}
	return `the argument is not a valid {"id", "level", "format"} object`
}

// jsonKind names the kind of a JSON value.
func jsonKind(v []byte) string {
	if len(v) == 0 {
		return "nothing"
	}
	switch v[0] {
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

func isNull(v json.RawMessage) bool {
	v = bytes.TrimSpace(v)
	return len(v) == 0 || string(v) == "null"
}

// quote quotes s as JSON, shortened to at most maxQuoted bytes of it (at a
// character boundary) so that a message never echoes a huge value.
func quote(s string) string {
	if len(s) <= maxQuoted {
		return jsonQuote(s)
	}
	cut := maxQuoted
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return jsonQuote(s[:cut]) + fmt.Sprintf("… (%d bytes)", len(s))
}

func jsonQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
