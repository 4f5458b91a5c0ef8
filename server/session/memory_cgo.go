//go:build linux && cgo

package session

// This file defines trimC for Linux: tree-sitter allocates through libc's
// malloc (pyts sets it so), and glibc keeps freed memory in per-thread
// arenas; malloc_trim gives it back.

/*
#include <malloc.h>
static void pyhint_malloc_trim(void) {
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}
*/
import "C"

// trimC returns the C heap's free memory to the system.
func trimC() { C.pyhint_malloc_trim() }
