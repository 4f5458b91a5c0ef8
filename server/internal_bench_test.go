package server

import (
	"context"
	"encoding/json"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pyhint/pyhint/server/internal/jsonrpc"
	"github.com/pyhint/pyhint/server/internal/workload"
)

// BenchmarkHoverHandler: the hover handler alone (decoding its params,
// finding the card, rendering), on a 10,000-line file, without the pipes
// and the client's decoding that BenchmarkHover includes. It reports the
// p99 as p99-ns/op.
func BenchmarkHoverHandler(b *testing.B) {
	s := New(Options{Debounce: -1})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.conn = ctx
	s.out = jsonrpc.NewOutbox(io.Discard)
	defer s.out.Close()
	if _, err := s.initialize(ctx, json.RawMessage(`{"processId": null, "capabilities": {}}`)); err != nil {
		b.Fatal(err)
	}
	defer s.session().Shutdown()
	if _, err := s.initialized(ctx, nil); err != nil {
		b.Fatal(err)
	}
	text := workload.PythonFile(10000)
	open, _ := json.Marshal(map[string]any{"textDocument": map[string]any{"uri": "file:///big.py", "version": 1, "text": text}})
	if _, err := s.didOpen(ctx, open); err != nil {
		b.Fatal(err)
	}
	var params []json.RawMessage
	for i, line := range strings.Split(text, "\n") {
		if j := strings.Index(line, "global counter"); j >= 0 {
			p, _ := json.Marshal(map[string]any{"textDocument": map[string]any{"uri": "file:///big.py"}, "position": map[string]any{"line": i, "character": j + 1}})
			params = append(params, p)
		}
	}
	if _, err := s.hover(ctx, params[0]); err != nil { // waits for the analysis
		b.Fatal(err)
	}
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		h, err := s.hover(ctx, params[i%len(params)])
		times = append(times, time.Since(start))
		if err != nil || h == nil {
			b.Fatalf("hover: %v %v", h, err)
		}
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)*99/100].Nanoseconds()), "p99-ns/op")
}
