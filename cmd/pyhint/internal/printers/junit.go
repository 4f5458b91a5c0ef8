package printers

// This file defines the junit format: JUnit XML, which Jenkins, GitLab,
// Azure Pipelines and most CI test tabs display. Each file with findings is
// a test suite and each finding a failed test case; a clean run is one
// passing test case, so the report is never empty. The run's errors (a
// path that could not be read, a bad configuration) are test cases in
// error in a suite of their own.

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/pyhint/pyhint/cmd/pyhint/internal/lint"
)

// JUnit prints JUnit XML.
type JUnit struct{}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr,omitempty"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr,omitempty"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitFailure `xml:"failure"`
	Error     *junitFailure `xml:"error"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// Print writes the XML document.
func (j JUnit) Print(w io.Writer, findings []lint.Finding) error {
	return j.PrintWithErrors(w, findings, nil)
}

// PrintWithErrors writes the XML document with a suite of the run's errors.
func (JUnit) PrintWithErrors(w io.Writer, findings []lint.Finding, errs []error) error {
	doc := junitSuites{Name: "pyhint", Tests: len(findings), Failures: len(findings)}
	for _, f := range findings { // sorted by path: one suite per run of equal paths
		if n := len(doc.Suites); n == 0 || doc.Suites[n-1].Name != f.Path {
			doc.Suites = append(doc.Suites, junitSuite{Name: f.Path})
		}
		s := &doc.Suites[len(doc.Suites)-1]
		s.Tests++
		s.Failures++
		s.Cases = append(s.Cases, junitCase{
			Name:      fmt.Sprintf("%s at line %d, column %d", f.Rule, f.Line, f.Column),
			ClassName: f.Path,
			File:      f.Path,
			Line:      f.Line,
			Failure: &junitFailure{
				Message: f.Message,
				Type:    f.Rule,
				Text:    fmt.Sprintf("%s:%d:%d: %s %s (%s)", f.Path, f.Line, f.Column, f.Rule, f.Message, f.Severity),
			},
		})
	}
	if len(errs) > 0 {
		s := junitSuite{Name: "pyhint errors", Tests: len(errs), Errors: len(errs)}
		for i, err := range errs {
			s.Cases = append(s.Cases, junitCase{
				Name:      fmt.Sprintf("error %d", i+1),
				ClassName: "pyhint",
				Error:     &junitFailure{Message: err.Error(), Type: "error", Text: err.Error()},
			})
		}
		doc.Suites = append(doc.Suites, s)
		doc.Tests += len(errs)
		doc.Errors = len(errs)
	}
	if len(findings) == 0 && len(errs) == 0 {
		doc.Tests = 1
		doc.Suites = []junitSuite{{Name: "pyhint", Tests: 1, Cases: []junitCase{{Name: "no findings", ClassName: "pyhint"}}}}
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write junit report: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write junit report: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write junit report: %w", err)
	}
	return nil
}
