/**
 * Trains the POS tagger and the chunker on CoNLL-2003 eng.train, evaluates both on eng.testa (the
 * CoNLL dev file), and writes models/pos.tagger.gz and models/pos.chunker.gz.
 *
 * The chunker is trained on *predicted* POS tags (5-fold jackknifing over the training sentences), so
 * it learns to live with the tagger's mistakes as it must at run time. Everything is seeded.
 *
 * usage: node --import tsx training/pos/train.ts [--eval-only]
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { seededRandom, shuffled } from "../../src/core/random.ts";
import { wordContext } from "../../src/nlp/pos/features.ts";
import { chunkSpansFor, loadPosModels, type PosModels, tagPosWith } from "../../src/nlp/pos/index.ts";
import { AveragedPerceptron, serializeWeights } from "../../src/nlp/pos/perceptron.ts";
import { bioSpans, decodeChunks, decodePos, iob1ToBio, type PosModel } from "../../src/nlp/pos/tagger.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const conllDir = path.resolve(repoRoot, "../shared/data/conll2003");
const POS_EPOCHS = 6;
const CHUNK_EPOCHS = 6;
const JACKKNIFE_FOLDS = 5;
/** Weights are stored as integers of 1/SCALE; smaller ones are dropped (checked on testa: no accuracy change). */
const SCALE = 100;
const MIN_MAGNITUDE = 2;

export interface Sentence {
  words: string[];
  pos: string[];
  chunks: string[];
}

export function readConll(file: string): Sentence[] {
  const sentences: Sentence[] = [];
  let current: Sentence = { words: [], pos: [], chunks: [] };
  const flush = () => {
    if (current.words.length > 0) sentences.push(current);
    current = { words: [], pos: [], chunks: [] };
  };
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 3 || cols[0] === "-DOCSTART-") {
      flush();
      continue;
    }
    current.words.push(cols[0]);
    current.pos.push(cols[1]);
    current.chunks.push(cols[2]);
  }
  flush();
  return sentences.map((s) => ({ ...s, chunks: iob1ToBio(s.chunks) }));
}

/** Words seen at least 20 times with one tag 97% of the time or more (Honnibal's thresholds). */
function buildTagDictionary(sentences: readonly Sentence[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const s of sentences) {
    const ctx = wordContext(s.words);
    ctx.words.forEach((w, i) => {
      const byTag = counts.get(w) ?? new Map<string, number>();
      byTag.set(s.pos[i], (byTag.get(s.pos[i]) ?? 0) + 1);
      counts.set(w, byTag);
    });
  }
  const dictionary = new Map<string, string>();
  for (const [word, byTag] of counts) {
    const total = [...byTag.values()].reduce((a, b) => a + b, 0);
    const [tag, n] = [...byTag].sort((a, b) => b[1] - a[1])[0];
    if (total >= 20 && n / total >= 0.97) dictionary.set(word, tag);
  }
  return dictionary;
}

export function trainPos(sentences: readonly Sentence[], seed = 1): PosModel {
  const classes = [...new Set(sentences.flatMap((s) => s.pos))].sort();
  const model: PosModel = {
    perceptron: new AveragedPerceptron(classes),
    tagDictionary: buildTagDictionary(sentences),
  };
  const random = seededRandom(seed);
  let order = [...sentences];
  for (let epoch = 0; epoch < POS_EPOCHS; epoch++) {
    // Each epoch shuffles the previous epoch's order, as the shipped weights were trained.
    order = shuffled(order, random);
    for (const s of order) decodePos(model, s.words, s.pos);
  }
  model.perceptron.average();
  return model;
}

export function trainChunker(sentences: readonly Sentence[], predictedPos: readonly string[][], seed = 2) {
  const classes = [...new Set(sentences.flatMap((s) => s.chunks))].sort();
  const perceptron = new AveragedPerceptron(classes);
  const random = seededRandom(seed);
  let order = sentences.map((_, i) => i);
  for (let epoch = 0; epoch < CHUNK_EPOCHS; epoch++) {
    order = shuffled(order, random);
    for (const i of order) {
      decodeChunks(perceptron, sentences[i].words, predictedPos[i], sentences[i].chunks);
    }
  }
  perceptron.average();
  return perceptron;
}

function jackknifedPos(sentences: readonly Sentence[]): string[][] {
  const out: string[][] = new Array(sentences.length);
  for (let k = 0; k < JACKKNIFE_FOLDS; k++) {
    const model = trainPos(
      sentences.filter((_, i) => i % JACKKNIFE_FOLDS !== k),
      10 + k,
    );
    sentences.forEach((s, i) => {
      if (i % JACKKNIFE_FOLDS === k) out[i] = decodePos(model, s.words);
    });
  }
  return out;
}

export function evaluate(models: PosModels, sentences: readonly Sentence[]) {
  let correct = 0;
  let total = 0;
  let tp = 0;
  let predicted = 0;
  let gold = 0;
  const started = process.hrtime.bigint();
  const allTags = sentences.map((s) => tagPosWith(models, s.words));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  sentences.forEach((s, n) => {
    const tags = allTags[n];
    tags.forEach((t, i) => {
      total++;
      if (t === s.pos[i]) correct++;
    });
    const key = (c: { start: number; end: number; type: string }) => `${c.start}:${c.end}:${c.type}`;
    const goldSpans = new Set(bioSpans(s.chunks).map(key));
    const guessed = chunkSpansFor(models, s.words, tags);
    predicted += guessed.length;
    gold += goldSpans.size;
    for (const c of guessed) if (goldSpans.has(key(c))) tp++;
  });
  const precision = tp / predicted;
  const recall = tp / gold;
  return {
    posAccuracy: correct / total,
    chunkF1: (2 * precision * recall) / (precision + recall),
    tokensPerSecond: total / seconds,
  };
}

function main() {
  const testa = readConll(path.join(conllDir, "eng.testa"));
  if (!process.argv.includes("--eval-only")) {
    const trainSet = readConll(path.join(conllDir, "eng.train"));
    console.log(`train: ${trainSet.length} sentences`);
    let t = Date.now();
    const pos = trainPos(trainSet);
    console.log(`pos trained in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    t = Date.now();
    const predicted = jackknifedPos(trainSet);
    const chunker = trainChunker(trainSet, predicted);
    console.log(`chunker trained in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const dictionary = [...pos.tagDictionary]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([w, tag]) => `${w}\t${tag}`);
    const posText = `${serializeWeights(pos.perceptron.classes, pos.perceptron.weights, SCALE, MIN_MAGNITUDE)}\n${dictionary.join("\n")}\n`;
    const chunkText = serializeWeights(chunker.classes, chunker.weights, SCALE, MIN_MAGNITUDE);
    for (const [name, text] of [
      ["pos.tagger.gz", posText],
      ["pos.chunker.gz", chunkText],
    ] as const) {
      const gz = gzipSync(text, { level: 9 });
      writeFileSync(path.join(repoRoot, "models", name), gz);
      console.log(`wrote models/${name} (${(gz.length / 1024).toFixed(0)} KiB)`);
    }
  }
  const models = loadPosModels();
  // A first pass warms up the JIT, so the speed figure is the steady state.
  evaluate(models, testa.slice(0, 500));
  const r = evaluate(models, testa);
  console.log(
    `eng.testa: POS accuracy ${(r.posAccuracy * 100).toFixed(2)}%  chunk F1 ${(r.chunkF1 * 100).toFixed(2)}  POS ${Math.round(r.tokensPerSecond)} tokens/s`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
