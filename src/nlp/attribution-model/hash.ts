/**
 * Integer hashing for features. Features are never strings at run time: each token's word, stem,
 * suffix and shape are hashed once per document (FNV-1a), and a feature is a mix of a template id
 * with those integers, reduced to a slot of a fixed-size weight table (the "hashing trick"). This
 * keeps extraction free of string building and map look-ups per feature.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function hashString(text: string, from = 0, to = text.length): number {
  let hash = FNV_OFFSET;
  for (let i = from; i < to; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/*
 * A feature hash is a chain of mixes of the template id and the arguments, then Murmur3's finaliser, which
 * spreads every input bit over the result so that masking keeps good spread. Each featureN spells the
 * chain out instead of calling helpers: these run about a hundred times per token, and a call each, or a
 * result outside the small-integer range, costs more than the arithmetic (V8 boxes such numbers when a
 * call returns them). `| 0` keeps every step a 32-bit integer; the bits are those of the unmasked
 * arithmetic, since each step reads its input through a 32-bit conversion anyway. The result is the
 * hash's 32 bits as a signed integer: callers store it in a Uint32Array, which reads it back unsigned.
 */
const TEMPLATE = 0x2545f491;
const GOLDEN = 0x9e3779b1;
const STEP = 0x7f4a7c15;
const FINAL_1 = 0x85ebca6b;
const FINAL_2 = 0xc2b2ae35;

export function feature1(template: number, a: number): number {
  let h = Math.imul(template + 1, TEMPLATE);
  h = (Math.imul(h ^ a, GOLDEN) + STEP) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, FINAL_1);
  h ^= h >>> 13;
  h = Math.imul(h, FINAL_2);
  return h ^ (h >>> 16);
}

export function feature2(template: number, a: number, b: number): number {
  let h = Math.imul(template + 1, TEMPLATE);
  h = (Math.imul(h ^ a, GOLDEN) + STEP) | 0;
  h = (Math.imul(h ^ b, GOLDEN) + STEP) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, FINAL_1);
  h ^= h >>> 13;
  h = Math.imul(h, FINAL_2);
  return h ^ (h >>> 16);
}

export function feature3(template: number, a: number, b: number, c: number): number {
  let h = Math.imul(template + 1, TEMPLATE);
  h = (Math.imul(h ^ a, GOLDEN) + STEP) | 0;
  h = (Math.imul(h ^ b, GOLDEN) + STEP) | 0;
  h = (Math.imul(h ^ c, GOLDEN) + STEP) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, FINAL_1);
  h ^= h >>> 13;
  h = Math.imul(h, FINAL_2);
  return h ^ (h >>> 16);
}

export function feature4(template: number, a: number, b: number, c: number, d: number): number {
  let h = Math.imul(template + 1, TEMPLATE);
  h = (Math.imul(h ^ a, GOLDEN) + STEP) | 0;
  h = (Math.imul(h ^ b, GOLDEN) + STEP) | 0;
  h = (Math.imul(h ^ c, GOLDEN) + STEP) | 0;
  h = (Math.imul(h ^ d, GOLDEN) + STEP) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, FINAL_1);
  h ^= h >>> 13;
  h = Math.imul(h, FINAL_2);
  return h ^ (h >>> 16);
}
