package config

// This file defines what the CLI needs beyond one config: the default
// excludes, exclude matching, and a Resolver that finds the configuration of
// every directory of a run once.

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"github.com/pyhint/pyhint/analyzers/fileio"
)

// DefaultExclude returns the names of the directories that are never
// descended into unless the exclude key replaces them: version control,
// virtual environments, caches and installed packages.
func DefaultExclude() []string {
	return []string{
		".bzr", ".direnv", ".eggs", ".git", ".hg", ".ipynb_checkpoints", ".mypy_cache", ".nox",
		".pytest_cache", ".ruff_cache", ".svn", ".tox", ".venv", "__pycache__", "__pypackages__",
		"node_modules", "site-packages", "venv",
	}
}

// ExcludePatterns returns the effective exclude patterns: exclude (or the
// defaults when it is unset) followed by extend-exclude.
func (c *Config) ExcludePatterns() []string {
	if c == nil {
		return DefaultExclude()
	}
	base := c.Exclude
	if base == nil {
		base = DefaultExclude()
	}
	return append(append([]string(nil), base...), c.ExtendExclude...)
}

// Excluded reports whether the file or directory at path is excluded by
// its own name or path. A pattern without a slash is a glob matched
// against the base name ("migrations", "*_pb2.py"); a pattern with a slash
// is a glob matched against the slash path relative to the directory of the
// config file ("src/generated", "tests/data/*"). A trailing slash is
// ignored, and "dir/*" or "dir/**" also covers everything deeper. Ancestors
// are not consulted: a directory walk never enters an excluded directory;
// ExcludedPath checks a named file together with its ancestors.
func (c *Config) Excluded(path string) bool {
	base := filepath.Base(path)
	rel := "" // computed on the first pattern with a slash
	for _, p := range c.ExcludePatterns() {
		if !strings.ContainsAny(p, `*?[\/`) { // the common case: a plain name
			if p == base {
				return true
			}
			continue
		}
		if rel == "" && strings.Contains(strings.TrimSuffix(p, "/"), "/") {
			rel = c.relSlash(path)
		}
		if matchExclude(p, base, rel) {
			return true
		}
	}
	return false
}

// ExcludedPath reports whether path or one of its parent directories is
// excluded. Parents are considered up to the config file's directory when
// path lies below it, and otherwise every element of path as given.
func (c *Config) ExcludedPath(path string) bool {
	stop := ""
	if c != nil && c.Dir != "" {
		if abs, err := filepath.Abs(path); err == nil && within(c.Dir, abs) {
			path, stop = abs, c.Dir
		}
	}
	for p := filepath.Clean(path); ; {
		if p == stop || p == "." || p == string(filepath.Separator) || p == filepath.VolumeName(p)+string(filepath.Separator) {
			return false
		}
		if c.Excluded(p) {
			return true
		}
		parent := filepath.Dir(p)
		if parent == p {
			return false
		}
		p = parent
	}
}

func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// relSlash is path relative to the config's directory, with slashes; path
// itself (cleaned, with slashes) when that is not possible.
func (c *Config) relSlash(path string) string {
	if c != nil && c.Dir != "" {
		if abs, err := filepath.Abs(path); err == nil && within(c.Dir, abs) {
			if rel, err := filepath.Rel(c.Dir, abs); err == nil {
				return filepath.ToSlash(rel)
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(path))
}

func matchExclude(pattern, base, rel string) bool {
	p := strings.TrimPrefix(strings.TrimSuffix(pattern, "/"), "./")
	if !strings.Contains(p, "/") {
		ok, _ := filepath.Match(p, base)
		return ok
	}
	if ok, _ := filepath.Match(p, rel); ok {
		return true
	}
	for _, deep := range []string{"/**", "/*"} {
		prefix, ok := strings.CutSuffix(p, deep)
		if !ok {
			continue
		}
		for i := range len(rel) { // rel lies below a directory that prefix matches
			if rel[i] == '/' {
				if ok, _ := filepath.Match(prefix, rel[:i]); ok {
					return true
				}
			}
		}
	}
	return false
}

// hasTable reports whether a pyproject.toml's contents mention the
// [tool.pyhint] table: the cheap test that decides where the walk up stops.
func hasTable(data []byte) bool { return strings.Contains(string(data), "tool.pyhint") }

// Resolver finds the configuration of directories: the nearest
// pyproject.toml with a [tool.pyhint] table at or above each, each file
// read and parsed once per Resolver. It is safe for concurrent use. A
// directory without any configuration above it gets the zero Config.
type Resolver struct {
	mu   sync.Mutex
	dirs map[string]resolved
}

type resolved struct {
	cfg *Config
	err error
}

// NewResolver returns an empty Resolver.
func NewResolver() *Resolver { return &Resolver{dirs: map[string]resolved{}} }

// ForDir returns the configuration that governs dir. Callers must not
// modify the result, which is shared by every directory it governs. A
// config file that cannot be read or is invalid is an error (an *Error for
// bad contents), returned for every directory below it.
func (r *Resolver) ForDir(dir string) (*Config, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("find config from %s: %w", dir, err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.forAbs(abs)
}

func (r *Resolver) forAbs(abs string) (*Config, error) {
	// Walk up to the first directory whose answer is known or found; the
	// directories passed on the way get the same answer.
	var passed []string
	var e resolved
	for {
		if known, ok := r.dirs[abs]; ok {
			e = known
			break
		}
		p := filepath.Join(abs, FileName)
		data, err := fileio.ReadRegular(p, MaxFileBytes)
		if err == nil && hasTable(data) {
			e.cfg, e.err = Parse(data, p)
		} else if err == nil || errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			if parent := filepath.Dir(abs); parent != abs {
				passed = append(passed, abs)
				abs = parent
				continue
			}
			e.cfg = &Config{}
		} else {
			e.err = fmt.Errorf("read %s: %w", p, err)
		}
		r.dirs[abs] = e
		break
	}
	for _, d := range passed {
		r.dirs[d] = e
	}
	return e.cfg, e.err
}
