import type { Component, Doc, Span, Token } from "./doc.ts";
import { ABBREVIATIONS } from "./lexicon/abbreviations.ts";

/**
 * Splits text into word, number and punctuation tokens with offsets.
 *
 * One sticky regular expression, tried in order: URLs and emails stay whole; abbreviations with
 * inner dots (U.S., D.C.) stay whole; clitics ('s, n't, 're ...) split off as in the Penn Treebank,
 * because cue and source features care about "he's" = "he" + "'s"; every quote mark is its own token,
 * because quote state is the strongest signal for attribution.
 */

const TOKEN_PATTERN = new RegExp(
  [
    String.raw`https?://\S+[^\s.,;:!?"'”’)\]]`,
    String.raw`[\w.+-]+@[\w-]+\.[\w.-]+\w`,
    String.raw`(?:\p{L}\.){2,}`, // U.S., D.C., U.K.
    `(?:${ABBREVIATIONS.join("|")})\\.`, // Sen., Mr., Jan.: the period belongs to the word
    String.raw`\p{Lu}\.(?=\s+\p{Lu})`, // the initial in "John F. Kennedy"
    String.raw`\p{L}+(?=n['’]t\b)`, // "do" of "don't"
    String.raw`n['’]t\b`,
    String.raw`['’](?:s|re|ve|ll|d|m|S|RE|VE|LL|D|M)\b`,
    String.raw`\d+(?:[.,:]\d+)*(?:%|st|nd|rd|th|s)?`,
    String.raw`[\p{L}\p{M}\d]+(?:[-'’&][\p{L}\p{M}\d]+)*`,
    String.raw`\.{2,}|-{2,}|[—–]`,
    String.raw`\S`,
  ].join("|"),
  "guy",
);

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  const segment = text.slice(0, to);
  const whitespace = /\s+/y;
  let position = from;
  while (position < to) {
    whitespace.lastIndex = position;
    if (whitespace.test(segment)) {
      position = whitespace.lastIndex;
      continue;
    }
    TOKEN_PATTERN.lastIndex = position;
    const match = TOKEN_PATTERN.exec(segment);
    // The last alternative matches any non-space character, so a match always exists here.
    const end = match ? position + match[0].length : position + 1;
    tokens.push({ start: position, end, text: text.slice(position, end) });
    position = end;
  }
  return tokens;
}

/** A word with its inner apostrophes ("don't"), not the '' quote marks around it. */
const PLAIN_WORD = /[\p{L}\p{N}][\p{L}\p{N}’']*/gu;

/**
 * The lower-cased words of a short text, without offsets or clitic splitting: what the statement checks
 * and the attribution filter read in a cue, a source or a content.
 */
export function lowerWords(text: string): string[] {
  return text.toLowerCase().match(PLAIN_WORD) ?? [];
}

/** Paragraphs are runs of text separated by blank lines (or single newlines, as most scraped text has). */
export function splitParagraphs(text: string): Span[] {
  const paragraphs: Span[] = [];
  const pattern = /[^\n]+/g;
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    const trimmedStart = start + (match[0].length - match[0].trimStart().length);
    const trimmedEnd = start + match[0].trimEnd().length;
    if (trimmedEnd > trimmedStart) paragraphs.push({ start: trimmedStart, end: trimmedEnd });
  }
  return paragraphs;
}

export const tokenizer: Component = {
  name: "tokenizer",
  needs: [],
  writes: ["paragraphs", "tokens"],
  run(doc: Doc) {
    doc.paragraphs = splitParagraphs(doc.text);
    doc.tokens = tokenize(doc.text);
  },
};
