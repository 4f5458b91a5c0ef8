package jsonrpc_test

// This file defines FuzzReader and FuzzDecode: the base-protocol framing
// and message decoding over arbitrary bytes.
//
//	go test -run '^$' -fuzz '^FuzzReader$' -fuzztime 10m -parallel 1 ./server/internal/jsonrpc
//	go test -run '^$' -fuzz '^FuzzDecode$' -fuzztime 10m -parallel 1 ./server/internal/jsonrpc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/pyhint/pyhint/server/internal/jsonrpc"
)

// lspBodies are real LSP messages, for seeds.
var lspBodies = []string{
	`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"file:///w","capabilities":{"general":{"positionEncodings":["utf-8","utf-16"]}}}}`,
	`{"jsonrpc":"2.0","method":"initialized","params":{}}`,
	`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/a.py","languageId":"python","version":1,"text":"def f(x=[]):\n    global y\n    x.append(1)\n"}}}`,
	`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/a.py","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":4},"end":{"line":0,"character":5}},"text":"g"}]}}`,
	`{"jsonrpc":"2.0","id":"h2","method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/a.py"},"position":{"line":1,"character":6}}}`,
	`{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"h2"}}`,
	`{"jsonrpc":"2.0","id":7,"result":[{"pyhint":{"select":["global"]}}]}`,
	`{"jsonrpc":"2.0","id":8,"error":{"code":-32601,"message":"no"}}`,
	`{"jsonrpc":"2.0","id":3,"method":"shutdown"}`,
	`{"jsonrpc":"2.0","method":"exit"}`,
	`[{"jsonrpc":"2.0","method":"exit"}]`,
	`{"jsonrpc":"2.0","id":1.5,"method":"x"}`,
	`{"jsonrpc":`,
	"\xff\xfe{}",
}

func frame(body string) string {
	return "Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
}

// FuzzReader reads arbitrary bytes as a stream of frames, as the server
// does (a body that does not parse is given back), and checks that the
// reader neither panics nor spins (every Read consumes input), that only
// io.EOF, io.ErrUnexpectedEOF and *FrameError are returned, that each body
// returned is bytes of the stream whose length some Content-Length header
// declares, and that memory stays in proportion to the stream (a declared
// length is not allocated before its bytes arrive).
//
// From the same bytes it also builds well-formed streams (data split at
// NUL bytes into bodies, with several header styles, read whole or a byte
// at a time, after junk that holds no header, cut short at cut, after a
// frame whose declared length reaches into them) and checks that exactly
// their bodies come back, in order, and then the right end of stream.
func FuzzReader(f *testing.F) {
	var all strings.Builder
	for _, b := range lspBodies {
		f.Add([]byte(frame(b)), uint16(0))
		all.WriteString(frame(b))
	}
	f.Add([]byte(all.String()), uint16(100))
	// Split at NUL into the bodies of well-formed streams.
	f.Add([]byte(strings.Join(lspBodies, "\x00")), uint16(7))
	f.Add([]byte(strings.Join(lspBodies, "\x00")), uint16(300))
	f.Add([]byte("{}\x00{}"), uint16(1))
	f.Add([]byte("\x00{}\x00[]"), uint16(2))
	f.Add([]byte("\x00{}\x00[]"), uint16(20))
	for _, s := range []string{
		"",
		"Content-Length: 2\r\n\r\n{}",
		"content-length:2\n\n{}",
		"Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}",
		"Content-Length: 67108864\r\n\r\n{}",
		"Content-Length: 67108865\r\n\r\n{}",
		"Content-Length: 99999999999999999999\r\n\r\n{}",
		"Content-Length: -1\r\n\r\n",
		"Content-Length: +2\r\n\r\n{}",
		"Content-Length: 40\r\n\r\n{}Content-Length: 2\r\n\r\n{}",
		"Content-Length: 1\r\n\r\n{}Content-Length: 2\r\n\r\n{}",
		"junk\r\n\r\nContent-Length: 2\r\n\r\n{}",
		"Content-Length: 2\r\nX\r\n\r\n{}",
		"\r\n\r\n\r\n",
		"Content-Length: 2\r\n",
		"Content-Length: 2\r\n\r\n{",
	} {
		f.Add([]byte(s), uint16(len(s)/2))
	}
	f.Fuzz(func(t *testing.T, data []byte, cut uint16) {
		readArbitrary(t, data)
		bodies := bytes.SplitN(data, []byte{0}, 16)
		stream, ends := wellFormed(bodies)
		for _, oneByte := range []bool{false, true} {
			var src io.Reader = bytes.NewReader(stream)
			if oneByte {
				src = iotest.OneByteReader(src)
			}
			readExactly(t, jsonrpc.NewReader(src), bodies, "well-formed stream")
		}
		// Junk that holds no header before frames: reported or skipped,
		// never a lost frame.
		if len(bodies) > 1 {
			junk := bytes.ReplaceAll(bodies[0], []byte(":"), nil)
			rest, _ := wellFormed(bodies[1:])
			readExactly(t, jsonrpc.NewReader(bytes.NewReader(append(junk, rest...))), bodies[1:], "junk then frames")
		}
		// A declared length too long by extra bytes reaches into the next
		// frames: that body does not parse, the server gives it back, and
		// the next frames are read intact.
		if len(bodies) > 1 {
			first := bytes.ReplaceAll(bodies[0], []byte(":"), nil) // no header inside
			rest, _ := wellFormed(bodies[1:])
			extra := 1 + int(cut)%len(rest)
			long := fmt.Appendf(nil, "Content-Length: %d\r\n\r\n%s%s", len(first)+extra, first, rest)
			r := jsonrpc.NewReader(bytes.NewReader(long))
			body, err := r.Read()
			if err != nil || !bytes.Equal(body, long[len(long)-len(rest)-len(first):][:len(first)+extra]) {
				t.Fatalf("frame declared %d bytes too long: %q, %v", extra, body, err)
			}
			if _, _, rerr := jsonrpc.Decode(body); rerr == nil || rerr.Code != jsonrpc.CodeParseError {
				t.Fatalf("body %q reaching into the next frame: %v, want a parse error", body, rerr)
			}
			r.GiveBack(body)
			readExactly(t, r, bodies[1:], "frames after one declared too long")
		}
		// Cut short: the frames that fit, then EOF at a frame boundary or
		// ErrUnexpectedEOF inside a frame.
		n := int(cut) % (len(stream) + 1)
		r := jsonrpc.NewReader(bytes.NewReader(stream[:n]))
		for i, end := range ends {
			body, err := r.Read()
			switch {
			case end <= n:
				if err != nil || !bytes.Equal(body, bodies[i]) {
					t.Fatalf("stream cut at %d: frame %d (ending at %d) = %q, %v; want %q", n, i, end, body, err, bodies[i])
				}
			case i > 0 && ends[i-1] == n || i == 0 && n == 0:
				if err != io.EOF {
					t.Fatalf("stream cut at %d, between frames: %q, %v; want io.EOF", n, body, err)
				}
				return
			case i > 0 && len(bytes.Trim(stream[ends[i-1]:n], "\r\n")) == 0 && err == io.EOF:
				return // cut among the blank lines before a frame
			default:
				if err != io.ErrUnexpectedEOF {
					t.Fatalf("stream cut at %d, inside frame %d: %q, %v; want io.ErrUnexpectedEOF", n, i, body, err)
				}
				return
			}
		}
		if _, err := r.Read(); err != io.EOF {
			t.Fatalf("after the last frame: %v, want io.EOF", err)
		}
	})
}

// wellFormed frames bodies with a mix of header styles; ends[i] is where
// frame i ends in the stream.
func wellFormed(bodies [][]byte) (stream []byte, ends []int) {
	for i, b := range bodies {
		switch i % 4 {
		case 0:
			stream = fmt.Appendf(stream, "Content-Length: %d\r\n\r\n", len(b))
		case 1:
			stream = fmt.Appendf(stream, "content-length:%d\n\n", len(b))
		case 2:
			stream = fmt.Appendf(stream, "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nCONTENT-LENGTH:  %d \r\n\r\n", len(b))
		case 3:
			stream = fmt.Appendf(stream, "\r\n\r\nContent-Length: %d\r\nContent-Type: x\r\n\r\n", len(b))
		}
		stream = append(stream, b...)
		ends = append(ends, len(stream))
	}
	return stream, ends
}

// readExactly reads r to its end and checks that it yields want, in order
// (malformed frames before them aside), and then io.EOF.
func readExactly(t *testing.T, r *jsonrpc.Reader, want [][]byte, what string) {
	t.Helper()
	var got [][]byte
	for range 1000 {
		body, err := r.Read()
		var fe *jsonrpc.FrameError
		switch {
		case errors.As(err, &fe):
			if len(got) > 0 {
				t.Fatalf("%s: malformed frame reported after %d good frames: %v", what, len(got), err)
			}
			continue
		case err == io.EOF:
			if len(got) != len(want) {
				t.Fatalf("%s: %d frames read, want %d", what, len(got), len(want))
			}
			return
		case err != nil:
			t.Fatalf("%s: frame %d: %v", what, len(got), err)
		}
		if len(got) == len(want) || !bytes.Equal(body, want[len(got)]) {
			t.Fatalf("%s: frame %d = %q, want %q", what, len(got), body, want[min(len(got), len(want)-1)])
		}
		got = append(got, body)
	}
	t.Fatalf("%s: no end after 1000 reads", what)
}

// readArbitrary reads data as the server does and checks the invariants
// that hold whatever the bytes.
func readArbitrary(t *testing.T, data []byte) {
	t.Helper()
	declared := declaredLengths(data)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r := jsonrpc.NewReader(bytes.NewReader(data))
	// Every call consumes at least one byte or a header given back by
	// GiveBack (which is shorter than the body it came from), so a few
	// calls per byte is already generous.
	limit := 4*len(data) + 8
	for range limit {
		body, err := r.Read()
		if err != nil {
			var fe *jsonrpc.FrameError
			if errors.As(err, &fe) {
				if fe.Problem == "" {
					t.Fatalf("FrameError with an empty problem")
				}
				continue
			}
			if err != io.EOF && err != io.ErrUnexpectedEOF {
				t.Fatalf("Read: %v (%T), want io.EOF, io.ErrUnexpectedEOF or *FrameError", err, err)
			}
			runtime.ReadMemStats(&after)
			// The reader's buffers (64 KiB bufio, growing bodies) and a
			// copy or two of the input; never a declared length.
			if got, bound := after.TotalAlloc-before.TotalAlloc, uint64(8*len(data)+1<<20); got > bound {
				t.Fatalf("reading %d bytes allocated %d bytes (bound %d)", len(data), got, bound)
			}
			return
		}
		if !declared[int64(len(body))] {
			t.Fatalf("body of %d bytes, a length no Content-Length header declares (%v)", len(body), declared)
		}
		if !bytes.Contains(data, body) {
			t.Fatalf("body %q is not bytes of the stream", body)
		}
		if _, _, rerr := jsonrpc.Decode(body); rerr != nil && rerr.Code == jsonrpc.CodeParseError {
			r.GiveBack(body)
		}
	}
	t.Fatalf("%d reads of a %d-byte stream without reaching its end", limit, len(data))
}

// declaredLengths returns every value of a "Content-Length:" header (in
// any case, with any white space around the name, as the reader accepts)
// in data that is a valid length.
func declaredLengths(data []byte) map[int64]bool {
	out := map[int64]bool{}
	lower := make([]byte, len(data)) // ASCII only: offsets must not move
	for i, c := range data {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	for i := 0; ; {
		j := bytes.Index(lower[i:], []byte("content-length"))
		if j < 0 {
			return out
		}
		i += j + len("content-length")
		colon := bytes.IndexByte(lower[i:], ':')
		if colon < 0 || len(bytes.TrimSpace(lower[i:i+colon])) > 0 || bytes.IndexByte(lower[i:i+colon], '\n') >= 0 {
			continue
		}
		i += colon + 1
		value := data[i:]
		if k := bytes.IndexByte(value, '\n'); k >= 0 {
			value = value[:k]
		}
		if n, err := strconv.ParseInt(strings.TrimSpace(string(value)), 10, 64); err == nil && n >= 0 {
			out[n] = true
		}
	}
}

// TestReaderShortStreamHugeLength: a frame that declares the largest
// accepted length and sends two bytes costs memory for what was sent.
func TestReaderShortStreamHugeLength(t *testing.T) {
	for _, n := range []int{jsonrpc.MaxBody, jsonrpc.MaxBody - 1, 10 << 20} {
		stream := "Content-Length: " + strconv.Itoa(n) + "\r\n\r\n{}"
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := jsonrpc.NewReader(strings.NewReader(stream)).Read()
		runtime.ReadMemStats(&after)
		if err != io.ErrUnexpectedEOF {
			t.Errorf("declared %d, sent 2: %v, want io.ErrUnexpectedEOF", n, err)
		}
		if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
			t.Errorf("declared %d, sent 2: allocated %d bytes, want under 1 MiB", n, got)
		}
	}
}

// FuzzDecode decodes arbitrary bodies and checks that Decode returns a
// message or an error, never both; that the error is a parse error exactly
// when the body is not JSON and an invalid request otherwise; that a
// message has a kind consistent with its fields and the id Decode reports;
// and that encoding it again and decoding gives the same message.
func FuzzDecode(f *testing.F) {
	for _, b := range lspBodies {
		f.Add([]byte(b))
	}
	for _, s := range []string{
		`{"jsonrpc":"2.0","id":null,"method":"m"}`,
		`{"jsonrpc":"2.0","id":"","result":null}`,
		`{"jsonrpc":"2.0","id":9223372036854775807,"method":"m","params":null}`,
		`{"jsonrpc":"2.0","id":-0,"method":"m","params":[1,2]}`,
		`{"jsonrpc":"2.0","id":1e3,"method":"m"}`,
		`{"jsonrpc":"2.0","id":{},"method":"m"}`,
		`{"jsonrpc":"2.0","id":1,"result":1,"error":{"code":1,"message":"m"}}`,
		`{"jsonrpc":"2.0","ID":1,"Method":"m"}`,
		`{"jsonrpc":"2.0","method":"m","method":"n"}`,
		`{"jsonrpc":"2.0","id":"\ud800","method":"m"}`,
		` {"jsonrpc":"2.0","method":"m"} `, `null`, `"x"`, `1`, ``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		m, id, rerr := jsonrpc.Decode(body)
		if (m == nil) == (rerr == nil) {
			t.Fatalf("Decode(%q) = %+v, %v: want exactly one of a message and an error", body, m, rerr)
		}
		if rerr != nil {
			if rerr.Message == "" {
				t.Fatalf("Decode(%q): error without a message", body)
			}
			wantCode := int64(jsonrpc.CodeInvalidRequest)
			if !json.Valid(body) {
				wantCode = jsonrpc.CodeParseError
			}
			if rerr.Code != wantCode {
				t.Fatalf("Decode(%q): code %d, want %d", body, rerr.Code, wantCode)
			}
			if rerr.Code == jsonrpc.CodeParseError && id != nil {
				t.Fatalf("Decode(%q): an id %v from a body that is not JSON", body, id)
			}
			if _, err := jsonrpc.EncodeResponse(id, nil, rerr); err != nil {
				t.Fatalf("the error reply to %q cannot be encoded: %v", body, err)
			}
			return
		}
		var re []byte
		var err error
		switch m.Kind {
		case jsonrpc.Request:
			if m.Method == "" || id == nil || *id != m.ID || m.Result != nil || m.Error != nil {
				t.Fatalf("Decode(%q): inconsistent request %+v (id %v)", body, m, id)
			}
			re, err = jsonrpc.EncodeRequest(m.ID, m.Method, params(m.Params))
		case jsonrpc.Notification:
			if m.Method == "" || id != nil || m.Result != nil || m.Error != nil {
				t.Fatalf("Decode(%q): inconsistent notification %+v (id %v)", body, m, id)
			}
			re, err = jsonrpc.EncodeNotification(m.Method, params(m.Params))
		case jsonrpc.Response:
			if m.Method != "" || id == nil || *id != m.ID || m.Result == nil && m.Error == nil {
				t.Fatalf("Decode(%q): inconsistent response %+v (id %v)", body, m, id)
			}
			if m.Error != nil {
				re, err = jsonrpc.EncodeResponse(&m.ID, nil, m.Error)
			} else {
				re, err = jsonrpc.EncodeResponse(&m.ID, m.Result, nil)
			}
		default:
			t.Fatalf("Decode(%q): kind %d", body, m.Kind)
		}
		if err != nil {
			t.Fatalf("re-encoding %+v: %v", m, err)
		}
		m2, _, rerr2 := jsonrpc.Decode(re)
		if rerr2 != nil {
			t.Fatalf("%q re-encoded as %q does not decode: %v", body, re, rerr2)
		}
		if m2.Kind != m.Kind || m2.ID != m.ID || m2.Method != m.Method || !sameJSON(m2.Params, m.Params) ||
			(m.Error == nil) != (m2.Error == nil) || m.Error == nil && !sameJSON(m2.Result, m.Result) ||
			m.Error != nil && (m2.Error.Code != m.Error.Code || m2.Error.Message != m.Error.Message || !sameJSON(m2.Error.Data, m.Error.Data)) {
			t.Fatalf("%q re-encoded as %q decodes to %+v, want %+v", body, re, m2, m)
		}
	})
}

// params turns absent params into a nil interface, so that encoding omits
// them as the original did.
func params(p json.RawMessage) any {
	if p == nil {
		return nil
	}
	return p
}

// sameJSON compares two JSON values after compaction and the escaping of
// <, > and & that encoding/json applies; absent and null are the same.
func sameJSON(a, b json.RawMessage) bool {
	norm := func(m json.RawMessage) string {
		var buf, esc bytes.Buffer
		if len(m) == 0 || json.Compact(&buf, m) != nil {
			return "null"
		}
		json.HTMLEscape(&esc, buf.Bytes())
		return esc.String()
	}
	return norm(a) == norm(b)
}
