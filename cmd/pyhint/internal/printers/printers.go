// Package printers writes lint findings in the formats CI systems and
// people read. One file per format; New rejects unknown formats.
package printers

import (
	"fmt"
	"io"
	"slices"

	"github.com/pyhint/pyhint/cmd/pyhint/internal/lint"
	"github.com/pyhint/pyhint/knowledge"
)

// Printer writes a whole report.
type Printer interface {
	Print(w io.Writer, findings []lint.Finding) error
}

// ErrorPrinter is a Printer whose format can also carry the run's errors (a
// path that could not be read, a bad configuration): a CI system that reads
// only the report then shows that the run did not complete, rather than a
// clean report.
type ErrorPrinter interface {
	PrintWithErrors(w io.Writer, findings []lint.Finding, errs []error) error
}

// PrintReport writes findings and, when p can carry them, errs.
func PrintReport(p Printer, w io.Writer, findings []lint.Finding, errs []error) error {
	if ep, ok := p.(ErrorPrinter); ok && len(errs) > 0 {
		return ep.PrintWithErrors(w, findings, errs)
	}
	return p.Print(w, findings)
}

// Options are what some printers need besides the findings.
type Options struct {
	// Version is pyhint's version, named in SARIF's tool descriptor.
	Version string
	// Color turns on ANSI colours in the text format.
	Color bool
	// Level is how much help the text format prints under each finding.
	Level knowledge.Level
}

var formats = map[string]func(Options) Printer{
	"text":    func(o Options) Printer { return Text{Color: o.Color, Level: o.Level} },
	"concise": func(Options) Printer { return Concise{} },
	"json":    func(Options) Printer { return JSON{} },
	"sarif":   func(o Options) Printer { return SARIF{Version: o.Version} },
	"github":  func(Options) Printer { return GitHub{} },
	"gitlab":  func(Options) Printer { return GitLab{} },
	"junit":   func(Options) Printer { return JUnit{} },
}

// Formats lists the accepted format names, sorted.
func Formats() []string {
	var out []string
	for k := range formats {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// New returns the printer for format.
func New(format string, opts Options) (Printer, error) {
	f, ok := formats[format]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want one of %v)", format, Formats())
	}
	return f(opts), nil
}
