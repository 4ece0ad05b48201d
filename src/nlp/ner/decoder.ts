import { BILOU_TAGS, canEnd, canStart, isLegalTransition } from "./tags.ts";

/**
 * First-order Viterbi decoding over BILOU tags. Transition scores are learned, but illegal moves (I-PER
 * after O, B-ORG then L-LOC) are forbidden outright, so every decoded sequence is a set of entities.
 */
export const TAG_COUNT = BILOU_TAGS.length;

/** Row `p`, column `n`: whether tag n may follow tag p. Row TAG_COUNT is the sentence start. */
const LEGAL: boolean[] = (() => {
  const legal: boolean[] = [];
  for (let p = 0; p <= TAG_COUNT; p++) {
    for (let n = 0; n < TAG_COUNT; n++) {
      legal.push(p === TAG_COUNT ? canStart(BILOU_TAGS[n]) : isLegalTransition(BILOU_TAGS[p], BILOU_TAGS[n]));
    }
  }
  return legal;
})();
const LEGAL_END: boolean[] = BILOU_TAGS.map(canEnd);

/**
 * Best tag sequence for `length` tokens given emission scores (emissions[t * TAG_COUNT + tag]) and
 * transition scores laid out as LEGAL (row TAG_COUNT for the start).
 */
export function viterbi(emissions: Float64Array, length: number, transitions: ArrayLike<number>): Int32Array {
  const tags = new Int32Array(length);
  if (length === 0) return tags;
  const score = new Float64Array(length * TAG_COUNT);
  const back = new Int32Array(length * TAG_COUNT);
  for (let n = 0; n < TAG_COUNT; n++) {
    const k = TAG_COUNT * TAG_COUNT + n;
    score[n] = LEGAL[k] ? transitions[k] + emissions[n] : Number.NEGATIVE_INFINITY;
  }
  for (let t = 1; t < length; t++) {
    for (let n = 0; n < TAG_COUNT; n++) {
      let best = Number.NEGATIVE_INFINITY;
      let arg = 0;
      for (let p = 0; p < TAG_COUNT; p++) {
        const k = p * TAG_COUNT + n;
        if (!LEGAL[k]) continue;
        const s = score[(t - 1) * TAG_COUNT + p] + transitions[k];
        if (s > best) [best, arg] = [s, p];
      }
      score[t * TAG_COUNT + n] = best + emissions[t * TAG_COUNT + n];
      back[t * TAG_COUNT + n] = arg;
    }
  }
  let best = Number.NEGATIVE_INFINITY;
  let arg = 0;
  for (let n = 0; n < TAG_COUNT; n++) {
    const s = score[(length - 1) * TAG_COUNT + n];
    if (LEGAL_END[n] && s > best) [best, arg] = [s, n];
  }
  tags[length - 1] = arg;
  for (let t = length - 1; t > 0; t--) tags[t - 1] = back[t * TAG_COUNT + tags[t]];
  return tags;
}

/** Emission scores of one sentence: the sum of the weight rows of each token's known features. */
export function emissionScores(featureIds: readonly Int32Array[], weights: ArrayLike<number>): Float64Array {
  const emissions = new Float64Array(featureIds.length * TAG_COUNT);
  featureIds.forEach((ids, t) => {
    const base = t * TAG_COUNT;
    for (const id of ids) {
      const row = id * TAG_COUNT;
      for (let n = 0; n < TAG_COUNT; n++) emissions[base + n] += weights[row + n];
    }
  });
  return emissions;
}
