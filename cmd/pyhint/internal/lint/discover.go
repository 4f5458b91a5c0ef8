package lint

// This file defines discovery: which files a run lints and the
// configuration that governs each.

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	gitconfig "github.com/go-git/go-git/v5/plumbing/format/config"
	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/pyhint/pyhint/analyzers/config"
	"github.com/pyhint/pyhint/analyzers/fileio"
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
		d.rep.Errors = append(d.rep.Errors, readError(root, err))
		return nil
	}
	if !info.IsDir() && !info.Mode().IsRegular() {
		// Named explicitly, but a pipe or a device: never opened.
		d.rep.Errors = append(d.rep.Errors, readError(root, &fileio.NotRegularError{Mode: info.Mode()}))
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

// walk lints the directory at path (absolute abs) and everything below it,
// in order: each directory's entries sorted by name, a subdirectory's files
// where the subdirectory sorts. rel holds the directory's slash-separated
// components relative to the .gitignore base, and pats the .gitignore
// patterns that apply to it. Directories are walked from an explicit stack,
// so the depth of a tree costs no Go stack.
//
// Symbolic links are not followed. A link whose name is that of a Python
// file but that does not resolve (a loop, a missing target) is reported,
// since the user may expect it linted; so is a Python file that is a pipe,
// a socket or a device, which is never opened.
func (d *discoverer) walk(path, abs string, rel []string, pats []gitignore.Pattern) error {
	// dir is a directory being walked: its entries, the next to look at,
	// and what applies to them.
	type dir struct {
		path, abs string
		rel       []string
		pats      []gitignore.Pattern
		cfg       *config.Config
		m         gitignore.Matcher
		entries   []fs.DirEntry
		next      int
	}
	open := func(path, abs string, rel []string, pats []gitignore.Pattern) (*dir, error) {
		cfg, err := d.config(abs)
		if err != nil {
			return nil, err
		}
		entries, err := os.ReadDir(abs)
		if err != nil {
			d.rep.Errors = append(d.rep.Errors, readError(path, err))
			// os.ReadDir returns the entries it read before the error: go on.
		}
		// A .gitignore that is a link is not read (as git does); one that
		// is a pipe or a device is reported, unopened, by readGitignore.
		if i, ok := slices.BinarySearchFunc(entries, ".gitignore", func(e fs.DirEntry, name string) int { return strings.Compare(e.Name(), name) }); ok && !entries[i].IsDir() && entries[i].Type()&fs.ModeSymlink == 0 {
			ps, err := readGitignore(filepath.Join(abs, ".gitignore"), rel)
			if err != nil {
				d.rep.Errors = append(d.rep.Errors, err)
			}
			pats = append(slices.Clip(pats), ps...)
		}
		return &dir{path: path, abs: abs, rel: rel, pats: pats, cfg: cfg, m: gitignore.NewMatcher(pats), entries: entries}, nil
	}
	top, err := open(path, abs, rel, pats)
	if err != nil {
		return err
	}
	stack := []*dir{top}
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		if cur.next == len(cur.entries) {
			stack = stack[:len(stack)-1]
			continue
		}
		e := cur.entries[cur.next]
		cur.next++
		name := e.Name()
		typ := e.Type()
		childPath, childAbs := filepath.Join(cur.path, name), filepath.Join(cur.abs, name)
		childRel := append(slices.Clip(cur.rel), name)
		if cur.cfg.Excluded(childAbs) || cur.m.Match(childRel, e.IsDir()) {
			continue
		}
		python := strings.HasSuffix(name, ".py") || strings.HasSuffix(name, ".pyi")
		switch {
		case typ&fs.ModeSymlink != 0:
			// Never followed: a link cannot loop the walk or leave the tree.
			if python {
				if _, err := os.Stat(childAbs); err != nil {
					what := "broken symbolic link"
					if errors.Is(err, syscall.ELOOP) {
						what = "symbolic link loop"
					}
					d.rep.Errors = append(d.rep.Errors, fmt.Errorf("%s: %s (%w); not linted", childPath, what, unwrapPathError(err)))
				}
			}
		case e.IsDir():
			sub, err := open(childPath, childAbs, childRel, cur.pats)
			if err != nil {
				return err
			}
			stack = append(stack, sub)
		case !python:
		case typ.IsRegular():
			d.add(target{path: childPath, abs: childAbs, cfg: cur.cfg})
		default:
			d.rep.Errors = append(d.rep.Errors, readError(childPath, &fileio.NotRegularError{Mode: typ}))
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
	// Lowest precedence first: the user's excludes file, then
	// .git/info/exclude, then each .gitignore (a matcher's last match wins).
	pats := globalExcludes(root)
	ps, _ := readGitignore(filepath.Join(root, ".git", "info", "exclude"), nil)
	pats = append(pats, ps...)
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

// globalExcludes returns the patterns of git's excludes file for the work
// tree at root, as git finds it: core.excludesFile of the user's git
// configuration ($XDG_CONFIG_HOME/git/config, then ~/.gitconfig) or of the
// repository's (.git/config), the later one winning; without it,
// $XDG_CONFIG_HOME/git/ignore (~/.config/git/ignore). A missing or
// unreadable file has no patterns: it is the user's, not the project's.
func globalExcludes(root string) []gitignore.Pattern {
	home := os.Getenv("HOME")
	xdg := os.Getenv("XDG_CONFIG_HOME")
	if xdg == "" && home != "" {
		xdg = filepath.Join(home, ".config")
	}
	var path string
	var configs []string
	if xdg != "" {
		path = filepath.Join(xdg, "git", "ignore")
		configs = append(configs, filepath.Join(xdg, "git", "config"))
	}
	if home != "" {
		configs = append(configs, filepath.Join(home, ".gitconfig"))
	}
	configs = append(configs, filepath.Join(root, ".git", "config"))
	for _, c := range configs {
		if p := excludesFileOption(c); p != "" {
			switch {
			case p == "~" || strings.HasPrefix(p, "~/"):
				p = filepath.Join(home, p[1:])
			case !filepath.IsAbs(p):
				p = filepath.Join(root, p)
			}
			path = p
		}
	}
	if path == "" {
		return nil
	}
	pats, _ := readGitignore(path, nil)
	return pats
}

// maxGitConfigBytes bounds the git configuration files read.
const maxGitConfigBytes = 1 << 20

// excludesFileOption returns core.excludesFile of the git configuration
// file at path, or "".
func excludesFileOption(path string) string {
	data, err := fileio.ReadRegular(path, maxGitConfigBytes)
	if err != nil {
		return ""
	}
	cfg := gitconfig.New()
	if gitconfig.NewDecoder(bytes.NewReader(data)).Decode(cfg) != nil || !cfg.HasSection("core") {
		return ""
	}
	return cfg.Section("core").Option("excludesFile")
}

// maxGitignoreBytes bounds the ignore files read (.gitignore,
// .git/info/exclude); a larger one is reported and not used.
const maxGitignoreBytes = 4 << 20

// readGitignore parses a .gitignore file whose directory has the components
// domain relative to the base. A missing file has no patterns.
func readGitignore(path string, domain []string) ([]gitignore.Pattern, error) {
	data, err := fileio.ReadRegular(path, maxGitignoreBytes)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, readError(path, err)
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
