package pyts

/*
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>

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

typedef struct { uint32_t row, column; } pyts_TSPoint;
typedef struct { pyts_TSPoint start_point, end_point; uint32_t start_byte, end_byte; } pyts_TSRange;
void *ts_tree_get_changed_ranges(const void *old_tree, const void *new_tree, uint32_t *length);
extern void (*ts_current_free)(void *);
bool ts_node_has_error(pyts_TSNode);

// pyts_changed writes the byte ranges where the structure of new differs from
// old (edited to match new's text) into out as start/end pairs, at most cap
// of them, and returns how many there are (possibly more than cap).
static uint32_t pyts_changed(const void *old_tree, const void *new_tree, uint32_t *out, uint32_t cap) {
	uint32_t len = 0;
	pyts_TSRange *r = ts_tree_get_changed_ranges(old_tree, new_tree, &len);
	for (uint32_t i = 0; i < len && i < cap; i++) {
		out[2*i] = r[i].start_byte;
		out[2*i+1] = r[i].end_byte;
	}
	ts_current_free(r); // the allocator tree-sitter used (alloc.go's shim)
	return len;
}

// pyts_reflatten writes the tree in preorder into out (capacity cap) and
// returns the number of nodes written. Each node records its parent's index
// and the size of its subtree, so children and siblings are found by index
// arithmetic. sym_info[sym] describes a grammar symbol (by raw id, < nsym):
//   bit 0: the node is named;
//   bit 1: its named children may carry a field;
//   bit 2: its anonymous children may carry a field (binary_operator's operator).
// Looking a field up costs ~80 ns a node, so it is done only where one can be.
//
// It leaves holes: skip holds nskip triples
// (start, end, size), sorted by start, of top-level statements whose flat
// nodes the caller has from an older tree. A child of the root with exactly
// that range, that many descendants and no error gets its own record only,
// then size-1 empty slots that the caller fills; reused[k] receives its
// index, or UINT32_MAX when skip entry k matched nothing.
static uint32_t pyts_reflatten(const void *tree, pyts_node *out, uint32_t cap, const uint8_t *sym_info, uint32_t nsym,
		const uint32_t *skip, uint32_t nskip, uint32_t *reused) {
	pyts_TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
	uint32_t n = 0, k = 0;
	int32_t parent = -1;
	for (uint32_t i = 0; i < nskip; i++) reused[i] = UINT32_MAX;
	for (;;) {
		if (n >= cap) break;
		pyts_TSNode node = ts_tree_cursor_current_node(&c);
		pyts_node *o = &out[n];
		uint16_t sym = ts_node_symbol(node);
		uint8_t info = sym < nsym ? sym_info[sym] : 1;
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
		if (parent == 0) {
			while (k < nskip && skip[3*k] < o->start) k++;
			if (k < nskip && skip[3*k] == o->start && skip[3*k+1] == o->end &&
					ts_node_descendant_count(node) == skip[3*k+2] && n - 1 + skip[3*k+2] <= cap &&
					!ts_node_has_error(node)) {
				o->size = skip[3*k+2];
				reused[k] = idx;
				n = idx + o->size;
				k++;
				goto next; // do not descend
			}
		}
		if (ts_tree_cursor_goto_first_child(&c)) {
			parent = (int32_t)idx;
			continue;
		}
	next:
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
// pyts_flatten is pyts_reflatten without holes.
static uint32_t pyts_flatten(const void *tree, pyts_node *out, uint32_t cap, const uint8_t *sym_info, uint32_t nsym) {
	return pyts_reflatten(tree, out, cap, sym_info, nsym, 0, 0, 0);
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
	finish(nodes, nil)
	return &Tree{src: src, nodes: nodes}
}

// Edit is a text edit in byte offsets: the bytes [Start, OldEnd) of the old
// text became [Start, NewEnd) of the new one.
type Edit struct{ Start, OldEnd, NewEnd int }

// Carry carries the byte range [start, end] of the text before edits (in
// order) to the text after them. ok is false when an edit touches or abuts
// it: an insertion at its end may extend its last token, and what lies
// inside an edited range has no place after it.
func Carry(start, end int, edits []Edit) (s, e int, ok bool) {
	for _, ed := range edits {
		switch {
		case end < ed.Start:
		case start > ed.OldEnd:
			start += ed.NewEnd - ed.OldEnd
			end += ed.NewEnd - ed.OldEnd
		default:
			return 0, 0, false
		}
	}
	return start, end, true
}

// maxChangedRanges bounds the changed ranges Reflatten looks at; past it,
// everything is flattened afresh.
const maxChangedRanges = 256

// Reflatten is Flatten for a tree parsed incrementally: newRaw was parsed
// from src reusing oldRaw, which was edited with edits (in order) and must
// still be open; old is the flat tree of oldRaw's text before the edits.
// Top-level statements that no edit and no structural change touched are
// copied from old (their offsets shifted) instead of being read from
// tree-sitter again, which on a large file is most of the tree. It returns
// the tree and how many of its nodes were reused. The result is the same as
// Flatten(newRaw, src) (TestReflattenMatchesFlatten).
func Reflatten(old *Tree, edits []Edit, oldRaw, newRaw *sitter.Tree, src []byte) (*Tree, int) {
	t, n, _ := ReflattenKept(old, edits, oldRaw, newRaw, src)
	return t, n
}

// Kept is a top-level statement Reflatten copied: node Old of the old tree
// is node New of the new one, with the same subtree (SameSubtree).
type Kept struct{ Old, New Node }

// ReflattenKept is Reflatten that also returns the statements it copied,
// in order.
func ReflattenKept(old *Tree, edits []Edit, oldRaw, newRaw *sitter.Tree, src []byte) (*Tree, int, []Kept) {
	if old == nil || old.Len() == 0 {
		return Flatten(newRaw, src), 0, nil
	}
	var changed [2 * maxChangedRanges]uint32
	nc := int(C.pyts_changed(rawTree(oldRaw), rawTree(newRaw), (*C.uint32_t)(unsafe.Pointer(&changed[0])), maxChangedRanges))
	if nc > maxChangedRanges {
		return Flatten(newRaw, src), 0, nil
	}
	// Candidates: the old top-level statements without errors, with their
	// ranges carried through the edits; a statement an edit touches or
	// abuts is dropped (an insertion at its end may extend its last token).
	type cand struct {
		old        Node
		start, end int
	}
	var cands []cand
	var skip []uint32
	for c := old.FirstChild(0); c != NoNode; c = old.NextSibling(c) {
		if old.HasErrorBelow(c) || old.InError(c) {
			continue
		}
		s, e, ok := Carry(old.Start(c), old.End(c), edits)
		ok = ok && e > s
		for i := 0; ok && i < nc; i++ {
			if int(changed[2*i]) <= e && int(changed[2*i+1]) >= s {
				ok = false
			}
		}
		if ok {
			cands = append(cands, cand{c, s, e})
			skip = append(skip, uint32(s), uint32(e), old.nodes[c].size)
		}
	}
	if len(cands) == 0 {
		return Flatten(newRaw, src), 0, nil
	}
	raw := rawTree(newRaw)
	count := uint32(C.pyts_count(raw))
	nodes := make([]flatNode, count)
	reused := make([]uint32, len(cands))
	n := uint32(C.pyts_reflatten(raw, (*C.pyts_node)(unsafe.Pointer(&nodes[0])), C.uint32_t(count),
		(*C.uint8_t)(unsafe.Pointer(&symInfo[0])), C.uint32_t(len(symInfo)),
		(*C.uint32_t)(unsafe.Pointer(&skip[0])), C.uint32_t(len(cands)), (*C.uint32_t)(unsafe.Pointer(&reused[0]))))
	nodes = nodes[:n]
	if n == 0 || nodes[0].kind == 65535 {
		return Flatten(newRaw, src), 0, nil // the root is an ERROR: every node is in error
	}
	// Fill the holes, and mark them so the passes below skip them.
	total := 0
	var holes []hole
	var kept []Kept
	for k, at := range reused {
		if at == ^uint32(0) {
			continue
		}
		c := cands[k]
		o := old.nodes[c.old : uint32(c.old)+old.nodes[c.old].size]
		if Kind(old.nodes[c.old].kind) != canon(nodes[at].kind) || int(at)+len(o) > len(nodes) {
			return Flatten(newRaw, src), 0, nil // cannot happen: same range, same structure
		}
		delta := uint32(c.start - int(o[0].start))
		dp := int32(at) - int32(c.old)
		dst := nodes[at : int(at)+len(o)]
		field := dst[0].field
		copy(dst, o)
		dst[0].parent, dst[0].field = 0, field
		for i := range dst {
			dst[i].start += delta
			dst[i].end += delta
			if i > 0 {
				dst[i].parent += dp
			}
		}
		holes = append(holes, hole{at, at + uint32(len(o))})
		kept = append(kept, Kept{Old: c.old, New: Node(at)})
		total += len(o)
	}
	finish(nodes, holes)
	return &Tree{src: src, nodes: nodes}, total, kept
}

// hole is a run of nodes [at, end) that Reflatten copied from an older tree:
// canonical already, and without errors.
type hole struct{ at, end uint32 }

// finish completes nodes as pyts_reflatten left them: it canonicalises the
// kinds and computes the error flags, except in holes (sorted). Errors
// propagate up (has-error) in reverse preorder, then down (in-error) in
// preorder; both are cheaper here than per node across cgo.
func finish(nodes []flatNode, holes []hole) {
	h := len(holes) - 1
	for i := len(nodes) - 1; i > 0; i-- {
		if h >= 0 && uint32(i) < holes[h].end && uint32(i) >= holes[h].at {
			i = int(holes[h].at) // the hole's root: no error to propagate
			h--
			continue
		}
		if nodes[i].flags&(flagError|flagMissing|flagHasErr) != 0 {
			nodes[nodes[i].parent].flags |= flagHasErr
		}
	}
	h = 0
	for i := 0; i < len(nodes); i++ {
		if h < len(holes) && uint32(i) == holes[h].at {
			i = int(holes[h].end) - 1
			h++
			continue
		}
		nd := &nodes[i]
		nd.kind = uint16(canon(nd.kind))
		if nd.flags&(flagError|flagMissing) != 0 || (nd.parent >= 0 && nodes[nd.parent].flags&flagInError != 0) {
			nd.flags |= flagInError
		}
	}
}
