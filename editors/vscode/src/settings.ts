// The mapping from VS Code's "pyhint.*" settings to the server's
// configuration (initializationOptions, workspace/configuration and
// workspace/didChangeConfiguration). Pure, so it is unit-tested.
//
// The server's keys (server/configuration.go): explanationLevel, select,
// ignore, severity, perFileIgnores, inlayHints {pitfalls, concepts, kinds}.

/**
 * Reads one setting under "pyhint." (e.g. get("inlayHints.pitfalls")), giving
 * undefined when the user has not set it anywhere (the default is not a value:
 * an unset setting leaves the decision to pyproject.toml and the server).
 */
export type Getter = (key: string) => unknown;

/**
 * The server's configuration object. Every key is present; null means "not
 * set" (the server skips null, so the project's [tool.pyhint] value or the
 * server's default applies, and a setting removed by the user stops applying).
 */
export interface ServerSettings {
  explanationLevel: string | null;
  select: string[] | null;
  ignore: string[] | null;
  severity: Record<string, string> | null;
  perFileIgnores: Record<string, string[]> | null;
  inlayHints: InlayHintSettings | null;
}

export interface InlayHintSettings {
  pitfalls?: boolean;
  concepts?: boolean;
  kinds?: Record<string, boolean>;
}

/** The concept ids: each a "pyhint.inlayHints.kinds" entry. */
export const concepts = [
  "asyncio",
  "classes",
  "copy",
  "decorators",
  "exceptions",
  "gc",
  "generators",
  "gil",
  "global",
  "multiprocessing",
  "numpy",
  "repr",
  "threading",
  "venv",
  "with",
] as const;

export const levels = ["beginner", "intermediate", "expert"] as const;
export const severities = ["error", "warning", "info", "hint"] as const;

/** Settings whose change needs a new server process rather than a notification. */
export const restartSettings = ["pyhint.path"];
/** Settings the client keeps for itself (never sent to the server). */
export const clientSettings = ["pyhint.path", "pyhint.trace.server"];

/**
 * Maps the settings. Values of the wrong type are dropped (null: the server
 * keeps its default) rather than sent; values of the right type are sent as
 * they are, so the server can name a bad rule or level in its own warning.
 */
export function toServerSettings(get: Getter): ServerSettings {
  const level = get("explanationLevel");
  const hints: InlayHintSettings = {};
  for (const kind of ["pitfalls", "concepts"] as const) {
    const v = get(`inlayHints.${kind}`);
    if (typeof v === "boolean") hints[kind] = v;
  }
  const kinds = boolMap(get("inlayHints.kinds"));
  if (kinds) hints.kinds = kinds;
  return {
    explanationLevel: typeof level === "string" && level.trim() !== "" ? level.trim() : null,
    select: stringList(get("select")),
    ignore: stringList(get("ignore")),
    severity: stringMap(get("severity")),
    perFileIgnores: listMap(get("perFileIgnores")),
    inlayHints: Object.keys(hints).length > 0 ? hints : null,
  };
}

/** A list of non-empty strings, or null when unset or of the wrong type. */
function stringList(v: unknown): string[] | null {
  if (!Array.isArray(v)) return null;
  const out: string[] = [];
  for (const item of v) {
    if (typeof item !== "string") continue;
    const s = item.trim();
    if (s !== "" && !out.includes(s)) out.push(s);
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function stringMap(v: unknown): Record<string, string> | null {
  if (!isObject(v)) return null;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (typeof val === "string" && k.trim() !== "") out[k.trim()] = val.trim().toLowerCase();
  }
  return Object.keys(out).length > 0 ? out : null;
}

function boolMap(v: unknown): Record<string, boolean> | null {
  if (!isObject(v)) return null;
  const out: Record<string, boolean> = {};
  for (const [k, val] of Object.entries(v)) {
    if (typeof val === "boolean" && k.trim() !== "") out[k.trim()] = val;
  }
  return Object.keys(out).length > 0 ? out : null;
}

function listMap(v: unknown): Record<string, string[]> | null {
  if (!isObject(v)) return null;
  const out: Record<string, string[]> = {};
  for (const [k, val] of Object.entries(v)) {
    const list = stringList(val);
    if (list && k.trim() !== "") out[k.trim()] = list;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/**
 * Answers a workspace/configuration item. The server asks for the section
 * "pyhint" (the whole object) or a sub-key of it ("pyhint.explanationLevel").
 * Other sections are not ours: undefined means "ask VS Code".
 */
export function configurationItem(section: string | undefined, settings: ServerSettings): unknown {
  if (section === "pyhint") return settings;
  if (section !== undefined && section.startsWith("pyhint.")) {
    let v: unknown = settings;
    for (const part of section.slice("pyhint.".length).split(".")) {
      if (!isObject(v)) return null;
      v = v[part];
    }
    return v === undefined ? null : v;
  }
  return undefined;
}

/** Describes a setting change: nothing to do, notify the server, or restart it. */
export function changeAction(affects: (section: string) => boolean): "none" | "notify" | "restart" {
  if (restartSettings.some((s) => affects(s))) return "restart";
  if (!affects("pyhint")) return "none";
  // Only the trace level changed: the client applies it itself.
  const serverKeys = ["explanationLevel", "select", "ignore", "severity", "perFileIgnores", "inlayHints"];
  return serverKeys.some((k) => affects(`pyhint.${k}`)) ? "notify" : "none";
}
