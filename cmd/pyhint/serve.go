package main

// This file defines the serve command: the language server over stdio.

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/pyhint/pyhint/server"
)

// exitWait bounds the server's cleanup once its connection has ended: it
// must exit within a second of its input closing or its client dying.
const exitWait = 100 * time.Millisecond

func runServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	// VS Code's client appends --stdio to the command; stdio is the only
	// transport, so the flag is accepted and changes nothing.
	fl.Bool("stdio", true, "talk LSP over stdin and stdout (the only transport)")
	debounce := fl.Duration("debounce", server.DefaultDebounce, "pause after an edit before analysing")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "Usage: pyhint serve [--stdio]\n\nRuns the language server (LSP 3.17) on stdin and stdout; logs go to stderr.\n\nFlags:\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitClean
		}
		return exitError
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "pyhint serve: unexpected argument %q\n", fl.Arg(0))
		return exitError
	}
	if *debounce == 0 {
		*debounce = -1 // Options: 0 means the default, negative none
	}
	// The process ends with Serve: it need not wait for an analysis that
	// is still running, or for a client that stopped reading, to exit.
	s := server.New(server.Options{Version: version, Log: stderr, Debounce: *debounce, ExitWait: exitWait})
	return s.Serve(ctx, stdin, stdout)
}
