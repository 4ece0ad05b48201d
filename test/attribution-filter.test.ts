import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { combineCandidates, keepLikely } from "../src/nlp/attribution-ensemble.ts";
import {
  attributionFeatures,
  FILTER_FORMAT,
  type FilterModel,
  filterModel,
  loadFilter,
  probability,
} from "../src/nlp/attribution-filter.ts";
import { DocFeatures } from "../src/nlp/attribution-model/features.ts";
import { type Attribution, Doc, runPipeline, type Span } from "../src/nlp/doc.ts";
import { analyze, extractionWith } from "../src/nlp/pipeline.ts";
import { quotes } from "../src/nlp/quotes.ts";
import { sentencizer } from "../src/nlp/sentencizer.ts";
import { tokenizer } from "../src/nlp/tokenizer.ts";
import { scorerMatches } from "../training/attribution/filter.ts";
import type { GoldArticle } from "../training/attribution/polnear.ts";
import { attributionIn } from "./spans-helper.ts";

const span = (start: number, end: number): Span => ({ start, end });

const prepare = (text: string) => runPipeline(new Doc(text), [tokenizer, sentencizer, quotes]);

test("the committed filter loads, with a threshold and weights", () => {
  const model = filterModel();
  assert.equal(model.format, FILTER_FORMAT);
  assert.ok(model.threshold >= 0 && model.threshold < 1);
  assert.ok(Object.keys(model.weights).length > 100);
});

test("a filter file of another format is refused with its name", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "onrecord-filter-"));
  const file = path.join(dir, "filter.json.gz");
  writeFileSync(file, gzipSync(JSON.stringify({ format: "something/9", threshold: 0, weights: {} })));
  assert.throws(() => loadFilter(file), /attribution filter: unknown format something\/9/);
  writeFileSync(file, "not gzip");
  assert.throws(() => loadFilter(file));
});

test("features describe the whole attribution: origin, source kind, content, cue inside a quotation", () => {
  const text = `The mayor said that taxes would fall. "We said no," she added, "and we meant it."`;
  const indirect = attributionIn(text, "The mayor", "said", "that taxes would fall");
  const features = attributionFeatures(text, indirect, { byRules: true, byTagger: false });
  for (const expected of ["from=rules", "source=the-capitalised", "source-side=before", "content-first=that"])
    assert.ok(features.includes(expected), expected);
  assert.ok(features.includes("cue-in-quote=0"));
  // "said" inside the quotation "We said no," is a quoted word, not a cue of the article.
  const quoted = { ...indirect, cue: span(text.indexOf("We said") + 3, text.indexOf("We said") + 7) };
  assert.ok(attributionFeatures(text, quoted, { byRules: false, byTagger: true }).includes("cue-in-quote=1"));
  const pronoun = attributionIn(text, "she", "added", "and we meant it.");
  const pronounFeatures = attributionFeatures(text, pronoun, { byRules: true, byTagger: true });
  assert.ok(pronounFeatures.includes("source-word=pronoun:she") && pronounFeatures.includes("from=both"));
  assert.ok(pronounFeatures.includes("source-side=before"));
});

test("'' quote marks are not part of the content's first word", () => {
  const text = "Mr. Lane said, ''Costs will fall.''";
  const a = attributionIn(text, "Mr. Lane", "said", "''Costs will fall.''");
  assert.ok(attributionFeatures(text, a, { byRules: true, byTagger: true }).includes("content-first=costs"));
});

test("keepLikely keeps exactly the candidates at or above the threshold", () => {
  const text = "Ana Ruiz said the plan works. Ben Ode noted it fails.";
  const rules = [attributionIn(text, "Ana Ruiz", "said", "the plan works")];
  const learned = [attributionIn(text, "Ben Ode", "noted", "it fails")];
  const candidates = combineCandidates(rules, learned);
  assert.deepEqual(
    candidates.map((c) => c.origin),
    [
      { byRules: true, byTagger: false },
      { byRules: false, byTagger: true },
    ],
  );
  const model: FilterModel = {
    format: FILTER_FORMAT,
    trainedOn: "test",
    threshold: 0.5,
    weights: { bias: -3, "from=rules": 6 },
  };
  const ruleProbability = probability(model, ["bias", "from=rules"]);
  assert.ok(ruleProbability > 0.9);
  assert.deepEqual(keepLikely(text, candidates, model), [
    { ...rules[0], confidence: Math.round(ruleProbability * 100) / 100 },
  ]);
  assert.deepEqual(
    keepLikely(text, candidates, { ...model, threshold: 0 }).map((a) => a.confidence),
    [0.95, 0.05],
    "each kept attribution carries its probability, rounded to two decimals",
  );
  assert.deepEqual(keepLikely(text, [], model), []);
});

test("the default extractor keeps a plain reported quote after filtering", () => {
  const text = `"The bridge will open in May," said Mayor Ilse Brandt.`;
  const doc = analyze(text, extractionWith("combined"));
  const found = doc.attributions.find((a) => a.cue && text.slice(a.cue.start, a.cue.end) === "said");
  assert.ok(found, "the quote is kept");
  assert.equal(found.source && text.slice(found.source.start, found.source.end), "Mayor Ilse Brandt");
  const threshold = filterModel().threshold;
  assert.ok(
    found.confidence !== undefined && found.confidence >= threshold && found.confidence <= 1,
    `confidence ${found.confidence} lies between the filter threshold ${threshold} and 1`,
  );
});

test("touching apostrophes act as one double quote mark in the tagger's quote state", () => {
  const text = "He said ''it works,'' and left.";
  const doc = prepare(text);
  const f = new DocFeatures(doc.tokens, doc.sentences, doc.paragraphs);
  const index = (word: string) => doc.tokens.findIndex((t) => t.text === word);
  assert.equal(f.inQuote[index("it")], 1);
  assert.equal(f.inQuote[index("works")], 1);
  assert.equal(f.inQuote[index("left")], 0, "the closing pair ends the quotation");
  assert.equal(f.quotesBefore[doc.tokens.length], 2, "one opening and one closing mark, not four");
});

test("training labels follow the scorer: one gold attribution matches one prediction, sources must agree", () => {
  const text = "Ana Ruiz said the plan works well.";
  const gold = attributionIn(text, "Ana Ruiz", "said", "the plan works well");
  const article: GoldArticle = {
    name: "x",
    text,
    attributions: [
      { source: gold.source && [gold.source], cue: gold.cue && [gold.cue], content: gold.content },
    ],
  };
  const candidate = (a: Attribution) => ({ attribution: a, origin: { byRules: true, byTagger: true } });
  const right = attributionIn(text, "Ruiz", "said", "the plan works");
  const noSource = { ...right, source: null };
  const shortContent = attributionIn(text, "Ana Ruiz", "said", "the");
  assert.deepEqual(
    scorerMatches({ article, candidates: [right, right, noSource, shortContent].map(candidate) }),
    [true, false, false, false],
  );
});
