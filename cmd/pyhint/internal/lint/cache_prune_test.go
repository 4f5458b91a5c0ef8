package lint

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestCachePrune: a run removes the packs no run has used for maxPackAge
// and the temporary files of crashed writes, at most once per pruneEvery,
// and a pack a run reads counts as used.
func TestCachePrune(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	open := func() *Cache {
		c, err := OpenCache(dir, "test")
		if err != nil {
			t.Fatal(err)
		}
		c.now = func() time.Time { return now }
		return c
	}
	packs := filepath.Join(dir, "packs")
	file := func(name string, age time.Duration) string {
		p := filepath.Join(packs, name)
		if err := os.WriteFile(p, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
		return p
	}
	exists := func(p string) bool { _, err := os.Stat(p); return err == nil }

	// A source directory a run reads: its pack, 40 days old, is marked used.
	src := t.TempDir()
	c := open()
	c.put(filepath.Join(src, "a.py"), []byte("x = 1\n"), &analysisResult{})
	c.Flush()
	used := c.packPath(src)
	if err := os.Chtimes(used, now.Add(-40*24*time.Hour), now.Add(-40*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(packs, prunedMarker))

	old := file("0123.json", 31*24*time.Hour)
	young := file("4567.json", 29*24*time.Hour)
	crashed := file(".tmp-1", 2*time.Hour)
	writing := file(".tmp-2", time.Minute)
	c = open()
	if _, ok := c.get(filepath.Join(src, "a.py"), []byte("x = 1\n")); !ok {
		t.Fatal("the pack written above was not read")
	}
	c.Flush()
	for p, want := range map[string]bool{old: false, young: true, crashed: false, writing: true, used: true} {
		if exists(p) != want {
			t.Errorf("%s: exists %v after a prune, want %v", filepath.Base(p), !want, want)
		}
	}

	// Within a day of a prune, nothing is removed; after it, it is.
	old2 := file("89ab.json", 31*24*time.Hour)
	now = now.Add(23 * time.Hour)
	open().Flush()
	if !exists(old2) {
		t.Errorf("pruned again within %v", pruneEvery)
	}
	now = now.Add(2 * time.Hour)
	open().Flush()
	if exists(old2) {
		t.Errorf("not pruned %v after the last prune", pruneEvery)
	}
	if !exists(used) {
		t.Errorf("the pack a run read was pruned")
	}
}
