/** Macro F1 and accuracy over the three labels, computed as ../shared/tools/score-inconsistency.mjs does. */
import { LABELS, type Label } from "./model.ts";

export interface Scores {
  macroF1: number;
  accuracy: number;
  perLabel: Record<Label, number>;
}

export function score(gold: Label[], predicted: Label[]): Scores {
  const counts = Object.fromEntries(LABELS.map((l) => [l, { tp: 0, fp: 0, fn: 0 }])) as Record<
    Label,
    { tp: number; fp: number; fn: number }
  >;
  let correct = 0;
  gold.forEach((g, i) => {
    const p = predicted[i];
    if (p === g) {
      correct++;
      counts[g].tp++;
    } else {
      counts[g].fn++;
      if (p) counts[p].fp++;
    }
  });
  const f1 = ({ tp, fp, fn }: { tp: number; fp: number; fn: number }) => {
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  };
  const perLabel = Object.fromEntries(LABELS.map((l) => [l, f1(counts[l])])) as Record<Label, number>;
  return {
    macroF1: LABELS.reduce((s, l) => s + perLabel[l], 0) / LABELS.length,
    accuracy: gold.length ? correct / gold.length : 0,
    perLabel,
  };
}
