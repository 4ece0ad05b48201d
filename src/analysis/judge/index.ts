/**
 * The pairwise statement judge: are two statements by the same speaker Inconsistent, Unrelated or
 * Consistent? A tiny logistic regression over explainable features (models/judge.json, trained by
 * `npm run train:inconsistency`), returning the label, the label probabilities and the evidence a
 * journalist can check against the two texts.
 */
import { modelUrl, readModelJson } from "../../core/models.ts";
import type { Verdict } from "../../core/verdict.ts";
import { decide } from "./decide.ts";
import { type Evidence, featureVector, pairFeatures } from "./features.ts";
import { LABELS, type Label, type LogisticModel } from "./model.ts";

export type { Label } from "./model.ts";
export { LABELS } from "./model.ts";

/** The classifier's verdict on a pair (the core type every judge returns). */
export type Judgement = Verdict;

export const DEFAULT_MODEL_URL = modelUrl("judge.json");

let cached: LogisticModel | undefined;

export function loadJudgeModel(url: URL = DEFAULT_MODEL_URL): LogisticModel {
  let model: LogisticModel;
  try {
    model = readModelJson<LogisticModel>(url);
  } catch (error) {
    throw new Error(
      `cannot read judge model ${url.pathname}: ${(error as Error).message}; run npm run train:inconsistency`,
    );
  }
  const expected = featureVector(pairFeatures("", "").values).length;
  if (model.features?.length !== expected || model.weights?.length !== LABELS.length) {
    throw new Error(
      `judge model ${url.pathname} does not match the feature set; run npm run train:inconsistency`,
    );
  }
  return model;
}

/** Orders evidence: what supports the label, then relatedness, then the rest, and the form note last. */
function orderReasons(label: Label, evidence: Evidence[]): string[] {
  const rank = (e: Evidence) => {
    if (e.supports === label) return 0;
    if (e.supports === "Related") return label === "Unrelated" ? 2 : 1;
    if (e.supports === "Form") return 4;
    return 3;
  };
  return [...evidence].sort((x, y) => rank(x) - rank(y)).map((e) => e.text);
}

/** The shipped model, read once on first use. */
function defaultModel(): LogisticModel {
  cached ??= loadJudgeModel();
  return cached;
}

export function judgePair(a: string, b: string, model: LogisticModel = defaultModel()): Judgement {
  const features = pairFeatures(a, b);
  const { label, scores, rule } = decide(model, features);
  const reasons = orderReasons(label, features.evidence);
  return { label, scores, reasons: rule ? [rule, ...reasons] : reasons };
}
