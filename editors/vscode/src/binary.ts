// Finding the pyhint binary. Pure: every effect (the file system, the
// environment) is passed in, so the order and the messages are unit-tested.

import * as path from "path";

/** Where a binary was found. */
export type BinarySource = "setting" | "bundled" | "PATH";

export interface Found {
  ok: true;
  path: string;
  source: BinarySource;
}

export interface NotFound {
  ok: false;
  /** One message for the user: what was tried and what to do. */
  message: string;
  /** The pyhint.path value that pointed nowhere, if that was the problem. */
  badSetting?: string;
}

export interface DiscoveryInput {
  /** The pyhint.path setting ("" when unset). */
  setting: string;
  /** The extension's install folder (context.extensionPath). */
  extensionPath: string;
  /** The first workspace folder's path, for ${workspaceFolder} and relative settings. */
  workspaceFolder?: string;
  /** process.platform. */
  platform: string;
  /** The PATH environment variable. */
  envPath: string;
  /** PATHEXT on Windows. */
  envPathExt?: string;
  /** The user's home directory, for "~". */
  home: string;
  /** Reports whether p is an executable regular file. */
  isExecutable: (p: string) => boolean;
}

/** The binary's file name on a platform. */
export function binaryName(platform: string): string {
  return platform === "win32" ? "pyhint.exe" : "pyhint";
}

/**
 * The path of the binary a platform-specific .vsix carries
 * (`npm run package:target -- linux-x64` puts it there).
 */
export function bundledPath(extensionPath: string, platform: string): string {
  return joinFor(platform, extensionPath, "bin", binaryName(platform));
}

/** Expands ~ and ${workspaceFolder} in a pyhint.path value and makes it absolute. */
export function expandSetting(setting: string, input: Pick<DiscoveryInput, "home" | "workspaceFolder" | "platform">): string {
  let p = setting.trim();
  if (p === "~" || p.startsWith("~/") || p.startsWith("~\\")) {
    p = input.home + p.slice(1);
  }
  if (input.workspaceFolder !== undefined) {
    p = p.split("${workspaceFolder}").join(input.workspaceFolder);
  }
  const lib = input.platform === "win32" ? path.win32 : path.posix;
  if (!lib.isAbsolute(p) && input.workspaceFolder !== undefined && /[\\/]/.test(p)) {
    // A relative path with a separator is relative to the workspace; a bare
    // name ("pyhint-dev") is looked up on PATH.
    p = lib.join(input.workspaceFolder, p);
  }
  return p;
}

/** Looks a name up on PATH (with PATHEXT on Windows). */
export function lookPath(name: string, input: Pick<DiscoveryInput, "envPath" | "envPathExt" | "platform" | "isExecutable">): string | undefined {
  const sep = input.platform === "win32" ? ";" : ":";
  const exts = input.platform === "win32" && !/\.[^\\/]+$/.test(name) ? (input.envPathExt || ".EXE;.CMD;.BAT").split(";") : [""];
  for (const dir of input.envPath.split(sep)) {
    if (dir === "") continue;
    for (const ext of exts) {
      const candidate = joinFor(input.platform, dir, name + ext.toLowerCase());
      if (input.isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * Finds the binary: the pyhint.path setting, then the bundled binary, then
 * PATH. A setting that points nowhere is an error of its own (falling back
 * silently would run a binary the user did not ask for).
 */
export function findBinary(input: DiscoveryInput): Found | NotFound {
  if (input.setting.trim() !== "") {
    const expanded = expandSetting(input.setting, input);
    const lib = input.platform === "win32" ? path.win32 : path.posix;
    if (lib.isAbsolute(expanded)) {
      if (input.isExecutable(expanded)) return { ok: true, path: expanded, source: "setting" };
    } else {
      const onPath = lookPath(expanded, input);
      if (onPath) return { ok: true, path: onPath, source: "setting" };
    }
    return {
      ok: false,
      badSetting: input.setting,
      message: `pyhint: the "pyhint.path" setting is "${input.setting}", but no executable file is there. Fix the setting, or clear it to use the bundled binary or the pyhint on PATH.`,
    };
  }
  const bundled = bundledPath(input.extensionPath, input.platform);
  if (input.isExecutable(bundled)) return { ok: true, path: bundled, source: "bundled" };
  const onPath = lookPath(binaryName(input.platform), input);
  if (onPath) return { ok: true, path: onPath, source: "PATH" };
  return {
    ok: false,
    message:
      "pyhint: the pyhint binary was not found: this extension has none bundled for your platform and there is no pyhint on PATH. " +
      'Install it (`go install github.com/pyhint/pyhint/cmd/pyhint@latest`) or set "pyhint.path" to the binary, then run "pyhint: Restart server".',
  };
}

function joinFor(platform: string, ...parts: string[]): string {
  return (platform === "win32" ? path.win32 : path.posix).join(...parts);
}
