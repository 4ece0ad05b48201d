import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { Doc, runPipeline } from "../src/nlp/doc.ts";
import { formatConll, parseConll } from "../src/nlp/ner/conll.ts";
import { normalizeToken, shape } from "../src/nlp/ner/features.ts";
import { defaultModel, ner, recognizeEntities, tagConll } from "../src/nlp/ner/index.ts";
import { spansToBilou, spansToBio, tagsToSpans } from "../src/nlp/ner/tags.ts";
import { sentencizer } from "../src/nlp/sentencizer.ts";
import { tokenizer } from "../src/nlp/tokenizer.ts";
import { sharedData } from "./shared-data.ts";

const conll = sharedData("conll2003/eng.testa");
const conllDir = path.dirname(conll.path);

function entitiesOf(text: string): string[] {
  const doc = runPipeline(new Doc(text), [tokenizer, sentencizer, ner]);
  return doc.entities.map((e) => `${doc.slice(e)}/${e.type}`);
}

test("the committed model loads with two stages and a gazetteer", () => {
  const model = defaultModel();
  assert.equal(model.stages.length, 2);
  assert.ok(model.stages[0].featureIndex.size > 1000);
  assert.ok(model.resources.gazetteer.size > 1000);
});

test("finds a titled person, a ministry and a city in a made-up sentence", () => {
  const found = entitiesOf(
    "Sen. Marla Quintero said the Ministry of Energy would open an office in Lisbon next year.",
  );
  assert.ok(found.includes("Marla Quintero/PER"), found.join());
  assert.ok(found.includes("Ministry of Energy/ORG"), found.join());
  assert.ok(found.includes("Lisbon/LOC"), found.join());
  assert.ok(!found.some((e) => e.startsWith("Sen.")), "the title is not part of the name");
});

test("curly quotes and glued possessives stay outside entities", () => {
  const found = entitiesOf(
    "“We will not back down,” said Tobias Whitcombe of the Department of Agriculture’s press office.",
  );
  assert.ok(found.includes("Tobias Whitcombe/PER"), found.join());
  assert.ok(found.includes("Department of Agriculture/ORG"), found.join());
});

test("entity offsets index into the text on token boundaries", () => {
  const text =
    "In Geneva, Helga Varnsdottir met officials from the World Trade Organization and Oxfam.\n\nShe left for Nairobi.";
  const doc = runPipeline(new Doc(text), [tokenizer, sentencizer, ner]);
  assert.ok(doc.entities.length >= 3);
  for (const entity of doc.entities) {
    assert.ok(entity.start >= 0 && entity.end <= text.length && entity.start < entity.end);
    assert.equal(text.slice(entity.start, entity.end).trim(), text.slice(entity.start, entity.end));
    assert.ok(
      doc.tokens.some((t) => t.start === entity.start),
      "starts on a token",
    );
  }
  const names = doc.entities.map((e) => doc.slice(e));
  assert.ok(names.includes("Helga Varnsdottir"), names.join());
  assert.ok(names.includes("Nairobi"), names.join());
});

test("empty, blank and punctuation-only input give no entities", () => {
  for (const text of ["", "   \n\n ", "... !!! ---"]) {
    assert.deepEqual(recognizeEntities(runPipeline(new Doc(text), [tokenizer, sentencizer])), []);
  }
  // A doc whose sentence layer was never filled is still tagged (tokens grouped as one run).
  const doc = new Doc("Talks with Ruritania stalled.");
  tokenizer.run(doc);
  assert.ok(recognizeEntities(doc).some((e) => doc.slice(e) === "Ruritania"));
});

test("a single very long sentence does not throw", () => {
  const text = Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? "Paris" : "and")).join(" ");
  const doc = runPipeline(new Doc(text), [tokenizer, sentencizer, ner]);
  assert.equal(doc.sentences.length, 1);
  for (const e of doc.entities) assert.equal(doc.slice(e), "Paris");
});

test("CoNLL reader and writer round-trip documents, sentences and tags", () => {
  const text = [
    "-DOCSTART- -X- O O",
    "",
    "Zorbia NNP I-NP I-LOC",
    "wins VBZ I-VP O",
    "",
    "Ana NNP I-NP I-PER",
    "Pell NNP I-NP I-PER",
    "",
    "-DOCSTART- -X- O O",
    "",
    "Quux NNP I-NP I-ORG",
    "Corp NNP I-NP B-ORG",
    "",
  ].join("\n");
  const documents = parseConll(text);
  assert.equal(documents.length, 2);
  assert.deepEqual(documents[0].sentences[1], { tokens: ["Ana", "Pell"], tags: ["I-PER", "I-PER"] });
  assert.deepEqual(parseConll(formatConll(documents)), documents);
  assert.deepEqual(parseConll(""), []);
});

test("tag schemes: IOB1 B- splits adjacent entities; BILOU and BIO encode the same spans", () => {
  const spans = tagsToSpans(["I-ORG", "B-ORG", "O", "I-PER", "I-PER", "I-LOC"]);
  assert.deepEqual(spans, [
    { start: 0, end: 1, type: "ORG" },
    { start: 1, end: 2, type: "ORG" },
    { start: 3, end: 5, type: "PER" },
    { start: 5, end: 6, type: "LOC" },
  ]);
  assert.deepEqual(spansToBilou(spans, 6), ["U-ORG", "U-ORG", "O", "B-PER", "L-PER", "U-LOC"]);
  assert.deepEqual(spansToBio(spans, 6), ["B-ORG", "B-ORG", "O", "B-PER", "I-PER", "B-LOC"]);
  assert.deepEqual(tagsToSpans(spansToBilou(spans, 6)), spans);
  assert.deepEqual(tagsToSpans(["B-FOO", "O"]), [], "unknown types are ignored");
});

test("token normalisation and shapes", () => {
  assert.equal(normalizeToken("’s"), "'s");
  assert.equal(normalizeToken("“"), '"');
  assert.equal(shape("McDonald"), "XxXx");
  assert.equal(shape("U.S."), "X.X.");
  assert.equal(shape("1996-08-22"), "d-d-d");
});

test("tags the first CoNLL development documents well", {
  skip: conll.skip,
}, () => {
  const documents = parseConll(readFileSync(path.join(conllDir, "eng.testa"), "utf8")).slice(0, 30);
  const predicted = tagConll(defaultModel(), documents);
  let correct = 0;
  let goldCount = 0;
  let predictedCount = 0;
  documents.forEach((document, d) => {
    document.sentences.forEach((sentence, s) => {
      const gold = new Set(tagsToSpans(sentence.tags).map((x) => `${x.type}:${x.start}:${x.end}`));
      const mine = tagsToSpans(predicted[d][s]).map((x) => `${x.type}:${x.start}:${x.end}`);
      goldCount += gold.size;
      predictedCount += mine.length;
      correct += mine.filter((x) => gold.has(x)).length;
    });
  });
  const f1 = (2 * correct) / (goldCount + predictedCount);
  assert.ok(f1 > 0.85, `F1 ${f1.toFixed(3)} on the first 30 documents`);
});
