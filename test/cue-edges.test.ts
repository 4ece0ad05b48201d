import assert from "node:assert/strict";
import { test } from "node:test";
import { extendCues } from "../src/nlp/cue-edges.ts";
import type { Attribution } from "../src/nlp/doc.ts";
import { attributionIn } from "./spans-helper.ts";

const cueOf = (text: string, a: Attribution) => (a.cue ? text.slice(a.cue.start, a.cue.end) : null);

test("auxiliaries and negation before a cue join it", () => {
  const text = "The ministry has not commented on the report.";
  const [a] = extendCues(text, [attributionIn(text, "The ministry", "commented on", "the report")]);
  assert.equal(cueOf(text, a), "has not commented on");
  assert.equal(
    a.source && text.slice(a.source.start, a.source.end),
    "The ministry",
    "the source is unchanged",
  );
});

test("the source and the content keep their words, and other words stop the extension", () => {
  const text = "Ode has said the bridge is late. What is said matters.";
  const fromSource = attributionIn(text, "Ode has", "said", "the bridge is late");
  assert.deepEqual(extendCues(text, [fromSource]), [fromSource]);
  const plain = attributionIn(text, "Ode", "said", "the bridge is late");
  assert.equal(cueOf(text, extendCues(text, [plain])[0]), "has said");
  const fromContent = { ...attributionIn(text, null, "said matters", "What is"), kind: "indirect" as const };
  assert.deepEqual(extendCues(text, [fromContent]), [fromContent]);
  const noCue = { ...plain, cue: null };
  assert.deepEqual(extendCues(text, [noCue]), [noCue]);
  assert.deepEqual(extendCues("", []), []);
});
