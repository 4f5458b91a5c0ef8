package fileio

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestReadRegular checks the reader's limits directly: a file at the limit
// is read whole, one byte over is a *TooLargeError whatever its content,
// and a pipe is refused before it is opened.
func TestReadRegular(t *testing.T) {
	dir := t.TempDir()
	at := writeFile(t, dir, "at", strings.Repeat("x", 100))
	got, err := ReadRegular(at, 100)
	if err != nil || len(got) != 100 {
		t.Errorf("file at the limit: %d bytes, %v", len(got), err)
	}
	var large *TooLargeError
	if _, err := ReadRegular(at, 99); !errors.As(err, &large) || large.Size != 100 {
		t.Errorf("file over the limit: %v, want a *TooLargeError of 100 bytes", err)
	}
	empty := writeFile(t, dir, "empty", "")
	if got, err := ReadRegular(empty, 100); err != nil || len(got) != 0 {
		t.Errorf("empty file: %q, %v", got, err)
	}
	if _, err := ReadRegular(dir, 100); err == nil || !strings.Contains(err.Error(), "a directory") {
		t.Errorf("directory: %v", err)
	}
	if runtime.GOOS != "windows" {
		pipe := filepath.Join(dir, "pipe")
		if err := syscall.Mkfifo(pipe, 0o644); err != nil {
			t.Fatal(err)
		}
		var nr *NotRegularError
		if _, err := ReadRegular(pipe, 100); !errors.As(err, &nr) {
			t.Errorf("pipe: %v, want a *NotRegularError", err)
		}
	}
}
