package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"
	"golang.org/x/term"

	"github.com/pyhint/pyhint/analyzers"
	"github.com/pyhint/pyhint/analyzers/config"
	"github.com/pyhint/pyhint/cmd/pyhint/internal/lint"
	"github.com/pyhint/pyhint/cmd/pyhint/internal/printers"
	"github.com/pyhint/pyhint/knowledge"
)

// This file defines the lint command: flags, wiring and exit codes.

// progressThreshold is the number of files above which a terminal gets a
// progress line: below it, a run is over before the line would be read.
const progressThreshold = 300

// lintFlags are the lint command's flags.
type lintFlags struct {
	format, configFile, selectRules, ignoreRules, level string
	outputFile, stdinFilename, cacheDir, color          string
	jobs                                                int
	fix, unsafeFixes, diff, statistics, exitZero        bool
	noCache, forceExclude, parseOnly                    bool
}

func newLintFlags(stderr io.Writer) (*flag.FlagSet, *lintFlags) {
	fl := flag.NewFlagSet("lint", flag.ContinueOnError)
	fl.SetOutput(stderr)
	f := &lintFlags{}
	fl.StringVar(&f.format, "format", "text", "output format: "+strings.Join(printers.Formats(), ", "))
	fl.StringVar(&f.configFile, "config", "", "use this pyproject.toml for every file instead of the nearest one above each")
	fl.StringVar(&f.selectRules, "select", "", "comma-separated rules or concepts to report, replacing the config's select and ignore (ALL: every rule)")
	fl.StringVar(&f.ignoreRules, "ignore", "", "comma-separated rules or concepts not to report, added to the config's ignore")
	fl.StringVar(&f.level, "explanation-level", "", "help under each text finding: beginner, intermediate or expert (default: the config's, else beginner)")
	fl.IntVar(&f.jobs, "jobs", 0, "files analysed in parallel (0: one per core)")
	fl.BoolVar(&f.fix, "fix", false, "apply safe fixes in place; report what is left")
	fl.BoolVar(&f.unsafeFixes, "unsafe-fixes", false, "with --fix or --diff, apply unsafe fixes too (review them)")
	fl.BoolVar(&f.diff, "diff", false, "print the fixes as a unified diff and write nothing; exit 1 if there is one, else 0")
	fl.BoolVar(&f.statistics, "statistics", false, "print the number of findings per rule instead of the findings (text or json)")
	fl.StringVar(&f.outputFile, "output-file", "", "write the report to this file instead of standard output")
	fl.BoolVar(&f.exitZero, "exit-zero", false, "exit 0 even when there are findings (errors still exit 2)")
	fl.StringVar(&f.stdinFilename, "stdin-filename", "", `with the path "-", the name of the file read from standard input (for its config and messages)`)
	fl.StringVar(&f.cacheDir, "cache-dir", "", "cache directory (default: $PYHINT_CACHE_DIR, else pyhint/ in the user cache directory)")
	fl.BoolVar(&f.noCache, "no-cache", false, "analyse every file, reading and writing no cache")
	fl.BoolVar(&f.forceExclude, "force-exclude", false, "apply excludes to files named on the command line too (for pre-commit)")
	fl.StringVar(&f.color, "color", "auto", "colour the text format: auto (on a terminal, unless NO_COLOR is set), always or never")
	fl.BoolVar(&f.parseOnly, "debug-parse-only", false, "parse every file and analyse nothing (for benchmarks)")
	fl.Usage = func() {
		fmt.Fprintf(stderr, `Usage: pyhint lint [flags] PATH...

Lints Python files and directories ("-": standard input). Directories
contribute *.py and *.pyi files that no .gitignore and no exclude matches
(default excludes: %s).
Symbolic links met in a directory are not followed. Each file is
governed by the nearest pyproject.toml with a [tool.pyhint] table at or
above it; flags override it. Only regular files are read (never a pipe
or a device); binary files, files that are not UTF-8 and files over
%d MB are skipped with a warning.

Exit status: 0 no findings, 1 findings, 2 usage or configuration error,
unreadable input (a file that cannot be read, a pipe, a broken symbolic
link), or internal error; what could be read is still reported.

Flags:
`, strings.Join(config.DefaultExclude(), " "), lint.MaxFileBytes>>20)
		fl.PrintDefaults()
	}
	return fl, f
}

// parseInterspersed parses flags that may come before, between or after
// paths, as in "pyhint lint src --fix"; everything after "--" is a path.
func parseInterspersed(fl *flag.FlagSet, args []string) ([]string, error) {
	var paths []string
	for {
		if err := fl.Parse(args); err != nil {
			return nil, err
		}
		rest := fl.Args()
		if len(rest) == 0 {
			return paths, nil
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(paths, rest...), nil
		}
		paths = append(paths, rest[0])
		args = rest[1:]
	}
}

func runLint(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl, f := newLintFlags(stderr)
	paths, err := parseInterspersed(fl, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean
		}
		return exitError
	}
	fail := func(format string, args ...any) int {
		fmt.Fprintf(stderr, "pyhint lint: "+format+"\n", args...)
		return exitError
	}
	if len(paths) == 0 && f.stdinFilename != "" {
		paths = []string{lint.StdinPath}
	}
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "pyhint lint: no paths given")
		fl.Usage()
		return exitError
	}
	if f.stdinFilename != "" && !slices.Contains(paths, lint.StdinPath) {
		return fail(`--stdin-filename needs the path "-"`)
	}
	if f.unsafeFixes && !f.fix && !f.diff {
		return fail("--unsafe-fixes needs --fix or --diff")
	}
	if f.statistics && f.format != "text" && f.format != "json" {
		return fail("--statistics prints text or json, not %s", f.format)
	}
	sel, err := ruleList(f.selectRules, "select")
	if err != nil {
		return fail("%v", err)
	}
	ign, err := ruleList(f.ignoreRules, "ignore")
	if err != nil {
		return fail("%v", err)
	}
	if f.level != "" {
		if _, err := knowledge.ParseLevel(f.level); err != nil {
			return fail("--explanation-level: %v", err)
		}
	}
	colorOn, err := colorEnabled(f.color, f.outputFile == "" && isTerminal(stdout), os.Getenv("NO_COLOR"), os.Getenv("TERM"))
	if err != nil {
		return fail("%v", err)
	}

	opts := lint.Options{
		Jobs: f.jobs, ParseOnly: f.parseOnly, Diff: f.diff,
		Stdin: stdin, StdinFilename: f.stdinFilename, ForceExclude: f.forceExclude,
		Adjust: func(c *config.Config) *config.Config { return adjust(c, sel, ign, f.level) },
	}
	switch {
	case f.fix && f.unsafeFixes, f.diff && f.unsafeFixes:
		opts.Fix = lint.FixUnsafe
	case f.fix, f.diff:
		opts.Fix = lint.FixSafe
	}
	if f.configFile != "" {
		cfg, err := config.Load(f.configFile)
		if err != nil {
			return fail("%v", err)
		}
		if cfg.Source != "" && isZero(cfg) {
			fmt.Fprintf(stderr, "pyhint: warning: %s has no [tool.pyhint] table; using the defaults\n", f.configFile)
		}
		opts.Config = cfg
	}
	if !f.noCache && !f.parseOnly {
		dir := f.cacheDir
		if dir == "" {
			if dir, err = lint.DefaultCacheDir(os.Getenv); err != nil {
				return fail("%v", err)
			}
		}
		if opts.Cache, err = lint.OpenCache(dir, version); err != nil {
			fmt.Fprintf(stderr, "pyhint: warning: %v; running without a cache\n", err)
		}
	}
	if isTerminal(stderr) {
		opts.Progress = progressLine(stderr)
	}

	if os.Getenv("GOGC") == "" {
		// A lint run is short and its live heap small: collecting less often
		// halves the time a warm run spends (measured over the stdlib).
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	rep := lint.Run(ctx, paths, opts)
	if opts.Progress != nil {
		opts.Progress(-1, 0) // clear the line
	}
	for _, w := range rep.Warnings {
		fmt.Fprintf(stderr, "pyhint: warning: %s\n", w)
	}
	for _, e := range rep.Errors {
		fmt.Fprintf(stderr, "pyhint: error: %v\n", e)
	}

	// Where the report goes: standard output, unless it carries the fixed
	// source read from stdin, or --output-file names a file.
	out := stdout
	if rep.StdinOutput != nil {
		if _, err := stdout.Write(rep.StdinOutput); err != nil {
			return fail("write fixed source: %v", err)
		}
		out = stderr
	}
	var file *os.File
	if f.outputFile != "" {
		if err := os.MkdirAll(filepath.Dir(f.outputFile), 0o755); err != nil {
			return fail("--output-file: %v", err)
		}
		if file, err = os.Create(f.outputFile); err != nil {
			return fail("--output-file: %v", err)
		}
		out = file
	}
	werr := writeReport(out, stderr, f, rep, colorOn, levelFor(f, opts.Config))
	if file != nil {
		if err := file.Close(); werr == nil && err != nil {
			werr = fmt.Errorf("--output-file: %w", err)
		}
	}
	if werr != nil {
		return fail("%v", werr)
	}

	switch {
	case len(rep.Errors) > 0 || ctx.Err() != nil:
		return exitError
	case f.exitZero:
		return exitClean
	case f.diff: // --diff answers "is there anything to fix?"
		if len(rep.Diffs) > 0 {
			return exitFindings
		}
	case len(rep.Findings) > 0:
		return exitFindings
	}
	return exitClean
}

// writeReport writes the report in the chosen form to out and a one-line
// summary for people to stderr.
func writeReport(out, stderr io.Writer, f *lintFlags, rep *lint.Report, colorOn bool, level knowledge.Level) error {
	human := f.format == "text" || f.format == "concise"
	switch {
	case f.diff:
		for _, d := range rep.Diffs {
			if _, err := io.WriteString(out, udiff.Unified(d.Path, d.Path, string(d.Old), string(d.New))); err != nil {
				return fmt.Errorf("write diff: %w", err)
			}
		}
		if rep.Fixed > 0 {
			fmt.Fprintf(stderr, "Would fix %s in %s.\n", plural(rep.Fixed, "finding"), plural(len(rep.Diffs), "file"))
		}
		return nil
	case f.statistics:
		return printStatistics(out, f.format, rep.Findings)
	}
	p, err := printers.New(f.format, printers.Options{Version: version, Color: colorOn, Level: level})
	if err != nil {
		return err
	}
	if err := printers.PrintReport(p, out, rep.Findings, rep.Errors); err != nil {
		return err
	}
	if f.fix && rep.Fixed > 0 {
		fmt.Fprintf(stderr, "Fixed %s (%d left).\n", plural(rep.Fixed, "finding"), len(rep.Findings))
	}
	if human && len(rep.Findings) > 0 {
		fixable := 0
		for _, x := range rep.Findings {
			if x.Fix != nil && x.Fix.Safe {
				fixable++
			}
		}
		var notes []string
		if fixable > 0 && !f.fix {
			notes = append(notes, fmt.Sprintf("%d fixable with --fix", fixable))
		}
		if rep.UnsafeFixable > 0 {
			notes = append(notes, fmt.Sprintf("%d more with --fix --unsafe-fixes", rep.UnsafeFixable))
		}
		msg := "Found " + plural(len(rep.Findings), "finding")
		if len(notes) > 0 {
			msg += " (" + strings.Join(notes, "; ") + ")"
		}
		fmt.Fprintln(stderr, msg+".")
	}
	return nil
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// statRow is one line of --statistics.
type statRow struct {
	Rule     string `json:"rule"`
	Concept  string `json:"concept"`
	Count    int    `json:"count"`
	Fixable  int    `json:"fixable"`
	Severity string `json:"severity"`
}

// printStatistics prints the number of findings per rule, most frequent
// first, as an aligned table or a JSON array.
func printStatistics(w io.Writer, format string, findings []lint.Finding) error {
	byRule := map[string]*statRow{}
	var rows []*statRow
	for _, f := range findings {
		r, ok := byRule[f.Rule]
		if !ok {
			r = &statRow{Rule: f.Rule, Concept: f.Concept, Severity: f.Severity}
			byRule[f.Rule] = r
			rows = append(rows, r)
		}
		r.Count++
		if f.Fix != nil && f.Fix.Safe {
			r.Fixable++
		}
	}
	slices.SortFunc(rows, func(a, b *statRow) int { return cmp.Or(b.Count-a.Count, strings.Compare(a.Rule, b.Rule)) })
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if rows == nil {
			rows = []*statRow{}
		}
		if err := enc.Encode(rows); err != nil {
			return fmt.Errorf("write statistics: %w", err)
		}
		return nil
	}
	cw, rw := 1, 1
	for _, r := range rows {
		cw = max(cw, len(fmt.Sprint(r.Count)))
		rw = max(rw, len(r.Rule))
	}
	for _, r := range rows {
		fix := ""
		if r.Fixable > 0 {
			fix = fmt.Sprintf("  [*] %d fixable", r.Fixable)
		}
		if _, err := fmt.Fprintf(w, "%*d  %-*s  %s%s\n", cw, r.Count, rw, r.Rule, r.Severity, fix); err != nil {
			return fmt.Errorf("write statistics: %w", err)
		}
	}
	return nil
}

// ruleList splits a comma-separated flag value and checks each name is a
// rule, a concept or ALL.
func ruleList(list, flagName string) ([]string, error) {
	var out []string
	for _, name := range strings.Split(list, ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		ok := name == "ALL"
		for _, r := range analyzers.Rules() {
			ok = ok || r.Name == name || r.Concept == name
		}
		if !ok {
			msg := fmt.Sprintf("--%s: unknown rule or concept %q", flagName, name)
			if near := knowledge.Nearest(name, 3); len(near) > 0 {
				msg += "; did you mean " + strings.Join(near, ", ") + "?"
			}
			return nil, errors.New(msg + ` (run "pyhint explain" for the list)`)
		}
		out = append(out, name)
	}
	return out, nil
}

// adjust applies the command line to a file's configuration: --select
// replaces the file's select and ignore (so a rule named on the command line
// is reported even if the file ignores it), --ignore adds to ignore, and
// --explanation-level replaces the level. Per-file ignores, severities and
// excludes stay the file's.
func adjust(c *config.Config, sel, ign []string, level string) *config.Config {
	cp := *c
	if len(sel) > 0 {
		cp.Select, cp.Ignore = sel, ign
	} else if len(ign) > 0 {
		cp.Ignore = append(slices.Clip(c.Ignore), ign...)
	}
	if level != "" {
		cp.ExplanationLevel = level
	}
	return &cp
}

func isZero(c *config.Config) bool {
	return len(c.Select) == 0 && len(c.Ignore) == 0 && len(c.PerFileIgnores) == 0 && len(c.Severity) == 0 &&
		c.Exclude == nil && c.ExtendExclude == nil && c.ExplanationLevel == ""
}

// levelFor is the explanation level of the text format: the flag's, else
// that of --config, else that of the configuration of the current directory.
func levelFor(f *lintFlags, cfg *config.Config) knowledge.Level {
	name := f.level
	if name == "" && cfg != nil {
		name = cfg.ExplanationLevel
	}
	if name == "" && cfg == nil {
		if c, err := config.NewResolver().ForDir("."); err == nil {
			name = c.ExplanationLevel
		}
	}
	l, _ := knowledge.ParseLevel(cmp.Or(name, "beginner"))
	return l
}

// terminal is implemented by writers that know whether they are a
// terminal (tests use it to stand in for one).
type terminal interface{ IsTerminal() bool }

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	switch w := w.(type) {
	case terminal:
		return w.IsTerminal()
	case *os.File:
		return term.IsTerminal(int(w.Fd()))
	}
	return false
}

// colorEnabled decides --color: auto colours a terminal unless NO_COLOR is
// set to anything (https://no-color.org) or TERM is dumb.
func colorEnabled(mode string, tty bool, noColor, termName string) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		return tty && noColor == "" && termName != "dumb", nil
	}
	return false, fmt.Errorf("--color: got %q, want auto, always or never", mode)
}

// progressLine returns a Progress callback that keeps one line on the
// terminal w up to date ("pyhint: 812/1790 files") for runs of more than
// progressThreshold files, rewriting it when the percentage changes; a call
// with done < 0 erases it.
func progressLine(w io.Writer) func(done, total int) {
	shown, last := false, -1
	return func(done, total int) {
		if done < 0 {
			if shown {
				fmt.Fprint(w, "\r\x1b[K")
			}
			return
		}
		if total <= progressThreshold {
			return
		}
		if pct := done * 100 / total; pct != last || done == total {
			last, shown = pct, true
			fmt.Fprintf(w, "\rpyhint: %d/%d files (%d%%)", done, total, pct)
		}
	}
}
