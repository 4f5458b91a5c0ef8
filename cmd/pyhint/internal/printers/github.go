package printers

// This file defines the github format: one GitHub Actions workflow command
// per finding, which the runner turns into an annotation on the pull
// request's diff.
//
//	::warning file=a.py,line=4,endLine=4,col=5,endColumn=13,title=pyhint global-statement::message

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/pyhint/pyhint/cmd/pyhint/internal/lint"
)

// GitHub prints workflow commands.
type GitHub struct{}

// githubLevel maps a severity to a workflow command.
func githubLevel(sev string) string {
	switch sev {
	case "error":
		return "error"
	case "warning":
		return "warning"
	}
	return "notice"
}

// Print writes one command per finding.
func (g GitHub) Print(w io.Writer, findings []lint.Finding) error {
	return g.PrintWithErrors(w, findings, nil)
}

// PrintWithErrors writes one command per finding, then an error command per
// run error (shown in the run's summary).
func (GitHub) PrintWithErrors(w io.Writer, findings []lint.Finding, errs []error) error {
	bw := bufio.NewWriter(w)
	for _, f := range findings {
		fmt.Fprintf(bw, "::%s file=%s,line=%d,endLine=%d,col=%d,endColumn=%d,title=%s::%s\n",
			githubLevel(f.Severity), githubProperty(f.Path), f.Line, f.EndLine, f.Column, f.EndColumn,
			githubProperty("pyhint "+f.Rule), githubData(f.Message))
	}
	for _, err := range errs {
		fmt.Fprintf(bw, "::error title=%s::%s\n", githubProperty("pyhint"), githubData(err.Error()))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write github report: %w", err)
	}
	return nil
}

// githubData escapes a command's message as the runner expects
// (actions/toolkit, command.ts escapeData).
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubProperty escapes a command property's value (escapeProperty).
func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
