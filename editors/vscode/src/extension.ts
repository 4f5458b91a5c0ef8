// The pyhint extension: starts `pyhint serve` for Python documents and maps
// VS Code's settings and commands onto the server. It holds no lint logic.

import * as fs from "fs";
import * as os from "os";
import * as vscode from "vscode";
import { execFile } from "child_process";
import {
  CodeActionKind,
  CodeActionRequest,
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
  TransportKind,
} from "vscode-languageclient/node";
import { findBinary, Found } from "./binary";
import { changeAction, configurationItem, toServerSettings, ServerSettings } from "./settings";
import { ExplainProvider, explainScheme } from "./explain";
import * as protocol from "./protocol";

let client: LanguageClient | undefined;
let binary: Found | undefined;
let output: vscode.OutputChannel;
let status: vscode.StatusBarItem;
let explainDocs: ExplainProvider;
/** Serialises start/stop/restart so overlapping restarts cannot race. */
let lifecycle: Promise<void> = Promise.resolve();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("pyhint");
  status = vscode.window.createStatusBarItem("pyhint.status", vscode.StatusBarAlignment.Right, 100);
  status.name = "pyhint";
  status.command = "pyhint.showOutput";
  setStatus("starting");
  status.show();
  explainDocs = new ExplainProvider();

  context.subscriptions.push(
    output,
    status,
    vscode.workspace.registerTextDocumentContentProvider(explainScheme, explainDocs),
    vscode.commands.registerCommand("pyhint.explainAtCursor", explainAtCursor),
    vscode.commands.registerCommand("pyhint.listConcepts", listConcepts),
    vscode.commands.registerCommand("pyhint.restart", () => serialise(() => restart(context))),
    vscode.commands.registerCommand("pyhint.showOutput", () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      const action = changeAction((s) => e.affectsConfiguration(s));
      if (action !== "none") output.appendLine(`pyhint: settings changed (${action === "restart" ? "restarting the server" : "sending them to the server"})`);
      switch (action) {
        case "restart":
          void serialise(() => restart(context));
          break;
        case "notify":
          void notifySettings();
          break;
      }
    }),
  );
  await serialise(() => start(context));
}

export async function deactivate(): Promise<void> {
  await serialise(stop);
}

function serialise(step: () => Promise<void>): Promise<void> {
  lifecycle = lifecycle.then(step, step);
  return lifecycle;
}

/**
 * The server's settings from the values the user set (in any scope); a
 * setting left at its default is not a value, so pyproject.toml decides.
 */
function settings(): ServerSettings {
  const cfg = vscode.workspace.getConfiguration("pyhint");
  return toServerSettings((key) => {
    const i = cfg.inspect(key);
    if (!i) return undefined;
    return i.workspaceFolderValue ?? i.workspaceValue ?? i.globalValue;
  });
}

function isExecutable(p: string): boolean {
  try {
    const st = fs.statSync(p);
    if (!st.isFile()) return false;
    if (process.platform === "win32") return true;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const found = findBinary({
    setting: vscode.workspace.getConfiguration("pyhint").get<string>("path") ?? "",
    extensionPath: context.extensionPath,
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    platform: process.platform,
    envPath: process.env.PATH ?? "",
    envPathExt: process.env.PATHEXT,
    home: os.homedir(),
    isExecutable,
  });
  if (!found.ok) {
    binary = undefined;
    setStatus("missing", found.message);
    output.appendLine(found.message);
    // The one notification: what is wrong and what to do, with the way to do it.
    void vscode.window.showErrorMessage(found.message, "Open Settings", "Show Output").then((choice) => {
      if (choice === "Open Settings") void vscode.commands.executeCommand("workbench.action.openSettings", "pyhint.path");
      if (choice === "Show Output") output.show(true);
    });
    return;
  }
  binary = found;
  output.appendLine(`pyhint: starting ${found.path} serve (found via ${found.source})`);

  // TransportKind.stdio appends --stdio to the arguments; the server accepts it.
  const serverOptions: ServerOptions = {
    command: found.path,
    args: ["serve"],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "python" },
      { scheme: "untitled", language: "python" },
    ],
    outputChannel: output,
    traceOutputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions: settings(),
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/pyproject.toml"),
    },
    middleware: {
      workspace: {
        // The server registers for didChangeConfiguration, so the client would
        // send {settings: null} on every change of any setting (and race a
        // restart). The extension sends the mapped pyhint settings itself, on
        // changes of pyhint.* only (notifySettings).
        didChangeConfiguration: async () => {},
        // The server pulls its settings with workspace/configuration: answer
        // the "pyhint" section with the mapped object, anything else as VS Code would.
        configuration: async (params, token, next) => {
          const mapped = settings();
          const theirs = await next(params, token);
          if (!Array.isArray(theirs)) return theirs;
          return params.items.map((item, i) => {
            const ours = configurationItem(item.section, mapped);
            return ours === undefined ? theirs[i] : ours;
          });
        },
      },
      // A code action's "Explain this concept" runs the server's explain
      // command; show what it returns instead of dropping it.
      executeCommand: async (command, args, next) => {
        if (command !== protocol.explainCommand) return next(command, args);
        const result = await next(command, protocol.quietExplainArgs(args));
        const id = typeof args[0] === "string" ? args[0] : undefined;
        await showExplanation(result, id);
        return result;
      },
    },
  };

  const c = new LanguageClient("pyhint", "pyhint", serverOptions, clientOptions);
  client = c;
  c.onDidChangeState((e) => {
    if (client !== c) return;
    if (e.newState === State.Running) setStatus("running");
    else if (e.newState === State.Starting) setStatus("starting");
    else setStatus("stopped");
  });
  setStatus("starting");
  try {
    await c.start();
  } catch (err) {
    const msg = `pyhint: the server (${found.path} serve) failed to start: ${errorText(err)}`;
    output.appendLine(msg);
    setStatus("failed", msg);
    void vscode.window.showErrorMessage(msg, "Show Output").then((choice) => {
      if (choice) output.show(true);
    });
    return;
  }
  setStatus("running");
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (!c) return;
  try {
    if (c.isRunning()) await c.stop(2000);
  } catch (err) {
    output.appendLine(`pyhint: stopping the server: ${String(err)}`);
  }
  try {
    await c.dispose(2000);
  } catch {
    // Already stopped.
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  output.appendLine("pyhint: restarting the server");
  await stop();
  await start(context);
}

async function notifySettings(): Promise<void> {
  const c = client;
  if (!c || !c.isRunning()) return;
  await c.sendNotification(DidChangeConfigurationNotification.type, { settings: { pyhint: settings() } });
}

type StatusState = "starting" | "running" | "stopped" | "failed" | "missing";

function setStatus(state: StatusState, detail?: string): void {
  const version = client?.initializeResult?.serverInfo?.version;
  const where = binary ? `${binary.path} (${binary.source})` : "no binary";
  const icons: Record<StatusState, string> = {
    starting: "$(sync~spin)",
    running: "$(check)",
    stopped: "$(circle-slash)",
    failed: "$(error)",
    missing: "$(error)",
  };
  status.text = `${icons[state]} pyhint`;
  const lines = [`pyhint: ${state}${version ? ` — server ${version}` : ""}`, where];
  if (detail) lines.push(detail);
  lines.push("Click to show the output.");
  status.tooltip = lines.join("\n");
  status.backgroundColor =
    state === "failed" || state === "missing" ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
}

function runningClient(): LanguageClient | undefined {
  if (client && client.isRunning()) return client;
  void vscode.window.showWarningMessage("pyhint: the server is not running.", "Restart Server", "Show Output").then((choice) => {
    if (choice === "Restart Server") void vscode.commands.executeCommand("pyhint.restart");
    if (choice === "Show Output") output.show(true);
  });
  return undefined;
}

async function explainAtCursor(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== "python") {
    void vscode.window.showInformationMessage("pyhint: put the cursor on a Python construct first.");
    return;
  }
  const c = runningClient();
  if (!c) return;
  // The server names the concepts at a position through its "Explain" code actions.
  const pos = c.code2ProtocolConverter.asPosition(editor.selection.active);
  let actions: unknown;
  try {
    actions = await c.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: editor.document.uri.toString() },
      range: { start: pos, end: pos },
      context: { diagnostics: [], only: [CodeActionKind.QuickFix] },
    });
  } catch (err) {
    void vscode.window.showErrorMessage(`pyhint: asking the server what is at the cursor failed: ${errorText(err)}`);
    return;
  }
  const [id] = protocol.explainTargets(actions);
  if (!id) {
    void vscode.window.showInformationMessage("pyhint: there is no concept to explain at the cursor.");
    return;
  }
  await explain(c, id);
}

async function explain(c: LanguageClient, id: string): Promise<void> {
  let md: unknown;
  try {
    md = await c.sendRequest(ExecuteCommandRequest.type, { command: protocol.explainCommand, arguments: protocol.explainArgs(id) });
  } catch (err) {
    void vscode.window.showErrorMessage(`pyhint: explaining "${id}" failed: ${errorText(err)}`);
    return;
  }
  if (!(await showExplanation(md, id))) {
    void vscode.window.showWarningMessage(`pyhint: the server has no explanation of "${id}".`);
  }
}

async function listConcepts(): Promise<void> {
  const c = runningClient();
  if (!c || !binary) return;
  let text: string;
  try {
    text = await new Promise<string>((resolve, reject) =>
      execFile(binary!.path, ["explain"], { timeout: 10000 }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
    );
  } catch (err) {
    void vscode.window.showErrorMessage(`pyhint: \`${binary.path} explain\` failed: ${String(err)}`);
    return;
  }
  const entries = protocol.parseList(text);
  if (entries.length === 0) {
    void vscode.window.showErrorMessage(`pyhint: \`${binary.path} explain\` listed nothing; is it an old pyhint?`);
    return;
  }
  const picked = await vscode.window.showQuickPick(
    entries.map((e) => ({ label: e.id, description: e.kind, detail: e.summary })),
    { placeHolder: "Explain a concept or rule", matchOnDescription: true, matchOnDetail: true },
  );
  if (picked) await explain(c, picked.label);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Opens an explanation in a Markdown preview beside the editor; false if there was none. */
async function showExplanation(result: unknown, id?: string): Promise<boolean> {
  const ex = protocol.parseExplanation(result, id);
  if (!ex) return false;
  const uri = explainDocs.set(ex.id, ex.markdown);
  await vscode.commands.executeCommand("markdown.showPreviewToSide", uri);
  return true;
}
