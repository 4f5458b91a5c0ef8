package pyts

/*
#include <stdint.h>
#include <stdbool.h>

// Minimal declarations of the tree-sitter C API (ABI of tree-sitter 0.25).
typedef struct { uint32_t context[4]; const void *id; const void *tree; } pyts_TSNode;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } pyts_TSTreeCursor;

pyts_TSNode ts_tree_root_node(const void *tree);
uint32_t ts_node_descendant_count(pyts_TSNode);
pyts_TSTreeCursor ts_tree_cursor_new(pyts_TSNode);
void ts_tree_cursor_delete(pyts_TSTreeCursor *);
pyts_TSNode ts_tree_cursor_current_node(const pyts_TSTreeCursor *);
uint16_t ts_tree_cursor_current_field_id(const pyts_TSTreeCursor *);
bool ts_tree_cursor_goto_first_child(pyts_TSTreeCursor *);
bool ts_tree_cursor_goto_next_sibling(pyts_TSTreeCursor *);
bool ts_tree_cursor_goto_parent(pyts_TSTreeCursor *);
uint16_t ts_node_symbol(pyts_TSNode);
uint32_t ts_node_start_byte(pyts_TSNode);
uint32_t ts_node_end_byte(pyts_TSNode);
bool ts_node_is_named(pyts_TSNode);
bool ts_node_is_missing(pyts_TSNode);
bool ts_node_is_extra(pyts_TSNode);
bool ts_node_is_error(pyts_TSNode);

// Must match the layout of the Go type flatNode.
typedef struct {
	uint32_t start, end;
	int32_t parent;
	uint32_t size;
	uint16_t kind, field;
	uint8_t flags;
	uint8_t pad[3];
} pyts_node;

static uint32_t pyts_count(const void *tree) {
	return ts_node_descendant_count(ts_tree_root_node(tree));
}

// pyts_flatten writes the tree in preorder into out (capacity cap) and returns
// the number of nodes written. Each node records its parent's index and the
// size of its subtree, so children and siblings are found by index arithmetic.
// anon_field[sym] != 0 marks parent symbols whose anonymous children carry a
// field (binary_operator's operator, ...). Looking a field up costs ~80 ns per
// node, so it is skipped for every other anonymous token.
static uint32_t pyts_flatten(const void *tree, pyts_node *out, uint32_t cap, const uint8_t *anon_field, uint32_t nsym) {
	pyts_TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
	uint32_t n = 0;
	int32_t parent = -1;
	for (;;) {
		if (n >= cap) break;
		pyts_TSNode node = ts_tree_cursor_current_node(&c);
		pyts_node *o = &out[n];
		o->start = ts_node_start_byte(node);
		o->end = ts_node_end_byte(node);
		o->parent = parent;
		o->size = 1;
		o->kind = ts_node_symbol(node);
		bool named = ts_node_is_named(node);
		o->field = 0;
		if (named || (parent >= 0 && out[parent].kind < nsym && anon_field[out[parent].kind])) {
			o->field = ts_tree_cursor_current_field_id(&c);
		}
		o->flags = (named ? 1 : 0) | (ts_node_is_missing(node) ? 2 : 0) |
			(ts_node_is_extra(node) ? 4 : 0) | (ts_node_is_error(node) ? 8 : 0);
		uint32_t idx = n++;
		if (ts_tree_cursor_goto_first_child(&c)) {
			parent = (int32_t)idx;
			continue;
		}
		for (;;) {
			if (ts_tree_cursor_goto_next_sibling(&c)) break;
			if (!ts_tree_cursor_goto_parent(&c)) goto done;
			out[parent].size = n - (uint32_t)parent;
			parent = out[parent].parent;
		}
	}
done:
	ts_tree_cursor_delete(&c);
	return n;
}
*/
import "C"

import (
	"unsafe"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// This file defines Flatten: one cgo call that copies a tree-sitter tree into a
// Go slice, so that analysis never crosses cgo per node and never touches C
// memory after the tree is closed.

// flatNode mirrors the C struct pyts_node (24 bytes).
type flatNode struct {
	start, end uint32
	parent     int32
	size       uint32
	kind       uint16
	field      uint16
	flags      uint8
	_          [3]byte
}

const (
	flagNamed   = 1
	flagMissing = 2
	flagExtra   = 4
	flagError   = 8
	flagHasErr  = 16
	flagInError = 32 // computed in Go: the node is, or is inside, an ERROR or MISSING node
)

// anonFieldParents marks (by raw grammar symbol) the node kinds whose
// anonymous children have fields; see pyts_flatten. Built once at init.
var anonFieldParents = func() []uint8 {
	marks := make([]uint8, len(kindNames))
	for sym, name := range kindNames {
		switch name {
		case "augmented_assignment", "binary_operator", "boolean_operator", "comparison_operator",
			"unary_operator", "for_in_clause", "dict_pattern":
			if language.NodeKindIsNamed(uint16(sym)) {
				marks[sym] = 1
			}
		}
	}
	return marks
}()

// rawTree returns the TSTree pointer held by a go-tree-sitter Tree. The Tree
// struct's only field is that pointer; TestFlattenMatchesBinding guards the
// assumption against a binding upgrade.
func rawTree(t *sitter.Tree) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(t))
}

// Flatten copies t into a flat, immutable Tree over src. t may be closed
// afterwards: the result holds no reference to C memory.
func Flatten(t *sitter.Tree, src []byte) *Tree {
	raw := rawTree(t)
	count := uint32(C.pyts_count(raw))
	nodes := make([]flatNode, count)
	var n uint32
	if count > 0 {
		n = uint32(C.pyts_flatten(raw, (*C.pyts_node)(unsafe.Pointer(&nodes[0])), C.uint32_t(count),
			(*C.uint8_t)(unsafe.Pointer(&anonFieldParents[0])), C.uint32_t(len(anonFieldParents))))
	}
	nodes = nodes[:n]
	// Errors propagate up (has-error) in reverse preorder, then down (in-error)
	// in preorder; both are cheaper here than per node across cgo.
	for i := len(nodes) - 1; i > 0; i-- {
		if nodes[i].flags&(flagError|flagMissing|flagHasErr) != 0 {
			nodes[nodes[i].parent].flags |= flagHasErr
		}
	}
	for i := range nodes {
		nd := &nodes[i]
		nd.kind = uint16(canon(nd.kind))
		if nd.flags&(flagError|flagMissing) != 0 || (nd.parent >= 0 && nodes[nd.parent].flags&flagInError != 0) {
			nd.flags |= flagInError
		}
	}
	return &Tree{src: src, nodes: nodes}
}
