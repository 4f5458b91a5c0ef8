package pyts

import (
	"fmt"
	"strings"
)

// This file defines Sexp, a debugging view of a subtree.

// Sexp renders n's subtree as an S-expression of named nodes with their field
// names, plus anonymous keyword tokens in quotes (for tests and debugging).
func (t *Tree) Sexp(n Node) string {
	var b strings.Builder
	t.sexp(&b, n)
	return b.String()
}

func (t *Tree) sexp(b *strings.Builder, n Node) {
	if f := t.Field(n); f != 0 {
		fmt.Fprintf(b, "%s: ", language.FieldNameForId(uint16(f)))
	}
	if !t.IsNamed(n) {
		fmt.Fprintf(b, "%q", t.Kind(n).String())
		return
	}
	b.WriteString("(" + t.Kind(n).String())
	for c := t.FirstChild(n); c != NoNode; c = t.NextSibling(c) {
		b.WriteByte(' ')
		t.sexp(b, c)
	}
	b.WriteByte(')')
}
