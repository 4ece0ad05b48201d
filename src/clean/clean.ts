import { type OffsetMap, offsetMapFromKept } from "../core/offset-map.ts";
import { mergeSpans, type Span } from "../core/span.ts";
import { isBoilerplateLine } from "./boilerplate.ts";
import { parseHeader } from "./header.ts";
import { findHoverCards, hoverCardName } from "./hover-cards.ts";

export type { OffsetMap } from "../core/offset-map.ts";

export interface CleanResult {
  /** The cleaned text: raw text with the removed spans cut out, nothing added or changed. */
  text: string;
  /** Maps offsets in `text` back to the raw text. */
  map: OffsetMap;
  /** Raw spans that were dropped, sorted and non-overlapping. */
  removed: Span[];
  /**
   * Full names from removed hover cards: `span` is the linked surname in the cleaned text, `fullName`
   * the card's name ("Donald John Trump"), an alias hint for speaker resolution.
   */
  hoverNames?: HoverName[];
}

export interface HoverName {
  span: Span;
  fullName: string;
}

/**
 * Removes scraping artefacts from article text, conservatively: a leading metadata header,
 * whole lines of page furniture (ad markers, share/subscribe prompts) and inline hover cards.
 * Cleaning only deletes, so every offset in the cleaned text maps back to the same character
 * in the raw text through `map`. Text with nothing to clean comes back unchanged.
 */
export function cleanText(raw: string): CleanResult {
  const cards = findHoverCards(raw);
  const removed = mergeSpans([...removedLines(raw), ...cards]);
  const kept: Span[] = [];
  let position = 0;
  for (const span of removed) {
    if (span.start > position) kept.push({ start: position, end: span.start });
    position = span.end;
  }
  if (position < raw.length) kept.push({ start: position, end: raw.length });
  const text = removed.length === 0 ? raw : kept.map((span) => raw.slice(span.start, span.end)).join("");
  const result: CleanResult = { text, map: offsetMapFromKept(kept, raw.length), removed };
  const hoverNames = cards.flatMap((card) => {
    const found = hoverCardName(raw, card);
    if (!found) return [];
    // The surname sits right before its card, so it shifts left by what was removed before it.
    const shift = removedBefore(removed, found.surname.start);
    const span = { start: found.surname.start - shift, end: found.surname.end - shift };
    return [{ span, fullName: found.fullName }];
  });
  if (hoverNames.length > 0) result.hoverNames = hoverNames;
  return result;
}

/** Characters removed before raw offset `at` (spans sorted, disjoint). */
function removedBefore(removed: readonly Span[], at: number): number {
  let total = 0;
  for (const span of removed) {
    if (span.start >= at) break;
    total += Math.min(span.end, at) - span.start;
  }
  return total;
}

interface Line extends Span {
  /** The line without its line break. */
  content: string;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline + 1;
    lines.push({ start, end, content: text.slice(start, newline < 0 ? end : newline) });
    start = end;
  }
  return lines;
}

const isBlank = (line: Line) => line.content.trim() === "";

/**
 * Whole lines to drop, each with its line break: the header, furniture lines, and the blank lines
 * that removal would otherwise pile up ("para\n\nADVERTISEMENT\n\npara" becomes "para\n\npara").
 * A blank line goes only when it directly follows a dropped line and the last kept line is blank
 * too (or nothing is kept yet), so blank lines the author wrote stay where they were.
 */
function removedLines(raw: string): Span[] {
  const header = parseHeader(raw);
  const bodyStart = header ? header.bodyStart : 0;
  const spans: Span[] = header ? [{ start: 0, end: bodyStart }] : [];
  let lastKeptBlank = true;
  let afterRemoved = header !== null;
  for (const line of splitLines(raw)) {
    if (line.start < bodyStart) continue;
    if (isBoilerplateLine(line.content) || (isBlank(line) && afterRemoved && lastKeptBlank)) {
      spans.push({ start: line.start, end: line.end });
      afterRemoved = true;
      continue;
    }
    lastKeptBlank = isBlank(line);
    afterRemoved = false;
  }
  return spans;
}
