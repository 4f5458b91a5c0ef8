package printers

import (
	"bufio"
	"fmt"
	"io"

	"github.com/pyhint/pyhint/cmd/pyhint/internal/lint"
)

// This file defines the text format: one finding per line,
// "path:line:col: rule message", the shape editors and grep understand.

// Text is the default format.
type Text struct{}

// Print writes findings one per line.
func (Text) Print(w io.Writer, findings []lint.Finding) error {
	bw := bufio.NewWriter(w)
	for _, f := range findings {
		fmt.Fprintf(bw, "%s:%d:%d: %s %s\n", f.Path, f.Line, f.Column, f.Rule, f.Message)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write text report: %w", err)
	}
	return nil
}
