/**
 * Gradient-boosted regression trees for the pronoun ranker. The linear ranker (model.ts) adds up one
 * weight per feature, so it cannot say "a subject in the same sentence counts only when no other name
 * stands between"; shallow trees over the same feature maps can. Each option (a candidate or "none")
 * gets the sum of the trees' leaf values as its score, and a softmax over the options of one pronoun
 * gives the probabilities, as for the linear ranker; training fits each tree to the gradient of that
 * softmax log loss with Newton leaf values (as XGBoost does).
 *
 * Features are sparse and mostly 0/1, so split search builds per-node histograms from the non-zero
 * entries of each feature only and derives the zero bin from the node totals: a tree costs one pass over
 * the non-zero entries per level. Feature and pronoun subsampling use the seeded PRNG, so training is
 * reproducible.
 */
import { seededRandom } from "../../core/random.ts";
import type { FeatureMap, OptionFeatures } from "./features.ts";

/** A complete binary tree in arrays: node n has children 2n+1 and 2n+2; `feature` -1 marks a leaf. */
export interface RegressionTree {
  feature: number[];
  threshold: number[];
  value: number[];
}

export interface BoostedTrees {
  /** Feature names; trees refer to them by index. */
  features: string[];
  trees: RegressionTree[];
}

export interface BoostOptions {
  rounds: number;
  depth: number;
  shrinkage: number;
  /** L2 penalty on leaf values (XGBoost's lambda). */
  lambda: number;
  /** A child needs at least this much hessian (about "this many uncertain options"). */
  minChildWeight: number;
  /** Fraction of features each tree may split on. */
  featureFraction: number;
  /** Fraction of pronouns (with all their options) each tree is fitted to. */
  sampleFraction: number;
  /** Features seen in fewer training options are dropped: too rare to split on reliably. */
  minCount: number;
  seed: number;
  /** Independently seeded ensembles whose scores are averaged: smooths the sampling noise of one. */
  bags: number;
}

/**
 * Chosen by cross-validation on gap-development (training/gap/boost-experiment.ts, mean of two fold
 * splits, tree share 0.75): depth 2 / 600 rounds 0.768, depth 3 / 300 0.761, depth 3 / 600 0.760,
 * depth 4 / 300 0.762, depth 1 / 1000 (no interactions) 0.755, linear ranker alone 0.752. Pairwise
 * interactions help; deeper trees overfit 2,000 pronouns. Over three splits (7, 8, 9), depth 2 / 600
 * scores 0.768 against 0.764 with 3 bags, 0.762 with shrinkage 0.1 / 300 rounds and 0.759 with
 * minChildWeight 5 / lambda 5: differences of the size of the tree-seed noise, so the simplest stays.
 */
export const DEFAULT_BOOST_OPTIONS: BoostOptions = {
  rounds: 600,
  depth: 2,
  shrinkage: 0.05,
  lambda: 1,
  minChildWeight: 2,
  featureFraction: 0.5,
  sampleFraction: 0.8,
  minCount: 5,
  seed: 17,
  bags: 1,
};

export interface BoostExample {
  options: OptionFeatures;
  /** Index of the gold candidate, or -1 for none. */
  gold: number;
  /**
   * How much the pronoun counts (default 1): it scales its gradients, hessians and feature counts, so
   * an example and its gender-swapped copy at 0.5 each weigh as much as one example did.
   */
  weight?: number;
}

/**
 * What the trees see for each option (candidates in order, then "none"). A candidate's own features
 * compete additively in a softmax, which cannot express "A is a good subject *unless* B is closer";
 * so each candidate also sees its rivals' features (prefixed "rival:", the largest value over the other
 * candidates), and "none" sees every candidate's (prefixed "cand:"), since "none" is likely exactly when
 * no candidate looks good.
 */
export function treeInputs(options: OptionFeatures): FeatureMap[] {
  const { candidates, none } = options;
  const prefixedMax = (maps: readonly FeatureMap[], prefix: string, into: FeatureMap) => {
    for (const m of maps) {
      for (const [k, v] of m) {
        const key = prefix + k;
        const old = into.get(key);
        if (old === undefined || v > old) into.set(key, v);
      }
    }
  };
  const out: FeatureMap[] = candidates.map((own, i) => {
    const f = new Map(own);
    prefixedMax(
      candidates.filter((_, j) => j !== i),
      "rival:",
      f,
    );
    return f;
  });
  const noneInput = new Map(none);
  prefixedMax(candidates, "cand:", noneInput);
  out.push(noneInput);
  return out;
}

function treeOutput(tree: RegressionTree, lookup: (feature: number) => number): number {
  let node = 0;
  while (tree.feature[node] >= 0) {
    node = lookup(tree.feature[node]) <= tree.threshold[node] ? 2 * node + 1 : 2 * node + 2;
  }
  return tree.value[node];
}

/** Scores in option order (candidates, then "none"). */
export function boostedScores(model: BoostedTrees, options: OptionFeatures): number[] {
  return treeInputs(options).map((input) => {
    const lookup = (feature: number) => input.get(model.features[feature]) ?? 0;
    let score = 0;
    for (const tree of model.trees) score += treeOutput(tree, lookup);
    return score;
  });
}

/** One feature's non-zero entries, binned: value v falls in the first bin b with v <= cuts[b]. */
interface Column {
  rows: Int32Array;
  bins: Uint8Array;
  cuts: number[];
  zeroBin: number;
}

/** At most this many bins per feature: enough for the few numeric features, which are smooth. */
const MAX_BINS = 32;

function buildColumn(entries: [number, number][]): Column {
  const values = [...new Set([0, ...entries.map(([, v]) => v)])].sort((x, y) => x - y);
  let cuts = values;
  if (values.length > MAX_BINS) {
    const sorted = entries.map(([, v]) => v).sort((x, y) => x - y);
    const quantiles = new Set<number>([0]);
    for (let q = 1; q < MAX_BINS - 1; q++) quantiles.add(sorted[Math.floor((q * sorted.length) / MAX_BINS)]);
    quantiles.add(sorted[sorted.length - 1]);
    cuts = [...quantiles].sort((x, y) => x - y);
  }
  const binOf = (v: number) => {
    let b = 0;
    while (b < cuts.length - 1 && v > cuts[b]) b++;
    return b;
  };
  return {
    rows: Int32Array.from(entries.map(([r]) => r)),
    bins: Uint8Array.from(entries.map(([, v]) => binOf(v))),
    cuts,
    zeroBin: binOf(0),
  };
}

interface Split {
  gain: number;
  feature: number;
  bin: number;
}

export function trainBoosted(
  examples: readonly BoostExample[],
  options: BoostOptions = DEFAULT_BOOST_OPTIONS,
): BoostedTrees {
  const bags = Math.max(1, options.bags);
  const ensembles = Array.from({ length: bags }, (_, b) =>
    trainEnsemble(examples, { ...options, seed: options.seed + b }),
  );
  if (bags === 1) return ensembles[0];
  // One model whose score is the mean of the ensembles': leaf values scaled by 1/bags, feature indices
  // remapped into one shared list.
  const features = [...new Set(ensembles.flatMap((e) => e.features))].sort();
  const index = new Map(features.map((k, i) => [k, i]));
  const trees = ensembles.flatMap((e) =>
    e.trees.map((t) => ({
      feature: t.feature.map((f) => (f < 0 ? -1 : (index.get(e.features[f]) as number))),
      threshold: t.threshold,
      value: t.value.map((v) => Math.round((v / bags) * 1e6) / 1e6),
    })),
  );
  return { features, trees };
}

function trainEnsemble(examples: readonly BoostExample[], options: BoostOptions): BoostedTrees {
  // Flatten options into rows, remembering which pronoun each belongs to.
  const inputs: FeatureMap[] = [];
  const groupStart: number[] = [];
  const groupWeight: number[] = [];
  const label: number[] = [];
  for (const example of examples) {
    const rows = treeInputs(example.options);
    const gold = example.gold < 0 ? rows.length - 1 : example.gold;
    groupStart.push(inputs.length);
    groupWeight.push(example.weight ?? 1);
    rows.forEach((row, i) => {
      inputs.push(row);
      label.push(i === gold ? 1 : 0);
    });
  }
  groupStart.push(inputs.length);
  const rowCount = inputs.length;

  const counts = new Map<string, number>();
  for (let g = 0; g + 1 < groupStart.length; g++) {
    for (let r = groupStart[g]; r < groupStart[g + 1]; r++) {
      for (const k of inputs[r].keys()) counts.set(k, (counts.get(k) ?? 0) + groupWeight[g]);
    }
  }
  const features = [...counts]
    .filter(([, n]) => n >= options.minCount)
    .map(([k]) => k)
    .sort();
  const index = new Map(features.map((k, i) => [k, i]));
  const entries: [number, number][][] = features.map(() => []);
  inputs.forEach((row, r) => {
    for (const [k, v] of row) {
      const i = index.get(k);
      if (i !== undefined && v !== 0) entries[i].push([r, v]);
    }
  });
  const columns = entries.map(buildColumn);

  const random = seededRandom(options.seed);
  const score = new Float64Array(rowCount);
  const gradient = new Float64Array(rowCount);
  const hessian = new Float64Array(rowCount);
  const nodeOf = new Int32Array(rowCount);
  const trees: RegressionTree[] = [];
  const nodeCount = 2 ** (options.depth + 1) - 1;

  for (let round = 0; round < options.rounds; round++) {
    // Softmax log-loss gradients per pronoun; unsampled pronouns get zero weight this round.
    for (let g = 0; g + 1 < groupStart.length; g++) {
      const from = groupStart[g];
      const to = groupStart[g + 1];
      const weight = random() < options.sampleFraction ? groupWeight[g] : 0;
      let max = Number.NEGATIVE_INFINITY;
      for (let r = from; r < to; r++) max = Math.max(max, score[r]);
      let total = 0;
      for (let r = from; r < to; r++) total += Math.exp(score[r] - max);
      for (let r = from; r < to; r++) {
        const p = Math.exp(score[r] - max) / total;
        gradient[r] = weight * (p - label[r]);
        hessian[r] = weight * Math.max(p * (1 - p), 1e-6);
      }
    }
    const usable = features.map(() => random() < options.featureFraction);
    const tree: RegressionTree = {
      feature: new Array(nodeCount).fill(-1),
      threshold: new Array(nodeCount).fill(0),
      value: new Array(nodeCount).fill(0),
    };
    nodeOf.fill(0);
    const nodeG = new Float64Array(nodeCount);
    const nodeH = new Float64Array(nodeCount);
    for (let r = 0; r < rowCount; r++) {
      nodeG[0] += gradient[r];
      nodeH[0] += hessian[r];
    }
    let level = [0];
    for (let depth = 0; depth < options.depth && level.length > 0; depth++) {
      const slot = new Map(level.map((n, i) => [n, i]));
      const best: Split[] = level.map(() => ({ gain: 0, feature: -1, bin: 0 }));
      for (let f = 0; f < features.length; f++) {
        if (!usable[f]) continue;
        const column = columns[f];
        const bins = column.cuts.length;
        const histG = new Float64Array(level.length * bins);
        const histH = new Float64Array(level.length * bins);
        const nonzeroG = new Float64Array(level.length);
        const nonzeroH = new Float64Array(level.length);
        for (let e = 0; e < column.rows.length; e++) {
          const r = column.rows[e];
          const s = slot.get(nodeOf[r]);
          if (s === undefined) continue;
          histG[s * bins + column.bins[e]] += gradient[r];
          histH[s * bins + column.bins[e]] += hessian[r];
          nonzeroG[s] += gradient[r];
          nonzeroH[s] += hessian[r];
        }
        level.forEach((node, s) => {
          histG[s * bins + column.zeroBin] += nodeG[node] - nonzeroG[s];
          histH[s * bins + column.zeroBin] += nodeH[node] - nonzeroH[s];
          const parent = (nodeG[node] * nodeG[node]) / (nodeH[node] + options.lambda);
          let leftG = 0;
          let leftH = 0;
          for (let b = 0; b < bins - 1; b++) {
            leftG += histG[s * bins + b];
            leftH += histH[s * bins + b];
            const rightG = nodeG[node] - leftG;
            const rightH = nodeH[node] - leftH;
            if (leftH < options.minChildWeight || rightH < options.minChildWeight) continue;
            const gain =
              (leftG * leftG) / (leftH + options.lambda) +
              (rightG * rightG) / (rightH + options.lambda) -
              parent;
            if (gain > best[s].gain + 1e-12) best[s] = { gain, feature: f, bin: b };
          }
        });
      }
      const next: number[] = [];
      level.forEach((node, s) => {
        const split = best[s];
        if (split.feature < 0) return;
        tree.feature[node] = split.feature;
        tree.threshold[node] = columns[split.feature].cuts[split.bin];
        next.push(2 * node + 1, 2 * node + 2);
      });
      // Route rows of the split nodes to their children.
      const splitNodes = new Set(level.filter((_, s) => best[s].feature >= 0));
      for (let r = 0; r < rowCount; r++) {
        const node = nodeOf[r];
        if (!splitNodes.has(node)) continue;
        const v = inputs[r].get(features[tree.feature[node]]) ?? 0;
        const child = v <= tree.threshold[node] ? 2 * node + 1 : 2 * node + 2;
        nodeOf[r] = child;
        nodeG[child] += gradient[r];
        nodeH[child] += hessian[r];
      }
      level = next;
    }
    for (let node = 0; node < nodeCount; node++) {
      if (tree.feature[node] < 0 && nodeH[node] > 0) {
        tree.value[node] = (-nodeG[node] / (nodeH[node] + options.lambda)) * options.shrinkage;
      }
    }
    for (let r = 0; r < rowCount; r++) score[r] += tree.value[nodeOf[r]];
    trees.push(tree);
  }
  return compact({ features, trees });
}

/** Keeps only the features the trees use, and rounds values, so the model file stays small. */
function compact(model: BoostedTrees): BoostedTrees {
  const used = [...new Set(model.trees.flatMap((t) => t.feature.filter((f) => f >= 0)))].sort(
    (x, y) => x - y,
  );
  const remap = new Map(used.map((f, i) => [f, i]));
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    features: used.map((f) => model.features[f]),
    trees: model.trees.map((t) => ({
      feature: t.feature.map((f) => (f < 0 ? -1 : (remap.get(f) as number))),
      // Thresholds stay exact: a rounded cut could send a value equal to it to the other side.
      threshold: t.threshold,
      value: t.value.map(round),
    })),
  };
}
