package config

// This file defines the rule index the config's predicates consult: built
// once from the registry (which is fixed at build time) so that Enabled and
// SeverityOf, called for every finding of a run, cost a map look-up.

import (
	"sync"

	"github.com/pyhint/pyhint/analyzers"
)

var ruleIndex = sync.OnceValue(func() map[string]analyzers.RuleInfo {
	m := map[string]analyzers.RuleInfo{}
	for _, r := range analyzers.Rules() {
		m[r.Name] = r
	}
	return m
})

func lookupRule(name string) (analyzers.RuleInfo, bool) {
	r, ok := ruleIndex()[name]
	return r, ok
}
