// Command pyhint explains Python concepts and flags their pitfalls.
//
//	pyhint lint [flags] PATH...   lint files and directories
//	pyhint explain [ID]           explain a concept or rule; list them all
//	pyhint version                print the version
//
// Exit codes: 0 nothing found, 1 findings, 2 usage, unreadable input or
// internal error.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

const usage = `pyhint explains Python concepts inline and flags their pitfalls.

Usage:
  pyhint lint [flags] PATH...   lint Python files and directories
  pyhint explain [flags] [ID]   explain a concept or rule (no ID: list them)
  pyhint serve [--stdio]        run the language server (LSP over stdio)
  pyhint version                print the version

Run "pyhint COMMAND -h" for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes.
const (
	exitClean    = 0
	exitFindings = 1
	exitError    = 2
)

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitError
	}
	switch args[0] {
	case "lint":
		return runLint(ctx, args[1:], stdin, stdout, stderr)
	case "explain":
		return runExplain(args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdin, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "pyhint %s\n", version)
		return exitClean
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitClean
	default:
		fmt.Fprintf(stderr, "pyhint: unknown command %q\n\n%s", args[0], usage)
		return exitError
	}
}
