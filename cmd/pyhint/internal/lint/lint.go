// Package lint drives the engine over files and directories for the CLI:
// discovery, parallel analysis, and the findings in a stable order.
package lint

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/pyhint/pyhint/analyzers"
	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/checker"
	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/analyzers/pyts"
)

// DefaultExcludes are directory names never descended into.
var DefaultExcludes = []string{".git", ".hg", ".svn", ".venv", "venv", "__pycache__", "node_modules", "site-packages", ".tox", ".nox", ".mypy_cache", ".ruff_cache"}

// MaxFileBytes bounds the files the CLI analyses; larger files are skipped
// with a warning (generated data, not code a person edits).
const MaxFileBytes = 64 << 20

// Edit is a fix's text edit in CLI coordinates (1-based lines, code-point
// columns) and in byte offsets.
type Edit struct {
	Line, Column, EndLine, EndColumn int
	Start, End                       int
	NewText                          string
}

// Fix is a suggested fix.
type Fix struct {
	Message string
	Safe    bool
	Edits   []Edit
}

// Finding is one diagnostic located in a file.
type Finding struct {
	Path                             string
	Line, Column, EndLine, EndColumn int
	Rule, Concept, Severity, Message string
	URL                              string
	Fix                              *Fix
	// SourceLine is the text of the first line of the range, for printers
	// that show it.
	SourceLine string
}

// Options select what a run reports.
type Options struct {
	// Enabled reports whether a rule is on; nil means every default rule.
	Enabled func(rule string) bool
	// Jobs is the number of files analysed at once (0: one per core).
	Jobs int
	// ParseOnly reads and parses every file and analyses nothing: the floor
	// the performance budget is measured against (bench/).
	ParseOnly bool
}

// Report is the outcome of a run.
type Report struct {
	Findings []Finding
	Files    int // files analysed
	// Warnings are files skipped for a reason that is not an error of the
	// run (binary, not UTF-8, too large); Errors are unreadable paths and
	// internal errors.
	Warnings []string
	Errors   []error
}

// Run lints paths (files or directories).
func Run(ctx context.Context, paths []string, opts Options) *Report {
	rep := &Report{}
	files := Discover(paths, rep)
	rules := map[string]analyzers.RuleInfo{}
	for _, r := range analyzers.Rules() {
		rules[r.Name] = r
	}
	enabled := opts.Enabled
	if enabled == nil {
		enabled = func(rule string) bool { return rules[rule].Default }
	}
	c := checker.New(analyzers.All()).WithSuppressions(func(rule string) bool {
		_, ok := rules[rule]
		return ok
	})
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	type result struct {
		findings []Finding
		warning  string
		errs     []error
	}
	results := make([]result, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := pyts.NewParser()
			defer p.Close()
			for i := range next {
				if opts.ParseOnly {
					results[i].errs = parseOnly(ctx, p, files[i])
					continue
				}
				f, warn, errs := lintFile(ctx, c, p, files[i], rules, enabled)
				results[i] = result{f, warn, errs}
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, r := range results {
		rep.Findings = append(rep.Findings, r.findings...)
		if r.warning != "" {
			rep.Warnings = append(rep.Warnings, r.warning)
		} else if len(r.errs) == 0 {
			rep.Files++
		}
		rep.Errors = append(rep.Errors, r.errs...)
	}
	SortFindings(rep.Findings)
	return rep
}

// SortFindings orders findings by path, line, column, rule.
func SortFindings(fs []Finding) {
	slices.SortFunc(fs, func(a, b Finding) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column), strings.Compare(a.Rule, b.Rule))
	})
}

// Discover expands paths into the Python files to lint, in a stable order.
// Files named explicitly are always included; directories contribute *.py
// and *.pyi files outside DefaultExcludes. Symbolic links to directories are
// not followed (so a link loop cannot trap the walk). Unreadable paths are
// recorded in rep.Errors.
func Discover(paths []string, rep *Report) []string {
	var files []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			rep.Errors = append(rep.Errors, fmt.Errorf("%s: %w", root, unwrapPathError(err)))
			continue
		}
		if !info.IsDir() {
			add(root)
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				rep.Errors = append(rep.Errors, fmt.Errorf("%s: %w", p, unwrapPathError(err)))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if p != root && slices.Contains(DefaultExcludes, d.Name()) {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && (strings.HasSuffix(p, ".py") || strings.HasSuffix(p, ".pyi")) {
				add(p)
			}
			return nil
		})
		if err != nil {
			rep.Errors = append(rep.Errors, fmt.Errorf("%s: %w", root, err))
		}
	}
	return files
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// CheckText reports why src cannot be analysed as Python text, or "".
func CheckText(src []byte) string {
	if len(src) > MaxFileBytes {
		return fmt.Sprintf("larger than %d MB, skipped", MaxFileBytes>>20)
	}
	if bytes.IndexByte(src, 0) >= 0 {
		return "binary file (contains NUL bytes), skipped"
	}
	if !utf8.Valid(src) {
		return "not valid UTF-8, skipped (pyhint reads UTF-8 source, Python's default encoding)"
	}
	return ""
}

func lintFile(ctx context.Context, c *checker.Checker, p *pyts.Parser, path string, rules map[string]analyzers.RuleInfo, enabled func(string) bool) ([]Finding, string, []error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, "", []error{fmt.Errorf("%s: %w", path, unwrapPathError(err))}
	}
	if why := CheckText(src); why != "" {
		return nil, path + ": " + why, nil
	}
	return Analyze(ctx, c, p, path, src, rules, enabled)
}

func parseOnly(ctx context.Context, p *pyts.Parser, path string) []error {
	src, err := os.ReadFile(path)
	if err != nil {
		return []error{fmt.Errorf("%s: %w", path, unwrapPathError(err))}
	}
	t, err := p.ParseRaw(ctx, src, nil)
	if err != nil {
		return []error{fmt.Errorf("%s: %w", path, err)}
	}
	t.Close()
	return nil
}

// Analyze lints one in-memory source.
func Analyze(ctx context.Context, c *checker.Checker, p *pyts.Parser, path string, src []byte, rules map[string]analyzers.RuleInfo, enabled func(string) bool) ([]Finding, string, []error) {
	doc, res, err := c.CheckSource(ctx, p, src)
	if err != nil {
		return nil, "", []error{fmt.Errorf("%s: %w", path, err)}
	}
	var errs []error
	for _, e := range res.Errors {
		errs = append(errs, fmt.Errorf("%s: %w", path, e))
	}
	var out []Finding
	for _, d := range res.Diagnostics {
		if !enabled(d.Rule) {
			continue
		}
		out = append(out, newFinding(doc, path, d, rules[d.Rule]))
	}
	return out, "", errs
}

func newFinding(doc *document.Document, path string, d analysis.Diagnostic, ri analyzers.RuleInfo) Finding {
	line, col := doc.LineCol(d.Range.Start)
	eline, ecol := doc.LineCol(d.Range.End)
	f := Finding{
		Path: path, Line: line, Column: col, EndLine: eline, EndColumn: ecol,
		Rule: d.Rule, Concept: d.Concept, Severity: ri.Severity, Message: d.Message, URL: ri.URL,
		SourceLine: string(doc.Line(line - 1)),
	}
	if f.Severity == "" {
		f.Severity = "warning"
	}
	if len(d.Fixes) > 0 {
		fx := &Fix{Message: d.Fixes[0].Message, Safe: ri.Fix == "safe"}
		for _, e := range d.Fixes[0].Edits {
			l, c := doc.LineCol(e.Range.Start)
			el, ec := doc.LineCol(e.Range.End)
			fx.Edits = append(fx.Edits, Edit{Line: l, Column: c, EndLine: el, EndColumn: ec, Start: e.Range.Start, End: e.Range.End, NewText: e.NewText})
		}
		f.Fix = fx
	}
	return f
}
