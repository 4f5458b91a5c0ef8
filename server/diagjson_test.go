package server

import (
	"encoding/json"
	"reflect"
	"testing"

	"go.lsp.dev/protocol"
)

// TestAppendDiagnostics checks the publication encoder against
// encoding/json: both must decode to the same value, for every field
// pyhint sets, strings that need escaping, and diagnostics it hands to
// encoding/json.
func TestAppendDiagnostics(t *testing.T) {
	strs := []string{"", "plain", `quote " and \ backslash`, "tab\tnew\nline\rcr", "\x00\x01\x1f\x7f", "bad \xff\xfe utf-8 \xe2\x82", "line sep \u2028 para \u2029", "<html> & co", "emoji 😀 CJK 漢字 e\u0301"}
	var ds []protocol.Diagnostic
	for i, s := range strs {
		r := protocol.Range{Start: protocol.Position{Line: uint32(i), Character: 4}, End: protocol.Position{Line: uint32(i + 1), Character: 0}}
		ds = append(ds,
			protocol.Diagnostic{Range: r, Severity: protocol.DiagnosticSeverityWarning, Code: "rule-" + s, Source: "pyhint", Message: s,
				CodeDescription: &protocol.CodeDescription{Href: "https://docs.python.org/3/#" + protocol.URI(s)},
				Data: diagnosticData{Rule: s, Concept: s, Fixes: []fixData{
					{Title: s, Safe: i%2 == 0, Edits: []protocol.TextEdit{{Range: r, NewText: s}, {Range: r}}},
					{Title: "no edits"},
				}}},
			protocol.Diagnostic{Range: r, Message: s, Data: diagnosticData{Rule: s}},
			protocol.Diagnostic{Range: r, Message: s, Code: int32(i)},
			protocol.Diagnostic{Range: r, Message: s, Code: s, Tags: []protocol.DiagnosticTag{protocol.DiagnosticTagUnnecessary}},
			protocol.Diagnostic{Range: r, Message: s, Code: s, Data: map[string]any{"other": s}},
		)
	}
	for _, set := range [][]protocol.Diagnostic{nil, {}, ds} {
		got, err := appendDiagnostics(nil, set)
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(got) {
			t.Fatalf("invalid JSON: %s", got)
		}
		want, err := json.Marshal(set)
		if err != nil {
			t.Fatal(err)
		}
		if set == nil {
			want = []byte("[]") // a publication always has a list
		}
		var g, w any
		if err := json.Unmarshal(got, &g); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(want, &w); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(g, w) {
			t.Fatalf("encodings differ\nappendDiagnostics: %s\nencoding/json:     %s", got, want)
		}
	}
}
