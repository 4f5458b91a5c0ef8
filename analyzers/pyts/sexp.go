package pyts

import (
	"fmt"
	"strings"
)

// This file defines Sexp, a debugging view of a subtree.

// Sexp renders n's subtree as an S-expression of named nodes with their field
// names, plus anonymous keyword tokens in quotes (for tests and debugging).
// It walks the flat tree in order with a stack of the nodes whose ")" is
// still to be written, so a deep tree costs no Go stack.
func (t *Tree) Sexp(n Node) string {
	var b strings.Builder
	var open []Node // named nodes whose ")" is still to be written
	end := t.SubtreeEnd(n)
	for d := n; d < end; d++ {
		for len(open) > 0 && d >= t.SubtreeEnd(open[len(open)-1]) {
			b.WriteByte(')')
			open = open[:len(open)-1]
		}
		if d != n {
			b.WriteByte(' ')
		}
		if f := t.Field(d); f != 0 {
			fmt.Fprintf(&b, "%s: ", language.FieldNameForId(uint16(f)))
		}
		if !t.IsNamed(d) {
			fmt.Fprintf(&b, "%q", t.Kind(d).String())
			d = t.SubtreeEnd(d) - 1 // an anonymous node's children are not shown
			continue
		}
		b.WriteString("(" + t.Kind(d).String())
		open = append(open, d)
	}
	for range open {
		b.WriteByte(')')
	}
	return b.String()
}
