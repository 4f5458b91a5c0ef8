// Package servertest drives pyhint's language server the way an editor
// does: a client speaking LSP over a pair of pipes, to an in-process server
// or to any process's stdio, with txtar workspaces on disk.
//
// Tests wait on events, never on time: AwaitDiagnostics returns when the
// server publishes diagnostics for a given document version, Await when a
// notification matching a predicate arrives. Every wait is bounded by the
// test's context, so a server that stays silent fails the test.
package servertest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"golang.org/x/tools/txtar"

	"github.com/pyhint/pyhint/server"
	"github.com/pyhint/pyhint/server/internal/jsonrpc"
)

// Notification is a notification the server sent.
type Notification struct {
	Method string
	Params json.RawMessage
	// uri and version are read once from a publishDiagnostics, so that
	// waiting for one does not decode every earlier one again.
	uri       string
	version   *int32
	published *Published // the decoded params of a publishDiagnostics
}

// lastPub is the latest publication of a document, decoded once.
type lastPub struct {
	index int // in Client.notes
	pd    *Published
}

// Request is a request the server sent to the client.
type Request struct {
	Method string
	Params json.RawMessage
}

// Client is a fake LSP client.
type Client struct {
	t  testing.TB
	w  io.WriteCloser
	wm sync.Mutex // serialises writes

	mu       sync.Mutex
	nextID   int64
	pending  map[jsonrpc.ID]chan *jsonrpc.Message
	notes    []Notification
	lastPub  map[string]lastPub // uri → its latest publication
	requests []Request
	handlers map[string]func(params json.RawMessage) (any, error)
	// orphans are replies to no pending request (id null: -32700 to a
	// malformed frame), in order.
	orphans []*jsonrpc.Error
	changed chan struct{} // closed and replaced when notes or orphans grow
	readErr error

	done chan struct{} // closed when the server's output ends
	exit chan int      // the in-process server's exit code
}

// Start runs s in-process and returns a client connected to it. The
// server's log goes to the test log. Cleanup closes the connection.
func Start(t testing.TB, s *server.Server) *Client {
	t.Helper()
	cr, sw := io.Pipe() // server → client
	sr, cw := io.Pipe() // client → server
	c := newClient(t, cr, cw)
	c.exit = make(chan int, 1)
	go func() {
		code := s.Serve(context.Background(), sr, sw)
		sw.Close()
		sr.Close()
		c.exit <- code
	}()
	t.Cleanup(func() {
		cw.Close()
		select {
		case <-c.exit:
		case <-time.After(30 * time.Second):
			t.Errorf("server did not stop after its input closed")
		}
	})
	return c
}

// New returns a client on a server's output (r) and input (w), such as a
// child process's stdout and stdin.
func New(t testing.TB, r io.Reader, w io.WriteCloser) *Client {
	return newClient(t, r, w)
}

func newClient(t testing.TB, r io.Reader, w io.WriteCloser) *Client {
	c := &Client{
		t: t, w: w,
		pending:  map[jsonrpc.ID]chan *jsonrpc.Message{},
		handlers: map[string]func(json.RawMessage) (any, error){},
		changed:  make(chan struct{}),
		lastPub:  map[string]lastPub{},
		done:     make(chan struct{}),
	}
	// Answer what clients must answer; tests override with Handle.
	c.handlers["client/registerCapability"] = func(json.RawMessage) (any, error) { return nil, nil }
	c.handlers["workspace/configuration"] = func(p json.RawMessage) (any, error) {
		var params struct{ Items []any }
		_ = json.Unmarshal(p, &params)
		return make([]any, len(params.Items)), nil
	}
	go c.read(r)
	return c
}

// Exit waits for the in-process server to stop and returns its exit code.
func (c *Client) Exit(ctx context.Context) (int, error) {
	select {
	case code := <-c.exit:
		c.exit <- code
		return code, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Handle sets the client's answer to a request from the server.
func (c *Client) Handle(method string, fn func(params json.RawMessage) (any, error)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.handlers[method] = fn
}

func (c *Client) read(r io.Reader) {
	defer close(c.done)
	rd := jsonrpc.NewReader(r)
	for {
		body, err := rd.Read()
		readAt := time.Now()
		if err != nil {
			c.mu.Lock()
			c.readErr = err
			c.broadcast()
			c.mu.Unlock()
			return
		}
		m, _, rerr := jsonrpc.Decode(body)
		if rerr != nil {
			// A reply with "id": null answers a message the server could
			// not read (-32700, -32600).
			var o struct {
				ID    json.RawMessage `json:"id"`
				Error *jsonrpc.Error  `json:"error"`
			}
			if json.Unmarshal(body, &o) == nil && string(o.ID) == "null" && o.Error != nil {
				c.mu.Lock()
				c.orphans = append(c.orphans, o.Error)
				c.broadcast()
				c.mu.Unlock()
				continue
			}
			c.t.Errorf("server sent an invalid message %q: %v", body, rerr)
			continue
		}
		switch m.Kind {
		case jsonrpc.Response:
			c.mu.Lock()
			ch, ok := c.pending[m.ID]
			delete(c.pending, m.ID)
			c.mu.Unlock()
			if ok {
				ch <- m
			} else {
				c.t.Errorf("reply to unknown request %s", m.ID)
			}
		case jsonrpc.Notification:
			n := Notification{Method: m.Method, Params: m.Params}
			if m.Method == "textDocument/publishDiagnostics" {
				// Decoded once, as an editor would.
				var pd Published
				if err := json.Unmarshal(m.Params, &pd); err != nil {
					c.t.Errorf("server sent a publishDiagnostics that does not decode: %v", err)
				} else {
					pd.ReadAt = readAt
					n.uri, n.version, n.published = pd.URI, pd.Version, &pd
				}
			}
			c.mu.Lock()
			if pd := n.published; pd != nil {
				// Only the latest publication of a document stays decoded:
				// a long test keeps every notification.
				n.published = nil
				c.lastPub[n.uri] = lastPub{len(c.notes), pd}
			}
			c.notes = append(c.notes, n)
			c.broadcast()
			c.mu.Unlock()
		case jsonrpc.Request:
			c.mu.Lock()
			c.requests = append(c.requests, Request{m.Method, m.Params})
			h := c.handlers[m.Method]
			c.broadcast()
			c.mu.Unlock()
			// Answered on a goroutine: a handler may block (a client that
			// is slow to answer) without stopping the reading.
			go func() {
				var result any
				var rerr *jsonrpc.Error
				if h == nil {
					rerr = jsonrpc.Errorf(jsonrpc.CodeMethodNotFound, "client: %s not handled", m.Method)
				} else if res, err := h(m.Params); err != nil {
					rerr = jsonrpc.Errorf(jsonrpc.CodeRequestFailed, "%v", err)
				} else {
					result = res
				}
				body, err := jsonrpc.EncodeResponse(&m.ID, result, rerr)
				if err != nil {
					c.t.Errorf("encode reply: %v", err)
					return
				}
				c.write(body)
			}()
		}
	}
}

func (c *Client) broadcast() {
	close(c.changed)
	c.changed = make(chan struct{})
}

func (c *Client) write(body []byte) {
	c.wm.Lock()
	defer c.wm.Unlock()
	if err := jsonrpc.WriteFrame(c.w, body); err != nil {
		c.t.Logf("client write: %v", err)
	}
}

// WriteRaw writes bytes to the server as they are, for malformed input.
func (c *Client) WriteRaw(b []byte) {
	c.wm.Lock()
	defer c.wm.Unlock()
	if _, err := c.w.Write(b); err != nil {
		c.t.Logf("client write: %v", err)
	}
}

// CloseInput closes the server's input.
func (c *Client) CloseInput() error { return c.w.Close() }

// Error is an error reply.
type Error = jsonrpc.Error

// Call sends a request and decodes the result into result (if not nil).
// An error reply is returned as *Error.
func (c *Client) Call(ctx context.Context, method string, params, result any) error {
	_, err := c.CallID(ctx, method, params, result, nil)
	return err
}

// CallID is Call with a chosen id (nil: the next number). It returns the id
// used, so the request can be cancelled.
func (c *Client) CallID(ctx context.Context, method string, params, result any, id *jsonrpc.ID) (jsonrpc.ID, error) {
	c.mu.Lock()
	if id == nil {
		c.nextID++
		n := jsonrpc.NumID(c.nextID)
		id = &n
	}
	ch := make(chan *jsonrpc.Message, 1)
	c.pending[*id] = ch
	c.mu.Unlock()
	body, err := jsonrpc.EncodeRequest(*id, method, params)
	if err != nil {
		return *id, err
	}
	c.write(body)
	return *id, c.wait(ctx, *id, ch, method, result)
}

// Async sends a request and returns a function that waits for its reply.
func (c *Client) Async(method string, params any, id jsonrpc.ID) func(ctx context.Context, result any) error {
	ch := make(chan *jsonrpc.Message, 1)
	c.mu.Lock()
	c.pending[id] = ch
	c.mu.Unlock()
	body, err := jsonrpc.EncodeRequest(id, method, params)
	if err != nil {
		return func(context.Context, any) error { return err }
	}
	c.write(body)
	return func(ctx context.Context, result any) error { return c.wait(ctx, id, ch, method, result) }
}

func (c *Client) wait(ctx context.Context, id jsonrpc.ID, ch chan *jsonrpc.Message, method string, result any) error {
	select {
	case m := <-ch:
		if m.Error != nil {
			return m.Error
		}
		if result != nil {
			if err := json.Unmarshal(m.Result, result); err != nil {
				return fmt.Errorf("%s: decode result %s: %w", method, m.Result, err)
			}
		}
		return nil
	case <-c.done:
		return fmt.Errorf("%s: connection closed before the reply", method)
	case <-ctx.Done():
		return fmt.Errorf("%s (id %s): no reply: %w", method, id, ctx.Err())
	}
}

// Notify sends a notification.
func (c *Client) Notify(method string, params any) {
	body, err := jsonrpc.EncodeNotification(method, params)
	if err != nil {
		c.t.Fatalf("encode %s: %v", method, err)
	}
	c.write(body)
}

// Await waits for a notification of method for which match returns true
// (match may be nil), looking at every notification received so far and
// then at new ones. It returns the first match.
func (c *Client) Await(ctx context.Context, method string, match func(params json.RawMessage) bool) (json.RawMessage, error) {
	return c.AwaitSince(ctx, 0, method, match)
}

// Mark returns the number of notifications received so far, for
// AwaitSince.
func (c *Client) Mark() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.notes)
}

// AwaitSince is Await looking only at notifications received after mark
// (from Mark, taken before the action that should cause them).
func (c *Client) AwaitSince(ctx context.Context, mark int, method string, match func(params json.RawMessage) bool) (json.RawMessage, error) {
	seen := mark
	for {
		c.mu.Lock()
		notes := c.notes[seen:]
		seen = len(c.notes)
		ch := c.changed
		readErr := c.readErr
		c.mu.Unlock()
		for _, n := range notes {
			if n.Method == method && (match == nil || match(n.Params)) {
				return n.Params, nil
			}
		}
		if readErr != nil {
			return nil, fmt.Errorf("waiting for %s: server output ended: %v", method, readErr)
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return nil, fmt.Errorf("waiting for %s: %w", method, ctx.Err())
		}
	}
}

// NullIDErrors returns the error replies with "id": null received so far:
// the answers to messages the server could not read.
func (c *Client) NullIDErrors() []*Error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]*Error(nil), c.orphans...)
}

// AwaitNullIDErrors waits until n error replies with "id": null have
// arrived and returns them.
func (c *Client) AwaitNullIDErrors(ctx context.Context, n int) ([]*Error, error) {
	for {
		c.mu.Lock()
		got := append([]*Error(nil), c.orphans...)
		ch := c.changed
		readErr := c.readErr
		c.mu.Unlock()
		if len(got) >= n {
			return got, nil
		}
		if readErr != nil {
			return got, fmt.Errorf("waiting for %d error replies: server output ended: %v", n, readErr)
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return got, fmt.Errorf("waiting for %d error replies, got %d: %w", n, len(got), ctx.Err())
		}
	}
}

// Notifications returns the notifications of method received so far.
func (c *Client) Notifications(method string) []json.RawMessage {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []json.RawMessage
	for _, n := range c.notes {
		if n.Method == method {
			out = append(out, n.Params)
		}
	}
	return out
}

// Requests returns the requests of method the server has sent so far.
func (c *Client) Requests(method string) []json.RawMessage {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []json.RawMessage
	for _, r := range c.requests {
		if r.Method == method {
			out = append(out, r.Params)
		}
	}
	return out
}

// AwaitRequest waits for a request of method from the server (one already
// received counts) and returns its params.
func (c *Client) AwaitRequest(ctx context.Context, method string) (json.RawMessage, error) {
	for {
		c.mu.Lock()
		var found json.RawMessage
		ok := false
		for _, r := range c.requests {
			if r.Method == method {
				found, ok = r.Params, true
				break
			}
		}
		ch := c.changed
		readErr := c.readErr
		c.mu.Unlock()
		if ok {
			return found, nil
		}
		if readErr != nil {
			return nil, fmt.Errorf("waiting for request %s: server output ended: %v", method, readErr)
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return nil, fmt.Errorf("waiting for request %s: %w", method, ctx.Err())
		}
	}
}

// Done is closed when the server's output has ended and every message in
// it has been read.
func (c *Client) Done() <-chan struct{} { return c.done }

// Published is a textDocument/publishDiagnostics notification.
type Published struct {
	URI         string                `json:"uri"`
	Version     *int32                `json:"version"`
	Diagnostics []protocol.Diagnostic `json:"diagnostics"`
	// ReadAt is when the client had read the whole message, before
	// decoding it.
	ReadAt time.Time `json:"-"`
}

// AwaitDiagnostics waits for diagnostics published for version of uri.
func (c *Client) AwaitDiagnostics(ctx context.Context, uri string, version int32) (*Published, error) {
	seen := 0
	for {
		c.mu.Lock()
		notes := c.notes[seen:]
		seen = len(c.notes)
		ch := c.changed
		readErr := c.readErr
		c.mu.Unlock()
		for i, n := range notes {
			if n.Method == "textDocument/publishDiagnostics" && n.uri == uri && n.version != nil && *n.version == version {
				c.mu.Lock()
				last := c.lastPub[uri]
				c.mu.Unlock()
				if last.pd != nil && last.index == seen-len(notes)+i { // decoded by read
					pd := *last.pd
					return &pd, nil
				}
				var pd Published
				if err := json.Unmarshal(n.Params, &pd); err != nil {
					return nil, fmt.Errorf("diagnostics for %s version %d: %w", uri, version, err)
				}
				return &pd, nil
			}
		}
		if readErr != nil {
			return nil, fmt.Errorf("diagnostics for %s version %d: server output ended: %v", uri, version, readErr)
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return nil, fmt.Errorf("diagnostics for %s version %d: %w", uri, version, ctx.Err())
		}
	}
}

// AllPublished returns every publication for uri so far, in order.
func (c *Client) AllPublished(uri string) []Published {
	var out []Published
	for _, p := range c.Notifications("textDocument/publishDiagnostics") {
		var pd Published
		if json.Unmarshal(p, &pd) == nil && pd.URI == uri {
			out = append(out, pd)
		}
	}
	return out
}

// Initialize sends initialize (with params, or a default client's when nil)
// and initialized, and returns the result.
func (c *Client) Initialize(ctx context.Context, params map[string]any) (map[string]any, error) {
	if params == nil {
		params = DefaultInitializeParams("")
	}
	var res map[string]any
	if err := c.Call(ctx, "initialize", params, &res); err != nil {
		return nil, err
	}
	c.Notify("initialized", map[string]any{})
	return res, nil
}

// DefaultInitializeParams are those of a plain client (UTF-16, Markdown
// hovers, push diagnostics) with root as its workspace folder ("" for none).
func DefaultInitializeParams(root string) map[string]any {
	p := map[string]any{
		"processId": nil,
		"capabilities": map[string]any{
			"textDocument": map[string]any{
				"hover":              map[string]any{"contentFormat": []string{"markdown", "plaintext"}},
				"publishDiagnostics": map[string]any{"versionSupport": true},
			},
			"workspace": map[string]any{"workspaceEdit": map[string]any{"documentChanges": true}},
		},
	}
	if root != "" {
		u := FileURI(root)
		p["rootUri"] = u
		p["workspaceFolders"] = []map[string]any{{"uri": u, "name": filepath.Base(root)}}
	}
	return p
}

// Open sends didOpen for a Python document.
func (c *Client) Open(uri string, version int32, text string) {
	c.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "python", "version": version, "text": text,
	}})
}

// Edit is one incremental change.
type Edit struct {
	StartLine, StartChar, EndLine, EndChar int
	Text                                   string
}

// Change sends didChange with incremental edits.
func (c *Client) Change(uri string, version int32, edits ...Edit) {
	var changes []map[string]any
	for _, e := range edits {
		changes = append(changes, map[string]any{
			"range": map[string]any{
				"start": map[string]any{"line": e.StartLine, "character": e.StartChar},
				"end":   map[string]any{"line": e.EndLine, "character": e.EndChar},
			},
			"text": e.Text,
		})
	}
	c.Notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": version},
		"contentChanges": changes,
	})
}

// Shutdown sends shutdown and exit.
func (c *Client) Shutdown(ctx context.Context) error {
	if err := c.Call(ctx, "shutdown", nil, nil); err != nil {
		return err
	}
	c.Notify("exit", nil)
	return nil
}

// Workspace writes a txtar archive's files under a new temporary directory
// and returns the directory.
func Workspace(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	ar := txtar.Parse([]byte(archive))
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// FileURI returns the file: URI of a path.
func FileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return "file://" + p
}

// ReadFile reads a workspace file.
func ReadFile(t testing.TB, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// AsError returns err as an *Error reply, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}
