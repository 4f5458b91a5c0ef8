//go:build !linux

package server

// This file defines watchExit where no exit notification is used: the
// client's process is polled.

import (
	"fmt"
	"time"
)

// watchExit returns a channel closed when process pid exits, a function
// that ends the watch (and waits for it), and how the process is watched.
func watchExit(pid int, poll time.Duration) (exited <-chan struct{}, stop func(), how string) {
	exited, stop = pollExit(pid, poll)
	return exited, stop, fmt.Sprintf("polling every %v", poll)
}
