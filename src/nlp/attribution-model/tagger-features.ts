import { type CueContext, type DocFeatures, distanceBucket } from "./features.ts";
import * as hash from "./hash.ts";

/**
 * The feature templates of the two taggers: each fills a buffer with the hashes of one token's features
 * (see hash.ts), read by the decoder (decoder.ts) to score labels and by the trainer to update weights.
 */

// Local bindings: calls through an imported module namespace can cost a getter each under some
// loaders (tsx), and these run dozens of times per token.
const { feature1, feature2, feature3, feature4 } = hash;

/** Sentinel hashes for positions outside the document. */
const PAD = 0x5bd1e995;

export const MAX_FEATURES = 64;

/** The cue tagger's always-on feature (a per-label bias). */
const BIAS_FEATURE = feature1(0, 0);

/** Fills `out` with feature hashes for token i of the cue tagger; returns how many. */
export function cueFeatures(
  f: DocFeatures,
  i: number,
  previousLabel: number,
  beforePreviousLabel: number,
  out: Uint32Array,
): number {
  const n = f.length;
  const w0 = f.word[i];
  const wm1 = i > 0 ? f.word[i - 1] : PAD;
  const wm2 = i > 1 ? f.word[i - 2] : PAD;
  const wp1 = i + 1 < n ? f.word[i + 1] : PAD;
  const wp2 = i + 2 < n ? f.word[i + 2] : PAD;
  const sh0 = f.shape[i];
  const shm1 = i > 0 ? f.shape[i - 1] : PAD;
  const shp1 = i + 1 < n ? f.shape[i + 1] : PAD;
  const st0 = f.stemmed[i];
  const q0 = f.inQuote[i];
  const qm0 = f.quoteMark[i];
  const qmm1 = i > 0 ? f.quoteMark[i - 1] : 9;
  const qmp1 = i + 1 < n ? f.quoteMark[i + 1] : 9;
  const si = f.sentence[i];
  const start = f.sentenceStart[si];
  const end = f.sentenceEnd[si];
  const fromStart = distanceBucket(i - start);
  const toEnd = distanceBucket(end - 1 - i);
  const quotesInSentence = f.quotesBefore[end] - f.quotesBefore[start];
  const quotesLeft = f.quotesBefore[i] - f.quotesBefore[start];
  const quotesRight = f.quotesBefore[end] - f.quotesBefore[i + 1];
  const lex = f.lexicon[i];
  const lexm1 = i > 0 ? f.lexicon[i - 1] : 2;
  const lexp1 = i + 1 < n ? f.lexicon[i + 1] : 2;
  const stm1 = i > 0 ? f.stemmed[i - 1] : PAD;
  const stp1 = i + 1 < n ? f.stemmed[i + 1] : PAD;
  let k = 0;
  out[k++] = BIAS_FEATURE;
  out[k++] = feature1(1, w0);
  out[k++] = feature1(2, st0);
  out[k++] = feature1(3, f.suffix[i]);
  out[k++] = feature1(4, sh0);
  out[k++] = feature1(5, wm1);
  out[k++] = feature1(6, wp1);
  out[k++] = feature1(7, wm2);
  out[k++] = feature1(8, wp2);
  out[k++] = feature2(9, wm1, w0);
  out[k++] = feature2(10, w0, wp1);
  out[k++] = feature3(11, shm1, sh0, shp1);
  out[k++] = feature2(12, q0, qm0);
  out[k++] = feature2(13, q0, st0);
  out[k++] = feature3(14, qmm1, qmp1, q0);
  out[k++] = feature3(15, Math.min(quotesLeft, 3), Math.min(quotesRight, 3), q0);
  out[k++] = feature2(16, fromStart, toEnd);
  out[k++] = feature2(17, lex, q0);
  out[k++] = feature3(18, lexm1, lex, lexp1);
  out[k++] = feature1(19, previousLabel);
  out[k++] = feature2(20, previousLabel, w0);
  out[k++] = feature2(21, previousLabel, beforePreviousLabel);
  out[k++] = feature3(22, previousLabel, st0, q0);
  out[k++] = feature2(23, Math.min(quotesInSentence, 4), lex);
  out[k++] = feature2(24, stm1, st0);
  out[k++] = feature2(25, st0, stp1);
  out[k++] = feature3(26, st0, fromStart === 0 ? 0 : 1, Math.min(quotesInSentence, 2));
  out[k++] = feature2(27, previousLabel, wm1);
  out[k++] = feature3(28, sh0, lex, previousLabel);
  out[k++] = feature2(29, f.capitalised[i], fromStart);
  // What the rules found here (see DocFeatures.useRules): the tagger learns when to trust them, per word.
  const rc = f.ruleCue[i];
  const rcm1 = i > 0 ? f.ruleCue[i - 1] : 3;
  const rcp1 = i + 1 < n ? f.ruleCue[i + 1] : 3;
  out[k++] = feature1(30, rc);
  out[k++] = feature2(31, rc, st0);
  out[k++] = feature3(32, rc, previousLabel, rcm1);
  out[k++] = feature3(33, rc, f.ruleRole[i], q0);
  out[k++] = feature3(34, rcm1, rc, rcp1);
  return k;
}

/** The previous labels a role feature sees: ROLE_OUTSIDE, ROLE_SOURCE, ROLE_CONTENT and 3, right after the cue. */
const PREVIOUS_LABELS = 4;

/**
 * Role features that depend only on the cue and on which side of it a token lies are hashed once per cue
 * (cueSideFeatures) and copied per token, not hashed per token: SIDE_SLOTS hashes per side, the last
 * PREVIOUS_LABELS of them one per previous label.
 */
const SIDE_CONSTANT = 6;
export const SIDE_SLOTS = SIDE_CONSTANT + PREVIOUS_LABELS;

/** Hashes of the template with only the previous label as argument, one per label. */
const PREVIOUS_LABEL_FEATURES = Uint32Array.from({ length: PREVIOUS_LABELS }, (_, p) => feature1(118, p));

/** Fills `out[0 .. 2 * SIDE_SLOTS)` with the cue's per-side feature hashes (before the cue, then after). */
export function cueSideFeatures(f: DocFeatures, cue: CueContext, out: Uint32Array): void {
  const n = f.length;
  const { first, last } = cue;
  const cueSentence = f.sentence[first];
  const cueFirst = f.stemmed[first];
  const cueLast = f.stemmed[last];
  const afterCue = last + 1 < n ? f.word[last + 1] : PAD;
  const beforeCue = first > 0 ? f.word[first - 1] : PAD;
  const cueAtStart = distanceBucket(first - f.sentenceStart[cueSentence]);
  const cueToEnd = distanceBucket(f.sentenceEnd[cueSentence] - 1 - last);
  for (let after = 0; after < 2; after++) {
    const o = after * SIDE_SLOTS;
    out[o] = feature1(100, after);
    out[o + 1] = feature2(113, after, cueFirst);
    out[o + 2] = feature2(114, after, cueLast);
    out[o + 3] = feature2(116, after, afterCue);
    out[o + 4] = feature2(117, after, beforeCue);
    out[o + 5] = feature3(126, after, cueAtStart, cueToEnd);
    for (let p = 0; p < PREVIOUS_LABELS; p++)
      out[o + SIDE_CONSTANT + p] = feature4(127, p, after, cueAtStart, cueToEnd);
  }
}

/** Fills `out` with feature hashes for token i (outside the cue) relative to the cue; returns how many. */
export function roleFeatures(
  f: DocFeatures,
  i: number,
  cue: CueContext,
  previousLabel: number,
  relation: Uint8Array,
  lo: number,
  sides: Uint32Array,
  out: Uint32Array,
): number {
  const n = f.length;
  const { first, last } = cue;
  const after = i > last ? 1 : 0;
  const side = after * SIDE_SLOTS;
  const distance = after ? i - last : first - i;
  const db = distanceBucket(distance);
  const from = after ? last + 1 : i + 1;
  const to = after ? i : first;
  const quotesBetween = Math.min(f.quotesBefore[to] - f.quotesBefore[from], 3);
  const commasBetween = Math.min(f.commasBefore[to] - f.commasBefore[from], 3);
  const cuesBetween = Math.min(cue.cueStartsBefore[to] - cue.cueStartsBefore[from], 2);
  const cueSentence = f.sentence[first];
  const sd = Math.max(-2, Math.min(3, f.sentence[i] - cueSentence)) + 2;
  const pd = Math.max(-1, Math.min(2, f.paragraph[i] - f.paragraph[first])) + 1;
  const w0 = f.word[i];
  const wm1 = i > 0 ? f.word[i - 1] : PAD;
  const wp1 = i + 1 < n ? f.word[i + 1] : PAD;
  const sh0 = f.shape[i];
  const q0 = f.inQuote[i];
  const qm0 = f.quoteMark[i];
  const cq = f.inQuote[first];
  const cueFirst = f.stemmed[first];
  const afterCue = last + 1 < n ? f.word[last + 1] : PAD;
  const si = f.sentence[i];
  const sentenceEdge = (i === f.sentenceStart[si] ? 1 : 0) + (i === f.sentenceEnd[si] - 1 ? 2 : 0);
  const dirBucket = after * 16 + db;
  let k = 0;
  // The trained order (with float weights, in training and cross-validation, another order could round a
  // sum differently); the slots read from `sides` were hashed once for the cue.
  out[k++] = sides[side];
  out[k++] = feature1(101, dirBucket);
  out[k++] = feature2(102, sd, pd);
  out[k++] = feature3(103, sd, dirBucket, cuesBetween);
  out[k++] = feature2(104, after, w0);
  out[k++] = feature2(105, dirBucket, w0);
  out[k++] = feature2(106, after, sh0);
  out[k++] = feature2(107, after, wm1);
  out[k++] = feature2(108, after, wp1);
  out[k++] = feature4(109, after, q0, cq, quotesBetween);
  out[k++] = feature3(110, after, qm0, q0);
  out[k++] = feature3(111, after, cuesBetween, sd);
  out[k++] = feature3(112, after, commasBetween, sd);
  out[k++] = sides[side + 1];
  out[k++] = sides[side + 2];
  out[k++] = feature3(115, after, db, cueFirst);
  out[k++] = sides[side + 3];
  out[k++] = sides[side + 4];
  out[k++] = PREVIOUS_LABEL_FEATURES[previousLabel];
  out[k++] = feature3(119, previousLabel, after, q0);
  out[k++] = feature2(120, previousLabel, w0);
  out[k++] = feature2(121, previousLabel, sh0);
  out[k++] = feature3(122, previousLabel, sd, sentenceEdge);
  out[k++] = feature4(123, previousLabel, qm0, q0, after);
  out[k++] = feature3(124, after, sentenceEdge, sd);
  out[k++] = feature3(125, after, f.capitalised[i], db);
  out[k++] = sides[side + 5];
  out[k++] = sides[side + SIDE_CONSTANT + previousLabel];
  out[k++] = feature3(128, after, afterCue, db);
  out[k++] = feature4(129, after, quotesBetween, commasBetween, sd);
  out[k++] = feature3(130, previousLabel, wm1, after);
  out[k++] = feature3(131, after, cueFirst, w0);
  out[k++] = feature4(132, previousLabel, cuesBetween, after, sd);
  // The rule attribution for this cue, if any: its source and content, and where its spans end.
  const r0 = relation[i - lo];
  const rm1 = i > lo ? relation[i - lo - 1] : 15;
  const rp1 = i + 1 - lo < relation.length ? relation[i + 1 - lo] : 15;
  out[k++] = feature2(133, r0, after);
  out[k++] = feature3(134, r0, previousLabel, after);
  out[k++] = feature3(135, rm1, r0, rp1);
  out[k++] = feature4(136, r0, sd, after, q0);
  out[k++] = feature3(137, r0, w0, after);
  // Word classes around the token: where a source noun phrase or a content clause starts and ends ("the",
  // "of", "that", "he"). 5-fold CV on train: exact source F1 +0.009, better in every fold; running the
  // part-of-speech tagger itself gave no more and would halve extraction speed.
  const c0 = f.wordClass[i];
  const cm1 = i > 0 ? f.wordClass[i - 1] : PAD;
  const cp1 = i + 1 < n ? f.wordClass[i + 1] : PAD;
  out[k++] = feature2(138, after, c0);
  out[k++] = feature3(139, dirBucket, c0, previousLabel);
  out[k++] = feature3(140, cm1, c0, after);
  out[k++] = feature3(141, c0, cp1, after);
  out[k++] = feature4(142, previousLabel, c0, sd, after);
  return k;
}
