// Package server is pyhint's language server: LSP 3.17 over a byte stream
// (stdio for `pyhint serve`). It turns the engine's results into hovers that
// teach (concept cards from the knowledge base), diagnostics (pushed, or
// pulled when the client supports it), inlay hints and code actions.
//
// # Transport
//
// The types come from go.lsp.dev/protocol v0.12.0, with local types (in
// protocol.go) for what it lacks of LSP 3.17 and for the messages it
// decodes wrongly. The connection is our own (internal/jsonrpc): a method
// table, cancellation, and framing that answers a malformed frame with
// -32700 and reads on. See DESIGN.md, "LSP transport", for why.
//
// # Concurrency
//
// One goroutine reads and dispatches messages. Notifications that change
// state (lifecycle, document edits, configuration) run on it, in order;
// each request runs on a goroutine of its own with a context that
// $/cancelRequest cancels. A document-scoped request notes, on arrival, the
// generation of the document's text; it is answered from the snapshot of
// exactly that text (waiting for it if need be) or fails with
// ContentModified, so a result computed for an old version is never served.
// Analysis runs in the session's per-document workers, never under a lock;
// diagnostics are queued for publication under the session's lock only if
// their snapshot is still current, and written by an outbox goroutine.
//
// # Hostile input
//
// Whatever a client sends, the server answers or ignores it and goes on
// (only exit, the end of its input or the client's death stop it). A malformed
// frame, or bytes outside any frame, get a -32700 reply with "id": null
// (see internal/jsonrpc) and reading resumes at the next header. A frame
// over jsonrpc.MaxBody (64 MiB) is refused in the same way without being
// read into memory, and the user is told with window/showMessage, since a
// document it carried is then missing or out of date. JSON nested deeper
// than encoding/json's limit (10,000) is a parse error, -32700. Invalid
// UTF-8 inside a JSON string (in a document's text, say) is replaced by
// U+FFFD, as encoding/json decodes it: the document is kept, and its
// positions agree with the client's in UTF-16 (one unit per bad byte);
// outside strings it is a parse error. Parameters of the wrong type (or
// out of range, such as a negative line) make a request fail with -32602;
// a notification with them is logged and ignored, changing nothing. After
// shutdown, requests fail with -32600 and notifications other than exit
// are logged and ignored.
//
// # Lifecycle
//
// Serve stops at exit, at the end of its input, or when the client's
// process (initialize's processId) dies: at once on Linux, which reports a
// process's exit through a pidfd, else within Options.ProcessPoll. With
// Options.ExitWait set, as `pyhint serve` sets it, Serve then returns within
// that time even if an analysis is still running or the client has stopped
// reading its output.
//
// # Limits
//
// A document larger than session.DefaultMaxAnalyzedBytes (4 MiB) is kept in
// sync but not analysed: it gets no diagnostics, hovers or hints, and the
// client is told once with window/showMessage. Snapshots keep no syntax
// tree, only where comments and strings are; a document keeps its
// tree-sitter tree for incremental reparsing only while it is being edited;
// and a second after the last analysis, free memory is returned to the
// system (see package session).
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"log"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/pyhint/pyhint/analyzers"
	"github.com/pyhint/pyhint/analyzers/checker"
	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/server/internal/jsonrpc"
	"github.com/pyhint/pyhint/server/session"
)

// Options configure a Server.
type Options struct {
	// Version is reported in serverInfo.
	Version string
	// Log receives the server's log (stderr for `pyhint serve`); nil
	// discards it.
	Log io.Writer
	// Debounce is the pause after an edit before analysis; 0 means
	// DefaultDebounce, negative means none.
	Debounce time.Duration
	// MaxAnalyzedBytes: see session.Options; 0 means the default.
	MaxAnalyzedBytes int
	// ExitWait bounds how long Serve, once the connection has ended, waits
	// for the work still running: an analysis (a parse cannot be
	// interrupted, and a 4 MB file takes seconds) and output not yet
	// written (to a client that stopped reading). Past it, Serve returns
	// and leaves that work running: set it only when the process ends with
	// Serve, as `pyhint serve` does. 0 means no bound.
	ExitWait time.Duration
	// ProcessPoll is how often the client's processId is checked where its
	// exit cannot be awaited (on Linux, a pidfd reports it at once and the
	// check is only a safety net); 0 means DefaultProcessPoll.
	ProcessPoll time.Duration

	// Test hooks (export_test.go).
	beforeAnalysis func(ctx context.Context, uri string)
	configTimeout  time.Duration
}

// Defaults of Options.
const (
	DefaultDebounce    = 40 * time.Millisecond
	DefaultProcessPoll = 250 * time.Millisecond
)

// state is the lifecycle state of the server.
type state int

const (
	created      state = iota // before initialize
	initializing              // initialize answered, initialized not yet received
	initialized               // running
	shutDown                  // shutdown received; only exit is accepted
)

func (s state) String() string {
	switch s {
	case created:
		return "created"
	case initializing:
		return "initializing"
	case initialized:
		return "initialized"
	case shutDown:
		return "shutDown"
	}
	return fmt.Sprintf("state(%d)", int(s))
}

// Server is one LSP connection's server. Create it with New and run it
// with Serve, once.
type Server struct {
	opts    Options
	log     *log.Logger
	checker *checker.Checker
	methods map[string]method
	rules   map[string]analyzers.RuleInfo

	out    *jsonrpc.Outbox
	reader *jsonrpc.Reader
	// conn is the connection's context, cancelled when Serve returns.
	conn context.Context
	// exit receives the process exit code when the server must stop.
	exit chan int

	// stateMu guards the lifecycle state and what initialize negotiated.
	stateMu sync.Mutex
	state   state
	caps    clientCapabilities
	enc     document.Encoding
	roots   []string // workspace folders, as file paths
	sess    *session.Session

	// inflightMu guards inflight, the cancel functions of running requests.
	inflightMu sync.Mutex
	inflight   map[jsonrpc.ID]context.CancelFunc

	// callMu guards calls, the server's requests awaiting the client's reply.
	callMu   sync.Mutex
	calls    map[jsonrpc.ID]chan *jsonrpc.Message
	nextCall int64

	// cfg holds settings and the pyproject cache (configuration.go).
	cfg configState

	// pubMu guards published: per URI, the hash of the last diagnostics
	// published, to publish only when the set changes.
	pubMu     sync.Mutex
	published map[string]uint64
	pubSeed   maphash.Seed

	// noticeMu guards noticed: messages already shown (once each).
	noticeMu sync.Mutex
	noticed  map[string]bool

	handlers sync.WaitGroup // running request handlers and background work
}

// New returns a server.
func New(opts Options) *Server {
	if opts.Debounce == 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.ProcessPoll <= 0 {
		opts.ProcessPoll = DefaultProcessPoll
	}
	w := opts.Log
	if w == nil {
		w = io.Discard
	}
	s := &Server{
		opts:      opts,
		log:       log.New(w, "pyhint: ", log.LstdFlags|log.Lmicroseconds),
		exit:      make(chan int, 1),
		inflight:  map[jsonrpc.ID]context.CancelFunc{},
		calls:     map[jsonrpc.ID]chan *jsonrpc.Message{},
		published: map[string]uint64{},
		pubSeed:   maphash.MakeSeed(),
		noticed:   map[string]bool{},
		rules:     map[string]analyzers.RuleInfo{},
	}
	for _, r := range analyzers.Rules() {
		s.rules[r.Name] = r
	}
	s.checker = analyzers.NewChecker()
	s.methods = s.methodTable()
	s.cfg.init()
	return s
}

// method is an entry of the method table.
type method struct {
	// fn handles a request (its result is the reply) or a notification
	// (its error is logged).
	fn func(ctx context.Context, params json.RawMessage) (any, error)
	// inline handlers run on the reading goroutine, before the next
	// message is read: those that change state the next message may
	// depend on.
	inline bool
	// doc marks document-scoped requests: the document's generation is
	// noted on arrival (see snapshot).
	doc bool
}

func (s *Server) methodTable() map[string]method {
	return map[string]method{
		// Lifecycle (lifecycle.go).
		"initialize":  {fn: s.initialize, inline: true},
		"initialized": {fn: s.initialized, inline: true},
		"shutdown":    {fn: s.shutdown, inline: true},
		"exit":        {fn: s.exitNotification, inline: true},
		"$/setTrace":  {fn: func(context.Context, json.RawMessage) (any, error) { return nil, nil }, inline: true},
		// Documents (text_sync.go).
		"textDocument/didOpen":   {fn: s.didOpen, inline: true},
		"textDocument/didChange": {fn: s.didChange, inline: true},
		"textDocument/didClose":  {fn: s.didClose, inline: true},
		"textDocument/didSave":   {fn: s.didSave, inline: true},
		// Features.
		"textDocument/hover":       {fn: s.hover, doc: true},
		"textDocument/diagnostic":  {fn: s.pullDiagnostics, doc: true},
		"textDocument/inlayHint":   {fn: s.inlayHints, doc: true},
		"textDocument/codeAction":  {fn: s.codeActions, doc: true},
		"workspace/executeCommand": {fn: s.executeCommand},
		// Configuration (configuration.go).
		"workspace/didChangeConfiguration": {fn: s.didChangeConfiguration, inline: true},
		"workspace/didChangeWatchedFiles":  {fn: s.didChangeWatchedFiles, inline: true},
	}
}

// Serve runs the server on a connection until the client sends exit, the
// stream ends, the client's process dies or ctx is done, and returns the
// process exit code: 0 after shutdown and exit, 1 otherwise. It returns once
// every document is closed (every tree-sitter object freed) and its output
// written, or after Options.ExitWait if that is set.
func (s *Server) Serve(ctx context.Context, in io.Reader, out io.Writer) int {
	ctx, cancel := context.WithCancel(ctx)
	s.conn = ctx
	s.out = jsonrpc.NewOutbox(out)
	s.reader = jsonrpc.NewReader(in)
	eof := make(chan struct{})
	go func() {
		defer close(eof)
		s.readLoop()
	}()
	code := 1
	select {
	case code = <-s.exit:
	case <-eof:
		s.stateMu.Lock()
		if s.state == shutDown {
			code = 0
		}
		s.stateMu.Unlock()
		s.log.Printf("input closed without exit")
	case <-ctx.Done():
		s.log.Printf("stopped: %v", context.Cause(ctx))
	}
	cancel()
	cleaned := make(chan struct{})
	go func() {
		defer close(cleaned)
		s.stateMu.Lock()
		sess := s.sess
		s.stateMu.Unlock()
		if sess != nil {
			sess.Shutdown()
		}
		s.handlers.Wait()
		if err := s.out.Close(); err != nil {
			s.log.Printf("%v", err)
		}
	}()
	if s.opts.ExitWait <= 0 {
		<-cleaned
		return code
	}
	t := time.NewTimer(s.opts.ExitWait)
	defer t.Stop()
	select {
	case <-cleaned:
	case <-t.C:
		s.log.Printf("exiting without waiting longer for an analysis or for the client to read")
	}
	return code
}

// stop asks Serve to return with code (the first call wins).
func (s *Server) stop(code int) {
	select {
	case s.exit <- code:
	default:
	}
}

func (s *Server) readLoop() {
	for {
		body, err := s.reader.Read()
		if err != nil {
			var fe *jsonrpc.FrameError
			if errors.As(err, &fe) {
				s.log.Printf("%v", err)
				s.reply(nil, nil, jsonrpc.Errorf(jsonrpc.CodeParseError, "%v", err))
				if fe.Declared > 0 && s.currentState() != created {
					s.showOnce(msgError, fmt.Sprintf("pyhint: the editor sent a message of %.1f MB, over the %d MiB limit, and pyhint dropped it; if it opened or changed a file, close and reopen that file", float64(fe.Declared)/1e6, jsonrpc.MaxBody>>20))
				}
				continue
			}
			if err != io.EOF && s.conn.Err() == nil {
				s.log.Printf("read: %v", err)
			}
			return
		}
		if s.conn.Err() != nil {
			return
		}
		s.dispatch(body)
	}
}

// dispatch handles one message body on the reading goroutine.
func (s *Server) dispatch(body []byte) {
	m, id, rerr := jsonrpc.Decode(body)
	if rerr != nil {
		s.log.Printf("%s", rerr.Message)
		if rerr.Code == jsonrpc.CodeParseError {
			s.reader.GiveBack(body)
		}
		s.reply(id, nil, rerr)
		return
	}
	switch m.Kind {
	case jsonrpc.Response:
		s.callMu.Lock()
		ch, ok := s.calls[m.ID]
		delete(s.calls, m.ID)
		s.callMu.Unlock()
		if ok {
			ch <- m
		} else {
			s.log.Printf("reply to unknown request %s", m.ID)
		}
	case jsonrpc.Notification:
		s.notification(m)
	case jsonrpc.Request:
		s.request(m)
	}
}

func (s *Server) currentState() state {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	return s.state
}

func (s *Server) notification(m *jsonrpc.Message) {
	if m.Method == "$/cancelRequest" {
		s.cancelRequest(m.Params)
		return
	}
	st := s.currentState()
	if st == created && m.Method != "exit" {
		s.log.Printf("%s before initialize: ignored", m.Method)
		return
	}
	if st == shutDown && m.Method != "exit" {
		// The client must send nothing but exit after shutdown.
		s.log.Printf("%s after shutdown: ignored", m.Method)
		return
	}
	h, ok := s.methods[m.Method]
	if !ok {
		if !strings.HasPrefix(m.Method, "$/") {
			s.log.Printf("unhandled notification %s: ignored", m.Method)
		}
		return
	}
	_, err := s.call(s.conn, m.Method, h, m.Params)
	if err != nil {
		s.log.Printf("%s: %v", m.Method, err)
	}
}

func (s *Server) request(m *jsonrpc.Message) {
	st := s.currentState()
	switch {
	case st == created && m.Method != "initialize":
		s.reply(&m.ID, nil, jsonrpc.Errorf(jsonrpc.CodeServerNotInitialized, "%s before initialize", m.Method))
		return
	case st == shutDown:
		s.reply(&m.ID, nil, jsonrpc.Errorf(jsonrpc.CodeInvalidRequest, "%s after shutdown", m.Method))
		return
	}
	h, ok := s.methods[m.Method]
	if !ok {
		s.reply(&m.ID, nil, jsonrpc.Errorf(jsonrpc.CodeMethodNotFound, "method not found: %s", m.Method))
		return
	}
	ctx, cancel := context.WithCancel(s.conn)
	if h.doc {
		ctx = s.noteGeneration(ctx, m.Params)
	}
	s.inflightMu.Lock()
	if _, dup := s.inflight[m.ID]; dup {
		s.inflightMu.Unlock()
		cancel()
		s.reply(&m.ID, nil, jsonrpc.Errorf(jsonrpc.CodeInvalidRequest, "request id %s is already in use", m.ID))
		return
	}
	s.inflight[m.ID] = cancel
	s.inflightMu.Unlock()
	run := func() {
		defer func() {
			s.inflightMu.Lock()
			delete(s.inflight, m.ID)
			s.inflightMu.Unlock()
			cancel()
		}()
		result, err := s.call(ctx, m.Method, h, m.Params)
		s.reply(&m.ID, result, s.replyError(ctx, m.Method, err))
	}
	if h.inline {
		run()
		return
	}
	s.handlers.Add(1)
	go func() {
		defer s.handlers.Done()
		run()
	}()
}

// call runs a handler, turning a panic into an internal error.
func (s *Server) call(ctx context.Context, name string, h method, params json.RawMessage) (result any, err error) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Printf("bug: %s panicked: %v\n%s", name, r, debug.Stack())
			result, err = nil, jsonrpc.Errorf(jsonrpc.CodeInternalError, "internal error in %s: %v", name, r)
		}
	}()
	return h.fn(ctx, params)
}

// replyError maps a handler's error to a JSON-RPC error.
func (s *Server) replyError(ctx context.Context, name string, err error) *jsonrpc.Error {
	if err == nil {
		return nil
	}
	var je *jsonrpc.Error
	switch {
	case errors.As(err, &je):
		return je
	case ctx.Err() != nil:
		return jsonrpc.Errorf(jsonrpc.CodeRequestCancelled, "%s cancelled", name)
	case errors.Is(err, session.ErrContentModified):
		return jsonrpc.Errorf(jsonrpc.CodeContentModified, "%s: the document changed; ask again", name)
	case errors.Is(err, session.ErrNotOpen):
		return jsonrpc.Errorf(jsonrpc.CodeInvalidParams, "%s: %v", name, err)
	}
	s.log.Printf("%s: %v", name, err)
	return jsonrpc.Errorf(jsonrpc.CodeRequestFailed, "%s: %v", name, err)
}

// reply queues a response.
func (s *Server) reply(id *jsonrpc.ID, result any, rerr *jsonrpc.Error) {
	body, err := jsonrpc.EncodeResponse(id, result, rerr)
	if err != nil {
		s.log.Printf("bug: %v", err)
		body, _ = jsonrpc.EncodeResponse(id, nil, jsonrpc.Errorf(jsonrpc.CodeInternalError, "internal error: %v", err))
	}
	s.out.Send(body)
}

// notify queues a notification to the client.
func (s *Server) notify(method string, params any) {
	body, err := jsonrpc.EncodeNotification(method, params)
	if err != nil {
		s.log.Printf("bug: %v", err)
		return
	}
	s.out.Send(body)
}

// callClient sends a request to the client and waits for its reply,
// decoding the result into result (which may be nil). It must not be called
// on the reading goroutine, which is the one that receives the reply.
func (s *Server) callClient(ctx context.Context, method string, params, result any) error {
	s.callMu.Lock()
	s.nextCall++
	id := jsonrpc.NumID(s.nextCall)
	ch := make(chan *jsonrpc.Message, 1)
	s.calls[id] = ch
	s.callMu.Unlock()
	body, err := jsonrpc.EncodeRequest(id, method, params)
	if err != nil {
		return err
	}
	s.out.Send(body)
	select {
	case m := <-ch:
		if m.Error != nil {
			return fmt.Errorf("%s: %w", method, m.Error)
		}
		if result != nil && len(m.Result) > 0 {
			if err := json.Unmarshal(m.Result, result); err != nil {
				return fmt.Errorf("%s: decode reply: %w", method, err)
			}
		}
		return nil
	case <-ctx.Done():
		s.callMu.Lock()
		delete(s.calls, id)
		s.callMu.Unlock()
		return ctx.Err()
	}
}

// background runs fn on a goroutine that Serve waits for.
func (s *Server) background(fn func()) {
	s.handlers.Add(1)
	go func() {
		defer s.handlers.Done()
		defer func() {
			if r := recover(); r != nil {
				s.log.Printf("bug: background work panicked: %v\n%s", r, debug.Stack())
			}
		}()
		fn()
	}()
}

func (s *Server) cancelRequest(params json.RawMessage) {
	var p struct {
		ID jsonrpc.ID `json:"id"`
	}
	if err := json.Unmarshal(params, &p); err != nil {
		s.log.Printf("$/cancelRequest: %v", err)
		return
	}
	s.inflightMu.Lock()
	cancel, ok := s.inflight[p.ID]
	s.inflightMu.Unlock()
	if ok {
		cancel()
	}
}

// decode unmarshals params, mapping a failure to InvalidParams.
func decode(params json.RawMessage, v any) error {
	if len(params) == 0 {
		params = []byte("null")
	}
	if err := json.Unmarshal(params, v); err != nil {
		return jsonrpc.Errorf(jsonrpc.CodeInvalidParams, "invalid params: %v", err)
	}
	return nil
}

// session returns the session, which exists from initialize on.
func (s *Server) session() *session.Session {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	return s.sess
}

func (s *Server) encoding() document.Encoding {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	return s.enc
}

func (s *Server) capabilities() clientCapabilities {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	return s.caps
}

// genKey is the context key of the generation a request was sent against.
type genKey struct{}

type genValue struct {
	uri string
	gen uint64
}

// noteGeneration records, on the reading goroutine, the generation of the
// document a request names.
func (s *Server) noteGeneration(ctx context.Context, params json.RawMessage) context.Context {
	var p struct {
		TextDocument struct {
			URI string `json:"uri"`
		} `json:"textDocument"`
	}
	sess := s.session()
	if sess == nil || json.Unmarshal(params, &p) != nil || p.TextDocument.URI == "" {
		return ctx
	}
	if gen, ok := sess.Gen(p.TextDocument.URI); ok {
		return context.WithValue(ctx, genKey{}, genValue{p.TextDocument.URI, gen})
	}
	return ctx
}

// snapshot returns the snapshot a request about uri must be answered from:
// that of the text the request was sent against.
func (s *Server) snapshot(ctx context.Context, uri string) (*session.Snapshot, error) {
	sess := s.session()
	if uri == "" {
		return nil, jsonrpc.Errorf(jsonrpc.CodeInvalidParams, "invalid params: missing textDocument.uri")
	}
	if v, ok := ctx.Value(genKey{}).(genValue); ok && v.uri == uri {
		return sess.SnapshotAt(ctx, uri, v.gen)
	}
	return sess.Snapshot(ctx, uri)
}

// snapshotWithConfig is the common start of a request about one document:
// the snapshot to answer from, once the first configuration has arrived, and
// the configuration in force for it.
func (s *Server) snapshotWithConfig(ctx context.Context, uri string) (*session.Snapshot, *effective, error) {
	snap, err := s.snapshot(ctx, uri)
	if err != nil {
		return nil, nil, err
	}
	if err := s.waitConfig(ctx); err != nil {
		return nil, nil, err
	}
	return snap, s.effectiveConfig(snap.URI), nil
}

// logMessage sends window/logMessage.
func (s *Server) logMessage(typ float64, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.log.Print(msg)
	s.notify("window/logMessage", map[string]any{"type": typ, "message": msg})
}

// showOnce sends window/showMessage, once per distinct message.
func (s *Server) showOnce(typ float64, msg string) {
	s.noticeMu.Lock()
	seen := s.noticed[msg]
	s.noticed[msg] = true
	s.noticeMu.Unlock()
	if seen {
		return
	}
	s.log.Print(msg)
	s.notify("window/showMessage", map[string]any{"type": typ, "message": msg})
}

// Message types of window/showMessage and window/logMessage.
const (
	msgError   = 1
	msgWarning = 2
	msgInfo    = 3
	msgLog     = 4
)

// errMissingURI is returned for document requests without a URI.
var errMissingURI = jsonrpc.Errorf(jsonrpc.CodeInvalidParams, "invalid params: missing textDocument.uri")
