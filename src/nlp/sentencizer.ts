import type { Component, Doc, Span, Token } from "./doc.ts";

const TERMINAL = new Set([".", "!", "?", "...", "…"]);
/** Closing marks that belong to the sentence they follow: `he said."` ends after the quote. */
const CLOSERS = new Set(['"', "”", "’", "'", ")", "]"]);

/** A straight quote closes only when it touches the previous token: `." "Next` has a closer then an opener. */
function isCloser(previous: Token, next: Token | undefined, paragraph: Span): boolean {
  if (!next || next.end > paragraph.end || !CLOSERS.has(next.text)) return false;
  return next.text === "”" || next.text === ")" || next.text === "]" || next.start === previous.end;
}

function startsSentence(token: Token | undefined): boolean {
  if (!token) return true;
  return /^[\p{Lu}\d"“‘'([—–-]/u.test(token.text);
}

/**
 * Splits each paragraph into sentences at terminal punctuation followed by a capital, digit or
 * opening quote. Abbreviation periods never reach here: the tokenizer keeps them inside the word.
 */
export function splitSentences(tokens: readonly Token[], paragraphs: readonly Span[]): Span[] {
  const sentences: Span[] = [];
  let t = 0;
  for (const paragraph of paragraphs) {
    while (t < tokens.length && tokens[t].start < paragraph.start) t++;
    let sentenceStart = -1;
    while (t < tokens.length && tokens[t].end <= paragraph.end) {
      const token = tokens[t];
      if (sentenceStart < 0) sentenceStart = token.start;
      let last = t;
      if (TERMINAL.has(token.text)) {
        while (isCloser(tokens[last], tokens[last + 1], paragraph)) last++;
        const next = tokens[last + 1];
        const nextInParagraph = next && next.end <= paragraph.end ? next : undefined;
        if (!nextInParagraph || startsSentence(nextInParagraph)) {
          sentences.push({ start: sentenceStart, end: tokens[last].end });
          sentenceStart = -1;
        }
      }
      t = last + 1;
    }
    if (sentenceStart >= 0) sentences.push({ start: sentenceStart, end: tokens[t - 1].end });
  }
  return sentences;
}

export const sentencizer: Component = {
  name: "sentencizer",
  needs: ["tokens", "paragraphs"],
  writes: ["sentences"],
  run(doc: Doc) {
    doc.sentences = splitSentences(doc.tokens, doc.paragraphs);
  },
};
