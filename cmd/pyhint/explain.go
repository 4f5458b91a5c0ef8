package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/pyhint/pyhint/knowledge"
)

// This file defines the explain command.

func runExplain(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("explain", flag.ContinueOnError)
	fl.SetOutput(stderr)
	format := fl.String("format", "text", "text or markdown")
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
	switch *format {
	case "text":
		f = knowledge.Text
	case "markdown", "md":
		f = knowledge.Markdown
	default:
		fmt.Fprintf(stderr, "pyhint explain: unknown format %q (want text or markdown)\n", *format)
		return exitError
	}
	lvl, err := knowledge.ParseLevel(*level)
	if err != nil {
		fmt.Fprintf(stderr, "pyhint explain: %v\n", err)
		return exitError
	}
	switch fl.NArg() {
	case 0:
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
	fmt.Fprint(stdout, knowledge.Render(d, f, lvl))
	if !strings.HasSuffix(knowledge.Render(d, f, lvl), "\n") {
		fmt.Fprintln(stdout)
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
