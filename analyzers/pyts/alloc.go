package pyts

/*
#include <stdlib.h>

// Declared here rather than through tree_sitter/api.h: the header lives in the
// go-tree-sitter module, which cgo cannot put on our include path portably.
// The symbol itself is linked in from that module's C objects.
void ts_set_allocator(
	void *(*new_malloc)(size_t),
	void *(*new_calloc)(size_t, size_t),
	void *(*new_realloc)(void *, size_t),
	void (*new_free)(void *));

static void pyts_use_libc_allocator(void) {
	ts_set_allocator(malloc, calloc, realloc, free);
}
*/
import "C"

// This file defines the libc allocator shim.
//
// go-tree-sitter's init routes every C allocation of the core library through
// exported Go callbacks, which costs ~35% of parse time (measured in DESIGN.md).
// Package initialisation order guarantees that this init runs after
// go-tree-sitter's (we import it), so libc's allocator wins. Every tree and
// parser is created after init, so no allocation crosses allocators.
func init() {
	C.pyts_use_libc_allocator()
}
