//go:build !unix

package server

// This file defines processAlive where it cannot be checked cheaply.

// processAlive reports true: without a portable check, the server relies on
// its input closing when the client goes away.
func processAlive(pid int) bool { return true }
