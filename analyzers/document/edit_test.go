package document

// This file checks Edit against New: table rows for the line breaks an edit
// can make or unmake at its edges, random edit chains, and FuzzEdit:
//
//	go test -run '^$' -fuzz '^FuzzEdit$' -fuzztime 10m -parallel 1 ./analyzers/document

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/pyhint/pyhint/analyzers/internal/testseeds"
)

type editCase struct {
	name       string
	text       string
	start, end int
	insert     string
}

var editCases = []editCase{
	{"empty, nothing", "", 0, 0, ""},
	{"empty, insert text", "", 0, 0, "ab"},
	{"empty, insert LF", "", 0, 0, "\n"},
	{"empty, insert CR", "", 0, 0, "\r"},
	{"empty, insert CRLF", "", 0, 0, "\r\n"},
	{"delete everything", "a\nb\r\nc\rd", 0, 8, ""},
	{"replace everything", "a\nb\r\nc\rd", 0, 8, "x\ry"},
	{"insert at 0", "a\nb", 0, 0, "z\n"},
	{"insert at the end", "a\nb", 3, 3, "\nz"},
	{"insert at the end after LF", "a\n", 2, 2, "b"},
	{"delete the last line's terminator", "a\r\n", 1, 3, ""},
	{"one character in a line", "ab\ncd\nef", 4, 5, "X"},
	{"delete whole lines", "a\nb\nc\nd", 2, 6, ""},
	{"delete whole CRLF lines", "a\r\nb\r\nc\r\nd", 3, 9, ""},
	{"delete a line break", "a\nb", 1, 2, ""},
	{"insert many lines", "a\nb", 2, 2, strings.Repeat("line\n", 100)},
	{"insert many CR lines", "a\rb", 1, 1, strings.Repeat("\rx", 100)},
	{"replace many lines by many", strings.Repeat("x\n", 50), 10, 60, strings.Repeat("y\r\n", 70)},
	// CR and LF meeting or parting at the edges of the edit.
	{"LF after a CR joins them", "a\rb", 2, 2, "\n"},
	{"LF after a final CR joins them", "a\r", 2, 2, "\n"},
	{"CR before an LF joins them", "a\nb", 1, 1, "\r"},
	{"CR at 0 before an LF", "\nx", 0, 0, "\r"},
	{"deletion joins CR and LF", "a\rX\nb", 2, 3, ""},
	{"deletion joins CR and LF across breaks", "a\r\r\n\nb", 2, 4, ""},
	{"text between CR and LF splits them", "a\r\nb", 2, 2, "x"},
	{"LF between CR and LF", "a\r\nb", 2, 2, "\n"},
	{"CR between CR and LF", "a\r\nb", 2, 2, "\r"},
	{"delete the CR of a CRLF", "a\r\nb", 1, 2, ""},
	{"delete the LF of a CRLF", "a\r\nb", 2, 3, ""},
	{"replace the LF of a CRLF by text", "a\r\nb", 2, 3, "x"},
	{"replace the CR of a CRLF by LF", "a\r\nb", 1, 2, "\n"},
	{"replace a CRLF by a CR", "a\r\nb", 1, 3, "\r"},
	{"insert ending in CR before an LF", "ab\ncd", 2, 2, "x\r"},
	{"insert starting with LF after a CR", "ab\rcd", 3, 3, "\nx"},
	{"replacement ending in CR before an LF", "ab\ncd", 1, 2, "\r"},
	{"lone CRs, LF in between", "\r\r\r", 1, 1, "\n"},
	{"lone CRs, delete one", "\r\r\r", 1, 2, ""},
	{"LFs, CR in between", "\n\n\n", 1, 1, "\r"},
	{"empty replacement in a CRLF run", "\r\n\r\n", 1, 3, ""},
	{"CR at the end", "a", 1, 1, "\r"},
	// A byte order mark is ordinary text to the line index.
	{"BOM, insert before it", bom + "x\ny", 0, 0, "\n"},
	{"BOM, delete it", bom + "x\ny", 0, 3, ""},
	{"BOM, split it", bom + "x\ny", 1, 2, "\r\n"},
	{"BOM, insert after it", bom + "x\ny", 3, 3, "\r"},
}

// TestEdit checks each row against New, and that Edit leaves the old
// Document and the inserted bytes alone.
func TestEdit(t *testing.T) {
	for _, c := range editCases {
		t.Run(c.name, func(t *testing.T) {
			checkEdit(t, New([]byte(c.text)), c.start, c.end, []byte(c.insert))
		})
	}
}

// checkEdit applies an edit to d and checks the result is New's for the
// new text, that d is unchanged and that the result does not keep insert.
// It returns the result.
func checkEdit(t *testing.T, d *Document, start, end int, insert []byte) *Document {
	t.Helper()
	oldText, oldLines := bytes.Clone(d.text), slices.Clone(d.lines)
	got := d.Edit(start, end, insert)

	want := New(slices.Concat(d.text[:start:start], insert, d.text[end:]))
	if !bytes.Equal(got.text, want.text) {
		t.Fatalf("Edit(%q, %d, %d, %q): text %q, want %q", d.text, start, end, insert, got.text, want.text)
	}
	if !slices.Equal(got.lines, want.lines) {
		t.Fatalf("Edit(%q, %d, %d, %q) = %q: line starts %v, want %v", d.text, start, end, insert, got.text, got.lines, want.lines)
	}
	if !bytes.Equal(d.text, oldText) || !slices.Equal(d.lines, oldLines) {
		t.Fatalf("Edit(%q, %d, %d, %q) modified the old document: now %q %v", oldText, start, end, insert, d.text, d.lines)
	}
	if len(insert) > 0 {
		insert[0] ^= 0xff
		if !bytes.Equal(got.text, want.text) {
			t.Fatalf("Edit(%q, %d, %d, ...) keeps the inserted bytes", oldText, start, end)
		}
		insert[0] ^= 0xff
	}
	return got
}

// TestEditOutOfRange checks that a range outside the text panics rather
// than giving a wrong index.
func TestEditOutOfRange(t *testing.T) {
	d := New([]byte("ab\ncd"))
	for _, r := range [][2]int{{-1, 0}, {0, 6}, {3, 2}, {6, 6}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Edit(%d, %d) on %d bytes did not panic", r[0], r[1], d.Len())
				}
			}()
			d.Edit(r[0], r[1], []byte("x"))
		}()
	}
}

// editAlphabet is what random texts and inserts are made of: line breaks
// of every kind, a byte order mark, multi-byte and invalid UTF-8.
var editAlphabet = []string{"a", "b", " ", "\n", "\n", "\r", "\r", "\r\n", bom, "é", "😀", "\xff"}

func randomText(r *rand.Rand, maxPieces int) []byte {
	var b []byte
	for range r.IntN(maxPieces + 1) {
		b = append(b, editAlphabet[r.IntN(len(editAlphabet))]...)
	}
	return b
}

// TestEditMatchesNew applies chains of random edits, each to the Document
// the previous one made (as a session does), and compares every result
// with New. Edit ranges fall anywhere, inside a CRLF or a character too.
func TestEditMatchesNew(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	edits := 0
	for range 500 {
		d := New(randomText(r, 20))
		for range 40 {
			start := r.IntN(d.Len() + 1)
			end := start + r.IntN(min(d.Len()-start, 8)+1)
			if r.IntN(8) == 0 { // now and then a long deletion
				end = start + r.IntN(d.Len()-start+1)
			}
			d = checkEdit(t, d, start, end, randomText(r, 4))
			edits++
		}
	}
	t.Logf("%d edits checked", edits)
}

// FuzzEdit checks Edit against New for an arbitrary text and edit, and a
// second edit of the result (the same range, clamped to the new text, with
// the inserted bytes reversed), so that Documents made by Edit are edited
// too.
func FuzzEdit(f *testing.F) {
	for _, c := range editCases {
		f.Add([]byte(c.text), uint(c.start), uint(c.end-c.start), []byte(c.insert))
	}
	for i, src := range testseeds.Python(f) {
		mid := uint(len(src) / 2)
		f.Add(src, mid, uint(i%7), []byte([]string{"\n", "\r", "x\r\n", "", "\n\n    y"}[i%5]))
	}
	f.Fuzz(func(t *testing.T, text []byte, start, n uint, insert []byte) {
		d := New(bytes.Clone(text))
		s := int(start % uint(len(text)+1))
		e := s + int(n%uint(len(text)-s+1))
		d = checkEdit(t, d, s, e, bytes.Clone(insert))
		s, e = min(s, d.Len()), min(e, d.Len())
		rev := slices.Clone(insert)
		slices.Reverse(rev)
		checkEdit(t, d, s, e, rev)
	})
}

// benchText is a 10,000-line file of about 400 KB, like the one the server
// benchmarks edit.
func benchText() []byte {
	var b bytes.Buffer
	for i := range 10000 {
		fmt.Fprintf(&b, "    value_%05d = compute(value_%05d, 42)\n", i, i/2)
	}
	return b.Bytes()
}

// BenchmarkNew indexes a 10,000-line text, as a session did for each
// ranged change before Edit (on top of copying the text, which
// BenchmarkEdit includes).
func BenchmarkNew(b *testing.B) {
	text := benchText()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		New(text)
	}
}

// BenchmarkEdit replaces one character of line 0 of a 10,000-line text (a
// keystroke at the top: every line start after it is shifted), the new
// text's copy included.
func BenchmarkEdit(b *testing.B) {
	text := benchText()
	d := New(text)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		d = d.Edit(4, 5, []byte("V"))
	}
}
