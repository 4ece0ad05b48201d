import type { EntityType } from "../doc.ts";

/**
 * Tag schemes. Training and decoding use BILOU (Begin, Inside, Last, Unit, Outside): Ratinov & Roth
 * (2009) found it beats BIO on CoNLL because a single-token entity and an entity's last token get their
 * own weights. The CoNLL files use IOB1; predictions are written as IOB2 (BIO), which the scorer accepts.
 */
export const ENTITY_TYPES: readonly EntityType[] = ["PER", "ORG", "LOC", "MISC"];

/** All BILOU tags; index 0 is "O". */
export const BILOU_TAGS: readonly string[] = [
  "O",
  ...ENTITY_TYPES.flatMap((type) => ["B", "I", "L", "U"].map((prefix) => `${prefix}-${type}`)),
];

/** A typed run of tokens [start, end) within one sentence. */
export interface TokenSpan {
  start: number;
  end: number;
  type: EntityType;
}

function isEntityType(type: string): type is EntityType {
  return (ENTITY_TYPES as readonly string[]).includes(type);
}

/**
 * Reads IOB1, IOB2 or BILOU tags of one sentence into spans. An entity starts at B-/U-/S-, or at I-/L-/E-
 * after a token of another type (the IOB1 rule); it ends at L-/E-/U-/S- or when the type changes.
 */
export function tagsToSpans(tags: readonly string[]): TokenSpan[] {
  const spans: TokenSpan[] = [];
  let open: TokenSpan | null = null;
  const close = (end: number) => {
    if (open) spans.push({ ...open, end });
    open = null;
  };
  tags.forEach((tag, i) => {
    const dash = tag.indexOf("-");
    if (dash < 0) {
      close(i);
      return;
    }
    const prefix = tag.slice(0, dash);
    const type = tag.slice(dash + 1);
    if (!isEntityType(type)) {
      close(i);
      return;
    }
    const current = open as TokenSpan | null;
    if (prefix === "B" || prefix === "U" || prefix === "S" || !current || current.type !== type) {
      close(i);
      open = { start: i, end: i + 1, type };
    }
    if (prefix === "L" || prefix === "E" || prefix === "U" || prefix === "S") close(i + 1);
  });
  close(tags.length);
  return spans;
}

/** Spans of one sentence of `length` tokens as BILOU tags. */
export function spansToBilou(spans: readonly TokenSpan[], length: number): string[] {
  const tags = new Array<string>(length).fill("O");
  for (const { start, end, type } of spans) {
    if (end - start === 1) {
      tags[start] = `U-${type}`;
      continue;
    }
    tags[start] = `B-${type}`;
    for (let i = start + 1; i < end - 1; i++) tags[i] = `I-${type}`;
    tags[end - 1] = `L-${type}`;
  }
  return tags;
}

/** Spans of one sentence as IOB2 tags: every entity starts with B-. */
export function spansToBio(spans: readonly TokenSpan[], length: number): string[] {
  const tags = new Array<string>(length).fill("O");
  for (const { start, end, type } of spans) {
    for (let i = start; i < end; i++) tags[i] = `${i === start ? "B" : "I"}-${type}`;
  }
  return tags;
}

/**
 * Whether BILOU tag `next` may follow `previous` (indices into BILOU_TAGS). Decoding only through legal
 * transitions guarantees well-formed entities without relying on learned transition weights.
 */
export function isLegalTransition(previous: string, next: string): boolean {
  const inside = previous.startsWith("B-") || previous.startsWith("I-");
  if (inside) {
    const type = previous.slice(2);
    return next === `I-${type}` || next === `L-${type}`;
  }
  return !(next.startsWith("I-") || next.startsWith("L-"));
}

/** Whether a BILOU tag may start a sentence, or end one. */
export const canStart = (tag: string): boolean => !(tag.startsWith("I-") || tag.startsWith("L-"));
export const canEnd = (tag: string): boolean => !(tag.startsWith("B-") || tag.startsWith("I-"));
