/**
 * Trains the GAP pronoun resolver on gap-development.tsv and writes models/gap.json.
 *
 * The model is a linear ranker averaged with boosted trees (src/nlp/coref/trees.ts). The trees' share and
 * the "none" offset are chosen by 5-fold cross-validation on development only, averaged over three fold
 * splits; the validation file is never read here. Everything is seeded, so a rerun writes the same weights.
 * Gender-swapped copies of the training data (training/gap/swap.ts) were tried and are not used: see
 * training/gap/gender-experiment.ts and the GAP section of docs/figures.md.
 *
 * usage: node --import tsx training/gap/train.ts [--cv-only]
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { OptionFeatures } from "../../src/nlp/coref/features.ts";
import { gapGold, gapOptions, predictionFromChoice } from "../../src/nlp/coref/gap.ts";
import { type GapExample, type GapPrediction, parseGap } from "../../src/nlp/coref/gap-file.ts";
import {
  blendScores,
  DEFAULT_TRAIN_OPTIONS,
  decide,
  optionScores,
  type RankerModel,
  seededRandom,
  shuffled,
  type TrainOptions,
  train,
} from "../../src/nlp/coref/model.ts";
import {
  type BoostOptions,
  boostedScores,
  DEFAULT_BOOST_OPTIONS,
  trainBoosted,
} from "../../src/nlp/coref/trees.ts";
import { formatScore, type GapScore, scoreGap } from "./metrics.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const devPath = path.resolve(repoRoot, "../shared/data/gap/gap-development.tsv");
const FOLDS = 5;
const NONE_OFFSETS = [-0.75, -0.5, -0.25, 0, 0.25, 0.5];
/** Share of the trees in the averaged probabilities: 0 is the linear ranker alone, 1 the trees alone. */
const TREE_WEIGHTS = [0, 0.25, 0.5, 0.75, 0.9, 1];
const FOLD_SEEDS = [7, 8, 9];

interface Prepared {
  example: GapExample;
  options: OptionFeatures;
  gold: number;
}

/** The fold (0..FOLDS-1) of each of `count` examples, from a seeded shuffle. */
export function foldAssignment(count: number, foldSeed: number): number[] {
  const fold = new Array<number>(count);
  shuffled(
    Array.from({ length: count }, (_, i) => i),
    seededRandom(foldSeed),
  ).forEach((index, rank) => {
    fold[index] = rank % FOLDS;
  });
  return fold;
}

/** Each example's option scores from a model fitted on the other folds of the split `foldSeed` makes. */
function outOfFold<M>(
  data: readonly Prepared[],
  foldSeed: number,
  fit: (training: Prepared[]) => M,
  scoreOf: (model: M, example: Prepared) => number[],
): number[][] {
  const fold = foldAssignment(data.length, foldSeed);
  const scores: number[][] = new Array(data.length);
  for (let k = 0; k < FOLDS; k++) {
    const model = fit(data.filter((_, i) => fold[i] !== k));
    data.forEach((d, i) => {
      if (fold[i] === k) scores[i] = scoreOf(model, d);
    });
  }
  return scores;
}

/** Out-of-fold linear scores for every example, so offsets can be tuned without touching held-out data. */
export function crossValidatedScores(
  data: readonly Prepared[],
  options: TrainOptions,
  foldSeed = 7,
): number[][] {
  return outOfFold(
    data,
    foldSeed,
    (training) => train(training, options),
    (model, d) => optionScores(model, d.options),
  );
}

/** Out-of-fold boosted-tree scores on the same folds as crossValidatedScores. */
export function crossValidatedTreeScores(
  data: readonly Prepared[],
  options: BoostOptions,
  foldSeed = 7,
): number[][] {
  return outOfFold(
    data,
    foldSeed,
    (training) => trainBoosted(training, options),
    (model, d) => boostedScores(model, d.options),
  );
}

/** GAP predictions from out-of-fold linear and tree scores, at one tree share and "none" offset. */
export function blendedPredictions(
  data: readonly { example: GapExample }[],
  scores: { linear: number[][]; trees: number[][] },
  treeWeight: number,
  noneOffset: number,
): GapPrediction[] {
  return data.map((d, i) =>
    predictionFromChoice(
      d.example.id,
      decide({ weights: {}, noneOffset }, blendScores(scores.linear[i], scores.trees[i], treeWeight)),
    ),
  );
}

/** One tree per line: the file stays readable and diffs stay small. */
function formatModel(model: RankerModel, training: object): string {
  const { trees, ...rest } = model;
  const head = JSON.stringify({ ...rest, training }, null, 1).replace(/\n}$/, "");
  if (!trees) return `${head}\n}\n`;
  const lines = trees.trees.map((t) => `  ${JSON.stringify(t)}`).join(",\n");
  return `${head},\n "trees": {\n  "features": ${JSON.stringify(trees.features)},\n  "trees": [\n${lines}\n  ]\n }\n}\n`;
}

function main() {
  const { examples, errors } = parseGap(readFileSync(devPath, "utf8"));
  for (const e of errors) console.error(`line ${e.line} (${e.id}): ${e.message}`);
  const data: Prepared[] = examples.map((example) => ({
    example,
    options: gapOptions(example),
    gold: gapGold(example),
  }));
  const options: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS };
  const boost: BoostOptions = { ...DEFAULT_BOOST_OPTIONS };
  // Tree weight and "none" offset are chosen by mean F1 over several fold splits: one split's
  // differences between neighbouring settings are within its noise.
  const splits = FOLD_SEEDS.map((seed) => {
    const started = Date.now();
    const linear = crossValidatedScores(data, options, seed);
    const trees = crossValidatedTreeScores(data, boost, seed);
    console.log(`fold split ${seed}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return { linear, trees };
  });
  let best = { treeWeight: 0, noneOffset: 0, f1: -1, spread: 0, scores: [] as GapScore[] };
  for (const treeWeight of TREE_WEIGHTS) {
    for (const noneOffset of NONE_OFFSETS) {
      const scores = splits.map((split) =>
        scoreGap(examples, blendedPredictions(data, split, treeWeight, noneOffset)),
      );
      const f1s = scores.map((s) => s.f1);
      const f1 = f1s.reduce((x, y) => x + y, 0) / f1s.length;
      const spread = (Math.max(...f1s) - Math.min(...f1s)) / 2;
      console.log(
        `cv tree-weight ${treeWeight.toFixed(2)} none-offset ${noneOffset.toFixed(2)}: F1 ${f1.toFixed(4)} ±${spread.toFixed(4)}  (${formatScore(scores[0])})`,
      );
      if (f1 > best.f1) best = { treeWeight, noneOffset, f1, spread, scores };
    }
  }
  console.log(
    `chosen tree-weight ${best.treeWeight}, none-offset ${best.noneOffset}: F1 ${best.f1.toFixed(4)}`,
  );
  if (process.argv.includes("--cv-only")) return;
  const model: RankerModel = {
    ...train(data, options),
    noneOffset: best.noneOffset,
    treeWeight: best.treeWeight,
  };
  if (best.treeWeight > 0) model.trees = trainBoosted(data, boost);
  const out = path.join(repoRoot, "models/gap.json");
  const training = {
    linear: options,
    boost,
    folds: FOLDS,
    foldSeeds: FOLD_SEEDS,
    cvF1: Math.round(best.f1 * 1e4) / 1e4,
    cvSpread: Math.round(best.spread * 1e4) / 1e4,
  };
  writeFileSync(out, formatModel(model, training));
  console.log(
    `wrote ${path.relative(repoRoot, out)} (${Object.keys(model.weights).length} weights, ${model.trees?.trees.length ?? 0} trees)`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
