package server_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pyhint/pyhint/knowledge"
	"github.com/pyhint/pyhint/server/internal/jsonrpc"
	"github.com/pyhint/pyhint/server/servertest"
)

// TestExecuteCommandValidation sends workspace/executeCommand with every
// kind of bad argument for every command pyhint registers (one:
// pyhint.explain) and for commands it does not: each is answered -32602
// with a short message that names the problem, the server never panics
// (it answers the next request), and no argument is ever taken for a file
// (a path to a file holding a marker gets "unknown concept", never the
// marker).
func TestExecuteCommandValidation(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(secret, []byte("SECRET-MARKER\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	huge := strings.Repeat("x", 1<<20)
	deep := strings.Repeat("[", 9000) + strings.Repeat("]", 9000) // within what a client can encode
	explain := func(args string) string {
		return `{"command":"pyhint.explain","arguments":` + args + `}`
	}
	cases := []struct {
		name, params string
		want         string // in the message
	}{
		// The request itself.
		{"params not an object", `[1,2]`, "invalid params"},
		{"no command", `{"arguments":["gil"]}`, `"command" must be a non-empty string`},
		{"command not a string", `{"command":5}`, `"command" must be a non-empty string`},
		{"empty command", `{"command":""}`, `"command" must be a non-empty string`},
		{"unknown command", `{"command":"pyhint.nope"}`, `unknown command "pyhint.nope" (known: pyhint.explain)`},
		{"huge unknown command", `{"command":"` + huge + `"}`, "unknown command"},
		{"command of another tool", `{"command":"editor.action.formatDocument","arguments":[]}`, "unknown command"},
		{"arguments not an array", explain(`"gil"`), `"arguments" must be an array`},
		{"arguments an object", explain(`{"id":"gil"}`), `"arguments" must be an array`},
		// pyhint.explain's argument count.
		{"no arguments", `{"command":"pyhint.explain"}`, "takes one argument"},
		{"null arguments", explain(`null`), "takes one argument"},
		{"zero arguments", explain(`[]`), "got 0"},
		{"two arguments", explain(`["gil","gil"]`), "got 2"},
		// Its argument's type.
		{"number", explain(`[42]`), "not a number"},
		{"boolean", explain(`[true]`), "not a boolean"},
		{"null", explain(`[null]`), "not null"},
		{"array", explain(`[["gil"]]`), "not an array"},
		{"deeply nested", explain(`[` + deep + `]`), "not an array"},
		{"id not a string", explain(`[{"id":5}]`), `"id" must be a string, not number`},
		{"level not a string", explain(`[{"id":"gil","level":3}]`), `"level" must be a string`},
		{"format not a string", explain(`[{"id":"gil","format":{}}]`), `"format" must be a string`},
		{"unknown field", explain(`[{"id":"gil","path":"/etc/passwd"}]`), `unknown field "path"`},
		{"no id", explain(`[{"level":"expert"}]`), `no "id"`},
		{"empty object", explain(`[{}]`), `no "id"`},
		// Its values.
		{"unknown id", explain(`["globl"]`), "did you mean global"},
		{"empty id", explain(`[""]`), "unknown concept or rule"},
		{"huge id", explain(`["` + huge + `"]`), "the id is 1048576 bytes long"},
		{"huge id in object", explain(`[{"id":"` + huge + `"}]`), "the id is 1048576 bytes long"},
		{"huge level", explain(`[{"id":"gil","level":"` + huge + `"}]`), "unknown explanation level"},
		{"huge format", explain(`[{"id":"gil","format":"` + huge + `"}]`), "unknown format"},
		{"unknown level", explain(`[{"id":"gil","level":"guru"}]`), `unknown explanation level "guru"`},
		{"unknown format", explain(`[{"id":"gil","format":"html"}]`), `unknown format "html"`},
		{"control characters", explain(`["gil\u0000\u001b[31m"]`), `unknown concept or rule "gil\u0000\u001b[31m"`},
		{"a file's path", explain(`["` + secret + `"]`), "unknown concept or rule"},
		{"a relative path", explain(`["../../../../../../etc/passwd"]`), "unknown concept or rule"},
		{"a file URI", explain(`["file://` + secret + `"]`), "unknown concept or rule"},
		{"a path in an object", explain(`[{"id":"` + secret + `"}]`), "unknown concept or rule"},
	}
	c, ctx := start(t, opts(t), nil)
	for _, tc := range cases {
		var result json.RawMessage
		err := c.Call(ctx, "workspace/executeCommand", json.RawMessage(tc.params), &result)
		e := servertest.AsError(err)
		switch {
		case e == nil:
			t.Errorf("%s: got %v (result %.80s), want a -32602 error", tc.name, err, result)
			continue
		case e.Code != jsonrpc.CodeInvalidParams:
			t.Errorf("%s: code %d (%s), want -32602", tc.name, e.Code, e.Message)
		case !strings.Contains(e.Message, tc.want):
			t.Errorf("%s: message %q lacks %q", tc.name, e.Message, tc.want)
		}
		if len(e.Message) > 400 {
			t.Errorf("%s: a %d-byte message: it must not echo what was sent", tc.name, len(e.Message))
		}
		if strings.Contains(e.Message, "SECRET-MARKER") {
			t.Errorf("%s: the message shows a file's content: %s", tc.name, e.Message)
		}
	}
	// Still serving, and a good call still works.
	var md string
	if err := c.Call(ctx, "workspace/executeCommand", map[string]any{"command": "pyhint.explain", "arguments": []any{"gil"}}, &md); err != nil {
		t.Fatalf("a valid explain after the bad ones: %v", err)
	}
	d, _ := knowledge.Lookup("gil")
	if md != knowledge.Render(d, knowledge.Markdown, knowledge.Beginner) {
		t.Errorf("explain gil returned:\n%s", md)
	}
}
