package server_test

import (
	"encoding/json"
	"os/exec"
	"testing"
	"time"

	"github.com/pyhint/pyhint/server"
	"github.com/pyhint/pyhint/server/internal/jsonrpc"
	"github.com/pyhint/pyhint/server/servertest"
)

// TestInitialize checks the initialize result: capabilities, serverInfo
// with the version, and the negotiated position encoding.
func TestInitialize(t *testing.T) {
	for _, tc := range []struct {
		name   string
		offers []string
		want   string
	}{
		{"utf-8 offered", []string{"utf-16", "utf-8"}, "utf-8"},
		{"only utf-16", []string{"utf-16"}, "utf-16"},
		{"utf-32 only is not taken", []string{"utf-32"}, "utf-16"},
		{"nothing offered", nil, "utf-16"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := testCtx(t)
			c := servertest.Start(t, server.New(opts(t)))
			p := servertest.DefaultInitializeParams("")
			if tc.offers != nil {
				p["capabilities"].(map[string]any)["general"] = map[string]any{"positionEncodings": tc.offers}
			}
			res, err := c.Initialize(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			caps := res["capabilities"].(map[string]any)
			if got := caps["positionEncoding"]; got != tc.want {
				t.Errorf("positionEncoding = %v, want %s", got, tc.want)
			}
			info := res["serverInfo"].(map[string]any)
			if info["name"] != "pyhint" || info["version"] != "test-1.2.3" {
				t.Errorf("serverInfo = %v", info)
			}
			sync := caps["textDocumentSync"].(map[string]any)
			if sync["change"] != 2.0 || sync["openClose"] != true {
				t.Errorf("textDocumentSync = %v, want incremental with open/close", sync)
			}
			for _, k := range []string{"hoverProvider", "inlayHintProvider", "codeActionProvider", "executeCommandProvider"} {
				if caps[k] == nil {
					t.Errorf("capability %s missing", k)
				}
			}
			if caps["diagnosticProvider"] != nil {
				t.Errorf("diagnosticProvider offered to a client that cannot pull")
			}
		})
	}
}

// TestBeforeInitialize: requests before initialize get -32002, and
// notifications are dropped.
func TestBeforeInitialize(t *testing.T) {
	ctx := testCtx(t)
	c := servertest.Start(t, server.New(opts(t)))
	c.Open("file:///a.py", 1, "global x\n")
	err := c.Call(ctx, "textDocument/hover", map[string]any{
		"textDocument": map[string]any{"uri": "file:///a.py"}, "position": map[string]any{"line": 0, "character": 0},
	}, nil)
	if e := servertest.AsError(err); e == nil || e.Code != jsonrpc.CodeServerNotInitialized {
		t.Fatalf("hover before initialize: got %v, want -32002", err)
	}
	if err := c.Call(ctx, "shutdown", nil, nil); servertest.AsError(err) == nil || servertest.AsError(err).Code != -32002 {
		t.Fatalf("shutdown before initialize: got %v, want -32002", err)
	}
	// The didOpen sent before initialize was dropped: the document is
	// unknown afterwards.
	if _, err := c.Initialize(ctx, nil); err != nil {
		t.Fatal(err)
	}
	err = c.Call(ctx, "textDocument/hover", map[string]any{
		"textDocument": map[string]any{"uri": "file:///a.py"}, "position": map[string]any{"line": 0, "character": 0},
	}, nil)
	if e := servertest.AsError(err); e == nil || e.Code != jsonrpc.CodeInvalidParams {
		t.Fatalf("hover on a document opened before initialize: got %v, want -32602 (not open)", err)
	}
	// A second initialize is refused.
	if err := c.Call(ctx, "initialize", servertest.DefaultInitializeParams(""), nil); servertest.AsError(err) == nil || servertest.AsError(err).Code != jsonrpc.CodeInvalidRequest {
		t.Fatalf("second initialize: got %v, want -32600", err)
	}
}

// TestUnknownMethods: an unknown request gets -32601; an unknown
// notification is ignored and the connection goes on.
func TestUnknownMethods(t *testing.T) {
	c, ctx := start(t, opts(t), nil)
	err := c.Call(ctx, "textDocument/semanticTokens/full", map[string]any{}, nil)
	if e := servertest.AsError(err); e == nil || e.Code != jsonrpc.CodeMethodNotFound {
		t.Fatalf("unknown request: got %v, want -32601", err)
	}
	c.Notify("pyhint/noSuchNotification", map[string]any{"x": 1})
	c.Notify("$/progress", map[string]any{})
	const uri = "file:///a.py"
	c.Open(uri, 1, "global x\n")
	if _, err := c.AwaitDiagnostics(ctx, uri, 1); err != nil {
		t.Fatal(err)
	}
}

// TestShutdownExit: exit after shutdown ends with code 0; requests between
// them are refused; exit without shutdown ends with 1; the end of input
// without exit ends with 1.
func TestShutdownExit(t *testing.T) {
	t.Run("after shutdown", func(t *testing.T) {
		c, ctx := start(t, opts(t), nil)
		if err := c.Call(ctx, "shutdown", nil, nil); err != nil {
			t.Fatal(err)
		}
		err := c.Call(ctx, "textDocument/hover", map[string]any{}, nil)
		if e := servertest.AsError(err); e == nil || e.Code != jsonrpc.CodeInvalidRequest {
			t.Fatalf("request after shutdown: got %v, want -32600", err)
		}
		c.Notify("exit", nil)
		if code, err := c.Exit(ctx); err != nil || code != 0 {
			t.Fatalf("exit code %d (%v), want 0", code, err)
		}
	})
	t.Run("without shutdown", func(t *testing.T) {
		c, ctx := start(t, opts(t), nil)
		c.Notify("exit", nil)
		if code, err := c.Exit(ctx); err != nil || code != 1 {
			t.Fatalf("exit code %d (%v), want 1", code, err)
		}
	})
	t.Run("input closed", func(t *testing.T) {
		c, ctx := start(t, opts(t), nil)
		c.CloseInput()
		if code, err := c.Exit(ctx); err != nil || code != 1 {
			t.Fatalf("exit code %d (%v), want 1", code, err)
		}
	})
}

// TestClientProcessDies: the server exits when the processId it was given
// is gone.
func TestClientProcessDies(t *testing.T) {
	proc := exec.Command("sleep", "60")
	if err := proc.Start(); err != nil {
		t.Skipf("cannot start a child process: %v", err)
	}
	o := opts(t)
	o.ProcessPoll = 5 * time.Millisecond
	p := servertest.DefaultInitializeParams("")
	p["processId"] = proc.Process.Pid
	c, ctx := start(t, o, p)
	// Alive: the server keeps answering.
	c.Open("file:///a.py", 1, "x = 1\n")
	if _, err := c.AwaitDiagnostics(ctx, "file:///a.py", 1); err != nil {
		t.Fatal(err)
	}
	proc.Process.Kill()
	proc.Wait()
	if code, err := c.Exit(ctx); err != nil || code != 1 {
		t.Fatalf("exit code %d (%v), want 1 after the client process died", code, err)
	}
}

// TestInitializeBadParams: initialize with params of the wrong type is
// -32602, and the server can still be initialized.
func TestInitializeBadParams(t *testing.T) {
	ctx := testCtx(t)
	c := servertest.Start(t, server.New(opts(t)))
	err := c.Call(ctx, "initialize", map[string]any{"processId": "not a number", "capabilities": map[string]any{}}, nil)
	if e := servertest.AsError(err); e == nil || e.Code != jsonrpc.CodeInvalidParams {
		t.Fatalf("got %v, want -32602", err)
	}
	var res json.RawMessage
	if err := c.Call(ctx, "initialize", servertest.DefaultInitializeParams(""), &res); err != nil {
		t.Fatalf("initialize after a bad one: %v", err)
	}
}
