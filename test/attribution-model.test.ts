import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import {
  attributionModel,
  attributionWeights,
  extractAttributions,
} from "../src/nlp/attribution-model/index.ts";
import { deserializeModel, emptyModel, serializeModel } from "../src/nlp/attribution-model/model.ts";
import { type Attribution, Doc, runPipeline } from "../src/nlp/doc.ts";
import { sentencizer } from "../src/nlp/sentencizer.ts";
import { tokenizer } from "../src/nlp/tokenizer.ts";
import { parseBrat } from "../training/attribution/polnear.ts";

const slice = (text: string, span: { start: number; end: number } | null) =>
  span ? text.slice(span.start, span.end) : null;

/** Every span lies inside the text, is non-empty, and content spans are in order without overlap. */
function assertValidSpans(text: string, attributions: Attribution[]) {
  for (const a of attributions) {
    const spans = [a.source, a.cue, ...a.content].filter((s) => s !== null);
    for (const span of spans) {
      assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end));
      assert.ok(span.start >= 0 && span.end <= text.length && span.start < span.end, JSON.stringify(span));
    }
    assert.ok(a.content.length > 0, "an attribution always has content");
    for (let i = 1; i < a.content.length; i++) assert.ok(a.content[i - 1].end <= a.content[i].start);
    assert.ok(["direct", "indirect", "mixed"].includes(a.kind));
    assert.equal(a.speaker, null);
  }
}

test("committed weights load with both taggers", () => {
  const weights = attributionWeights();
  assert.equal(weights.cue.labels, 3);
  assert.equal(weights.role.labels, 3);
  assert.equal(weights.cue.weights.length, (1 << weights.cue.bits) * 3);
  assert.ok(weights.cue.weights.some((w) => w !== 0));
  assert.ok(weights.role.weights.some((w) => w !== 0));
});

test("a direct quote with a trailing speaker", () => {
  const text = `"We will win," Ruiz said.`;
  const found = extractAttributions(text);
  assert.equal(found.length, 1);
  const [a] = found;
  assert.equal(slice(text, a.cue), "said");
  assert.equal(slice(text, a.source), "Ruiz");
  assert.match(a.content.map((s) => slice(text, s)).join(" "), /We will win/);
  assert.equal(a.kind, "direct");
  assertValidSpans(text, found);
});

test("an indirect report with a description as source", () => {
  const text = "The minister said that talks had stopped.";
  const found = extractAttributions(text);
  assert.equal(found.length, 1);
  const [a] = found;
  assert.equal(slice(text, a.cue), "said");
  assert.match(slice(text, a.source) ?? "", /minister/);
  assert.match(a.content.map((s) => slice(text, s)).join(" "), /talks had stopped/);
  assert.doesNotMatch(a.content.map((s) => slice(text, s)).join(" "), /said/);
  assert.equal(a.kind, "indirect");
});

test("a quote split by its cue gives two content spans, neither holding the cue", () => {
  const text = `"The bridge is safe," Mayor Lena Ortiz said on Tuesday, "and it will stay open."`;
  const found = extractAttributions(text);
  const a = found.find((x) => slice(text, x.cue) === "said");
  assert.ok(a, "finds the cue");
  assert.ok(a.content.length >= 2, JSON.stringify(a.content));
  const cue = a.cue;
  assert.ok(cue);
  for (const span of a.content) assert.ok(span.end <= cue.start || span.start >= cue.end);
});

test("the component writes doc.attributions from the tokenizer and sentencizer layers", () => {
  const text = "Tomas Reyes told reporters that the city expected a surplus.\n\nThe weather was mild.";
  const doc = runPipeline(new Doc(text), [tokenizer, sentencizer, attributionModel]);
  assert.ok(doc.attributions.length >= 1);
  assert.equal(doc.slice(doc.attributions[0].cue ?? { start: 0, end: 0 }), "told");
  assertValidSpans(text, doc.attributions);
});

test("spans index into text with astral characters and several paragraphs", () => {
  const text = [
    "🎉🎉 The union's leader, Priya Nand, warned that a strike remained possible.",
    `"It's a gimmick," she said. "Nothing more." 🙂`,
    "According to the transit authority, ridership rose 4% in March.",
  ].join("\n\n");
  const found = extractAttributions(text);
  assert.ok(found.length >= 2);
  assertValidSpans(text, found);
  const cues = found.map((a) => slice(text, a.cue));
  assert.ok(cues.includes("warned") && cues.includes("said"), cues.join(","));
});

test("empty and odd input does not throw", () => {
  assert.deepEqual(extractAttributions(""), []);
  assert.deepEqual(extractAttributions("   \n\n  "), []);
  for (const odd of [`"`, `""""`, "“”“”", "‘’'", `" said "`, "said", "....", "\u0000\uFFFF"]) {
    assertValidSpans(odd, extractAttributions(odd));
  }
  const doc = new Doc("no layers were run on this document");
  attributionModel.run(doc);
  assert.deepEqual(doc.attributions, []);
  // Tokens without sentence or paragraph layers: the whole text is treated as one sentence.
  const partial = runPipeline(new Doc(`"We will win," Ruiz said.`), [tokenizer]);
  partial.paragraphs = [];
  attributionModel.run(partial);
  assertValidSpans(partial.text, partial.attributions);
});

test("a 100 KB single line is handled", () => {
  const sentence = `"Prices will fall," the chair of the board said, adding that rates were steady `;
  const text = sentence.repeat(Math.ceil(100_000 / sentence.length));
  const found = extractAttributions(text);
  assert.ok(found.length > 0);
  assertValidSpans(text, found);
});

test("weights survive serialisation: pruned, quantised, decoded into the same slots", () => {
  const model = emptyModel(4, 3);
  model.weights[5] = 2.5;
  model.weights[17] = -1.25;
  model.weights[40] = 0.001; // below the pruning threshold
  const data = serializeModel(model, ["O", "B", "I"], 0.01);
  assert.equal(data.entries, 2);
  const loaded = deserializeModel(data);
  assert.ok(Math.abs(loaded.weights[5] * loaded.scale - 2.5) < 1e-3);
  assert.ok(Math.abs(loaded.weights[17] * loaded.scale + 1.25) < 1e-3);
  assert.equal(loaded.weights[40], 0);
  assert.throws(() => deserializeModel({ ...data, entries: 3 }), /corrupt/);
});

test("the brat reader converts code points to UTF-16 and ties roles together", () => {
  const text = "🙂 Ana said it rained.";
  // Offsets count code points: the emoji is one.
  const ann = [
    "T1\tSource 2 5\tAna",
    "T2\tCue 6 10\tsaid",
    "T3\tContent 11 20\tit rained",
    "T4\tAttribution 6 10\tsaid",
    "T5\tDiscuss 0 1\tnote",
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
  ].join("\n");
  const [a] = parseBrat(text, ann);
  assert.equal(slice(text, a.source?.[0] ?? null), "Ana");
  assert.equal(slice(text, a.cue?.[0] ?? null), "said");
  assert.equal(slice(text, a.content[0]), "it rained");
});

const DEV = path.resolve(import.meta.dirname, "../../shared/data/polnear/dev/text");
test("runs on real articles without invalid spans", {
  skip: existsSync(DEV) ? false : "../shared/data absent",
}, async () => {
  const { readdirSync, readFileSync } = await import("node:fs");
  for (const file of readdirSync(DEV).sort().slice(0, 5)) {
    const text = readFileSync(path.join(DEV, file), "utf8");
    const found = extractAttributions(text);
    assert.ok(found.length > 0, file);
    assertValidSpans(text, found);
  }
});
