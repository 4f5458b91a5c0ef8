package venv

import (
	_ "embed"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/pyts"
	"github.com/pyhint/pyhint/analyzers/scope"
)

//go:embed doc.go
var doc string

// Analyzer is the venv analyzer.
var Analyzer = &analysis.Analyzer{
	Name:     "venv",
	Doc:      analysis.MustExtractDoc(doc, "venv"),
	Concepts: []string{"venv"},
	Rules: []analysis.Rule{
		{Name: "pip-install-at-runtime", Concept: "venv"},
		{Name: "sys-path-mutation", Concept: "venv"},
	},
	Kinds: []pyts.Kind{pyts.Call, pyts.Attribute, pyts.ImportStatement, pyts.ImportFromStatement},
	Visit: visit,
}

func visit(pass *analysis.Pass, n pyts.Node) {
	switch pass.Tree.Kind(n) {
	case pyts.Call:
		visitCall(pass, n)
	case pyts.Attribute:
		visitAttribute(pass, n)
	default:
		visitImport(pass, n)
	}
}

const prefixDetail = "Inside a virtual environment `sys.prefix` and `sys.exec_prefix` point at the venv directory and `sys.base_prefix` and `sys.base_exec_prefix` at the Python installation it was made from, so `sys.prefix != sys.base_prefix` means the code runs in a venv."

// sysAttrs gives the hint and detail of the sys attributes the concept
// explains.
var sysAttrs = map[string][2]string{
	"prefix":           {"venv: differs from base_prefix", prefixDetail},
	"exec_prefix":      {"venv: differs from base_prefix", prefixDetail},
	"base_prefix":      {"the interpreter's install", prefixDetail},
	"base_exec_prefix": {"the interpreter's install", prefixDetail},
	"path": {"import search path",
		"`sys.path` is the list of directories `import` searches, in order: the script's directory, `PYTHONPATH`, the standard library, then the active environment's site-packages."},
}

// visitAttribute anchors sys.path, sys.prefix and friends.
func visitAttribute(pass *analysis.Pass, n pyts.Node) {
	t := pass.Tree
	attr := t.ChildByField(n, pyts.FAttribute)
	for name, d := range sysAttrs {
		if t.TextIs(attr, name) {
			if pass.Resolve(n) == "sys."+name {
				pass.Anchor(n, "venv", d[0], d[1])
			}
			return
		}
	}
}

var importDetails = map[string][2]string{
	"venv": {"virtual environments",
		"`%s`: the standard library's tool for creating virtual environments, the same one `python -m venv DIR` runs."},
	"site": {"site-packages setup",
		"`%s`: the module that, at startup, adds the running environment's site-packages directories (and their `.pth` files) to `sys.path`."},
}

// visitImport anchors imports of venv and site.
func visitImport(pass *analysis.Pass, stmt pyts.Node) {
	pass.AnchorImportTable(stmt, "venv", importDetails)
}

// siteCalls gives the detail of site functions; %s is the call's text.
var siteCalls = map[string]string{
	"addsitedir":          "`%s` appends the directory to `sys.path` and processes the `.pth` files in it: the supported way to add a directory of packages.",
	"getsitepackages":     "`%s` returns the global site-packages directories of the running environment (inside a venv, the venv's own).",
	"getusersitepackages": "`%s` returns the per-user site-packages directory, which is not on `sys.path` inside a virtual environment unless it was created with `--system-site-packages`.",
	"getuserbase":         "`%s` returns the base directory for per-user installs (`pip install --user`).",
	"main":                "`%s` runs the startup processing again: it adds the site-packages directories and their `.pth` files to `sys.path`.",
}

// commandCalls are the functions that run a command given as their first
// argument.
var commandCalls = map[string]bool{
	"subprocess.run": true, "subprocess.call": true, "subprocess.check_call": true,
	"subprocess.check_output": true, "subprocess.Popen": true,
	"os.system": true, "os.popen": true,
}

var sysPathMutators = map[string]bool{"append": true, "insert": true, "extend": true}

func visitCall(pass *analysis.Pass, call pyts.Node) {
	t := pass.Tree
	fn := t.ChildByField(call, pyts.FFunction)
	q := pass.Resolve(fn)
	switch {
	case commandCalls[q]:
		checkPip(pass, call, q)
	case q == "venv.create" || q == "venv.EnvBuilder":
		detail := "`%s` creates a virtual environment in the directory: a `pyvenv.cfg`, a link to this interpreter and its own site-packages, empty unless `with_pip=True` installs pip."
		if q == "venv.EnvBuilder" {
			detail = "`%s` configures a builder whose `.create(dir)` makes a virtual environment: a `pyvenv.cfg`, a link to this interpreter and its own empty site-packages."
		}
		pass.AnchorCall(call, "venv", "creates a virtual environment", fmt.Sprintf(detail, t.CallText(call)))
	case strings.HasPrefix(q, "site."):
		name := q[len("site."):]
		d, ok := siteCalls[name]
		if !ok {
			d = "`%s` is part of the startup machinery that builds `sys.path` from the environment's site-packages."
		}
		pass.AnchorCall(call, "venv", "site-packages setup", fmt.Sprintf(d, t.CallText(call)))
	case t.Is(fn, pyts.Attribute):
		attr := t.ChildByField(fn, pyts.FAttribute)
		obj := t.ChildByField(fn, pyts.FObject)
		if !sysPathMutators[t.Text(attr)] || pass.Resolve(obj) != "sys.path" {
			return
		}
		if t.Is(t.Unparen(obj), pyts.Identifier) { // from sys import path
			pass.Anchor(obj, "venv", sysAttrs["path"][0], sysAttrs["path"][1])
		}
		if !fixedLocationArgs(pass, call) || restoresSysPath(pass, call) {
			return
		}
		pass.Reportf(call, "sys-path-mutation",
			"`sys.path.%s(...)` patches the import path with a directory fixed in the code, so imports depend on where and how the program is started and tools cannot follow them; install the project into a virtual environment (`pip install -e .`) or set `PYTHONPATH`",
			t.Text(attr))
	}
}

// fixedLocationArgs reports whether the directories a sys.path call adds
// are fixed by the code: built from string literals, `__file__`, the working
// directory, and names bound once to such values. A directory that comes
// from a parameter, a loop or another call (a script to run, a plugin
// folder, a test's temporary directory) is a loader doing its job, not a
// project patching its own imports.
func fixedLocationArgs(pass *analysis.Pass, call pyts.Node) bool {
	t := pass.Tree
	args := t.ChildByField(call, pyts.FArguments)
	if args == pyts.NoNode {
		return false
	}
	list := t.NamedChildren(args)
	attr := t.ChildByField(t.ChildByField(call, pyts.FFunction), pyts.FAttribute)
	if t.TextIs(attr, "insert") {
		if len(list) != 2 {
			return false
		}
		list = list[1:]
	}
	if len(list) != 1 || t.Is(list[0], pyts.KeywordArgument) {
		return false
	}
	arg := t.Unparen(list[0])
	if t.TextIs(attr, "extend") {
		if k := t.Kind(arg); k != pyts.List && k != pyts.Tuple {
			return false
		}
		elems := t.NamedChildren(arg)
		for _, e := range elems {
			if !fixedPath(pass, t.Unparen(e)) {
				return false
			}
		}
		return len(elems) > 0
	}
	return fixedPath(pass, arg)
}

// setupNames are test-fixture hooks, whose teardown undoes what they do.
var setupNames = map[string]bool{
	"setUp": true, "setUpClass": true, "setUpModule": true, "asyncSetUp": true,
	"setup_method": true, "setup_class": true, "setup_module": true, "setup_function": true,
}

// restoresSysPath reports whether the change call makes to sys.path is
// temporary: the enclosing function (or module) touches sys.path in a
// finally clause or registers sys.path.remove/pop as a cleanup, or the
// function is a test's setUp.
func restoresSysPath(pass *analysis.Pass, call pyts.Node) bool {
	t := pass.Tree
	body := t.Root()
	if s := pass.Scope.FunctionScope(call); s >= 0 {
		fn := pass.Scope.Scope(s).Node
		if !t.Is(fn, pyts.FunctionDefinition) {
			return false
		}
		if setupNames[t.Text(t.ChildByField(fn, pyts.FName))] || teardownRestores(pass, fn) {
			return true
		}
		body = t.ChildByField(fn, pyts.FBody)
	}
	// Once per body: a module with a change per line would otherwise be
	// walked once per change.
	return analysis.Memo(pass, restoresKey(body), func() bool { return bodyRestoresSysPath(pass, body) })
}

// restoresKey keys the memo of bodyRestoresSysPath.
type restoresKey pyts.Node

// bodyRestoresSysPath reports whether body, outside the definitions in it,
// touches sys.path in a finally clause or names sys.path.remove or
// sys.path.pop without calling it.
func bodyRestoresSysPath(pass *analysis.Pass, body pyts.Node) bool {
	t := pass.Tree
	restores := false
	t.WalkSkippingDefs(body, func(d pyts.Node) bool {
		switch t.Kind(d) {
		case pyts.FinallyClause:
			for e := d; e < t.SubtreeEnd(d); e++ {
				if t.Is(e, pyts.Attribute) && pass.Resolve(e) == "sys.path" {
					restores = true
				}
			}
		case pyts.Attribute:
			p := t.Parent(d)
			if t.Is(p, pyts.Call) && t.Field(d) == pyts.FFunction {
				break
			}
			if q := pass.Resolve(d); q == "sys.path.remove" || q == "sys.path.pop" {
				restores = true // self.addCleanup(sys.path.remove, d)
			}
		}
		return !restores
	})
	return restores
}

// teardownNames are test-fixture hooks that undo a test's changes.
var teardownNames = map[string]bool{
	"tearDown": true, "tearDownClass": true, "asyncTearDown": true,
	"teardown_method": true, "teardown_class": true,
}

// teardownRestores reports whether method fn's class, or a base class
// defined in the same file, has a teardown hook that touches sys.path
// (restores it after every test).
func teardownRestores(pass *analysis.Pass, fn pyts.Node) bool {
	s := pass.Scope.ScopeOf(fn)
	if pass.Scope.Scope(s).Kind != scope.Class {
		return false
	}
	return classRestores(pass, s)
}

// maxBaseDepth bounds how far classRestores follows base classes.
const maxBaseDepth = 5

// classRestores reports whether class scope s, or a class of this file it
// derives from within maxBaseDepth steps, has a teardown hook that touches
// sys.path. The bases are visited breadth first, each class once (at its
// smallest depth), so a hierarchy whose bases repeat costs its size.
func classRestores(pass *analysis.Pass, s int) bool {
	t := pass.Tree
	type item struct{ scope, depth int }
	seen := map[int]bool{s: true}
	queue := []item{{s, 0}}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		for name := range teardownNames {
			for _, b := range pass.Scope.Bindings(it.scope, name) {
				if b.Kind != scope.FunctionDef {
					continue
				}
				for d := b.Def; d < t.SubtreeEnd(b.Def); d++ {
					if t.Is(d, pyts.Attribute) && pass.Resolve(d) == "sys.path" {
						return true
					}
				}
			}
		}
		bases := t.ChildByField(pass.Scope.Scope(it.scope).Node, pyts.FSuperclasses)
		if bases == pyts.NoNode || it.depth == maxBaseDepth {
			continue
		}
		for _, base := range t.NamedChildren(bases) {
			cls := pass.LocalClass(base)
			if cls == pyts.NoNode {
				continue
			}
			if bs := pass.Scope.ScopeAt(cls); bs >= 0 && !seen[bs] {
				seen[bs] = true
				queue = append(queue, item{bs, it.depth + 1})
			}
		}
	}
	return false
}

// cwdCalls are the calls that return the working or home directory.
var cwdCalls = map[string]bool{
	"os.getcwd": true, "os.getcwdb": true, "pathlib.Path.cwd": true, "pathlib.Path.home": true,
}

// pathFunc reports whether qualified names a function that builds a path
// from its arguments.
func pathFunc(q string) bool {
	switch q {
	case "builtins.str", "os.fspath", "os.fsdecode":
		return true
	}
	return strings.HasPrefix(q, "os.path.") || strings.HasPrefix(q, "pathlib.") ||
		strings.HasPrefix(q, "posixpath.") || strings.HasPrefix(q, "ntpath.")
}

// maxPathDepth bounds how far fixedPath looks into an expression and the
// names it uses.
const maxPathDepth = 8

// fixedPath reports whether expression n is a path fixed by the code (see
// fixedLocationArgs): every part of it that reaches within maxPathDepth
// steps (through operands, interpolations, arguments and the values of
// names) is fixed, and nothing deeper is needed. The parts are checked from
// a work list, each part once per depth, so a name used many times in many
// names' values costs the size of the code, not the number of its paths.
func fixedPath(pass *analysis.Pass, n pyts.Node) bool {
	t := pass.Tree
	type item struct {
		n     pyts.Node
		depth int
	}
	seen := map[item]bool{}
	work := []item{{n, 0}}
	for len(work) > 0 {
		it := work[len(work)-1]
		work = work[:len(work)-1]
		if it.depth > maxPathDepth || it.n == pyts.NoNode {
			return false
		}
		if seen[it] {
			continue
		}
		seen[it] = true
		need := func(c pyts.Node) { work = append(work, item{c, it.depth + 1}) }
		n := t.Unparen(it.n)
		switch t.Kind(n) {
		case pyts.String:
			for _, c := range t.NamedChildren(n) {
				if t.Is(c, pyts.Interpolation) {
					need(t.ChildByField(c, pyts.FExpression))
				}
			}
		case pyts.ConcatenatedString:
			for _, c := range t.NamedChildren(n) {
				need(c)
			}
		case pyts.BinaryOperator:
			need(t.ChildByField(n, pyts.FLeft))
			need(t.ChildByField(n, pyts.FRight))
		case pyts.Identifier:
			if t.TextIs(n, "__file__") {
				continue
			}
			s, bs := pass.Scope.Lookup(pass.Scope.ScopeOf(n), t.Text(n))
			if s < 0 || len(bs) != 1 || bs[0].Kind != scope.Assign {
				return false
			}
			need(t.AssignedValue(bs[0].Node))
		case pyts.Attribute:
			switch pass.Resolve(n) {
			case "os.curdir", "os.pardir":
				continue
			}
			// Path(__file__).parent, HERE.parent
			need(t.ChildByField(n, pyts.FObject))
		case pyts.Call:
			fn := t.ChildByField(n, pyts.FFunction)
			if cwdCalls[pass.Resolve(fn)] {
				continue
			}
			args := t.Arguments(n)
			if args == pyts.NoNode {
				return false
			}
			list := t.NamedChildren(args)
			// A path function (os.path.join, pathlib.Path, str) of fixed
			// arguments, or a method of a fixed path
			// (Path(__file__).resolve(), HERE.joinpath("lib")) with fixed
			// arguments.
			if !pathFunc(pass.Resolve(fn)) || len(list) == 0 {
				if !t.Is(fn, pyts.Attribute) {
					return false
				}
				need(t.ChildByField(fn, pyts.FObject))
			}
			for _, a := range list {
				if t.Is(a, pyts.KeywordArgument) {
					return false
				}
				need(a)
			}
		default:
			return false
		}
	}
	return true
}

// checkPip reports a command call whose literal command runs pip install.
func checkPip(pass *analysis.Pass, call pyts.Node, callee string) {
	t := pass.Tree
	args := t.ChildByField(call, pyts.FArguments)
	if args == pyts.NoNode {
		return
	}
	var cmd pyts.Node = pyts.NoNode
	for _, a := range t.NamedChildren(args) {
		if t.Is(a, pyts.KeywordArgument) {
			if t.TextIs(t.ChildByField(a, pyts.FName), "args") || t.TextIs(t.ChildByField(a, pyts.FName), "command") || t.TextIs(t.ChildByField(a, pyts.FName), "cmd") {
				cmd = t.ChildByField(a, pyts.FValue)
			}
			continue
		}
		if cmd == pyts.NoNode {
			cmd = a
		}
	}
	if cmd == pyts.NoNode || !runsPipInstall(commandWords(pass, t.Unparen(cmd))) {
		return
	}
	pass.Reportf(call, "pip-install-at-runtime",
		"`%s` runs `pip install` at run time: it installs into whichever environment runs the code, unpinned and invisible to the project's dependencies; declare the dependency and install it into a virtual environment beforehand",
		callee)
}

// unknown stands for a word pyhint cannot read (a variable, an f-string
// interpolation): it never matches anything.
const unknown = "\x00"

// commandWords returns the words of a command given as a list or tuple of
// strings, or as a string, with unknown for parts that are not literals.
func commandWords(pass *analysis.Pass, n pyts.Node) []string {
	t := pass.Tree
	switch t.Kind(n) {
	case pyts.List, pyts.Tuple:
		var words []string
		for _, e := range t.NamedChildren(n) {
			e = t.Unparen(e)
			if s, ok := literal(t, e); ok {
				words = append(words, strings.Fields(s)...)
			} else {
				words = append(words, unknown)
			}
		}
		return words
	}
	if s, ok := literal(t, n); ok {
		return strings.Fields(s)
	}
	return nil
}

// literal returns the text of a string expression, with unknown in place of
// what is computed: a string, an f-string, implicit concatenation, "..." +
// x, "..." % x and "...".format(x).
//
// An operand chain is as long as the source makes it ("a" + "b" + ...), so
// the expression is evaluated from an explicit stack into one buffer: the
// right operand of a + that is not a literal reads as unknown, which is
// done by cutting the buffer back to where that operand began.
func literal(t *pyts.Tree, n pyts.Node) (string, bool) {
	const (
		eval       = iota // append the text of node n
		beginRight        // a + operand starts: remember where
		endRight          // it ended well
	)
	type item struct {
		op int
		n  pyts.Node
	}
	// A right operand being evaluated: its text starts at out[start:], and
	// its pending items sit above work[height].
	type operand struct{ start, height int }
	var out []byte
	var rights []operand
	work := []item{{eval, n}}
	for len(work) > 0 {
		it := work[len(work)-1]
		work = work[:len(work)-1]
		ok := true
		switch it.op {
		case beginRight:
			// Below this item: the operand's eval and its endRight.
			rights = append(rights, operand{len(out), len(work) - 2})
			continue
		case endRight:
			rights = rights[:len(rights)-1]
			continue
		}
		n := it.n
		switch t.Kind(n) {
		case pyts.String:
			out = appendStringLiteral(out, t, n)
		case pyts.ConcatenatedString:
			for _, c := range t.NamedChildren(n) {
				if t.Is(c, pyts.String) {
					out = appendStringLiteral(out, t, c)
				}
			}
		case pyts.BinaryOperator:
			op := t.ChildByField(n, pyts.FOperator)
			left := item{eval, t.Unparen(t.ChildByField(n, pyts.FLeft))}
			switch {
			case t.TextIs(op, "%"): // "..." % x: the left side's text
				work = append(work, left)
			case t.TextIs(op, "+"):
				work = append(work, item{endRight, pyts.NoNode}, item{eval, t.Unparen(t.ChildByField(n, pyts.FRight))}, item{beginRight, pyts.NoNode}, left)
			default:
				ok = false
			}
		case pyts.Call:
			fn := t.ChildByField(n, pyts.FFunction)
			if t.Is(fn, pyts.Attribute) && t.TextIs(t.ChildByField(fn, pyts.FAttribute), "format") {
				work = append(work, item{eval, t.Unparen(t.ChildByField(fn, pyts.FObject))})
			} else {
				ok = false
			}
		default:
			ok = false
		}
		if ok {
			continue
		}
		// Not a literal: the innermost right operand it is part of reads
		// as unknown; outside any, the whole expression is not a literal.
		if len(rights) == 0 {
			return "", false
		}
		r := rights[len(rights)-1]
		rights = rights[:len(rights)-1]
		out = append(out[:r.start], " "+unknown+" "...)
		work = work[:r.height]
	}
	return string(out), true
}

// appendStringLiteral appends the text of string node n, with unknown in
// place of each interpolation.
func appendStringLiteral(out []byte, t *pyts.Tree, n pyts.Node) []byte {
	for _, c := range t.NamedChildren(n) {
		switch t.Kind(c) {
		case pyts.StringContent:
			out = append(out, t.Text(c)...)
		case pyts.Interpolation:
			out = append(out, " "+unknown+" "...)
		}
	}
	return out
}

var pipRE = regexp.MustCompile(`^pip(3(\.\d+)?)?(\.exe)?$`)

// commandStarts are words after which the next word is a command.
var commandStarts = map[string]bool{"-m": true, "sudo": true, "uv": true, "&&": true, "||": true, ";": true, "|": true}

// runsPipInstall reports whether a command's words run pip in command
// position (first, after -m, sudo or a shell separator) with install as its
// subcommand, after any options.
func runsPipInstall(words []string) bool {
	for i, w := range words {
		if !pipRE.MatchString(path.Base(strings.ReplaceAll(w, `\`, "/"))) {
			continue
		}
		if i > 0 && !commandStarts[words[i-1]] && !strings.HasSuffix(words[i-1], ";") && !strings.HasSuffix(words[i-1], "&&") {
			continue
		}
		j := i + 1
		for j < len(words) && strings.HasPrefix(words[j], "-") {
			j++
		}
		if j < len(words) && words[j] == "install" {
			return true
		}
	}
	return false
}
