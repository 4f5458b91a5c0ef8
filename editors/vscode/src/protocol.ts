// The server's contract for explanations, and the parsing of what comes
// back. Pure, so it is unit-tested.
//
// The server's workspace/executeCommand "pyhint.explain" takes one argument,
// a concept id or rule name (or {id, level, format, notify}), and returns
// Markdown.
// Which concept is at the cursor, the server says through its code actions:
// every construct a concept explains gets an "Explain: ..." action that
// runs pyhint.explain with the concept's id.

/** The server's command: the Markdown explanation of a concept or rule. */
export const explainCommand = "pyhint.explain";

/**
 * The arguments of an explain request from this extension, which shows the
 * result itself: notify false spares the server's one-line showMessage.
 */
export function explainArgs(id: string): unknown[] {
  return [{ id, notify: false }];
}

/**
 * The arguments a code action's explain command is run with: its id, or
 * its object, with notify false. Anything else is passed on unchanged.
 */
export function quietExplainArgs(args: unknown[]): unknown[] {
  if (args.length !== 1) return args;
  const a = args[0];
  if (typeof a === "string") return explainArgs(a);
  if (a && typeof a === "object" && !Array.isArray(a) && typeof (a as { id?: unknown }).id === "string") return [{ ...(a as object), notify: false }];
  return args;
}

export interface Explanation {
  id: string;
  markdown: string;
}

/** Accepts the explain command's result; undefined when there is nothing to show. */
export function parseExplanation(result: unknown, id?: string): Explanation | undefined {
  let md: string | undefined;
  if (typeof result === "string") md = result;
  else if (result && typeof result === "object") {
    const r = result as Record<string, unknown>;
    md = typeof r.markdown === "string" ? r.markdown : typeof r.value === "string" ? r.value : undefined;
    if (!id && typeof r.id === "string") id = r.id;
  }
  if (md === undefined || md.trim() === "") return undefined;
  return { id: id && id !== "" ? id : titleId(md), markdown: md };
}

function titleId(md: string): string {
  const m = /^#\s+(.+)$/m.exec(md);
  const slug = m ? m[1].trim().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") : "";
  return slug || "explanation";
}

/** A code action or a bare command, as textDocument/codeAction returns them. */
interface ActionLike {
  title?: string;
  command?: unknown;
  arguments?: unknown[];
  diagnostics?: unknown[];
}

/**
 * The ids of the explain actions among a codeAction result, the concepts of
 * constructs (actions without diagnostics) before the rules of findings.
 */
export function explainTargets(actions: unknown): string[] {
  if (!Array.isArray(actions)) return [];
  const concepts: string[] = [];
  const rules: string[] = [];
  for (const a of actions as ActionLike[]) {
    if (!a || typeof a !== "object") continue;
    // A CodeAction carries a Command object; a bare Command has a string command.
    const cmd = typeof a.command === "string" ? (a as { command: string; arguments?: unknown[] }) : (a.command as { command?: unknown; arguments?: unknown[] } | undefined);
    if (!cmd || cmd.command !== explainCommand) continue;
    const arg = cmd.arguments?.[0];
    const id = typeof arg === "string" ? arg : arg && typeof arg === "object" && typeof (arg as { id?: unknown }).id === "string" ? (arg as { id: string }).id : undefined;
    if (!id) continue;
    const list = Array.isArray(a.diagnostics) && a.diagnostics.length > 0 && typeof a.command !== "string" ? rules : concepts;
    if (!concepts.includes(id) && !rules.includes(id)) list.push(id);
  }
  return [...concepts, ...rules];
}

export interface ListEntry {
  id: string;
  kind: "concept" | "rule";
  summary: string;
}

/**
 * Parses `pyhint explain` (no id): a "Concepts:" and a "Rules:" section of
 * "  id  summary" lines.
 */
export function parseList(text: string): ListEntry[] {
  const out: ListEntry[] = [];
  let kind: ListEntry["kind"] | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^Concepts:\s*$/.test(line)) kind = "concept";
    else if (/^Rules:\s*$/.test(line)) kind = "rule";
    else if (kind) {
      const m = /^\s+([A-Za-z0-9_.-]+)(?:\s+(.*))?$/.exec(line);
      if (m) out.push({ id: m[1], kind, summary: (m[2] ?? "").trim() });
    }
  }
  return out;
}
