import { test } from "node:test";
import * as assert from "node:assert/strict";
import { bundledPath, expandSetting, findBinary, lookPath, DiscoveryInput } from "../../src/binary";

/** A fake file system: the set of executable paths. */
function input(executables: string[], over: Partial<DiscoveryInput> = {}): DiscoveryInput {
  const set = new Set(executables);
  return {
    setting: "",
    extensionPath: "/ext",
    workspaceFolder: "/ws",
    platform: "linux",
    envPath: "/usr/local/bin:/usr/bin",
    home: "/home/u",
    isExecutable: (p) => set.has(p),
    ...over,
  };
}

test("the setting wins over the bundled binary and PATH", () => {
  const r = findBinary(input(["/opt/pyhint", "/ext/bin/pyhint", "/usr/bin/pyhint"], { setting: "/opt/pyhint" }));
  assert.deepEqual(r, { ok: true, path: "/opt/pyhint", source: "setting" });
});

test("the bundled binary wins over PATH", () => {
  const r = findBinary(input(["/ext/bin/pyhint", "/usr/bin/pyhint"]));
  assert.deepEqual(r, { ok: true, path: "/ext/bin/pyhint", source: "bundled" });
});

test("PATH is searched in order", () => {
  const r = findBinary(input(["/usr/bin/pyhint", "/usr/local/bin/pyhint"]));
  assert.deepEqual(r, { ok: true, path: "/usr/local/bin/pyhint", source: "PATH" });
});

test("empty PATH entries are skipped, not read as the current folder", () => {
  const r = findBinary(input(["pyhint"], { envPath: ":/nowhere:" }));
  assert.equal(r.ok, false);
});

test("nothing found: one message that says what to do", () => {
  const r = findBinary(input([]));
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.match(r.message, /not found/);
  assert.match(r.message, /go install github\.com\/pyhint\/pyhint\/cmd\/pyhint@latest/);
  assert.match(r.message, /pyhint\.path/);
  assert.equal(r.badSetting, undefined);
});

test("a setting that points nowhere is an error, not a silent fallback", () => {
  const r = findBinary(input(["/ext/bin/pyhint", "/usr/bin/pyhint"], { setting: "/typo/pyhint" }));
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.badSetting, "/typo/pyhint");
  assert.match(r.message, /"\/typo\/pyhint"/);
});

test("~ and ${workspaceFolder} are expanded; relative paths are the workspace's", () => {
  assert.equal(expandSetting("~/go/bin/pyhint", input([])), "/home/u/go/bin/pyhint");
  assert.equal(expandSetting("${workspaceFolder}/bin/pyhint", input([])), "/ws/bin/pyhint");
  assert.equal(expandSetting("./tools/pyhint", input([])), "/ws/tools/pyhint");
  assert.equal(expandSetting("  /opt/pyhint  ", input([])), "/opt/pyhint");
  const r = findBinary(input(["/home/u/go/bin/pyhint"], { setting: "~/go/bin/pyhint" }));
  assert.deepEqual(r, { ok: true, path: "/home/u/go/bin/pyhint", source: "setting" });
});

test("a bare name in the setting is looked up on PATH", () => {
  const r = findBinary(input(["/usr/bin/pyhint-dev"], { setting: "pyhint-dev" }));
  assert.deepEqual(r, { ok: true, path: "/usr/bin/pyhint-dev", source: "setting" });
});

test("Windows: .exe, ; separators and PATHEXT", () => {
  assert.equal(bundledPath("C:\\ext", "win32"), "C:\\ext\\bin\\pyhint.exe");
  const win = input(["C:\\tools\\pyhint.exe"], {
    platform: "win32",
    extensionPath: "C:\\ext",
    workspaceFolder: "C:\\ws",
    envPath: "C:\\Windows;C:\\tools",
    envPathExt: ".COM;.EXE",
  });
  assert.deepEqual(findBinary(win), { ok: true, path: "C:\\tools\\pyhint.exe", source: "PATH" });
  assert.deepEqual(findBinary({ ...win, isExecutable: (p) => p === "C:\\ext\\bin\\pyhint.exe" }), {
    ok: true,
    path: "C:\\ext\\bin\\pyhint.exe",
    source: "bundled",
  });
  assert.equal(lookPath("pyhint.exe", { ...win, envPathExt: ".BAT" }), "C:\\tools\\pyhint.exe");
});
