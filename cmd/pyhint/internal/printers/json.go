package printers

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/pyhint/pyhint/cmd/pyhint/internal/lint"
)

// This file defines the json format: one JSON array, the contract in
// DESIGN.md (path, line, column, end_line, end_column, rule, concept,
// severity, message, url; fix when one exists).

// JSON prints a JSON array.
type JSON struct{}

type jsonEdit struct {
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	NewText   string `json:"new_text"`
}

type jsonFix struct {
	Message string     `json:"message"`
	Safe    bool       `json:"safe"`
	Edits   []jsonEdit `json:"edits"`
}

type jsonFinding struct {
	Path      string   `json:"path"`
	Line      int      `json:"line"`
	Column    int      `json:"column"`
	EndLine   int      `json:"end_line"`
	EndColumn int      `json:"end_column"`
	Rule      string   `json:"rule"`
	Concept   string   `json:"concept"`
	Severity  string   `json:"severity"`
	Message   string   `json:"message"`
	URL       string   `json:"url"`
	Fix       *jsonFix `json:"fix,omitempty"`
}

// Print writes the array (an empty array when there is nothing to report).
func (JSON) Print(w io.Writer, findings []lint.Finding) error {
	out := make([]jsonFinding, 0, len(findings))
	for _, f := range findings {
		jf := jsonFinding{Path: f.Path, Line: f.Line, Column: f.Column, EndLine: f.EndLine, EndColumn: f.EndColumn,
			Rule: f.Rule, Concept: f.Concept, Severity: f.Severity, Message: f.Message, URL: f.URL}
		if f.Fix != nil {
			fx := &jsonFix{Message: f.Fix.Message, Safe: f.Fix.Safe, Edits: []jsonEdit{}}
			for _, e := range f.Fix.Edits {
				fx.Edits = append(fx.Edits, jsonEdit{e.Line, e.Column, e.EndLine, e.EndColumn, e.NewText})
			}
			jf.Fix = fx
		}
		out = append(out, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	return nil
}
