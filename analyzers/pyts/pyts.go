// Package pyts is pyhint's glue to tree-sitter: it parses Python with the
// pinned grammar and exposes the result as a flat, immutable Go tree.
//
// Every tree-sitter object this package creates is closed before the function
// that created it returns, except a Parser (closed by its owner) and the
// raw trees returned by ParseRaw (closed by the caller, e.g. the server
// after an incremental reparse). Analyses
// work on *Tree, which is plain Go memory: nodes are indices, never C pointers,
// so they can be kept, shared between goroutines and read after the C tree is
// gone.
package pyts

import (
	"context"
	"errors"
	"fmt"

	sitter "github.com/tree-sitter/go-tree-sitter"
	python "github.com/tree-sitter/tree-sitter-python/bindings/go"
)

// Language returns the pinned Python grammar.
func Language() *sitter.Language { return language }

var language = sitter.NewLanguage(python.Language())

// Kind is a canonical node kind id: when the grammar gives several symbols the
// same name (aliases), all of them map to the first.
type Kind uint16

// canonical maps a grammar symbol to its canonical Kind; kindNames is the
// reverse. Both are filled once at init and never written again.
var canonical, kindNames = buildKinds()

func buildKinds() ([]Kind, []string) {
	count := language.NodeKindCount()
	canon := make([]Kind, count)
	names := make([]string, count)
	first := map[string]Kind{}
	for i := 0; i < int(count); i++ {
		sym := uint16(i)
		name := language.NodeKindForId(sym)
		key := name
		if language.NodeKindIsNamed(sym) {
			key = "\x00" + name
		}
		if k, ok := first[key]; ok {
			canon[i] = k
		} else {
			first[key] = Kind(i)
			canon[i] = Kind(i)
		}
		names[i] = name
	}
	return canon, names
}

// String returns the grammar's name for k.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	if k == errorSymbol {
		return "ERROR"
	}
	return fmt.Sprintf("Kind(%d)", uint16(k))
}

// KindOf returns the canonical kind for a node type name. named selects
// between a named node ("identifier") and an anonymous token ("global").
// It panics on a name the grammar does not have: kinds are looked up once, at
// package initialisation, so a typo fails every test.
func KindOf(name string, named bool) Kind {
	id := language.IdForNodeKind(name, named)
	if id == 0 && name != "end" {
		panic(fmt.Sprintf("pyts: grammar has no %s node %q", map[bool]string{true: "named", false: "anonymous"}[named], name))
	}
	return canon(id)
}

// canon maps a grammar symbol to its canonical kind. Symbols past the table
// (tree-sitter's built-in ERROR symbol, 65535) are their own canonical kind.
func canon(sym uint16) Kind {
	if int(sym) < len(canonical) {
		return canonical[sym]
	}
	return Kind(sym)
}

// errorSymbol is tree-sitter's built-in symbol for ERROR nodes.
const errorSymbol Kind = 65535

// Field is a grammar field id (0 = no field).
type Field uint16

// FieldOf returns the field id for a field name, panicking on an unknown name.
func FieldOf(name string) Field {
	id := language.FieldIdForName(name)
	if id == 0 {
		panic(fmt.Sprintf("pyts: grammar has no field %q", name))
	}
	return Field(id)
}

// ErrTooLarge is returned for sources past MaxSourceBytes.
var ErrTooLarge = errors.New("source too large to parse")

// MaxSourceBytes bounds what Parse accepts; tree-sitter stores offsets in 32 bits.
const MaxSourceBytes = 1<<31 - 1

// Parser wraps a tree-sitter parser set to Python. One Parser per goroutine;
// Close it when done.
type Parser struct {
	p *sitter.Parser
}

// NewParser returns a Python parser.
func NewParser() *Parser { return &Parser{p: newSitterParser()} }

func newSitterParser() *sitter.Parser {
	p := sitter.NewParser()
	if err := p.SetLanguage(language); err != nil {
		// The grammar is compiled in; a version mismatch is a build error.
		panic(fmt.Sprintf("pyts: set language: %v", err))
	}
	return p
}

// renew replaces p's tree-sitter parser after a parse that gave up.
// tree-sitter 0.25 keeps a parse stopped while it balanced the finished
// tree marked as outstanding even after ts_parser_reset (which releases
// that tree), and its next parse would resume the balancing and abort the
// process (ts_parser_parse: assertion `self->finished_tree.ptr' failed):
// a new parser has no such state.
func (p *Parser) renew() {
	p.p.Close()
	p.p = newSitterParser()
}

// Close releases the parser's C memory.
func (p *Parser) Close() { p.p.Close() }

// ParseRaw parses src, reusing old (which must have been edited to match src)
// when it is non-nil. The caller owns the returned tree and must Close it.
// When ctx ends, before or during the parse, it returns ctx's error (a
// parse stops within tree-sitter's next progress check, microseconds).
func (p *Parser) ParseRaw(ctx context.Context, src []byte, old *sitter.Tree) (*sitter.Tree, error) {
	if len(src) > MaxSourceBytes {
		return nil, fmt.Errorf("parse %d bytes: %w", len(src), ErrTooLarge)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	t := parseString(ctx, p.p, src, old)
	if t == nil {
		p.renew()
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("parse: %w", err)
		}
		return nil, errors.New("parse: tree-sitter returned no tree")
	}
	return t, nil
}

// Parse parses src into a flat Tree, closing every C object it made. The
// tree keeps src and hands out strings that share its memory (Tree.Text):
// src must not be modified afterwards.
func (p *Parser) Parse(ctx context.Context, src []byte) (*Tree, error) {
	t, err := p.ParseRaw(ctx, src, nil)
	if err != nil {
		return nil, err
	}
	defer t.Close()
	return Flatten(t, src), nil
}

// Parse is a convenience for one-off parses (tests, docs): it creates and
// closes its own parser.
func Parse(src []byte) (*Tree, error) {
	p := NewParser()
	defer p.Close()
	return p.Parse(context.Background(), src)
}
