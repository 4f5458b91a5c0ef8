// Package analysis is the leaf framework every pyhint analyzer is written
// against: Analyzer, Pass, Diagnostic, Anchor and Fix. It knows nothing of
// output formats, configuration or the LSP.
//
// An analyzer never walks the tree and never reads the disk. It names the
// node kinds it wants (Kinds); the checker walks each file's tree once and
// calls Visit for every node of those kinds, with the shared facts of the
// file (scopes, bindings, imports) in the Pass.
//
// The language server checks an edited file incrementally (package
// checker): the findings of a run of top-level statements are kept when an
// edit elsewhere changed nothing the analysis of that run read. It sees
// those reads through the Pass: the tree's accessors, the scope facts'
// accessors and Memo record them. So an analyzer reads the file only
// through them: it keeps no state of its own between Visit calls (Memo is
// the place for per-file facts), and reads the document's lines
// (Pass.Doc) and raw source only at lines of nodes it has read.
// TestIncrementalMatchesCheck compares the incremental check with a full
// one over random edits of every analyzer's testdata.
package analysis

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/analyzers/pyts"
	"github.com/pyhint/pyhint/analyzers/scope"
)

// Rule is a diagnostic code an analyzer may report. Name is the contract
// users type in suppressions and config; Concept is the knowledge id that
// explains it.
type Rule struct {
	Name    string
	Concept string
}

// Analyzer describes one analysis.
type Analyzer struct {
	// Name identifies the analyzer (lowercase letters and digits).
	Name string
	// Doc is the developer documentation; its first line is a title.
	Doc string
	// Concepts lists the concept ids the analyzer anchors or reports under.
	Concepts []string
	// Rules lists the diagnostic codes the analyzer may report.
	Rules []Rule
	// Kinds lists the node kinds Visit is called for.
	Kinds []pyts.Kind
	// Applies, if set, is called once per file before the walk; returning
	// false skips the analyzer for that file (e.g. no numpy import).
	Applies func(*Pass) bool
	// Visit is called for every node of one of Kinds outside syntax errors.
	Visit func(*Pass, pyts.Node)
}

// Range is a half-open byte range in a file's text.
type Range struct {
	Start, End int
}

// TextEdit replaces the bytes of Range with NewText.
type TextEdit struct {
	Range   Range
	NewText string
}

// Fix is a change that resolves a diagnostic. Message is a verb phrase
// ("Replace with except Exception:"). Edits do not overlap.
type Fix struct {
	Message string
	Edits   []TextEdit
}

// Diagnostic is a finding: a pitfall at a range.
type Diagnostic struct {
	Range   Range
	Rule    string
	Concept string
	// Message is one lowercase line without a trailing period that says why.
	Message string
	Fixes   []Fix
}

// Anchor marks a construct a concept explains, whether or not anything is
// wrong with it: hover and inlay hints read anchors.
type Anchor struct {
	Range   Range
	Concept string
	// Hint is a short inlay label ("generator", "shallow copy"), or "".
	Hint string
	// Detail says in one Markdown sentence what the construct does here
	// ("`global counter` makes this function rebind the module's `counter`"),
	// or "".
	Detail string
}

// Pass is one analyzer's view of one file.
type Pass struct {
	Analyzer *Analyzer
	Doc      *document.Document
	Tree     *pyts.Tree
	Scope    *scope.Info

	report func(Diagnostic)
	anchor func(Anchor)
	memo   map[any]any
}

// Memo returns the value stored under key in p, calling compute to make
// it the first time. An analyzer keeps a per-file fact in it (which names
// the module imports, whether a body restores sys.path) so that the work
// done for each node does not grow with the file: a fact recomputed for
// each of n nodes makes a file's analysis quadratic. Keys are compared with
// ==; use a key type of the analyzer's own, as with context values. A Pass
// is used by one goroutine, so Memo needs no locking.
//
// On a watched tree (pyts.Watch, the checker's incremental check) a value
// is stored with what computing it read, and every later use records those
// reads again: a value computed while one group was analysed may be used
// by another, which then depends on the same facts.
func Memo[V any](p *Pass, key any, compute func() V) V {
	w := p.Tree.Watch()
	if v, ok := p.memo[key]; ok {
		if w != nil {
			m := v.(watchedMemo)
			w.Deps.Merge(m.deps)
			return m.v.(V)
		}
		return v.(V)
	}
	if p.memo == nil {
		p.memo = map[any]any{}
	}
	if w == nil {
		v := compute()
		p.memo[key] = v
		return v
	}
	outer := w.Deps
	deps := &pyts.Deps{}
	w.Deps = deps
	v := compute()
	w.Deps = outer
	outer.Merge(deps)
	p.memo[key] = watchedMemo{v, deps}
	return v
}

// watchedMemo is a Memo value computed on a watched tree.
type watchedMemo struct {
	v    any
	deps *pyts.Deps
}

// NewPass is for the checker (and tests of the framework).
func NewPass(a *Analyzer, doc *document.Document, tree *pyts.Tree, info *scope.Info, report func(Diagnostic), anchor func(Anchor)) *Pass {
	return &Pass{Analyzer: a, Doc: doc, Tree: tree, Scope: info, report: report, anchor: anchor}
}

// Report records a diagnostic. Its rule must be one of the analyzer's Rules;
// Concept is filled in from the rule when empty.
func (p *Pass) Report(d Diagnostic) {
	r, ok := p.rule(d.Rule)
	if !ok {
		panic(fmt.Sprintf("analyzer %s reported undeclared rule %q", p.Analyzer.Name, d.Rule))
	}
	if d.Message == "" {
		panic(fmt.Sprintf("analyzer %s reported an empty message for %s", p.Analyzer.Name, d.Rule))
	}
	if d.Concept == "" {
		d.Concept = r.Concept
	}
	p.report(d)
}

// Reportf reports rule on node n with a formatted message.
func (p *Pass) Reportf(n pyts.Node, rule, format string, args ...any) {
	p.Report(Diagnostic{Range: p.Range(n), Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// ReportFix reports rule on node n with one fix.
func (p *Pass) ReportFix(n pyts.Node, rule, message string, fix Fix) {
	p.Report(Diagnostic{Range: p.Range(n), Rule: rule, Message: message, Fixes: []Fix{fix}})
}

func (p *Pass) rule(name string) (Rule, bool) {
	for _, r := range p.Analyzer.Rules {
		if r.Name == name {
			return r, true
		}
	}
	return Rule{}, false
}

// Anchor records an anchor for concept on node n.
func (p *Pass) Anchor(n pyts.Node, concept, hint, detail string) {
	p.AnchorRange(p.Range(n), concept, hint, detail)
}

// AnchorRange records an anchor for concept on a byte range.
func (p *Pass) AnchorRange(r Range, concept, hint, detail string) {
	p.anchor(Anchor{Range: r, Concept: concept, Hint: hint, Detail: detail})
}

// Range returns n's byte range.
func (p *Pass) Range(n pyts.Node) Range { return Range{p.Tree.Start(n), p.Tree.End(n)} }

// Text returns n's source text.
func (p *Pass) Text(n pyts.Node) string { return p.Tree.Text(n) }

// Resolve returns the qualified name n refers to ("numpy.array",
// "threading.Thread", "builtins.open"), or "" (see scope.Info.Resolve).
func (p *Pass) Resolve(n pyts.Node) string { return p.Scope.Resolve(n) }

// Callee returns the qualified name of a call's function, or "".
func (p *Pass) Callee(call pyts.Node) string {
	return p.Scope.Resolve(p.Tree.ChildByField(call, pyts.FFunction))
}

// Edit returns a TextEdit replacing n with text.
func (p *Pass) Edit(n pyts.Node, text string) TextEdit {
	return TextEdit{Range: p.Range(n), NewText: text}
}

// Indent returns the leading whitespace of the line containing byte offset off.
func (p *Pass) Indent(off int) string {
	line := p.Doc.Line(p.Doc.LineOf(off))
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return string(line[:i])
}

var nameRE = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
var ruleRE = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// Validate checks a set of analyzers: valid unique names, a Doc with a title,
// a Visit with kinds, rules in kebab-case and unique across analyzers, and
// every concept known (known reports whether a concept id exists).
func Validate(as []*Analyzer, known func(concept string) bool) error {
	names := map[string]bool{}
	rules := map[string]string{}
	for _, a := range as {
		if !nameRE.MatchString(a.Name) {
			return fmt.Errorf("analyzer %q: name must be lowercase letters and digits", a.Name)
		}
		if names[a.Name] {
			return fmt.Errorf("analyzer %q: duplicate name", a.Name)
		}
		names[a.Name] = true
		if strings.TrimSpace(a.Doc) == "" {
			return fmt.Errorf("analyzer %q: empty Doc", a.Name)
		}
		if a.Visit == nil || len(a.Kinds) == 0 {
			return fmt.Errorf("analyzer %q: no Visit or no Kinds", a.Name)
		}
		for _, c := range a.Concepts {
			if !known(c) {
				return fmt.Errorf("analyzer %q: unknown concept %q", a.Name, c)
			}
		}
		for _, r := range a.Rules {
			if !ruleRE.MatchString(r.Name) {
				return fmt.Errorf("analyzer %q: rule %q is not kebab-case", a.Name, r.Name)
			}
			if other, dup := rules[r.Name]; dup {
				return fmt.Errorf("rule %q declared by both %s and %s", r.Name, other, a.Name)
			}
			rules[r.Name] = a.Name
			if !known(r.Concept) {
				return fmt.Errorf("analyzer %q: rule %q has unknown concept %q", a.Name, r.Name, r.Concept)
			}
		}
	}
	return nil
}

// MustExtractDoc returns the text of the "# Analyzer name" section of a
// doc.go file's package comment, panicking if it is missing (a build-time
// invariant, checked by every test).
func MustExtractDoc(content, name string) string {
	doc, err := ExtractDoc(content, name)
	if err != nil {
		panic(err)
	}
	return doc
}

// ExtractDoc is MustExtractDoc returning an error.
func ExtractDoc(content, name string) (string, error) {
	start := strings.Index(content, "/*")
	end := strings.Index(content, "*/")
	if start < 0 || end < start {
		return "", fmt.Errorf("doc for %s: no /* */ package comment", name)
	}
	body := content[start+2 : end]
	head := "# Analyzer " + name
	i := strings.Index(body, head)
	if i < 0 {
		return "", fmt.Errorf("doc for %s: no %q heading", name, head)
	}
	body = body[i+len(head):]
	if j := strings.Index(body, "\n# "); j >= 0 {
		body = body[:j]
	}
	body = strings.TrimSpace(body)
	if !strings.HasPrefix(body, name+":") {
		return "", fmt.Errorf("doc for %s: first line must start with %q", name, name+":")
	}
	return body, nil
}
