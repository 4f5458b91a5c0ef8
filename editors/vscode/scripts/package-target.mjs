// Packages a platform-specific .vsix with the pyhint binary inside
// (bin/pyhint, or bin/pyhint.exe on Windows), which the extension prefers
// to one on PATH.
//
//   npm run package:target -- linux-x64                # builds the binary with go (host platform)
//   npm run package:target -- darwin-arm64 ./pyhint    # packages a binary built elsewhere
//
// pyhint uses cgo (tree-sitter), so building for another platform needs
// that platform's C toolchain (CC=...); building on each platform, or
// passing a binary built there, is simpler.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repo = path.resolve(root, "..", "..");
const targets = {
  "linux-x64": ["linux", "amd64"],
  "linux-arm64": ["linux", "arm64"],
  "darwin-x64": ["darwin", "amd64"],
  "darwin-arm64": ["darwin", "arm64"],
  "win32-x64": ["windows", "amd64"],
  "win32-arm64": ["windows", "arm64"],
};
const [target, prebuilt] = process.argv.slice(2);
if (!targets[target]) {
  console.error(`usage: npm run package:target -- TARGET [BINARY]\nTARGET: ${Object.keys(targets).join(", ")}`);
  process.exit(2);
}
const [goos, goarch] = targets[target];
const exe = goos === "windows" ? "pyhint.exe" : "pyhint";
const binDir = path.join(root, "bin");
fs.rmSync(binDir, { recursive: true, force: true });
fs.mkdirSync(binDir);
const dest = path.join(binDir, exe);
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: "inherit", ...opts });

if (prebuilt) {
  fs.copyFileSync(path.resolve(prebuilt), dest);
} else {
  const version = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version;
  run("go", ["build", "-trimpath", "-ldflags", `-s -w -X main.version=${version}`, "-o", dest, "./cmd/pyhint"], {
    cwd: repo,
    env: { ...process.env, GOOS: goos, GOARCH: goarch, CGO_ENABLED: "1" },
  });
}
fs.chmodSync(dest, 0o755);
run("npm", ["run", "typecheck"], { cwd: root });
run("node", ["esbuild.mjs", "--production"], { cwd: root });
run("npx", ["vsce", "package", "--no-dependencies", "--skip-license", "--target", target, "--out", `pyhint-${target}.vsix`], { cwd: root });
fs.rmSync(binDir, { recursive: true, force: true });
console.log(`packaged pyhint-${target}.vsix`);
