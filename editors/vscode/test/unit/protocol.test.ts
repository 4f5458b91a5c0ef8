import { test } from "node:test";
import * as assert from "node:assert/strict";
import { explainArgs, explainTargets, parseExplanation, parseList, quietExplainArgs } from "../../src/protocol";

test("explain takes the id as its one argument, without the server's showMessage", () => {
  assert.deepEqual(explainArgs("global"), [{ id: "global", notify: false }]);
});

test("a code action's explain arguments lose the showMessage, nothing else", () => {
  assert.deepEqual(quietExplainArgs(["gil"]), [{ id: "gil", notify: false }]);
  assert.deepEqual(quietExplainArgs([{ id: "gil", level: "expert" }]), [{ id: "gil", level: "expert", notify: false }]);
  assert.deepEqual(quietExplainArgs([42]), [42]);
  assert.deepEqual(quietExplainArgs(["a", "b"]), ["a", "b"]);
  assert.deepEqual(quietExplainArgs([]), []);
});

test("an explanation is Markdown, bare or in an object; empty is nothing", () => {
  assert.deepEqual(parseExplanation("# The global statement\n\ntext"), { id: "the-global-statement", markdown: "# The global statement\n\ntext" });
  assert.deepEqual(parseExplanation("# g", "global"), { id: "global", markdown: "# g" });
  assert.deepEqual(parseExplanation({ id: "global", markdown: "# g" }), { id: "global", markdown: "# g" });
  assert.deepEqual(parseExplanation({ kind: "markdown", value: "x" }), { id: "explanation", markdown: "x" });
  assert.equal(parseExplanation(null), undefined);
  assert.equal(parseExplanation("  "), undefined);
  assert.equal(parseExplanation({ id: "global" }), undefined);
});

const diag = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } }, message: "m", code: "global-statement" };

test("explain targets: the construct's concept first, then the findings' rules", () => {
  const actions = [
    { title: "Remove the global statement", kind: "quickfix", diagnostics: [diag], edit: {} },
    { title: "Ignore global-statement on this line", kind: "quickfix", diagnostics: [diag], edit: {} },
    { title: "Explain: global-statement", kind: "quickfix", diagnostics: [diag], command: { title: "Explain", command: "pyhint.explain", arguments: ["global-statement"] } },
    { title: "Explain: The global statement", kind: "quickfix", command: { title: "Explain", command: "pyhint.explain", arguments: ["global"] } },
    { title: "Other", command: { title: "Other", command: "other.cmd", arguments: ["x"] } },
  ];
  assert.deepEqual(explainTargets(actions), ["global", "global-statement"]);
});

test("explain targets: bare commands and {id} arguments count; duplicates and junk do not", () => {
  assert.deepEqual(
    explainTargets([
      { title: "Explain", command: "pyhint.explain", arguments: [{ id: "gil" }] },
      { title: "Explain", command: "pyhint.explain", arguments: ["gil"] },
      { title: "Explain", command: "pyhint.explain", arguments: [] },
      null,
      7,
    ]),
    ["gil"],
  );
  assert.deepEqual(explainTargets(null), []);
  assert.deepEqual(explainTargets([{ title: "Fix", kind: "quickfix", edit: {} }]), []);
});

test("the list of `pyhint explain` parses into concepts and rules", () => {
  const text = [
    "Concepts:",
    "  global                        The global statement: rebinding a module name",
    "  gil                           The GIL",
    "",
    "Rules:",
    "  bare-except                   except: catches everything",
    "  global-statement",
    "",
  ].join("\n");
  assert.deepEqual(parseList(text), [
    { id: "global", kind: "concept", summary: "The global statement: rebinding a module name" },
    { id: "gil", kind: "concept", summary: "The GIL" },
    { id: "bare-except", kind: "rule", summary: "except: catches everything" },
    { id: "global-statement", kind: "rule", summary: "" },
  ]);
  assert.deepEqual(parseList("usage: ..."), []);
});

test("the real `pyhint explain` list parses (PYHINT_BIN; required in CI)", async (t) => {
  const bin = process.env.PYHINT_BIN;
  if (!bin) {
    if (process.env.CI === "true") assert.fail("PYHINT_BIN is not set: CI must test against the real binary");
    t.skip("set PYHINT_BIN to a built pyhint");
    return;
  }
  const { execFileSync } = await import("node:child_process");
  const entries = parseList(execFileSync(bin, ["explain"], { encoding: "utf8" }));
  const concepts = entries.filter((e) => e.kind === "concept").map((e) => e.id);
  for (const id of ["global", "gil", "threading", "generators", "with"]) assert.ok(concepts.includes(id), `no concept ${id} in ${concepts}`);
  assert.ok(entries.some((e) => e.kind === "rule" && e.id === "bare-except"));
  assert.ok(entries.every((e) => e.summary !== ""), "every entry has a summary");
});
