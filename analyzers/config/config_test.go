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

// TestParseWrongTypes: a value of the wrong type is reported with its key,
// what it got and what the key wants, with an example; never with the
// decoder's Go types.
func TestParseWrongTypes(t *testing.T) {
	for _, tc := range []struct{ toml, want string }{
		{"select = 3", `[tool.pyhint] select: got the number 3, want a list of rule or concept names, such as select = ["global", "bare-except"]`},
		{`select = "global"`, `[tool.pyhint] select: got the string "global", want a list of rule or concept names`},
		{`ignore = ["global", 2]`, `[tool.pyhint] ignore: got a list holding the number 2, want a list`},
		{`exclude = true`, `[tool.pyhint] exclude: got true, want a list of names or globs`},
		{`per-file-ignores = ["tests/*"]`, `[tool.pyhint] per-file-ignores: got a list, want a table of glob = [rules]`},
		{`per-file-ignores = { "tests/*" = "global" }`, `[tool.pyhint] per-file-ignores.tests/*: got the string "global", want a table of glob = [rules]`},
		{`severity = { bare-except = 1 }`, `[tool.pyhint] severity.bare-except: got the number 1, want a table of rule = severity`},
		{`explanation-level = ["expert"]`, `[tool.pyhint] explanation-level: got a list, want one of "beginner", "intermediate", "expert"`},
	} {
		_, err := Parse([]byte("[tool.pyhint]\n"+tc.toml+"\n"), "pyproject.toml")
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "destination") {
			t.Errorf("%s: got error %v, want one containing %q", tc.toml, err, tc.want)
		}
	}
}
