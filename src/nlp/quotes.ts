import { firstIndex } from "../core/sorted.ts";
import type { AttributionKind, Component, Doc, Span } from "./doc.ts";

/**
 * Finds quotation spans (marks included) with a small state machine over each paragraph.
 *
 * Double quotes are the news convention for speech; single quotes count only at the top level
 * (headlines: `Trump: I'm 'concerned'`), since inside double quotes they are nested quotes that the
 * outer span already covers. A quote still open at the end of a paragraph continues when the next
 * paragraph opens with a quote mark (the multi-paragraph convention); otherwise it is closed at the
 * paragraph end, because a quote never runs silently across paragraphs.
 */

const LETTER = /[\p{L}\p{N}]/u;
const SPACE_OR_OPENER = /[\s([{\u2014\u2013-]/u;

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && LETTER.test(ch);
}

/** A straight double quote opens when it follows whitespace or an opener and precedes a non-space. */
function straightOpens(text: string, i: number, start: number): boolean {
  const before = i > start ? text[i - 1] : " ";
  const after = text[i + 1];
  return SPACE_OR_OPENER.test(before) && after !== undefined && !/\s/.test(after);
}

/** ‘ or ' opens a single quote when it starts a word; "'90s" and "'em" are elisions, not quotes. */
function singleOpens(text: string, i: number, start: number): boolean {
  const before = i > start ? text[i - 1] : " ";
  const after = text[i + 1];
  if (!SPACE_OR_OPENER.test(before) && before !== '"' && before !== "“") return false;
  if (!isLetter(after) && after !== "“" && after !== '"') return false;
  return !/^\d\ds\b|^em\b|^til\b|^cause\b|^n\b/.test(text.slice(i + 1, i + 7));
}

/** ’ or ' closes a single quote unless it sits between letters (don't) or is a plural possessive. */
function singleCloses(text: string, i: number): boolean {
  const before = text[i - 1];
  const after = text[i + 1];
  if (isLetter(before) && isLetter(after)) return false;
  return before !== undefined && !/\s/.test(before);
}

function opensParagraph(text: string, paragraph: Span): boolean {
  const ch = text[paragraph.start];
  return ch === "“" || ch === '"' || text.startsWith("''", paragraph.start);
}

export function findQuotes(text: string, paragraphs: readonly Span[]): Span[] {
  const quotes: Span[] = [];
  let doubleStart = -1;
  for (let p = 0; p < paragraphs.length; p++) {
    const paragraph = paragraphs[p];
    let singleStart = -1;
    // A continued quote re-opens with a mark at the paragraph start: skip it.
    const markLength = text.startsWith("''", paragraph.start) ? 2 : 1;
    const from =
      doubleStart >= 0 && opensParagraph(text, paragraph) ? paragraph.start + markLength : paragraph.start;
    for (let i = from; i < paragraph.end; i++) {
      const ch = text[i];
      // Two apostrophes stand for a double quote in some archives (the NYT texts in PolNeAR).
      if (ch === "'" && text[i + 1] === "'") {
        const opens =
          (i === paragraph.start || SPACE_OR_OPENER.test(text[i - 1])) && /\S/.test(text[i + 2] ?? " ");
        if (doubleStart < 0 && opens) {
          doubleStart = i;
          singleStart = -1;
        } else if (doubleStart >= 0) {
          quotes.push({ start: doubleStart, end: i + 2 });
          doubleStart = -1;
        }
        i++;
        continue;
      }
      if (ch === "“" || (ch === '"' && doubleStart < 0 && straightOpens(text, i, paragraph.start))) {
        if (doubleStart < 0) {
          doubleStart = i;
          singleStart = -1;
        }
      } else if (ch === "”" || ch === '"') {
        if (doubleStart >= 0) {
          quotes.push({ start: doubleStart, end: i + 1 });
          doubleStart = -1;
        }
      } else if (doubleStart < 0 && (ch === "‘" || ch === "'" || ch === "’")) {
        if (singleStart < 0) {
          if (ch !== "’" && singleOpens(text, i, paragraph.start)) singleStart = i;
        } else if (ch !== "‘" && singleCloses(text, i) && i > singleStart + 1) {
          quotes.push({ start: singleStart, end: i + 1 });
          singleStart = -1;
        }
      }
    }
    if (doubleStart >= 0) {
      const next = paragraphs[p + 1];
      if (!next || !opensParagraph(text, next)) {
        quotes.push({ start: doubleStart, end: paragraph.end });
        doubleStart = -1;
      }
    }
  }
  return quotes;
}

export const quotes: Component = {
  name: "quotes",
  needs: ["paragraphs"],
  writes: ["quotes"],
  run(doc: Doc) {
    doc.quotes = findQuotes(doc.text, doc.paragraphs);
  },
};

/**
 * Direct when every content span is exactly a quotation, partial when a quotation lies inside a span
 * ("called the plan \"a gimmick\""), else indirect. `quotes` are sorted and disjoint.
 */
export function quotationKind(quotes: readonly Span[], content: readonly Span[]): AttributionKind {
  let direct = 0;
  let partial = false;
  for (const span of content) {
    const lo = firstIndex(quotes.length, (q) => quotes[q].start >= span.start);
    let inside = 0;
    let exact = false;
    for (let q = lo; q < quotes.length && quotes[q].start < span.end; q++) {
      if (quotes[q].end > span.end) continue;
      inside++;
      if (quotes[q].start === span.start && quotes[q].end === span.end) exact = true;
    }
    if (exact) direct++;
    else if (inside > 0) partial = true;
  }
  if (partial) return "partial";
  return direct === content.length ? "direct" : "indirect";
}
