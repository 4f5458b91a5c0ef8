// Package knowledge holds pyhint's explanations: one document per Python
// concept (concepts/<id>.md) and one per rule that flags a pitfall of a
// concept (rules/<id>.md). The documents are embedded in the binary and
// parsed once, when the package is initialised; a malformed document is a
// build-time bug and makes initialisation panic with the file's name.
//
// Every document is Markdown preceded by TOML front matter between two
// "+++" lines. Its body is a sequence of "## Title" sections.
//
// Functions that return documents return fresh copies, so callers may
// modify what they get without affecting anyone else.
package knowledge

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

//go:embed concepts/*.md rules/*.md
var files embed.FS

// Kind tells concept documents from rule documents.
type Kind int

const (
	Concept Kind = iota // explains a Python concept
	Rule                // explains a lint rule; belongs to a concept
)

// String returns "concept" or "rule", the value of the front matter's kind key.
func (k Kind) String() string {
	switch k {
	case Concept:
		return "concept"
	case Rule:
		return "rule"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// dir is the embedded directory that holds documents of kind k.
func (k Kind) dir() string { return k.String() + "s" }

// Reference is a link to further reading. The first reference of a
// document is its primary link.
type Reference struct {
	Title string `toml:"title"`
	URL   string `toml:"url"`
}

// Section is one "## Title" section of a document's body.
type Section struct {
	Title string // the heading text, without "## "
	Body  string // the Markdown under the heading, trimmed
}

// Doc is one knowledge document: a concept or a rule.
type Doc struct {
	ID      string // kebab-case; equals the file name without ".md"
	Kind    Kind
	Title   string // one line, no trailing period
	Summary string // one line of plain text, no trailing period

	Concept  string // rules: id of the owning concept
	Severity string // rules: "error" | "warning" | "info" | "hint"
	Default  bool   // rules: enabled unless configured otherwise
	Fix      string // rules: "safe" | "unsafe" | "none"
	Since    string // rules: the version that introduced the rule

	Aliases    []string
	References []Reference
	Sections   []Section
}

// Section returns the body of the section with the given title, compared
// case-insensitively.
func (d *Doc) Section(title string) (string, bool) {
	for _, s := range d.Sections {
		if strings.EqualFold(s.Title, title) {
			return s.Body, true
		}
	}
	return "", false
}

// URL returns the URL of the primary (first) reference, or "" if the
// document has none.
func (d *Doc) URL() string {
	if len(d.References) == 0 {
		return ""
	}
	return d.References[0].URL
}

// Examples returns the body of every fenced ```python block in the
// document, in order, without the fence lines.
func (d *Doc) Examples() []string {
	var out []string
	for _, s := range d.Sections {
		for _, b := range fencedBlocks(s.Body) {
			if b.lang == "python" {
				out = append(out, b.code)
			}
		}
	}
	return out
}

// clone returns a deep copy of d.
func (d *Doc) clone() *Doc {
	c := *d
	c.Aliases = slices.Clone(d.Aliases)
	c.References = slices.Clone(d.References)
	c.Sections = slices.Clone(d.Sections)
	return &c
}

// Concepts returns every concept document, sorted by ID.
func Concepts() []*Doc { return cloneAll(index.concepts) }

// Rules returns every rule document, sorted by ID.
func Rules() []*Doc { return cloneAll(index.rules) }

// RulesOf returns the rules that belong to the given concept, sorted by ID.
func RulesOf(concept string) []*Doc {
	var out []*Doc
	for _, r := range index.rules {
		if r.Concept == concept {
			out = append(out, r.clone())
		}
	}
	return out
}

// Lookup finds a document by concept id, rule id or alias. The match is
// exact apart from letter case.
func Lookup(id string) (*Doc, bool) {
	d, ok := index.byName[strings.ToLower(id)]
	if !ok {
		return nil, false
	}
	return d.clone(), true
}

func cloneAll(docs []*Doc) []*Doc {
	out := make([]*Doc, len(docs))
	for i, d := range docs {
		out[i] = d.clone()
	}
	return out
}

// Nearest returns up to n document ids that are close to id, best first,
// for "unknown id, did you mean ..." messages. Names (ids and aliases) that
// start with id, or that id starts with, come first; then names that
// contain id or are contained in it; then names within a small edit
// distance. Ties are broken by edit distance, then by id. A match on an
// alias yields the id of its document. The result never contains an id
// twice and is empty when nothing is close.
func Nearest(id string, n int) []string {
	q := strings.ToLower(strings.TrimSpace(id))
	if q == "" || n <= 0 {
		return nil
	}
	type cand struct {
		id         string
		tier, dist int
	}
	best := map[string]cand{}
	for name, d := range index.byName {
		// When one contains the other, the edit distance is the
		// difference in length; otherwise it is at least that, and only
		// a distance of 3 or less counts. So the quadratic edit distance
		// is computed only between strings of about the same length,
		// whatever the length of id.
		dist := len(q) - len(name)
		if dist < 0 {
			dist = -dist
		}
		var tier int
		switch {
		case strings.HasPrefix(name, q) || strings.HasPrefix(q, name):
			tier = 0
		case strings.Contains(name, q) || strings.Contains(q, name):
			tier = 1
		case dist <= 3:
			if dist = levenshtein(q, name); 2*dist > max(len(q), len(name)) || dist > 3 {
				continue
			}
			tier = 2
		default:
			continue
		}
		c := cand{d.ID, tier, dist}
		if old, ok := best[d.ID]; !ok || c.tier < old.tier || c.tier == old.tier && c.dist < old.dist {
			best[d.ID] = c
		}
	}
	cands := make([]cand, 0, len(best))
	for _, c := range best {
		cands = append(cands, c)
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if a.tier != b.tier {
			return a.tier - b.tier
		}
		if a.dist != b.dist {
			return a.dist - b.dist
		}
		return strings.Compare(a.id, b.id)
	})
	out := make([]string, 0, min(n, len(cands)))
	for _, c := range cands[:min(n, len(cands))] {
		out = append(out, c.id)
	}
	return out
}

// levenshtein returns the edit distance between a and b, counted in bytes
// (ids are ASCII).
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// --- loading ---

// index is the parsed form of the embedded documents. It is built once,
// during package initialisation, and never modified afterwards.
var index = mustLoad(files)

type docIndex struct {
	concepts, rules []*Doc          // sorted by ID
	byName          map[string]*Doc // lower-cased ids and aliases
}

// mustLoad is load that panics on error: the documents are compiled into
// the binary, so a bad one is a programming error.
func mustLoad(fsys fs.FS) *docIndex {
	ix, err := load(fsys)
	if err != nil {
		panic(err)
	}
	return ix
}

// load parses concepts/*.md and rules/*.md in fsys. The error reports every
// bad file, each prefixed with its path.
func load(fsys fs.FS) (*docIndex, error) {
	ix := &docIndex{byName: map[string]*Doc{}}
	owner := map[string]string{} // lower-cased name -> file that claims it
	var errs []error
	for _, kind := range []Kind{Concept, Rule} {
		names, err := fs.Glob(fsys, kind.dir()+"/*.md")
		if err != nil {
			return nil, err
		}
		for _, name := range names { // fs.Glob returns sorted names
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				errs = append(errs, fmt.Errorf("knowledge: %s: %w", name, err))
				continue
			}
			d, err := parse(name, data)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if d.Kind != kind {
				errs = append(errs, fmt.Errorf("knowledge: %s: kind %q in directory %s/ (want %q)", name, d.Kind, kind.dir(), kind))
				continue
			}
			dup := false
			for _, n := range append([]string{d.ID}, d.Aliases...) {
				key := strings.ToLower(n)
				if prev, ok := owner[key]; ok {
					errs = append(errs, fmt.Errorf("knowledge: %s: name %q is already used by %s", name, n, prev))
					dup = true
					continue
				}
				owner[key] = name
			}
			if dup {
				continue
			}
			for _, n := range append([]string{d.ID}, d.Aliases...) {
				ix.byName[strings.ToLower(n)] = d
			}
			if kind == Concept {
				ix.concepts = append(ix.concepts, d)
			} else {
				ix.rules = append(ix.rules, d)
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	byID := func(a, b *Doc) int { return strings.Compare(a.ID, b.ID) }
	slices.SortFunc(ix.concepts, byID)
	slices.SortFunc(ix.rules, byID)
	return ix, nil
}

// frontMatter is the TOML between the "+++" lines.
type frontMatter struct {
	ID         string      `toml:"id"`
	Kind       string      `toml:"kind"`
	Title      string      `toml:"title"`
	Summary    string      `toml:"summary"`
	Concept    string      `toml:"concept"`
	Severity   string      `toml:"severity"`
	Default    bool        `toml:"default"`
	Fix        string      `toml:"fix"`
	Since      string      `toml:"since"`
	Aliases    []string    `toml:"aliases"`
	References []Reference `toml:"references"`
}

// splitFrontMatter returns the TOML front matter and the body of a
// document. Line endings are normalised to "\n".
func splitFrontMatter(data []byte) (front, body string, err error) {
	s := string(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")))
	s = strings.TrimPrefix(s, "\ufeff")
	rest, ok := strings.CutPrefix(s, "+++\n")
	if !ok {
		return "", "", errors.New(`missing front matter: the file must start with a "+++" line`)
	}
	if strings.HasPrefix(rest, "+++\n") || rest == "+++" {
		return "", rest[min(len(rest), 4):], nil
	}
	front, body, ok = strings.Cut(rest, "\n+++\n")
	if !ok {
		front, ok = strings.CutSuffix(rest, "\n+++")
		if !ok {
			return "", "", errors.New(`unterminated front matter: no closing "+++" line`)
		}
	}
	return front, body, nil
}

// parse parses one document. name is the file's path in the embedded
// file system; errors are prefixed with it, and the document's id must
// equal its base name without ".md".
func parse(name string, data []byte) (*Doc, error) {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("knowledge: %s: %s", name, fmt.Sprintf(format, args...))
	}
	front, body, err := splitFrontMatter(data)
	if err != nil {
		return nil, fail("%v", err)
	}
	var fm frontMatter
	if _, err := toml.Decode(front, &fm); err != nil {
		return nil, fail("front matter: %v", err)
	}
	d := &Doc{
		ID:         fm.ID,
		Title:      fm.Title,
		Summary:    fm.Summary,
		Concept:    fm.Concept,
		Severity:   fm.Severity,
		Default:    fm.Default,
		Fix:        fm.Fix,
		Since:      fm.Since,
		Aliases:    fm.Aliases,
		References: fm.References,
	}
	switch fm.Kind {
	case "concept":
		d.Kind = Concept
	case "rule":
		d.Kind = Rule
	default:
		return nil, fail("kind is %q, want \"concept\" or \"rule\"", fm.Kind)
	}
	want := strings.TrimSuffix(path.Base(name), ".md")
	if d.ID != want {
		return nil, fail("id is %q, want %q (the file name)", d.ID, want)
	}
	if d.Title == "" {
		return nil, fail("title is missing")
	}
	if d.Sections, err = parseSections(body); err != nil {
		return nil, fail("%v", err)
	}
	return d, nil
}

// parseSections splits a body into its "## " sections. Text before the
// first section, a repeated section title or an unterminated code fence
// is an error.
func parseSections(body string) ([]Section, error) {
	var (
		secs    []Section
		cur     *Section
		lines   []string
		inFence bool
		fenceAt int
	)
	flush := func() {
		if cur != nil {
			cur.Body = strings.TrimSpace(strings.Join(lines, "\n"))
			secs = append(secs, *cur)
		}
		lines = lines[:0]
	}
	for i, line := range strings.Split(body, "\n") {
		if isFence(line) {
			if !inFence {
				fenceAt = i
			}
			inFence = !inFence
		}
		if !inFence && strings.HasPrefix(line, "## ") {
			flush()
			title := strings.TrimSpace(line[3:])
			for _, s := range secs {
				if strings.EqualFold(s.Title, title) {
					return nil, fmt.Errorf("section %q appears twice", title)
				}
			}
			cur = &Section{Title: title}
			continue
		}
		if cur == nil && strings.TrimSpace(line) != "" {
			return nil, fmt.Errorf("body line %d: text before the first \"## \" section", i+1)
		}
		lines = append(lines, line)
	}
	if inFence {
		return nil, fmt.Errorf("body line %d: code fence is never closed", fenceAt+1)
	}
	flush()
	return secs, nil
}

// isFence reports whether line opens or closes a ``` code fence.
func isFence(line string) bool {
	return strings.HasPrefix(strings.TrimLeft(line, " "), "```")
}

type block struct{ lang, code string }

// fencedBlocks returns the fenced code blocks of a Markdown text. lang is
// the first word of the info string.
func fencedBlocks(md string) []block {
	var (
		out  []block
		cur  *block
		code []string
	)
	for _, line := range strings.Split(md, "\n") {
		if !isFence(line) {
			if cur != nil {
				code = append(code, line)
			}
			continue
		}
		if cur == nil {
			info := strings.Fields(strings.TrimLeft(strings.TrimLeft(line, " "), "`"))
			cur = &block{}
			if len(info) > 0 {
				cur.lang = info[0]
			}
			code = code[:0]
			continue
		}
		cur.code = strings.Join(code, "\n") + "\n"
		out = append(out, *cur)
		cur = nil
	}
	return out
}
