// Read-only Markdown documents for explanations, shown in VS Code's
// Markdown preview: pyhint-explain:/<id>.md.

import * as vscode from "vscode";

export const explainScheme = "pyhint-explain";

export class ExplainProvider implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** Stores an explanation and returns the URI to preview it at. */
  set(id: string, markdown: string): vscode.Uri {
    const safe = id.replace(/[^A-Za-z0-9_.-]/g, "_") || "concept";
    const uri = vscode.Uri.from({ scheme: explainScheme, path: `/${safe}.md` });
    const before = this.docs.get(uri.toString());
    this.docs.set(uri.toString(), markdown);
    if (before !== undefined && before !== markdown) this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? "";
  }
}
