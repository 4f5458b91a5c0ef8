package scope_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"testing"

	"github.com/pyhint/pyhint/analyzers/internal/testseeds"
	"github.com/pyhint/pyhint/analyzers/pyts"
	"github.com/pyhint/pyhint/analyzers/scope"
)

// TestLazyBodiesMatchInOrder builds the facts of every analyzer testdata
// file twice: once asking about nodes in random order, so that def and
// class bodies are built in that order, and once building them in file
// order (Complete). Every fact must be the same: the numbering of scopes
// does not depend on which body is built first.
func TestLazyBodiesMatchInOrder(t *testing.T) {
	files := testseeds.Testdata(t)
	r := rand.New(rand.NewPCG(5, 6))
	for _, f := range files {
		tree := parseFile(t, f)
		lazy, eager := scope.Build(tree), scope.Build(tree)
		eager.Complete()
		order := r.Perm(tree.Len())
		for _, n := range order {
			if a, b := lazy.ScopeOf(pyts.Node(n)), eager.ScopeOf(pyts.Node(n)); a != b {
				t.Fatalf("%s: node %d (%s): scope %d built lazily, %d in order", f, n, tree.Kind(pyts.Node(n)), a, b)
			}
		}
		if lazy.NumScopes() != eager.NumScopes() {
			t.Fatalf("%s: %d scopes lazily, %d in order", f, lazy.NumScopes(), eager.NumScopes())
		}
		for s := range eager.NumScopes() {
			if a, b := describe(lazy, s), describe(eager, s); a != b {
				t.Fatalf("%s: scope %d differs\nlazy:  %s\norder: %s", f, s, a, b)
			}
			if !reflect.DeepEqual(lazy.BindingsByName(s), eager.BindingsByName(s)) {
				t.Fatalf("%s: scope %d binds differently", f, s)
			}
		}
		for n := range tree.Len() {
			if a, b := lazy.ScopeAt(pyts.Node(n)), eager.ScopeAt(pyts.Node(n)); a != b {
				t.Fatalf("%s: ScopeAt(%d) = %d lazily, %d in order", f, n, a, b)
			}
		}
		if !lazy.SameImports(eager) {
			t.Fatalf("%s: imports differ", f)
		}
	}
}

// TestScopesOpenInOrder checks the numbering Build promises: scopes are
// numbered in the order their nodes open them, parents before children.
func TestScopesOpenInOrder(t *testing.T) {
	tree, err := pyts.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	in := scope.Build(tree)
	in.Complete()
	prev := pyts.Node(-1)
	for s := 1; s < in.NumScopes(); s++ {
		sc := in.Scope(s)
		open := sc.Node
		if sc.Kind == scope.Class {
			open = tree.ChildByField(sc.Node, pyts.FBody)
		}
		if open <= prev || sc.Parent >= s {
			t.Fatalf("scope %d (%s at node %d) opens out of order (previous at %d, parent %d)", s, describe(in, s), open, prev, sc.Parent)
		}
		prev = open
	}
	if in.NumScopes() < 8 {
		t.Fatalf("only %d scopes in the sample", in.NumScopes())
	}
}

func describe(in *scope.Info, s int) string {
	sc := in.Scope(s)
	return fmt.Sprintf("kind %d node %d parent %d yields %v awaits %v async %v names %v", sc.Kind, sc.Node, sc.Parent, sc.Yields, sc.Awaits, sc.Async, in.Names(s))
}

// TestClassesAndMethods: Classes and DefinesMethod, which Build answers
// without building any body, agree with the class scopes of the built
// facts, for every analyzer testdata file.
func TestClassesAndMethods(t *testing.T) {
	nClasses, nMethods := 0, 0
	for _, f := range testseeds.Testdata(t) {
		tree := parseFile(t, f)
		in := scope.Build(tree)
		gotClasses := slices.Clone(in.Classes())
		in.Complete()
		var classes []pyts.Node
		methods := map[string]bool{}
		for s := range in.NumScopes() {
			if in.Scope(s).Kind != scope.Class {
				continue
			}
			classes = append(classes, in.Scope(s).Node)
			for name, bs := range in.BindingsByName(s) {
				for _, b := range bs {
					if b.Kind == scope.FunctionDef {
						methods[name] = true
					}
				}
			}
		}
		nClasses += len(classes)
		nMethods += len(methods)
		if !slices.Equal(gotClasses, classes) {
			t.Errorf("%s: Classes() = %v, class scopes at %v", f, gotClasses, classes)
		}
		for s := range in.NumScopes() {
			for _, name := range in.Names(s) {
				if in.DefinesMethod(name) != methods[name] {
					t.Errorf("%s: DefinesMethod(%q) = %v, class scopes say %v", f, name, !methods[name], methods[name])
				}
			}
		}
	}
	if nClasses < 20 || nMethods < 20 {
		t.Fatalf("only %d classes and %d method names in the testdata: the test tests little", nClasses, nMethods)
	}
}

// parseFile parses the Python file at path.
func parseFile(t *testing.T, path string) *pyts.Tree {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := pyts.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	return tree
}
