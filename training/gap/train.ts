/**
 * Trains the GAP pronoun resolver on gap-development.tsv and writes models/gap.json.
 *
 * Choices (the "none" offset) are made by 5-fold cross-validation on development only; the validation
 * file is never read here. Everything is seeded, so a rerun writes the same weights.
 *
 * usage: node --import tsx training/gap/train.ts [--cv-only]
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { OptionFeatures } from "../../src/nlp/coref/features.ts";
import { gapGold, gapOptions, predictionFromChoice } from "../../src/nlp/coref/gap.ts";
import { type GapExample, parseGap } from "../../src/nlp/coref/gap-file.ts";
import {
  DEFAULT_TRAIN_OPTIONS,
  decide,
  optionScores,
  type RankerModel,
  seededRandom,
  shuffled,
  type TrainOptions,
  train,
} from "../../src/nlp/coref/model.ts";
import { formatScore, scoreGap } from "./metrics.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const devPath = path.resolve(repoRoot, "../shared/data/gap/gap-development.tsv");
const FOLDS = 5;
const NONE_OFFSETS = [-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5];

interface Prepared {
  example: GapExample;
  options: OptionFeatures;
  gold: number;
}

/** Out-of-fold option scores for every example, so offsets can be tuned without touching held-out data. */
export function crossValidatedScores(
  data: readonly Prepared[],
  options: TrainOptions,
  foldSeed = 7,
): number[][] {
  const order = shuffled(
    data.map((_, i) => i),
    seededRandom(foldSeed),
  );
  const fold = new Array<number>(data.length);
  order.forEach((index, rank) => {
    fold[index] = rank % FOLDS;
  });
  const scores: number[][] = new Array(data.length);
  for (let k = 0; k < FOLDS; k++) {
    const model = train(
      data.filter((_, i) => fold[i] !== k),
      options,
    );
    data.forEach((d, i) => {
      if (fold[i] === k) scores[i] = optionScores(model, d.options);
    });
  }
  return scores;
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
  const scores = crossValidatedScores(data, options);
  let bestOffset = 0;
  let bestF1 = -1;
  let bestScore: ReturnType<typeof scoreGap> | undefined;
  for (const offset of NONE_OFFSETS) {
    const model: RankerModel = { weights: {}, noneOffset: offset };
    const predictions = data.map((d, i) => predictionFromChoice(d.example.id, decide(model, scores[i])));
    const score = scoreGap(examples, predictions);
    console.log(`cv none-offset ${offset.toFixed(2)}: ${formatScore(score)}`);
    if (score.f1 > bestF1) {
      bestF1 = score.f1;
      bestOffset = offset;
      bestScore = score;
    }
  }
  console.log(`chosen none-offset ${bestOffset}`);
  if (process.argv.includes("--cv-only")) return;
  const model = train(data, options);
  model.noneOffset = bestOffset;
  const out = path.join(repoRoot, "models/gap.json");
  writeFileSync(
    out,
    `${JSON.stringify({ ...model, training: { ...options, folds: FOLDS, cv: bestScore } }, null, 1)}\n`,
  );
  console.log(`wrote ${path.relative(repoRoot, out)} (${Object.keys(model.weights).length} weights)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
