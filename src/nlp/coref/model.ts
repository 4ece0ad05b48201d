/**
 * A conditional logit ranker: each option (every candidate, and "none") gets a score w·f, and a softmax
 * over the options gives their probabilities. Training minimises the log loss with L2 regularisation by
 * AdaGrad over a seeded shuffle, so the same data always gives the same weights.
 */

import { seededRandom, shuffled } from "../../core/random.ts";
import type { FeatureMap, OptionFeatures } from "./features.ts";
import { type BoostedTrees, boostedScores } from "./trees.ts";

export { seededRandom, shuffled };

export interface RankerModel {
  weights: Record<string, number>;
  /** Added to the "none" score at decision time; tuned for F1, which rewards committing to a name. */
  noneOffset: number;
  /** Boosted trees over the same features (trees.ts), averaged with the linear scores when present. */
  trees?: BoostedTrees;
  /** The trees' share of the averaged probabilities, in [0, 1]. */
  treeWeight?: number;
}

export interface TrainingExample {
  options: OptionFeatures;
  /** Index of the gold candidate, or -1 for none. */
  gold: number;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 10, learningRate: 0.05, l2: 1e-2, seed: 13 };

function dot(weights: Record<string, number> | Map<string, number>, features: FeatureMap): number {
  let sum = 0;
  if (weights instanceof Map) for (const [k, v] of features) sum += (weights.get(k) ?? 0) * v;
  else for (const [k, v] of features) sum += (weights[k] ?? 0) * v;
  return sum;
}

function linearScores(model: RankerModel, options: OptionFeatures): number[] {
  return [...options.candidates.map((f) => dot(model.weights, f)), dot(model.weights, options.none)];
}

/**
 * Scores in option order: candidates first, "none" last. With trees, the scores are the logs of the
 * averaged probabilities, so a softmax of them gives that average back and `noneOffset` still acts as a
 * threshold on "none".
 */
export function optionScores(model: RankerModel, options: OptionFeatures): number[] {
  const linear = linearScores(model, options);
  if (!model.trees) return linear;
  return blendScores(linear, boostedScores(model.trees, options), model.treeWeight ?? 1);
}

/** Log of (1 - treeWeight) × softmax(linear) + treeWeight × softmax(trees). */
export function blendScores(
  linear: readonly number[],
  trees: readonly number[],
  treeWeight: number,
): number[] {
  const p = softmax(linear);
  const q = softmax(trees);
  return p.map((x, i) => Math.log((1 - treeWeight) * x + treeWeight * q[i]));
}

export function softmax(scores: readonly number[]): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const total = exps.reduce((x, y) => x + y, 0);
  return exps.map((e) => e / total);
}

/** The chosen candidate index, or -1 for none. */
export function decide(model: RankerModel, scores: readonly number[]): number {
  const adjusted = scores.map((s, i) => (i === scores.length - 1 ? s + model.noneOffset : s));
  let best = 0;
  for (let i = 1; i < adjusted.length; i++) if (adjusted[i] > adjusted[best]) best = i;
  return best === adjusted.length - 1 ? -1 : best;
}

export function train(
  examples: readonly TrainingExample[],
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): RankerModel {
  const weights = new Map<string, number>();
  const squared = new Map<string, number>();
  const random = seededRandom(options.seed);
  const step = (key: string, gradient: number) => {
    const g = gradient + options.l2 * (weights.get(key) ?? 0);
    const s = (squared.get(key) ?? 0) + g * g;
    squared.set(key, s);
    weights.set(key, (weights.get(key) ?? 0) - (options.learningRate * g) / Math.sqrt(s + 1e-8));
  };
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const example of shuffled(examples, random)) {
      const maps = [...example.options.candidates, example.options.none];
      const goldIndex = example.gold < 0 ? maps.length - 1 : example.gold;
      const probabilities = softmax(maps.map((f) => dot(weights, f)));
      const gradients = new Map<string, number>();
      maps.forEach((f, i) => {
        const coefficient = probabilities[i] - (i === goldIndex ? 1 : 0);
        for (const [k, v] of f) gradients.set(k, (gradients.get(k) ?? 0) + coefficient * v);
      });
      for (const [k, g] of gradients) step(k, g);
    }
  }
  const out: Record<string, number> = {};
  for (const [k, v] of [...weights].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    if (Math.abs(v) > 1e-6) out[k] = Math.round(v * 1e6) / 1e6;
  }
  return { weights: out, noneOffset: 0 };
}
