package server

import (
	"strings"
	"testing"

	"github.com/pyhint/pyhint/analyzers/analysis"
	"github.com/pyhint/pyhint/analyzers/checker"
	"github.com/pyhint/pyhint/analyzers/document"
	"github.com/pyhint/pyhint/analyzers/pyts"
	"github.com/pyhint/pyhint/knowledge"
	"github.com/pyhint/pyhint/server/session"
)

// TestInStringOrComment: a hint never lands strictly inside a string
// (f-strings included) or a comment.
func TestInStringOrComment(t *testing.T) {
	src := "x = \"abc\"  # note\ny = f\"{x!r} and {'q'}\"\n"
	tree, err := pyts.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	snap := &session.Snapshot{Doc: document.New([]byte(src)), Regions: session.Regions(tree)}
	at := func(sub string, delta int) int {
		i := strings.Index(src, sub)
		if i < 0 {
			t.Fatalf("%q not in source", sub)
		}
		return i + delta
	}
	for _, tc := range []struct {
		name string
		off  int
		want bool
	}{
		{"inside a string", at(`"abc"`, 2), true},
		{"at a string's end", at(`"abc"`, 5), false},
		{"at a string's start", at(`"abc"`, 0), false},
		{"inside a comment", at("# note", 3), true},
		{"at a comment's end", at("# note", 6), false},
		{"inside an f-string's braces", at("{x!r}", 1), true},
		{"inside a string in an f-string", at("'q'", 1), true},
		{"plain code", at("y =", 1), false},
	} {
		if got := snap.InStringOrComment(tc.off); got != tc.want {
			t.Errorf("%s (offset %d): %v, want %v", tc.name, tc.off, got, tc.want)
		}
	}
}

// TestHoverCardSelection: the innermost of anchors and findings wins; a
// finding alone gets its rule's card; ties show the anchor's card and the
// finding's one-liner.
func TestHoverCardSelection(t *testing.T) {
	src := []byte("def f():\n    global y\n    y = 1\n")
	tree, _ := pyts.Parse(src)
	doc := document.New(src)
	stmt := analysis.Range{Start: 13, End: 21} // global y
	word := analysis.Range{Start: 13, End: 19} // global
	snap := func(anchors []analysis.Anchor) *session.Snapshot {
		return &session.Snapshot{Doc: doc, Regions: session.Regions(tree), Result: &checker.Result{Anchors: anchors}}
	}
	diag := analysis.Diagnostic{Range: word, Rule: "global-statement", Concept: "global", Message: "m"}
	concept, _ := knowledge.Lookup("global")
	rule, _ := knowledge.Lookup("global-statement")
	card := func(d *knowledge.Doc, l knowledge.Level) string { return knowledge.Render(d, knowledge.Markdown, l) }

	// The finding is smaller than the anchor: the rule's card.
	got, r := hoverCard(snap([]analysis.Anchor{{Range: stmt, Concept: "global", Detail: "D."}}), []analysis.Diagnostic{diag}, 14, knowledge.Markdown, knowledge.Intermediate)
	if got != card(rule, knowledge.Intermediate) || r != word {
		t.Errorf("inner finding: range %v\n%s", r, got)
	}
	// Outside the finding, inside the anchor: the concept's card.
	got, r = hoverCard(snap([]analysis.Anchor{{Range: stmt, Concept: "global", Detail: "D."}}), []analysis.Diagnostic{diag}, 20, knowledge.Markdown, knowledge.Expert)
	if got != card(concept, knowledge.Expert) || r != stmt {
		t.Errorf("anchor only: range %v\n%s", r, got)
	}
	// Same range: Detail, concept card, rule one-liner.
	got, _ = hoverCard(snap([]analysis.Anchor{{Range: word, Concept: "global", Detail: "D."}}), []analysis.Diagnostic{diag}, 14, knowledge.Markdown, knowledge.Beginner)
	if want := "D.\n" + "\n---\n\n" + card(concept, knowledge.Beginner) + "\n---\n\n" + card(rule, knowledge.Expert); got != want {
		t.Errorf("tie:\n%s\nwant:\n%s", got, want)
	}
	// Nested anchors: the innermost.
	inner := analysis.Anchor{Range: word, Concept: "global", Detail: "inner."}
	got, r = hoverCard(snap([]analysis.Anchor{{Range: analysis.Range{Start: 0, End: 30}, Concept: "global", Detail: "outer."}, inner}), nil, 14, knowledge.Markdown, knowledge.Beginner)
	if r != word || got[:7] != "inner.\n" {
		t.Errorf("nested: range %v\n%s", r, got)
	}
	// Nothing under the cursor.
	if got, _ := hoverCard(snap(nil), []analysis.Diagnostic{diag}, 2, knowledge.Markdown, knowledge.Beginner); got != "" {
		t.Errorf("nothing: %q", got)
	}
}

// TestParseSettings: each bad key is named and keeps its default; good
// keys next to it are taken.
func TestParseSettings(t *testing.T) {
	m, err := settingsObject([]byte(`{"pyhint": {"explanationLevel": "guru", "ignore": ["global-statement"], "select": ["no-such-rule"],
		"severity": {"global-unused": "fatal"}, "inlayHints": {"kinds": {"nope": true}}, "perFileIgnores": {"[": ["global"]}, "path": "/usr/bin/pyhint"}}`))
	if err != nil {
		t.Fatal(err)
	}
	st, warnings, unknown := parseSettings(m)
	for _, key := range []string{`"explanationLevel"`, `"select"`, `"severity.global-unused"`, `"inlayHints.kinds"`, `"perFileIgnores"`} {
		found := false
		for _, w := range warnings {
			if strings.Contains(w, key) {
				found = true
			}
		}
		if !found {
			t.Errorf("no warning naming %s in %q", key, warnings)
		}
	}
	if len(warnings) != 5 {
		t.Errorf("%d warnings, want 5: %q", len(warnings), warnings)
	}
	if st.level != "" || st.hasSelect || st.severity != nil || st.hints.Kinds != nil || !st.hints.Pitfalls || st.perFile != nil {
		t.Errorf("bad keys changed settings: %+v", st)
	}
	if len(st.ignore) != 1 || st.ignore[0] != "global-statement" {
		t.Errorf("good key not taken: ignore = %v", st.ignore)
	}
	if len(unknown) != 1 || unknown[0] != "path" {
		t.Errorf("unknown keys %v", unknown)
	}
}
