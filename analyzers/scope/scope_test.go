package scope_test

import (
	"strings"
	"testing"

	"github.com/pyhint/pyhint/analyzers/pyts"
	"github.com/pyhint/pyhint/analyzers/scope"
)

const src = `import numpy as np
import os.path
import xml.etree.ElementTree as ET
from threading import Thread as T, Lock
from . import sibling
from collections.abc import *

def f(a, b=1, *args, c: int = 2, **kw):
    global g
    x = y = 0
    p, (q, r) = 1, (2, 3)
    s += 1
    del x
    for i in range(3): pass
    with open("f") as fh: pass
    try: pass
    except OSError as err: pass
    import json
    def inner(): pass
    class K: pass
    [z for z in range(3)]
    (w := 5)
    obj.attr = 1
    arr[0] = 2
    t: int
    u: int = 3
    yield
    np.array([1])
    T(target=None)
    open("x")

class Base: pass

class C(Base, metaclass=np.Meta):
    Base = None
    np = None
    clsattr = 1
    def m(self):
        return clsattr

async def co():
    await f()

def shadow(np):
    return np.array(1)

open = None
`

func build(t *testing.T) (*pyts.Tree, *scope.Info) {
	t.Helper()
	tree, err := pyts.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return tree, scope.Build(tree)
}

func find(t *testing.T, tree *pyts.Tree, kind pyts.Kind, text string) pyts.Node {
	t.Helper()
	for n := pyts.Node(0); int(n) < tree.Len(); n++ {
		if tree.Kind(n) == kind && tree.Text(n) == text {
			return n
		}
	}
	t.Fatalf("no %s %q", kind, text)
	return pyts.NoNode
}

func TestBindings(t *testing.T) {
	tree, info := build(t)
	fdef := tree.Parent(find(t, tree, pyts.Identifier, "f"))
	s := info.ScopeAt(fdef)
	if s < 0 || info.Scope(s).Kind != scope.Function || !info.Scope(s).Yields {
		t.Fatalf("function scope of f: %d %+v", s, info.Scope(s))
	}
	want := map[string]scope.BindingKind{
		"a": scope.Param, "b": scope.Param, "args": scope.Param, "c": scope.Param, "kw": scope.Param,
		"g": scope.Global, "x": scope.Assign, "y": scope.Assign, "p": scope.Assign, "q": scope.Assign, "r": scope.Assign,
		"s": scope.AugAssign, "i": scope.ForTarget, "fh": scope.WithTarget, "err": scope.ExceptTarget,
		"json": scope.Import, "inner": scope.FunctionDef, "K": scope.ClassDef, "w": scope.NamedExpr, "u": scope.AnnAssign,
	}
	for name, kind := range want {
		bs := info.Bindings(s, name)
		if len(bs) == 0 || bs[0].Kind != kind {
			t.Errorf("binding %s: got %+v, want kind %v", name, bs, kind)
		}
	}
	if bs := info.Bindings(s, "x"); len(bs) != 2 || bs[1].Kind != scope.Delete {
		t.Errorf("x should be assigned then deleted: %+v", bs)
	}
	for _, name := range []string{"z", "obj", "arr", "attr", "t"} {
		if bs := info.Bindings(s, name); bs != nil {
			t.Errorf("%s must not be bound in f (comprehension variable, attribute/subscript target or bare annotation)", name)
		}
	}
	co := info.ScopeAt(tree.Parent(find(t, tree, pyts.Identifier, "co")))
	if !info.Scope(co).Async || !info.Scope(co).Awaits {
		t.Errorf("co should be async and await: %+v", info.Scope(co))
	}
	if info.ModuleFunction("f") != fdef || info.ModuleFunction("open") != pyts.NoNode || info.ModuleFunction("C") != pyts.NoNode {
		t.Error("ModuleFunction")
	}
}

func TestResolve(t *testing.T) {
	tree, info := build(t)
	call := func(text string) pyts.Node {
		return tree.ChildByField(find(t, tree, pyts.Call, text), pyts.FFunction)
	}
	cases := []struct {
		node pyts.Node
		want string
	}{
		{call("np.array([1])"), "numpy.array"},
		{call("T(target=None)"), "threading.Thread"},
		{tree.NamedChild(tree.ChildByField(tree.Parent(find(t, tree, pyts.Identifier, "C")), pyts.FSuperclasses), 0), ""}, // Base: a class, not an import
		{call("np.array(1)"), ""},            // np is a parameter in shadow()
		{call(`open("x")`), ""},              // open is rebound at module level
		{call("range(3)"), "builtins.range"}, // unshadowed builtin
		{call("f()"), ""},                    // a module function is not an import
	}
	for _, c := range cases {
		if got := info.Resolve(c.node); got != c.want {
			t.Errorf("Resolve(%s) = %q, want %q", tree.Text(c.node), got, c.want)
		}
	}
	for _, mod := range []string{"numpy", "os", "threading", "xml.etree.ElementTree"} {
		if !info.Imports(mod) {
			t.Errorf("Imports(%q) = false", mod)
		}
	}
	if info.Imports("num") || info.Imports("json") == false {
		t.Error("Imports must match whole module names (json is imported inside f)")
	}
	if bs := info.Bindings(0, "ET"); len(bs) != 1 || bs[0].Qualified != "xml.etree.ElementTree" {
		t.Errorf("ET = %+v", bs)
	}
	if bs := info.Bindings(0, "sibling"); len(bs) != 1 || !strings.HasPrefix(bs[0].Qualified, ".") {
		t.Errorf("relative import = %+v", bs)
	}
}

func TestClassScopeIsSkippedFromMethods(t *testing.T) {
	tree, info := build(t)
	ret := find(t, tree, pyts.ReturnStatement, "return clsattr")
	id := tree.NamedChild(ret, 0)
	s, bs := info.Lookup(info.ScopeOf(id), "clsattr")
	if s != -1 || bs != nil {
		t.Errorf("a method must not see class attribute clsattr as a variable: scope %d %+v", s, bs)
	}
	if info.FunctionScope(id) < 0 {
		t.Error("FunctionScope of a method body")
	}
	if info.FunctionScope(find(t, tree, pyts.Identifier, "clsattr")) != -1 {
		t.Error("class body is not a function scope")
	}
}

func TestEmptyAndBroken(t *testing.T) {
	for _, s := range []string{"", "def f(:\n  global x\n", "\x00\xff"} {
		tree, err := pyts.Parse([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		info := scope.Build(tree)
		if info.NumScopes() == 0 || info.Scope(0).Kind != scope.Module {
			t.Errorf("%q: no module scope", s)
		}
	}
}
