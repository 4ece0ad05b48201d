/**
 * The GAP metric as ../shared/tools/score-gap.mjs computes it: precision, recall and F1 of the TRUE
 * decisions over all (pronoun, name) pairs, overall and by the pronoun's gender, and the F/M ratio.
 * Reimplemented here so cross-validation can score folds in memory.
 */
import { pronounGender } from "../../src/nlp/coref/features.ts";
import type { GapExample, GapPrediction } from "../../src/nlp/coref/gap-file.ts";

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface GapScore {
  f1: number;
  masculine: number;
  feminine: number;
  ratio: number;
}

const f1 = ({ tp, fp, fn }: Counts) => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));

export function scoreGap(gold: readonly GapExample[], predictions: readonly GapPrediction[]): GapScore {
  const byId = new Map(predictions.map((p) => [p.id, p]));
  const all: Counts = { tp: 0, fp: 0, fn: 0 };
  const m: Counts = { tp: 0, fp: 0, fn: 0 };
  const f: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const example of gold) {
    const p = byId.get(example.id);
    const bucket = pronounGender(example.pronoun) === "F" ? f : m;
    const pairs: [boolean, boolean][] = [
      [p?.aCoref ?? false, example.aCoref ?? false],
      [p?.bCoref ?? false, example.bCoref ?? false],
    ];
    for (const [predicted, actual] of pairs) {
      for (const c of [all, bucket]) {
        if (predicted && actual) c.tp++;
        else if (predicted) c.fp++;
        else if (actual) c.fn++;
      }
    }
  }
  const masculine = f1(m);
  const feminine = f1(f);
  return { f1: f1(all), masculine, feminine, ratio: masculine ? feminine / masculine : 0 };
}

export function formatScore(s: GapScore): string {
  return `F1 ${s.f1.toFixed(3)}  M ${s.masculine.toFixed(3)}  F ${s.feminine.toFixed(3)}  F/M ${s.ratio.toFixed(3)}`;
}
