package server_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/tools/txtar"

	"github.com/pyhint/pyhint/server/servertest"
)

var update = flag.Bool("update", false, "rewrite the expected sections of testdata/hover/*.txt")

// markerRE matches a hover marker: #@hover("text", name) hovers the first
// occurrence of text on the marker's line; the expected hover is in the
// archive's "@name" section ("null" for none), its first line the range.
var markerRE = regexp.MustCompile(`#@hover\("([^"]*)",\s*(\w+)\)`)

// hoverOptions is the optional "options.json" section of a hover test.
type hoverOptions struct {
	InitializationOptions map[string]any `json:"initializationOptions"`
	ContentFormat         []string       `json:"contentFormat"`
	PositionEncodings     []string       `json:"positionEncodings"`
}

// TestHoverMarkers runs the marker tests of testdata/hover. Each archive
// holds one Python file (a.py), an optional options.json, and one expected
// section per marker. Refresh with: go test ./server -run TestHoverMarkers -update
func TestHoverMarkers(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "hover", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no hover tests: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			ar := txtar.Parse(data)
			var src string
			var o hoverOptions
			want := map[string]string{}
			for _, f := range ar.Files {
				switch {
				case f.Name == "a.py":
					src = string(f.Data)
				case f.Name == "options.json":
					if err := json.Unmarshal(f.Data, &o); err != nil {
						t.Fatalf("options.json: %v", err)
					}
				case strings.HasPrefix(f.Name, "@"):
					want[f.Name[1:]] = string(f.Data)
				}
			}
			params := servertest.DefaultInitializeParams("")
			caps := params["capabilities"].(map[string]any)
			if o.InitializationOptions != nil {
				params["initializationOptions"] = o.InitializationOptions
			}
			if o.ContentFormat != nil {
				caps["textDocument"].(map[string]any)["hover"] = map[string]any{"contentFormat": o.ContentFormat}
			}
			utf8Enc := false
			if o.PositionEncodings != nil {
				caps["general"] = map[string]any{"positionEncodings": o.PositionEncodings}
				utf8Enc = o.PositionEncodings[0] == "utf-8"
			}
			c, ctx := start(t, opts(t), params)
			const uri = "untitled:Untitled-1"
			c.Open(uri, 1, src)
			got := map[string]string{}
			var order []string
			for lineNo, line := range strings.Split(src, "\n") {
				for _, m := range markerRE.FindAllStringSubmatchIndex(line, -1) {
					text, name := line[m[2]:m[3]], line[m[4]:m[5]]
					col := strings.Index(line[:m[0]], text)
					if col < 0 {
						t.Fatalf("line %d: %q not found before the marker", lineNo+1, text)
					}
					// Columns are counted here independently of the server's
					// Document: bytes for UTF-8, UTF-16 units otherwise.
					char := col
					if !utf8Enc {
						char = len(utf16.Encode([]rune(line[:col])))
					}
					var h *struct {
						Contents struct{ Kind, Value string }
						Range    struct{ Start, End struct{ Line, Character int } }
					}
					err := c.Call(ctx, "textDocument/hover", map[string]any{
						"textDocument": map[string]any{"uri": uri},
						"position":     map[string]any{"line": lineNo, "character": char},
					}, &h)
					if err != nil {
						t.Fatalf("hover %s: %v", name, err)
					}
					out := "null\n"
					if h != nil {
						r := h.Range
						out = fmt.Sprintf("range %d:%d-%d:%d, %s\n%s", r.Start.Line, r.Start.Character, r.End.Line, r.End.Character, h.Contents.Kind, h.Contents.Value)
					}
					got[name] = out
					order = append(order, name)
				}
			}
			if len(order) == 0 {
				t.Fatal("no markers")
			}
			if *update {
				var files []txtar.File
				for _, f := range ar.Files {
					if !strings.HasPrefix(f.Name, "@") {
						files = append(files, f)
					}
				}
				for _, name := range order {
					files = append(files, txtar.File{Name: "@" + name, Data: []byte(got[name])})
				}
				ar.Files = files
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, name := range order {
				w, ok := want[name]
				if !ok {
					t.Errorf("marker %s: no @%s section (run with -update)", name, name)
					continue
				}
				if got[name] != w {
					t.Errorf("marker %s:\n--- got ---\n%s\n--- want ---\n%s", name, got[name], w)
				}
			}
		})
	}
}
