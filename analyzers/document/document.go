// Package document holds a source text with its line index and is the one
// place in pyhint that converts between positions: byte offsets (what the
// parser and fixes use), 1-based code-point columns (what the CLI prints) and
// LSP positions in UTF-8, UTF-16 or UTF-32 code units (what editors send).
//
// Lines end at "\n", "\r\n" or a lone "\r", as in the LSP specification. A
// line's columns count the characters before the terminator. Bytes that are
// not valid UTF-8 count as one character (U+FFFD) and one code unit in every
// encoding, so every offset maps somewhere and round trips are exact on
// valid text. A leading UTF-8 byte order mark is part of the text: it is one
// character in LSP positions (clients that keep it count it) and is skipped by
// the CLI's 1-based columns, as Python itself ignores it.
package document

import (
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"
)

// Encoding is an LSP position encoding.
type Encoding int

// The position encodings of LSP 3.17.
const (
	UTF16 Encoding = iota // LSP's default
	UTF8
	UTF32
)

// String returns the LSP name of the encoding ("utf-16", ...).
func (e Encoding) String() string {
	switch e {
	case UTF8:
		return "utf-8"
	case UTF32:
		return "utf-32"
	default:
		return "utf-16"
	}
}

// ParseEncoding maps an LSP encoding name to an Encoding.
func ParseEncoding(s string) (Encoding, bool) {
	switch s {
	case "utf-8":
		return UTF8, true
	case "utf-16":
		return UTF16, true
	case "utf-32":
		return UTF32, true
	}
	return UTF16, false
}

// Position is an LSP position: 0-based line and character, the character in
// code units of some Encoding.
type Position struct {
	Line, Character int
}

// Document is an immutable text with a line index.
type Document struct {
	text  []byte
	lines []int // byte offset of the start of each line
}

const bom = "\xef\xbb\xbf"

// New indexes text. The Document keeps text; callers must not modify it.
func New(text []byte) *Document {
	lines := make([]int, 1, len(text)/32+1)
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			lines = append(lines, i+1)
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			lines = append(lines, i+1)
		}
	}
	return &Document{text: text, lines: lines}
}

// Edit returns the Document of d's text with the bytes [start, end)
// replaced by insert, exactly as New would index that text, without
// rescanning the unchanged parts: line starts before start are copied,
// those after end are shifted by the change in length, and only insert
// and the byte on each side of it (which may pair a "\r" with a "\n" or
// split such a pair) are scanned. The cost is one copy of the text and of
// the line index, and a scan of insert.
//
// The new Document has its own text and index: d is not modified and stays
// valid, and insert is copied, not kept. Edit panics unless
// 0 <= start <= end <= d.Len(), as slicing would.
func (d *Document) Edit(start, end int, insert []byte) *Document {
	if start < 0 || start > end || end > len(d.text) {
		panic(fmt.Sprintf("document: Edit(%d, %d) out of range [0, %d]", start, end, len(d.text)))
	}
	text := make([]byte, 0, len(d.text)-(end-start)+len(insert))
	text = append(text, d.text[:start]...)
	text = append(text, insert...)
	text = append(text, d.text[end:]...)

	// A line starts at s > 0 when text[s-1] is "\n", or is "\r" not
	// followed by "\n": it depends on the bytes at s-1 and s only. Starts
	// below start depend on unchanged bytes before the edit, and old starts
	// past end (at s-1 >= end) on unchanged bytes after it; the starts in
	// between, [start, start+len(insert)] in the new text, are scanned.
	before, _ := slices.BinarySearch(d.lines, start) // old starts < start
	before = max(before, 1)                          // and line 0's, at 0 whatever the text
	after, _ := slices.BinarySearch(d.lines, end+1)  // old starts > end
	newEnd := start + len(insert)
	lines := make([]int, before, before+len(insert)/32+1+len(d.lines)-after)
	copy(lines, d.lines[:before])
	for s := max(start, 1); s <= newEnd; s++ {
		switch text[s-1] {
		case '\n':
			lines = append(lines, s)
		case '\r':
			if s == len(text) || text[s] != '\n' {
				lines = append(lines, s)
			}
		}
	}
	n, delta := len(lines), newEnd-end
	lines = append(lines, d.lines[after:]...)
	for i := n; i < len(lines); i++ {
		lines[i] += delta
	}
	return &Document{text: text, lines: lines}
}

// Text returns the document's bytes. Callers must not modify them.
func (d *Document) Text() []byte { return d.text }

// Len returns the length of the text in bytes.
func (d *Document) Len() int { return len(d.text) }

// LineCount returns the number of lines (a text ending in a newline has an
// empty last line).
func (d *Document) LineCount() int { return len(d.lines) }

// LineStart returns the byte offset of the start of line (0-based), clamped
// to the text.
func (d *Document) LineStart(line int) int {
	if line < 0 {
		return 0
	}
	if line >= len(d.lines) {
		return len(d.text)
	}
	return d.lines[line]
}

// LineEnd returns the byte offset of the end of line's content, before its
// terminator.
func (d *Document) LineEnd(line int) int {
	if line < 0 {
		line = 0
	}
	if line >= len(d.lines)-1 {
		return len(d.text)
	}
	end := d.lines[line+1]
	if end > 0 && d.text[end-1] == '\n' {
		end--
	}
	if end > d.lines[line] && d.text[end-1] == '\r' {
		end--
	}
	return end
}

// Line returns the content of line (0-based) without its terminator.
func (d *Document) Line(line int) []byte { return d.text[d.LineStart(line):d.LineEnd(line)] }

// LineOf returns the 0-based line containing the byte offset off (clamped).
func (d *Document) LineOf(off int) int {
	off = d.clamp(off)
	lo, hi := 0, len(d.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if d.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

func (d *Document) clamp(off int) int {
	if off < 0 {
		return 0
	}
	if off > len(d.text) {
		return len(d.text)
	}
	return off
}

// units counts the code units of text in enc; invalid bytes count as one.
func units(text []byte, enc Encoding) int {
	if enc == UTF8 {
		return len(text)
	}
	n := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		i += size
		n++
		if enc == UTF16 && r >= 0x10000 {
			n++
		}
	}
	return n
}

// Position converts a byte offset to an LSP position in enc. An offset past
// the end is clamped to the end; an offset inside a line terminator or a
// multi-byte character maps to the position of its start.
func (d *Document) Position(off int, enc Encoding) Position {
	off = d.clamp(off)
	line := d.LineOf(off)
	start := d.lines[line]
	if end := d.LineEnd(line); off > end {
		off = end
	}
	off = d.runeStart(start, off)
	return Position{Line: line, Character: units(d.text[start:off], enc)}
}

// runeStart moves off back to the start of the valid character containing
// it; an offset on an invalid byte stays where it is.
func (d *Document) runeStart(lineStart, off int) int {
	if off >= len(d.text) || utf8.RuneStart(d.text[off]) {
		return off
	}
	for back := off - 1; back >= lineStart && back >= off-3; back-- {
		if utf8.RuneStart(d.text[back]) {
			if _, size := utf8.DecodeRune(d.text[back:]); back+size > off {
				return back
			}
			return off
		}
	}
	return off
}

// ErrLinePastEnd is returned for a position whose line does not exist.
var ErrLinePastEnd = errors.New("line past end of document")

// Offset converts an LSP position in enc to a byte offset. A character past
// the end of its line is clamped to the line's end (as LSP specifies); a
// position inside a surrogate pair or a multi-byte character maps to the
// character's start. A line past the last one is an error wrapping
// ErrLinePastEnd; callers that prefer clamping use OffsetClamped.
func (d *Document) Offset(p Position, enc Encoding) (int, error) {
	if p.Line < 0 || p.Character < 0 {
		return 0, fmt.Errorf("position %d:%d: negative", p.Line, p.Character)
	}
	if p.Line >= len(d.lines) {
		return len(d.text), fmt.Errorf("position %d:%d in a %d-line document: %w", p.Line, p.Character, len(d.lines), ErrLinePastEnd)
	}
	start, end := d.lines[p.Line], d.LineEnd(p.Line)
	if enc == UTF8 {
		off := start + p.Character
		if off > end {
			off = end
		}
		return d.runeStart(start, off), nil
	}
	n := 0
	for i := start; i < end; {
		r, size := utf8.DecodeRune(d.text[i:])
		w := 1
		if enc == UTF16 && r >= 0x10000 {
			w = 2
		}
		if n+w > p.Character {
			return i, nil
		}
		n += w
		i += size
	}
	return end, nil
}

// OffsetClamped is Offset with a line past the end clamped to the end of the text.
func (d *Document) OffsetClamped(p Position, enc Encoding) int {
	off, err := d.Offset(p, enc)
	if err != nil {
		return d.clamp(off)
	}
	return off
}

// LineCol converts a byte offset to the CLI's 1-based line and 1-based column
// in characters (Unicode code points). A leading byte order mark is not counted.
func (d *Document) LineCol(off int) (line, col int) {
	pos := d.Position(off, UTF32)
	if pos.Line == 0 && len(d.text) >= 3 && string(d.text[:3]) == bom && pos.Character > 0 {
		pos.Character--
	}
	return pos.Line + 1, pos.Character + 1
}

// OffsetOfLineCol converts a CLI 1-based line and column back to a byte offset.
func (d *Document) OffsetOfLineCol(line, col int) (int, error) {
	c := col - 1
	if line == 1 && len(d.text) >= 3 && string(d.text[:3]) == bom {
		c++
	}
	return d.Offset(Position{Line: line - 1, Character: c}, UTF32)
}
