package document_test

// This file defines FuzzPositions: every position conversion of the
// package, checked over arbitrary text against a simple reference model.
//
//	go test -run '^$' -fuzz '^FuzzPositions$' -fuzztime 10m -parallel 1 ./analyzers/document

import (
	"bytes"
	"errors"
	"github.com/pyhint/pyhint/analyzers/internal/testseeds"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/pyhint/pyhint/analyzers/document"
)

var encodings = []document.Encoding{document.UTF8, document.UTF16, document.UTF32}

// FuzzPositions checks, for arbitrary text (valid UTF-8 or not), the line
// index (lines end at "\n", "\r\n" or a lone "\r"; line count, starts, ends
// and contents) and, for the first 2,000 byte offsets and the last 200, the
// conversions offset → Position (UTF-8, UTF-16, UTF-32) → offset and offset
// → CLI line:column → offset: they land on the start of the character
// containing the offset (on the line's end for an offset inside a line
// terminator), with characters counted as the package documents (an
// invalid byte is one character and one code unit, a leading byte order
// mark is skipped by CLI columns). Positions grow with offsets, characters
// past a line's end clamp to it, and lines past the last are errors.
func FuzzPositions(f *testing.F) {
	for _, src := range testseeds.Python(f) {
		f.Add(src)
	}
	for _, s := range []string{
		"", "\n", "\r", "\r\n", "\n\r", "\r\r\n\n", "a\rb\nc\r\nd",
		"\xef\xbb\xbf", "\xef\xbb\xbfx = 1\r\ny", "\xef\xbb",
		"é中😀x\r\n😀😀\r😀", "\xff\xfe\x80abc\xe2\x82\n\xf0\x9f\x98", "\xed\xa0\x80\xf4\x90\x80\x80",
		"\t\x00\x7f\u2028\u0085\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		text = bytes.Clone(text)
		doc := document.New(text)
		lines := refLines(text)
		checkLines(t, doc, text, lines)
		bom := bytes.HasPrefix(text, []byte("\xef\xbb\xbf"))
		var prev [3]document.Position
		first := true
		refWalk(text, lines, func(off int, r refPos) {
			if got := doc.LineOf(off); got != r.line {
				t.Fatalf("LineOf(%d) = %d, want %d", off, got, r.line)
			}
			for i, enc := range encodings {
				p := doc.Position(off, enc)
				want := document.Position{Line: r.line, Character: r.units[i]}
				if p != want {
					t.Fatalf("Position(%d, %v) = %+v, want %+v", off, enc, p, want)
				}
				back, err := doc.Offset(p, enc)
				if err != nil || back != r.start {
					t.Fatalf("Offset(Position(%d, %v) = %+v) = %d, %v; want %d", off, enc, p, back, err, r.start)
				}
				if !first && less(p, prev[i]) {
					t.Fatalf("%v positions decrease: offset %d at %+v, before it %+v", enc, off, p, prev[i])
				}
				prev[i] = p
			}
			first = false
			line, col := doc.LineCol(off)
			wantCol := r.units[2] + 1
			if bom && r.line == 0 && r.start > 0 {
				wantCol--
			}
			if line != r.line+1 || col != wantCol {
				t.Fatalf("LineCol(%d) = %d:%d, want %d:%d", off, line, col, r.line+1, wantCol)
			}
			wantOff := r.start
			if bom && r.line == 0 {
				wantOff = max(wantOff, 3)
			}
			if back, err := doc.OffsetOfLineCol(line, col); err != nil || back != wantOff {
				t.Fatalf("OffsetOfLineCol(%d, %d) (of offset %d) = %d, %v; want %d", line, col, off, back, err, wantOff)
			}
		})
		for _, off := range []int{-1, -1 << 40, len(text) + 1, len(text) + 1<<40} {
			clamped := min(max(off, 0), len(text))
			for _, enc := range encodings {
				if got, want := doc.Position(off, enc), doc.Position(clamped, enc); got != want {
					t.Fatalf("Position(%d, %v) = %+v, want %+v (clamped to %d)", off, enc, got, want, clamped)
				}
			}
		}
		checkCharacters(t, doc, text, lines)
		checkBadPositions(t, doc, text, lines)
	})
}

// refLine is a line of the reference model: its content is
// text[start:end] and its terminator text[end:next].
type refLine struct{ start, end, next int }

// refLines splits text at "\n", "\r\n" and lone "\r"; the last line has no
// terminator (and is empty after a final terminator).
func refLines(text []byte) []refLine {
	var out []refLine
	start := 0
	for {
		i := bytes.IndexAny(text[start:], "\r\n")
		if i < 0 {
			return append(out, refLine{start, len(text), len(text)})
		}
		end := start + i
		next := end + 1
		if text[end] == '\r' && next < len(text) && text[next] == '\n' {
			next++
		}
		out = append(out, refLine{start, end, next})
		start = next
	}
}

func checkLines(t *testing.T, doc *document.Document, text []byte, lines []refLine) {
	t.Helper()
	if doc.LineCount() != len(lines) {
		t.Fatalf("LineCount = %d, want %d", doc.LineCount(), len(lines))
	}
	if doc.Len() != len(text) || !bytes.Equal(doc.Text(), text) {
		t.Fatalf("Text/Len do not give back the text")
	}
	var joined []byte
	for i, l := range lines {
		if doc.LineStart(i) != l.start || doc.LineEnd(i) != l.end {
			t.Fatalf("line %d: [%d,%d), want [%d,%d)", i, doc.LineStart(i), doc.LineEnd(i), l.start, l.end)
		}
		if !bytes.Equal(doc.Line(i), text[l.start:l.end]) {
			t.Fatalf("Line(%d) = %q, want %q", i, doc.Line(i), text[l.start:l.end])
		}
		if doc.LineOf(l.start) != i {
			t.Fatalf("LineOf(LineStart(%d)) = %d", i, doc.LineOf(l.start))
		}
		joined = append(joined, text[l.start:l.next]...)
	}
	if !bytes.Equal(joined, text) {
		t.Fatalf("lines and terminators do not add up to the text")
	}
	n := len(lines)
	if doc.LineStart(-1) != 0 || doc.LineStart(n) != len(text) || doc.LineEnd(n) != len(text) || doc.LineEnd(-1) != lines[0].end {
		t.Fatalf("line numbers out of range are not clamped: LineStart(-1)=%d LineStart(%d)=%d LineEnd(%d)=%d LineEnd(-1)=%d",
			doc.LineStart(-1), n, doc.LineStart(n), n, doc.LineEnd(n), doc.LineEnd(-1))
	}
}

// refPos is what the reference model expects of an offset: its line, the
// offset it rounds down to (the start of its character, or the line's end
// inside a terminator) and that offset's character in UTF-8, UTF-16 and
// UTF-32 code units.
type refPos struct {
	line, start int
	units       [3]int
}

// headOffsets and tailOffsets bound the offsets checked one by one
// (conversions are linear in the line length).
const headOffsets, tailOffsets = 2000, 200

// refWalk calls check for offsets 0..headOffsets and the last tailOffsets
// offsets (len(text) included), in increasing order.
func refWalk(text []byte, lines []refLine, check func(off int, r refPos)) {
	want := func(off int) bool { return off <= headOffsets || off >= len(text)-tailOffsets }
	for li, l := range lines {
		if l.start > headOffsets && l.next < len(text)-tailOffsets {
			continue
		}
		var u [3]int
		for i := l.start; i < l.end; {
			r, size := utf8.DecodeRune(text[i:l.end])
			for off := i; off < i+size; off++ {
				if want(off) {
					check(off, refPos{li, i, u})
				}
			}
			u[0] += size
			u[1] += len(utf16.Encode([]rune{r}))
			u[2]++
			i += size
		}
		for off := l.end; off < l.next || off == l.end; off++ {
			if want(off) && (off < len(text) || li == len(lines)-1) {
				check(off, refPos{li, l.end, u})
			}
		}
	}
}

// unitsOf counts the code units of text in encoding i (0 UTF-8, 1 UTF-16,
// 2 UTF-32), an invalid byte being U+FFFD.
func unitsOf(text []byte, i int) int {
	switch i {
	case 0:
		return len(text)
	case 1:
		return len(utf16.Encode([]rune(string(text))))
	}
	return utf8.RuneCount(text)
}

// checkCharacters converts every character position of the first lines
// (within headOffsets bytes), including positions inside a character's code
// units and past the line's end, back to an offset.
func checkCharacters(t *testing.T, doc *document.Document, text []byte, lines []refLine) {
	t.Helper()
	for li, l := range lines {
		if l.start > headOffsets {
			break
		}
		end := min(l.end, l.start+headOffsets)
		for ei, enc := range encodings {
			ch := 0 // code units before the character at i
			for i := l.start; i < end; {
				_, size := utf8.DecodeRune(text[i:l.end])
				w := unitsOf(text[i:i+size], ei)
				for k := range w { // every unit of the character maps to its start
					if got, err := doc.Offset(document.Position{Line: li, Character: ch + k}, enc); err != nil || got != i {
						t.Fatalf("Offset(%d:%d, %v) = %d, %v; want %d (unit %d of the character at %d)", li, ch+k, enc, got, err, i, k, i)
					}
				}
				ch += w
				i += size
			}
			if end < l.end {
				continue // a long line: its end is not reached
			}
			for _, past := range []int{ch, ch + 1, ch + 1000, 1 << 40} {
				if got, err := doc.Offset(document.Position{Line: li, Character: past}, enc); err != nil || got != l.end {
					t.Fatalf("Offset(%d:%d, %v) = %d, %v; want the line's end %d", li, past, enc, got, err, l.end)
				}
			}
		}
	}
}

func checkBadPositions(t *testing.T, doc *document.Document, text []byte, lines []refLine) {
	t.Helper()
	n := len(lines)
	for _, enc := range encodings {
		for _, p := range []document.Position{{Line: -1}, {Character: -1}, {Line: -1 << 40, Character: -1 << 40}} {
			if _, err := doc.Offset(p, enc); err == nil {
				t.Fatalf("Offset(%+v, %v): no error for a negative position", p, enc)
			}
		}
		for _, p := range []document.Position{{Line: n}, {Line: n + 7, Character: 3}, {Line: 1 << 40}} {
			off, err := doc.Offset(p, enc)
			if !errors.Is(err, document.ErrLinePastEnd) {
				t.Fatalf("Offset(%+v, %v) in %d lines = %d, %v; want ErrLinePastEnd", p, enc, n, off, err)
			}
			if got := doc.OffsetClamped(p, enc); got != len(text) {
				t.Fatalf("OffsetClamped(%+v, %v) = %d, want the end %d", p, enc, got, len(text))
			}
		}
		if got := doc.OffsetClamped(document.Position{Line: n - 1, Character: 1 << 40}, enc); got != lines[n-1].end {
			t.Fatalf("OffsetClamped(past the last line's end) = %d, want %d", got, lines[n-1].end)
		}
	}
}

func less(a, b document.Position) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
}
