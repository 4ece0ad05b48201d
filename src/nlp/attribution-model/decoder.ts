import {
  type CueContext,
  type DocFeatures,
  ROLE_CONTENT,
  ROLE_OUTSIDE,
  roleWindow,
  ruleRelation,
} from "./features.ts";
import { argmax, type LinearModel, score } from "./model.ts";
import { cueFeatures, cueSideFeatures, MAX_FEATURES, roleFeatures, SIDE_SLOTS } from "./tagger-features.ts";

/**
 * Greedy left-to-right decoding: each token's label is chosen from its features and the labels already
 * chosen. With averaged-perceptron weights this is within a point of Viterbi for these tag sets and
 * several times cheaper.
 */

/**
 * Training hook: called for each token with its features, gold label and predicted label, so that the
 * trainer learns from exactly the features and decoding the extractor uses.
 */
export interface Teacher {
  gold: Uint8Array;
  learn(features: Uint32Array, count: number, gold: number, predicted: number): void;
}

/** The "previous label" of the first token after a cue: being right after the cue is its own context. */
const AFTER_CUE = 3;

const CUE_OUTSIDE = 0;
const CUE_BEGIN = 1;
const CUE_INSIDE = 2;

/** Scratch buffers reused across calls: tagging allocates nothing per token or per cue. */
const featureBuffer = new Uint32Array(MAX_FEATURES);
const scoreBuffer = new Float64Array(8);
const sideBuffer = new Uint32Array(2 * SIDE_SLOTS);
let roleLabelBuffer = new Uint8Array(1024);
let relationBuffer = new Uint8Array(1024);

/** Token index ranges [first, last] of the cues the tagger finds, in text order. */
export function tagCues(
  f: DocFeatures,
  model: LinearModel,
  bias = 0,
  teacher?: Teacher,
): Array<[number, number]> {
  const features = featureBuffer;
  const scores = scoreBuffer;
  const cues: Array<[number, number]> = [];
  let previous = CUE_OUTSIDE;
  let beforePrevious = CUE_OUTSIDE;
  for (let i = 0; i < f.length; i++) {
    const count = cueFeatures(f, i, previous, beforePrevious, features);
    score(model, features, count, scores);
    scores[CUE_OUTSIDE] -= bias / model.scale;
    let label = argmax(scores, model.labels);
    if (teacher) teacher.learn(features, count, teacher.gold[i], label);
    // An I with no cue to continue starts one instead; cues never cross sentences.
    if (label === CUE_INSIDE && (previous === CUE_OUTSIDE || f.sentence[i] !== f.sentence[i - 1]))
      label = CUE_BEGIN;
    if (label === CUE_BEGIN) cues.push([i, i]);
    else if (label === CUE_INSIDE) cues[cues.length - 1][1] = i;
    beforePrevious = previous;
    previous = label;
  }
  return cues;
}

/** cueStartsBefore[i] = number of cue starts among tokens before i. */
export function cueStartPrefix(length: number, cues: ReadonlyArray<readonly [number, number]>): Int32Array {
  const prefix = new Int32Array(length + 1);
  for (const [first] of cues) prefix[first + 1]++;
  for (let i = 0; i < length; i++) prefix[i + 1] += prefix[i];
  return prefix;
}

/**
 * Content runs past the cue's sentence only when it is still running at the sentence end (one of the
 * last tokens is content: "He said that A. B.", a quote spanning sentences), when the next sentence
 * resumes a quotation in the same paragraph, or when nothing was found yet (a cue closing its sentence
 * introduces the next). Stopping there keeps per-cue work near one sentence instead of three.
 */
function continuesIntoNextSentence(
  f: DocFeatures,
  labels: Uint8Array,
  lo: number,
  i: number,
  contentSeen: boolean,
): boolean {
  if (!contentSeen) return true;
  // A quotation resuming after "he said." usually belongs to the same attribution.
  if (f.quoteMark[i] !== 0 && f.paragraph[i] === f.paragraph[i - 1]) return true;
  const sentenceStart = f.sentenceStart[f.sentence[i - 1]];
  for (let j = i - 1; j >= Math.max(lo, sentenceStart, i - 3); j--)
    if (labels[j - lo] === ROLE_CONTENT) return true;
  return false;
}

/**
 * Role labels (ROLE_*) for the tokens of the cue's window; `window[0]` is the first token's index.
 * The labels are a view of a scratch buffer, valid until the next call.
 */
export function tagRoles(
  f: DocFeatures,
  cue: CueContext,
  model: LinearModel,
  bias = 0,
  teacher?: Teacher,
): { window: [number, number]; labels: Uint8Array } {
  const window = roleWindow(f, cue);
  const [lo, hi] = window;
  if (roleLabelBuffer.length < hi - lo) roleLabelBuffer = new Uint8Array(2 * (hi - lo));
  const labels = roleLabelBuffer;
  labels.fill(0, 0, hi - lo);
  if (relationBuffer.length < hi - lo) relationBuffer = new Uint8Array(2 * (hi - lo));
  const relation = relationBuffer.subarray(0, hi - lo);
  let ruleIndex = -1;
  for (let i = cue.first; i <= cue.last && ruleIndex < 0; i++) ruleIndex = f.ruleOfToken[i];
  const rule = ruleIndex >= 0 ? f.rules[ruleIndex] : null;
  for (let i = lo; i < hi; i++) relation[i - lo] = ruleRelation(f, rule, i);
  const features = featureBuffer;
  const scores = scoreBuffer;
  const sides = sideBuffer;
  cueSideFeatures(f, cue, sides);
  let previous = ROLE_OUTSIDE;
  let contentSeen = false;
  let end = hi;
  for (let i = lo; i < hi; i++) {
    if (
      i > cue.last &&
      f.sentence[i] !== f.sentence[i - 1] &&
      !continuesIntoNextSentence(f, labels, lo, i, contentSeen)
    ) {
      end = i;
      break;
    }
    if (i >= cue.first && i <= cue.last) {
      previous = AFTER_CUE;
      continue;
    }
    const count = roleFeatures(f, i, cue, previous, relation, lo, sides, features);
    score(model, features, count, scores);
    scores[ROLE_OUTSIDE] -= bias / model.scale;
    const label = argmax(scores, model.labels);
    if (teacher) teacher.learn(features, count, teacher.gold[i - lo], label);
    labels[i - lo] = label;
    if (label === ROLE_CONTENT) contentSeen = true;
    previous = label;
  }
  return { window: [lo, end], labels: labels.subarray(0, end - lo) };
}
