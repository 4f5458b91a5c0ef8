//go:build linux && cgo

package main

// This file limits glibc to one malloc arena in `pyhint serve`.
//
// Tree-sitter allocates through libc's malloc (package pyts sets it so), and
// glibc gives each thread that parses an arena of its own, which keeps its
// peak size until it is trimmed. Opening 200 standard-library files at once
// took the server to 72 MB resident with the default and to 50 MB with one
// arena (server BenchmarkRSS, busy-rss-MB). glibc fixes the number of
// arenas the first time a second thread allocates, which the Go runtime
// does before main runs, so the limit is set from an ELF constructor, which
// runs first. `pyhint lint` keeps the default: with its parallel parsers,
// one arena cost ~8% more CPU over the standard library.

/*
#include <string.h>
#include <malloc.h>

__attribute__((constructor))
static void pyhint_serve_arena(int argc, char **argv, char **envp) {
#ifdef __GLIBC__
	// glibc passes main's arguments to constructors.
	if (argc > 1 && argv != NULL && argv[1] != NULL && strcmp(argv[1], "serve") == 0) {
		mallopt(M_ARENA_MAX, 1);
	}
#endif
}
*/
import "C"
