// Package analyzers is the registry of every pyhint analyzer and rule: it
// joins the analyzers (what finds) with the knowledge base (what explains,
// and each rule's default severity).
package analyzers

import (
	"slices"
	"strings"
	"sync"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/asyncio"
	"github.com/pyhint/pyhint/analyzers/checker"
	"github.com/pyhint/pyhint/analyzers/classes"
	"github.com/pyhint/pyhint/analyzers/copying"
	"github.com/pyhint/pyhint/analyzers/decorators"
	"github.com/pyhint/pyhint/analyzers/exceptions"
	"github.com/pyhint/pyhint/analyzers/gc"
	"github.com/pyhint/pyhint/analyzers/generators"
	"github.com/pyhint/pyhint/analyzers/global"
	"github.com/pyhint/pyhint/analyzers/multiprocessing"
	"github.com/pyhint/pyhint/analyzers/numpy"
	"github.com/pyhint/pyhint/analyzers/repr"
	"github.com/pyhint/pyhint/analyzers/threading"
	"github.com/pyhint/pyhint/analyzers/venv"
	"github.com/pyhint/pyhint/analyzers/with"
	"github.com/pyhint/pyhint/knowledge"
)

// all lists every analyzer, sorted by name.
var all = []*analysis.Analyzer{
	asyncio.Analyzer,
	classes.Analyzer,
	copying.Analyzer,
	decorators.Analyzer,
	exceptions.Analyzer,
	gc.Analyzer,
	generators.Analyzer,
	global.Analyzer,
	multiprocessing.Analyzer,
	numpy.Analyzer,
	repr.Analyzer,
	threading.Analyzer,
	venv.Analyzer,
	with.Analyzer,
}

// All returns every analyzer, sorted by name.
func All() []*analysis.Analyzer { return slices.Clone(all) }

// Lookup returns the analyzer named name.
func Lookup(name string) (*analysis.Analyzer, bool) {
	for _, a := range all {
		if a.Name == name {
			return a, true
		}
	}
	return nil, false
}

// FrameworkRules are rules reported by pyhint itself rather than by an
// analyzer (about its own suppression comments).
var FrameworkRules = []string{"unused-suppression"}

// RuleInfo is what users see of a rule: its knowledge and default severity.
type RuleInfo struct {
	Name     string
	Concept  string
	Severity string // error | warning | info | hint
	Default  bool   // enabled unless deselected
	Fix      string // safe | unsafe | none
	Summary  string
	URL      string
	Analyzer string // "" for framework rules
}

// NewChecker returns the checker the front ends run: every analyzer, with
// suppression comments that may name any rule of the registry.
func NewChecker() *checker.Checker {
	return checker.New(All()).WithSuppressions(func(rule string) bool {
		_, ok := Rule(rule)
		return ok
	})
}

// Rules returns every rule, sorted by name.
func Rules() []RuleInfo { return slices.Clone(ruleTable().list) }

// Rule returns the RuleInfo for name.
func Rule(name string) (RuleInfo, bool) {
	r, ok := ruleTable().byName[name]
	return r, ok
}

type rules struct {
	list   []RuleInfo
	byName map[string]RuleInfo
}

// ruleTable joins analyzers and knowledge once; it is read-only afterwards
// (Rule is called per finding, so it must not rebuild anything).
var ruleTable = sync.OnceValue(func() rules {
	t := rules{list: buildRules(), byName: map[string]RuleInfo{}}
	for _, r := range t.list {
		t.byName[r.Name] = r
	}
	return t
})

func buildRules() []RuleInfo {
	var out []RuleInfo
	add := func(name, analyzer string) {
		ri := RuleInfo{Name: name, Analyzer: analyzer, Severity: "warning", Default: true, Fix: "none"}
		if d, ok := knowledge.Lookup(name); ok && d.Kind == knowledge.Rule {
			ri.Concept, ri.Severity, ri.Default, ri.Fix, ri.Summary, ri.URL = d.Concept, d.Severity, d.Default, d.Fix, d.Summary, d.URL()
		}
		out = append(out, ri)
	}
	for _, a := range all {
		for _, r := range a.Rules {
			add(r.Name, a.Name)
		}
	}
	for _, r := range FrameworkRules {
		add(r, "")
	}
	slices.SortFunc(out, func(a, b RuleInfo) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// KnownConcept reports whether id is a concept in the knowledge base.
func KnownConcept(id string) bool {
	d, ok := knowledge.Lookup(id)
	return ok && d.Kind == knowledge.Concept && d.ID == id
}
