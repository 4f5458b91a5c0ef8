package printers

// This file defines the sarif format: one SARIF 2.1.0 log with one run,
// whose tool descriptor carries the metadata of every rule reported (title,
// summary, help text and URI from the knowledge base) and whose results
// carry their fixes. Columns are Unicode code points (columnKind), as in
// every pyhint format. GitHub code scanning and most CI dashboards read it.

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pyhint/pyhint/cmd/pyhint/internal/lint"
	"github.com/pyhint/pyhint/knowledge"
)

// SARIF prints a SARIF 2.1.0 log.
type SARIF struct {
	Version string
}

// informationURI is pyhint's home page.
const informationURI = "https://github.com/pyhint/pyhint"

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations,omitempty"`
	ColumnKind  string            `json:"columnKind"`
	Results     []sarifResult     `json:"results"`
}

// sarifInvocation says, when the run met errors, that it did not complete.
type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications"`
}

type sarifNotification struct {
	Level   string    `json:"level"`
	Message sarifText `json:"message"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string          `json:"name"`
	Version        string          `json:"version,omitempty"`
	InformationURI string          `json:"informationUri"`
	Rules          []sarifRuleDesc `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRuleDesc struct {
	ID                   string            `json:"id"`
	ShortDescription     sarifText         `json:"shortDescription"`
	FullDescription      *sarifText        `json:"fullDescription,omitempty"`
	Help                 *sarifText        `json:"help,omitempty"`
	HelpURI              string            `json:"helpUri,omitempty"`
	DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
	Properties           sarifRuleProperty `json:"properties"`
}

type sarifRuleConfig struct {
	Enabled bool   `json:"enabled"`
	Level   string `json:"level"`
}

type sarifRuleProperty struct {
	Tags    []string `json:"tags"`
	Concept string   `json:"concept,omitempty"`
	Fix     string   `json:"fix,omitempty"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
	Fixes     []sarifFix      `json:"fixes,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifact      `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent *sarifText  `json:"insertedContent,omitempty"`
}

// sarifLevel maps a pyhint severity to a SARIF level.
func sarifLevel(sev string) string {
	switch sev {
	case "error":
		return "error"
	case "warning":
		return "warning"
	}
	return "note"
}

// Print writes the log.
func (p SARIF) Print(w io.Writer, findings []lint.Finding) error {
	return p.PrintWithErrors(w, findings, nil)
}

// PrintWithErrors writes the log with an invocation that did not succeed
// and a notification for each error, when there are any.
func (p SARIF) PrintWithErrors(w io.Writer, findings []lint.Finding, errs []error) error {
	var ids []string
	for _, f := range findings {
		if !slices.Contains(ids, f.Rule) {
			ids = append(ids, f.Rule)
		}
	}
	slices.Sort(ids)
	rules := make([]sarifRuleDesc, len(ids))
	for i, id := range ids {
		rules[i] = sarifRule(id)
	}
	results := make([]sarifResult, 0, len(findings))
	for _, f := range findings {
		uri := fileURI(f.Path)
		r := sarifResult{
			RuleID:    f.Rule,
			RuleIndex: slices.Index(ids, f.Rule),
			Level:     sarifLevel(f.Severity),
			Message:   sarifText{Text: f.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: uri},
				Region:           sarifRegion{f.Line, f.Column, f.EndLine, f.EndColumn},
			}}},
		}
		if f.Fix != nil {
			ch := sarifArtifactChange{ArtifactLocation: sarifArtifact{URI: uri}, Replacements: []sarifReplacement{}}
			for _, e := range f.Fix.Edits {
				rep := sarifReplacement{DeletedRegion: sarifRegion{e.Line, e.Column, e.EndLine, e.EndColumn}}
				if e.NewText != "" {
					rep.InsertedContent = &sarifText{Text: e.NewText}
				}
				ch.Replacements = append(ch.Replacements, rep)
			}
			r.Fixes = []sarifFix{{Description: sarifText{Text: f.Fix.Message}, ArtifactChanges: []sarifArtifactChange{ch}}}
		}
		results = append(results, r)
	}
	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool:       sarifTool{Driver: sarifDriver{Name: "pyhint", Version: p.Version, InformationURI: informationURI, Rules: rules}},
			ColumnKind: "unicodeCodePoints",
			Results:    results,
		}},
	}
	if len(errs) > 0 {
		inv := sarifInvocation{ToolExecutionNotifications: []sarifNotification{}}
		for _, err := range errs {
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{Level: "error", Message: sarifText{Text: err.Error()}})
		}
		log.Runs[0].Invocations = []sarifInvocation{inv}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return fmt.Errorf("write sarif report: %w", err)
	}
	return nil
}

// sarifRule describes a rule from its knowledge document: the title as the
// short description, the summary as the full one, the document at the
// intermediate level as help (text and Markdown), and its primary reference
// as the help URI.
func sarifRule(id string) sarifRuleDesc {
	r := sarifRuleDesc{
		ID:                   id,
		ShortDescription:     sarifText{Text: id},
		DefaultConfiguration: sarifRuleConfig{Enabled: true, Level: "warning"},
		Properties:           sarifRuleProperty{Tags: []string{"pyhint"}},
	}
	d, ok := knowledge.Lookup(id)
	if !ok || d.Kind != knowledge.Rule {
		return r
	}
	r.ShortDescription = sarifText{Text: d.Title}
	if d.Summary != "" {
		r.FullDescription = &sarifText{Text: d.Summary}
	}
	r.Help = &sarifText{
		Text:     knowledge.Render(d, knowledge.Text, knowledge.Intermediate),
		Markdown: knowledge.Render(d, knowledge.Markdown, knowledge.Intermediate),
	}
	r.HelpURI = d.URL()
	r.DefaultConfiguration = sarifRuleConfig{Enabled: d.Default, Level: sarifLevel(d.Severity)}
	r.Properties.Concept = d.Concept
	r.Properties.Fix = d.Fix
	if d.Concept != "" {
		r.Properties.Tags = append(r.Properties.Tags, d.Concept)
	}
	return r
}

// fileURI turns a reported path into a SARIF artifact URI: a relative
// reference for a relative path (resolved against the checkout by GitHub
// and other consumers), a file: URI for an absolute one.
func fileURI(path string) string {
	slash := filepath.ToSlash(path)
	if filepath.IsAbs(path) {
		if !strings.HasPrefix(slash, "/") {
			slash = "/" + slash // C:/x → /C:/x
		}
		return (&url.URL{Scheme: "file", Path: slash}).String()
	}
	return (&url.URL{Path: strings.TrimPrefix(slash, "./")}).String()
}
