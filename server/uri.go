package server

// This file converts document URIs to file paths. Documents are keyed by
// their URI string; a path is needed only to find the file's pyproject.toml
// and to match per-file ignores. go.lsp.dev/uri's Filename panics on
// non-file URIs such as untitled:, so this is done here.

import (
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
)

// uriPath returns the file path of a file: URI, or false for other schemes
// (untitled:, vscode-notebook-cell:, ...) and malformed URIs.
func uriPath(uri string) (string, bool) {
	if !strings.HasPrefix(uri, "file:") {
		return "", false
	}
	u, err := url.Parse(uri)
	if err != nil || u.Path == "" {
		return "", false
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		// file:///c:/x → c:/x
		p = strings.TrimPrefix(p, "/")
	}
	return filepath.FromSlash(p), true
}
