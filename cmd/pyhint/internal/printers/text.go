package printers

// This file defines the text format, the default: each finding's
// "path:line:col: rule message" line, then the source line with a caret
// under the range and, depending on the explanation level, the fix and where
// to learn more; coloured on a terminal.

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/pyhint/pyhint/cmd/pyhint/internal/lint"
	"github.com/pyhint/pyhint/knowledge"
)

// Text is the default format.
type Text struct {
	Color bool
	Level knowledge.Level
}

// ANSI SGR sequences.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[1;33m"
	ansiBlue   = "\x1b[1;34m"
	ansiCyan   = "\x1b[1;36m"
	ansiGreen  = "\x1b[1;32m"
)

func severityColor(sev string) string {
	switch sev {
	case "error":
		return ansiRed
	case "warning":
		return ansiYellow
	case "info":
		return ansiBlue
	default:
		return ansiCyan
	}
}

// Print writes each finding with its source line, separated by blank lines.
func (p Text) Print(w io.Writer, findings []lint.Finding) error {
	bw := bufio.NewWriter(w)
	paint := func(code, s string) string {
		if !p.Color || s == "" {
			return s
		}
		return code + s + ansiReset
	}
	for i, f := range findings {
		if i > 0 {
			bw.WriteString("\n")
		}
		col := severityColor(f.Severity)
		fmt.Fprintf(bw, "%s %s %s\n", paint(ansiBold, fmt.Sprintf("%s:%d:%d:", f.Path, f.Line, f.Column)), paint(col, f.Rule), oneLine(f.Message))
		num := strconv.Itoa(f.Line)
		pad := strings.Repeat(" ", len(num))
		gutter := paint(ansiBlue, pad+" |")
		if f.SourceLine != "" || f.Line > 0 {
			src := sanitize(f.SourceLine)
			fmt.Fprintf(bw, "%s\n", gutter)
			fmt.Fprintf(bw, "%s %s\n", paint(ansiBlue, num+" |"), src)
			lead, n := caret(src, f.Column, f.EndColumn, f.EndLine > f.Line)
			fmt.Fprintf(bw, "%s %s%s\n", gutter, lead, paint(col, strings.Repeat("^", n)))
		}
		help := func(label, text string) {
			fmt.Fprintf(bw, "%s %s %s\n", pad, paint(ansiCyan, "= "+label+":"), text)
		}
		if f.Fix != nil {
			if f.Fix.Safe {
				help("fix", f.Fix.Message+" (safe: pyhint lint --fix)")
			} else {
				help("fix", f.Fix.Message+" (unsafe: review it; pyhint lint --fix --unsafe-fixes)")
			}
		}
		switch p.Level {
		case knowledge.Beginner:
			if d, ok := knowledge.Lookup(f.Rule); ok && d.Summary != "" {
				help("why", d.Summary)
			}
			see := "pyhint explain " + f.Rule
			if f.URL != "" {
				see += " · " + f.URL
			}
			help("see", see)
		case knowledge.Intermediate:
			if f.URL != "" {
				help("see", f.URL)
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write text report: %w", err)
	}
	return nil
}

// sanitize makes a source line safe to print on a terminal: control
// characters other than tab (an escape sequence in a string literal could
// otherwise recolour or retitle the terminal) become U+FFFD.
func sanitize(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return utf8.RuneError
		}
		return r
	}, s)
}

func isControl(r rune) bool { return r != '\t' && unicode.IsControl(r) }

// oneLine makes a message safe for a one-line-per-finding format: line
// breaks become spaces and other control characters U+FFFD.
func oneLine(s string) string {
	return sanitize(strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s))
}

// caret returns the text that lines the caret up under column col (1-based,
// in code points) of line — tabs copied, every other character replaced by
// spaces of its display width — and the caret count for the range up to
// endCol, or to the end of the line when the range goes on (toEOL). At
// least one caret is drawn.
func caret(line string, col, endCol int, toEOL bool) (string, int) {
	var lead strings.Builder
	n, i := 0, 1
	for _, r := range line {
		switch {
		case i < col:
			if r == '\t' {
				lead.WriteByte('\t')
			} else {
				lead.WriteString(strings.Repeat(" ", runeWidth(r)))
			}
		case toEOL || i < endCol:
			n += max(runeWidth(r), 1)
		}
		i++
	}
	return lead.String(), max(n, 1)
}

// runeWidth is the number of terminal cells r takes: two for East Asian
// wide and full-width characters (CJK, most emoji), none for combining
// marks and format characters, one otherwise.
func runeWidth(r rune) int {
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}
