package pyts

/*
#include <stdint.h>

// Declared here (see alloc.go for why); linked from go-tree-sitter.
void *ts_parser_parse_string(void *parser, const void *old_tree, const char *string, uint32_t length);
*/
import "C"

import (
	"unsafe"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// This file defines parseString: a parse that hands tree-sitter the source
// as one string. go-tree-sitter's Parse goes through a Go read callback that
// copies the rest of the text into C memory on every call; for a whole
// in-memory file that is pure overhead (~7% of parse time over the stdlib).

// parseString parses src with p, reusing old (edited to match src) when not
// nil. It returns nil if tree-sitter gives up (it has no timeout or
// cancellation flag set, so only on allocation failure).
func parseString(p *sitter.Parser, src []byte, old *sitter.Tree) *sitter.Tree {
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
	raw := C.ts_parser_parse_string(rawParser(p), oldRaw, text, C.uint32_t(len(src)))
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
