/**
 * Training and repeated stratified k-fold cross-validation for the pairwise statement judge.
 *
 * dev.csv is the only labelled data, so the honest estimate of held-out performance is the score of
 * models that never saw the pairs they are scored on: split dev into k folds keeping label proportions,
 * train on k−1, predict the rest, repeat with reshuffled folds, report mean ± standard deviation.
 */
import type { StatementPair } from "../../src/analysis/judge/csv.ts";
import { decide } from "../../src/analysis/judge/decide.ts";
import {
  FEATURE_NAMES,
  featureVector,
  type PairFeatures,
  pairFeatures,
} from "../../src/analysis/judge/features.ts";
import { type Scores, score } from "../../src/analysis/judge/metrics.ts";
import {
  LABELS,
  type Label,
  type LogisticModel,
  type TrainOptions,
  trainLogistic,
} from "../../src/analysis/judge/model.ts";
import { seededRandom } from "../../src/core/random.ts";

export type LabelledPair = StatementPair & { label: Label };

/**
 * The shipped settings, chosen by repeated 5-fold CV on dev among a handful of values (l2 0.003–0.1,
 * class-weight power 0.5–1): strong L2, and class weights halfway (in log space) between plain
 * likelihood and fully balanced, which kept the majority label's F1 without starving the rare ones.
 */
export const JUDGE_TRAIN_OPTIONS: TrainOptions = {
  l2: 0.03,
  classWeightPower: 0.5,
  iterations: 400,
  learningRate: 1,
};

export type JudgeTrainOptions = TrainOptions;

function fit(rows: number[][], labels: Label[], options: JudgeTrainOptions): LogisticModel {
  return trainLogistic([...FEATURE_NAMES], rows, labels, options);
}

export function trainJudge(
  pairs: LabelledPair[],
  options: JudgeTrainOptions = JUDGE_TRAIN_OPTIONS,
): LogisticModel {
  const rows = pairs.map((p) => featureVector(pairFeatures(p.text1, p.text2).values));
  return fit(
    rows,
    pairs.map((p) => p.label),
    options,
  );
}

export function predictWith(model: LogisticModel, pair: StatementPair): Label {
  return decide(model, pairFeatures(pair.text1, pair.text2)).label;
}

/** Fold index for every pair: each label's pairs are shuffled, then dealt round-robin over the folds. */
export function stratifiedFolds(labels: Label[], k: number, random: () => number): number[] {
  const fold = new Array<number>(labels.length).fill(0);
  let offset = 0;
  for (const label of LABELS) {
    const indices = labels.flatMap((l, i) => (l === label ? [i] : []));
    for (let i = indices.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [indices[i], indices[j]] = [indices[j] as number, indices[i] as number];
    }
    // Continue dealing where the previous label stopped so fold sizes stay even.
    indices.forEach((index, position) => {
      fold[index] = (position + offset) % k;
    });
    offset = (offset + indices.length) % k;
  }
  return fold;
}

export interface CrossValidation {
  k: number;
  repeats: number;
  runs: Scores[];
  macroF1Mean: number;
  macroF1Sd: number;
  /** Spread of macro F1 over single folds (~47 pairs each): what one held-out sample of that size may see. */
  foldMacroF1Sd: number;
  accuracyMean: number;
  perLabelMean: Record<Label, number>;
}

export function crossValidate(
  pairs: LabelledPair[],
  { k = 5, repeats = 10, seed = 7, train = JUDGE_TRAIN_OPTIONS } = {},
): CrossValidation {
  const random = seededRandom(seed);
  const features = pairs.map((p) => pairFeatures(p.text1, p.text2));
  const rows = features.map((f) => featureVector(f.values));
  const labels = pairs.map((p) => p.label);
  const runs: Scores[] = [];
  const foldF1s: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const fold = stratifiedFolds(labels, k, random);
    const predicted = new Array<Label>(pairs.length);
    for (let f = 0; f < k; f++) {
      const trainIdx = pairs.flatMap((_, i) => (fold[i] !== f ? [i] : []));
      const model = fit(
        trainIdx.map((i) => rows[i] as number[]),
        trainIdx.map((i) => labels[i] as Label),
        train,
      );
      pairs.forEach((_, i) => {
        // The same decision as judgePair: model plus the same-proposition rule.
        if (fold[i] === f) predicted[i] = decide(model, features[i] as PairFeatures).label;
      });
      const held = pairs.flatMap((_, i) => (fold[i] === f ? [i] : []));
      foldF1s.push(
        score(
          held.map((i) => labels[i] as Label),
          held.map((i) => predicted[i] as Label),
        ).macroF1,
      );
    }
    runs.push(score(labels, predicted));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const f1s = runs.map((s) => s.macroF1);
  const m = mean(f1s);
  return {
    k,
    repeats,
    runs,
    macroF1Mean: m,
    macroF1Sd: Math.sqrt(mean(f1s.map((v) => (v - m) ** 2))),
    foldMacroF1Sd: Math.sqrt(mean(foldF1s.map((v) => (v - mean(foldF1s)) ** 2))),
    accuracyMean: mean(runs.map((s) => s.accuracy)),
    perLabelMean: Object.fromEntries(LABELS.map((l) => [l, mean(runs.map((s) => s.perLabel[l]))])) as Record<
      Label,
      number
    >,
  };
}
