//go:build unix

package server_test

// This file defines the tests of how `pyhint serve` ends without a proper
// shutdown: its input closes, or the client process it was given dies. The
// issue's bound is a second; each test measures from the event (closing the
// pipe, killing the parent) to the exit.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pyhint/pyhint/server/internal/jsonrpc"
	"github.com/pyhint/pyhint/server/servertest"
)

// exitBound is how soon the server must exit after its input closes or its
// client dies.
const exitBound = time.Second

// TestBinaryExitsWhenInputCloses: the end of stdin without shutdown makes
// `pyhint serve` exit with code 1 within exitBound: idle; while it waits
// for the client (a workspace/configuration request the client never
// answers, a hover waiting for that configuration); while it analyses a
// 4 MB file (a parse cannot be interrupted, and takes seconds).
func TestBinaryExitsWhenInputCloses(t *testing.T) {
	big := strings.Repeat("def f(x=[]):\n    global y\n    y = x\n    return [i for i in range(10)]\n", 4<<20/72)
	for _, tc := range []struct {
		name  string
		stuck bool
		text  string
	}{
		{"idle", false, "global x\n"},
		{"waiting for the client", true, "global x\n"},
		{"analysing a 4 MB file", false, big},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, cmd, stderr := startBinary(t, "--stdio")
			ctx := testCtx(t)
			if tc.stuck {
				// Never answered: a reply written after the test ends
				// would be logged to a finished test.
				c.Handle("workspace/configuration", func(json.RawMessage) (any, error) { select {} })
			}
			p := servertest.DefaultInitializeParams("")
			p["capabilities"].(map[string]any)["workspace"].(map[string]any)["configuration"] = true
			if _, err := c.Initialize(ctx, p); err != nil {
				t.Fatal(err)
			}
			const uri = "file:///tmp/exit.py"
			c.Open(uri, 1, tc.text)
			switch {
			case tc.stuck:
				if _, err := c.AwaitRequest(ctx, "workspace/configuration"); err != nil {
					t.Fatal(err)
				}
				// A hover waits for the first configuration.
				c.Async("textDocument/hover", hoverAt(uri, 0, 1), jsonrpc.NumID(77))
			case len(tc.text) > 1<<20:
				// The analysis has started (the document was read whole
				// before this write returned); the hover makes it urgent.
				c.Async("textDocument/hover", hoverAt(uri, 0, 1), jsonrpc.NumID(78))
			default:
				if _, err := c.AwaitDiagnostics(ctx, uri, 1); err != nil {
					t.Fatal(err)
				}
			}
			start := time.Now()
			c.CloseInput()
			took, err := waitExit(t, cmd, start)
			t.Logf("exited %v after its input closed", took)
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 1 {
				t.Errorf("exit: %v, want exit status 1\nstderr:\n%s", err, stderr)
			}
			if took > exitBound {
				t.Errorf("exited %v after its input closed, want within %v\nstderr:\n%s", took, exitBound, stderr)
			}
		})
	}
}

// TestBinaryExitsWhenClientStopsReading: a client that stops reading in
// the middle of a large publication, then closes the server's input, still
// sees it exit within exitBound, although the server's last write never
// completes.
func TestBinaryExitsWhenClientStopsReading(t *testing.T) {
	cmd, stdin, stdout, stderr := startBinaryPipes(t)
	send := func(v any) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if err := jsonrpc.WriteFrame(stdin, b); err != nil {
			t.Fatal(err)
		}
	}
	out := bufio.NewReader(stdout)
	// next reads the next frame's header and returns its length.
	next := func() int {
		n := -1
		for {
			line, err := out.ReadString('\n')
			if err != nil {
				t.Fatalf("reading the server's output: %v", err)
			}
			line = strings.TrimSpace(line)
			if line == "" && n >= 0 {
				return n
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				if n, err = strconv.Atoi(v); err != nil {
					t.Fatalf("header %q", line)
				}
			}
		}
	}
	send(map[string]any{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": servertest.DefaultInitializeParams("")})
	if _, err := io.CopyN(io.Discard, out, int64(next())); err != nil {
		t.Fatal(err)
	}
	send(map[string]any{"jsonrpc": "2.0", "method": "initialized", "params": map[string]any{}})
	text := strings.Repeat("def f():\n    global y\n    y = 1\n", 3000)
	send(map[string]any{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": map[string]any{
		"textDocument": map[string]any{"uri": "file:///tmp/many.py", "languageId": "python", "version": 1, "text": text},
	}})
	// Read up to the header of the diagnostics (3,000 of them), then stop.
	for {
		n := next()
		if n > 256<<10 {
			break
		}
		if _, err := io.CopyN(io.Discard, out, int64(n)); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	stdin.Close()
	took, err := waitExit(t, cmd, start)
	t.Logf("exited %v after its input closed, its output unread", took)
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Errorf("exit: %v, want exit status 1\nstderr:\n%s", err, stderr)
	}
	if took > exitBound {
		t.Errorf("exited %v after its input closed, want within %v\nstderr:\n%s", took, exitBound, stderr)
	}
}

// TestBinaryExitsWhenParentDies: `pyhint serve` started by a shell that
// gives its own pid as processId exits within exitBound of the shell's
// death, although its input stays open (the test holds it). Its exit is
// seen as the end of its output: it is not our child to wait for.
func TestBinaryExitsWhenParentDies(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		need(t, fmt.Errorf("no sh to be the parent: %w", err))
	}
	bin := pyhintBinary(t)
	inR, inW := mustPipe(t)
	outR, outW := mustPipe(t)
	errR, errW := mustPipe(t)
	// The shell runs pyhint in the background on fds 3, 4 and 5, prints
	// its pid and waits.
	parent := exec.Command(sh, "-c", `"$0" serve <&3 >&4 2>&5 3<&- 4>&- 5>&- & echo $!; wait`, bin)
	parent.ExtraFiles = []*os.File{inR, outW, errW}
	pidOut, err := parent.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := parent.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		parent.Process.Kill()
		parent.Wait()
	})
	inR.Close()
	outW.Close()
	errW.Close()
	line, err := bufio.NewReader(pidOut).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the server's pid: %v", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		t.Fatalf("the shell printed %q, not a pid", line)
	}
	t.Cleanup(func() { syscall.Kill(pid, syscall.SIGKILL) })
	var stderr lockedBuffer
	stderrDone := make(chan struct{})
	go func() {
		io.Copy(&stderr, errR)
		close(stderrDone)
	}()

	c := servertest.New(t, outR, inW)
	ctx := testCtx(t)
	p := servertest.DefaultInitializeParams("")
	p["processId"] = parent.Process.Pid
	if _, err := c.Initialize(ctx, p); err != nil {
		t.Fatal(err)
	}
	const uri = "file:///tmp/parent.py"
	c.Open(uri, 1, "global x\n")
	if _, err := c.AwaitDiagnostics(ctx, uri, 1); err != nil {
		t.Fatal(err)
	}

	if err := parent.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	parent.Wait()
	select {
	case <-c.Done():
	case <-ctx.Done():
		t.Fatalf("the server did not exit after its parent died\nstderr:\n%s", stderr.String())
	}
	// Its output closes as it exits; the process is gone a moment later.
	for alive(pid) && time.Since(start) < 30*exitBound {
		time.Sleep(time.Millisecond)
	}
	took := time.Since(start)
	<-stderrDone
	inW.Close()
	t.Logf("exited %v after its parent died; its log:\n%s", took, stderr.String())
	if alive(pid) || took > exitBound {
		t.Errorf("exited %v after its parent died (still running: %v), want within %v", took, alive(pid), exitBound)
	}
	if want := fmt.Sprintf("client process %d is gone: exiting", parent.Process.Pid); !strings.Contains(stderr.String(), want) {
		t.Errorf("the log does not say %q", want)
	}
}

// TestBinaryExitsWhenClientAlreadyGone: a processId that names no process
// makes the server exit with code 1 at once.
func TestBinaryExitsWhenClientAlreadyGone(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		need(t, fmt.Errorf("no sh to run a process that ends: %w", err))
	}
	gone := exec.Command(sh, "-c", "exit 0")
	if err := gone.Run(); err != nil {
		t.Fatal(err)
	}
	c, cmd, stderr := startBinary(t, "--stdio")
	p := servertest.DefaultInitializeParams("")
	p["processId"] = gone.Process.Pid
	start := time.Now()
	// The reply may or may not come before the exit.
	c.Async("initialize", p, jsonrpc.NumID(1))
	took, err := waitExit(t, cmd, start)
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Errorf("exit: %v, want exit status 1\nstderr:\n%s", err, stderr)
	}
	if took > exitBound {
		t.Errorf("exited %v after initialize, want within %v", took, exitBound)
	}
}

// waitExit waits for cmd to exit and returns the time since start and its
// error. A process still running after 30 times exitBound is killed and
// fails the test.
func waitExit(t *testing.T, cmd *exec.Cmd, start time.Time) (time.Duration, error) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return time.Since(start), err
	case <-time.After(30 * exitBound):
		cmd.Process.Kill()
		<-done
		t.Fatalf("the server had not exited %v later", time.Since(start))
		return 0, nil
	}
}

// alive reports whether pid runs (a zombie does not).
func alive(pid int) bool {
	if err := syscall.Kill(pid, 0); err != nil {
		return false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	i := bytes.LastIndexByte(stat, ')')
	return i < 0 || i+2 >= len(stat) || stat[i+2] != 'Z'
}

func mustPipe(t *testing.T) (*os.File, *os.File) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		r.Close()
		w.Close()
	})
	return r, w
}

// need skips the test for a missing prerequisite, or fails it in CI.
func need(t *testing.T, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatal(err)
	}
	t.Skip(err)
}
