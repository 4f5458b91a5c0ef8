package jsonrpc

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
)

func frame(body string) string { return "Content-Length: " + itoa(len(body)) + "\r\n\r\n" + body }

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestReaderRecovers reads a stream mixing good and broken frames and
// checks what each Read returns: bodies for the good ones, FrameError or a
// body that fails to decode for the broken ones, and never a good frame
// lost.
func TestReaderRecovers(t *testing.T) {
	good := func(id int) string { return `{"jsonrpc":"2.0","id":` + itoa(id) + `,"method":"m"}` }
	stream := frame(good(1)) +
		"Content-Length: x\r\n\r\n" + good(2) + // broken header: body skipped
		frame(good(3)) +
		"Content-Length: " + itoa(len(good(4))+25) + "\r\n\r\n" + good(4) + // too long: eats the next header
		frame(good(5)) +
		"Content-Length: 5\r\n\r\n" + good(6) + // too short: leftovers before the next header
		frame(good(7)) +
		"\r\n\r\ncontent-length: " + itoa(len(good(8))) + "\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" + good(8) +
		"Content-Length: " + itoa(len(good(9))) + "\n\n" + good(9) // bare \n line ends
	r := NewReader(strings.NewReader(stream))
	var ids []int64
	var broken int
	for {
		body, err := r.Read()
		if err == io.EOF {
			break
		}
		var fe *FrameError
		if errors.As(err, &fe) {
			broken++
			continue
		}
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		m, _, rerr := Decode(body)
		if rerr != nil {
			if rerr.Code != CodeParseError {
				t.Errorf("code %d for %q", rerr.Code, body)
			}
			broken++
			r.GiveBack(body)
			continue
		}
		ids = append(ids, m.ID.Num)
	}
	if got := itoa(len(ids)); got != "6" || ids[0] != 1 || ids[1] != 3 || ids[2] != 5 || ids[3] != 7 || ids[4] != 8 || ids[5] != 9 {
		t.Errorf("good frames read: %v, want [1 3 5 7 8 9]", ids)
	}
	if broken != 3 {
		t.Errorf("%d broken frames reported, want 3", broken)
	}
}

func TestReaderEOF(t *testing.T) {
	if _, err := NewReader(strings.NewReader("")).Read(); err != io.EOF {
		t.Errorf("empty stream: %v, want EOF", err)
	}
	if _, err := NewReader(strings.NewReader("Content-Length: 50\r\n\r\n{}")).Read(); err != io.ErrUnexpectedEOF {
		t.Errorf("truncated at the end: %v, want ErrUnexpectedEOF", err)
	}
}

func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		body string
		kind Kind
		id   ID
		code int64
	}{
		{`{"jsonrpc":"2.0","id":7,"method":"a","params":{}}`, Request, NumID(7), 0},
		{`{"jsonrpc":"2.0","id":"x7","method":"a"}`, Request, StrID("x7"), 0},
		{`{"jsonrpc":"2.0","method":"a"}`, Notification, ID{}, 0},
		{`{"jsonrpc":"2.0","id":3,"result":null}`, Response, NumID(3), 0},
		{`{"jsonrpc":"2.0","id":3,"error":{"code":-1,"message":"m"}}`, Response, NumID(3), 0},
		{`{"jsonrpc":"2.0","id":1.5,"method":"a"}`, 0, ID{}, CodeInvalidRequest},
		{`{"jsonrpc":"1.0","id":1,"method":"a"}`, 0, ID{}, CodeInvalidRequest},
		{`{"jsonrpc":"2.0","id":1,"method":""}`, 0, ID{}, CodeInvalidRequest},
		{`{"jsonrpc":"2.0","method":5}`, 0, ID{}, CodeInvalidRequest},
		{`[]`, 0, ID{}, CodeInvalidRequest},
		{`{"jsonrpc":`, 0, ID{}, CodeParseError},
	} {
		m, _, rerr := Decode([]byte(tc.body))
		if tc.code != 0 {
			if rerr == nil || rerr.Code != tc.code {
				t.Errorf("%s: got %v, want code %d", tc.body, rerr, tc.code)
			}
			continue
		}
		if rerr != nil || m.Kind != tc.kind || m.ID != tc.id {
			t.Errorf("%s: got %+v %v", tc.body, m, rerr)
		}
	}
}

func TestEncode(t *testing.T) {
	b, _ := EncodeResponse(nil, nil, Errorf(CodeParseError, "bad"))
	if string(b) != `{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"bad"}}` {
		t.Errorf("null-id error: %s", b)
	}
	id := StrID("a")
	b, _ = EncodeResponse(&id, nil, nil)
	if string(b) != `{"jsonrpc":"2.0","id":"a","result":null}` {
		t.Errorf("null result: %s", b)
	}
	b, _ = EncodeNotification("n", nil)
	if string(b) != `{"jsonrpc":"2.0","method":"n"}` {
		t.Errorf("notification: %s", b)
	}
}

// TestOutboxOrder: frames come out whole and in the order sent.
func TestOutboxOrder(t *testing.T) {
	var buf bytes.Buffer
	o := NewOutbox(&buf)
	for i := range 100 {
		o.Send([]byte(`{"n":` + itoa(i) + `}`))
	}
	if err := o.Close(); err != nil {
		t.Fatal(err)
	}
	r := NewReader(&buf)
	for i := range 100 {
		body, err := r.Read()
		if err != nil || string(body) != `{"n":`+itoa(i)+`}` {
			t.Fatalf("frame %d: %q %v", i, body, err)
		}
	}
}
