package pyts

import "unsafe"

// This file defines Tree, the flat syntax tree that analyses read.

// Node is the index of a node in its Tree; NoNode means "none".
type Node int32

// NoNode is returned where a node does not exist (a missing child, the root's parent).
const NoNode Node = -1

// Tree is an immutable, flattened syntax tree in preorder. Node 0 is the root.
type Tree struct {
	src   []byte
	nodes []flatNode
	watch *Watch // see Watched; nil for an unwatched tree
}

// Source returns the bytes the tree was parsed from. Callers must not modify them.
func (t *Tree) Source() []byte { return t.src }

// Len returns the number of nodes.
func (t *Tree) Len() int {
	if t.watch != nil {
		t.watch.Flag(DepStructure)
	}
	return len(t.nodes)
}

// Root returns the root node (a "module"), or NoNode for an empty tree.
func (t *Tree) Root() Node {
	if len(t.nodes) == 0 {
		return NoNode
	}
	return 0
}

// HasError reports whether the tree contains any syntax error.
func (t *Tree) HasError() bool { return len(t.nodes) > 0 && t.HasErrorBelow(0) }

// Kind returns n's canonical kind.
func (t *Tree) Kind(n Node) Kind {
	t.see(n)
	return Kind(t.nodes[n].kind)
}

// Is reports whether n exists and has kind k.
func (t *Tree) Is(n Node, k Kind) bool {
	if n == NoNode {
		return false
	}
	if t.watch != nil {
		t.watch.Node(n)
	}
	return Kind(t.nodes[n].kind) == k
}

// Field returns the field under which n sits in its parent (0 if none).
func (t *Tree) Field(n Node) Field {
	t.see(n)
	return Field(t.nodes[n].field)
}

// Start returns n's start byte offset.
func (t *Tree) Start(n Node) int {
	t.seeExtent(n)
	return int(t.nodes[n].start)
}

// End returns n's end byte offset (exclusive).
func (t *Tree) End(n Node) int {
	t.seeExtent(n)
	return int(t.nodes[n].end)
}

// Text returns n's source text. It does not copy: the string shares the
// source's memory, which is why the source must never be modified once
// parsed (see Parser.Parse). Analyses call Text for most nodes they look at.
func (t *Tree) Text(n Node) string {
	t.seeExtent(n)
	nd := &t.nodes[n]
	if nd.end <= nd.start {
		return ""
	}
	return unsafe.String(&t.src[nd.start], int(nd.end-nd.start))
}

// TextIs reports whether n's source text equals s, without allocating.
func (t *Tree) TextIs(n Node, s string) bool {
	t.seeExtent(n)
	return t.Text(n) == s
}

// IsNamed reports whether n is a named node (not an anonymous token).
func (t *Tree) IsNamed(n Node) bool {
	t.see(n)
	return t.nodes[n].flags&flagNamed != 0
}

// InError reports whether n is an ERROR or MISSING node or lies inside one.
// Nothing is ever reported on such nodes.
func (t *Tree) InError(n Node) bool {
	t.see(n)
	return t.nodes[n].flags&flagInError != 0
}

// HasErrorBelow reports whether n's subtree contains a syntax error.
func (t *Tree) HasErrorBelow(n Node) bool {
	t.see(n)
	return t.nodes[n].flags&(flagHasErr|flagError|flagMissing) != 0
}

// Parent returns n's parent, or NoNode for the root.
func (t *Tree) Parent(n Node) Node {
	t.see(n)
	return Node(t.nodes[n].parent)
}

// SubtreeEnd returns the index one past n's last descendant: the nodes of n's
// subtree are exactly [n, SubtreeEnd(n)).
func (t *Tree) SubtreeEnd(n Node) Node {
	t.seeExtent(n)
	return n + Node(t.nodes[n].size)
}

// Contains reports whether d is n or one of its descendants.
func (t *Tree) Contains(n, d Node) bool { return d >= n && d < t.SubtreeEnd(n) }

// FirstChild returns n's first child (named or not), or NoNode.
func (t *Tree) FirstChild(n Node) Node {
	if t.watch != nil {
		t.watch.Node(n)
	}
	if t.nodes[n].size <= 1 {
		return NoNode
	}
	return n + 1
}

// NextSibling returns the sibling after n, or NoNode.
func (t *Tree) NextSibling(n Node) Node {
	if t.watch != nil {
		t.watch.sibling(t, n)
	}
	p := t.nodes[n].parent
	next := n + Node(t.nodes[n].size)
	if p < 0 || next >= Node(p)+Node(t.nodes[p].size) {
		return NoNode
	}
	return next
}

// Children returns n's children, named and anonymous.
func (t *Tree) Children(n Node) []Node {
	var out []Node
	for c := t.FirstChild(n); c != NoNode; c = t.NextSibling(c) {
		out = append(out, c)
	}
	return out
}

// NamedChildren returns n's named children, skipping comments.
func (t *Tree) NamedChildren(n Node) []Node {
	var out []Node
	for c := t.FirstChild(n); c != NoNode; c = t.NextSibling(c) {
		if t.IsNamed(c) && t.Kind(c) != Comment {
			out = append(out, c)
		}
	}
	return out
}

// NamedChild returns n's i-th named non-comment child, or NoNode.
func (t *Tree) NamedChild(n Node, i int) Node {
	for c := t.FirstChild(n); c != NoNode; c = t.NextSibling(c) {
		if t.IsNamed(c) && t.Kind(c) != Comment {
			if i == 0 {
				return c
			}
			i--
		}
	}
	return NoNode
}

// ChildByField returns n's first child under field f, or NoNode.
func (t *Tree) ChildByField(n Node, f Field) Node {
	for c := t.FirstChild(n); c != NoNode; c = t.NextSibling(c) {
		t.see(c)
		if Field(t.nodes[c].field) == f {
			return c
		}
	}
	return NoNode
}

// ChildrenByField returns n's children under field f.
func (t *Tree) ChildrenByField(n Node, f Field) []Node {
	var out []Node
	for c := t.FirstChild(n); c != NoNode; c = t.NextSibling(c) {
		t.see(c)
		if Field(t.nodes[c].field) == f {
			out = append(out, c)
		}
	}
	return out
}

// ChildOfKind returns n's first child of kind k, or NoNode.
func (t *Tree) ChildOfKind(n Node, k Kind) Node {
	for c := t.FirstChild(n); c != NoNode; c = t.NextSibling(c) {
		t.see(c)
		if Kind(t.nodes[c].kind) == k {
			return c
		}
	}
	return NoNode
}

// Ancestor returns the nearest proper ancestor of n whose kind is one of ks,
// or NoNode.
func (t *Tree) Ancestor(n Node, ks ...Kind) Node { return t.AncestorWithin(n, NoNode, ks...) }

// Unparen returns the expression inside any parentheses around n.
func (t *Tree) Unparen(n Node) Node {
	for n != NoNode && t.Kind(n) == ParenthesizedExpression {
		n = t.NamedChild(n, 0)
	}
	return n
}

// NodeAt returns the smallest node whose range contains the byte offset
// [start, end), preferring named nodes, or NoNode.
func (t *Tree) NodeAt(start, end int) Node {
	best := NoNode
	n := t.Root()
	for n != NoNode {
		if !(t.Start(n) <= start && end <= t.End(n)) {
			break
		}
		best = n
		next := NoNode
		for c := t.FirstChild(n); c != NoNode; c = t.NextSibling(c) {
			if t.Start(c) <= start && end <= t.End(c) && t.IsNamed(c) {
				next = c
				break
			}
		}
		n = next
	}
	return best
}
