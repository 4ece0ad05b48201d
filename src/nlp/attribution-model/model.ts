import { modelUrl, readModelJson } from "../../core/models.ts";
import { type WordClasses, wordClassesOf } from "./features.ts";

/**
 * A linear multi-class scorer over hashed features: weight of (feature slot, label) at
 * `weights[slot * labels + label]`. Stored compactly on disk as the non-zero entries only,
 * delta-encoded varint indices plus 16-bit quantised values, in gzip'd JSON (base64 fields).
 */
export interface LinearModel {
  /** The table has 2^bits feature slots. */
  bits: number;
  mask: number;
  labels: number;
  /**
   * Loaded weights stay 16-bit integers (a quarter of float64, half of float32): the tables then fit in
   * the CPU cache, and memory latency, not arithmetic, is what bounds tagging speed. `scale` converts
   * back to weight units (1 while training).
   */
  weights: Float64Array | Int16Array;
  scale: number;
}

export interface SerializedLinearModel {
  bits: number;
  labels: string[];
  scale: number;
  entries: number;
  indices: string;
  values: string;
}

/**
 * Decision offsets subtracted from the "outside" score. The perceptron is conservative (precision well
 * above recall); the attribution metric rewards balance, so cross-validation picks these offsets.
 */
export interface DecisionBias {
  cue: number;
  role: number;
}

export interface AttributionWeights {
  cue: LinearModel;
  role: LinearModel;
  bias: DecisionBias;
  /** The word classes the weights were trained with (see DocFeatures.wordClass). */
  wordClasses: WordClasses;
}

export const WEIGHTS_FORMAT = "onrecord-attribution/3";

export interface SerializedWeights {
  /**
   * /2: the taggers read the rule extractor's output as features (weights of /1 would not fit them);
   * /3: the role tagger reads word classes, stored here as word → part-of-speech tag.
   */
  format: typeof WEIGHTS_FORMAT;
  trainedOn: string;
  bias: DecisionBias;
  cue: SerializedLinearModel;
  role: SerializedLinearModel;
  wordClasses: Record<string, string>;
}

export function emptyModel(bits: number, labels: number): LinearModel {
  return { bits, mask: (1 << bits) - 1, labels, weights: new Float64Array((1 << bits) * labels), scale: 1 };
}

/** Sums the weights of `count` features into scores[0..labels), which it first zeroes. */
export function score(model: LinearModel, features: Uint32Array, count: number, scores: Float64Array): void {
  const { weights, mask, labels } = model;
  if (labels === 3) {
    // Both taggers have three labels: sums in locals, not in the array, and one pass over the features
    // whose three loads can overlap. Same order of additions as the general loop, so the same sums.
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    for (let k = 0; k < count; k++) {
      const base = (features[k] & mask) * 3;
      s0 += weights[base];
      s1 += weights[base + 1];
      s2 += weights[base + 2];
    }
    scores[0] = s0;
    scores[1] = s1;
    scores[2] = s2;
    return;
  }
  scores.fill(0, 0, labels);
  for (let k = 0; k < count; k++) {
    const base = (features[k] & mask) * labels;
    for (let y = 0; y < labels; y++) scores[y] += weights[base + y];
  }
}

export function argmax(scores: Float64Array, labels: number): number {
  let best = 0;
  for (let y = 1; y < labels; y++) if (scores[y] > scores[best]) best = y;
  return best;
}

/**
 * Keeps weights whose magnitude reaches `threshold` and quantises them to 16 bits. Small weights are
 * mostly hash-collision noise and rare features; dropping them shrinks the file several times.
 */
export function serializeModel(
  model: LinearModel,
  labels: string[],
  threshold: number,
): SerializedLinearModel {
  const { weights } = model;
  let maxAbs = 0;
  for (let i = 0; i < weights.length; i++) maxAbs = Math.max(maxAbs, Math.abs(weights[i]));
  const scale = (maxAbs > 0 ? maxAbs / 32767 : 1) * model.scale;
  const indexBytes: number[] = [];
  const values: number[] = [];
  let previous = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (Math.abs(w * model.scale) < threshold) continue;
    const q = Math.round((w * model.scale) / scale);
    if (q === 0) continue;
    let delta = i - previous;
    previous = i;
    while (delta >= 0x80) {
      indexBytes.push((delta & 0x7f) | 0x80);
      delta >>>= 7;
    }
    indexBytes.push(delta);
    values.push(q);
  }
  const valueArray = new Int16Array(values);
  return {
    bits: model.bits,
    labels,
    scale,
    entries: values.length,
    indices: Buffer.from(Uint8Array.from(indexBytes)).toString("base64"),
    values: Buffer.from(valueArray.buffer, valueArray.byteOffset, valueArray.byteLength).toString("base64"),
  };
}

export function deserializeModel(data: SerializedLinearModel): LinearModel {
  const labels = data.labels.length;
  const weights = new Int16Array((1 << data.bits) * labels);
  const indexBytes = Buffer.from(data.indices, "base64");
  const valueBytes = Buffer.from(data.values, "base64");
  const values = new Int16Array(
    valueBytes.buffer.slice(valueBytes.byteOffset, valueBytes.byteOffset + valueBytes.length),
  );
  if (values.length !== data.entries) throw new Error("attribution model: corrupt weight table");
  let position = 0;
  let index = 0;
  for (let e = 0; e < data.entries; e++) {
    let delta = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = indexBytes[position++];
      delta += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    index += delta;
    if (index >= weights.length) throw new Error("attribution model: weight index out of range");
    weights[index] = values[e];
  }
  return { bits: data.bits, mask: (1 << data.bits) - 1, labels, weights, scale: data.scale };
}

export const DEFAULT_MODEL_PATH = modelUrl("attribution.json.gz");

export function loadWeights(path: string | URL = DEFAULT_MODEL_PATH): AttributionWeights {
  const data = readModelJson<SerializedWeights>(path);
  if (data.format !== WEIGHTS_FORMAT) throw new Error(`attribution model: unknown format ${data.format}`);
  return {
    cue: deserializeModel(data.cue),
    role: deserializeModel(data.role),
    bias: data.bias,
    wordClasses: wordClassesOf(Object.entries(data.wordClasses)),
  };
}
