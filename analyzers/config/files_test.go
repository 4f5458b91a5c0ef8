package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExcluded(t *testing.T) {
	cfg := &Config{Dir: "/repo", ExtendExclude: []string{"generated", "src/legacy/*", "*_pb2.py", "docs/build/", "tools/**"}}
	cases := []struct {
		path string
		want bool
	}{
		{"/repo/.venv", true},         // a default
		{"/repo/src/venv", true},      // defaults match a name at any depth
		{"/repo/a/generated", true},   // a name from extend-exclude
		{"/repo/generated.py", false}, // names match whole names
		{"/repo/src/legacy/x.py", true},
		{"/repo/src/legacy/deep/x.py", true}, // "dir/*" covers deeper files
		{"/repo/other/src/legacy/x.py", false},
		{"/repo/msg_pb2.py", true},
		{"/repo/docs/build", true}, // trailing slash
		{"/repo/tools/a/b.py", true},
		{"/repo/src/app.py", false},
	}
	for _, c := range cases {
		if got := cfg.Excluded(filepath.FromSlash(c.path)); got != c.want {
			t.Errorf("Excluded(%s) = %v, want %v", c.path, got, c.want)
		}
	}
	replaced := &Config{Dir: "/repo", Exclude: []string{"src"}}
	if replaced.Excluded("/repo/.venv") || !replaced.Excluded("/repo/src") {
		t.Error("exclude must replace the defaults")
	}
	var none *Config
	if !none.Excluded("/x/node_modules") || none.Excluded("/x/app.py") {
		t.Error("a nil config uses the defaults")
	}
}

func TestExcludedPath(t *testing.T) {
	cfg := &Config{Dir: "/repo", ExtendExclude: []string{"generated"}}
	if !cfg.ExcludedPath("/repo/pkg/generated/deep/x.py") {
		t.Error("an excluded ancestor excludes the file")
	}
	if cfg.ExcludedPath("/repo/pkg/x.py") {
		t.Error("nothing excludes pkg/x.py")
	}
	// Ancestors above the config's directory do not count.
	inside := &Config{Dir: "/work/venv/project"}
	if inside.ExcludedPath("/work/venv/project/app.py") {
		t.Error("a project inside a directory named venv excluded itself")
	}
	// Relative paths without a config directory: every element counts.
	var none *Config
	if !none.ExcludedPath(filepath.FromSlash("venv/lib/x.py")) || none.ExcludedPath("x.py") {
		t.Error("relative path ancestors")
	}
}

func TestValidateExclude(t *testing.T) {
	for _, bad := range [][]string{{"["}, {""}, {"  "}} {
		err := (&Config{Source: "p.toml", ExtendExclude: bad}).Validate()
		var ce *Error
		if !errors.As(err, &ce) || ce.Key != "extend-exclude" {
			t.Errorf("extend-exclude %q: %v", bad, err)
		}
	}
	if err := (&Config{Exclude: []string{"build", "src/*"}}).Validate(); err != nil {
		t.Error(err)
	}
}

func TestResolver(t *testing.T) {
	root := t.TempDir()
	mk := func(rel, body string) string {
		p := filepath.Join(root, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
		return p
	}
	top := mk("pyproject.toml", "[tool.pyhint]\nignore = [\"global\"]\n")
	mk("a/pyproject.toml", "[project]\nname = \"no table\"\n")
	sub := mk("a/b/pyproject.toml", "[tool.pyhint]\nselect = [\"global\"]\n")
	os.MkdirAll(filepath.Join(root, "a", "b", "c"), 0o755)
	bad := mk("bad/pyproject.toml", "[tool.pyhint]\nnope = 1\n")
	os.MkdirAll(filepath.Join(root, "bad", "deeper"), 0o755)

	r := NewResolver()
	for dir, want := range map[string]string{
		".":     top,
		"a":     top, // a pyproject.toml without the table does not stop the walk
		"a/b":   sub,
		"a/b/c": sub,
	} {
		cfg, err := r.ForDir(filepath.Join(root, dir))
		if err != nil || cfg.Source != want {
			t.Errorf("ForDir(%s) = %v, %v; want %s", dir, cfg, err, want)
		}
	}
	c1, _ := r.ForDir(filepath.Join(root, "a", "b", "c"))
	c2, _ := r.ForDir(filepath.Join(root, "a", "b"))
	if c1 != c2 {
		t.Error("a config file must be parsed once and shared")
	}
	_, err := r.ForDir(filepath.Join(root, "bad", "deeper"))
	var ce *Error
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), bad) || ce.Key != "nope" {
		t.Errorf("bad config below: %v", err)
	}
	none, err := NewResolver().ForDir(t.TempDir())
	if err != nil || none == nil || none.Source != "" {
		t.Errorf("no config: %+v, %v", none, err)
	}
}
