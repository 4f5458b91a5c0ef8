package server_test

import (
	"context"
	"testing"

	"github.com/pyhint/pyhint/server"
	"github.com/pyhint/pyhint/server/internal/jsonrpc"
	"github.com/pyhint/pyhint/server/servertest"
)

// TestCancelRequest: a request waiting for an analysis is cancelled by
// $/cancelRequest with a numeric or a string id and answered -32800; a
// cancel for an unknown or finished request changes nothing.
func TestCancelRequest(t *testing.T) {
	release := make(chan struct{})
	held := make(chan struct{}, 1)
	o := server.WithBeforeAnalysis(opts(t), func(ctx context.Context, uri string) {
		if uri == "file:///held.py" {
			select {
			case held <- struct{}{}:
			default:
			}
			select {
			case <-release:
			case <-ctx.Done():
			}
		}
	})
	c, ctx := start(t, o, nil)
	defer close(release)
	c.Open("file:///held.py", 1, "global x\n")
	<-held
	hover := map[string]any{"textDocument": map[string]any{"uri": "file:///held.py"}, "position": map[string]any{"line": 0, "character": 1}}
	for _, id := range []jsonrpc.ID{jsonrpc.NumID(1000), jsonrpc.StrID("hover-1")} {
		wait := c.Async("textDocument/hover", hover, id)
		c.Notify("$/cancelRequest", map[string]any{"id": id})
		err := wait(ctx, nil)
		if e := servertest.AsError(err); e == nil || e.Code != jsonrpc.CodeRequestCancelled {
			t.Errorf("id %s: got %v, want -32800", id, err)
		}
	}
	c.Notify("$/cancelRequest", map[string]any{"id": 424242})
	c.Notify("$/cancelRequest", map[string]any{"id": map[string]any{"bad": true}})
	// Other documents are served meanwhile, and a cancel after the reply
	// is a no-op (a second reply would fail the client).
	c.Open("file:///free.py", 1, "global y\n")
	if _, err := c.AwaitDiagnostics(ctx, "file:///free.py", 1); err != nil {
		t.Fatal(err)
	}
	free := map[string]any{"textDocument": map[string]any{"uri": "file:///free.py"}, "position": map[string]any{"line": 0, "character": 1}}
	var h map[string]any
	if err := c.Async("textDocument/hover", free, jsonrpc.NumID(2000))(ctx, &h); err != nil || h == nil {
		t.Fatalf("hover on the free document: %v %v", h, err)
	}
	c.Notify("$/cancelRequest", map[string]any{"id": 2000})
	if err := c.Call(ctx, "textDocument/hover", free, &h); err != nil {
		t.Fatal(err)
	}
}
