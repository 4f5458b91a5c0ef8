package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/pyhint/pyhint/analyzers"
	"github.com/pyhint/pyhint/cmd/pyhint/internal/lint"
	"github.com/pyhint/pyhint/cmd/pyhint/internal/printers"
)

// This file defines the lint command: flags, wiring and exit codes.

func runLint(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("lint", flag.ContinueOnError)
	fl.SetOutput(stderr)
	format := fl.String("format", "text", "output format: "+strings.Join(printers.Formats(), ", "))
	selectRules := fl.String("select", "", "comma-separated rules or concepts to report (default: every rule on by default)")
	ignoreRules := fl.String("ignore", "", "comma-separated rules or concepts not to report")
	jobs := fl.Int("jobs", 0, "files analysed in parallel (0: one per core)")
	parseOnly := fl.Bool("debug-parse-only", false, "parse every file and analyse nothing (for benchmarks)")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "Usage: pyhint lint [flags] PATH...\n\nLints Python files and directories (skipping %s).\n\nFlags:\n", strings.Join(lint.DefaultExcludes, ", "))
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitClean
		}
		return exitError
	}
	if fl.NArg() == 0 {
		fmt.Fprintln(stderr, "pyhint lint: no paths given")
		fl.Usage()
		return exitError
	}
	printer, err := printers.New(*format)
	if err != nil {
		fmt.Fprintf(stderr, "pyhint lint: %v\n", err)
		return exitError
	}
	enabled, err := ruleFilter(*selectRules, *ignoreRules)
	if err != nil {
		fmt.Fprintf(stderr, "pyhint lint: %v\n", err)
		return exitError
	}
	rep := lint.Run(ctx, fl.Args(), lint.Options{Enabled: enabled, Jobs: *jobs, ParseOnly: *parseOnly})
	for _, w := range rep.Warnings {
		fmt.Fprintf(stderr, "pyhint: warning: %s\n", w)
	}
	for _, e := range rep.Errors {
		fmt.Fprintf(stderr, "pyhint: error: %v\n", e)
	}
	if err := printer.Print(stdout, rep.Findings); err != nil {
		fmt.Fprintf(stderr, "pyhint lint: %v\n", err)
		return exitError
	}
	switch {
	case len(rep.Errors) > 0 || ctx.Err() != nil:
		return exitError
	case len(rep.Findings) > 0:
		return exitFindings
	}
	return exitClean
}

// ruleFilter builds the enabled-rule predicate from --select and --ignore,
// which take rule names and concept ids. An unknown name is a usage error.
func ruleFilter(sel, ign string) (func(string) bool, error) {
	rules := analyzers.Rules()
	expand := func(list, flagName string) (map[string]bool, error) {
		out := map[string]bool{}
		for _, name := range strings.Split(list, ",") {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			found := false
			for _, r := range rules {
				if r.Name == name || r.Concept == name || name == "ALL" {
					out[r.Name] = true
					found = true
				}
			}
			if !found {
				return nil, fmt.Errorf("--%s: unknown rule or concept %q (see pyhint explain)", flagName, name)
			}
		}
		return out, nil
	}
	selected, err := expand(sel, "select")
	if err != nil {
		return nil, err
	}
	ignored, err := expand(ign, "ignore")
	if err != nil {
		return nil, err
	}
	defaults := map[string]bool{}
	for _, r := range rules {
		defaults[r.Name] = r.Default
	}
	return func(rule string) bool {
		if ignored[rule] {
			return false
		}
		if len(selected) > 0 {
			return selected[rule]
		}
		return defaults[rule]
	}, nil
}
