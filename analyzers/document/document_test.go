package document

import (
	"errors"
	"testing"
	"unicode/utf8"
)

type conv struct {
	off       int
	line, col int // CLI, 1-based code points
	u8, u16   int // LSP characters
}

func TestConversions(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		cases []conv
	}{
		{"ascii", "ab\ncd\n", []conv{{0, 1, 1, 0, 0}, {2, 1, 3, 2, 2}, {3, 2, 1, 0, 0}, {4, 2, 2, 1, 1}, {6, 3, 1, 0, 0}}},
		{"crlf", "ab\r\ncd\r\n", []conv{{4, 2, 1, 0, 0}, {5, 2, 2, 1, 1}, {8, 3, 1, 0, 0}}},
		{"lone-cr", "a\rb", []conv{{2, 2, 1, 0, 0}}},
		{"tab", "\tx = 1", []conv{{1, 1, 2, 1, 1}, {2, 1, 3, 2, 2}}},
		{"bom", bom + "x = 1\ny", []conv{{3, 1, 1, 3, 1}, {4, 1, 2, 4, 2}, {9, 2, 1, 0, 0}}},
		// é is 2 bytes, 1 UTF-16 unit; 中 3 bytes, 1 unit; 😀 4 bytes, 2 units.
		{"non-ascii", "é中😀x", []conv{{2, 1, 2, 2, 1}, {5, 1, 3, 5, 2}, {9, 1, 4, 9, 4}}},
		{"emoji-crlf", "s = '😀'\r\nt = 1", []conv{{5, 1, 6, 5, 5}, {9, 1, 7, 9, 7}, {12, 2, 1, 0, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New([]byte(tt.text))
			for _, c := range tt.cases {
				line, col := d.LineCol(c.off)
				if line != c.line || col != c.col {
					t.Errorf("LineCol(%d) = %d:%d, want %d:%d", c.off, line, col, c.line, c.col)
				}
				if back, err := d.OffsetOfLineCol(line, col); err != nil || back != c.off {
					t.Errorf("OffsetOfLineCol(%d,%d) = %d, %v; want %d", line, col, back, err, c.off)
				}
				for _, e := range []struct {
					enc  Encoding
					char int
				}{{UTF8, c.u8}, {UTF16, c.u16}} {
					p := d.Position(c.off, e.enc)
					if p.Line != c.line-1 || p.Character != e.char {
						t.Errorf("Position(%d, %v) = %+v, want %d:%d", c.off, e.enc, p, c.line-1, e.char)
					}
					back, err := d.Offset(p, e.enc)
					if err != nil || back != c.off {
						t.Errorf("Offset(%+v, %v) = %d, %v; want %d", p, e.enc, back, err, c.off)
					}
				}
			}
		})
	}
}

// TestRoundTripEveryOffset checks every character boundary of a mixed text in
// every encoding.
func TestRoundTripEveryOffset(t *testing.T) {
	text := bom + "a\tb é\r\n中😀\rz\n\n😀😀"
	d := New([]byte(text))
	for off := 0; off <= len(text); off++ {
		if off < len(text) && !utf8.RuneStart(text[off]) {
			continue
		}
		if off > 0 && off < len(text) && text[off-1] == '\r' && text[off] == '\n' {
			continue // between \r and \n: inside a terminator
		}
		for _, enc := range []Encoding{UTF8, UTF16, UTF32} {
			p := d.Position(off, enc)
			back, err := d.Offset(p, enc)
			if err != nil || back != off {
				t.Errorf("%v: offset %d -> %+v -> %d (%v)", enc, off, p, back, err)
			}
		}
	}
}

func TestClampingAndErrors(t *testing.T) {
	d := New([]byte("ab\n😀\n"))
	if off, err := d.Offset(Position{Line: 0, Character: 99}, UTF16); err != nil || off != 2 {
		t.Errorf("character past line end: %d, %v; want 2 (clamped to line end)", off, err)
	}
	if _, err := d.Offset(Position{Line: 9, Character: 0}, UTF16); !errors.Is(err, ErrLinePastEnd) {
		t.Errorf("line past end: err = %v", err)
	}
	if got := d.OffsetClamped(Position{Line: 9, Character: 0}, UTF16); got != d.Len() {
		t.Errorf("OffsetClamped = %d, want %d", got, d.Len())
	}
	if _, err := d.Offset(Position{Line: -1}, UTF8); err == nil {
		t.Error("negative line accepted")
	}
	// Inside a surrogate pair: the middle of 😀 maps to its start.
	if off, _ := d.Offset(Position{Line: 1, Character: 1}, UTF16); off != 3 {
		t.Errorf("mid-surrogate offset = %d, want 3", off)
	}
	// Inside a UTF-8 sequence: maps to its start.
	if p := d.Position(5, UTF16); p != (Position{1, 0}) {
		t.Errorf("mid-rune position = %+v", p)
	}
	if p := d.Position(999, UTF16); p != (Position{2, 0}) {
		t.Errorf("past-end position = %+v", p)
	}
}

func TestInvalidUTF8(t *testing.T) {
	d := New([]byte("a\xff\xfeb"))
	for i, want := range []int{0, 1, 2, 3, 4} {
		p := d.Position(i, UTF16)
		if p.Character != want {
			t.Errorf("Position(%d) = %d, want %d (each invalid byte one unit)", i, p.Character, want)
		}
		if back, _ := d.Offset(p, UTF16); back != i {
			t.Errorf("round trip %d -> %d", i, back)
		}
	}
}

func TestLines(t *testing.T) {
	d := New([]byte("a\r\nbb\ncc"))
	if d.LineCount() != 3 {
		t.Fatalf("LineCount = %d", d.LineCount())
	}
	for i, want := range []string{"a", "bb", "cc"} {
		if got := string(d.Line(i)); got != want {
			t.Errorf("Line(%d) = %q, want %q", i, got, want)
		}
	}
	if d.LineOf(3) != 1 || d.LineOf(1) != 0 || d.LineOf(100) != 2 {
		t.Error("LineOf wrong")
	}
	if e, ok := ParseEncoding("utf-8"); !ok || e != UTF8 || e.String() != "utf-8" {
		t.Error("ParseEncoding utf-8")
	}
	if _, ok := ParseEncoding("latin-1"); ok {
		t.Error("ParseEncoding accepted latin-1")
	}
}
