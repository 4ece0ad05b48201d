/**
 * Builds the word clusters the NER features use, from text we have: the tokens of CoNLL-2003 eng.train
 * and the PolNeAR train/dev article texts (eng.testa is left out). Writes models/ner.clusters.gz
 * ("word<TAB>bit path" lines).
 *
 *   node --import tsx training/ner/clusters.ts
 *
 * A cheap stand-in for Brown clusters: each word is described by the positive PMI of its left and right
 * neighbours (among the most frequent words), and the vocabulary is split in two again and again
 * (principal-direction bisection refined by 2-means), so that a word's bit path says which side it fell
 * on at each level. Path prefixes then give coarse-to-fine classes, as Brown paths do; words that share
 * contexts ("Clinton", "Yeltsin"; "Brussels", "Nairobi") share long prefixes.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { readConll } from "../../src/nlp/ner/conll.ts";
import { normalizeToken } from "../../src/nlp/ner/features.ts";
import { tokenize } from "../../src/nlp/tokenizer.ts";
import { seededRandom } from "./perceptron.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dataDir = path.resolve(repoRoot, "../shared/data");
const outPath = path.join(repoRoot, "models/ner.clusters.gz");

/** Words rarer than this get no cluster: their contexts are too few to place them. */
const MIN_WORD_COUNT = 3;
/** Context words: the most frequent ones carry most of the syntactic and semantic signal. */
const CONTEXT_WORDS = 1000;
/** Depth of the bit paths (the features use prefixes of 4, 8, 12 and 16 bits). */
const MAX_DEPTH = 16;
/** Splits stop at this size: smaller groups would just be split by noise. */
const MIN_SPLIT_SIZE = 4;

const log = (message: string) => console.error(`[${(process.uptime() / 60).toFixed(1)} min] ${message}`);

function* sentences(): Generator<string[]> {
  for (const document of readConll(path.join(dataDir, "conll2003/eng.train"))) {
    for (const sentence of document.sentences) yield sentence.tokens;
  }
  for (const split of ["train", "dev"]) {
    const dir = path.join(dataDir, "polnear", split, "text");
    for (const name of readdirSync(dir).sort()) {
      for (const line of readFileSync(path.join(dir, name), "utf8").split("\n")) {
        // Glued possessives are split off as CoNLL does, so "Clinton's" counts as "Clinton".
        const tokens = tokenize(line).flatMap((t) => {
          const m = /^(.*\p{L})(['’][sS])$/u.exec(t.text);
          return m ? [m[1], m[2]] : [t.text];
        });
        if (tokens.length > 0) yield tokens;
      }
    }
  }
}

const corpus = [...sentences()].map((tokens) => tokens.map((t) => normalizeToken(t).toLowerCase()));
const counts = new Map<string, number>();
for (const tokens of corpus) for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
const byFrequency = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
const vocabulary = byFrequency.filter(([, c]) => c >= MIN_WORD_COUNT).map(([w]) => w);
const wordId = new Map(vocabulary.map((w, i) => [w, i]));
const contextId = new Map(byFrequency.slice(0, CONTEXT_WORDS).map(([w], i) => [w, i]));
const dims = 2 * CONTEXT_WORDS + 2; // left contexts, right contexts, and the two sentence edges
log(`${corpus.reduce((n, s) => n + s.length, 0)} tokens, ${vocabulary.length} words to cluster`);

// Co-occurrence counts, then positive PMI, then unit length.
const cooc: Map<number, number>[] = vocabulary.map(() => new Map());
const contextTotals = new Float64Array(dims);
let total = 0;
for (const tokens of corpus) {
  tokens.forEach((token, i) => {
    const w = wordId.get(token);
    if (w === undefined) return;
    const left = i === 0 ? 2 * CONTEXT_WORDS : contextId.get(tokens[i - 1]);
    const right = i === tokens.length - 1 ? 2 * CONTEXT_WORDS + 1 : contextId.get(tokens[i + 1]);
    for (const c of [
      left,
      right === undefined || right >= 2 * CONTEXT_WORDS ? right : right + CONTEXT_WORDS,
    ]) {
      if (c === undefined) continue;
      cooc[w].set(c, (cooc[w].get(c) ?? 0) + 1);
      contextTotals[c]++;
      total++;
    }
  });
}
interface SparseVector {
  index: Int32Array;
  value: Float64Array;
}
const vectors: SparseVector[] = cooc.map((row) => {
  let rowTotal = 0;
  for (const c of row.values()) rowTotal += c;
  const entries = [...row].map(([c, n]) => [
    c,
    Math.max(0, Math.log((n * total) / (rowTotal * contextTotals[c]))),
  ]);
  const kept = entries.filter(([, v]) => v > 0);
  const norm = Math.hypot(...kept.map(([, v]) => v)) || 1;
  return { index: Int32Array.from(kept, ([c]) => c), value: Float64Array.from(kept, ([, v]) => v / norm) };
});

const dot = (v: SparseVector, dense: Float64Array) => {
  let s = 0;
  for (let k = 0; k < v.index.length; k++) s += v.value[k] * dense[v.index[k]];
  return s;
};
const mean = (members: number[]) => {
  const m = new Float64Array(dims);
  for (const w of members) {
    const v = vectors[w];
    for (let k = 0; k < v.index.length; k++) m[v.index[k]] += v.value[k] / members.length;
  }
  return m;
};

/** Splits `members` in two: sign of the projection on the principal direction, then 2-means. */
function bisect(members: number[], random: () => number): [number[], number[]] {
  const centre = mean(members);
  let direction = Float64Array.from({ length: dims }, () => random() - 0.5);
  for (let iteration = 0; iteration < 8; iteration++) {
    // Power iteration on the centred covariance: d ← Σ (x−μ)((x−μ)·d).
    const next = new Float64Array(dims);
    const centreDot = centre.reduce((s, c, k) => s + c * direction[k], 0);
    let weightSum = 0;
    for (const w of members) {
      const a = dot(vectors[w], direction) - centreDot;
      const v = vectors[w];
      for (let k = 0; k < v.index.length; k++) next[v.index[k]] += a * v.value[k];
      weightSum += a;
    }
    for (let k = 0; k < dims; k++) next[k] -= weightSum * centre[k];
    const norm = Math.hypot(...next) || 1;
    direction = next.map((x) => x / norm);
  }
  const centreDot = centre.reduce((s, c, k) => s + c * direction[k], 0);
  let sides = members.map((w) => dot(vectors[w], direction) >= centreDot);
  for (let iteration = 0; iteration < 5; iteration++) {
    const left = members.filter((_, i) => sides[i]);
    const right = members.filter((_, i) => !sides[i]);
    if (left.length === 0 || right.length === 0) break;
    const [a, b] = [mean(left), mean(right)];
    // Nearer to a than to b ⇔ x·a − x·b ≥ (|a|² − |b|²) / 2.
    const threshold = (a.reduce((s, x) => s + x * x, 0) - b.reduce((s, x) => s + x * x, 0)) / 2;
    const next = members.map((w) => dot(vectors[w], a) - dot(vectors[w], b) >= threshold);
    if (next.every((s, i) => s === sides[i])) break;
    sides = next;
  }
  return [members.filter((_, i) => sides[i]), members.filter((_, i) => !sides[i])];
}

const paths = new Array<string>(vocabulary.length).fill("");
const random = seededRandom(2003);
let frontier: number[][] = [vocabulary.map((_, i) => i)];
for (let depth = 0; depth < MAX_DEPTH; depth++) {
  const next: number[][] = [];
  for (const members of frontier) {
    if (members.length < MIN_SPLIT_SIZE) continue;
    const [left, right] = bisect(members, random);
    if (left.length === 0 || right.length === 0) continue;
    for (const w of left) paths[w] += "0";
    for (const w of right) paths[w] += "1";
    next.push(left, right);
  }
  frontier = next;
  log(`depth ${depth + 1}: ${frontier.length} groups`);
}

const lines = vocabulary.map((w, i) => `${w}\t${paths[i]}`).filter((line) => !line.endsWith("\t"));
writeFileSync(outPath, gzipSync(`${lines.sort().join("\n")}\n`, { level: 9 }));
log(`wrote ${path.relative(repoRoot, outPath)}: ${lines.length} words`);
