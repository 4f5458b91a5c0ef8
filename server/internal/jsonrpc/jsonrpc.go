// Package jsonrpc is the JSON-RPC 2.0 layer of pyhint's language server:
// LSP's base-protocol framing ("Content-Length: N\r\n\r\n" + body) over a
// byte stream, message decoding and encoding, and the error codes.
//
// It is written for the server rather than taken from go.lsp.dev/jsonrpc2
// v0.10.0, whose stream gives up on the first malformed frame and whose
// cancellation and reply paths pyhint must control anyway (see DESIGN.md,
// "LSP transport"). Here a malformed frame is reported to the caller, which
// answers -32700, and reading goes on at the next frame: a frame whose header
// is broken is skipped up to the next "Content-Length:" header, and a body
// that does not parse but contains the start of the next frame (its declared
// length was too long) gives that frame back to the stream.
package jsonrpc

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// Error codes of JSON-RPC 2.0 and LSP.
const (
	CodeParseError           = -32700
	CodeInvalidRequest       = -32600
	CodeMethodNotFound       = -32601
	CodeInvalidParams        = -32602
	CodeInternalError        = -32603
	CodeServerNotInitialized = -32002
	CodeUnknownError         = -32001
	CodeRequestFailed        = -32803
	CodeServerCancelled      = -32802
	CodeContentModified      = -32801
	CodeRequestCancelled     = -32800
)

// Error is a JSON-RPC error object. It is also a Go error, so handlers can
// return one to choose the code of their reply.
type Error struct {
	Code    int64           `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data,omitempty"`
}

func (e *Error) Error() string { return fmt.Sprintf("jsonrpc error %d: %s", e.Code, e.Message) }

// Errorf returns an *Error with code and a formatted message.
func Errorf(code int64, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ID is a request id: a number or a string. The zero ID is the number 0.
// IDs are comparable and can key maps.
type ID struct {
	Num   int64
	Str   string
	IsStr bool
}

// NumID and StrID build IDs.
func NumID(n int64) ID  { return ID{Num: n} }
func StrID(s string) ID { return ID{Str: s, IsStr: true} }

func (id ID) String() string {
	if id.IsStr {
		return strconv.Quote(id.Str)
	}
	return strconv.FormatInt(id.Num, 10)
}

// MarshalJSON encodes the id as a JSON number or string.
func (id ID) MarshalJSON() ([]byte, error) {
	if id.IsStr {
		return json.Marshal(id.Str)
	}
	return strconv.AppendInt(nil, id.Num, 10), nil
}

// UnmarshalJSON accepts an integer or a string.
func (id *ID) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '"' {
		id.IsStr = true
		return json.Unmarshal(data, &id.Str)
	}
	n, err := strconv.ParseInt(string(data), 10, 64)
	if err != nil {
		return fmt.Errorf("id %s: want an integer or a string", data)
	}
	*id = ID{Num: n}
	return nil
}

// Kind tells the three kinds of message apart.
type Kind int

const (
	Request      Kind = iota + 1 // has a method and an id
	Notification                 // has a method and no id
	Response                     // has an id and a result or an error
)

// Message is a decoded JSON-RPC message.
type Message struct {
	Kind   Kind
	ID     ID
	Method string
	Params json.RawMessage // requests and notifications; nil when absent
	Result json.RawMessage // responses
	Error  *Error          // responses
}

// wire is the JSON shape of every message.
type wire struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  *string         `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *Error          `json:"error,omitempty"`
}

// Decode parses one message body. A body that is not JSON yields an *Error
// with CodeParseError; valid JSON that is not a JSON-RPC 2.0 message yields
// CodeInvalidRequest, with the id when one could be read (so the reply can
// name it).
func Decode(body []byte) (*Message, *ID, *Error) {
	var w wire
	if err := json.Unmarshal(body, &w); err != nil {
		trimmed := bytes.TrimSpace(body)
		if json.Valid(trimmed) {
			// Valid JSON of the wrong shape: an array (a batch, which LSP
			// does not use), a number, a field of the wrong type.
			return nil, nil, Errorf(CodeInvalidRequest, "invalid request: %v", err)
		}
		return nil, nil, Errorf(CodeParseError, "parse error: %v", err)
	}
	var id *ID
	if len(w.ID) > 0 && string(w.ID) != "null" {
		var v ID
		if err := json.Unmarshal(w.ID, &v); err != nil {
			return nil, nil, Errorf(CodeInvalidRequest, "invalid request: %v", err)
		}
		id = &v
	}
	if w.JSONRPC != "2.0" {
		return nil, id, Errorf(CodeInvalidRequest, `invalid request: "jsonrpc" must be "2.0"`)
	}
	m := &Message{Params: w.Params}
	switch {
	case w.Method != nil && id != nil:
		m.Kind, m.ID, m.Method = Request, *id, *w.Method
	case w.Method != nil:
		m.Kind, m.Method = Notification, *w.Method
	case id != nil && (w.Result != nil || w.Error != nil):
		m.Kind, m.ID, m.Result, m.Error = Response, *id, w.Result, w.Error
	default:
		return nil, id, Errorf(CodeInvalidRequest, "invalid request: neither a request, a notification nor a response")
	}
	if m.Method == "" && m.Kind != Response {
		return nil, id, Errorf(CodeInvalidRequest, "invalid request: empty method")
	}
	return m, id, nil
}

// EncodeRequest returns the body of a request.
func EncodeRequest(id ID, method string, params any) ([]byte, error) {
	return encode(struct {
		JSONRPC string `json:"jsonrpc"`
		ID      ID     `json:"id"`
		Method  string `json:"method"`
		Params  any    `json:"params,omitempty"`
	}{"2.0", id, method, params})
}

// EncodeNotification returns the body of a notification.
func EncodeNotification(method string, params any) ([]byte, error) {
	return encode(struct {
		JSONRPC string `json:"jsonrpc"`
		Method  string `json:"method"`
		Params  any    `json:"params,omitempty"`
	}{"2.0", method, params})
}

// EncodeResponse returns the body of a reply to id (nil: the id could not
// be read, and the reply carries "id": null). A nil rerr makes it a result
// (a nil result is sent as null).
func EncodeResponse(id *ID, result any, rerr *Error) ([]byte, error) {
	if rerr != nil {
		return encode(struct {
			JSONRPC string `json:"jsonrpc"`
			ID      *ID    `json:"id"`
			Error   *Error `json:"error"`
		}{"2.0", id, rerr})
	}
	return encode(struct {
		JSONRPC string `json:"jsonrpc"`
		ID      *ID    `json:"id"`
		Result  any    `json:"result"`
	}{"2.0", id, result})
}

func encode(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode message: %w", err)
	}
	return b, nil
}

// MaxBody bounds a frame's declared length. A 20 MB Python file sent as a
// JSON string may double in size through escaping.
const MaxBody = 256 << 20

// FrameError is a malformed frame. The reader has already skipped it; the
// connection can go on.
type FrameError struct{ Problem string }

func (e *FrameError) Error() string { return "malformed frame: " + e.Problem }

// header is the name of the one header LSP requires, lower-cased.
const header = "content-length:"

// Reader reads frames from a byte stream. It is not safe for concurrent use.
type Reader struct {
	br   *bufio.Reader
	back []byte // bytes given back to the stream, read before br
	// resync is set after a broken header: the next read skips bytes up
	// to the next "Content-Length:" header.
	resync bool
}

// NewReader returns a Reader on r.
func NewReader(r io.Reader) *Reader { return &Reader{br: bufio.NewReaderSize(r, 64<<10)} }

// Read returns the body of the next frame. A malformed frame yields a
// *FrameError, after which Read can be called again; io.EOF means the stream
// ended between frames, io.ErrUnexpectedEOF that it ended inside one.
func (r *Reader) Read() ([]byte, error) {
	length, sawHeader, bad := -1, false, ""
	for {
		line, err := r.readLine()
		if err != nil {
			if err == io.EOF && !sawHeader && line == "" {
				return nil, io.EOF
			}
			return nil, io.ErrUnexpectedEOF
		}
		// A frame starts at "Content-Length:". Bytes before it are skipped:
		// the remains of a body whose declared length was too short, or
		// anything after a broken header (resync).
		if i := indexFold(line, header); i > 0 {
			line, length, bad = line[i:], -1, ""
		} else if i < 0 && !sawHeader && (r.resync || strings.TrimSpace(line) == "") {
			continue
		}
		r.resync = false
		if line == "" {
			break // end of the header block
		}
		sawHeader = true
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			bad = fmt.Sprintf("header line %q has no colon", truncate(line))
			continue
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			switch {
			case err != nil || n < 0:
				bad = fmt.Sprintf("bad Content-Length %q", truncate(strings.TrimSpace(value)))
			case n > MaxBody:
				bad = fmt.Sprintf("Content-Length %d exceeds the %d-byte limit", n, MaxBody)
			default:
				length = n
			}
		}
	}
	if bad == "" && length < 0 {
		bad = "no Content-Length header"
	}
	if bad != "" {
		r.resync = true
		return nil, &FrameError{Problem: bad}
	}
	body := make([]byte, length)
	if err := r.readFull(body); err != nil {
		return nil, io.ErrUnexpectedEOF
	}
	return body, nil
}

// GiveBack is called with a body that did not parse: if it contains the
// start of another frame (the broken frame's declared length reached into
// the next one), that part is returned to the stream to be read again.
func (r *Reader) GiveBack(body []byte) {
	i := indexFold(string(body), header)
	if i <= 0 {
		return
	}
	r.back = append(bytes.Clone(body[i:]), r.back...)
}

// readLine returns the next line without its "\n" or "\r\n".
func (r *Reader) readLine() (string, error) {
	var sb strings.Builder
	for len(r.back) > 0 {
		if i := bytes.IndexByte(r.back, '\n'); i >= 0 {
			sb.Write(r.back[:i])
			r.back = r.back[i+1:]
			return strings.TrimSuffix(sb.String(), "\r"), nil
		}
		sb.Write(r.back)
		r.back = nil
	}
	for {
		chunk, err := r.br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			sb.Write(chunk)
			if sb.Len() > 1<<20 {
				// A "header" this long is a body without a header: keep
				// the tail, where the next header may start.
				s := sb.String()
				sb.Reset()
				sb.WriteString(s[len(s)-64:])
			}
			continue
		}
		sb.Write(chunk)
		if err != nil {
			return sb.String(), err
		}
		s := sb.String()
		s = strings.TrimSuffix(s, "\n")
		return strings.TrimSuffix(s, "\r"), nil
	}
}

func (r *Reader) readFull(buf []byte) error {
	n := copy(buf, r.back)
	r.back = r.back[n:]
	if len(r.back) == 0 {
		r.back = nil
	}
	_, err := io.ReadFull(r.br, buf[n:])
	return err
}

// indexFold is strings.Index ignoring ASCII case; substr is lower case.
func indexFold(s, substr string) int {
	n := len(substr)
	for i := 0; i+n <= len(s); i++ {
		if (s[i] | 0x20) != substr[0] {
			continue
		}
		match := true
		for j := 1; j < n; j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != substr[j] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// WriteFrame writes body as one frame.
func WriteFrame(w io.Writer, body []byte) error {
	if _, err := fmt.Fprintf(w, "Content-Length: %d\r\n\r\n", len(body)); err != nil {
		return err
	}
	_, err := w.Write(body)
	return err
}

// Outbox writes frames to a stream from a goroutine of its own, so that
// sending never blocks the sender: a client that is slow to read cannot
// stall the server, and a message can be queued while a lock is held (which
// is how the server orders a publication against a document change).
// Messages are written in the order they were queued.
type Outbox struct {
	w io.Writer

	mu     sync.Mutex
	cond   *sync.Cond
	queue  [][]byte
	closed bool
	err    error // the first write error; later messages are dropped

	done chan struct{}
}

// NewOutbox starts writing to w.
func NewOutbox(w io.Writer) *Outbox {
	o := &Outbox{w: w, done: make(chan struct{})}
	o.cond = sync.NewCond(&o.mu)
	go o.loop()
	return o
}

// Send queues a frame body. It never blocks on the stream.
func (o *Outbox) Send(body []byte) {
	o.mu.Lock()
	if !o.closed && o.err == nil {
		o.queue = append(o.queue, body)
		o.cond.Signal()
	}
	o.mu.Unlock()
}

// Close writes what is queued, stops, and returns the first write error.
func (o *Outbox) Close() error {
	o.mu.Lock()
	o.closed = true
	o.cond.Signal()
	o.mu.Unlock()
	<-o.done
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.err
}

func (o *Outbox) loop() {
	defer close(o.done)
	for {
		o.mu.Lock()
		for len(o.queue) == 0 && !o.closed {
			o.cond.Wait()
		}
		if len(o.queue) == 0 {
			o.mu.Unlock()
			return
		}
		batch := o.queue
		o.queue = nil
		o.mu.Unlock()
		var buf bytes.Buffer
		for _, body := range batch {
			fmt.Fprintf(&buf, "Content-Length: %d\r\n\r\n", len(body))
			buf.Write(body)
		}
		if _, err := o.w.Write(buf.Bytes()); err != nil {
			o.mu.Lock()
			if o.err == nil {
				o.err = fmt.Errorf("write: %w", err)
			}
			o.queue = nil
			o.closed = true
			o.mu.Unlock()
			return
		}
	}
}

// ErrClosed is returned for calls on a closed connection.
var ErrClosed = errors.New("connection closed")
