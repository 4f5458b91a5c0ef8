package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/pyhint/pyhint/analyzers"
	"github.com/pyhint/pyhint/knowledge"
)

// This file defines the explain command.

func runExplain(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("explain", flag.ContinueOnError)
	fl.SetOutput(stderr)
	format := fl.String("format", "text", "text, markdown or json")
	level := fl.String("level", "beginner", "beginner (everything), intermediate or expert (one line and a link)")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "Usage: pyhint explain [flags] [ID]\n\nExplains a concept or rule; with no ID, lists them.\n\nFlags:\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitClean
		}
		return exitError
	}
	var f knowledge.Format
	asJSON := false
	switch *format {
	case "text":
		f = knowledge.Text
	case "markdown", "md":
		f = knowledge.Markdown
	case "json":
		f, asJSON = knowledge.Markdown, true
	default:
		fmt.Fprintf(stderr, "pyhint explain: unknown format %q (want text, markdown or json)\n", *format)
		return exitError
	}
	lvl, err := knowledge.ParseLevel(*level)
	if err != nil {
		fmt.Fprintf(stderr, "pyhint explain: %v\n", err)
		return exitError
	}
	switch fl.NArg() {
	case 0:
		if asJSON {
			return writeJSON(stdout, stderr, explainAll(lvl))
		}
		list(stdout)
		return exitClean
	case 1:
	default:
		fmt.Fprintln(stderr, "pyhint explain: give one concept or rule id")
		return exitError
	}
	id := fl.Arg(0)
	d, ok := knowledge.Lookup(id)
	if !ok {
		msg := fmt.Sprintf("pyhint explain: unknown concept or rule %q", id)
		if near := knowledge.Nearest(id, 3); len(near) > 0 {
			msg += "; did you mean " + strings.Join(near, ", ") + "?"
		}
		fmt.Fprintln(stderr, msg+` (run "pyhint explain" for the list)`)
		return exitError
	}
	if asJSON {
		return writeJSON(stdout, stderr, explainDoc(d, lvl))
	}
	out := knowledge.Render(d, f, lvl)
	fmt.Fprint(stdout, out)
	if !strings.HasSuffix(out, "\n") {
		fmt.Fprintln(stdout)
	}
	return exitClean
}

// explainJSON is a knowledge document in explain --format json: its front
// matter, its sections, and the whole document rendered as Markdown at the
// chosen level. Rules also say whether they are on by default, how they can
// be fixed, and whether this build runs them.
type explainJSON struct {
	ID         string           `json:"id"`
	Kind       string           `json:"kind"`
	Title      string           `json:"title"`
	Summary    string           `json:"summary"`
	Concept    string           `json:"concept,omitempty"`
	Severity   string           `json:"severity,omitempty"`
	Default    *bool            `json:"default,omitempty"`
	Fix        string           `json:"fix,omitempty"`
	Fixable    *bool            `json:"fixable,omitempty"`
	Registered *bool            `json:"registered,omitempty"`
	Since      string           `json:"since,omitempty"`
	Aliases    []string         `json:"aliases"`
	URL        string           `json:"url"`
	References []explainRef     `json:"references"`
	Sections   []explainSection `json:"sections"`
	Markdown   string           `json:"markdown"`
}

type explainRef struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

type explainSection struct {
	Title string `json:"title"`
	Body  string `json:"body"`
}

func explainDoc(d *knowledge.Doc, lvl knowledge.Level) explainJSON {
	e := explainJSON{
		ID: d.ID, Kind: d.Kind.String(), Title: d.Title, Summary: d.Summary, Concept: d.Concept,
		Since: d.Since, Aliases: d.Aliases, URL: d.URL(), References: []explainRef{},
		Sections: []explainSection{}, Markdown: knowledge.Render(d, knowledge.Markdown, lvl),
	}
	if e.Aliases == nil {
		e.Aliases = []string{}
	}
	for _, r := range d.References {
		e.References = append(e.References, explainRef{r.Title, r.URL})
	}
	for _, s := range d.Sections {
		e.Sections = append(e.Sections, explainSection{s.Title, s.Body})
	}
	if d.Kind == knowledge.Rule {
		def, fixable := d.Default, d.Fix == "safe" || d.Fix == "unsafe"
		_, registered := analyzers.Rule(d.ID)
		e.Severity, e.Default, e.Fix, e.Fixable, e.Registered = d.Severity, &def, d.Fix, &fixable, &registered
	}
	return e
}

// explainAll lists every concept, then every rule, in explainJSON form.
func explainAll(lvl knowledge.Level) []explainJSON {
	var out []explainJSON
	for _, d := range append(knowledge.Concepts(), knowledge.Rules()...) {
		out = append(out, explainDoc(d, lvl))
	}
	return out
}

func writeJSON(stdout, stderr io.Writer, v any) int {
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(stderr, "pyhint explain: write json: %v\n", err)
		return exitError
	}
	return exitClean
}

func list(w io.Writer) {
	width := 0
	for _, d := range append(knowledge.Concepts(), knowledge.Rules()...) {
		width = max(width, len(d.ID))
	}
	fmt.Fprintln(w, "Concepts:")
	for _, d := range knowledge.Concepts() {
		fmt.Fprintf(w, "  %-*s  %s\n", width, d.ID, d.Summary)
	}
	fmt.Fprintln(w, "\nRules:")
	for _, d := range knowledge.Rules() {
		fmt.Fprintf(w, "  %-*s  %s\n", width, d.ID, d.Summary)
	}
}
