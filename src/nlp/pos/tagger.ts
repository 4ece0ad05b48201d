/**
 * Greedy left-to-right decoding for the POS tagger and the chunker, shared by training (which updates
 * the perceptron on its own predictions, as Honnibal's tagger does) and by prediction.
 */
import { chunkFeatures, posFeatures, type WordContext, wordContext } from "./features.ts";
import { type AveragedPerceptron, argmax } from "./perceptron.ts";

export interface PosModel {
  perceptron: AveragedPerceptron;
  /** Frequent words that (almost) always take one tag skip the perceptron: faster, and no less accurate. */
  tagDictionary: Map<string, string>;
}

export interface ChunkSpan {
  /** Token indices, [start, end). */
  start: number;
  end: number;
  type: string;
}

/** Tags a sentence; with `gold`, also trains on it (an update after each token, on predicted history). */
export function decodePos(model: PosModel, words: readonly string[], gold?: readonly string[]): string[] {
  const ctx = wordContext(words);
  const { perceptron, tagDictionary } = model;
  const out: string[] = [];
  const scores = new Float64Array(perceptron.classes.length);
  let prev = "-START-";
  let prev2 = "-START2-";
  for (let i = 0; i < words.length; i++) {
    let tag = tagDictionary.get(ctx.words[i]);
    if (tag === undefined) {
      const features = posFeatures(ctx, i, prev, prev2);
      const guess = argmax(perceptron.scores(features, scores));
      if (gold) perceptron.update(perceptron.classes.indexOf(gold[i]), guess, features);
      tag = perceptron.classes[guess];
    }
    out.push(tag);
    prev2 = prev;
    prev = tag;
  }
  return out;
}

/** BIO transitions: "I-X" may only continue a chunk of the same type. */
function allowedAfter(classes: readonly string[], prev: string): (c: number) => boolean {
  return (c) => {
    const tag = classes[c];
    if (!tag.startsWith("I-")) return true;
    return prev !== "O" && prev.slice(2) === tag.slice(2);
  };
}

/** BIO chunk tags for a POS-tagged sentence; with `gold` (BIO), also trains on it. */
export function decodeChunks(
  perceptron: AveragedPerceptron,
  words: readonly string[],
  tags: readonly string[],
  gold?: readonly string[],
  ctx: WordContext = wordContext(words),
): string[] {
  const out: string[] = [];
  const scores = new Float64Array(perceptron.classes.length);
  let prev = "O";
  let prev2 = "O";
  for (let i = 0; i < words.length; i++) {
    const features = chunkFeatures(ctx, tags, i, prev, prev2);
    perceptron.scores(features, scores);
    const guess = argmax(scores, allowedAfter(perceptron.classes, prev));
    if (gold) perceptron.update(perceptron.classes.indexOf(gold[i]), argmax(scores), features);
    const tag = perceptron.classes[guess];
    out.push(tag);
    prev2 = prev;
    prev = tag;
  }
  return out;
}

/** Spans from BIO tags; a stray "I-X" (possible in gold IOB1 data) opens a chunk. */
export function bioSpans(tags: readonly string[]): ChunkSpan[] {
  const spans: ChunkSpan[] = [];
  let open: ChunkSpan | null = null;
  tags.forEach((tag, i) => {
    const type = tag === "O" ? "" : tag.slice(2);
    if (open && (tag === "O" || tag.startsWith("B-") || type !== open.type)) {
      open.end = i;
      spans.push(open);
      open = null;
    }
    if (tag !== "O" && !open) open = { start: i, end: i + 1, type };
  });
  if (open) {
    (open as ChunkSpan).end = tags.length;
    spans.push(open);
  }
  return spans;
}

/** CoNLL-2003 chunk columns are IOB1 ("B-" only between two adjacent chunks of one type); BIO starts every chunk with "B-". */
export function iob1ToBio(tags: readonly string[]): string[] {
  return tags.map((tag, i) => {
    if (!tag.startsWith("I-")) return tag;
    const prev = tags[i - 1] ?? "O";
    return prev === "O" || prev.slice(2) !== tag.slice(2) ? `B-${tag.slice(2)}` : tag;
  });
}
