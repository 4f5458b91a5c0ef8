// Package fileio reads the files pyhint analyses and is configured by:
// regular files only, opened so that nothing can block, and never more
// than a size limit into memory. A named pipe, a socket or a device is an
// error found before anything is opened, so none can hang a run.
package fileio

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// NotRegularError reports a path that is not a regular file: a named pipe,
// a socket or a device, which pyhint never reads (a pipe would block the
// run until something writes to it, a device may never end).
type NotRegularError struct{ Mode fs.FileMode }

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s, not a regular file; not read (pyhint reads only regular files)", Kind(e.Mode))
}

// TooLargeError reports a file over the size limit, which is not read.
type TooLargeError struct{ Size, Limit int64 }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%d MB, larger than the %d MB limit; skipped", (e.Size+1<<20-1)>>20, e.Limit>>20)
}

// Kind names what a non-regular file is ("a named pipe (FIFO)").
func Kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "an irregular file"
}

// ReadRegular reads the regular file at path (following symbolic links),
// at most limit bytes of it. Anything else is an error that names it,
// found before the file is opened; and the file is opened without
// blocking and checked again once open, so that a pipe put in its place
// meanwhile cannot hang the run. A file over limit bytes is a
// *TooLargeError, and is not read.
func ReadRegular(path string, limit int64) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &NotRegularError{info.Mode()}
	}
	if info.Size() > limit {
		return nil, &TooLargeError{info.Size(), limit}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &NotRegularError{info.Mode()}
	}
	if info.Size() > limit {
		return nil, &TooLargeError{info.Size(), limit}
	}
	// Sized from the file, plus one byte to see the end without a second
	// allocation; a file that grows past limit meanwhile is too large.
	buf := make([]byte, 0, info.Size()+1)
	for {
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, &TooLargeError{int64(len(buf)), limit}
		}
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
}
