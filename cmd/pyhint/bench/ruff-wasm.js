// Runs Ruff compiled to WebAssembly (npm @astral-sh/ruff-wasm-nodejs) over
// Python files, for bench/peers.sh: one worker thread per core, each with
// its own Ruff Workspace, files dealt out in turn. Prints one line:
// "<files> files, <diagnostics> diagnostics".
//
//   node ruff-wasm.js MODULE_DIR RULES PATH_LIST_FILE
//
// MODULE_DIR is the installed package's directory, RULES a comma-separated
// list of Ruff rule codes, PATH_LIST_FILE a file with one Python path a line.
"use strict";
const { Worker, isMainThread, parentPort, workerData } = require("node:worker_threads");
const fs = require("node:fs");
const os = require("node:os");

if (isMainThread) {
  const [moduleDir, rules, listFile] = process.argv.slice(2);
  if (!listFile) {
    console.error("usage: node ruff-wasm.js MODULE_DIR RULES PATH_LIST_FILE");
    process.exit(2);
  }
  const files = fs.readFileSync(listFile, "utf8").split("\n").filter(Boolean);
  const n = Math.max(1, Math.min(os.availableParallelism(), files.length));
  let done = 0, diagnostics = 0, checked = 0;
  for (let i = 0; i < n; i++) {
    const mine = files.filter((_, j) => j % n === i);
    const w = new Worker(__filename, { workerData: { moduleDir, rules: rules.split(","), files: mine } });
    w.on("message", (m) => {
      diagnostics += m.diagnostics;
      checked += m.checked;
      if (++done === n) console.log(`${checked} files, ${diagnostics} diagnostics`);
    });
    w.on("error", (e) => { console.error(e); process.exit(2); });
  }
} else {
  const { Workspace, PositionEncoding } = require(workerData.moduleDir);
  const ws = new Workspace({ lint: { select: workerData.rules } }, PositionEncoding.UTF8);
  let diagnostics = 0, checked = 0;
  for (const f of workerData.files) {
    let src;
    try {
      src = fs.readFileSync(f, "utf8");
    } catch {
      continue;
    }
    diagnostics += ws.check(src).length;
    checked++;
  }
  parentPort.postMessage({ diagnostics, checked });
}
