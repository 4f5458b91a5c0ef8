package server_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pyhint/pyhint/server/internal/jsonrpc"
	"github.com/pyhint/pyhint/server/servertest"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
	binDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// pyhintBinary builds cmd/pyhint once per test run.
func pyhintBinary(tb testing.TB) string {
	tb.Helper()
	binOnce.Do(func() {
		gobin, err := exec.LookPath("go")
		if err != nil {
			binErr = fmt.Errorf("no go command to build pyhint: %w", err)
			return
		}
		binDir, binErr = os.MkdirTemp("", "pyhint-bin-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "pyhint")
		cmd := exec.Command(gobin, "build", "-o", binPath, "github.com/pyhint/pyhint/cmd/pyhint")
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		tb.Fatal(binErr)
	}
	return binPath
}

// startBinary runs `pyhint serve args...` with a client on its stdio.
func startBinary(t *testing.T, args ...string) (*servertest.Client, *exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd, stdin, stdout, stderr := startBinaryPipes(t, args...)
	return servertest.New(t, stdout, stdin), cmd, stderr
}

// startBinaryPipes runs `pyhint serve args...` and returns its stdin, its
// stdout and what it writes to stderr; the process is killed at the end of
// the test if it is still running.
func startBinaryPipes(t *testing.T, args ...string) (*exec.Cmd, io.WriteCloser, io.ReadCloser, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(pyhintBinary(t), append([]string{"serve"}, args...)...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return cmd, stdin, stdout, &stderr
}

// TestBinary drives the pyhint binary over stdio, as an editor does:
// initialize, a document, its diagnostics, a hover, a malformed frame,
// shutdown and exit with code 0.
func TestBinary(t *testing.T) {
	for _, args := range [][]string{nil, {"--stdio"}} {
		t.Run(strings.Join(append([]string{"serve"}, args...), " "), func(t *testing.T) {
			c, cmd, stderr := startBinary(t, args...)
			ctx := testCtx(t)
			res, err := c.Initialize(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			if info := res["serverInfo"].(map[string]any); info["name"] != "pyhint" || info["version"] == "" {
				t.Errorf("serverInfo %v", info)
			}
			const uri = "file:///tmp/demo.py"
			c.Open(uri, 1, "counter = 0\n\ndef bump():\n    global counter\n    counter += 1\n")
			p, err := c.AwaitDiagnostics(ctx, uri, 1)
			if err != nil {
				t.Fatal(err)
			}
			if got := codes(p); len(got) != 1 || got[0] != "global-statement" {
				t.Errorf("diagnostics %v", got)
			}
			c.WriteRaw([]byte("Content-Length: nope\r\n\r\n{}"))
			var h struct{ Contents struct{ Kind, Value string } }
			if err := c.Call(ctx, "textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 3, "character": 6}}, &h); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(h.Contents.Value, "# The global keyword") || !strings.Contains(h.Contents.Value, "`counter`") {
				t.Errorf("hover:\n%s", h.Contents.Value)
			}
			errs, err := c.AwaitNullIDErrors(ctx, 1)
			if err != nil || errs[0].Code != jsonrpc.CodeParseError {
				t.Errorf("malformed frame: %v %v", errs, err)
			}
			if err := c.Shutdown(ctx); err != nil {
				t.Fatal(err)
			}
			if err := cmd.Wait(); err != nil {
				t.Errorf("exit after shutdown: %v\nstderr:\n%s", err, stderr)
			}
		})
	}
}

// TestBinaryExitWithoutShutdown: exit code 1.
func TestBinaryExitWithoutShutdown(t *testing.T) {
	c, cmd, _ := startBinary(t, "--stdio")
	if _, err := c.Initialize(testCtx(t), nil); err != nil {
		t.Fatal(err)
	}
	c.Notify("exit", nil)
	err := cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Errorf("exit without shutdown: %v, want exit status 1", err)
	}
}

// TestBinaryBadFlag: serve rejects unknown flags and arguments (exit 2).
func TestBinaryBadFlag(t *testing.T) {
	for _, args := range [][]string{{"serve", "--tcp"}, {"serve", "extra"}} {
		out, err := exec.Command(pyhintBinary(t), args...).CombinedOutput()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
			t.Errorf("%v: %v, want exit status 2\n%s", args, err, out)
		}
	}
}
