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
bool ts_node_is_missing(pyts_TSNode);

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
// sym_info[sym] describes a grammar symbol (by raw id, < nsym):
//   bit 0: the node is named;
//   bit 1: its named children may carry a field;
//   bit 2: its anonymous children may carry a field (binary_operator's operator).
// Looking a field up costs ~80 ns a node, so it is done only where one can be.
static uint32_t pyts_flatten(const void *tree, pyts_node *out, uint32_t cap, const uint8_t *sym_info, uint32_t nsym) {
	pyts_TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
	uint32_t n = 0;
	int32_t parent = -1;
	for (;;) {
		if (n >= cap) break;
		pyts_TSNode node = ts_tree_cursor_current_node(&c);
		pyts_node *o = &out[n];
		uint16_t sym = ts_node_symbol(node);
		uint8_t info = sym < nsym ? sym_info[sym] : 1; // ERROR (65535) is named
		bool named = info & 1;
		o->start = ts_node_start_byte(node);
		o->end = ts_node_end_byte(node);
		o->parent = parent;
		o->size = 1;
		o->kind = sym;
		o->field = 0;
		if (parent >= 0) {
			uint16_t psym = out[parent].kind;
			uint8_t pinfo = psym < nsym ? sym_info[psym] : 0;
			if (pinfo & (named ? 2 : 4)) {
				o->field = ts_tree_cursor_current_field_id(&c);
			}
		}
		o->flags = (named ? 1 : 0) | (ts_node_is_missing(node) ? 2 : 0) | (sym == 65535 ? 8 : 0);
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
	flagError   = 8
	flagHasErr  = 16
	flagInError = 32 // computed in Go: the node is, or is inside, an ERROR or MISSING node
)

// symInfo describes each raw grammar symbol for pyts_flatten: bit 0 named,
// bit 1 named children may have fields, bit 2 anonymous children may. Built
// once at init from fieldParents.
var symInfo = func() []uint8 {
	info := make([]uint8, len(kindNames))
	for sym, name := range kindNames {
		named := language.NodeKindIsNamed(uint16(sym))
		if named {
			info[sym] |= 1
		}
		if f, ok := fieldParents[name]; ok && named {
			info[sym] |= f
		}
	}
	return info
}()

// fieldParents lists the node kinds of the pinned grammar that have fields
// (from its node-types.json): 2 = on named children, 6 = on anonymous
// children too. TestFlattenMatchesBinding checks every field of every
// testdata file against the binding, so a grammar upgrade that adds one fails.
var fieldParents = map[string]uint8{
	"aliased_import": 2, "as_pattern": 2, "assignment": 2, "attribute": 2, "augmented_assignment": 6,
	"binary_operator": 6, "block": 2, "boolean_operator": 6, "call": 2, "case_clause": 2,
	"class_definition": 2, "comparison_operator": 6, "decorated_definition": 2, "default_parameter": 2,
	"dict_pattern": 6, "dictionary_comprehension": 2, "elif_clause": 2, "else_clause": 2,
	"except_clause": 2, "exec_statement": 2, "for_in_clause": 6, "for_statement": 2,
	"format_expression": 2, "function_definition": 2, "future_import_statement": 2,
	"generator_expression": 2, "if_statement": 2, "import_from_statement": 2, "import_statement": 2,
	"interpolation": 2, "keyword_argument": 2, "lambda": 2, "list_comprehension": 2,
	"match_statement": 2, "named_expression": 2, "not_operator": 2, "pair": 2, "print_statement": 2,
	"raise_statement": 2, "set_comprehension": 2, "subscript": 2, "try_statement": 2,
	"type_alias_statement": 2, "typed_default_parameter": 2, "typed_parameter": 2,
	"unary_operator": 6, "while_statement": 2, "with_item": 2, "with_statement": 2,
}

// rawTree returns the TSTree pointer held by a go-tree-sitter Tree. The Tree
// struct's only field is that pointer; TestFlattenMatchesBinding guards the
// assumption against a binding upgrade.
func rawTree(t *sitter.Tree) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(t))
}

// Flatten copies t into a flat, immutable Tree over src, which must not be
// modified afterwards (Tree.Text shares its memory). t may be closed
// afterwards: the result holds no reference to C memory.
func Flatten(t *sitter.Tree, src []byte) *Tree {
	raw := rawTree(t)
	count := uint32(C.pyts_count(raw))
	nodes := make([]flatNode, count)
	var n uint32
	if count > 0 {
		n = uint32(C.pyts_flatten(raw, (*C.pyts_node)(unsafe.Pointer(&nodes[0])), C.uint32_t(count),
			(*C.uint8_t)(unsafe.Pointer(&symInfo[0])), C.uint32_t(len(symInfo))))
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
