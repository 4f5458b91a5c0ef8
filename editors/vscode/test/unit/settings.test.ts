import { test } from "node:test";
import * as assert from "node:assert/strict";
import { changeAction, concepts, configurationItem, toServerSettings } from "../../src/settings";

function getter(values: Record<string, unknown>) {
  return (key: string) => values[key];
}

const unset = {
  explanationLevel: null,
  select: null,
  ignore: null,
  severity: null,
  perFileIgnores: null,
  inlayHints: null,
};

test("nothing set: every key is null, so pyproject.toml and the server's defaults decide", () => {
  assert.deepEqual(toServerSettings(getter({})), unset);
});

test("every setting maps to the server's key", () => {
  const s = toServerSettings(
    getter({
      explanationLevel: "expert",
      "inlayHints.pitfalls": false,
      "inlayHints.concepts": true,
      "inlayHints.kinds": { generators: true, gil: false },
      select: ["ALL"],
      ignore: ["global-statement", "gc"],
      severity: { "bare-except": "error" },
      perFileIgnores: { "tests/*": ["global-statement"] },
      path: "/opt/pyhint",
      "trace.server": "verbose",
    }),
  );
  assert.deepEqual(s, {
    explanationLevel: "expert",
    select: ["ALL"],
    ignore: ["global-statement", "gc"],
    severity: { "bare-except": "error" },
    perFileIgnores: { "tests/*": ["global-statement"] },
    inlayHints: { pitfalls: false, concepts: true, kinds: { generators: true, gil: false } },
  });
  // Client-side settings never reach the server.
  assert.equal(JSON.stringify(s).includes("/opt/pyhint"), false);
  assert.equal(JSON.stringify(s).includes("verbose"), false);
});

test("one hint kind set: only it is sent, the server keeps the other's default", () => {
  assert.deepEqual(toServerSettings(getter({ "inlayHints.concepts": true })).inlayHints, { concepts: true });
});

test("an empty select is sent as empty (the user's explicit choice), an unset one as null", () => {
  assert.deepEqual(toServerSettings(getter({ select: [] })).select, []);
  assert.equal(toServerSettings(getter({})).select, null);
});

test("values of the wrong type are dropped, strings are trimmed and deduplicated", () => {
  const s = toServerSettings(
    getter({
      explanationLevel: 3,
      "inlayHints.pitfalls": "yes",
      "inlayHints.kinds": ["gil"],
      select: [" bare-except ", "", 7, "bare-except"],
      ignore: "gc",
      severity: { " gc-disable ": " ERROR ", "bare-except": 2, "": "hint" },
      perFileIgnores: { "tests/*": "gc", "x/*": ["gc", 1] },
    }),
  );
  assert.equal(s.explanationLevel, null);
  assert.equal(s.inlayHints, null);
  assert.deepEqual(s.select, ["bare-except"]);
  assert.equal(s.ignore, null);
  assert.deepEqual(s.severity, { "gc-disable": "error" });
  assert.deepEqual(s.perFileIgnores, { "x/*": ["gc"] });
});

test("a bad value of the right type is passed on for the server to name", () => {
  assert.equal(toServerSettings(getter({ explanationLevel: "guru" })).explanationLevel, "guru");
  assert.deepEqual(toServerSettings(getter({ select: ["no-such-rule"] })).select, ["no-such-rule"]);
});

test("the JSON sent has no undefined holes: every key, null when unset", () => {
  const json = JSON.parse(JSON.stringify(toServerSettings(getter({ explanationLevel: "intermediate" }))));
  assert.deepEqual(Object.keys(json).sort(), ["explanationLevel", "ignore", "inlayHints", "perFileIgnores", "select", "severity"]);
  assert.equal(json.ignore, null);
});

test("workspace/configuration: the pyhint section, its sub-keys, and other sections left to VS Code", () => {
  const s = toServerSettings(getter({ explanationLevel: "intermediate", "inlayHints.concepts": true }));
  assert.deepEqual(configurationItem("pyhint", s), s);
  assert.equal(configurationItem("pyhint.explanationLevel", s), "intermediate");
  assert.equal(configurationItem("pyhint.inlayHints.concepts", s), true);
  assert.equal(configurationItem("pyhint.nope", s), null);
  assert.equal(configurationItem("pyhint.explanationLevel.deeper", s), null);
  assert.equal(configurationItem("python", s), undefined);
  assert.equal(configurationItem("pyhintx", s), undefined);
  assert.equal(configurationItem(undefined, s), undefined);
});

test("changing pyhint.path restarts; server settings notify; trace and others do not", () => {
  const affects = (...changed: string[]) => (section: string) =>
    changed.some((c) => c === section || c.startsWith(section + "."));
  assert.equal(changeAction(affects("pyhint.path")), "restart");
  assert.equal(changeAction(affects("pyhint.explanationLevel")), "notify");
  assert.equal(changeAction(affects("pyhint.inlayHints.concepts")), "notify");
  assert.equal(changeAction(affects("pyhint.severity")), "notify");
  assert.equal(changeAction(affects("pyhint.trace.server")), "none");
  assert.equal(changeAction(affects("editor.fontSize")), "none");
});

test("package.json declares exactly the settings the mapping reads, and a kinds entry per concept", async () => {
  const { readFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  // out/test/unit -> the package root
  const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "..", "package.json"), "utf8"));
  const props = pkg.contributes.configuration.properties as Record<string, { properties?: Record<string, unknown> }>;
  const read: string[] = [];
  toServerSettings((key) => {
    read.push(`pyhint.${key}`);
    return undefined;
  });
  for (const key of read) assert.ok(props[key], `package.json lacks ${key}`);
  for (const key of Object.keys(props)) {
    assert.ok(read.includes(key) || ["pyhint.path", "pyhint.trace.server"].includes(key), `${key} is declared but not mapped`);
  }
  assert.deepEqual(Object.keys(props["pyhint.inlayHints.kinds"].properties ?? {}).sort(), [...concepts].sort());
});

test("the concept list is the knowledge base's", async () => {
  const { readdirSync } = await import("node:fs");
  const { join } = await import("node:path");
  const dir = join(__dirname, "..", "..", "..", "..", "..", "knowledge", "concepts");
  const ids = readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .map((f) => f.slice(0, -3))
    .sort();
  assert.deepEqual([...concepts].sort(), ids);
});

test("the README's settings table lists every setting, with its default", async () => {
  const { readFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const root = join(__dirname, "..", "..", "..");
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const rows = new Map<string, string>();
  for (const m of readme.matchAll(/^\| `(pyhint\.[\w.]+)` \| ([^|]+) \|/gm)) rows.set(m[1], m[2].trim());
  const props = pkg.contributes.configuration.properties as Record<string, { default?: unknown }>;
  assert.deepEqual([...rows.keys()].sort(), Object.keys(props).sort(), "README rows vs package.json settings");
  for (const [key, p] of Object.entries(props)) {
    const doc = rows.get(key)!;
    const def = p.default;
    const ok =
      doc === "unset"
        ? Array.isArray(def) && def.length === 0
        : doc === "`" + (typeof def === "string" && def !== "" ? def : JSON.stringify(def)) + "`";
    assert.ok(ok, `${key}: README says ${doc}, package.json's default is ${JSON.stringify(def)}`);
  }
});
