package printers

import (
	"bufio"
	"fmt"
	"io"

	"github.com/pyhint/pyhint/cmd/pyhint/internal/lint"
)

// This file defines the concise format: one finding per line,
// "path:line:col: rule message", the shape editors' error formats and grep
// understand.

// Concise prints one line per finding.
type Concise struct{}

// Print writes findings one per line.
func (Concise) Print(w io.Writer, findings []lint.Finding) error {
	bw := bufio.NewWriter(w)
	for _, f := range findings {
		fmt.Fprintf(bw, "%s:%d:%d: %s %s\n", f.Path, f.Line, f.Column, f.Rule, oneLine(f.Message))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write concise report: %w", err)
	}
	return nil
}
