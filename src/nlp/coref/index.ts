/**
 * Pronoun resolution for the speaker resolver: given a text, a pronoun span and candidate names, say
 * which candidate (if any) the pronoun refers to. The ranker (a linear model averaged with boosted trees)
 * is trained on GAP (training/gap/train.ts) and lives in models/gap.json.
 *
 * GAP pairs each pronoun with names of the same gender, so the model itself never looks at gender. In
 * news, candidates can differ in gender: unless `useGender` is false, a candidate whose honorific or first
 * name (names.ts) has the other gender is ruled out before the decision, and gets probability 0.
 */
import { modelUrl, readModelJson } from "../../core/models.ts";
import { sliceSpan } from "../../core/span.ts";
import type { Span } from "../doc.ts";
import { type Candidate, extractFeatures, type PronounContext } from "./features.ts";
import { decide, optionScores, type RankerModel, softmax } from "./model.ts";
import { genderCompatible } from "./names.ts";

export type { Candidate, PronounContext } from "./features.ts";

export interface Resolution {
  /** Index into the candidates, or -1 when the pronoun refers to none of them. */
  candidate: number;
  /** One probability per candidate, in the order given (the rest is "none"). */
  scores: number[];
  /** Probability that the pronoun refers to none of the candidates. */
  none: number;
}

const MODEL_URL = modelUrl("gap.json");
let cachedModel: RankerModel | undefined;

export function loadModel(url: URL = MODEL_URL): RankerModel {
  const raw = readModelJson<RankerModel>(url);
  if (typeof raw.weights !== "object" || typeof raw.noneOffset !== "number") {
    throw new Error(`${url.pathname}: not a pronoun-resolution model`);
  }
  if (raw.trees !== undefined && !(Array.isArray(raw.trees.features) && Array.isArray(raw.trees.trees))) {
    throw new Error(`${url.pathname}: malformed boosted trees`);
  }
  return { weights: raw.weights, noneOffset: raw.noneOffset, trees: raw.trees, treeWeight: raw.treeWeight };
}

export function defaultModel(): RankerModel {
  cachedModel ??= loadModel();
  return cachedModel;
}

export interface ResolveOptions extends PronounContext {
  /** Rule out candidates whose guessed gender differs from the pronoun's (default true). */
  useGender?: boolean;
  model?: RankerModel;
}

export function resolvePronoun(
  text: string,
  pronoun: Span,
  candidates: readonly Candidate[],
  options: ResolveOptions = {},
): Resolution {
  if (pronoun.start < 0 || pronoun.end > text.length || pronoun.start >= pronoun.end) {
    throw new RangeError(`pronoun span [${pronoun.start}, ${pronoun.end}) is outside the text`);
  }
  for (const c of candidates) {
    if (c.start < 0 || c.end > text.length || c.start >= c.end) {
      throw new RangeError(`candidate "${c.name}" span [${c.start}, ${c.end}) is outside the text`);
    }
  }
  if (candidates.length === 0) return { candidate: -1, scores: [], none: 1 };
  const model = options.model ?? defaultModel();
  const pronounText = sliceSpan(text, pronoun);
  const scores = optionScores(model, extractFeatures(text, pronoun, candidates, { url: options.url }));
  if (options.useGender !== false) {
    candidates.forEach((c, i) => {
      if (!genderCompatible(pronounText, c.name)) scores[i] = Number.NEGATIVE_INFINITY;
    });
  }
  const probabilities = softmax(scores);
  return {
    candidate: decide(model, scores),
    scores: probabilities.slice(0, -1),
    none: probabilities[probabilities.length - 1],
  };
}
