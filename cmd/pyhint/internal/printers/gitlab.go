package printers

// This file defines the gitlab format: a GitLab Code Quality report, the
// JSON array GitLab shows in merge requests (artifacts:reports:codequality).
// The fingerprint identifies a finding across commits: it hashes the path,
// the rule, the message and the source line's text (not its number, so a
// finding that moves is not reported as new), and counts repeats.

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/pyhint/pyhint/cmd/pyhint/internal/lint"
)

// GitLab prints a Code Quality report.
type GitLab struct{}

type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path      string          `json:"path"`
	Positions gitlabPositions `json:"positions"`
}

type gitlabPositions struct {
	Begin gitlabPosition `json:"begin"`
	End   gitlabPosition `json:"end"`
}

type gitlabPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// gitlabSeverity maps a severity to Code Quality's scale (info, minor,
// major, critical, blocker).
func gitlabSeverity(sev string) string {
	switch sev {
	case "error":
		return "critical"
	case "warning":
		return "major"
	case "info":
		return "minor"
	}
	return "info"
}

// Print writes the report (an empty array when there is nothing to report).
func (GitLab) Print(w io.Writer, findings []lint.Finding) error {
	out := make([]gitlabIssue, 0, len(findings))
	seen := map[string]int{}
	for _, f := range findings {
		path := strings.TrimPrefix(filepath.ToSlash(f.Path), "./")
		base := strings.Join([]string{path, f.Rule, f.Message, strings.TrimSpace(f.SourceLine)}, "\x00")
		n := seen[base]
		seen[base]++
		sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d", base, n))
		out = append(out, gitlabIssue{
			Description: f.Message,
			CheckName:   f.Rule,
			Fingerprint: hex.EncodeToString(sum[:16]),
			Severity:    gitlabSeverity(f.Severity),
			Location: gitlabLocation{Path: path, Positions: gitlabPositions{
				Begin: gitlabPosition{f.Line, f.Column},
				End:   gitlabPosition{f.EndLine, f.EndColumn},
			}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write gitlab report: %w", err)
	}
	return nil
}
