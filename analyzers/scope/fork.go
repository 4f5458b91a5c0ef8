package scope

import "github.com/pyhint/pyhint/analyzers/pyts"

// Fork returns an Info that shares in's facts and has memos of its own
// (Resolve's and the import names'), so that another goroutine can walk
// the same file (the checker's parallel walk of a large file). The facts
// are never modified after Build.
func (in *Info) Fork() *Info {
	cp := *in
	cp.resolved = nil
	cp.importOf = nil
	return &cp
}

// SameImports reports whether in and other import the same modules (the
// set Imports answers from).
func (in *Info) SameImports(other *Info) bool {
	if len(in.imported) != len(other.imported) {
		return false
	}
	for m := range in.imported {
		if !other.imported[m] {
			return false
		}
	}
	return true
}

// ModuleBindings returns every binding the module scope makes, in the
// order Build made them (the order of the statements). The caller must not
// modify them.
func (in *Info) ModuleBindings() []Binding {
	if in.watch != nil {
		in.watch.Flag(pyts.DepModuleNames)
	}
	return in.module
}
