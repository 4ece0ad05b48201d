import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { combineAttributions, SpanIndex } from "../src/nlp/attribution-ensemble.ts";
import {
  DocFeatures,
  ROLE_CONTENT,
  ROLE_SOURCE,
  ruleRelation,
  tokenRange,
  wordClassesOf,
} from "../src/nlp/attribution-model/features.ts";
import {
  attributionModel,
  attributionWeights,
  extractAttributions,
  extractFromDoc,
} from "../src/nlp/attribution-model/index.ts";
import { deserializeModel, emptyModel, serializeModel } from "../src/nlp/attribution-model/model.ts";
import { assembleAttribution } from "../src/nlp/attribution-model/spans.ts";
import { type Attribution, Doc, runPipeline } from "../src/nlp/doc.ts";
import { quotes } from "../src/nlp/quotes.ts";
import { sentencizer } from "../src/nlp/sentencizer.ts";
import { tokenizer } from "../src/nlp/tokenizer.ts";
import { parseBrat } from "../training/attribution/polnear.ts";
import { sharedData } from "./shared-data.ts";

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
    assert.ok(["direct", "indirect", "partial"].includes(a.kind));
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

const dev = sharedData("polnear/dev/text");
const DEV = dev.path;
test("runs on real articles without invalid spans", {
  skip: dev.skip,
}, async () => {
  const { readdirSync, readFileSync } = await import("node:fs");
  for (const file of readdirSync(DEV).sort().slice(0, 5)) {
    const text = readFileSync(path.join(DEV, file), "utf8");
    const found = extractAttributions(text);
    assert.ok(found.length > 0, file);
    assertValidSpans(text, found);
  }
});

const span = (start: number, end: number) => ({ start, end });
const attribution = (
  source: [number, number] | null,
  cue: [number, number],
  ...content: Array<[number, number]>
): Attribution => ({
  source: source ? span(...source) : null,
  cue: span(...cue),
  content: content.map(([a, b]) => span(a, b)),
  kind: "indirect",
  speaker: null,
});

test("tokenRange maps character spans to the tokens whose midpoint they hold", () => {
  const doc = runPipeline(new Doc("Ana said it rained."), [tokenizer]);
  // Tokens: Ana(0-3) said(4-8) it(9-11) rained(12-18) .(18-19)
  assert.deepEqual(tokenRange(doc.tokens, span(4, 8)), [1, 1]);
  assert.deepEqual(tokenRange(doc.tokens, span(9, 19)), [2, 4]);
  assert.deepEqual(tokenRange(doc.tokens, span(7, 18)), [2, 3], "a token mostly outside is left out");
  assert.equal(tokenRange(doc.tokens, span(3, 4)), null, "the space between tokens holds none");
  assert.equal(tokenRange([], span(0, 5)), null);
});

test("rule output becomes features: cue BIO, roles, and the relation to the cue being tagged", () => {
  const text = "Ana Ruiz told reporters that it rained.";
  const doc = runPipeline(new Doc(text), [tokenizer, sentencizer]);
  const f = new DocFeatures(doc.tokens, doc.sentences, doc.paragraphs);
  assert.ok(
    f.ruleCue.every((x) => x === 0),
    "no rules, no rule features",
  );
  // Tokens: Ana Ruiz told reporters that it rained .
  f.useRules(doc.tokens, [attribution([0, 8], [9, 23], [24, 38])]);
  assert.deepEqual([...f.ruleCue], [0, 0, 1, 2, 0, 0, 0, 0]);
  assert.deepEqual([...f.ruleRole], [1, 1, 0, 0, 2, 2, 2, 0]);
  assert.equal(f.ruleOfToken[3], 0);
  const rule = f.rules[0];
  assert.equal(ruleRelation(f, rule, 0), 1);
  assert.equal(ruleRelation(f, rule, 5), 2);
  assert.equal(ruleRelation(f, rule, 7), 4);
  assert.equal(ruleRelation(f, null, 5), 10, "content of a rule attribution for another cue");
  // Running again replaces the previous rule layer rather than adding to it.
  f.useRules(doc.tokens, []);
  assert.ok(f.ruleRole.every((x) => x === 0) && f.rules.length === 0);
});

test("word classes: a function word's fixed tag, else the suffix; the shipped weights carry their table", () => {
  const text = "The Harbor minister said that the quay reopened.";
  const doc = runPipeline(new Doc(text), [tokenizer, sentencizer]);
  const classes = wordClassesOf([
    ["the", "DT"],
    ["that", "IN"],
  ]);
  const f = new DocFeatures(doc.tokens, doc.sentences, doc.paragraphs, classes);
  const at = (word: string, from = 0) => doc.tokens.findIndex((t, i) => i >= from && t.text === word);
  assert.equal(f.wordClass[at("The")], f.wordClass[at("the", 1)], "capitalised or not, one class");
  // The class is kept as a signed 32-bit integer, like every hash in the feature arrays.
  assert.equal(f.wordClass[at("The")], (classes.get("the") ?? 0) | 0);
  assert.notEqual(f.wordClass[at("that")], f.wordClass[at("The")]);
  assert.equal(
    f.wordClass[at("reopened")],
    f.suffix[at("reopened")],
    "an unlisted word falls back to its suffix",
  );
  const shipped = attributionWeights().wordClasses;
  assert.ok(shipped.size > 100, "the weights file lists the word classes they were trained with");
  assert.equal(shipped.get("the"), classes.get("the"));
});

test("SpanIndex finds overlaps, not mere adjacency, among nested and unsorted spans", () => {
  const index = new SpanIndex([
    { span: span(50, 60), item: "c" },
    { span: span(0, 100), item: "a" },
    { span: span(10, 20), item: "b" },
  ]);
  assert.equal(index.firstOverlap(span(55, 56)), "c");
  assert.equal(index.firstOverlap(span(15, 16)), "b");
  assert.equal(index.firstOverlap(span(30, 40)), "a", "found through the running maximum end");
  assert.equal(index.firstOverlap(span(100, 120)), undefined, "touching at an edge is no overlap");
  assert.equal(new SpanIndex<string>([]).firstOverlap(span(0, 1)), undefined);
});

test("the merge keeps learned attributions, fills their gaps from the rules and adds rule-only ones", () => {
  // Character offsets only: the merge never reads the text.
  const ruleSame = attribution([0, 5], [6, 10], [11, 50]);
  const ruleOnly = attribution([100, 105], [106, 110], [111, 140]);
  const ruleInsideLearnedContent = attribution(null, [220, 225], [226, 240]);
  const learnedSame = attribution(null, [6, 10], [11, 48]);
  const learnedOnly = attribution([300, 305], [306, 310], [311, 330]);
  const learnedWide = attribution([200, 205], [206, 210], [211, 260]);
  const merged = combineAttributions(
    [ruleSame, ruleOnly, ruleInsideLearnedContent],
    [learnedOnly, learnedSame, learnedWide],
  );
  assert.deepEqual(
    merged.map((a) => a.cue?.start),
    [6, 106, 206, 306],
    "in text order, and the rule cue inside learned content is dropped",
  );
  const [same] = merged;
  assert.deepEqual(same.source, span(0, 5), "the rule's source fills a missing one");
  assert.deepEqual(same.content, [span(11, 50)], "nearly equal contents take the rule's edges");
  const disagreeing = combineAttributions(
    [attribution(null, [6, 10], [11, 20])],
    [attribution([0, 5], [6, 10], [11, 48])],
  );
  assert.deepEqual(disagreeing[0].content, [span(11, 48)], "the learned content wins a real disagreement");
  assert.deepEqual(disagreeing[0].source, span(0, 5));
  const intoCue = combineAttributions(
    [attribution([0, 5], [6, 14], [15, 60])],
    [attribution([0, 5], [6, 21], [22, 60])],
  );
  assert.deepEqual(
    intoCue[0].content,
    [span(22, 60)],
    "rule content reaching into the learned cue is not taken",
  );
  assert.deepEqual(combineAttributions([], []), []);
});

test("the learned extractor reads the rules: the same doc with and without them can differ, never invalidly", () => {
  const text = `Tomas Reyes told reporters that the city expected a surplus. "It's a gimmick," said Priya Nand.`;
  const doc = runPipeline(new Doc(text), [tokenizer, sentencizer, quotes]);
  const withRules = extractFromDoc(doc);
  const without = extractFromDoc(doc, undefined, []);
  assertValidSpans(text, withRules);
  assertValidSpans(text, without);
  assert.ok(withRules.some((a) => slice(text, a.cue) === "told"));
});

test("source edges lose stray punctuation but keep the bracket closing a party tag", () => {
  const text = "- Sen. Al Roy (R-Fla.), said the port will reopen.";
  const doc = runPipeline(new Doc(text), [tokenizer, sentencizer, quotes]);
  const index = (word: string) => doc.tokens.findIndex((t) => t.text === word);
  const cue = index("said");
  const labels = new Uint8Array(doc.tokens.length);
  for (let i = 0; i < cue - 1; i++) labels[i] = ROLE_SOURCE; // the dash through the closing ")"
  for (let i = cue + 1; i < doc.tokens.length - 1; i++) labels[i] = ROLE_CONTENT;
  const a = assembleAttribution(doc.tokens, doc.quotes, [cue, cue], [0, doc.tokens.length], labels);
  assert.equal(slice(text, a?.source ?? null), "Sen. Al Roy (R-Fla.)");
  labels[index(")")] = 0;
  const cut = assembleAttribution(doc.tokens, doc.quotes, [cue, cue], [0, doc.tokens.length], labels);
  assert.equal(slice(text, cut?.source ?? null), "Sen. Al Roy (R-Fla.)", "the bracket is found past the run");
});
