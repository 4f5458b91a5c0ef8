package lint

// This file defines discovery: which files a run lints and the
// configuration that governs each.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/pyhint/pyhint/analyzers/config"
)

// target is one file to lint.
type target struct {
	path  string         // as reported
	abs   string         // absolute, for per-file-ignores
	stdin bool           // read from Options.Stdin
	cfg   *config.Config // effective: the file's configuration adjusted by the command line
}

type discoverer struct {
	opts     *Options
	rep      *Report
	resolver *config.Resolver
	adjusted map[*config.Config]*config.Config
	seen     map[string]bool
	out      []target
}

// discover expands paths into targets, in a stable order. Files named
// explicitly are always included unless ForceExclude is set and an exclude
// matches them; directories contribute *.py and *.pyi files that no
// exclude and no .gitignore (of the directory, its subdirectories, or its
// ancestors within the git work tree) excludes — a directory named
// explicitly is linted even when it is itself ignored. Symbolic links met while
// walking a directory are not followed, so a link loop cannot trap the
// walk. Unreadable paths are recorded in rep.Errors; the error returned is
// a configuration error, which stops the run.
func discover(paths []string, opts Options, rep *Report) ([]target, error) {
	d := &discoverer{opts: &opts, rep: rep, resolver: config.NewResolver(), adjusted: map[*config.Config]*config.Config{}, seen: map[string]bool{}}
	for _, root := range paths {
		if err := d.root(root); err != nil {
			return nil, err
		}
	}
	return d.out, nil
}

func (d *discoverer) root(root string) error {
	if root == StdinPath {
		name := d.opts.StdinFilename
		dir := "."
		if name != "" {
			dir = filepath.Dir(name)
		}
		cfg, err := d.config(dir)
		if err != nil {
			return err
		}
		if d.opts.ForceExclude && name != "" && cfg.ExcludedPath(name) {
			return nil
		}
		path := name
		if path == "" {
			path = StdinPath
		}
		d.add(target{path: path, abs: absOr(name), stdin: true, cfg: cfg})
		return nil
	}
	info, err := os.Stat(root)
	if err != nil {
		d.rep.Errors = append(d.rep.Errors, fmt.Errorf("%s: %w", root, unwrapPathError(err)))
		return nil
	}
	if !info.IsDir() {
		cfg, err := d.config(filepath.Dir(root))
		if err != nil {
			return err
		}
		if d.opts.ForceExclude && cfg.ExcludedPath(root) {
			return nil
		}
		d.add(target{path: root, abs: absOr(root), cfg: cfg})
		return nil
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		d.rep.Errors = append(d.rep.Errors, fmt.Errorf("%s: %w", root, err))
		return nil
	}
	rel, pats := gitContext(abs)
	return d.walk(root, abs, rel, pats)
}

func (d *discoverer) add(t target) {
	if t.stdin || !d.seen[t.abs] {
		d.seen[t.abs] = true
		d.out = append(d.out, t)
	}
}

// config returns the effective configuration for files in dir.
func (d *discoverer) config(dir string) (*config.Config, error) {
	cfg := d.opts.Config
	if cfg == nil {
		var err error
		if cfg, err = d.resolver.ForDir(dir); err != nil {
			return nil, err
		}
	}
	if d.opts.Adjust == nil {
		return cfg, nil
	}
	adj, ok := d.adjusted[cfg]
	if !ok {
		adj = d.opts.Adjust(cfg)
		if err := adj.Validate(); err != nil {
			return nil, err
		}
		d.adjusted[cfg] = adj
	}
	return adj, nil
}

// walk lints the directory dir (reported as path, absolute abs) whose
// slash-separated components relative to the .gitignore base are rel, and
// to which the .gitignore patterns pats apply.
func (d *discoverer) walk(path, abs string, rel []string, pats []gitignore.Pattern) error {
	cfg, err := d.config(abs)
	if err != nil {
		return err
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		d.rep.Errors = append(d.rep.Errors, fmt.Errorf("%s: %w", path, unwrapPathError(err)))
		// os.ReadDir returns the entries it read before the error: go on.
	}
	if i, ok := slices.BinarySearchFunc(entries, ".gitignore", func(e fs.DirEntry, name string) int { return strings.Compare(e.Name(), name) }); ok && entries[i].Type().IsRegular() {
		ps, err := readGitignore(filepath.Join(abs, ".gitignore"), rel)
		if err != nil {
			d.rep.Errors = append(d.rep.Errors, err)
		}
		pats = append(slices.Clip(pats), ps...)
	}
	m := gitignore.NewMatcher(pats)
	for _, e := range entries {
		name := e.Name()
		typ := e.Type()
		if typ&fs.ModeSymlink != 0 {
			continue // never followed: a link cannot loop the walk or leave the tree
		}
		childPath, childAbs := filepath.Join(path, name), filepath.Join(abs, name)
		childRel := append(slices.Clip(rel), name)
		if cfg.Excluded(childAbs) || m.Match(childRel, e.IsDir()) {
			continue
		}
		if e.IsDir() {
			if err := d.walk(childPath, childAbs, childRel, pats); err != nil {
				return err
			}
			continue
		}
		if typ.IsRegular() && (strings.HasSuffix(name, ".py") || strings.HasSuffix(name, ".pyi")) {
			d.add(target{path: childPath, abs: childAbs, cfg: cfg})
		}
	}
	return nil
}

// gitContext returns, for a directory about to be walked, its path
// components relative to the .gitignore base and the patterns that already
// apply to it. Inside a git work tree the base is the work tree's root and
// the patterns are those of .git/info/exclude and of the .gitignore files of
// the directories between the root and dir; elsewhere the base is dir
// itself and nothing applies yet.
func gitContext(dir string) ([]string, []gitignore.Pattern) {
	root := ""
	for p := dir; ; {
		if _, err := os.Lstat(filepath.Join(p, ".git")); err == nil {
			root = p
			break
		}
		parent := filepath.Dir(p)
		if parent == p {
			return nil, nil
		}
		p = parent
	}
	r, err := filepath.Rel(root, dir)
	if err != nil {
		return nil, nil
	}
	var rel []string
	if r != "." {
		rel = strings.Split(filepath.ToSlash(r), "/")
	}
	pats, _ := readGitignore(filepath.Join(root, ".git", "info", "exclude"), nil)
	// The .gitignore of root and of each directory between root and dir;
	// walk reads dir's own.
	for i := range rel {
		sub := rel[:i]
		ps, _ := readGitignore(filepath.Join(root, filepath.Join(sub...), ".gitignore"), sub)
		pats = append(pats, ps...)
	}
	// A directory named on the command line is linted even if it is
	// ignored: drop the patterns that exclude it or one of its ancestors
	// (which would exclude everything below it).
	kept := pats[:0]
	for _, p := range pats {
		excludesRoot := false
		for i := 1; i <= len(rel) && !excludesRoot; i++ {
			excludesRoot = p.Match(rel[:i], true) == gitignore.Exclude
		}
		if !excludesRoot {
			kept = append(kept, p)
		}
	}
	return rel, kept
}

// readGitignore parses a .gitignore file whose directory has the components
// domain relative to the base. A missing file has no patterns.
func readGitignore(path string, domain []string) ([]gitignore.Pattern, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	var out []gitignore.Pattern
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if !strings.HasSuffix(line, `\ `) {
			line = strings.TrimRight(line, " \t")
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, gitignore.ParsePattern(line, slices.Clone(domain)))
	}
	return out, nil
}

func absOr(path string) string {
	if path == "" {
		return ""
	}
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}
