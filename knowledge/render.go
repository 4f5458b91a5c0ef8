// This file defines Render, the one renderer for knowledge documents. The
// terminal's explain command, LSP hovers and SARIF rule help all use it.

package knowledge

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Format is an output format of Render.
type Format int

const (
	Markdown Format = iota // CommonMark: hovers, SARIF markdown help, README tables
	Text                   // plain text for a terminal, without colour
)

// String returns "markdown" or "text".
func (f Format) String() string {
	switch f {
	case Markdown:
		return "markdown"
	case Text:
		return "text"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// Level is how much a reader already knows, and so how much Render shows.
type Level int

const (
	Beginner     Level = iota // the whole document
	Intermediate              // the core sections and the primary link
	Expert                    // one line and the primary link
)

var levelNames = [...]string{Beginner: "beginner", Intermediate: "intermediate", Expert: "expert"}

// String returns "beginner", "intermediate" or "expert".
func (l Level) String() string {
	if l >= 0 && int(l) < len(levelNames) {
		return levelNames[l]
	}
	return fmt.Sprintf("Level(%d)", int(l))
}

// ParseLevel parses "beginner", "intermediate" or "expert", ignoring case
// and surrounding space.
func ParseLevel(s string) (Level, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	for i, name := range levelNames {
		if t == name {
			return Level(i), nil
		}
	}
	return Beginner, fmt.Errorf("unknown explanation level %q (want beginner, intermediate or expert)", s)
}

// coreSections are the sections shown at the Intermediate level.
var coreSections = map[Kind][]string{
	Concept: {"What it is", "Example", "Pitfalls"},
	Rule:    {"What it does", "Example", "Use instead"},
}

// Render renders d for a reader at level l:
//
//   - Beginner: title, summary, rule facts (rules only) and every section,
//     references included.
//   - Intermediate: title, summary, rule facts, "What it is" or "What it
//     does", "Example", "Pitfalls" or "Use instead", and the primary link.
//   - Expert: "title — summary" on one line, then the primary link on the
//     next (after a blank line in Markdown, so that it is a new paragraph).
//
// Markdown keeps fenced code blocks and links. Text is for a terminal:
// the title is underlined, section headings are upper case, links read
// "title <url>", code blocks are indented four spaces without fences and
// bullets become "  • ". Neither format contains ANSI escapes. The output
// ends in a single newline and depends only on its arguments. A nil d
// renders as ""; an unknown f is treated as Markdown and an unknown l as
// Beginner.
func Render(d *Doc, f Format, l Level) string {
	if d == nil {
		return ""
	}
	r := renderer{text: f == Text}
	sep := "\n\n"
	switch l {
	case Expert:
		r.add(r.oneLine(d))
		r.add(r.primary(d, false))
		if r.text {
			sep = "\n" // Markdown needs the blank line to keep two paragraphs
		}
	case Intermediate:
		r.add(r.title(d))
		r.add(r.plain(d.Summary))
		r.add(r.facts(d))
		for _, name := range coreSections[d.Kind] {
			if body, ok := d.Section(name); ok {
				r.add(r.section(name, body))
			}
		}
		r.add(r.primary(d, true))
	default:
		r.add(r.title(d))
		r.add(r.plain(d.Summary))
		r.add(r.facts(d))
		for _, s := range d.Sections {
			r.add(r.section(s.Title, s.Body))
		}
		if _, ok := d.Section("References"); !ok {
			r.add(r.primary(d, true))
		}
	}
	return strings.Join(r.blocks, sep) + "\n"
}

// renderer collects the blocks (paragraphs, sections) of one output.
type renderer struct {
	text   bool
	blocks []string
}

func (r *renderer) add(block string) {
	if block = strings.TrimRight(block, "\n"); block != "" {
		r.blocks = append(r.blocks, block)
	}
}

// plain renders a plain-text string such as a title or summary.
func (r *renderer) plain(s string) string {
	if r.text {
		return s
	}
	return escapeMarkdown(s)
}

// code renders an identifier as code.
func (r *renderer) code(s string) string {
	if r.text {
		return s
	}
	return "`" + s + "`"
}

// heading is the document's display title; rules carry their id.
func (r *renderer) heading(d *Doc) string {
	h := r.plain(d.Title)
	if d.Kind == Rule {
		h += " (" + r.code(d.ID) + ")"
	}
	return h
}

func (r *renderer) title(d *Doc) string {
	h := r.heading(d)
	if r.text {
		return h + "\n" + strings.Repeat("=", utf8.RuneCountInString(h))
	}
	return "# " + h
}

func (r *renderer) oneLine(d *Doc) string {
	h := r.heading(d)
	if !r.text {
		h = "**" + h + "**"
	}
	if d.Summary == "" {
		return h
	}
	return h + " — " + r.plain(d.Summary)
}

// facts is the line of rule metadata; concepts have none.
func (r *renderer) facts(d *Doc) string {
	if d.Kind != Rule {
		return ""
	}
	parts := []string{"Rule " + r.code(d.ID)}
	if d.Concept != "" {
		parts = append(parts, "concept "+r.code(d.Concept))
	}
	if d.Severity != "" {
		parts = append(parts, "severity: "+d.Severity)
	}
	if d.Default {
		parts = append(parts, "on by default")
	} else {
		parts = append(parts, "off by default")
	}
	switch d.Fix {
	case "safe":
		parts = append(parts, "safe fix available")
	case "unsafe":
		parts = append(parts, "unsafe fix available")
	}
	if d.Since != "" {
		parts = append(parts, "since "+d.Since)
	}
	return strings.Join(parts, " · ")
}

// primary renders the primary link, or "" when there is none.
func (r *renderer) primary(d *Doc, labelled bool) string {
	if len(d.References) == 0 {
		return ""
	}
	ref := d.References[0]
	var link string
	if r.text {
		link = ref.Title + " <" + ref.URL + ">"
	} else {
		link = "[" + escapeMarkdown(ref.Title) + "](" + ref.URL + ")"
	}
	if labelled {
		return "Learn more: " + link
	}
	return link
}

func (r *renderer) section(title, body string) string {
	if r.text {
		return strings.ToUpper(title) + "\n\n" + textBody(body)
	}
	return "## " + title + "\n\n" + body
}

// escapeMarkdown escapes the characters that would make plain text render
// as Markdown markup (emphasis in "__repr__", code spans, links, HTML).
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, c := range s {
		if strings.ContainsRune("\\`*_[]<>", c) {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}

var (
	linkRE    = regexp.MustCompile(`\[([^\]]*)\]\(([^)\s]+)\)`)
	bulletRE  = regexp.MustCompile(`^(\s*)[-*+] (.*)$`)
	headingRE = regexp.MustCompile(`^#{1,6} (.*)$`)
	boldRE    = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	escapeRE  = regexp.MustCompile(`\\([!-/:-@\[-` + "`" + `{-~])`)
)

// textBody converts a section's Markdown to terminal text.
func textBody(md string) string {
	var out []string
	inFence := false
	// blank separates an indented code block from text right next to it,
	// which Markdown allows but which would run together once unfenced.
	blank := func() {
		if len(out) > 0 && out[len(out)-1] != "" {
			out = append(out, "")
		}
	}
	afterFence := false
	for _, line := range strings.Split(md, "\n") {
		if afterFence && !isFence(line) && strings.TrimSpace(line) != "" {
			blank()
		}
		afterFence = false
		switch {
		case isFence(line):
			if inFence {
				afterFence = true
			} else {
				blank()
			}
			inFence = !inFence
		case inFence:
			if strings.TrimSpace(line) == "" {
				out = append(out, "")
			} else {
				out = append(out, "    "+line)
			}
		case headingRE.MatchString(line):
			h := textInline(headingRE.FindStringSubmatch(line)[1])
			out = append(out, h, strings.Repeat("-", utf8.RuneCountInString(h)))
		case bulletRE.MatchString(line):
			m := bulletRE.FindStringSubmatch(line)
			out = append(out, m[1]+"  • "+textInline(m[2]))
		default:
			out = append(out, textInline(line))
		}
	}
	return strings.Join(out, "\n")
}

// textInline converts inline Markdown to terminal text: links become
// "title <url>", and outside code spans bold markers and backslash escapes
// are dropped. Code spans keep their backquotes.
func textInline(s string) string {
	s = linkRE.ReplaceAllString(s, "$1 <$2>")
	parts := strings.Split(s, "`")
	for i := 0; i < len(parts); i += 2 { // even parts are outside code spans
		parts[i] = boldRE.ReplaceAllString(parts[i], "$1")
		parts[i] = escapeRE.ReplaceAllString(parts[i], "$1")
	}
	return strings.Join(parts, "`")
}
