// Package lint drives the engine over files and directories for the CLI:
// discovery (configuration per directory, excludes, .gitignore), parallel
// analysis through a content-hash cache, fixes, and the findings in a stable
// order.
package lint

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/pyhint/pyhint/analyzers"
	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/checker"
	"github.com/pyhint/pyhint/analyzers/config"
	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/analyzers/fileio"
	"github.com/pyhint/pyhint/analyzers/pyts"
	"github.com/pyhint/pyhint/analyzers/suppress"
)

// MaxFileBytes bounds the files the CLI analyses; larger files are skipped
// with a warning, unread (generated data, not code a person edits).
// Analysing a file takes about 90 bytes of memory per byte of source at
// its peak (a 20 MB file: 1.8 GB), and two files are analysed at once.
const MaxFileBytes = 24 << 20

// StdinPath is the path argument that reads the source from standard input.
const StdinPath = "-"

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

// FixMode says which fixes a run applies.
type FixMode int

const (
	NoFix     FixMode = iota // report only
	FixSafe                  // apply fixes of rules whose fix is safe
	FixUnsafe                // apply every fix
)

// Options select what a run reports and does.
type Options struct {
	// Config, when set, governs every file (pyhint lint --config FILE).
	// When nil, each file is governed by the nearest pyproject.toml with a
	// [tool.pyhint] table at or above its directory.
	Config *config.Config
	// Adjust, when set, derives the effective configuration from a file's
	// configuration: the command line overriding the file. It must not
	// modify its argument.
	Adjust func(*config.Config) *config.Config
	// Jobs is the number of files analysed at once (0: one per core).
	Jobs int
	// ParseOnly reads and parses every file and analyses nothing: the floor
	// the performance budget is measured against (bench/).
	ParseOnly bool
	// Cache, when set, keeps each file's analysis by content hash.
	Cache *Cache
	// Fix applies fixes in place (see Report.Fixed); with Diff, computes
	// them into Report.Diffs and writes nothing.
	Fix  FixMode
	Diff bool
	// Stdin is read for the path "-"; StdinFilename, when set, is the path
	// it is reported under and that selects its configuration.
	Stdin         io.Reader
	StdinFilename string
	// ForceExclude applies the excludes to files named on the command line
	// too (pre-commit passes every changed file by name).
	ForceExclude bool
	// Progress, when set, is called after each file with the number done
	// and the total. Calls are serialised.
	Progress func(done, total int)

	// beforeWrite is a test hook called before a fixed file is written;
	// beforeRead, before a file found by discovery is read.
	beforeWrite, beforeRead func(path string)
}

// FileDiff is a file's content before and after its fixes.
type FileDiff struct {
	Path     string
	Old, New []byte
}

// Report is the outcome of a run.
type Report struct {
	Findings []Finding
	Files    int // files checked
	Analysed int // files analysed, rather than answered from the cache
	// Fixed counts the findings fixed (with Diff: that would be fixed);
	// Unfixed counts the findings left that have a fix which the fix mode
	// did not allow (unsafe fixes without FixUnsafe).
	Fixed, UnsafeFixable int
	// Diffs are the files that fixes change, sorted by path (only with
	// Options.Diff).
	Diffs []FileDiff
	// StdinOutput is the fixed source read from stdin (only with Fix and
	// without Diff); it is the input unchanged when nothing was fixed.
	StdinOutput []byte
	// Warnings are files skipped or left alone for a reason that is not an
	// error of the run (binary, not UTF-8, too large, changed on disk while
	// being fixed); Errors are unreadable paths, bad configuration and
	// internal errors.
	Warnings []string
	Errors   []error
}

// Run lints paths (files, directories, or "-" for stdin). A configuration
// error stops the run before any file is analysed.
func Run(ctx context.Context, paths []string, opts Options) *Report {
	rep := &Report{}
	targets, err := discover(paths, opts, rep)
	if err != nil {
		rep.Errors = append(rep.Errors, err)
		return rep
	}
	c := analyzers.NewChecker()
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	results := make([]result, len(targets))
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		done int
	)
	next := make(chan int)
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &worker{opts: &opts, c: c, p: pyts.NewParser()}
			defer w.p.Close()
			for i := range next {
				results[i] = w.run(ctx, targets[i])
				if opts.Progress != nil {
					mu.Lock()
					done++
					opts.Progress(done, len(targets))
					mu.Unlock()
				}
			}
		}()
	}
	for i := range targets {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		rep.Errors = append(rep.Errors, fmt.Errorf("lint: %w", err))
	}
	for _, r := range results {
		rep.Findings = append(rep.Findings, r.findings...)
		rep.Warnings = append(rep.Warnings, r.warnings...)
		rep.Errors = append(rep.Errors, r.errs...)
		if r.checked {
			rep.Files++
		}
		if r.analysed {
			rep.Analysed++
		}
		rep.Fixed += r.fixed
		rep.UnsafeFixable += r.unsafeFixable
		if r.diff != nil {
			rep.Diffs = append(rep.Diffs, *r.diff)
		}
		if r.stdinOutput != nil {
			rep.StdinOutput = r.stdinOutput
		}
	}
	if opts.Cache != nil {
		opts.Cache.Flush()
		if err := opts.Cache.Err(); err != nil {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("cache: %v (later runs will analyse again)", err))
		}
	}
	SortFindings(rep.Findings)
	slices.SortFunc(rep.Diffs, func(a, b FileDiff) int { return strings.Compare(a.Path, b.Path) })
	return rep
}

// SortFindings orders findings by path, line, column, rule.
func SortFindings(fs []Finding) {
	slices.SortFunc(fs, func(a, b Finding) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column), strings.Compare(a.Rule, b.Rule), strings.Compare(a.Message, b.Message))
	})
}

// CheckText reports why src cannot be analysed as Python text, or "".
func CheckText(src []byte) string {
	if len(src) > MaxFileBytes {
		return fmt.Sprintf("larger than the %d MB limit; skipped", MaxFileBytes>>20)
	}
	if bytes.IndexByte(src, 0) >= 0 {
		return "binary file (contains NUL bytes), skipped"
	}
	if !utf8.Valid(src) {
		return "not valid UTF-8, skipped (pyhint reads UTF-8 source, Python's default encoding)"
	}
	return ""
}

// readError describes a file that could not be read, in one line that
// names it and says why.
func readError(path string, err error) error {
	var nr *fileio.NotRegularError
	var large *fileio.TooLargeError
	if errors.As(err, &nr) || errors.As(err, &large) {
		return fmt.Errorf("%s: %w", path, err)
	}
	return fmt.Errorf("%s: cannot read: %w", path, unwrapPathError(err))
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// result is what one file contributes to the report.
type result struct {
	findings      []Finding
	warnings      []string
	errs          []error
	checked       bool
	analysed      bool
	fixed         int
	unsafeFixable int
	diff          *FileDiff
	stdinOutput   []byte
}

// worker analyses files one at a time with its own parser.
type worker struct {
	opts *Options
	c    *checker.Checker
	p    *pyts.Parser
}

// analysisResult is the checker's output for one content, located (lines,
// columns, source line): independent of the configuration, which is applied
// afterwards, and of the path, so it can be cached by content alone.
type analysisResult struct {
	Findings    []located `json:"findings"`
	SyntaxError bool      `json:"syntax_error"`
}

// located is a finding without its path, with its byte range.
type located struct {
	Finding
	Start int `json:"start"`
	End   int `json:"end"`
}

func (w *worker) run(ctx context.Context, t target) (r result) {
	if err := ctx.Err(); err != nil {
		return r
	}
	var src []byte
	var err error
	if t.stdin {
		// At most one byte past the limit: enough to know it is too large.
		src, err = io.ReadAll(io.LimitReader(w.opts.Stdin, MaxFileBytes+1))
		if err != nil {
			r.errs = append(r.errs, fmt.Errorf("%s: read stdin: %w", t.path, err))
			return r
		}
		if len(src) > MaxFileBytes && w.opts.Fix != NoFix && !w.opts.Diff {
			// A filter that cannot echo its whole input must fail.
			r.errs = append(r.errs, fmt.Errorf("%s: standard input is larger than the %d MB limit; not fixed", t.path, MaxFileBytes>>20))
			return r
		}
	} else {
		if w.opts.beforeRead != nil {
			w.opts.beforeRead(t.path)
		}
		src, err = fileio.ReadRegular(t.path, MaxFileBytes)
		var large *fileio.TooLargeError
		switch {
		case errors.As(err, &large):
			r.warnings = append(r.warnings, fmt.Sprintf("%s: %v", t.path, err))
			return r
		case err != nil:
			r.errs = append(r.errs, readError(t.path, err))
			return r
		}
	}
	if why := CheckText(src); why != "" {
		r.warnings = append(r.warnings, t.path+": "+why)
		if t.stdin && w.opts.Fix != NoFix && !w.opts.Diff {
			r.stdinOutput = src // a filter must not swallow its input
		}
		return r
	}
	if w.opts.ParseOnly {
		tree, err := w.p.ParseRaw(ctx, src, nil)
		if err != nil {
			r.errs = append(r.errs, fmt.Errorf("%s: %w", t.path, err))
			return r
		}
		tree.Close()
		r.checked = true
		return r
	}
	cache := w.opts.Cache
	if t.stdin {
		cache = nil // an editor's buffer changes with every keystroke
	}
	var res *analysisResult
	if cache != nil {
		res, _ = cache.get(t.abs, src)
	}
	if res == nil {
		r.analysed = true
		if res, err = w.analyse(ctx, src); err != nil {
			r.errs = append(r.errs, fmt.Errorf("%s: %w", t.path, err))
			return r
		}
		if cache != nil {
			cache.put(t.abs, src, res)
		}
	}
	r.checked = true
	final, finalRes := src, res
	if w.opts.Fix != NoFix || w.opts.Diff {
		fixed, fixedRes, n, errs := w.fix(ctx, t, src, res)
		r.errs = append(r.errs, errs...)
		if n > 0 && !bytes.Equal(fixed, src) {
			switch {
			case w.opts.Diff:
				r.diff = &FileDiff{Path: t.path, Old: src, New: fixed}
				final, finalRes, r.fixed = fixed, fixedRes, n
			case t.stdin:
				final, finalRes, r.fixed = fixed, fixedRes, n
			default:
				if err := w.write(t.path, src, fixed); err != nil {
					var changed *changedError
					if errors.As(err, &changed) {
						r.warnings = append(r.warnings, err.Error())
					} else {
						r.errs = append(r.errs, err)
					}
				} else {
					final, finalRes, r.fixed = fixed, fixedRes, n
					if cache != nil {
						cache.put(t.abs, fixed, fixedRes)
					}
				}
			}
		}
		if t.stdin && !w.opts.Diff {
			r.stdinOutput = final
		}
	}
	r.findings = w.findings(t, final, finalRes)
	for _, f := range r.findings {
		if f.Fix != nil && !f.Fix.Safe && w.opts.Fix != FixUnsafe {
			r.unsafeFixable++
		}
	}
	return r
}

// analyse runs the checker over src.
func (w *worker) analyse(ctx context.Context, src []byte) (*analysisResult, error) {
	tree, err := w.p.Parse(ctx, src)
	if err != nil {
		return nil, err
	}
	doc := document.New(src)
	res, err := w.c.Check(ctx, doc, tree)
	if err != nil {
		return nil, err
	}
	if len(res.Errors) > 0 {
		return nil, errors.Join(res.Errors...)
	}
	out := &analysisResult{Findings: make([]located, len(res.Diagnostics)), SyntaxError: tree.HasError()}
	for i, d := range res.Diagnostics {
		rule, _ := analyzers.Rule(d.Rule)
		out.Findings[i] = located{newFinding(doc, "", d, rule), d.Range.Start, d.Range.End}
	}
	return out, nil
}

// findings applies t's configuration to an analysis of src.
func (w *worker) findings(t target, src []byte, res *analysisResult) []Finding {
	var out []Finding
	for _, l := range res.Findings {
		if !t.cfg.Enabled(l.Rule, t.abs) {
			continue
		}
		f := l.Finding
		f.Path = t.path
		f.Severity = t.cfg.SeverityOf(f.Rule)
		if f.Rule == suppress.Rule && validRange(l.Start, l.End, len(src)) && !knownRule(string(src[l.Start:l.End])) {
			f.Severity = "error" // an unknown rule name: a typo that silences nothing
		}
		out = append(out, f)
	}
	return out
}

func newFinding(doc *document.Document, path string, d analysis.Diagnostic, ri analyzers.RuleInfo) Finding {
	line, col := doc.LineCol(d.Range.Start)
	eline, ecol := doc.LineCol(d.Range.End)
	f := Finding{
		Path: path, Line: line, Column: col, EndLine: eline, EndColumn: ecol,
		Rule: d.Rule, Concept: d.Concept, Severity: ri.Severity, Message: d.Message, URL: ri.URL,
		SourceLine: string(doc.Line(line - 1)),
	}
	if f.Concept == "" {
		f.Concept = ri.Concept
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

// knownRule reports whether the registry has a rule of that name.
func knownRule(name string) bool {
	_, ok := analyzers.Rule(name)
	return ok
}
