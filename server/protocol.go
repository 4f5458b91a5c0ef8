package server

// This file defines local LSP types: what go.lsp.dev/protocol v0.12.0 lacks
// of LSP 3.17 (position encodings, inlay hints, pull diagnostics), and the
// messages whose v0.12.0 types decode wrongly or fragilely:
//
//   - TextDocumentContentChangeEvent has a non-pointer Range there, so a
//     full-text change (no range) would decode as an insertion at 0:0;
//   - InitializeParams decodes the client's whole capability tree into
//     3.16-era types, and one field a newer client types differently would
//     fail the initialize; we read only the capabilities we use.

import (
	"encoding/json"

	"go.lsp.dev/protocol"

	"github.com/pyhint/pyhint/analyzers/document"
)

type initializeParams struct {
	ProcessID             *int64               `json:"processId"`
	ClientInfo            *protocol.ClientInfo `json:"clientInfo,omitempty"`
	RootURI               string               `json:"rootUri,omitempty"`
	RootPath              string               `json:"rootPath,omitempty"`
	InitializationOptions json.RawMessage      `json:"initializationOptions,omitempty"`
	Capabilities          clientCapabilities   `json:"capabilities"`
	WorkspaceFolders      []workspaceFolder    `json:"workspaceFolders,omitempty"`
}

type workspaceFolder struct {
	URI  string `json:"uri"`
	Name string `json:"name"`
}

// clientCapabilities holds the client capabilities pyhint reads.
type clientCapabilities struct {
	General struct {
		PositionEncodings []string `json:"positionEncodings"`
	} `json:"general"`
	TextDocument struct {
		Hover struct {
			ContentFormat []string `json:"contentFormat"`
		} `json:"hover"`
		// Diagnostic is present when the client can pull diagnostics.
		Diagnostic *struct {
			DynamicRegistration bool `json:"dynamicRegistration"`
		} `json:"diagnostic"`
		InlayHint *struct {
			DynamicRegistration bool `json:"dynamicRegistration"`
		} `json:"inlayHint"`
	} `json:"textDocument"`
	Workspace struct {
		Configuration          bool `json:"configuration"`
		DidChangeConfiguration struct {
			DynamicRegistration bool `json:"dynamicRegistration"`
		} `json:"didChangeConfiguration"`
		DidChangeWatchedFiles struct {
			DynamicRegistration bool `json:"dynamicRegistration"`
		} `json:"didChangeWatchedFiles"`
		WorkspaceEdit struct {
			DocumentChanges bool `json:"documentChanges"`
		} `json:"workspaceEdit"`
		Diagnostics struct {
			RefreshSupport bool `json:"refreshSupport"`
		} `json:"diagnostics"`
		InlayHint struct {
			RefreshSupport bool `json:"refreshSupport"`
		} `json:"inlayHint"`
	} `json:"workspace"`
}

// serverCapabilities adds LSP 3.17 capabilities to v0.12.0's.
type serverCapabilities struct {
	protocol.ServerCapabilities
	PositionEncoding   string             `json:"positionEncoding,omitempty"`
	InlayHintProvider  bool               `json:"inlayHintProvider,omitempty"`
	DiagnosticProvider *diagnosticOptions `json:"diagnosticProvider,omitempty"`
}

type diagnosticOptions struct {
	Identifier            string `json:"identifier,omitempty"`
	InterFileDependencies bool   `json:"interFileDependencies"`
	WorkspaceDiagnostics  bool   `json:"workspaceDiagnostics"`
}

type initializeResult struct {
	Capabilities serverCapabilities   `json:"capabilities"`
	ServerInfo   *protocol.ServerInfo `json:"serverInfo,omitempty"`
}

type didChangeParams struct {
	TextDocument struct {
		URI     string `json:"uri"`
		Version int32  `json:"version"`
	} `json:"textDocument"`
	ContentChanges []contentChange `json:"contentChanges"`
}

type contentChange struct {
	Range *protocol.Range `json:"range,omitempty"`
	Text  string          `json:"text"`
}

type textDocumentParams struct {
	TextDocument struct {
		URI string `json:"uri"`
	} `json:"textDocument"`
}

type inlayHintParams struct {
	TextDocument struct {
		URI string `json:"uri"`
	} `json:"textDocument"`
	Range protocol.Range `json:"range"`
}

type inlayHint struct {
	Position     protocol.Position       `json:"position"`
	Label        string                  `json:"label"`
	Kind         int                     `json:"kind,omitempty"`
	Tooltip      *protocol.MarkupContent `json:"tooltip,omitempty"`
	PaddingLeft  bool                    `json:"paddingLeft,omitempty"`
	PaddingRight bool                    `json:"paddingRight,omitempty"`
}

type documentDiagnosticParams struct {
	TextDocument struct {
		URI string `json:"uri"`
	} `json:"textDocument"`
	Identifier       string `json:"identifier,omitempty"`
	PreviousResultID string `json:"previousResultId,omitempty"`
}

// publishDiagnosticsParams carries the version as a pointer: v0.12.0's
// omits version 0, which is a valid document version.
type publishDiagnosticsParams struct {
	URI         string                `json:"uri"`
	Version     *int32                `json:"version,omitempty"`
	Diagnostics []protocol.Diagnostic `json:"diagnostics"`
}

// codeActionParams reads the client's diagnostics loosely: only their
// range and code matter, and a client may send fields of any shape.
type codeActionParams struct {
	TextDocument struct {
		URI string `json:"uri"`
	} `json:"textDocument"`
	Range   protocol.Range `json:"range"`
	Context struct {
		Diagnostics []struct {
			Range protocol.Range `json:"range"`
			Code  any            `json:"code"`
		} `json:"diagnostics"`
		Only []string `json:"only"`
	} `json:"context"`
}

// codeAction is protocol.CodeAction with Data, which v0.12.0 lacks.
type codeAction struct {
	Title       string                  `json:"title"`
	Kind        string                  `json:"kind,omitempty"`
	Diagnostics []protocol.Diagnostic   `json:"diagnostics,omitempty"`
	IsPreferred bool                    `json:"isPreferred,omitempty"`
	Edit        *protocol.WorkspaceEdit `json:"edit,omitempty"`
	Command     *protocol.Command       `json:"command,omitempty"`
}

// toDocPos converts an LSP position to the engine's (clamping values past
// the range of int, which no document reaches).
func toDocPos(p protocol.Position) document.Position {
	return document.Position{Line: int(p.Line), Character: int(p.Character)}
}

func fromDocPos(p document.Position) protocol.Position {
	return protocol.Position{Line: uint32(p.Line), Character: uint32(p.Character)}
}
