/** What a judge (the trained classifier or a language model) says of two statements of one speaker. */

export const LABELS = ["Inconsistent", "Unrelated", "Consistent"] as const;
export type Label = (typeof LABELS)[number];

export interface Verdict {
  label: Label;
  /** Probability of each label under the model; they sum to 1. */
  scores: Record<Label, number>;
  /** Evidence sentences, those that point to the chosen label first. */
  reasons: string[];
}

/** Where verdicts are kept between runs (the store implements it, asynchronously; a Map may, synchronously). */
export interface VerdictCache {
  getVerdict(key: string): Verdict | undefined | Promise<Verdict | undefined>;
  putVerdict(key: string, verdict: Verdict): void | Promise<void>;
}
