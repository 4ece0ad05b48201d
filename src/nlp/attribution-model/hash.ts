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

/** Murmur3's finaliser: spreads every input bit over the result so that masking keeps good spread. */
function finalize(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function combine(seed: number, value: number): number {
  return Math.imul(seed ^ value, 0x9e3779b1) + 0x7f4a7c15;
}

export function feature1(template: number, a: number): number {
  return finalize(combine(Math.imul(template + 1, 0x2545f491), a));
}

export function feature2(template: number, a: number, b: number): number {
  return finalize(combine(combine(Math.imul(template + 1, 0x2545f491), a), b));
}

export function feature3(template: number, a: number, b: number, c: number): number {
  return finalize(combine(combine(combine(Math.imul(template + 1, 0x2545f491), a), b), c));
}

export function feature4(template: number, a: number, b: number, c: number, d: number): number {
  return finalize(combine(combine(combine(combine(Math.imul(template + 1, 0x2545f491), a), b), c), d));
}
