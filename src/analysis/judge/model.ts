/**
 * A tiny multinomial logistic regression: standardised features, L2 penalty, class weights that make
 * each label count equally (the labels are imbalanced and the target is macro F1), full-batch gradient
 * descent from zero weights, so training is deterministic.
 */

import { LABELS, type Label } from "../../core/verdict.ts";

export { LABELS, type Label } from "../../core/verdict.ts";

export interface LogisticModel {
  features: string[];
  mean: number[];
  scale: number[];
  /** weights[k][j] for label k and feature j; bias[k] per label. */
  weights: number[][];
  bias: number[];
  l2: number;
}

export interface TrainOptions {
  /** L2 strength per example; strong by default because there are only a couple of hundred pairs. */
  l2?: number;
  iterations?: number;
  learningRate?: number;
  /**
   * Class weight = (n / (K · count))^power: 1 weighs every label equally (macro F1 rewards the rare
   * labels), 0 is plain likelihood (which favours the majority label); in between trades the two.
   */
  classWeightPower?: number;
}

function softmax(z: number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

export function trainLogistic(
  features: string[],
  rows: number[][],
  labels: Label[],
  options: TrainOptions = {},
): LogisticModel {
  const { l2 = 0.1, iterations = 800, learningRate = 0.5, classWeightPower = 1 } = options;
  const n = rows.length;
  const d = features.length;
  const mean = features.map((_, j) => rows.reduce((s, r) => s + (r[j] ?? 0), 0) / n);
  const scale = features.map((_, j) => {
    const variance = rows.reduce((s, r) => s + ((r[j] ?? 0) - (mean[j] ?? 0)) ** 2, 0) / n;
    // A constant feature in a training fold gets scale 1 so it contributes nothing instead of NaN.
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  const x = rows.map((r) => r.map((v, j) => (v - (mean[j] ?? 0)) / (scale[j] ?? 1)));
  const y = labels.map((l) => LABELS.indexOf(l));
  const counts = LABELS.map((_, k) => y.filter((v) => v === k).length);
  const classWeight = counts.map((c) => (c > 0 ? (n / (LABELS.length * c)) ** classWeightPower : 1));
  const weights = LABELS.map(() => new Array<number>(d).fill(0));
  const bias = LABELS.map(() => 0);
  const totalWeight = y.reduce((s, k) => s + (classWeight[k] ?? 1), 0);

  for (let it = 0; it < iterations; it++) {
    const gradW = LABELS.map(() => new Array<number>(d).fill(0));
    const gradB = LABELS.map(() => 0);
    x.forEach((xi, i) => {
      const yi = y[i] ?? 0;
      const cw = classWeight[yi] ?? 1;
      const p = softmax(LABELS.map((_, k) => (bias[k] ?? 0) + dot(weights[k] ?? [], xi)));
      p.forEach((pk, k) => {
        const err = cw * (pk - (k === yi ? 1 : 0));
        gradB[k] = (gradB[k] ?? 0) + err;
        const gk = gradW[k] ?? [];
        for (let j = 0; j < d; j++) gk[j] = (gk[j] ?? 0) + err * (xi[j] ?? 0);
      });
    });
    for (let k = 0; k < LABELS.length; k++) {
      const wk = weights[k] ?? [];
      const gk = gradW[k] ?? [];
      for (let j = 0; j < d; j++)
        wk[j] = (wk[j] ?? 0) - learningRate * ((gk[j] ?? 0) / totalWeight + l2 * (wk[j] ?? 0));
      bias[k] = (bias[k] ?? 0) - (learningRate * (gradB[k] ?? 0)) / totalWeight;
    }
  }
  return { features, mean, scale, weights, bias, l2 };
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j] ?? 0) * (b[j] ?? 0);
  return s;
}

export function predictProba(model: LogisticModel, row: number[]): Record<Label, number> {
  const xi = row.map((v, j) => (v - (model.mean[j] ?? 0)) / (model.scale[j] ?? 1));
  const p = softmax(LABELS.map((_, k) => (model.bias[k] ?? 0) + dot(model.weights[k] ?? [], xi)));
  return { Inconsistent: p[0] ?? 0, Unrelated: p[1] ?? 0, Consistent: p[2] ?? 0 };
}

export function argmax(scores: Record<Label, number>): Label {
  return LABELS.reduce((best, l) => (scores[l] > scores[best] ? l : best), LABELS[0] as Label);
}
