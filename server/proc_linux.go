//go:build linux

package server

// This file defines watchExit on Linux: a pidfd (Linux 5.3) becomes
// readable when its process exits, whether or not it is our child, so the
// server learns of the client's death at once, without polling.

import (
	"fmt"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// watchExit returns a channel closed when process pid exits, a function
// that ends the watch (and waits for it), and how the process is watched.
// Where pidfds are unavailable (old kernels, seccomp filters) it polls.
func watchExit(pid int, poll time.Duration) (exited <-chan struct{}, stop func(), how string) {
	pidfd, err := unix.PidfdOpen(pid, 0)
	if err != nil {
		exited, stop := pollExit(pid, poll)
		return exited, stop, fmt.Sprintf("polling every %v: pidfd_open: %v", poll, err)
	}
	// Closing the write end of this pipe wakes the poll below.
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC); err != nil {
		unix.Close(pidfd)
		exited, stop := pollExit(pid, poll)
		return exited, stop, fmt.Sprintf("polling every %v: pipe: %v", poll, err)
	}
	gone, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		defer unix.Close(pidfd)
		defer unix.Close(p[0])
		fds := []unix.PollFd{{Fd: int32(pidfd), Events: unix.POLLIN}, {Fd: int32(p[0]), Events: unix.POLLIN}}
		for {
			// The timeout is a safety net: the pidfd alone should wake us.
			_, err := unix.Poll(fds, int(max(poll.Milliseconds(), 1)))
			switch {
			case err == unix.EINTR:
				continue
			case fds[1].Revents != 0:
				return // stopped
			case fds[0].Revents != 0 || !processAlive(pid):
				close(gone)
				return
			case err != nil:
				// Not expected (poll's errors are EFAULT, EINVAL and
				// ENOMEM): keep checking at the poll interval.
				time.Sleep(poll)
			}
		}
	}()
	var once sync.Once
	return gone, func() {
		once.Do(func() { unix.Close(p[1]) })
		<-done
	}, "pidfd"
}
