package exceptions

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/pyts"
	"github.com/pyhint/pyhint/analyzers/scope"
)

//go:embed doc.go
var doc string

const concept = "exceptions"

// Analyzer is the exceptions analyzer.
var Analyzer = &analysis.Analyzer{
	Name:     "exceptions",
	Doc:      analysis.MustExtractDoc(doc, "exceptions"),
	Concepts: []string{concept},
	Rules: []analysis.Rule{
		{Name: "bare-except", Concept: concept},
		{Name: "swallowed-exception", Concept: concept},
		{Name: "return-in-finally", Concept: concept},
		{Name: "raise-without-from", Concept: concept},
		{Name: "except-order", Concept: concept},
	},
	Kinds: []pyts.Kind{
		pyts.TryStatement, pyts.ExceptClause, pyts.ExceptGroupClause, pyts.RaiseStatement,
		pyts.ReturnStatement, pyts.BreakStatement, pyts.ContinueStatement,
	},
	Visit: visit,
}

func visit(pass *analysis.Pass, n pyts.Node) {
	switch pass.Tree.Kind(n) {
	case pyts.TryStatement:
		visitTry(pass, n)
	case pyts.ExceptClause, pyts.ExceptGroupClause:
		visitHandler(pass, parseHandler(pass.Tree, n))
	case pyts.RaiseStatement:
		visitRaise(pass, n)
	default:
		visitJump(pass, n)
	}
}

// handler is the parsed shape of an except (or except*) clause.
type handler struct {
	node  pyts.Node
	group bool        // except*
	typ   pyts.Node   // the type expression, NoNode for a bare except
	types []pyts.Node // typ split into its tuple elements
	names []pyts.Node // identifiers the clause may bind (as name)
	colon pyts.Node   // the header's ":"
	body  pyts.Node   // the block
}

func (h *handler) bare() bool { return h.typ == pyts.NoNode }

// parseHandler reads an except_clause or except_group_clause:
//
//	except:                  bare
//	except KeyError as err:  value: (as_pattern (identifier) alias: (as_pattern_target (identifier)))
//	except (A, B):           value: (tuple ...)
//	except A, B:             value: A alias: B (Python 2's binding form, 3.14's tuple form)
//	except* OSError:         (except_group_clause "except*" (identifier) ...)
func parseHandler(t *pyts.Tree, n pyts.Node) handler {
	h := handler{node: n, group: t.Kind(n) == pyts.ExceptGroupClause, typ: pyts.NoNode, colon: pyts.NoNode, body: pyts.NoNode}
	var value pyts.Node = pyts.NoNode
	for c := t.FirstChild(n); c != pyts.NoNode; c = t.NextSibling(c) {
		switch {
		case t.Kind(c) == pyts.OpColon && h.colon == pyts.NoNode:
			h.colon = c
		case t.Kind(c) == pyts.Block:
			h.body = c
		case t.Field(c) == pyts.FAlias:
			// except A, B: both a type (3.14) and a bound name (Python 2).
			if t.Is(c, pyts.Identifier) {
				h.names = append(h.names, c)
				h.types = append(h.types, c)
			}
		case t.IsNamed(c) && t.Kind(c) != pyts.Comment && value == pyts.NoNode && h.colon == pyts.NoNode:
			value = c
		}
	}
	if value == pyts.NoNode {
		return h
	}
	if t.Is(value, pyts.AsPattern) {
		if alias := t.ChildByField(value, pyts.FAlias); alias != pyts.NoNode {
			for d := alias; d < t.SubtreeEnd(alias); d++ {
				if t.Is(d, pyts.Identifier) {
					h.names = append(h.names, d)
				}
			}
		}
		value = t.NamedChild(value, 0)
	}
	h.typ = value
	var split []pyts.Node
	if u := t.Unparen(value); t.Is(u, pyts.Tuple) {
		for _, c := range t.NamedChildren(u) {
			split = append(split, t.Unparen(c))
		}
	} else {
		split = []pyts.Node{u}
	}
	h.types = append(split, h.types...)
	return h
}

// headerText returns a clause's header as one line ("except KeyError as err").
func headerText(pass *analysis.Pass, h *handler) string {
	src := pass.Tree.Source()
	end := pass.Tree.End(h.node)
	if h.colon != pyts.NoNode {
		end = pass.Tree.Start(h.colon)
	}
	return pyts.OneLine(string(src[pass.Tree.Start(h.node):end]))
}

// typesText returns the caught types as written ("KeyError", "(A, B)").
func typesText(pass *analysis.Pass, h *handler) string {
	if h.bare() {
		return ""
	}
	if len(h.types) > 1 && !pass.Tree.Is(pass.Tree.Unparen(h.typ), pyts.Tuple) {
		return pyts.OneLine(pass.Text(h.typ)) + ", " + joinTexts(pass, h.types[1:])
	}
	return pyts.OneLine(pass.Text(h.typ))
}

func visitTry(pass *analysis.Pass, n pyts.Node) {
	t := pass.Tree
	var handlers []handler
	var elseClause, finallyClause = pyts.NoNode, pyts.NoNode
	for c := t.FirstChild(n); c != pyts.NoNode; c = t.NextSibling(c) {
		switch t.Kind(c) {
		case pyts.ExceptClause, pyts.ExceptGroupClause:
			handlers = append(handlers, parseHandler(t, c))
		case pyts.ElseClause:
			elseClause = c
		case pyts.FinallyClause:
			finallyClause = c
		}
	}
	anchorTry(pass, n, handlers, finallyClause != pyts.NoNode)
	if elseClause != pyts.NoNode {
		pass.AnchorRange(pass.ColonHeader(elseClause), concept, "runs if no exception",
			"This `else` block runs only when the `try` block raised nothing; an exception raised in it is not caught by the `except` clauses above.")
	}
	if finallyClause != pyts.NoNode {
		pass.AnchorRange(pass.ColonHeader(finallyClause), concept, "always runs",
			"This `finally` block runs on every way out of the `try`: normal completion, `return`, `break`, or an exception on its way up. It is for cleanup, not for deciding the result.")
	}
	checkOrder(pass, handlers)
}

func anchorTry(pass *analysis.Pass, n pyts.Node, handlers []handler, hasFinally bool) {
	var caught []string
	bare := false
	for i := range handlers {
		if handlers[i].bare() {
			bare = true
			continue
		}
		caught = append(caught, "`"+typesText(pass, &handlers[i])+"`")
	}
	hint := "handles errors below"
	var detail string
	switch {
	case len(handlers) == 0:
		hint = "cleanup below"
		detail = "If the block below raises, the exception keeps propagating, but the `finally` block runs first."
	case len(caught) == 0:
		detail = "If the block below raises anything at all, the bare `except` clause runs."
	case len(caught) == 1 && !bare:
		detail = fmt.Sprintf("If the block below raises %s (or a subclass of it), the `except` clause runs; any other exception keeps propagating.", caught[0])
	default:
		order := strings.Join(caught, ", then ")
		if bare {
			order += ", then anything"
		}
		detail = fmt.Sprintf("If the block below raises, Python tests the `except` clauses in order (%s) and runs the first that matches", order)
		if bare {
			detail += "."
		} else {
			detail += "; an exception none matches keeps propagating."
		}
	}
	if hasFinally && len(handlers) > 0 {
		detail += " The `finally` block runs in every case."
	}
	pass.AnchorRange(pass.ColonHeader(n), concept, hint, detail)
}

func visitHandler(pass *analysis.Pass, h handler) {
	t := pass.Tree
	hr := pass.ColonHeader(h.node)
	name := ""
	if len(h.names) > 0 && t.Field(h.names[0]) != pyts.FAlias {
		name = t.Text(h.names[0])
	}
	if h.bare() {
		pass.AnchorRange(hr, concept, "catches everything",
			"A bare `except:` catches every exception, including `KeyboardInterrupt` (Ctrl-C) and `SystemExit` (`sys.exit()`).")
	} else if len(h.types) == 0 {
		// except (): an empty tuple is valid Python and matches nothing.
		pass.AnchorRange(hr, concept, "catches nothing",
			"An empty tuple names no exception class, so this handler never runs.")
	} else {
		types := orList(pass, h.types)
		detail := fmt.Sprintf("Runs when the `try` block raises %s, or a subclass", types)
		if h.group {
			detail = fmt.Sprintf("Runs with an exception group of the %s exceptions raised in the `try` block; the rest of the group keeps propagating", types)
		}
		if name != "" {
			detail += fmt.Sprintf("; the exception is bound to `%s` in this block and deleted after it", name)
		}
		hint := shortHint("catches ", pass, h.types)
		if h.group {
			hint += " from group"
		}
		pass.AnchorRange(hr, concept, hint, detail+".")
	}

	if h.body == pyts.NoNode {
		return
	}
	if h.bare() && !h.group && !reraises(t, h.body) {
		kw := t.FirstChild(h.node)
		pass.Report(analysis.Diagnostic{
			Range:   hr,
			Rule:    "bare-except",
			Message: "bare `except:` also catches KeyboardInterrupt and SystemExit, trapping Ctrl-C and sys.exit(); catch `Exception` or the errors you expect",
			Fixes: []analysis.Fix{{
				Message: "Replace with except Exception:",
				Edits:   []analysis.TextEdit{{Range: analysis.Range{Start: t.End(kw), End: t.End(kw)}, NewText: " Exception"}},
			}},
		})
	}
	if what := emptyBody(t, h.body); what != "" && catchesAll(pass, &h) && !explained(t, h) && !secondary(t, h.node) {
		pass.Report(analysis.Diagnostic{
			Range: hr,
			Rule:  "swallowed-exception",
			Message: fmt.Sprintf("`%s:` with only %s silently discards every error, bugs included; catch the errors you expect, log it with `logger.exception()`, or say why in a comment",
				headerText(pass, &h), what),
		})
	}
}

// orList quotes type expressions as "`A`", "`A` or `B`", "`A`, `B` or `C`".
func orList(pass *analysis.Pass, ns []pyts.Node) string {
	q := make([]string, len(ns))
	for i, n := range ns {
		q[i] = "`" + pyts.OneLine(pass.Text(n)) + "`"
	}
	if len(q) <= 1 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// shortHint lists up to three caught types after prefix ("catches KeyError").
func shortHint(prefix string, pass *analysis.Pass, types []pyts.Node) string {
	var names []string
	for i, ty := range types {
		if i == 3 {
			names = append(names, "…")
			break
		}
		names = append(names, pyts.OneLine(pass.Text(ty)))
	}
	return prefix + strings.Join(names, ", ")
}

// reraises reports whether a handler body re-raises with a bare raise as
// one of its own statements (the cleanup-and-re-raise idiom).
func reraises(t *pyts.Tree, body pyts.Node) bool {
	for _, s := range t.NamedChildren(body) {
		if t.Is(s, pyts.RaiseStatement) && t.NamedChild(s, 0) == pyts.NoNode {
			return true
		}
	}
	return false
}

// emptyBody returns how a handler body does nothing ("`pass`"), or "" when
// it does something. Strings count as nothing.
func emptyBody(t *pyts.Tree, body pyts.Node) string {
	stmts := t.NamedChildren(body)
	if len(stmts) == 0 {
		return ""
	}
	var seen []string
	add := func(s string) {
		for _, x := range seen {
			if x == s {
				return
			}
		}
		seen = append(seen, s)
	}
	for _, s := range stmts {
		switch t.Kind(s) {
		case pyts.PassStatement:
			add("`pass`")
		case pyts.ContinueStatement:
			add("`continue`")
		case pyts.ExpressionStatement:
			e := t.NamedChild(s, 0)
			switch {
			case t.NamedChild(s, 1) != pyts.NoNode:
				return ""
			case t.Is(e, pyts.Ellipsis):
				add("`...`")
			case t.Is(e, pyts.String), t.Is(e, pyts.ConcatenatedString):
				add("a string")
			default:
				return ""
			}
		default:
			return ""
		}
	}
	return strings.Join(seen, " and ")
}

// catchesAll reports whether a handler catches everything or every
// Exception: bare, Exception or BaseException, alone or in a tuple.
func catchesAll(pass *analysis.Pass, h *handler) bool {
	if h.bare() {
		return true
	}
	for _, ty := range h.types {
		if q := pass.Resolve(ty); q == "builtins.Exception" || q == "builtins.BaseException" {
			return true
		}
	}
	return false
}

// explained reports whether a handler carries a comment after its colon: an
// explicit, documented choice to ignore the error. pyhint's own
// suppression comments and coverage pragmas are not explanations.
func explained(t *pyts.Tree, h handler) bool {
	if h.colon == pyts.NoNode {
		return false
	}
	for d := h.colon + 1; d < t.SubtreeEnd(h.node); d++ {
		if !t.Is(d, pyts.Comment) {
			continue
		}
		c := strings.TrimSpace(strings.TrimPrefix(t.Text(d), "#"))
		if strings.HasPrefix(c, "pyhint:") || strings.HasPrefix(c, "pragma: no cover") || strings.HasPrefix(c, "pragma: no branch") {
			continue
		}
		return true
	}
	return false
}

// secondary reports whether a handler's try statement runs inside another
// except clause of the same function: a best-effort step (reporting,
// cleanup) while an earlier error is already being handled, where letting a
// second error escape would mask the first.
func secondary(t *pyts.Tree, clause pyts.Node) bool {
	for p := t.Parent(t.Parent(clause)); p != pyts.NoNode; p = t.Parent(p) {
		switch t.Kind(p) {
		case pyts.FunctionDefinition, pyts.Lambda, pyts.ClassDefinition:
			return false
		case pyts.ExceptClause, pyts.ExceptGroupClause:
			return true
		}
	}
	return false
}

// checkOrder reports handlers whose every class is a built-in exception
// already caught by an earlier handler of the same try.
func checkOrder(pass *analysis.Pass, handlers []handler) {
	type caught struct {
		class string // canonical built-in class
		h     *handler
	}
	var earlier []caught
	for i := range handlers {
		h := &handlers[i]
		if h.bare() {
			return // anything after a bare except is a syntax error
		}
		classes := make([]string, len(h.types))
		known := len(h.types) > 0
		for j, ty := range h.types {
			if q := pass.Resolve(ty); strings.HasPrefix(q, "builtins.") {
				classes[j] = builtinClass(strings.TrimPrefix(q, "builtins."))
			}
			if classes[j] == "" {
				known = false
			}
		}
		if known && len(earlier) > 0 {
			// first is the earlier clause that catches the first class.
			var first *caught
			covered := true
			for _, cls := range classes {
				var by *caught
				for k := range earlier {
					if isSubclass(cls, earlier[k].class) {
						by = &earlier[k]
						break
					}
				}
				if by == nil {
					covered = false
					break
				}
				if first == nil {
					first = by
				}
			}
			if covered {
				reportOrder(pass, h, classes, first.class, first.h)
			}
		}
		for _, cls := range classes {
			if cls != "" {
				earlier = append(earlier, caught{cls, h})
			}
		}
	}
}

func reportOrder(pass *analysis.Pass, h *handler, classes []string, base string, by *handler) {
	star := ""
	if h.group {
		star = "*"
	}
	var why, way string
	switch {
	case len(classes) > 1:
		why = fmt.Sprintf("every class it names is already caught by an earlier clause (such as `except%s %s`)", star, typesText(pass, by))
		way = "put the more specific clause first or remove it"
	case classes[0] == base:
		why = fmt.Sprintf("the earlier `except%s %s` already catches %s", star, typesText(pass, by), classes[0])
		way = "remove the duplicate"
	default:
		why = fmt.Sprintf("the earlier `except%s %s` already catches it, since %s is a subclass of %s", star, typesText(pass, by), classes[0], base)
		way = "move this clause above it"
	}
	pass.Report(analysis.Diagnostic{
		Range:   pass.ColonHeader(h.node),
		Rule:    "except-order",
		Message: fmt.Sprintf("`except%s %s` can never run: %s; %s", star, typesText(pass, h), why, way),
	})
}

func visitRaise(pass *analysis.Pass, n pyts.Node) {
	t := pass.Tree
	exc := t.NamedChild(n, 0)
	if exc != pyts.NoNode && t.Field(exc) == pyts.FCause {
		exc = pyts.NoNode
	}
	cause := t.ChildByField(n, pyts.FCause)
	r := firstLine(pass, n)
	if exc == pyts.NoNode {
		pass.AnchorRange(r, concept, "re-raises",
			"A bare `raise` re-raises the exception being handled, with its original traceback.")
		return
	}
	excText := pyts.OneLine(pass.Text(exc))
	if e := t.Unparen(exc); t.Is(e, pyts.Call) {
		excText = pyts.OneLine(pass.Text(t.ChildByField(e, pyts.FFunction)))
	}
	switch {
	case t.Is(cause, pyts.None):
		pass.AnchorRange(r, concept, "hides context",
			fmt.Sprintf("Raises `%s` and, with `from None`, hides the exception being handled from the traceback (it stays in `__context__`).", excText))
		return
	case cause != pyts.NoNode:
		pass.AnchorRange(r, concept, "chains cause",
			fmt.Sprintf("Raises `%s` with `%s` as its direct cause (`__cause__`): the traceback shows both, linked by \"The above exception was the direct cause\".", excText, pyts.OneLine(pass.Text(cause))))
		return
	}
	h := enclosingHandler(pass, n)
	if h == pyts.NoNode {
		pass.AnchorRange(r, concept, "raises",
			fmt.Sprintf("Raises `%s`: this code path stops and the exception travels up the call stack to the nearest matching `except`.", excText))
		return
	}
	ph := parseHandler(t, h)
	pass.AnchorRange(r, concept, "raises",
		fmt.Sprintf("Raises `%s` while an exception is being handled: Python records the caught exception as its `__context__`.", excText))
	e := t.Unparen(exc)
	fn := e
	if t.Is(e, pyts.Call) {
		fn = t.ChildByField(e, pyts.FFunction)
	} else if !t.Is(e, pyts.Identifier) {
		return
	} else {
		for _, b := range ph.names {
			if t.Text(b) == t.Text(e) {
				return // re-raises the caught exception
			}
		}
	}
	if !classLike(pass, fn) || signal(pass, fn) || caughtLocally(pass, n, h, fn) {
		return
	}
	handling := "an exception"
	if !ph.bare() {
		handling = "`" + typesText(pass, &ph) + "`"
	}
	way := "bind the caught error (`as err`) and write `raise ... from err` to mark it as the cause, or `from None` to hide it"
	if len(ph.names) > 0 && t.Field(ph.names[0]) != pyts.FAlias {
		way = fmt.Sprintf("write `raise ... from %s` to mark it as the cause, or `from None` to hide it", t.Text(ph.names[0]))
	}
	pass.Report(analysis.Diagnostic{Range: r, Rule: "raise-without-from", Message: fmt.Sprintf("raising `%s` while handling %s without `from` makes the traceback read as a crash inside the handler; %s",
		pyts.OneLine(pass.Text(fn)), handling, way)})
}

// firstLine returns n's range cut at the end of its first line, so that a
// long statement's anchor stays one hoverable line.
func firstLine(pass *analysis.Pass, n pyts.Node) analysis.Range {
	r := pass.Range(n)
	if i := strings.IndexByte(pass.Text(n), '\n'); i >= 0 {
		r.End = r.Start + len(strings.TrimRight(pass.Text(n)[:i], " \t\r\\"))
	}
	return r
}

// enclosingHandler returns the except clause whose body n runs in, or
// NoNode: it stops at function, lambda and class boundaries, and at the body
// of a try nested in the handler whose own clauses may catch the raise.
func enclosingHandler(pass *analysis.Pass, n pyts.Node) pyts.Node {
	t := pass.Tree
	prev := n
	for p := t.Parent(n); p != pyts.NoNode; prev, p = p, t.Parent(p) {
		switch t.Kind(p) {
		case pyts.FunctionDefinition, pyts.Lambda, pyts.ClassDefinition:
			return pyts.NoNode
		case pyts.TryStatement:
			if t.Field(prev) == pyts.FBody && mayCatch(pass, p, raised(pass, n)) {
				return pyts.NoNode
			}
		case pyts.ExceptClause, pyts.ExceptGroupClause:
			if t.Is(prev, pyts.Block) {
				return p
			}
			return pyts.NoNode
		}
	}
	return pyts.NoNode
}

// caughtLocally reports whether a try statement of the same function around
// the handler may catch what raise statement n raises (the raise is then
// a signal to that try, not an error for the caller).
func caughtLocally(pass *analysis.Pass, n, handler, fn pyts.Node) bool {
	t := pass.Tree
	cls := raised(pass, n)
	prev := t.Parent(handler) // the handler's own try statement
	for p := t.Parent(prev); p != pyts.NoNode; prev, p = p, t.Parent(p) {
		switch t.Kind(p) {
		case pyts.FunctionDefinition, pyts.Lambda, pyts.ClassDefinition:
			return false
		case pyts.TryStatement:
			if t.Field(prev) == pyts.FBody && mayCatch(pass, p, cls) {
				return true
			}
		}
	}
	return false
}

// raised returns the built-in class a raise statement raises ("KeyError"),
// or "" when it is not a built-in exception.
func raised(pass *analysis.Pass, n pyts.Node) string {
	t := pass.Tree
	e := t.Unparen(t.NamedChild(n, 0))
	if e == pyts.NoNode || t.Field(e) == pyts.FCause {
		return ""
	}
	if t.Is(e, pyts.Call) {
		e = t.ChildByField(e, pyts.FFunction)
	}
	if q := pass.Resolve(e); strings.HasPrefix(q, "builtins.") {
		return builtinClass(strings.TrimPrefix(q, "builtins."))
	}
	return ""
}

// mayCatch reports whether one of a try statement's except clauses may
// catch built-in class cls ("" for any other class, which any typed
// clause may catch).
func mayCatch(pass *analysis.Pass, try pyts.Node, cls string) bool {
	t := pass.Tree
	for c := t.FirstChild(try); c != pyts.NoNode; c = t.NextSibling(c) {
		if k := t.Kind(c); k != pyts.ExceptClause && k != pyts.ExceptGroupClause {
			continue
		}
		h := parseHandler(t, c)
		if h.bare() || cls == "" {
			return true
		}
		for _, ty := range h.types {
			q := pass.Resolve(ty)
			if !strings.HasPrefix(q, "builtins.") {
				return true // a class we cannot follow
			}
			if b := builtinClass(strings.TrimPrefix(q, "builtins.")); b == "" || isSubclass(cls, b) {
				return true
			}
		}
	}
	return false
}

// signals are exceptions whose traceback users never see: they end the
// program, stop an iteration or skip a test.
var signals = map[string]bool{
	"SystemExit": true, "KeyboardInterrupt": true, "GeneratorExit": true,
	"StopIteration": true, "StopAsyncIteration": true, "SkipTest": true,
}

// signal reports whether the raised class is a control-flow signal, or a
// private class (_Giveup) that the module raises to itself.
func signal(pass *analysis.Pass, fn pyts.Node) bool {
	t := pass.Tree
	name := t.Text(fn)
	if t.Is(fn, pyts.Attribute) {
		name = t.Text(t.ChildByField(fn, pyts.FAttribute))
	}
	return signals[name] || strings.HasPrefix(name, "_")
}

// classLike reports whether the raised expression (or the callee of a raised
// call) names an exception class rather than a variable or a factory: a
// built-in exception, a class defined in this file, or a CamelCase name.
func classLike(pass *analysis.Pass, fn pyts.Node) bool {
	t := pass.Tree
	fn = t.Unparen(fn)
	if q := pass.Resolve(fn); strings.HasPrefix(q, "builtins.") && builtinClass(strings.TrimPrefix(q, "builtins.")) != "" {
		return true
	}
	switch t.Kind(fn) {
	case pyts.Identifier:
		if _, bs := pass.Scope.Lookup(pass.Scope.ScopeOf(fn), t.Text(fn)); len(bs) > 0 {
			allClass, allImport := true, true
			for _, b := range bs {
				allClass = allClass && b.Kind == scope.ClassDef
				allImport = allImport && b.Kind == scope.Import
			}
			if allClass {
				return true
			}
			if allImport {
				// from errors import ParseError as PE
				q := pass.Resolve(fn)
				return camelCase(q[strings.LastIndex(q, ".")+1:])
			}
		}
		return camelCase(t.Text(fn))
	case pyts.Attribute:
		return camelCase(t.Text(t.ChildByField(fn, pyts.FAttribute)))
	}
	return false
}

// camelCase reports whether name starts with an upper-case letter and has a
// lower-case one (ValueError, not CONSTANT or helper).
func camelCase(name string) bool {
	r, _ := utf8.DecodeRuneInString(name)
	return unicode.IsUpper(r) && strings.IndexFunc(name, unicode.IsLower) >= 0
}

// visitJump reports return, break and continue statements that leave a
// finally block.
func visitJump(pass *analysis.Pass, n pyts.Node) {
	t := pass.Tree
	isReturn := t.Kind(n) == pyts.ReturnStatement
	prev := n
	for p := t.Parent(n); p != pyts.NoNode; prev, p = p, t.Parent(p) {
		switch t.Kind(p) {
		case pyts.FunctionDefinition, pyts.Lambda, pyts.ClassDefinition:
			return
		case pyts.ForStatement, pyts.WhileStatement:
			if !isReturn && t.Field(prev) == pyts.FBody {
				return // break/continue of a loop inside the finally block
			}
		case pyts.FinallyClause:
			kw := strings.Fields(pass.Text(n))[0]
			if isReturn {
				pass.Reportf(n, "return-in-finally",
					"`return` in `finally` discards any exception on its way out (KeyboardInterrupt included) and overrides the `try`'s return value; return after the `try` statement or from an `except` clause")
			} else {
				pass.Reportf(n, "return-in-finally",
					"`%s` in `finally` silently discards any exception on its way out (KeyboardInterrupt included); move it after the `try` statement", kw)
			}
			return
		}
	}
}

func joinTexts(pass *analysis.Pass, ns []pyts.Node) string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = pyts.OneLine(pass.Text(n))
	}
	return strings.Join(out, ", ")
}
