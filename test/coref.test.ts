import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { extractFeatures, pronounRole, splitPossessives, titleWords } from "../src/nlp/coref/features.ts";
import { gapGold, gapOptions, predictGap } from "../src/nlp/coref/gap.ts";
import { formatGapPredictions, parseGap } from "../src/nlp/coref/gap-file.ts";
import { defaultModel, loadModel, resolvePronoun } from "../src/nlp/coref/index.ts";
import { blendScores, softmax, train } from "../src/nlp/coref/model.ts";
import { guessGender } from "../src/nlp/coref/names.ts";
import { analyzeSyntax, roleOf } from "../src/nlp/coref/syntax.ts";
import { type BoostExample, boostedScores, trainBoosted, treeInputs } from "../src/nlp/coref/trees.ts";
import type { Span } from "../src/nlp/doc.ts";
import { tokenize } from "../src/nlp/tokenizer.ts";
import { applyEdits, mapOffset, nameSwap, swapEdits, swapGapExample } from "../training/gap/swap.ts";
import { sharedData } from "./shared-data.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const gap = sharedData("gap");
const gapDir = gap.path;

/** The span of the nth occurrence of `word` in `text`. */
function at(text: string, word: string, nth = 0): Span {
  let index = -1;
  for (let k = 0; k <= nth; k++) index = text.indexOf(word, index + 1);
  assert.ok(index >= 0, `"${word}" not in text`);
  return { start: index, end: index + word.length };
}

function resolve(text: string, pronoun: Span, names: string[], url?: string, useGender = true) {
  const candidates = names.map((name) => ({ ...at(text, name), name }));
  return resolvePronoun(text, pronoun, candidates, { url, useGender });
}

// Fictional paragraphs where a reader has no doubt about the referent.
test("a possessive after the page subject's sentence refers to the subject named in the URL", () => {
  const text =
    "Halvard Brenn is a Norwegian sculptor. Brenn studied in Bergen under Tomas Lund. His early works were carved from driftwood.";
  const r = resolve(
    text,
    at(text, "His"),
    ["Brenn", "Tomas Lund"],
    "http://en.wikipedia.org/wiki/Halvard_Brenn",
  );
  assert.equal(r.candidate, 0);
  assert.equal(r.scores.length, 2);
  assert.ok(Math.abs(r.scores[0] + r.scores[1] + r.none - 1) < 1e-9);
});

test("an object pronoun does not refer to the subject of its own clause", () => {
  const text =
    "Greta Moll founded the Lantern Theatre in 1951. Moll directed every production until 1970, when Ilse Sand replaced her as director.";
  assert.equal(resolve(text, at(text, "her"), ["Greta Moll", "Ilse Sand"]).candidate, 0);
});

test("a sentence-initial subject pronoun continues the previous subject", () => {
  const text =
    "The council chair, Rosa Tein, opened the meeting. Tein thanked Mara Ostby for the report. She then called the first vote.";
  assert.equal(resolve(text, at(text, "She"), ["Rosa Tein", "Mara Ostby"]).candidate, 0);
});

test("a news 'he said' after a quote resolves to the speaker of the paragraph", () => {
  const text =
    '"We will not close the plant," said Daniel Koss, the chief executive. Koss met union leader Peter Ahl on Monday. "The talks went well," he said.';
  assert.equal(resolve(text, at(text, "he", 1), ["Daniel Koss", "Peter Ahl"]).candidate, 0);
});

test("a candidate of the other gender is ruled out when gender is used, and only then", () => {
  const text =
    'Senator Anna Pike criticised the bill on Tuesday, while Mr. Olav Brun defended it. "This is a mistake," she said.';
  const names = ["Anna Pike", "Mr. Olav Brun"];
  const withGender = resolve(text, at(text, "she"), names);
  assert.equal(withGender.candidate, 0);
  assert.equal(withGender.scores[1], 0);
  const without = resolve(text, at(text, "she"), names, undefined, false);
  assert.ok(without.scores[1] > 0);
  assert.equal(guessGender("Mrs. Pike"), "F");
  assert.equal(guessGender("Pike"), null);
});

test("resolvePronoun rejects spans outside the text and answers none without candidates", () => {
  const text = "He left.";
  assert.throws(() => resolvePronoun(text, { start: 0, end: 40 }, []), RangeError);
  assert.throws(
    () => resolvePronoun(text, { start: 0, end: 2 }, [{ start: 5, end: 50, name: "X" }]),
    RangeError,
  );
  assert.deepEqual(resolvePronoun(text, { start: 0, end: 2 }, []), { candidate: -1, scores: [], none: 1 });
});

test("features: possessives split off names, 'her' role from the next word, URL title words", () => {
  assert.deepEqual(
    splitPossessives(tokenize("Maria's mother and the Smiths' house")).map((t) => t.text),
    ["Maria", "'s", "mother", "and", "the", "Smiths", "'", "house"],
  );
  assert.equal(pronounRole("her", "brother"), "poss");
  assert.equal(pronounRole("her", "to"), "obj");
  assert.equal(pronounRole("her", "."), "obj");
  assert.equal(pronounRole("He", "said"), "subj");
  assert.deepEqual(
    [...titleWords("http://en.wikipedia.org/wiki/Jos%C3%A9_Ferro_(painter)")],
    ["José", "Ferro"],
  );
  assert.deepEqual([...titleWords("http://x/wiki/Bad%E0_Name")], ["Bad%E0", "Name"]);
});

test("features: each candidate sees the words right before and after its nearest mention", () => {
  const text = "Vera Lind thanked coach Ida Holm, who smiled at her.";
  const { candidates, none } = extractFeatures(text, at(text, "her"), [
    { ...at(text, "Vera Lind"), name: "Vera Lind" },
    { ...at(text, "Ida Holm"), name: "Ida Holm" },
  ]);
  const lexical = (f: Map<string, number>) => [...f.keys()].filter((k) => k.startsWith("lex-")).sort();
  // At the very start of the text there is no previous word: a boundary marker stands in.
  assert.deepEqual(lexical(candidates[0]), ["lex-next:thanked", "lex-prev:<s>"]);
  assert.deepEqual(lexical(candidates[1]), ["lex-next:,", "lex-prev:coach"]);
  assert.deepEqual(lexical(none), []);
});

const HEADER = "ID\tText\tPronoun\tPronoun-offset\tA\tA-offset\tA-coref\tB\tB-offset\tB-coref\tURL";
const TEXT = "Lena Voss met Kai Ruud. She smiled.";

test("the reader parses labelled rows and the writer writes the scorer's exact format", () => {
  const row = [
    "ex-1",
    TEXT,
    "She",
    "24",
    "Lena Voss",
    "0",
    "TRUE",
    "Kai Ruud",
    "14",
    "FALSE",
    "http://w/wiki/Lena_Voss",
  ];
  const { examples, errors } = parseGap(`${HEADER}\n${row.join("\t")}\n`);
  assert.deepEqual(errors, []);
  assert.equal(examples.length, 1);
  assert.equal(examples[0].aCoref, true);
  assert.equal(examples[0].bCoref, false);
  assert.equal(gapGold(examples[0]), 0);
  assert.equal(gapOptions(examples[0]).candidates.length, 2);
  assert.equal(
    formatGapPredictions([
      { id: "ex-1", aCoref: true, bCoref: false },
      { id: "ex-2", aCoref: false, bCoref: false },
    ]),
    "ID\tA-coref\tB-coref\nex-1\tTRUE\tFALSE\nex-2\tFALSE\tFALSE\n",
  );
});

test("the reader handles a file without label columns", () => {
  const header = "ID\tText\tPronoun\tPronoun-offset\tA\tA-offset\tB\tB-offset\tURL";
  const { examples, errors } = parseGap(`${header}\nu-1\t${TEXT}\tShe\t24\tLena Voss\t0\tKai Ruud\t14\t\n`);
  assert.deepEqual(errors, []);
  assert.equal(examples[0].aCoref, undefined);
  assert.equal(gapGold(examples[0]), -1);
  const prediction = predictGap(defaultModel(), examples[0]);
  assert.equal(prediction.id, "u-1");
  assert.ok(!(prediction.aCoref && prediction.bCoref));
});

test("bad rows give an error naming the row and do not stop the rest", () => {
  const good = ["ok-1", TEXT, "She", "24", "Lena Voss", "0", "", "Kai Ruud", "14", "", ""].join("\t");
  const short = ["bad-1", TEXT, "She"].join("\t");
  const outOfRange = ["bad-2", TEXT, "She", "240", "Lena Voss", "0", "", "Kai Ruud", "14", "", ""].join("\t");
  const wrongName = ["bad-3", TEXT, "She", "24", "Lena Voss", "3", "", "Kai Ruud", "14", "", ""].join("\t");
  const { examples, errors } = parseGap([HEADER, short, outOfRange, good, wrongName].join("\n"));
  assert.deepEqual(
    examples.map((e) => e.id),
    ["ok-1"],
  );
  assert.deepEqual(
    errors.map((e) => [e.line, e.id]),
    [
      [2, "bad-1"],
      [3, "bad-2"],
      [5, "bad-3"],
    ],
  );
  assert.match(errors[0].message, /missing Pronoun-offset/);
  assert.match(errors[1].message, /out of range/);
  assert.match(errors[2].message, /not at offset 3/);
  assert.match(parseGap("ID\tText\n").errors[0].message, /header lacks/);
});

test("predict-gap writes predictions for good rows and reports bad ones on stderr", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "gap-"));
  const input = path.join(dir, "in.tsv");
  const good = ["ok-1", TEXT, "She", "24", "Lena Voss", "0", "", "Kai Ruud", "14", "", ""].join("\t");
  writeFileSync(input, [HEADER, "bad-1\tshort row", good].join("\n"));
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/predict-gap.ts", input], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /in\.tsv:2 \(bad-1\)/);
  const lines = run.stdout.trim().split("\n");
  assert.equal(lines[0], "ID\tA-coref\tB-coref");
  assert.equal(lines.length, 2);
  assert.match(lines[1], /^ok-1\t(TRUE|FALSE)\t(TRUE|FALSE)$/);
});

test("training is deterministic and beats nearest-name guessing on held-out development rows", {
  skip: gap.skip,
}, () => {
  const { examples } = parseGap(readFileSync(path.join(gapDir, "gap-development.tsv"), "utf8"));
  const data = examples.slice(0, 600).map((e) => ({ options: gapOptions(e), gold: gapGold(e) }));
  const options = { epochs: 5, learningRate: 0.05, l2: 0.01, seed: 3 };
  const first = train(data.slice(0, 400), options);
  assert.deepEqual(train(data.slice(0, 400), options), first);
  const heldOut = examples.slice(400, 600);
  let correct = 0;
  for (const e of heldOut) {
    const p = predictGap(first, e);
    const choice = p.aCoref ? 0 : p.bCoref ? 1 : -1;
    if (choice === gapGold(e)) correct++;
  }
  // Nearest preceding name scores about 0.45 F1 on GAP; a trained model must do clearly better.
  assert.ok(correct / heldOut.length > 0.6, `accuracy ${correct / heldOut.length}`);
});

test("chunk syntax: a 'when' clause starts a new clause whose first name is its subject", () => {
  const text = "Greta Moll ran the theatre until Ilse Sand replaced her.";
  const tokens = tokenize(text);
  const syntax = analyzeSyntax(tokens, [[0, tokens.length]]);
  const sentenceOf = tokens.map(() => 0);
  const index = (word: string) => tokens.findIndex((t) => t.text === word);
  assert.equal(roleOf(syntax, tokens, sentenceOf, index("Greta"), index("Moll")), "subject");
  assert.equal(roleOf(syntax, tokens, sentenceOf, index("Ilse"), index("Sand")), "subject");
  assert.equal(roleOf(syntax, tokens, sentenceOf, index("theatre") - 1, index("theatre")), "object");
  assert.notEqual(syntax.clauseOf[index("Moll")], syntax.clauseOf[index("Sand")]);
  assert.equal(syntax.clauseOf[index("Sand")], syntax.clauseOf[index("her")]);
});

test("chunk syntax copes with an empty text and a one-word sentence", () => {
  assert.deepEqual(analyzeSyntax([], []).chunks, []);
  const tokens = tokenize("Brenn");
  const syntax = analyzeSyntax(tokens, [[0, 1]]);
  assert.equal(syntax.pos.length, 1);
  assert.equal(roleOf(syntax, tokens, [0], 0, 0), "other");
});

/**
 * Synthetic pronouns with two candidates: the gold is A when exactly one of two cues fires on A (an
 * exclusive or), else B. No sum of per-feature weights separates this; depth-2 trees can.
 */
function xorExamples(count: number): BoostExample[] {
  const out: BoostExample[] = [];
  for (let i = 0; i < count; i++) {
    const x = i % 2 === 1;
    const y = Math.floor(i / 2) % 2 === 1;
    const a = new Map<string, number>([["bias-a", 1]]);
    if (x) a.set("cue-x", 1);
    if (y) a.set("cue-y", 1);
    a.set("noise", (i * 7919) % 13);
    out.push({
      options: { candidates: [a, new Map([["bias-b", 1]])], none: new Map([["none", 1]]) },
      gold: x !== y ? 0 : 1,
    });
  }
  return out;
}

test("boosted trees learn an interaction the linear ranker cannot, deterministically", () => {
  const examples = xorExamples(200);
  const options = {
    rounds: 60,
    depth: 2,
    shrinkage: 0.3,
    lambda: 1,
    minChildWeight: 1,
    featureFraction: 1,
    sampleFraction: 0.8,
    minCount: 2,
    seed: 5,
    bags: 1,
  };
  const trees = trainBoosted(examples, options);
  assert.deepEqual(trainBoosted(examples, options), trees);
  assert.ok(trees.features.includes("cue-x") && trees.features.includes("cue-y"));
  const treeCorrect = examples.filter((e) => {
    const s = boostedScores(trees, e.options);
    return (s[0] > s[1] ? 0 : 1) === e.gold;
  }).length;
  assert.equal(treeCorrect, examples.length);
  const linear = train(examples, { epochs: 20, learningRate: 0.1, l2: 0.01, seed: 5 });
  const linearCorrect = examples.filter((e) => {
    const w = (f: Map<string, number>) =>
      [...f].reduce((sum, [k, v]) => sum + (linear.weights[k] ?? 0) * v, 0);
    return (w(e.options.candidates[0]) > w(e.options.candidates[1]) ? 0 : 1) === e.gold;
  }).length;
  assert.ok(linearCorrect < examples.length * 0.8, `linear got ${linearCorrect}`);
});

test("boosted trees cope with no examples and with a single option", () => {
  const empty = trainBoosted([], { ...defaultBoostForTest(), rounds: 3 });
  assert.deepEqual(empty.features, []);
  assert.deepEqual(boostedScores(empty, { candidates: [], none: new Map() }), [0]);
  const one = trainBoosted([{ options: { candidates: [], none: new Map([["none", 1]]) }, gold: -1 }], {
    ...defaultBoostForTest(),
    rounds: 3,
  });
  assert.equal(boostedScores(one, { candidates: [], none: new Map([["none", 1]]) }).length, 1);
});

function defaultBoostForTest() {
  return {
    rounds: 10,
    depth: 3,
    shrinkage: 0.1,
    lambda: 1,
    minChildWeight: 1,
    featureFraction: 1,
    sampleFraction: 1,
    minCount: 1,
    seed: 1,
    bags: 1,
  };
}

test("tree inputs: candidates see their rivals, none sees every candidate", () => {
  const inputs = treeInputs({
    candidates: [
      new Map([["near", 1]]),
      new Map([
        ["far", 1],
        ["near", 0.5],
      ]),
      new Map([["near", 0.2]]),
    ],
    none: new Map([["none", 1]]),
  });
  assert.equal(inputs.length, 4);
  assert.deepEqual(Object.fromEntries(inputs[0]), { near: 1, "rival:far": 1, "rival:near": 0.5 });
  assert.deepEqual(Object.fromEntries(inputs[2]), { near: 0.2, "rival:near": 1, "rival:far": 1 });
  assert.deepEqual(Object.fromEntries(inputs[3]), { none: 1, "cand:near": 1, "cand:far": 1 });
});

test("blended scores are the logs of the averaged probabilities", () => {
  const linear = [2, 0, -1];
  const trees = [-1, 1, 0];
  const p = softmax(blendScores(linear, trees, 0.25));
  const expected = softmax(linear).map((x, i) => 0.75 * x + 0.25 * softmax(trees)[i]);
  for (const [i, x] of p.entries()) assert.ok(Math.abs(x - expected[i]) < 1e-12);
  assert.deepEqual(
    softmax(blendScores(linear, trees, 0)).map((x) => x.toFixed(12)),
    softmax(linear).map((x) => x.toFixed(12)),
  );
});

test("the shipped model has trees, and a malformed model file is rejected", () => {
  const model = defaultModel();
  assert.ok(model.trees && model.trees.trees.length > 0);
  assert.ok((model.treeWeight ?? 0) > 0 && (model.treeWeight ?? 0) <= 1);
  const dir = mkdtempSync(path.join(tmpdir(), "gap-model-"));
  const bad = path.join(dir, "bad.json");
  writeFileSync(bad, JSON.stringify({ weights: {}, noneOffset: 0, trees: { features: "x" } }));
  assert.throws(() => loadModel(pathToFileURL(bad)), /malformed boosted trees/);
  writeFileSync(bad, JSON.stringify({ weights: {} }));
  assert.throws(() => loadModel(pathToFileURL(bad)), /not a pronoun-resolution model/);
});

test("bagged trees score the mean of their independently seeded ensembles", () => {
  const examples = xorExamples(40);
  const options = { ...defaultBoostForTest(), sampleFraction: 0.7, featureFraction: 0.7, minCount: 2 };
  const bagged = trainBoosted(examples, { ...options, bags: 2 });
  const first = trainBoosted(examples, { ...options, seed: options.seed });
  const second = trainBoosted(examples, { ...options, seed: options.seed + 1 });
  assert.equal(bagged.trees.length, 2 * options.rounds);
  for (const e of examples.slice(0, 8)) {
    const mean = boostedScores(first, e.options).map((x, i) => (x + boostedScores(second, e.options)[i]) / 2);
    boostedScores(bagged, e.options).forEach((x, i) => {
      assert.ok(Math.abs(x - mean[i]) < 1e-4, `${x} vs ${mean[i]}`);
    });
  }
});

test("gender swap: pronouns, 'her' as object or possessive, nouns, honorifics and names, offsets exact", () => {
  const names = nameSwap({ Tomas: "M", Irene: "F", Lukas: "M" });
  // One masculine and one feminine name: they trade places; the masculine name left over stays.
  assert.equal(names.get("Tomas") === "Irene" || names.get("Lukas") === "Irene", true);
  assert.equal(names.get(names.get("Irene") ?? ""), "Irene");
  const partner = names.get("Irene") as string;
  const text = `${partner} Vik told her to visit. Her brother and Mr. Dahl's wife met him; HE said his piece himself.`;
  const edits = swapEdits(text, names);
  const swapped = applyEdits(text, edits);
  assert.equal(
    swapped,
    "Irene Vik told him to visit. His sister and Ms. Dahl's husband met her; SHE said her piece herself.",
  );
  // Every word keeps its place: the nth word of the original maps to the nth word of the copy.
  const words = (s: string) => [...s.matchAll(/\p{L}+/gu)].map((m) => [m.index ?? 0, m[0].length]);
  const before = words(text);
  const after = words(swapped);
  assert.equal(before.length, after.length);
  before.forEach(([start, length], i) => {
    assert.equal(mapOffset(edits, start), after[i][0]);
    assert.equal(mapOffset(edits, start + length), after[i][0] + after[i][1]);
  });
  // Words glued to an apostrophe or a digit are not swapped ("O'Hara" is no "Hara", "1990s" no "s").
  assert.deepEqual(swapEdits("O'He 1990his", names), []);
  assert.equal(applyEdits("", swapEdits("", names)), "");
});

test("gender swap of a GAP example recomputes pronoun, candidate and URL and keeps the labels", () => {
  const names = nameSwap({ Tomas: "M", Irene: "F" });
  const text = "Tomas Berg met Ida Lund in Oslo. Later he married her.";
  const example = {
    id: "x-1",
    text,
    pronoun: "he",
    pronounOffset: text.indexOf(" he ") + 1,
    a: "Tomas Berg",
    aOffset: 0,
    b: "Ida Lund",
    bOffset: text.indexOf("Ida"),
    url: "http://en.wikipedia.org/wiki/Tomas_Berg",
    aCoref: true,
    bCoref: false,
  };
  const copy = swapGapExample(example, names);
  assert.equal(copy.text, "Irene Berg met Ida Lund in Oslo. Later she married him.");
  assert.equal(copy.text.slice(copy.pronounOffset, copy.pronounOffset + copy.pronoun.length), "she");
  assert.equal(copy.text.slice(copy.aOffset, copy.aOffset + copy.a.length), "Irene Berg");
  assert.equal(copy.text.slice(copy.bOffset, copy.bOffset + copy.b.length), "Ida Lund");
  assert.equal(copy.url, "http://en.wikipedia.org/wiki/Irene_Berg");
  assert.deepEqual([copy.aCoref, copy.bCoref, copy.id], [true, false, "x-1-swapped"]);
  // Swapping twice gives the original back when every word has one counterpart.
  const back = swapGapExample(copy, names);
  assert.deepEqual(
    [back.text, back.pronounOffset, back.aOffset, back.url],
    [text, example.pronounOffset, 0, example.url],
  );
});

test("boosted trees: two copies at weight 0.5 train as one example at weight 1; weight 0 is ignored", () => {
  const examples = xorExamples(40);
  const options = { ...defaultBoostForTest(), minCount: 2 };
  const once = trainBoosted(examples, options);
  const halves = trainBoosted(
    examples.flatMap((e) => [
      { ...e, weight: 0.5 },
      { ...e, weight: 0.5 },
    ]),
    options,
  );
  // A contradicting example at weight 0 changes nothing (not even which features are frequent enough).
  const ignored = trainBoosted(
    [...examples, ...examples.slice(0, 10).map((e) => ({ ...e, gold: 1 - e.gold, weight: 0 }))],
    options,
  );
  for (const e of examples.slice(0, 8)) {
    const expected = boostedScores(once, e.options);
    for (const model of [halves, ignored]) {
      boostedScores(model, e.options).forEach((x, i) => {
        assert.ok(Math.abs(x - expected[i]) < 1e-6, `${x} vs ${expected[i]}`);
      });
    }
  }
  assert.ok(boostedScores(once, examples[1].options)[0] > boostedScores(once, examples[0].options)[0]);
});
