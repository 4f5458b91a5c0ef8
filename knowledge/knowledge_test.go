package knowledge

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"

	"github.com/pyhint/pyhint/analyzers/pyts"
)

// conceptIDs are the concept ids promised to users (DESIGN.md).
var conceptIDs = []string{
	"asyncio", "classes", "copy", "decorators", "exceptions", "gc", "generators",
	"gil", "global", "multiprocessing", "numpy", "repr", "threading", "venv", "with",
}

// catalog is the rule catalog: the rules each concept owns.
var catalog = map[string][]string{
	"global":          {"global-at-module-level", "global-statement", "global-unused"},
	"with":            {"contextmanager-without-finally", "exit-suppresses-all", "lock-without-with", "open-without-with"},
	"generators":      {"list-comprehension-in-call"},
	"threading":       {"thread-target-called"},
	"gil":             {"cpu-bound-thread"},
	"multiprocessing": {"multiprocessing-main-guard"},
	"asyncio":         {"blocking-call-in-async", "dangling-task", "unawaited-coroutine"},
	"copy":            {"list-multiplication-aliasing", "mutable-default-argument", "shallow-copy-nested-mutation"},
	"exceptions":      {"bare-except", "except-order", "raise-without-from", "return-in-finally", "swallowed-exception"},
	"decorators":      {"lru-cache-on-method", "wrapper-without-wraps"},
	"numpy":           {"numpy-append-in-loop", "numpy-python-loop"},
	"gc":              {"del-method", "gc-collect-in-loop", "gc-disable"},
	"venv":            {"pip-install-at-runtime", "sys-path-mutation"},
	"repr":            {"str-without-repr"},
	"classes":         nil,
}

// metaRules are rules about pyhint itself (its suppression comments), owned
// by no concept: they have no "concept" key.
var metaRules = []string{"unused-suppression"}

// requiredSections lists, per kind, the sections every document has, in order.
var requiredSections = map[Kind][]string{
	Concept: {"What it is", "Discussion points", "Example", "Pitfalls", "References"},
	Rule:    {"What it does", "Why it matters", "Example", "Use instead", "References"},
}

// requiredKeys and forbiddenKeys constrain the front matter, per kind.
var (
	requiredKeys = map[Kind][]string{
		Concept: {"id", "kind", "title", "summary", "references"},
		Rule:    {"id", "kind", "concept", "title", "summary", "severity", "default", "fix", "since", "references"},
	}
	forbiddenKeys = map[Kind][]string{
		Concept: {"concept", "severity", "default", "fix", "since"},
	}
)

var (
	idRE       = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	aliasRE    = regexp.MustCompile(`^[a-z0-9_]+(-[a-z0-9_]+)*$`)
	versionRE  = regexp.MustCompile(`^\d+\.\d+\.\d+$`)
	mdLinkRE   = regexp.MustCompile(`^- \[(.+)\]\((\S+)\)$`)
	pitfallRE  = regexp.MustCompile("^- `([a-z0-9-]+)`: \\S")
	codeSpanRE = regexp.MustCompile("`[^`]*`")
	dunderRE   = regexp.MustCompile(`__\w+__`)
	urlPartRE  = regexp.MustCompile(`\]\([^)]*\)`)
)

var urlPrefixes = []string{"https://docs.python.org/3/", "https://numpy.org/doc/"}

// allDocs returns every document, concepts first.
func allDocs() []*Doc { return append(Concepts(), Rules()...) }

func docName(d *Doc) string { return d.Kind.dir() + "/" + d.ID }

func embeddedNames(t *testing.T) []string {
	t.Helper()
	var names []string
	for _, k := range []Kind{Concept, Rule} {
		m, err := fs.Glob(files, k.dir()+"/*.md")
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, m...)
	}
	if len(names) == 0 {
		t.Fatal("no embedded documents")
	}
	return names
}

// TestFrontMatterKeys checks the raw front matter of every embedded file:
// no unknown keys, the required keys present, rule-only keys absent from
// concepts, and the kind matching the directory.
func TestFrontMatterKeys(t *testing.T) {
	for _, name := range embeddedNames(t) {
		t.Run(name, func(t *testing.T) {
			data, err := fs.ReadFile(files, name)
			if err != nil {
				t.Fatal(err)
			}
			front, _, err := splitFrontMatter(data)
			if err != nil {
				t.Fatal(err)
			}
			var fm frontMatter
			md, err := toml.Decode(front, &fm)
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range md.Undecoded() {
				t.Errorf("unknown front matter key %q", k.String())
			}
			kind := Concept
			if path.Dir(name) == Rule.dir() {
				kind = Rule
			}
			if fm.Kind != kind.String() {
				t.Errorf("kind = %q in %s/, want %q", fm.Kind, path.Dir(name), kind)
			}
			if want := strings.TrimSuffix(path.Base(name), ".md"); fm.ID != want {
				t.Errorf("id = %q, want the file name %q", fm.ID, want)
			}
			for _, k := range requiredKeys[kind] {
				if k == "concept" && slices.Contains(metaRules, fm.ID) {
					if md.IsDefined(k) {
						t.Errorf("meta rule %q must not name a concept", fm.ID)
					}
					continue
				}
				if !md.IsDefined(k) {
					t.Errorf("missing front matter key %q", k)
				}
			}
			for _, k := range forbiddenKeys[kind] {
				if md.IsDefined(k) {
					t.Errorf("front matter key %q is for rules only", k)
				}
			}
		})
	}
}

func TestEveryFileLoaded(t *testing.T) {
	names := embeddedNames(t)
	docs := allDocs()
	if len(docs) != len(names) {
		t.Errorf("loaded %d documents from %d files", len(docs), len(names))
	}
	for _, d := range docs {
		if !slices.Contains(names, docName(d)+".md") {
			t.Errorf("document %s has no file", docName(d))
		}
	}
}

func TestConceptIDs(t *testing.T) {
	var got []string
	for _, d := range Concepts() {
		got = append(got, d.ID)
	}
	if !slices.Equal(got, conceptIDs) {
		t.Errorf("concept ids = %q\nwant %q", got, conceptIDs)
	}
}

func TestNamesUnique(t *testing.T) {
	seen := map[string]string{}
	for _, d := range allDocs() {
		for _, n := range append([]string{d.ID}, d.Aliases...) {
			key := strings.ToLower(n)
			if prev, ok := seen[key]; ok {
				t.Errorf("%s: name %q is also used by %s", docName(d), n, prev)
			}
			seen[key] = docName(d)
		}
	}
}

// TestDocs checks the fields and sections of every document.
func TestDocs(t *testing.T) {
	for _, d := range allDocs() {
		t.Run(docName(d), func(t *testing.T) {
			if !idRE.MatchString(d.ID) {
				t.Errorf("id %q is not kebab-case", d.ID)
			}
			for _, a := range d.Aliases {
				if !aliasRE.MatchString(a) {
					t.Errorf("alias %q is not lower-case kebab", a)
				}
			}
			checkLine(t, "title", d.Title)
			checkLine(t, "summary", d.Summary)
			checkSections(t, d)
			checkReferences(t, d)
			checkProse(t, d)
			if d.Kind == Rule {
				checkRuleFields(t, d)
			}
		})
	}
}

func checkLine(t *testing.T, field, s string) {
	t.Helper()
	switch {
	case strings.TrimSpace(s) == "":
		t.Errorf("%s is empty", field)
	case strings.ContainsAny(s, "\r\n"):
		t.Errorf("%s %q is not one line", field, s)
	case s != strings.TrimSpace(s):
		t.Errorf("%s %q has surrounding space", field, s)
	case strings.HasSuffix(s, "."):
		t.Errorf("%s %q ends with a period", field, s)
	}
}

func checkSections(t *testing.T, d *Doc) {
	t.Helper()
	var got []string
	for _, s := range d.Sections {
		got = append(got, s.Title)
		if s.Body == "" {
			t.Errorf("section %q is empty", s.Title)
		}
	}
	want := requiredSections[d.Kind]
	i := 0
	for _, g := range got {
		if i < len(want) && g == want[i] {
			i++
		}
	}
	if i < len(want) {
		t.Errorf("sections = %q; want %q present in this order", got, want)
	}
	example, _ := d.Section("Example")
	blocks := fencedBlocks(example)
	if len(blocks) == 0 || blocks[0].lang != "python" {
		t.Errorf("Example section has no ```python block")
	}
	if d.Kind == Concept && len(blocks) > 0 {
		if n := strings.Count(blocks[0].code, "\n"); n > 15 {
			t.Errorf("example has %d lines, want at most 15", n)
		}
	}
	if d.Kind == Rule {
		use, _ := d.Section("Use instead")
		if b := fencedBlocks(use); len(b) == 0 || b[0].lang != "python" {
			t.Errorf("Use instead section has no ```python block")
		}
	}
}

// checkReferences checks the reference URLs and that the References
// section lists the front matter's references, in the same order.
func checkReferences(t *testing.T, d *Doc) {
	t.Helper()
	if len(d.References) == 0 {
		t.Errorf("no references")
	}
	for _, r := range d.References {
		if r.Title == "" {
			t.Errorf("reference %s has no title", r.URL)
		}
		if !slices.ContainsFunc(urlPrefixes, func(p string) bool { return strings.HasPrefix(r.URL, p) }) {
			t.Errorf("reference URL %q does not start with one of %q", r.URL, urlPrefixes)
		}
		if d.ID != "numpy" && d.Concept != "numpy" && !strings.HasPrefix(r.URL, "https://docs.python.org/3/") {
			t.Errorf("reference URL %q: only numpy documents may link outside docs.python.org/3/", r.URL)
		}
	}
	body, _ := d.Section("References")
	var listed []Reference
	for _, line := range strings.Split(body, "\n") {
		m := mdLinkRE.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("References line %q is not \"- [title](url)\"", line)
			continue
		}
		title := strings.NewReplacer("`", "", `\`, "").Replace(m[1])
		listed = append(listed, Reference{Title: title, URL: m[2]})
	}
	if !slices.Equal(listed, d.References) {
		t.Errorf("References section lists %q\nfront matter has %q", listed, d.References)
	}
}

// checkProse rejects "__name__" outside code spans: Markdown would render
// it as bold "name".
func checkProse(t *testing.T, d *Doc) {
	t.Helper()
	for _, s := range d.Sections {
		inFence := false
		for _, line := range strings.Split(s.Body, "\n") {
			if isFence(line) {
				inFence = !inFence
				continue
			}
			if inFence {
				continue
			}
			rest := codeSpanRE.ReplaceAllString(urlPartRE.ReplaceAllString(line, "]"), "")
			if m := dunderRE.FindString(rest); m != "" {
				t.Errorf("section %q: %s outside a code span renders as bold; write `%s`", s.Title, m, m)
			}
		}
	}
}

func checkRuleFields(t *testing.T, d *Doc) {
	t.Helper()
	if !slices.Contains([]string{"error", "warning", "info", "hint"}, d.Severity) {
		t.Errorf("severity = %q, want error, warning, info or hint", d.Severity)
	}
	if !slices.Contains([]string{"safe", "unsafe", "none"}, d.Fix) {
		t.Errorf("fix = %q, want safe, unsafe or none", d.Fix)
	}
	if !versionRE.MatchString(d.Since) {
		t.Errorf("since = %q, want a version such as 0.1.0", d.Since)
	}
	if d.Concept == "" && slices.Contains(metaRules, d.ID) {
		return
	}
	if c, ok := Lookup(d.Concept); !ok || c.Kind != Concept || c.ID != d.Concept {
		t.Errorf("concept %q is not a concept id", d.Concept)
	}
}

// pitfallNames returns the rule names that a concept's Pitfalls section
// names, one per "- `rule`: text" bullet, and the bullets that name none.
func pitfallNames(d *Doc) (names, other []string) {
	body, _ := d.Section("Pitfalls")
	for _, line := range strings.Split(body, "\n") {
		if !strings.HasPrefix(line, "- ") {
			continue
		}
		if m := pitfallRE.FindStringSubmatch(line); m != nil {
			names = append(names, m[1])
		} else {
			other = append(other, line)
		}
	}
	slices.Sort(names)
	return names, other
}

// TestPitfallsNameTheirRules cross-checks each concept's Pitfalls section,
// its rules (RulesOf) and the catalog.
func TestPitfallsNameTheirRules(t *testing.T) {
	for _, c := range Concepts() {
		t.Run(c.ID, func(t *testing.T) {
			named, other := pitfallNames(c)
			var owned []string
			for _, r := range RulesOf(c.ID) {
				owned = append(owned, r.ID)
			}
			want, ok := catalog[c.ID]
			if !ok {
				t.Fatalf("concept %q is not in the catalog", c.ID)
			}
			if !slices.Equal(named, want) {
				t.Errorf("Pitfalls names %q, catalog says %q", named, want)
			}
			if !slices.Equal(named, owned) {
				t.Errorf("Pitfalls names %q, but the rules of this concept are %q", named, owned)
			}
			if len(want) > 0 && len(other) > 0 {
				t.Errorf("Pitfalls bullets that name no rule: %q", other)
			}
			if len(want) == 0 && len(other) == 0 {
				t.Errorf("Pitfalls has no bullets")
			}
		})
	}
}

// TestRuleCatalog checks that the rule files and the catalog agree.
func TestRuleCatalog(t *testing.T) {
	wantConcept := map[string]string{}
	for c, rules := range catalog {
		for _, r := range rules {
			wantConcept[r] = c
		}
	}
	got := map[string]bool{}
	for _, r := range Rules() {
		got[r.ID] = true
		if slices.Contains(metaRules, r.ID) {
			continue
		}
		if c, ok := wantConcept[r.ID]; !ok {
			t.Errorf("rule %q is not in the catalog", r.ID)
		} else if r.Concept != c {
			t.Errorf("rule %q: concept = %q, catalog says %q", r.ID, r.Concept, c)
		}
	}
	for r := range wantConcept {
		if !got[r] {
			t.Errorf("catalog rule %q has no rules/%s.md", r, r)
		}
	}
}

// TestExamplesParse parses every ```python block with the Python grammar.
func TestExamplesParse(t *testing.T) {
	for _, d := range allDocs() {
		for i, ex := range d.Examples() {
			t.Run(fmt.Sprintf("%s/%d", docName(d), i), func(t *testing.T) {
				tree, err := pyts.Parse([]byte(ex))
				if err != nil {
					t.Fatal(err)
				}
				if tree.HasError() {
					t.Errorf("example does not parse as Python:\n%s", ex)
				}
			})
		}
	}
}

func TestExamplesParseRejectsBadPython(t *testing.T) {
	// Guards the test above against a parser that accepts anything.
	tree, err := pyts.Parse([]byte("def f(:\n    return\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !tree.HasError() {
		t.Fatal("HasError() = false for invalid Python")
	}
}

func TestExamples(t *testing.T) {
	d := &Doc{Sections: []Section{
		{Title: "Example", Body: "text\n\n```python\na = 1\n```\n\n```text\nnot python\n```"},
		{Title: "Use instead", Body: "```python\nb = 2\n\nc = 3\n```"},
	}}
	want := []string{"a = 1\n", "b = 2\n\nc = 3\n"}
	if got := d.Examples(); !slices.Equal(got, want) {
		t.Errorf("Examples() = %q, want %q", got, want)
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		name, wantID string
		wantOK       bool
	}{
		{"global", "global", true},
		{"GLOBAL", "global", true},
		{"Threading", "threading", true},
		{"global-keyword", "global", true}, // alias
		{"__REPR__", "repr", true},         // alias, case-insensitive
		{"context-manager", "with", true},
		{"np", "numpy", true},
		{"", "", false},
		{"globl", "", false},
		{"global ", "", false}, // exact match only
		{"no-such-thing", "", false},
	}
	for _, tt := range tests {
		d, ok := Lookup(tt.name)
		if ok != tt.wantOK || ok && d.ID != tt.wantID {
			got := ""
			if d != nil {
				got = d.ID
			}
			t.Errorf("Lookup(%q) = %q, %v; want %q, %v", tt.name, got, ok, tt.wantID, tt.wantOK)
		}
	}
	for _, r := range Rules() {
		if d, ok := Lookup(strings.ToUpper(r.ID)); !ok || d.ID != r.ID || d.Kind != Rule {
			t.Errorf("Lookup(%q) does not find the rule", strings.ToUpper(r.ID))
		}
	}
}

func TestNearest(t *testing.T) {
	tests := []struct {
		id        string
		n         int
		contains  string // "" means the result must be empty
		wantFirst bool   // contains must come first
	}{
		{"globl", 3, "global", true},
		{"GLOBL", 3, "global", true},
		{"thread", 3, "threading", true},
		{"multiproc", 3, "multiprocessing", true},
		{"exeptions", 3, "exceptions", true},
		{"decorator", 3, "decorators", true}, // alias "decorator" resolves to its id
		{"generater", 3, "generators", true},
		{"asyncio", 1, "asyncio", true},
		{"zzzzzzzz", 5, "", false},
		{"", 5, "", false},
		{"global", 0, "", false},
	}
	for _, tt := range tests {
		got := Nearest(tt.id, tt.n)
		if len(got) > tt.n {
			t.Errorf("Nearest(%q, %d) = %q: more than %d", tt.id, tt.n, got, tt.n)
		}
		if tt.contains == "" {
			if len(got) != 0 {
				t.Errorf("Nearest(%q, %d) = %q, want none", tt.id, tt.n, got)
			}
			continue
		}
		if !slices.Contains(got, tt.contains) || tt.wantFirst && got[0] != tt.contains {
			t.Errorf("Nearest(%q, %d) = %q, want %q first", tt.id, tt.n, got, tt.contains)
		}
		seen := map[string]bool{}
		for _, id := range got {
			if seen[id] {
				t.Errorf("Nearest(%q, %d) = %q repeats %q", tt.id, tt.n, got, id)
			}
			seen[id] = true
			if _, ok := Lookup(id); !ok {
				t.Errorf("Nearest(%q, %d) returned unknown id %q", tt.id, tt.n, id)
			}
		}
	}
	if r, ok := Lookup("bare-except"); ok {
		if got := Nearest("bare-exept", 3); len(got) == 0 || got[0] != r.ID {
			t.Errorf("Nearest(%q, 3) = %q, want %q first", "bare-exept", got, r.ID)
		}
	}
}

func TestParseLevel(t *testing.T) {
	tests := []struct {
		in      string
		want    Level
		wantErr bool
	}{
		{"beginner", Beginner, false},
		{"Intermediate", Intermediate, false},
		{" EXPERT ", Expert, false},
		{"", Beginner, true},
		{"guru", Beginner, true},
	}
	for _, tt := range tests {
		got, err := ParseLevel(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseLevel(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
	for _, l := range []Level{Beginner, Intermediate, Expert} {
		if got, err := ParseLevel(l.String()); err != nil || got != l {
			t.Errorf("ParseLevel(%v.String()) = %v, %v", l, got, err)
		}
	}
}

// TestRenderAll renders every document in every format and level and
// checks the properties the front ends rely on.
func TestRenderAll(t *testing.T) {
	for _, d := range allDocs() {
		for _, f := range []Format{Markdown, Text} {
			for _, l := range []Level{Beginner, Intermediate, Expert} {
				t.Run(fmt.Sprintf("%s/%v/%v", docName(d), f, l), func(t *testing.T) {
					out := Render(d, f, l)
					if out != Render(d, f, l) {
						t.Fatal("output is not deterministic")
					}
					if !strings.HasSuffix(out, "\n") || strings.HasSuffix(out, "\n\n") {
						t.Errorf("output does not end in exactly one newline")
					}
					if strings.Contains(out, "\x1b") {
						t.Errorf("output contains an escape sequence")
					}
					if !strings.Contains(out, d.URL()) {
						t.Errorf("output lacks the primary link %s", d.URL())
					}
					checkRender(t, d, f, l, out)
				})
			}
		}
	}
}

func checkRender(t *testing.T, d *Doc, f Format, l Level, out string) {
	t.Helper()
	if f == Text {
		for _, bad := range []string{"```", "](", "\n## ", "\n- "} {
			if strings.Contains(out, bad) {
				t.Errorf("text output contains %q:\n%s", bad, out)
			}
		}
	}
	if l == Expert {
		var lines []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			if line != "" {
				lines = append(lines, line)
			}
		}
		if len(lines) != 2 || !strings.Contains(lines[0], " — ") || !strings.Contains(lines[1], d.URL()) {
			t.Errorf("expert output is not \"title — summary\" and a link line:\n%s", out)
		}
		return
	}
	if f == Markdown && !strings.Contains(out, "```python\n") {
		t.Errorf("markdown output lacks the example fence:\n%s", out)
	}
	if f == Text {
		ex := d.Examples()[0]
		first := strings.SplitN(ex, "\n", 2)[0]
		if !strings.Contains(out, "\n    "+first+"\n") {
			t.Errorf("text output lacks the example indented by four spaces (%q)", first)
		}
	}
	core := map[Kind][]string{
		Concept: {"What it is", "Example", "Pitfalls"},
		Rule:    {"What it does", "Example", "Use instead"},
	}[d.Kind]
	extra := map[Kind][]string{
		Concept: {"Discussion points", "References"},
		Rule:    {"Why it matters", "References"},
	}[d.Kind]
	heading := func(s string) string {
		if f == Text {
			return "\n" + strings.ToUpper(s) + "\n"
		}
		return "\n## " + s + "\n"
	}
	for _, s := range core {
		if !strings.Contains(out, heading(s)) {
			t.Errorf("output lacks section %q:\n%s", s, out)
		}
	}
	for _, s := range extra {
		if got := strings.Contains(out, heading(s)); got != (l == Beginner) {
			t.Errorf("section %q shown = %v at level %v", s, got, l)
		}
	}
}

func TestRenderGolden(t *testing.T) {
	g, ok := Lookup("global")
	if !ok {
		t.Fatal("no global concept")
	}
	url := "https://docs.python.org/3/reference/simple_stmts.html#the-global-statement"
	summary := "global makes assignments in a function rebind the module-level name instead of creating a local"
	tests := []struct {
		name         string
		d            *Doc
		f            Format
		l            Level
		want         string   // exact output, if set
		contains     []string // substrings, in this order
		doesNotMatch []string
	}{
		{
			name: "expert text", d: g, f: Text, l: Expert,
			want: "The global keyword — " + summary + "\nThe global statement <" + url + ">\n",
		},
		{
			name: "expert markdown", d: g, f: Markdown, l: Expert,
			want: "**The global keyword** — " + summary + "\n\n[The global statement](" + url + ")\n",
		},
		{
			name: "beginner text", d: g, f: Text, l: Beginner,
			contains: []string{
				"The global keyword\n==================\n\n" + summary + "\n\nWHAT IT IS\n\nThe `global` keyword",
				"\nDISCUSSION POINTS\n\n  • Explain scenarios",
				"\nEXAMPLE\n\n    counter = 0\n\n    def increment():\n        global counter",
				"\nPITFALLS\n\n  • `global-statement`: ",
				"\nREFERENCES\n\n  • The global statement <" + url + ">\n",
			},
		},
		{
			name: "intermediate markdown", d: g, f: Markdown, l: Intermediate,
			contains: []string{
				"# The global keyword\n\n" + summary + "\n\n## What it is\n\n",
				"\n## Example\n\n```python\ncounter = 0\n",
				"\n## Pitfalls\n\n- `global-statement`: ",
				"\n\nLearn more: [The global statement](" + url + ")\n",
			},
			doesNotMatch: []string{"## Discussion points", "## References"},
		},
		{
			name: "markdown escapes plain text", d: mustLookup(t, "repr"), f: Markdown, l: Expert,
			contains:     []string{`**String representations: \_\_repr\_\_, \_\_str\_\_ and \_\_format\_\_** — \_\_repr\_\_ gives`},
			doesNotMatch: []string{"__repr__ gives"},
		},
		{
			name: "text drops escapes and keeps code in links", d: mustLookup(t, "repr"), f: Text, l: Beginner,
			contains: []string{"String representations: __repr__, __str__ and __format__\n", "  • `object.__repr__` <https://docs.python.org/3/reference/datamodel.html#object.__repr__>"},
		},
		{
			name: "rule facts", f: Text, l: Intermediate,
			d: &Doc{
				ID: "x-rule", Kind: Rule, Title: "X rule", Summary: "does x", Concept: "global",
				Severity: "warning", Default: true, Fix: "safe", Since: "0.1.0",
				References: []Reference{{"Ref", "https://docs.python.org/3/x.html"}},
				Sections: []Section{
					{"What it does", "Flags **x**."}, {"Why it matters", "Because."},
					{"Example", "```python\nx\n```"}, {"Use instead", "```python\ny\n```"},
				},
			},
			want: "X rule (x-rule)\n===============\n\ndoes x\n\n" +
				"Rule x-rule · concept global · severity: warning · on by default · safe fix available · since 0.1.0\n\n" +
				"WHAT IT DOES\n\nFlags x.\n\nEXAMPLE\n\n    x\n\nUSE INSTEAD\n\n    y\n\nLearn more: Ref <https://docs.python.org/3/x.html>\n",
		},
		{name: "nil doc", d: nil, f: Markdown, l: Beginner, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := Render(tt.d, tt.f, tt.l)
			if tt.want != "" || tt.d == nil {
				if out != tt.want {
					t.Errorf("Render() =\n%s\nwant\n%s", out, tt.want)
				}
			}
			rest := out
			for _, s := range tt.contains {
				i := strings.Index(rest, s)
				if i < 0 {
					t.Errorf("output lacks (or has out of order) %q:\n%s", s, out)
					continue
				}
				rest = rest[i+len(s):]
			}
			for _, s := range tt.doesNotMatch {
				if strings.Contains(out, s) {
					t.Errorf("output contains %q:\n%s", s, out)
				}
			}
		})
	}
}

func mustLookup(t *testing.T, id string) *Doc {
	t.Helper()
	d, ok := Lookup(id)
	if !ok {
		t.Fatalf("Lookup(%q) failed", id)
	}
	return d
}

func TestTextInline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"see [the docs](https://x.org/a#b) now", "see the docs <https://x.org/a#b> now"},
		{"**Threading:** text", "Threading: text"},
		{"`**kwargs` and **bold**", "`**kwargs` and bold"},
		{`object.\_\_repr\_\_`, "object.__repr__"},
		{"`a\\_b`", "`a\\_b`"},
	}
	for _, tt := range tests {
		if got := textInline(tt.in); got != tt.want {
			t.Errorf("textInline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTextBody(t *testing.T) {
	tests := []struct{ in, want string }{
		{"- one\n  - two\n1. three", "  • one\n    • two\n1. three"},
		{"Text\n```python\nx = 1\n\ny\n```\nAfter", "Text\n\n    x = 1\n\n    y\n\nAfter"},
		{"### Sub head\nbody", "Sub head\n--------\nbody"},
		{"```text\n## kept\n[a](b)\n```", "    ## kept\n    [a](b)"},
	}
	for _, tt := range tests {
		if got := textBody(tt.in); got != tt.want {
			t.Errorf("textBody(%q) =\n%q\nwant\n%q", tt.in, got, tt.want)
		}
	}
}

// TestCopies checks that callers cannot change the package's documents.
func TestCopies(t *testing.T) {
	d := mustLookup(t, "global")
	d.Title = "changed"
	d.Aliases[0] = "changed"
	d.References[0].URL = "changed"
	d.Sections[0].Body = "changed"
	cs := Concepts()
	cs[0].ID = "changed"
	cs[0] = nil
	again := mustLookup(t, "global")
	if again.Title == "changed" || again.Aliases[0] == "changed" || again.URL() == "changed" || again.Sections[0].Body == "changed" {
		t.Errorf("a change to a returned document leaked into the package: %+v", again)
	}
	if c := Concepts(); c[0] == nil || c[0].ID == "changed" {
		t.Errorf("a change to Concepts() leaked into the package")
	}
}

// validDoc returns a well-formed document for load tests.
func validDoc(id string, kind Kind, extra string) string {
	fm := fmt.Sprintf("+++\nid = %q\nkind = %q\ntitle = \"T\"\nsummary = \"S\"\n%s", id, kind, extra)
	return fm + "+++\n\n## What it is\n\nText.\n\n```python\nx = 1\n```\n"
}

func TestLoadErrors(t *testing.T) {
	ok := validDoc("ok", Concept, "")
	tests := []struct {
		name  string
		files map[string]string
		want  string // substring of the error; "" means no error
	}{
		{"valid", map[string]string{"concepts/ok.md": ok, "rules/r.md": validDoc("r", Rule, "concept = \"ok\"\n")}, ""},
		{"crlf", map[string]string{"concepts/ok.md": strings.ReplaceAll(ok, "\n", "\r\n")}, ""},
		{"no front matter", map[string]string{"concepts/a.md": "## What it is\n"}, "concepts/a.md: missing front matter"},
		{"unterminated front matter", map[string]string{"concepts/a.md": "+++\nid = \"a\"\n"}, "concepts/a.md: unterminated front matter"},
		{"bad toml", map[string]string{"concepts/a.md": "+++\nid = a\n+++\n"}, "concepts/a.md: front matter:"},
		{"id mismatch", map[string]string{"concepts/a.md": ok}, `concepts/a.md: id is "ok", want "a"`},
		{"unknown kind", map[string]string{"concepts/ok.md": strings.Replace(ok, `"concept"`, `"thing"`, 1)}, `concepts/ok.md: kind is "thing"`},
		{"kind mismatch", map[string]string{"rules/ok.md": ok}, `rules/ok.md: kind "concept" in directory rules/`},
		{"missing title", map[string]string{"concepts/ok.md": strings.Replace(ok, `title = "T"`, "", 1)}, "concepts/ok.md: title is missing"},
		{"text before sections", map[string]string{"concepts/ok.md": strings.Replace(ok, "\n## What", "stray\n## What", 1)}, "concepts/ok.md: body line 1: text before"},
		{"duplicate section", map[string]string{"concepts/ok.md": ok + "\n## What it is\n\nAgain.\n"}, `concepts/ok.md: section "What it is" appears twice`},
		{"unclosed fence", map[string]string{"concepts/ok.md": ok + "\n```python\nx\n"}, "concepts/ok.md: body line 10: code fence is never closed"},
		{"heading inside fence is not a section", map[string]string{"concepts/ok.md": ok + "\n```text\n## not a section\n```\n"}, ""},
		{"duplicate alias", map[string]string{
			"concepts/a.md": validDoc("a", Concept, "aliases = [\"B\"]\n"),
			"concepts/b.md": validDoc("b", Concept, ""),
		}, `concepts/b.md: name "b" is already used by concepts/a.md`},
		{"rule id equals concept id", map[string]string{
			"concepts/ok.md": ok,
			"rules/ok.md":    validDoc("ok", Rule, ""),
		}, `rules/ok.md: name "ok" is already used by concepts/ok.md`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, data := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			_, err := load(fsys)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("load() error: %v", err)
			case tt.want != "" && err == nil:
				t.Errorf("load() succeeded, want error containing %q", tt.want)
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Errorf("load() error = %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

func TestMustLoadPanicsWithFileName(t *testing.T) {
	fsys := fstest.MapFS{"concepts/broken.md": {Data: []byte("no front matter")}}
	defer func() {
		r := recover()
		if r == nil {
			t.Fatal("mustLoad did not panic")
		}
		if msg := fmt.Sprint(r); !strings.Contains(msg, "concepts/broken.md") {
			t.Errorf("panic %q does not name the file", msg)
		}
	}()
	mustLoad(fsys)
}

func TestSectionLookup(t *testing.T) {
	d := mustLookup(t, "with")
	if body, ok := d.Section("what it is"); !ok || !strings.Contains(body, "`with` statement") {
		t.Errorf("Section(%q) = %q, %v", "what it is", body, ok)
	}
	if _, ok := d.Section("Nope"); ok {
		t.Errorf("Section(%q) found a section", "Nope")
	}
	if (&Doc{}).URL() != "" {
		t.Errorf("URL() of a document without references is not empty")
	}
}
