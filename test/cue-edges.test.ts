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

test("an auxiliary that ends the source moves into the cue; names and the content keep their words", () => {
  const text = "Ode has said the bridge is late. What is said matters.";
  const [moved] = extendCues(text, [attributionIn(text, "Ode has", "said", "the bridge is late")]);
  assert.equal(moved.source && text.slice(moved.source.start, moved.source.end), "Ode");
  assert.equal(cueOf(text, moved), "has said");
  // A source that is only the auxiliary keeps it.
  const alone = attributionIn(text, "has", "said", "the bridge is late");
  assert.deepEqual(extendCues(text, [alone]), [alone]);
  // "May" and "Will" before a cue are names, not auxiliaries.
  const names = "Theresa May said the talks were over. Will said nothing.";
  const may = attributionIn(names, "Theresa May", "said", "the talks were over");
  assert.deepEqual(extendCues(names, [may]), [may]);
  const plain = attributionIn(text, "Ode", "said", "the bridge is late");
  assert.equal(cueOf(text, extendCues(text, [plain])[0]), "has said");
  const fromContent = { ...attributionIn(text, null, "said matters", "What is"), kind: "indirect" as const };
  assert.deepEqual(extendCues(text, [fromContent]), [fromContent]);
  const noCue = { ...plain, cue: null };
  assert.deepEqual(extendCues(text, [noCue]), [noCue]);
  assert.deepEqual(extendCues("", []), []);
});
