package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	cfg, err := Parse([]byte(`
[project]
name = "x"

[tool.pyhint]
select = ["global", "bare-except"]
ignore = ["global-unused"]
explanation-level = "expert"

[tool.pyhint.severity]
bare-except = "error"

[tool.pyhint.per-file-ignores]
"tests/*" = ["global"]
`), "/repo/pyproject.toml")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		rule, path string
		want       bool
	}{
		{"global-statement", "/repo/a.py", true},
		{"global-unused", "/repo/a.py", false},               // ignored
		{"bare-except", "/repo/a.py", true},                  // selected by name
		{"del-method", "/repo/a.py", false},                  // not selected
		{"global-statement", "/repo/tests/deep/t.py", false}, // per-file
		{"bare-except", "/repo/tests/t.py", true},
		{"unused-suppression", "/repo/a.py", true}, // always on unless ignored
	}
	for _, c := range cases {
		if got := cfg.Enabled(c.rule, c.path); got != c.want {
			t.Errorf("Enabled(%s, %s) = %v, want %v", c.rule, c.path, got, c.want)
		}
	}
	if cfg.SeverityOf("bare-except") != "error" {
		t.Errorf("severity override lost")
	}
	if cfg.ExplanationLevel != "expert" {
		t.Errorf("level = %q", cfg.ExplanationLevel)
	}
}

func TestDefaults(t *testing.T) {
	var cfg *Config
	if !cfg.Enabled("bare-except", "") || cfg.SeverityOf("bare-except") != "warning" {
		t.Error("nil config should use the defaults")
	}
	empty, err := Parse([]byte("[project]\nname='x'\n"), "p.toml")
	if err != nil || len(empty.Select) != 0 {
		t.Errorf("file without [tool.pyhint]: %v %+v", err, empty)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct{ toml, want string }{
		{"[tool.pyhint]\nselectt = [\"global\"]\n", "selectt: unknown key"},
		{"[tool.pyhint]\nselect = [\"globl\"]\n", `select: unknown rule or concept "globl" (did you mean "global"?)`},
		{"[tool.pyhint.severity]\nbare-except = \"fatal\"\n", "severity.bare-except: got \"fatal\""},
		{"[tool.pyhint]\nexplanation-level = \"guru\"\n", "explanation-level: got \"guru\""},
		{"[tool.pyhint]\nselect = \"global\"\n", "[tool.pyhint]"},
		{"[tool.pyhint\n", "invalid TOML"},
		{"[tool.pyhint.per-file-ignores]\n\"[\" = [\"global\"]\n", "bad glob"},
	}
	for _, c := range cases {
		_, err := Parse([]byte(c.toml), "/x/pyproject.toml")
		var ce *Error
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "/x/pyproject.toml") {
			t.Errorf("Parse(%q) = %v, want an error containing %q and the file", c.toml, err, c.want)
		}
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b")
	os.MkdirAll(deep, 0o755)
	os.WriteFile(filepath.Join(root, "pyproject.toml"), []byte("[tool.pyhint]\nselect=[\"global\"]\n"), 0o644)
	os.WriteFile(filepath.Join(root, "a", "pyproject.toml"), []byte("[project]\nname='no pyhint table'\n"), 0o644)
	got, err := Find(deep)
	if err != nil || got != filepath.Join(root, "pyproject.toml") {
		t.Errorf("Find = %q, %v", got, err)
	}
	none, err := Find(t.TempDir())
	if err != nil || none != "" {
		t.Errorf("Find in a tree without config = %q, %v", none, err)
	}
}
