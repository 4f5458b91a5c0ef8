package lint

// This file defines the content-hash cache: a file's analysis is kept with
// the hash of its content, salted with the pyhint build and its rule set,
// so a re-run over an unchanged tree costs reading and hashing only.
//
// The cached value is the checker's output before the configuration is
// applied (which rules are enabled, severities, per-file ignores): that
// output depends on the content and the engine only, so editing
// pyproject.toml reuses every entry and still reports exactly what a cold
// run would. Suppression comments are resolved by the checker against
// every finding, enabled or not, which is what keeps the output independent
// of the configuration.
//
// Entries are stored one pack per source directory (packs/<hash of the
// directory>.json, mapping each file name to its content hash and
// analysis): creating a file costs far more than writing one (about 0.2 ms
// on ext4), so a pack per directory makes a cold run over the standard
// library create about 150 files instead of 1,800, and a warm run read as
// few. A pack also holds at most one entry per file, so the cache grows with
// the trees linted, not with their history; and a pack no run has used for
// maxPackAge (its directory deleted, moved or no longer linted) is removed
// by the next run that prunes (at most one a day), so it does not grow with
// every tree ever linted either.

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/pyhint/pyhint/analyzers"
	"github.com/pyhint/pyhint/analyzers/fileio"
)

// maxPackBytes bounds the pack files read: a larger one is not the
// cache's and is ignored.
const maxPackBytes = 256 << 20

// Pruning: a pack unused for maxPackAge is removed, as is a temporary
// file older than staleTmpAge (a write that crashed); a run prunes when the
// last prune is older than pruneEvery, and a run that reads a pack last
// marked as used longer ago than pruneEvery marks it again.
const (
	maxPackAge  = 30 * 24 * time.Hour
	pruneEvery  = 24 * time.Hour
	staleTmpAge = time.Hour
)

// prunedMarker is the file whose modification time is the last prune.
const prunedMarker = ".pruned"

// cacheFormat changes whenever the pack layout or its meaning changes.
const cacheFormat = "pyhint-cache-2"

// Cache is a directory of analyses. It is safe for concurrent use, also by
// several processes: packs are written to a temporary file and renamed into
// place (two runs writing the same pack at once lose entries, never
// correctness). A pack that cannot be read or decoded, an entry that does
// not match its content, and a pack of another build are ignored and
// rewritten.
type Cache struct {
	dir  string
	salt string // hex: the build and its rule set

	mu    sync.Mutex
	packs map[string]*pack // by absolute source directory
	err   error            // the first write error, reported once

	now func() time.Time // the clock, for pruning (tests set it)
}

// pack is the cache of one source directory.
type pack struct {
	once  sync.Once
	mu    sync.Mutex
	files map[string]*packEntry // by base name
	dirty bool
}

type packEntry struct {
	Key string `json:"key"`
	analysisResult
}

type packFile struct {
	Format string                `json:"format"`
	Salt   string                `json:"salt"`
	Dir    string                `json:"dir"`
	Files  map[string]*packEntry `json:"files"`
}

// OpenCache opens (creating it if needed) the cache in dir for the pyhint
// build identified by version.
func OpenCache(dir, version string) (*Cache, error) {
	if err := os.MkdirAll(filepath.Join(dir, "packs"), 0o755); err != nil {
		return nil, fmt.Errorf("open cache: %w", err)
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00", cacheFormat, version, buildIdentity())
	for _, a := range analyzers.All() {
		fmt.Fprintf(h, "analyzer %s\x00", a.Name)
		for _, r := range a.Rules {
			fmt.Fprintf(h, "rule %s %s\x00", r.Name, r.Concept)
		}
	}
	for _, r := range analyzers.FrameworkRules {
		fmt.Fprintf(h, "framework rule %s\x00", r)
	}
	return &Cache{dir: dir, salt: hex.EncodeToString(h.Sum(nil)), packs: map[string]*pack{}, now: time.Now}, nil
}

// buildIdentity names the running executable's build: its path, size and
// modification time. A rebuilt pyhint (a new version, or a development
// build whose version string did not change) thus never reads the entries
// of another build.
func buildIdentity() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown executable"
	}
	info, err := os.Stat(exe)
	if err != nil {
		return exe
	}
	return fmt.Sprintf("%s %d %d", exe, info.Size(), info.ModTime().UnixNano())
}

// Dir returns the cache's directory.
func (c *Cache) Dir() string { return c.dir }

// key returns the hash of a file's content.
func key(src []byte) string {
	sum := sha256.Sum256(src)
	return hex.EncodeToString(sum[:])
}

func (c *Cache) packPath(dir string) string {
	sum := sha256.Sum256([]byte(dir))
	return filepath.Join(c.dir, "packs", hex.EncodeToString(sum[:16])+".json")
}

// pack returns the (loaded) pack of the source directory dir.
func (c *Cache) pack(dir string) *pack {
	c.mu.Lock()
	p, ok := c.packs[dir]
	if !ok {
		p = &pack{}
		c.packs[dir] = p
	}
	c.mu.Unlock()
	p.once.Do(func() {
		p.files = map[string]*packEntry{}
		data, err := fileio.ReadRegular(c.packPath(dir), maxPackBytes)
		if err != nil {
			return // none yet, or unusable: rewritten at the end
		}
		var pf packFile
		if json.Unmarshal(data, &pf) != nil || pf.Format != cacheFormat || pf.Salt != c.salt || pf.Dir != dir {
			p.dirty = true // corrupt or another build's: rewritten at the end
			return
		}
		for name, e := range pf.Files {
			if e != nil {
				p.files[name] = e
			}
		}
		c.markUsed(c.packPath(dir))
	})
	return p
}

// markUsed sets a pack's modification time to now if it is older than
// pruneEvery, so that pruning keeps the packs runs read.
func (c *Cache) markUsed(path string) {
	info, err := os.Stat(path)
	if now := c.now(); err == nil && now.Sub(info.ModTime()) > pruneEvery {
		os.Chtimes(path, now, now) // a failure only lets the pack age
	}
}

// prune removes the packs unused for maxPackAge and the temporary files of
// crashed writes, unless the cache was pruned less than pruneEvery ago.
func (c *Cache) prune() {
	packs := filepath.Join(c.dir, "packs")
	marker := filepath.Join(packs, prunedMarker)
	now := c.now()
	if info, err := os.Stat(marker); err == nil && now.Sub(info.ModTime()) < pruneEvery {
		return
	}
	entries, err := os.ReadDir(packs)
	if err != nil {
		return
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		age := now.Sub(info.ModTime())
		name := e.Name()
		if strings.HasSuffix(name, ".json") && age > maxPackAge || strings.HasPrefix(name, ".tmp-") && age > staleTmpAge {
			os.Remove(filepath.Join(packs, name)) // another run may have removed it first
		}
	}
	if err := os.WriteFile(marker, nil, 0o644); err == nil {
		os.Chtimes(marker, now, now)
	}
}

// get returns the analysis of the file at abs if the cache holds one for
// src.
func (c *Cache) get(abs string, src []byte) (*analysisResult, bool) {
	p := c.pack(filepath.Dir(abs))
	k := key(src)
	p.mu.Lock()
	e := p.files[filepath.Base(abs)]
	p.mu.Unlock()
	if e == nil || e.Key != k || !e.valid(len(src)) {
		return nil, false
	}
	return &e.analysisResult, true
}

// valid reports whether an entry's ranges fit a content of size bytes: a
// damaged entry is ignored rather than trusted.
func (e *packEntry) valid(size int) bool {
	for _, f := range e.Findings {
		if !validRange(f.Start, f.End, size) || f.Rule == "" || f.Message == "" || f.Line < 1 || f.Column < 1 {
			return false
		}
		if f.Fix != nil {
			for _, ed := range f.Fix.Edits {
				if !validRange(ed.Start, ed.End, size) {
					return false
				}
			}
		}
	}
	return true
}

func validRange(start, end, size int) bool { return 0 <= start && start <= end && end <= size }

// put records the analysis of the file at abs holding src; Flush writes it.
func (c *Cache) put(abs string, src []byte, res *analysisResult) {
	p := c.pack(filepath.Dir(abs))
	p.mu.Lock()
	p.files[filepath.Base(abs)] = &packEntry{Key: key(src), analysisResult: *res}
	p.dirty = true
	p.mu.Unlock()
}

// Flush writes the packs that changed. A failure is remembered (see Err)
// and otherwise ignored: the cache only ever saves time.
func (c *Cache) Flush() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for dir, p := range c.packs {
		if !p.dirty {
			continue
		}
		data, err := json.Marshal(packFile{Format: cacheFormat, Salt: c.salt, Dir: dir, Files: p.files})
		if err == nil {
			err = writeFileAtomic(c.packPath(dir), data)
		}
		if err != nil && c.err == nil {
			c.err = err
		}
		p.dirty = false
	}
	c.prune()
}

// Err returns the first error met writing the cache, if any.
func (c *Cache) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return fmt.Errorf("write cache: %w", err)
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write cache: %w", err)
	}
	return nil
}

// DefaultCacheDir returns the cache directory when none is given: the
// PYHINT_CACHE_DIR environment variable if set, else pyhint/ in the
// platform's user cache directory (XDG_CACHE_HOME or ~/.cache on Linux,
// ~/Library/Caches on macOS, %LocalAppData% on Windows).
func DefaultCacheDir(getenv func(string) string) (string, error) {
	if d := strings.TrimSpace(getenv("PYHINT_CACHE_DIR")); d != "" {
		return d, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", errors.New("no user cache directory (set PYHINT_CACHE_DIR or pass --cache-dir, or --no-cache)")
	}
	return filepath.Join(base, "pyhint"), nil
}
