package config_test

// This file defines FuzzParse: pyproject.toml loading over arbitrary bytes.
//
//	go test -run '^$' -fuzz '^FuzzParse$' -fuzztime 10m -parallel 1 ./analyzers/config

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/pyhint/pyhint/analyzers"
	"github.com/pyhint/pyhint/analyzers/config"
)

// FuzzParse parses arbitrary bytes as a whole pyproject.toml and as the
// body of its [tool.pyhint] table, and checks that Parse returns either a
// configuration or an *Error naming the file, never both; that a file without the table gives the zero
// Config; and that a configuration it accepts is valid (Validate passes,
// every severity and level is a known one), answers Enabled, SeverityOf and
// the exclude predicates consistently (an ignored rule is never enabled, a
// severity override is what SeverityOf returns), and round-trips: written
// back as TOML and parsed again, or as the JSON of editor settings and
// validated, it is the same configuration.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		// From config_test.go and files_test.go.
		"[project]\nname = \"x\"\n\n[tool.pyhint]\nselect = [\"global\", \"bare-except\"]\nignore = [\"global-unused\"]\nexplanation-level = \"expert\"\n\n[tool.pyhint.severity]\nbare-except = \"error\"\n\n[tool.pyhint.per-file-ignores]\n\"tests/*\" = [\"global\"]\n",
		"[project]\nname='x'\n",
		"[tool.pyhint]\nselectt = [\"global\"]\n",
		"[tool.pyhint]\nselect = [\"globl\"]\n",
		"[tool.pyhint.severity]\nbare-except = \"fatal\"\n",
		"[tool.pyhint]\nexplanation-level = \"guru\"\n",
		"[tool.pyhint]\nselect = \"global\"\n",
		"[tool.pyhint\n",
		"[tool.pyhint.per-file-ignores]\n\"[\" = [\"global\"]\n",
		"[tool.pyhint]\nignore = [\"global\"]\n",
		"[tool.pyhint]\nnope = 1\n",
		// More shapes.
		"[tool.pyhint]\nselect = [\"ALL\"]\nexclude = []\nextend-exclude = [\"build/\", \"src/gen/*\", \"*_pb2.py\"]\n",
		"tool.pyhint.select = [\"threading\"]\ntool.pyhint.severity = { cpu-bound-thread = \"hint\" }\n",
		"[tool]\npyhint = { ignore = [\"gc\"], per-file-ignores = { \"a/**\" = [\"del-method\"] } }\n",
		"[tool.pyhint]\nexclude = [\"\"]\n",
		"[tool.pyhint]\n\"select\" = ['mutable-default-argument', \"copying\"]\n[tool.pyhint.severity]\n\"bare-except\" = 'info'\n",
		"[[tool.pyhint]]\n",
		"[tool.pyhint]\nselect = [1]\n",
		"\xef\xbb\xbf[tool.pyhint]\r\nselect = [\"global\"]\r\n",
	} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	source := filepath.Join(dir, "pyproject.toml")
	f.Fuzz(func(t *testing.T, data []byte) {
		checkParse(t, data, source, dir)
		body := append([]byte("[tool.pyhint]\n"), data...)
		checkParse(t, body, source, dir)
	})
}

func checkParse(t *testing.T, data []byte, source, dir string) {
	t.Helper()
	cfg, err := config.Parse(data, source)
	if (cfg == nil) == (err == nil) {
		t.Fatalf("Parse(%q) = %+v, %v: want exactly one of a config and an error", data, cfg, err)
	}
	if err != nil {
		var ce *config.Error
		if !errors.As(err, &ce) || ce.Source != source || !strings.Contains(err.Error(), source) || ce.Problem == "" {
			t.Fatalf("Parse(%q): error %q (%T) does not name the file %s", data, err, err, source)
		}
		return
	}
	if cfg.Source != source || cfg.Dir != dir {
		t.Fatalf("Parse(%q): Source %q Dir %q, want %q %q", data, cfg.Source, cfg.Dir, source, dir)
	}
	var probe struct {
		Tool map[string]toml.Primitive `toml:"tool"`
	}
	if md, err := toml.Decode(string(data), &probe); err == nil && !md.IsDefined("tool", "pyhint") {
		if !reflect.DeepEqual(*cfg, config.Config{Source: source, Dir: dir}) {
			t.Fatalf("Parse(%q): no [tool.pyhint] table but a config %+v", data, cfg)
		}
	}
	if err := cfg.Validate(); err != nil {
		t.Fatalf("Parse(%q) accepted a config that does not validate: %v", data, err)
	}
	for rule, sev := range cfg.Severity {
		if !slices.Contains(config.Severities, sev) {
			t.Fatalf("Parse(%q): severity %q of %s", data, sev, rule)
		}
	}
	if cfg.ExplanationLevel != "" && !slices.Contains(config.Levels, cfg.ExplanationLevel) {
		t.Fatalf("Parse(%q): level %q", data, cfg.ExplanationLevel)
	}
	checkPredicates(t, cfg, dir)

	// Back to TOML and parsed again.
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(map[string]any{"tool": map[string]any{"pyhint": cfg}}); err != nil {
		t.Fatalf("encoding %+v as TOML: %v", cfg, err)
	}
	again, err := config.Parse(buf.Bytes(), source)
	if err != nil {
		t.Fatalf("Parse(%q) accepted a config whose TOML %q it rejects: %v", data, buf.Bytes(), err)
	}
	if !sameConfig(cfg, again) {
		t.Fatalf("Parse(%q) = %+v; as TOML %q it parses to %+v", data, cfg, buf.Bytes(), again)
	}
	// As editor settings (JSON), validated as the server does.
	js, err := json.Marshal(cfg)
	if err != nil {
		t.Fatalf("encoding %+v as JSON: %v", cfg, err)
	}
	fromJSON := &config.Config{Source: source, Dir: dir}
	if err := json.Unmarshal(js, fromJSON); err != nil {
		t.Fatalf("decoding %s: %v", js, err)
	}
	if err := fromJSON.Validate(); err != nil || !sameConfig(cfg, fromJSON) {
		t.Fatalf("Parse(%q) = %+v; as JSON %s: %+v, %v", data, cfg, js, fromJSON, err)
	}
}

// checkPredicates asks the config about every rule, for files inside and
// outside its directory.
func checkPredicates(t *testing.T, cfg *config.Config, dir string) {
	t.Helper()
	paths := []string{"", filepath.Join(dir, "a.py"), filepath.Join(dir, "tests", "deep", "t.py"), filepath.Join(dir, "..", "x.py"), "rel/y.py"}
	for _, r := range analyzers.Rules() {
		for _, p := range paths {
			on := cfg.Enabled(r.Name, p)
			if on && slices.Contains(cfg.Ignore, r.Name) {
				t.Fatalf("%+v: %s is ignored by name but enabled for %q", cfg, r.Name, p)
			}
		}
		sev := cfg.SeverityOf(r.Name)
		if want, ok := cfg.Severity[r.Name]; ok && sev != want {
			t.Fatalf("%+v: SeverityOf(%s) = %q, want the override %q", cfg, r.Name, sev, want)
		}
		if !slices.Contains(config.Severities, sev) {
			t.Fatalf("SeverityOf(%s) = %q", r.Name, sev)
		}
	}
	pats := cfg.ExcludePatterns()
	if cfg.Exclude == nil && !slices.Equal(pats[:len(config.DefaultExclude())], config.DefaultExclude()) {
		t.Fatalf("%+v: exclude unset but patterns %q", cfg, pats)
	}
	for _, p := range paths[1:] {
		if cfg.Excluded(p) && !cfg.ExcludedPath(p) {
			t.Fatalf("%+v: %s is Excluded but not ExcludedPath", cfg, p)
		}
	}
}

// sameConfig compares two configs, a nil list or map being the same as an
// empty one except for exclude (unset means the defaults, [] means none).
func sameConfig(a, b *config.Config) bool {
	norm := func(c *config.Config) config.Config {
		n := *c
		n.Source, n.Dir = "", ""
		n.Select, n.Ignore, n.ExtendExclude = nilIfEmpty(n.Select), nilIfEmpty(n.Ignore), nilIfEmpty(n.ExtendExclude)
		if len(n.Severity) == 0 {
			n.Severity = nil
		}
		var pfi map[string][]string
		for k, v := range n.PerFileIgnores {
			if pfi == nil {
				pfi = map[string][]string{}
			}
			pfi[k] = nilIfEmpty(v)
		}
		n.PerFileIgnores = pfi
		n.Exclude = nil
		return n
	}
	na, nb := norm(a), norm(b)
	return reflect.DeepEqual(na, nb) && slices.Equal(a.ExcludePatterns(), b.ExcludePatterns())
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}
