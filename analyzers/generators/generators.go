package generators

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

const concept = "generators"

// Analyzer is the generators analyzer.
var Analyzer = &analysis.Analyzer{
	Name:     "generators",
	Doc:      analysis.MustExtractDoc(doc, "generators"),
	Concepts: []string{concept},
	Rules: []analysis.Rule{
		{Name: "list-comprehension-in-call", Concept: concept},
	},
	Kinds: []pyts.Kind{pyts.Call, pyts.Yield, pyts.GeneratorExpression, pyts.FunctionDefinition},
	Visit: visit,
}

func visit(pass *analysis.Pass, n pyts.Node) {
	switch pass.Tree.Kind(n) {
	case pyts.Call:
		checkCall(pass, n)
	case pyts.Yield:
		anchorYield(pass, n)
	case pyts.GeneratorExpression:
		anchorGenexp(pass, n)
	case pyts.FunctionDefinition:
		anchorFunction(pass, n)
	}
}

// consumers read their iterable argument once, front to back.
var consumers = map[string]bool{
	"builtins.sum": true, "builtins.any": true, "builtins.all": true,
	"builtins.min": true, "builtins.max": true,
}

// checkCall reports sum/any/all/min/max whose first positional argument is
// a list comprehension, with a fix that turns it into a generator
// expression.
//
//	sum([x * x for x in xs])       →  sum(x * x for x in xs)
//	max([len(s) for s in names], default=0)  →  max((len(s) for s in names), default=0)
func checkCall(pass *analysis.Pass, call pyts.Node) {
	callee := pass.Callee(call)
	if !consumers[callee] {
		return
	}
	name := strings.TrimPrefix(callee, "builtins.")
	t := pass.Tree
	args := t.Arguments(call)
	if args == pyts.NoNode {
		return
	}
	var positional []pyts.Node
	for _, a := range t.NamedChildren(args) {
		switch t.Kind(a) {
		case pyts.KeywordArgument:
		case pyts.ListSplat, pyts.DictionarySplat, pyts.ParenthesizedListSplat:
			return // the arguments are unknown
		default:
			positional = append(positional, a)
		}
	}
	if len(positional) == 0 || !t.Is(positional[0], pyts.ListComprehension) {
		return
	}
	// max([..], b) compares the list itself with b; any/all take one
	// argument. sum([..], start) is fine.
	if len(positional) > 1 && (name != "sum" || len(positional) > 2) {
		return
	}
	lc := positional[0]
	if isAsync(t, lc) {
		return // a generator expression with await or async for is an async generator
	}
	sole := true // the comprehension is the only thing between the parentheses
	for _, c := range t.Children(args) {
		if c != lc && t.IsNamed(c) && !t.Is(c, pyts.Comment) || t.Is(c, pyts.OpComma) {
			sole = false
		}
	}
	edits := []analysis.TextEdit{
		{Range: analysis.Range{Start: t.Start(lc), End: t.Start(lc) + 1}},
		{Range: analysis.Range{Start: t.End(lc) - 1, End: t.End(lc)}},
	}
	how := "drop the brackets"
	if !sole {
		edits[0].NewText, edits[1].NewText = "(", ")"
		how = "turn the brackets into parentheses"
	}
	fname := t.ShortText(t.ChildByField(call, pyts.FFunction), 30)
	var msg string
	shortCircuit := name == "any" || name == "all"
	if shortCircuit {
		stop := "true"
		if name == "all" {
			stop = "false"
		}
		msg = fmt.Sprintf("the list comprehension computes every element before `%s()` sees the first, so it cannot stop at the first %s one; pass a generator expression (%s)", fname, stop, how)
	} else {
		msg = fmt.Sprintf("the list comprehension builds a whole list in memory only for `%s()` to read it once; pass a generator expression (%s)", fname, how)
	}
	if shortCircuit && hasEffects(t, lc) {
		// Stopping early would run the calls in it fewer times.
		pass.Reportf(call, "list-comprehension-in-call", "%s if its calls may run fewer times", msg)
		return
	}
	pass.ReportFix(call, "list-comprehension-in-call", msg, analysis.Fix{
		Message: "Replace the list comprehension with a generator expression",
		Edits:   edits,
	})
}

// isAsync reports whether n contains await or async for.
func isAsync(t *pyts.Tree, n pyts.Node) bool {
	end := t.SubtreeEnd(n)
	for d := n; d < end; d++ {
		switch t.Kind(d) {
		case pyts.Await:
			return true
		case pyts.ForInClause:
			if t.Is(t.FirstChild(d), pyts.KwAsync) {
				return true
			}
		}
	}
	return false
}

// hasEffects reports whether n contains a call, await or walrus, whose
// effects would run fewer times if any()/all() stopped early.
func hasEffects(t *pyts.Tree, n pyts.Node) bool {
	end := t.SubtreeEnd(n)
	for d := n; d < end; d++ {
		switch t.Kind(d) {
		case pyts.Call, pyts.Await, pyts.NamedExpression:
			return true
		}
	}
	return false
}

// anchorYield anchors the yield (or yield from) keywords.
func anchorYield(pass *analysis.Pass, y pyts.Node) {
	t := pass.Tree
	kw := t.FirstChild(y)
	if !t.Is(kw, pyts.KwYield) {
		return
	}
	r := analysis.Range{Start: t.Start(kw), End: t.End(kw)}
	from := t.NextSibling(kw)
	isFrom := from != pyts.NoNode && t.Is(from, pyts.KwFrom)
	if isFrom {
		r.End = t.End(from)
	}
	value := t.NamedChild(y, 0)
	fn, async, cm := owner(pass, y)
	iterates := "whoever iterates " + fn
	if async {
		iterates = "the `async for` over " + fn
	}
	if isFrom {
		sub := "the sub-iterator"
		if value != pyts.NoNode {
			sub = "`" + t.ShortText(value, 40) + "`"
		}
		pass.AnchorRange(r, concept, "delegates to a sub-generator", fmt.Sprintf(
			"`yield from` passes each value of %s straight through to %s, and evaluates to the sub-generator's return value when it finishes.",
			sub, iterates))
		return
	}
	what := "`None`"
	if value != pyts.NoNode {
		what = "`" + t.ShortText(value, 40) + "`"
	}
	if cm && value == pyts.NoNode {
		pass.AnchorRange(r, concept, "yields control", "In this `@contextmanager` function, `yield` pauses here while the `with` block runs, and resumes when it ends.")
		return
	}
	if cm {
		pass.AnchorRange(r, concept, "yields a value", fmt.Sprintf(
			"In this `@contextmanager` function, `yield` hands %s to the `with ... as` target and pauses here until the `with` block ends.", what))
		return
	}
	detail := fmt.Sprintf("`yield` hands %s to %s and pauses here until the next value is requested", what, iterates)
	if p := t.Parent(y); !t.Is(p, pyts.ExpressionStatement) {
		detail += "; the expression then evaluates to what `send()` passed in (`None` for plain iteration)"
	}
	pass.AnchorRange(r, concept, "yields a value", detail+".")
}

// owner describes the function a yield belongs to: "`name()`", whether it
// is async, and whether it is a @contextmanager.
func owner(pass *analysis.Pass, y pyts.Node) (name string, async, cm bool) {
	t := pass.Tree
	s := pass.Scope.FunctionScope(y)
	if s < 0 || pass.Scope.Scope(s).Kind != scope.Function {
		return "this generator", false, false
	}
	def := pass.Scope.Scope(s).Node
	name = "`" + t.Text(t.ChildByField(def, pyts.FName)) + "()`"
	return name, pass.Scope.Scope(s).Async, isContextManager(pass, def)
}

// isContextManager reports whether def is decorated with
// contextlib.contextmanager or contextlib.asynccontextmanager.
func isContextManager(pass *analysis.Pass, def pyts.Node) bool {
	return pass.DecoratedWith(def, "contextlib.contextmanager", "contextlib.asynccontextmanager") != pyts.NoNode
}

// anchorGenexp anchors a generator expression (its first line).
func anchorGenexp(pass *analysis.Pass, g pyts.Node) {
	t := pass.Tree
	r := analysis.Range{Start: t.Start(g), End: pass.FirstLineEnd(g, g)}
	if p := t.Parent(g); t.Is(p, pyts.Call) && t.Field(g) == pyts.FArguments {
		if f := t.ChildByField(p, pyts.FFunction); t.Is(f, pyts.Identifier) || t.Is(f, pyts.Attribute) {
			pass.AnchorRange(r, concept, "lazy generator", fmt.Sprintf(
				"This generator expression feeds `%s()` one item at a time, computing each only when it is asked for, without building a list.",
				t.ShortText(f, 30)))
			return
		}
	}
	pass.AnchorRange(r, concept, "lazy generator", fmt.Sprintf(
		"`%s` is a generator expression: it computes its items one at a time as they are consumed, and can be iterated only once.", t.ShortText(g, 40)))
}

// anchorFunction anchors the header of a function that contains yield.
func anchorFunction(pass *analysis.Pass, def pyts.Node) {
	t := pass.Tree
	name := t.ChildByField(def, pyts.FName)
	if name == pyts.NoNode {
		return
	}
	s := pass.Scope.ScopeOf(name)
	sc := pass.Scope.Scope(s)
	if sc.Node != def || !sc.Yields {
		return
	}
	r := pass.DefHeader(def)
	fn := t.Text(name)
	if sc.Async {
		pass.AnchorRange(r, concept, "async generator function", fmt.Sprintf(
			"`%s` is an async generator function: calling `%s()` returns an async generator object to consume with `async for`, and runs none of the body until then.", fn, fn))
		return
	}
	if isContextManager(pass, def) {
		pass.AnchorRange(r, concept, "generator function", fmt.Sprintf(
			"`%s` is a generator that `@contextmanager` wraps: calling `%s()` returns a context manager, and the body runs up to `yield` when a `with` block enters it.", fn, fn))
		return
	}
	pass.AnchorRange(r, concept, "generator function", fmt.Sprintf(
		"`%s` contains `yield`, so calling `%s()` returns a generator object and runs none of the body until it is iterated.", fn, fn))
}
