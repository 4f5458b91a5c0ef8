package analyzers

import (
	"slices"
	"sort"
	"testing"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/knowledge"
)

func TestValidate(t *testing.T) {
	if err := analysis.Validate(All(), KnownConcept); err != nil {
		t.Fatal(err)
	}
	if !sort.SliceIsSorted(all, func(i, j int) bool { return all[i].Name < all[j].Name }) {
		t.Error("analyzers are not sorted by name")
	}
}

// TestValidateCatches proves Validate can fail.
func TestValidateCatches(t *testing.T) {
	g, ok := Lookup("global")
	if !ok {
		t.Fatal("global analyzer not registered")
	}
	bad := &analysis.Analyzer{Name: "x", Doc: "x: d", Kinds: g.Kinds, Visit: g.Visit,
		Rules: []analysis.Rule{{Name: "global-statement", Concept: "global"}}}
	if analysis.Validate([]*analysis.Analyzer{g, bad}, KnownConcept) == nil {
		t.Error("duplicate rule accepted")
	}
	bad2 := &analysis.Analyzer{Name: "y", Doc: "y: d", Kinds: all[0].Kinds, Visit: all[0].Visit, Concepts: []string{"nope"}}
	if analysis.Validate([]*analysis.Analyzer{bad2}, KnownConcept) == nil {
		t.Error("unknown concept accepted")
	}
}

// TestRulesAndDocsAgree: every registered rule has a doc with the same
// concept, and every rule doc a registered rule.
func TestRulesAndDocsAgree(t *testing.T) {
	registered := map[string]bool{}
	for _, a := range all {
		for _, r := range a.Rules {
			registered[r.Name] = true
			d, ok := knowledge.Lookup(r.Name)
			if !ok || d.Kind != knowledge.Rule {
				t.Errorf("rule %s (analyzer %s) has no knowledge/rules/%s.md", r.Name, a.Name, r.Name)
				continue
			}
			if d.Concept != r.Concept {
				t.Errorf("rule %s: analyzer says concept %q, doc says %q", r.Name, r.Concept, d.Concept)
			}
		}
	}
	for _, r := range FrameworkRules {
		registered[r] = true
	}
	for _, d := range knowledge.Rules() {
		if !registered[d.ID] {
			t.Errorf("knowledge/rules/%s.md documents a rule no analyzer registers", d.ID)
		}
	}
	for _, ri := range Rules() {
		if !slices.Contains([]string{"error", "warning", "info", "hint"}, ri.Severity) {
			t.Errorf("rule %s: severity %q", ri.Name, ri.Severity)
		}
	}
}
