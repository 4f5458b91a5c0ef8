package multiprocessing

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/pyts"
	"github.com/pyhint/pyhint/analyzers/scope"
)

//go:embed doc.go
var doc string

// Analyzer is the multiprocessing analyzer.
var Analyzer = &analysis.Analyzer{
	Name:     "multiprocessing",
	Doc:      analysis.MustExtractDoc(doc, "multiprocessing"),
	Concepts: []string{"multiprocessing"},
	Rules: []analysis.Rule{
		{Name: "multiprocessing-main-guard", Concept: "multiprocessing"},
	},
	Kinds: []pyts.Kind{pyts.ImportStatement, pyts.ImportFromStatement, pyts.Call, pyts.IfStatement, pyts.ElifClause},
	Applies: func(pass *analysis.Pass) bool {
		return pass.Scope.Imports("multiprocessing") || pass.Scope.Imports("concurrent")
	},
	Visit: visit,
}

func visit(pass *analysis.Pass, n pyts.Node) {
	switch pass.Tree.Kind(n) {
	case pyts.ImportStatement, pyts.ImportFromStatement:
		visitImport(pass, n)
	case pyts.IfStatement, pyts.ElifClause:
		visitIf(pass, n)
	case pyts.Call:
		visitCall(pass, n)
	}
}

// visitImport anchors `import multiprocessing` and its from-imports on the
// module name.
func visitImport(pass *analysis.Pass, stmt pyts.Node) {
	pass.AnchorModuleImports(stmt, "multiprocessing", "multiprocessing", "separate processes",
		"`multiprocessing` runs functions in separate processes, each with its own interpreter, memory and GIL, so CPU-bound Python code can use several cores.")
}

// visitIf anchors the header of `if __name__ == "__main__":`.
func visitIf(pass *analysis.Pass, n pyts.Node) {
	t := pass.Tree
	cond := t.ChildByField(n, pyts.FCondition)
	if mainGuard(t, cond) != "==" {
		return
	}
	pass.AnchorRange(analysis.Range{Start: t.Start(n), End: t.End(cond)}, "multiprocessing", "main guard",
		"Code under this guard runs only when the file is executed as a script, not when it is imported; child processes started with spawn or forkserver import the main module, so process creation belongs here.")
}

// mainGuard returns "==" for `__name__ == "__main__"` (either way round),
// "!=" for its negation, and "" for anything else.
func mainGuard(t *pyts.Tree, cond pyts.Node) string {
	cond = t.Unparen(cond)
	if !t.Is(cond, pyts.ComparisonOperator) {
		return ""
	}
	ops := t.ChildrenByField(cond, pyts.FOperators)
	operands := t.NamedChildren(cond)
	if len(ops) != 1 || len(operands) != 2 {
		return ""
	}
	op := t.Text(ops[0])
	if op != "==" && op != "!=" {
		return ""
	}
	a, b := t.Unparen(operands[0]), t.Unparen(operands[1])
	if t.Is(b, pyts.Identifier) {
		a, b = b, a
	}
	if !t.Is(a, pyts.Identifier) || !t.TextIs(a, "__name__") || !t.Is(b, pyts.String) {
		return ""
	}
	if s := t.Text(b); s != `"__main__"` && s != `'__main__'` {
		return ""
	}
	return op
}

// construct is what a constructor builds: an anchor, and whether building
// it at module level is reported.
type construct struct {
	hint, detail string
	starts       bool
}

var constructs = map[string]construct{
	"multiprocessing.Process":                        {"separate process, own GIL", "`%s` creates a child process that runs its target in a separate interpreter with its own memory and GIL, once `.start()` is called.", true},
	"multiprocessing.Pool":                           {"process pool", "`%s` starts worker processes, each with its own interpreter and GIL, and farms calls out to them; arguments and results are pickled across.", true},
	"multiprocessing.pool.Pool":                      {"process pool", "`%s` starts worker processes, each with its own interpreter and GIL, and farms calls out to them; arguments and results are pickled across.", true},
	"concurrent.futures.ProcessPoolExecutor":         {"process pool", "`%s` runs submitted calls in worker processes, each with its own interpreter and GIL; arguments and results are pickled across.", true},
	"concurrent.futures.process.ProcessPoolExecutor": {"process pool", "`%s` runs submitted calls in worker processes, each with its own interpreter and GIL; arguments and results are pickled across.", true},
	"multiprocessing.Queue":                          {"inter-process queue", "`%s` passes pickled items between processes; `get()` blocks until an item arrives.", false},
	"multiprocessing.SimpleQueue":                    {"inter-process queue", "`%s` passes pickled items between processes; `get()` blocks until an item arrives.", false},
	"multiprocessing.JoinableQueue":                  {"inter-process queue", "`%s` passes pickled items between processes and lets a producer wait until every item is marked done.", false},
	"multiprocessing.Manager":                        {"manager server process", "`%s` starts a server process that holds shared objects; other processes reach them through proxies.", false},
	"multiprocessing.Pipe":                           {"inter-process pipe", "`%s` returns two connected ends that send pickled objects between processes.", false},
}

func visitCall(pass *analysis.Pass, call pyts.Node) {
	t := pass.Tree
	callee, fork := calleeName(pass, call)
	c, ok := constructs[callee]
	if !ok {
		return
	}
	fnText := t.Text(t.ChildByField(call, pyts.FFunction))
	label := fnText + "(...)"
	if target := targetArg(t, call); strings.HasSuffix(callee, ".Process") && t.Is(target, pyts.Identifier) {
		label = fnText + "(target=" + t.Text(target) + ")"
	}
	pass.Anchor(call, "multiprocessing", c.hint, fmt.Sprintf(c.detail, label))
	if !c.starts || fork || !atImportTime(pass, call) {
		// A fork context copies the parent instead of re-importing it.
		return
	}
	what := "processes"
	if strings.HasSuffix(callee, ".Process") {
		what = "a process"
	}
	pass.Reportf(call, "multiprocessing-main-guard",
		"`%s(...)` runs at import time: with the spawn start method (the default on Windows and macOS) each child process re-imports the main module and re-runs this top-level code that starts %s; move it into a function called under `if __name__ == \"__main__\":`",
		fnText, what)
}

// atImportTime reports whether n runs when the module is imported: it is
// outside every def, lambda and class and not under a main guard.
func atImportTime(pass *analysis.Pass, n pyts.Node) bool {
	t := pass.Tree
	if pass.Scope.FunctionScope(n) >= 0 {
		return false
	}
	child := n
	for p := t.Parent(n); p != pyts.NoNode; child, p = p, t.Parent(p) {
		switch t.Kind(p) {
		case pyts.FunctionDefinition, pyts.ClassDefinition, pyts.Lambda:
			return false
		case pyts.IfStatement, pyts.ElifClause:
			cond := t.Unparen(t.ChildByField(p, pyts.FCondition))
			if t.Field(child) == pyts.FConsequence && (t.TextIs(cond, "TYPE_CHECKING") || t.TextIs(cond, "typing.TYPE_CHECKING")) {
				return false // never runs
			}
			switch mainGuard(t, cond) {
			case "==":
				if t.Field(child) == pyts.FConsequence {
					return false
				}
			case "!=":
				if t.Is(child, pyts.ElseClause) || t.Is(child, pyts.ElifClause) {
					return false
				}
			}
		}
	}
	return true
}

// calleeName is pass.Callee extended to multiprocessing contexts:
// `mp.get_context("spawn").Pool` and `ctx.Pool` with
// `ctx = mp.get_context(...)` give "multiprocessing.Pool". fork reports a
// context that explicitly uses the fork start method.
func calleeName(pass *analysis.Pass, call pyts.Node) (name string, fork bool) {
	t := pass.Tree
	fn := t.Unparen(t.ChildByField(call, pyts.FFunction))
	if q := pass.Resolve(fn); q != "" {
		return q, false
	}
	if !t.Is(fn, pyts.Attribute) {
		return "", false
	}
	obj := t.Unparen(t.ChildByField(fn, pyts.FObject))
	if ok, fork := isContext(pass, obj); ok {
		return "multiprocessing." + t.Text(t.ChildByField(fn, pyts.FAttribute)), fork
	}
	return "", false
}

// isContext reports whether n is a multiprocessing context: a call of
// multiprocessing.get_context, or a name bound only by assignments of one.
// fork reports that every such call asks for "fork".
func isContext(pass *analysis.Pass, n pyts.Node) (ok, fork bool) {
	t := pass.Tree
	if t.Is(n, pyts.Call) {
		return getContext(pass, n)
	}
	if !t.Is(n, pyts.Identifier) {
		return false, false
	}
	_, bs := pass.Scope.Lookup(pass.Scope.ScopeOf(n), t.Text(n))
	if len(bs) == 0 {
		return false, false
	}
	fork = true
	for _, b := range bs {
		if b.Kind != scope.Assign {
			return false, false
		}
		ok, f := getContext(pass, t.BoundValue(b.Node))
		if !ok {
			return false, false
		}
		fork = fork && f
	}
	return true, fork
}

// getContext reports whether call is multiprocessing.get_context(...) and
// whether it asks for the fork start method.
func getContext(pass *analysis.Pass, call pyts.Node) (ok, fork bool) {
	t := pass.Tree
	if !t.Is(call, pyts.Call) || pass.Callee(call) != "multiprocessing.get_context" {
		return false, false
	}
	a := t.Arguments(call)
	if a == pyts.NoNode {
		return true, false
	}
	arg := t.NamedChild(a, 0)
	if t.Is(arg, pyts.KeywordArgument) && t.TextIs(t.ChildByField(arg, pyts.FName), "method") {
		arg = t.ChildByField(arg, pyts.FValue)
	}
	return true, arg != pyts.NoNode && (t.TextIs(arg, `"fork"`) || t.TextIs(arg, `'fork'`))
}

// targetArg returns the target= argument of a Process construction, or
// NoNode.
func targetArg(t *pyts.Tree, call pyts.Node) pyts.Node {
	return t.Unparen(t.KeywordArg(call, "target"))
}
