// Package suppress implements pyhint's suppression comments:
//
//	x = [[]] * 3  # pyhint: ignore[list-multiplication-aliasing]
//	# pyhint: ignore-file[del-method, gc-collect-in-loop]
//
// "ignore[...]" silences the named rules on the line it sits on;
// "ignore-file[...]" silences them in the whole file and must come before the
// first statement. A suppression that silences nothing, or names a rule that
// does not exist, is itself reported as unused-suppression, with a fix that
// removes it.
package suppress

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/analyzers/pyts"
)

// Rule is the code of the diagnostics this package reports.
const Rule = "unused-suppression"

var directiveRE = regexp.MustCompile(`pyhint:\s*(ignore-file|ignore)\s*\[([^\]]*)\]`)

type name struct {
	rule       string
	start, end int // byte range of the name in the file
	used       bool
}

type directive struct {
	file       bool
	line       int // 0-based
	comment    analysis.Range
	start, end int // byte range of the "pyhint: ignore[...]" directive
	names      []*name
}

// Apply filters diags through the file's suppression comments and appends an
// unused-suppression diagnostic for each rule name that silenced nothing.
// known reports whether a rule exists.
func Apply(doc *document.Document, tree *pyts.Tree, diags []analysis.Diagnostic, known func(string) bool) []analysis.Diagnostic {
	if !bytes.Contains(doc.Text(), []byte("pyhint:")) {
		return diags // no directive: the common case, without reading every comment
	}
	dirs := parse(tree)
	if len(dirs) == 0 {
		return diags
	}
	firstStmt := len(doc.Text())
	for c := tree.FirstChild(tree.Root()); c != pyts.NoNode; c = tree.NextSibling(c) {
		if tree.Kind(c) != pyts.Comment {
			firstStmt = tree.Start(c)
			break
		}
	}
	for _, d := range dirs {
		d.line = doc.LineOf(d.start)
	}
	kept := diags[:0:0]
	for _, diag := range diags {
		line := doc.LineOf(diag.Range.Start)
		silenced := false
		for _, d := range dirs {
			if d.file && d.start > firstStmt {
				continue
			}
			if !d.file && d.line != line {
				continue
			}
			for _, n := range d.names {
				if n.rule == diag.Rule {
					n.used, silenced = true, true
				}
			}
		}
		if !silenced {
			kept = append(kept, diag)
		}
	}
	for _, d := range dirs {
		for _, n := range d.names {
			if n.used {
				continue
			}
			var msg string
			switch {
			case !known(n.rule):
				msg = fmt.Sprintf("unknown rule %q in suppression comment: it silences nothing (see pyhint explain for rule names)", n.rule)
			case d.file && d.start > firstStmt:
				msg = fmt.Sprintf("ignore-file[%s] after the first statement has no effect: move it to the top of the file", n.rule)
			default:
				msg = fmt.Sprintf("suppression of %s silences nothing here: remove it so it cannot hide a future finding", n.rule)
			}
			kept = append(kept, analysis.Diagnostic{
				Range: analysis.Range{Start: n.start, End: n.end}, Rule: Rule, Message: msg,
				Fixes: []analysis.Fix{removal(doc, d)},
			})
		}
	}
	return kept
}

// removal rewrites a directive keeping only its used names, or deletes it
// (and its comment, when nothing else is in it) when none is used. Every
// unused name of one directive gets the same edit, so applying all of them
// is the same as applying one.
func removal(doc *document.Document, d *directive) analysis.Fix {
	var used []string
	for _, n := range d.names {
		if n.used {
			used = append(used, n.rule)
		}
	}
	if len(used) > 0 {
		first, last := d.names[0], d.names[len(d.names)-1]
		return analysis.Fix{Message: "Remove the unused rules from the suppression", Edits: []analysis.TextEdit{{
			Range: analysis.Range{Start: first.start, End: last.end}, NewText: strings.Join(used, ", ")}}}
	}
	text := doc.Text()
	start, end := d.comment.Start, d.comment.End
	before := strings.TrimSpace(string(text[d.comment.Start+1 : d.start]))
	after := string(text[d.end:d.comment.End])
	if before == "" && strings.HasPrefix(strings.TrimSpace(after), "#") {
		// "# pyhint: ignore[x]  # other": keep "# other".
		return analysis.Fix{Message: "Remove the unused suppression", Edits: []analysis.TextEdit{{
			Range: analysis.Range{Start: d.comment.Start, End: d.end + strings.Index(after, "#")}}}}
	}
	if before != "" || strings.TrimSpace(after) != "" {
		// Other text shares the comment: remove only the directive.
		start, end = d.start, d.end
	} else {
		for start > 0 && (text[start-1] == ' ' || text[start-1] == '\t') {
			start--
		}
		if start == doc.LineStart(d.line) {
			end = doc.LineStart(d.line + 1) // the comment is the whole line
		}
	}
	return analysis.Fix{Message: "Remove the unused suppression", Edits: []analysis.TextEdit{{Range: analysis.Range{Start: start, End: end}}}}
}

// Name is one rule name in a suppression comment.
type Name struct {
	Rule       string
	Start, End int // byte range of the name
}

// Directive is one "pyhint: ignore[...]" or "pyhint: ignore-file[...]"
// found in a comment.
type Directive struct {
	File       bool
	Start, End int // byte range of the directive
	Names      []Name
}

// ParseComment finds the directives in one comment's text; base is the
// comment's byte offset in the file, so ranges are file offsets. It is the
// one parser of suppression comments (the server's hover uses it too).
func ParseComment(text string, base int) []Directive {
	var out []Directive
	for _, m := range directiveRE.FindAllStringSubmatchIndex(text, -1) {
		d := Directive{File: text[m[2]:m[3]] == "ignore-file", Start: base + m[0], End: base + m[1]}
		pos := m[4]
		for _, part := range strings.Split(text[m[4]:m[5]], ",") {
			if trimmed := strings.TrimSpace(part); trimmed != "" {
				start := base + pos + strings.Index(part, trimmed)
				d.Names = append(d.Names, Name{Rule: trimmed, Start: start, End: start + len(trimmed)})
			}
			pos += len(part) + 1
		}
		if len(d.Names) > 0 {
			out = append(out, d)
		}
	}
	return out
}

func parse(tree *pyts.Tree) []*directive {
	var out []*directive
	for n := pyts.Node(0); int(n) < tree.Len(); n++ {
		if tree.Kind(n) != pyts.Comment {
			continue
		}
		for _, pd := range ParseComment(tree.Text(n), tree.Start(n)) {
			d := &directive{file: pd.File, comment: analysis.Range{Start: tree.Start(n), End: tree.End(n)}, start: pd.Start, end: pd.End}
			for _, nm := range pd.Names {
				d.names = append(d.names, &name{rule: nm.Rule, start: nm.Start, end: nm.End})
			}
			out = append(out, d)
		}
	}
	return out
}
