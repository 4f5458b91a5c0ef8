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
// length was too long) gives that frame back to the stream. Bytes outside
// any frame (such as a second message after a frame's declared length) are
// reported once, and a frame longer than MaxBody is refused without its
// body ever being held in memory.
package jsonrpc

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
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
// name it). JSON nested deeper than encoding/json's limit (10,000 levels) is
// a parse error: encoding/json stops at the limit, so the depth of a body
// costs no stack.
func Decode(body []byte) (*Message, *ID, *Error) {
	var w wire
	if err := json.Unmarshal(body, &w); err != nil {
		// json.Valid, not a trimmed copy: bytes.TrimSpace would also strip
		// what JSON does not count as space ("0\v" is not JSON).
		if json.Valid(body) {
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

// MaxBody bounds a frame's declared length: 64 MiB, room for a 20 MB Python
// file in a didOpen even if JSON escaping doubles it. A longer frame is
// refused before any of its body is read into memory (a *FrameError with
// Declared set) and its body is skipped, as it arrives, up to the next
// header. A shorter one is read into a buffer that grows with the bytes
// that actually arrive, so a false length costs no more than the truth.
const MaxBody = 64 << 20

// FrameError is a malformed frame, or bytes outside any frame. The reader has
// already skipped it; the connection can go on.
type FrameError struct {
	Problem string
	// Declared is the declared length of a frame refused for exceeding
	// MaxBody, else 0.
	Declared int64
}

func (e *FrameError) Error() string { return "malformed frame: " + e.Problem }

// header is the name of the one header LSP requires, lower-cased.
const header = "content-length:"

// maxLine bounds a header line held in memory. A longer line cannot be a
// header (LSP's are under 100 bytes): it is skipped as it arrives, keeping
// only its end, where a header glued to junk may start.
const maxLine = 4 << 10

// Reader reads frames from a byte stream. It is not safe for concurrent use.
type Reader struct {
	br   *bufio.Reader
	back []byte // bytes given back to the stream, read before br
	line []byte // readLine's buffer, reused
	// resync is set after a malformed frame has been reported: the next
	// read skips bytes up to the next "Content-Length:" header without
	// reporting them again.
	resync bool
}

// NewReader returns a Reader on r.
func NewReader(r io.Reader) *Reader { return &Reader{br: bufio.NewReaderSize(r, 64<<10)} }

// Read returns the body of the next frame. A malformed frame yields a
// *FrameError, after which Read can be called again; io.EOF means the stream
// ended between frames, io.ErrUnexpectedEOF that it ended inside one.
//
// A frame starts at "Content-Length:" (in any case). Bytes before it are
// skipped: blank lines silently; anything else is reported once, as a
// *FrameError, unless it follows a frame already reported (the rest of a
// body whose declared length was too short, or of a frame refused as too
// long) — such as a second message in the same frame, after the declared
// length.
func (r *Reader) Read() ([]byte, error) {
	length, sawHeader, bad := -1, false, ""
	var declared int64
	for {
		line, cut, err := r.readLine()
		if err != nil {
			if err == io.EOF && !sawHeader && line == "" && cut == 0 {
				return nil, io.EOF
			}
			return nil, io.ErrUnexpectedEOF
		}
		i := lastHeader(line, strings.LastIndexByte)
		switch {
		case i >= 0:
			if !r.resync && (cut > 0 || strings.TrimSpace(line[:i]) != "") {
				// Report what precedes this header, then read the header
				// again on the next call.
				r.back = append([]byte(line[i:]+"\n"), r.back...)
				if sawHeader {
					return nil, &FrameError{Problem: "header block cut short by junk and another header"}
				}
				return nil, &FrameError{Problem: fmt.Sprintf("%d bytes outside any frame", cut+i)}
			}
			r.resync = false
			line, length, bad, declared = line[i:], -1, "", 0
		case !sawHeader && (r.resync || cut == 0 && strings.TrimSpace(line) == ""):
			continue // between frames
		}
		if line == "" {
			break // end of the header block
		}
		sawHeader = true
		if i < 0 && cut > 0 {
			bad = fmt.Sprintf("a line of %d bytes where a header was expected", cut+len(line))
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			bad = fmt.Sprintf("header line %q has no colon", truncate(line))
			continue
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
			switch {
			case err != nil || n < 0:
				bad = fmt.Sprintf("bad Content-Length %q", truncate(strings.TrimSpace(value)))
			case n > MaxBody:
				bad = fmt.Sprintf("Content-Length %d exceeds the %d-byte (%d MiB) limit", n, MaxBody, MaxBody>>20)
				declared = n
			default:
				length = int(n)
			}
		}
	}
	if bad == "" && length < 0 {
		bad = "no Content-Length header"
	}
	if bad != "" {
		r.resync = true
		return nil, &FrameError{Problem: bad, Declared: declared}
	}
	return r.readBody(length)
}

// readBody reads a body of n bytes into a buffer that grows as the bytes
// arrive (doubling, so at most twice what was received is allocated).
func (r *Reader) readBody(n int) ([]byte, error) {
	body := make([]byte, 0, min(n, 64<<10))
	for len(body) < n {
		if len(body) == cap(body) {
			body = slices.Grow(body, min(n-len(body), len(body)))
		}
		end := min(cap(body), n)
		if err := r.readFull(body[len(body):end]); err != nil {
			return nil, io.ErrUnexpectedEOF
		}
		body = body[:end]
	}
	return body, nil
}

// GiveBack is called with a body that did not parse: if it contains the
// start of another frame (the broken frame's declared length reached into
// the next one, even by a single byte of its header), that part is returned
// to the stream to be read again. Either way the broken frame has been
// reported: what is left of it before the next header is skipped without
// another report.
func (r *Reader) GiveBack(body []byte) {
	r.resync = true
	i := indexFold(string(body), header)
	if i < 0 {
		i = len(body) - partialHeader(body)
	}
	if i == len(body) {
		return
	}
	r.back = append(bytes.Clone(body[i:]), r.back...)
}

// partialHeader returns the length of the longest end of body that is the
// beginning of "Content-Length:" (in any ASCII case), or 0.
func partialHeader(body []byte) int {
	for n := min(len(body), len(header)-1); n > 0; n-- {
		tail := body[len(body)-n:]
		match := true
		for j, c := range tail {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != header[j] {
				match = false
				break
			}
		}
		if match {
			return n
		}
	}
	return 0
}

// readLine returns the next line without its "\n" or "\r\n". Of a line
// longer than maxLine it returns only the end, from the last header in it
// if that is near the end, and cut, the number of bytes dropped before.
func (r *Reader) readLine() (line string, cut int, err error) {
	buf := r.line[:0]
	defer func() { r.line = buf[:0] }()
	add := func(b []byte) {
		buf = append(buf, b...)
		if len(buf) <= maxLine {
			return
		}
		keep := len(header) - 1 // a header may start in the last bytes
		if i := lastHeader(buf, bytes.LastIndexByte); i >= 0 && len(buf)-i <= maxLine {
			keep = len(buf) - i
		}
		cut += len(buf) - keep
		buf = append(buf[:0], buf[len(buf)-keep:]...)
	}
	for len(r.back) > 0 {
		if i := bytes.IndexByte(r.back, '\n'); i >= 0 {
			add(r.back[:i])
			r.back = r.back[i+1:]
			return strings.TrimSuffix(string(buf), "\r"), cut, nil
		}
		add(r.back)
		r.back = nil
	}
	for {
		chunk, err := r.br.ReadSlice('\n')
		add(chunk)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return string(buf), cut, err
		}
		s := strings.TrimSuffix(string(buf), "\n")
		return strings.TrimSuffix(s, "\r"), cut, nil
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

// lastHeader returns the index of the last "Content-Length:" in s, in any
// ASCII case, or -1. The last, because a header ends its line: an earlier
// one on the same line is not followed by a line end. lastByte is
// strings.LastIndexByte or bytes.LastIndexByte (a fast search: skipped junk
// can be long).
func lastHeader[T string | []byte](s T, lastByte func(T, byte) int) int {
	for end := len(s); ; {
		i := lastByte(s[:end], ':')
		if i < 0 {
			return -1
		}
		if start := i + 1 - len(header); start >= 0 && isHeader(s[start:i+1]) {
			return start
		}
		end = i
	}
}

// isHeader reports whether s is "content-length:" in any ASCII case.
func isHeader[T string | []byte](s T) bool {
	if len(s) != len(header) {
		return false
	}
	for j := range len(header) {
		c := s[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != header[j] {
			return false
		}
	}
	return true
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
