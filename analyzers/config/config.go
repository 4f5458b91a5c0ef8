// Package config is pyhint's one configuration struct, filled from a
// pyproject.toml [tool.pyhint] table (CLI and server) or from editor
// settings (server), and the rule selection it implies.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/pyhint/pyhint/analyzers"
	"github.com/pyhint/pyhint/analyzers/fileio"
)

// Config is the effective configuration. The zero value means defaults:
// every rule that is on by default, default severities, beginner level.
type Config struct {
	// Select lists rules or concept ids to report; empty means every rule on
	// by default. "ALL" selects every rule.
	Select []string `toml:"select" json:"select"`
	// Ignore lists rules or concept ids never to report.
	Ignore []string `toml:"ignore" json:"ignore"`
	// PerFileIgnores maps a glob (matched against the slash path relative to
	// the config file's directory, or the base name) to rules or concepts.
	PerFileIgnores map[string][]string `toml:"per-file-ignores" json:"perFileIgnores"`
	// Severity overrides a rule's severity: error, warning, info or hint.
	Severity map[string]string `toml:"severity" json:"severity"`
	// Exclude replaces the default excluded directory names / globs;
	// ExtendExclude adds to them.
	Exclude       []string `toml:"exclude" json:"exclude"`
	ExtendExclude []string `toml:"extend-exclude" json:"extendExclude"`
	// ExplanationLevel is beginner, intermediate or expert.
	ExplanationLevel string `toml:"explanation-level" json:"explanationLevel"`

	// Dir is the directory of the file the config came from ("" if none).
	Dir string `toml:"-" json:"-"`
	// Source names where the config came from, for messages.
	Source string `toml:"-" json:"-"`
}

// Severities are the valid severity names.
var Severities = []string{"error", "warning", "info", "hint"}

// Levels are the valid explanation levels.
var Levels = []string{"beginner", "intermediate", "expert"}

// Error is a configuration error naming the file, the key and what was
// expected.
type Error struct {
	Source, Key, Problem string
}

func (e *Error) Error() string {
	if e.Key == "" {
		return fmt.Sprintf("%s: %s", e.Source, e.Problem)
	}
	return fmt.Sprintf("%s: [tool.pyhint] %s: %s", e.Source, e.Key, e.Problem)
}

// Parse reads the [tool.pyhint] table of a pyproject.toml's contents. A
// file without the table yields the zero Config. Unknown keys and bad values
// are *Error values.
func Parse(data []byte, source string) (*Config, error) {
	var doc struct {
		Tool struct {
			Pyhint toml.Primitive `toml:"pyhint"`
		} `toml:"tool"`
	}
	md, err := toml.Decode(string(data), &doc)
	if err != nil {
		return nil, &Error{Source: source, Problem: fmt.Sprintf("invalid TOML: %v", err)}
	}
	cfg := &Config{Source: source, Dir: filepath.Dir(source)}
	if !md.IsDefined("tool", "pyhint") {
		return cfg, nil
	}
	err = md.PrimitiveDecode(doc.Tool.Pyhint, cfg)
	undecoded := md.Undecoded() // before the decoding below marks every key
	// A value of the wrong type: say which key wants what, rather than the
	// decoder's Go types (or nothing: it reads a list as an empty table).
	var raw map[string]any
	if md.PrimitiveDecode(doc.Tool.Pyhint, &raw) == nil {
		if e := checkShapes(raw, source); e != nil {
			return nil, e
		}
	}
	if err != nil {
		return nil, &Error{Source: source, Problem: fmt.Sprintf("[tool.pyhint]: %v", err)}
	}
	for _, k := range undecoded {
		if len(k) >= 3 && k[0] == "tool" && k[1] == "pyhint" {
			return nil, &Error{Source: source, Key: strings.Join(k[2:], "."), Problem: "unknown key (known: select, ignore, per-file-ignores, severity, exclude, extend-exclude, explanation-level)"}
		}
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// shapes says what each key of [tool.pyhint] holds, with an example.
var shapes = map[string][2]string{
	"select":            {"list", `a list of rule or concept names, such as select = ["global", "bare-except"]`},
	"ignore":            {"list", `a list of rule or concept names, such as ignore = ["gc-collect-in-loop"]`},
	"exclude":           {"list", `a list of names or globs, such as exclude = ["build", "src/gen/*"]`},
	"extend-exclude":    {"list", `a list of names or globs, such as extend-exclude = ["migrations"]`},
	"per-file-ignores":  {"table of lists", `a table of glob = [rules], such as per-file-ignores = { "tests/*" = ["global"] }`},
	"severity":          {"table of strings", `a table of rule = severity, such as severity = { bare-except = "error" }`},
	"explanation-level": {"string", `one of "beginner", "intermediate", "expert"`},
}

// checkShapes returns an *Error for the first key of raw (the decoded
// [tool.pyhint] table) whose value has the wrong type.
func checkShapes(raw map[string]any, source string) *Error {
	strs := func(v any) bool {
		l, ok := v.([]any)
		for _, x := range l {
			if _, isStr := x.(string); !isStr {
				return false
			}
		}
		return ok
	}
	for _, key := range sortedKeys(shapes) {
		v, ok := raw[key]
		if !ok {
			continue
		}
		good := false
		switch shapes[key][0] {
		case "list":
			good = strs(v)
		case "string":
			_, good = v.(string)
		case "table of lists", "table of strings":
			t, isTable := v.(map[string]any)
			good = isTable
			for _, k := range sortedKeys(t) {
				x := t[k]
				entry := strs(x)
				if shapes[key][0] == "table of strings" {
					_, entry = x.(string)
				}
				if !entry {
					return &Error{Source: source, Key: key + "." + k, Problem: fmt.Sprintf("got %s, want %s", describeValue(x), shapes[key][1])}
				}
			}
		}
		if !good {
			return &Error{Source: source, Key: key, Problem: fmt.Sprintf("got %s, want %s", describeValue(v), shapes[key][1])}
		}
	}
	return nil
}

// describeValue names a decoded TOML value's type for a message; of a
// list, the first element that is not a string.
func describeValue(v any) string {
	if l, ok := v.([]any); ok {
		for _, e := range l {
			if _, ok := e.(string); !ok {
				return "a list holding " + describeScalar(e)
			}
		}
	}
	return describeScalar(v)
}

// describeScalar names a decoded TOML value's type, without looking into
// lists.
func describeScalar(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("the string %q", x)
	case int64, float64:
		return fmt.Sprintf("the number %v", x)
	case bool:
		return fmt.Sprintf("%v", x)
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return "a date or time"
}

// Validate checks rule names, severities and the level.
func (c *Config) Validate() error {
	src := c.Source
	if src == "" {
		src = "configuration"
	}
	check := func(key string, names []string) error {
		for _, n := range names {
			if !known(n) {
				return &Error{Source: src, Key: key, Problem: fmt.Sprintf("unknown rule or concept %q%s", n, suggest(n))}
			}
		}
		return nil
	}
	if err := check("select", c.Select); err != nil {
		return err
	}
	if err := check("ignore", c.Ignore); err != nil {
		return err
	}
	for _, glob := range sortedKeys(c.PerFileIgnores) {
		if _, err := filepath.Match(glob, ""); err != nil {
			return &Error{Source: src, Key: "per-file-ignores", Problem: fmt.Sprintf("bad glob %q: %v", glob, err)}
		}
		if err := check("per-file-ignores."+glob, c.PerFileIgnores[glob]); err != nil {
			return err
		}
	}
	for _, rule := range sortedKeys(c.Severity) {
		if _, ok := analyzers.Rule(rule); !ok {
			return &Error{Source: src, Key: "severity." + rule, Problem: fmt.Sprintf("unknown rule %q%s", rule, suggest(rule))}
		}
		if !slices.Contains(Severities, c.Severity[rule]) {
			return &Error{Source: src, Key: "severity." + rule, Problem: fmt.Sprintf("got %q, want one of error, warning, info, hint", c.Severity[rule])}
		}
	}
	for _, key := range []string{"exclude", "extend-exclude"} {
		list := c.Exclude
		if key == "extend-exclude" {
			list = c.ExtendExclude
		}
		for _, p := range list {
			if _, err := filepath.Match(p, ""); err != nil || strings.TrimSpace(p) == "" {
				return &Error{Source: src, Key: key, Problem: fmt.Sprintf("bad pattern %q: want a file or directory name or a glob such as \"build\" or \"src/gen/*\"", p)}
			}
		}
	}
	if c.ExplanationLevel != "" && !slices.Contains(Levels, c.ExplanationLevel) {
		return &Error{Source: src, Key: "explanation-level", Problem: fmt.Sprintf("got %q, want beginner, intermediate or expert", c.ExplanationLevel)}
	}
	return nil
}

func known(name string) bool {
	if name == "ALL" {
		return true
	}
	for _, r := range analyzers.Rules() {
		if r.Name == name || r.Concept == name {
			return true
		}
	}
	return false
}

func suggest(name string) string {
	best, bestD := "", 4
	for _, r := range analyzers.Rules() {
		for _, cand := range []string{r.Name, r.Concept} {
			if d := distance(name, cand); cand != "" && d < bestD {
				best, bestD = cand, d
			}
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func matches(name string, list []string) bool {
	for _, n := range list {
		if n == "ALL" || n == name {
			return true
		}
		if r, ok := lookupRule(name); ok && r.Concept == n {
			return true
		}
	}
	return false
}

// Enabled reports whether rule is reported for a file at path (path may be
// "" when there is no file, e.g. an untitled editor buffer).
func (c *Config) Enabled(rule, path string) bool {
	if c == nil {
		c = &Config{}
	}
	if rule == "unused-suppression" && !matches(rule, c.Ignore) {
		return true // about pyhint's own comments: on unless ignored by name
	}
	if matches(rule, c.Ignore) {
		return false
	}
	if path != "" {
		for glob, rules := range c.PerFileIgnores {
			if c.globMatches(glob, path) && matches(rule, rules) {
				return false
			}
		}
	}
	if len(c.Select) > 0 {
		return matches(rule, c.Select)
	}
	r, ok := lookupRule(rule)
	return ok && r.Default
}

func (c *Config) globMatches(glob, path string) bool {
	rel := path
	if c.Dir != "" {
		if r, err := filepath.Rel(c.Dir, path); err == nil {
			rel = r
		}
	}
	rel = filepath.ToSlash(rel)
	if ok, _ := filepath.Match(glob, rel); ok {
		return true
	}
	if ok, _ := filepath.Match(glob, filepath.Base(path)); ok {
		return true
	}
	// "dir/*" also covers deeper files, as users expect of a directory glob.
	if strings.HasSuffix(glob, "/*") && strings.HasPrefix(rel, strings.TrimSuffix(glob, "*")) {
		return true
	}
	return false
}

// SeverityOf returns the effective severity of rule.
func (c *Config) SeverityOf(rule string) string {
	if c != nil {
		if s, ok := c.Severity[rule]; ok {
			return s
		}
	}
	if r, ok := lookupRule(rule); ok {
		return r.Severity
	}
	return "warning"
}

// FileName is the configuration file pyhint reads.
const FileName = "pyproject.toml"

// MaxFileBytes bounds a pyproject.toml that pyhint reads. Config files are
// only read if they are regular files (fileio): a named pipe in a
// pyproject.toml's place is an error, not a hang.
const MaxFileBytes = 4 << 20

// Find walks up from dir to the nearest pyproject.toml that has a
// [tool.pyhint] table, returning "" when there is none.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("find config from %s: %w", dir, err)
	}
	for {
		p := filepath.Join(abs, FileName)
		data, err := fileio.ReadRegular(p, MaxFileBytes)
		switch {
		case err == nil:
			if hasTable(data) {
				return p, nil
			}
		case !errors.Is(err, os.ErrNotExist):
			return "", fmt.Errorf("read %s: %w", p, err)
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return "", nil
		}
		abs = parent
	}
}

// Load reads and parses a config file.
func Load(path string) (*Config, error) {
	data, err := fileio.ReadRegular(path, MaxFileBytes)
	if err != nil {
		return nil, fmt.Errorf("read config %s: %w", path, err)
	}
	return Parse(data, path)
}
