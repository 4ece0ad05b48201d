import assert from "node:assert/strict";
import { test } from "node:test";
import { cleanText } from "../src/clean/clean.ts";
import { CANDIDATES, MODEL_ATTRIBUTIONS, RULE_ATTRIBUTIONS } from "../src/nlp/attribution-stages.ts";
import { Doc, layerKey } from "../src/nlp/doc.ts";
import {
  analyze,
  componentNames,
  defaultPipeline,
  EXTRACTION_SPECS,
  extractionWith,
  pipelineFrom,
} from "../src/nlp/pipeline.ts";
import { HINT_ALIASES, NAME_HINTS } from "../src/nlp/speakers.ts";
import { processArticle } from "../src/process.ts";

const TEXT =
  '"We will not raise the toll," Mayor Lena Ortiz said on Tuesday. Critics said the plan was shortsighted. ' +
  "Ortiz told reporters she would not resign.";

test("a pipeline is built from plain data and describes itself as the same data", () => {
  const spec = JSON.parse(JSON.stringify([...EXTRACTION_SPECS.combined, "speakers"]));
  const pipeline = pipelineFrom(spec);
  assert.deepEqual(pipeline.spec, spec);
  assert.deepEqual(pipeline.names(), defaultPipeline.names());
  assert.deepEqual(analyze(TEXT, pipeline).attributions, analyze(TEXT).attributions);
  assert.deepEqual([...pipelineFrom(["tokenizer", "sentencizer"]).layers()].sort(), [
    "paragraphs",
    "sentences",
    "tokens",
  ]);
  for (const name of ["tokenizer", "rules", "tagger", "merge", "filter", "speakers", "ner", "pos"]) {
    assert.ok(componentNames().includes(name), name);
  }
});

test("building a pipeline checks that every needed layer is written earlier, naming both", () => {
  assert.throws(
    () => pipelineFrom(["sentencizer", "tokenizer"]),
    /component "sentencizer" needs layer "tokens", which no earlier component writes \(component "tokenizer" writes it later/,
  );
  assert.throws(
    () => pipelineFrom(["tokenizer", "sentencizer", "quotes", "merge"]),
    /component "merge" needs layer "ruleAttributions", which no earlier component writes \(no component in the pipeline writes it\)/,
  );
  // The rules writing `attributions` do not feed the tagger, which needs the rules' own layer.
  assert.throws(
    () =>
      pipelineFrom([
        "tokenizer",
        "sentencizer",
        "quotes",
        { name: "rules", config: { output: "attributions" } },
        "tagger",
      ]),
    /component "tagger" needs layer "ruleAttributions"/,
  );
});

test("unknown components and options are errors naming them", () => {
  assert.throws(
    () => pipelineFrom(["tokenizer", "parser"]),
    /pipeline step 2: no component "parser" \(known: tokenizer,/,
  );
  assert.throws(
    () => pipelineFrom(["tokenizer", { name: "sentencizer", config: { language: "de" } }]),
    /component "sentencizer": unknown option "language"/,
  );
  assert.throws(
    () => pipelineFrom([...EXTRACTION_SPECS.combined, { name: "speakers", config: { corefModel: "yes" } }]),
    /component "speakers": option "corefModel" must be true or false/,
  );
  assert.throws(
    () =>
      pipelineFrom(["tokenizer", "sentencizer", "quotes", { name: "rules", config: { output: "speakers" } }]),
    /option "output" must be one of ruleAttributions, attributions/,
  );
});

test("a pipeline runs up to any attribution stage, each stage's result in its own layer", () => {
  const combined = extractionWith("combined");
  const rules = analyze(TEXT, combined.upTo("rules"));
  assert.ok((rules.get(RULE_ATTRIBUTIONS)?.length ?? 0) > 0, "the rules found attributions");
  assert.deepEqual(rules.attributions, [], "nothing past the rules ran");
  assert.equal(rules.get(MODEL_ATTRIBUTIONS), undefined);

  const merged = analyze(TEXT, combined.upTo("merge"));
  const candidates = merged.get(CANDIDATES) ?? [];
  assert.ok(candidates.length >= (merged.get(MODEL_ATTRIBUTIONS)?.length ?? 0));

  const filtered = analyze(TEXT, combined.upTo("filter")).attributions;
  assert.ok(
    filtered.every((a) => a.confidence !== undefined),
    "the filter gives each kept one a confidence",
  );
  assert.ok(filtered.length <= candidates.length);

  // The last stage's output is the whole extractor's.
  assert.deepEqual(
    analyze(TEXT, combined.upTo("statementFixes")).attributions,
    analyze(TEXT, combined).attributions,
  );
  assert.throws(() => combined.upTo("speakers"), /pipeline has no component "speakers" \(it has tokenizer,/);
});

test("the open layer map: typed keys, field layers refused, a missing layer named", () => {
  const doc = new Doc("text");
  const key = layerKey<number[]>("counts");
  assert.equal(doc.get(key), undefined);
  doc.set(key, [1, 2]);
  assert.deepEqual(doc.get(key), [1, 2]);
  assert.deepEqual(doc.openLayers(), ["counts"]);
  assert.throws(() => layerKey("tokens"), /layer "tokens" is a field of the Doc/);
  assert.throws(
    () => new Doc("x").require(RULE_ATTRIBUTIONS, "tagger"),
    /component "tagger" needs layer "ruleAttributions", which is not set/,
  );
});

test("hover-card names are a layer set before the pipeline; speakers read it and write hintAliases", () => {
  const text = "President Quorn said the tariff was fair. Quorn said it would stay.";
  const at = text.indexOf("Quorn");
  const doc = analyze(
    new Doc(text).set(NAME_HINTS, [{ span: { start: at, end: at + 5 }, fullName: "Aldous Bertram Quorn" }]),
  );
  assert.equal(doc.attributions[0]?.speaker?.name, "Aldous Quorn");
  assert.deepEqual(doc.get(HINT_ALIASES)?.get("Aldous Quorn"), ["Aldous Bertram Quorn"]);
  // Without the layer, the same text names only the surname.
  assert.equal(analyze(text).attributions[0]?.speaker?.name, "Quorn");
});

test("ingest runs the default pipeline: processArticle's attributions are analyze()'s, hover cards as a layer", () => {
  const raw =
    "President QuornAldous Bertram QuornFirst headline Second headline MORE said the tariff was fair. " +
    "Quorn said it would stay.";
  const processed = processArticle({ text: raw, origin: "test", format: "text" });
  const cleaned = cleanText(raw);
  const doc = analyze(new Doc(cleaned.text).set(NAME_HINTS, cleaned.hoverNames ?? []));
  assert.deepEqual(
    processed.statements.map((s) => [s.cue, s.speaker]),
    doc.attributions.map((a) => [a.cue, a.speaker]),
  );
  assert.deepEqual(
    processed.statements.map((s) => s.speaker?.name),
    ["Aldous Quorn", "Aldous Quorn"],
    "the hover card names the surname in full",
  );
  const person = processed.people.find((p) => p.name === "Aldous Quorn");
  assert.deepEqual(
    person?.hoverNames,
    ["Aldous Bertram Quorn"],
    "the hover card's full name reached the record",
  );
});

test("an article in another language runs the sentences-only pipeline: no statements and no people", () => {
  const german =
    "Die Digitalisierung im Gesundheitswesen schreitet voran. Kommen Sie zu unserer Veranstaltung, sagte der " +
    "Sprecher des Verbandes am Montag in Berlin. Die Akte soll allen Patienten zur Verfügung stehen, und die " +
    "Daten sollen sicher gespeichert werden. Der Patient entscheidet selbst, wer seine Daten sehen darf.";
  const processed = processArticle({ text: german, origin: "test", format: "text" });
  assert.equal(processed.language, "deu");
  assert.deepEqual(processed.statements, []);
  assert.deepEqual(processed.people, [], "capitalised German nouns are not people");
});
