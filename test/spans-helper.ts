import assert from "node:assert/strict";
import type { Attribution, Span } from "../src/nlp/doc.ts";

/** The span of the first occurrence of `part` in `text` (the test fails if there is none). */
export function spanOf(text: string, part: string): Span {
  const start = text.indexOf(part);
  assert.ok(start >= 0, `"${part}" is in the text`);
  return { start, end: start + part.length };
}

/** An attribution made of the first occurrences of its parts in `text`. */
export function attributionIn(
  text: string,
  source: string | null,
  cue: string,
  ...content: string[]
): Attribution {
  return {
    source: source ? spanOf(text, source) : null,
    cue: spanOf(text, cue),
    content: content.map((part) => spanOf(text, part)),
    kind: "indirect",
    speaker: null,
  };
}
