package server

// This file defines appendDiagnostics, the encoder of a publication's
// diagnostics: encoding/json's reflection over protocol.Diagnostic (and its
// interface-typed code and data) was a tenth of a keystroke's time on a
// 10,000-line file. It writes the fields pyhint sets and hands anything
// else to encoding/json (TestAppendDiagnostics compares the two).

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"go.lsp.dev/protocol"
)

// appendDiagnostics appends ds as a JSON array.
func appendDiagnostics(buf []byte, ds []protocol.Diagnostic) ([]byte, error) {
	buf = append(buf, '[')
	for i := range ds {
		if i > 0 {
			buf = append(buf, ',')
		}
		var err error
		if buf, err = appendDiagnostic(buf, &ds[i]); err != nil {
			return nil, err
		}
	}
	return append(buf, ']'), nil
}

func appendDiagnostic(buf []byte, d *protocol.Diagnostic) ([]byte, error) {
	code, codeOK := d.Code.(string)
	data, dataOK := d.Data.(diagnosticData)
	if !codeOK || (d.Data != nil && !dataOK) || len(d.Tags) > 0 || len(d.RelatedInformation) > 0 {
		b, err := json.Marshal(d)
		return append(buf, b...), err
	}
	buf = append(buf, `{"range":`...)
	buf = appendRange(buf, d.Range)
	if d.Severity != 0 {
		buf = append(buf, `,"severity":`...)
		buf = strconv.AppendInt(buf, int64(d.Severity), 10)
	}
	if code != "" {
		buf = append(buf, `,"code":`...)
		buf = appendString(buf, code)
	}
	if d.CodeDescription != nil {
		buf = append(buf, `,"codeDescription":{"href":`...)
		buf = appendString(buf, string(d.CodeDescription.Href))
		buf = append(buf, '}')
	}
	if d.Source != "" {
		buf = append(buf, `,"source":`...)
		buf = appendString(buf, d.Source)
	}
	buf = append(buf, `,"message":`...)
	buf = appendString(buf, d.Message)
	if dataOK {
		buf = append(buf, `,"data":{"rule":`...)
		buf = appendString(buf, data.Rule)
		if data.Concept != "" {
			buf = append(buf, `,"concept":`...)
			buf = appendString(buf, data.Concept)
		}
		if len(data.Fixes) > 0 {
			buf = append(buf, `,"fixes":[`...)
			for i, f := range data.Fixes {
				if i > 0 {
					buf = append(buf, ',')
				}
				buf = append(buf, `{"title":`...)
				buf = appendString(buf, f.Title)
				buf = append(buf, `,"safe":`...)
				buf = strconv.AppendBool(buf, f.Safe)
				buf = append(buf, `,"edits":`...)
				if f.Edits == nil {
					buf = append(buf, "null"...)
				} else {
					buf = append(buf, '[')
					for k, e := range f.Edits {
						if k > 0 {
							buf = append(buf, ',')
						}
						buf = append(buf, `{"range":`...)
						buf = appendRange(buf, e.Range)
						buf = append(buf, `,"newText":`...)
						buf = appendString(buf, e.NewText)
						buf = append(buf, '}')
					}
					buf = append(buf, ']')
				}
				buf = append(buf, '}')
			}
			buf = append(buf, ']')
		}
		buf = append(buf, '}')
	}
	return append(buf, '}'), nil
}

func appendRange(buf []byte, r protocol.Range) []byte {
	buf = append(buf, `{"start":`...)
	buf = appendPosition(buf, r.Start)
	buf = append(buf, `,"end":`...)
	buf = appendPosition(buf, r.End)
	return append(buf, '}')
}

func appendPosition(buf []byte, p protocol.Position) []byte {
	buf = append(buf, `{"line":`...)
	buf = strconv.AppendUint(buf, uint64(p.Line), 10)
	buf = append(buf, `,"character":`...)
	buf = strconv.AppendUint(buf, uint64(p.Character), 10)
	return append(buf, '}')
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string: invalid UTF-8 becomes U+FFFD,
// control characters and U+2028/U+2029 are escaped, as encoding/json does
// (HTML characters are not: the client is not a browser).
func appendString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch c {
			case '"', '\\':
				buf = append(buf, '\\', c)
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			buf = append(buf, s[start:i]...)
			buf = append(buf, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}
