import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { analyzeSyntax, roleOf } from "../src/nlp/coref/syntax.ts";
import { Doc } from "../src/nlp/doc.ts";
import { chunk, conllTokens, posTagger, tagPos, tagTokens } from "../src/nlp/pos/index.ts";
import { AveragedPerceptron, parseWeights, serializeWeights } from "../src/nlp/pos/perceptron.ts";
import { bioSpans, iob1ToBio } from "../src/nlp/pos/tagger.ts";
import { sentencizer } from "../src/nlp/sentencizer.ts";
import { tokenize, tokenizer } from "../src/nlp/tokenizer.ts";
import { sharedData } from "./shared-data.ts";

const conll = sharedData("conll2003");
const conllDir = conll.path;

const words = (s: string) => s.split(" ");

test("tags a plain news sentence with Penn Treebank tags", () => {
  const w = words("The committee approved the new budget on Tuesday .");
  assert.deepEqual(tagPos(w), ["DT", "NN", "VBD", "DT", "JJ", "NN", "IN", "NNP", "."]);
});

test("chunks a tagged sentence into NP, VP and PP spans", () => {
  const w = words("The committee approved the new budget on Tuesday .");
  const spans = chunk(w, tagPos(w)).map((c) => `${c.type}:${c.start}-${c.end}`);
  assert.deepEqual(spans, ["NP:0-2", "VP:2-3", "NP:3-6", "PP:6-7", "NP:7-8"]);
});

test("tells object 'her' from possessive 'her'", () => {
  assert.equal(tagPos(words("Orla Venn sent her to a school in Dublin ."))[3], "PRP");
  assert.equal(tagPos(words("Orla Venn met her brother in Dublin ."))[3], "PRP$");
});

test("empty input gives empty output, and mismatched tags are rejected", () => {
  assert.deepEqual(tagPos([]), []);
  assert.deepEqual(chunk([], []), []);
  assert.throws(() => chunk(["two", "words"], ["CD"]), RangeError);
});

test("our tokens: a glued possessive and curly quotes are tagged like CoNLL's forms", () => {
  const tokens = tokenize("Maria’s brother said “no” again.");
  const split = conllTokens(tokens);
  assert.deepEqual(
    split.tokens.map((t) => t.text),
    ["Maria", "’s", "brother", "said", "“", "no", "”", "again", "."],
  );
  assert.deepEqual(split.owner.slice(0, 3), [0, 0, 1]);
  const tags = tagTokens(tokens);
  assert.equal(tags.length, tokens.length);
  assert.equal(tags[0], "NNP");
  assert.equal(tags[2], "VBD");
  assert.equal(tags[3], '"');
});

test("the posTagger component sets pos on every token of every sentence", () => {
  const doc = new Doc("Tomas Lund painted the harbour. He sold it in May.");
  tokenizer.run(doc);
  sentencizer.run(doc);
  posTagger.run(doc);
  assert.ok(doc.tokens.every((t) => typeof t.pos === "string" && t.pos.length > 0));
  assert.equal(doc.tokens.find((t) => t.text === "He")?.pos, "PRP");
  assert.equal(doc.tokens.find((t) => t.text === "painted")?.pos, "VBD");
});

test("IOB1 chunk columns become BIO, and BIO tags become spans", () => {
  assert.deepEqual(iob1ToBio(["I-NP", "I-NP", "B-NP", "I-VP", "O", "I-PP"]), [
    "B-NP",
    "I-NP",
    "B-NP",
    "B-VP",
    "O",
    "B-PP",
  ]);
  assert.deepEqual(bioSpans(["B-NP", "I-NP", "B-NP", "I-VP", "O"]), [
    { start: 0, end: 2, type: "NP" },
    { start: 2, end: 3, type: "NP" },
    { start: 3, end: 4, type: "VP" },
  ]);
});

test("perceptron weights survive serialisation and a headerless file is refused", () => {
  const p = new AveragedPerceptron(["A", "B"]);
  for (let i = 0; i < 5; i++) {
    p.update(0, 1, ["x"]);
    p.update(1, 0, ["y"]);
  }
  p.average();
  const loaded = parseWeights(serializeWeights(p.classes, p.weights, 100, 1));
  assert.deepEqual(loaded.classes, ["A", "B"]);
  assert.ok((loaded.weights.get("x")?.[0] ?? 0) > 0);
  assert.ok((loaded.weights.get("y")?.[1] ?? 0) > 0);
  assert.throws(() => parseWeights(""), /no class header/);
});

test("chunk roles: subject before the verb, object after it, oblique after a preposition", () => {
  const tokens = tokenize("Anna Berg thanked Clara for the gift.");
  const syntax = analyzeSyntax(tokens, [[0, tokens.length]]);
  const sentenceOf = tokens.map(() => 0);
  assert.equal(roleOf(syntax, tokens, sentenceOf, 0, 1), "subject");
  assert.equal(roleOf(syntax, tokens, sentenceOf, 3, 3), "object");
  assert.equal(roleOf(syntax, tokens, sentenceOf, 6, 6), "oblique");
});

test("CoNLL-2003 dev file: POS accuracy and chunk F1 stay near the trained figures", {
  skip: conll.skip,
}, async () => {
  const { readConll, evaluate } = await import("../training/pos/train.ts");
  const { defaultPosModels } = await import("../src/nlp/pos/index.ts");
  const sentences = readConll(path.join(conllDir, "eng.testa")).slice(0, 600);
  const r = evaluate(defaultPosModels(), sentences);
  assert.ok(r.posAccuracy > 0.92, `POS accuracy ${r.posAccuracy}`);
  assert.ok(r.chunkF1 > 0.88, `chunk F1 ${r.chunkF1}`);
});
