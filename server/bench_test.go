package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pyhint/pyhint/server"
	"github.com/pyhint/pyhint/server/internal/workload"
	"github.com/pyhint/pyhint/server/servertest"
	"github.com/pyhint/pyhint/server/session"
)

// The benchmarks measure the budgets of issue 3; run them with
//
//	go test ./server -run '^$' -bench . -count 10
//
// and take medians. BenchmarkRSS needs the Python standard library
// (PYHINT_BENCH_DIR, or python3 on PATH to find it).

const benchLines = 10000

// benchServer starts an in-process server without debounce, opens a
// 10,000-line file and waits for its first diagnostics.
func benchServer(b *testing.B) (*servertest.Client, context.Context, string, string) {
	return benchServerLines(b, benchLines)
}

func benchServerLines(b *testing.B, lines int) (*servertest.Client, context.Context, string, string) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	b.Cleanup(cancel)
	c := servertest.Start(b, server.New(server.Options{Debounce: -1}))
	if _, err := c.Initialize(ctx, nil); err != nil {
		b.Fatal(err)
	}
	const uri = "file:///bench/big.py"
	text := workload.PythonFile(lines)
	c.Open(uri, 1, text)
	if _, err := c.AwaitDiagnostics(ctx, uri, 1); err != nil {
		b.Fatal(err)
	}
	return c, ctx, uri, text
}

// BenchmarkDidChangeToDiagnostics: from a one-character didChange in a
// 10,000-line file (and, for comparison, a 1,000-line one) to its new
// diagnostics, through the LSP pipes, without debounce (budget: 5 ms). Each
// edit toggles line 0 between "global g0" and "#lobal g0", so every
// version's diagnostics differ and are published.
//
// ns/op runs until the test client has decoded the publication with
// encoding/json (~2.6 ms of it for the 125 KB of 264 diagnostics: the
// editor's work, which VS Code and Neovim do with their own, faster, JSON
// parsers). read-ns/op is the server's latency: from sending the didChange
// to the client having read the whole publication, before decoding it;
// read-p50-ns is its median iteration.
func BenchmarkDidChangeToDiagnostics(b *testing.B) {
	for _, lines := range []int{1000, benchLines} {
		b.Run(fmt.Sprintf("lines=%d", lines), func(b *testing.B) { benchDidChange(b, lines) })
	}
}

// benchDidChange runs BenchmarkDidChangeToDiagnostics on a file of lines.
func benchDidChange(b *testing.B, lines int) {
	c, ctx, uri, _ := benchServerLines(b, lines)
	v := int32(1)
	reads := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v++
		ch := "#"
		if v%2 == 1 {
			ch = "g"
		}
		start := time.Now()
		c.Change(uri, v, servertest.Edit{StartLine: 0, StartChar: 0, EndLine: 0, EndChar: 1, Text: ch})
		p, err := c.AwaitDiagnostics(ctx, uri, v)
		if err != nil {
			b.Fatal(err)
		}
		reads = append(reads, p.ReadAt.Sub(start))
	}
	b.StopTimer()
	var sum time.Duration
	for _, d := range reads {
		sum += d
	}
	slices.Sort(reads)
	b.ReportMetric(float64(sum.Nanoseconds())/float64(len(reads)), "read-ns/op")
	b.ReportMetric(float64(reads[len(reads)/2].Nanoseconds()), "read-p50-ns")
}

// BenchmarkHover: hovers on a 10,000-line file, through the LSP pipes,
// cycling over lines that hold anchors (budget: 1 ms at p99). It reports
// the p99 of the iterations as p99-ns/op.
func BenchmarkHover(b *testing.B) {
	c, ctx, uri, text := benchServer(b)
	var positions [][2]int
	for i, line := range strings.Split(text, "\n") {
		if j := strings.Index(line, "global counter"); j >= 0 {
			positions = append(positions, [2]int{i, j + 1})
		}
		if j := strings.Index(line, "    with "); j >= 0 {
			positions = append(positions, [2]int{i, j + 5})
		}
	}
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := positions[i%len(positions)]
		start := time.Now()
		var h json.RawMessage
		if err := c.Call(ctx, "textDocument/hover", map[string]any{
			"textDocument": map[string]any{"uri": uri},
			"position":     map[string]any{"line": p[0], "character": p[1]},
		}, &h); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
		if string(h) == "null" {
			b.Fatalf("no hover at %v", p)
		}
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)*99/100].Nanoseconds()), "p99-ns/op")
}

// BenchmarkStartToInitialize: from starting the pyhint process to reading
// its initialize result (budget: 30 ms). Teardown is not timed.
func BenchmarkStartToInitialize(b *testing.B) {
	bin := pyhintBinary(b)
	init, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": servertest.DefaultInitializeParams("")})
	frame := []byte(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(init), init))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(bin, "serve")
		stdin, _ := cmd.StdinPipe()
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		if _, err := stdin.Write(frame); err != nil {
			b.Fatal(err)
		}
		// Read the header and body of the reply.
		buf := make([]byte, 0, 4096)
		tmp := make([]byte, 4096)
		for !strings.Contains(string(buf), `"serverInfo"`) || !strings.HasSuffix(string(buf), "}}") {
			n, err := stdout.Read(tmp)
			if err != nil {
				b.Fatalf("read: %v (%q)", err, buf)
			}
			buf = append(buf, tmp[:n]...)
		}
		b.StopTimer()
		stdin.Close()
		io.Copy(io.Discard, stdout)
		cmd.Wait()
		b.StartTimer()
	}
}

// stdlibFiles returns n Python files of the standard library, spread over
// it, or skips.
func stdlibFiles(b *testing.B, n int) []string {
	dir := os.Getenv("PYHINT_BENCH_DIR")
	if dir == "" {
		out, err := exec.Command("python3", "-c", `import sysconfig; print(sysconfig.get_paths()["stdlib"])`).Output()
		if err != nil {
			b.Skip("set PYHINT_BENCH_DIR to a Python standard library")
		}
		dir = strings.TrimSpace(string(out))
	}
	var all []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".py") && !strings.Contains(p, "site-packages") {
			all = append(all, p)
		}
		return nil
	})
	if len(all) < n {
		b.Skipf("%s has %d Python files, want %d", dir, len(all), n)
	}
	slices.Sort(all)
	out := make([]string, 0, n)
	for i := range n {
		out = append(out, all[i*len(all)/n])
	}
	return out
}

// BenchmarkRSS: the resident memory of a pyhint process after opening 200
// standard-library files and getting their diagnostics (budget: 60 MB).
// It reports busy-rss-MB (VmRSS as the last diagnostics arrive), rss-MB
// (VmRSS once the server has been idle long enough to return free memory,
// session.DefaultReleaseAfter) and peak-MB (VmHWM).
func BenchmarkRSS(b *testing.B) {
	files := stdlibFiles(b, 200)
	bin := pyhintBinary(b)
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(bin, "serve")
		stdin, _ := cmd.StdinPipe()
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		c := servertest.New(b, stdout, stdin)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		if _, err := c.Initialize(ctx, nil); err != nil {
			b.Fatal(err)
		}
		var total int
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			total += len(src)
			c.Open(servertest.FileURI(f), 1, string(src))
		}
		for _, f := range files {
			if _, err := c.AwaitDiagnostics(ctx, servertest.FileURI(f), 1); err != nil {
				b.Fatal(err)
			}
		}
		statusFile := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
		status, err := os.ReadFile(statusFile)
		if err != nil {
			b.Skipf("no /proc: %v", err)
		}
		b.ReportMetric(statusMB(status, "VmRSS:"), "busy-rss-MB")
		// A measurement, not a test: the release is time-based, by design.
		time.Sleep(2 * session.DefaultReleaseAfter)
		status, _ = os.ReadFile(statusFile)
		b.ReportMetric(statusMB(status, "VmRSS:"), "rss-MB")
		b.ReportMetric(statusMB(status, "VmHWM:"), "peak-MB")
		b.ReportMetric(float64(total)/(1<<20), "source-MB")
		if err := c.Shutdown(ctx); err != nil {
			b.Fatal(err)
		}
		cmd.Wait()
		cancel()
	}
}

func statusMB(status []byte, key string) float64 {
	for _, line := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(line, key) {
			f := strings.Fields(line)
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}
