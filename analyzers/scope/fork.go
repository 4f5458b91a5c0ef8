package scope

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
