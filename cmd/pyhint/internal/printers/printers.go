// Package printers writes lint findings in the formats CI systems and
// people read. One file per format; New rejects unknown formats.
package printers

import (
	"fmt"
	"io"
	"sort"

	"github.com/pyhint/pyhint/cmd/pyhint/internal/lint"
)

// Printer writes a whole report.
type Printer interface {
	Print(w io.Writer, findings []lint.Finding) error
}

var formats = map[string]func() Printer{
	"text": func() Printer { return Text{} },
	"json": func() Printer { return JSON{} },
}

// Formats lists the accepted format names.
func Formats() []string {
	var out []string
	for k := range formats {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// New returns the printer for format.
func New(format string) (Printer, error) {
	f, ok := formats[format]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want one of %v)", format, Formats())
	}
	return f(), nil
}
