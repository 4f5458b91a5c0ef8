package pyts

/*
#include <stdint.h>
#include <stdbool.h>

// Declared here (see alloc.go for why); linked from go-tree-sitter. The
// types mirror tree_sitter/api.h of tree-sitter 0.25.
typedef struct { uint32_t row, column; } pyts_point;
typedef struct {
	void *payload;
	const char *(*read)(void *payload, uint32_t byte_index, pyts_point position, uint32_t *bytes_read);
	int encoding; // TSInputEncodingUTF8 = 0
	void *decode;
} pyts_input;
typedef struct { void *payload; uint32_t current_byte_offset; bool has_error; } pyts_parse_state;
typedef struct { void *payload; bool (*progress_callback)(pyts_parse_state *state); } pyts_parse_options;
void *ts_parser_parse_with_options(void *parser, const void *old_tree, pyts_input input, pyts_parse_options options);
void ts_parser_reset(void *parser);

typedef struct { const char *text; uint32_t length; } pyts_text;

static const char *pyts_read(void *payload, uint32_t byte_index, pyts_point position, uint32_t *bytes_read) {
	pyts_text *t = payload;
	if (byte_index >= t->length) {
		*bytes_read = 0;
		return "";
	}
	*bytes_read = t->length - byte_index;
	return t->text + byte_index;
}

// pyts_stop is tree-sitter's progress callback. Its payload is two
// int32s: a flag that stops the parse once set (atomically, from another
// thread), and a budget of progress checks after which the parse stops
// (for tests; negative: none).
static bool pyts_stop(pyts_parse_state *state) {
	int32_t *flags = state->payload;
	if (__atomic_load_n(&flags[0], __ATOMIC_RELAXED) != 0) {
		return true;
	}
	if (flags[1] >= 0) {
		if (flags[1] == 0) {
			return true;
		}
		flags[1]--;
	}
	return false;
}

// pyts_parse parses text (length bytes) with parser, reusing old_tree
// when not NULL, and gives up, returning NULL, when pyts_stop says so.
static void *pyts_parse(void *parser, const void *old_tree, const char *text, uint32_t length, int32_t *flags) {
	pyts_text t = {text, length};
	pyts_input input = {&t, pyts_read, 0, 0};
	pyts_parse_options opts = {flags, pyts_stop};
	void *tree = ts_parser_parse_with_options(parser, old_tree, input, opts);
	if (tree == 0) {
		ts_parser_reset(parser); // a stopped parse would otherwise resume on the next call
	}
	return tree;
}
*/
import "C"

import (
	"context"
	"sync/atomic"
	"unsafe"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// This file defines parseString: a parse that hands tree-sitter the source
// as one buffer and that a context stops. go-tree-sitter's Parse goes
// through a Go read callback that copies the rest of the text into C memory
// on every call; for a whole in-memory file that is pure overhead (~7% of
// parse time over the stdlib).

// parseString parses src with p, reusing old (edited to match src) when not
// nil. It returns nil if tree-sitter gives up: when ctx ends during the
// parse (tree-sitter checks between parse steps), or on allocation failure.
func parseString(ctx context.Context, p *sitter.Parser, src []byte, old *sitter.Tree) *sitter.Tree {
	// flags[0] is set by Go, atomically, to stop; flags[1] is no budget.
	flags := &[2]int32{0, -1}
	defer context.AfterFunc(ctx, func() { atomic.StoreInt32(&flags[0], 1) })()
	return parseWithFlags(p, src, old, flags)
}

// parseWithFlags is parseString with pyts_stop's flags.
func parseWithFlags(p *sitter.Parser, src []byte, old *sitter.Tree, flags *[2]int32) *sitter.Tree {
	var oldRaw unsafe.Pointer
	if old != nil {
		oldRaw = rawTree(old)
	}
	var text *C.char
	if len(src) > 0 {
		// tree-sitter reads the bytes only during the call and keeps no
		// pointer to them, as cgo's rules for Go memory require.
		text = (*C.char)(unsafe.Pointer(&src[0]))
	}
	return parseStoppable(p, oldRaw, text, len(src), flags)
}

// parseStoppable is parseString's call into C. The flags are read by C
// during the call only.
func parseStoppable(p *sitter.Parser, oldRaw unsafe.Pointer, text *C.char, n int, flags *[2]int32) *sitter.Tree {
	raw := C.pyts_parse(rawParser(p), oldRaw, text, C.uint32_t(n), (*C.int32_t)(unsafe.Pointer(&flags[0])))
	if raw == nil {
		return nil
	}
	return wrapTree(raw)
}

// rawParser returns the TSParser pointer held by a go-tree-sitter Parser,
// whose only field it is (guarded by TestFlattenMatchesBinding's parses).
func rawParser(p *sitter.Parser) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(p))
}

// wrapTree makes a go-tree-sitter Tree around a TSTree pointer, as the
// binding's own unexported constructor does (a struct of that one field, no
// finalizer); the caller owns it and must Close it.
func wrapTree(raw unsafe.Pointer) *sitter.Tree {
	t := new(sitter.Tree)
	*(*unsafe.Pointer)(unsafe.Pointer(t)) = raw
	return t
}
