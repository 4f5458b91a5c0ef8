package pyts

/*
#include <stdint.h>
#include <stdlib.h>

// Declared here rather than through tree_sitter/api.h: the header lives in the
// go-tree-sitter module, which cgo cannot put on our include path portably.
// The symbol itself is linked in from that module's C objects.
void ts_set_allocator(
	void *(*new_malloc)(size_t),
	void *(*new_calloc)(size_t, size_t),
	void *(*new_realloc)(void *, size_t),
	void (*new_free)(void *));

// pyts_live counts tree-sitter's outstanding allocations. Relaxed atomics:
// only the count matters, not its order relative to other memory.
static int64_t pyts_live;

static void *pyts_malloc(size_t n) {
	void *p = malloc(n);
	if (p) __atomic_fetch_add(&pyts_live, 1, __ATOMIC_RELAXED);
	return p;
}

static void *pyts_calloc(size_t n, size_t size) {
	void *p = calloc(n, size);
	if (p) __atomic_fetch_add(&pyts_live, 1, __ATOMIC_RELAXED);
	return p;
}

static void *pyts_realloc(void *old, size_t n) {
	// realloc(p, 0) may free p and return NULL or not, depending on the
	// libc: ask for one byte, so that the block always survives.
	void *p = realloc(old, n ? n : 1);
	if (p && !old) __atomic_fetch_add(&pyts_live, 1, __ATOMIC_RELAXED);
	return p;
}

static void pyts_free(void *p) {
	if (!p) return;
	__atomic_fetch_sub(&pyts_live, 1, __ATOMIC_RELAXED);
	free(p);
}

static void pyts_use_libc_allocator(void) {
	ts_set_allocator(pyts_malloc, pyts_calloc, pyts_realloc, pyts_free);
}

static int64_t pyts_live_allocations(void) {
	return __atomic_load_n(&pyts_live, __ATOMIC_RELAXED);
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
//
// The shim wraps libc's functions to count the blocks tree-sitter holds
// (LiveCAllocations), so that tests can check that every parser, tree and
// cursor is closed. The count is one relaxed atomic add per allocation and
// per free: under 2% of parse time (measured in the package's benchmarks).
func init() {
	C.pyts_use_libc_allocator()
}

// LiveCAllocations returns the number of blocks tree-sitter has allocated and
// not yet freed, in the whole process. It is zero before the first parser is
// made; a parser, a tree or a cursor that was not closed keeps it above the
// value it had before the object was made.
func LiveCAllocations() int64 {
	return int64(C.pyts_live_allocations())
}
