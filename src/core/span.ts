/**
 * A span is a half-open range [start, end) of JavaScript string indices (UTF-16 code units) into the exact
 * text it was found in. Every layer of onrecord reports positions this way.
 */
export interface Span {
  start: number;
  end: number;
}

/**
 * The text of a span: the one place text is cut by a span. Offsets are UTF-16 code units, as JavaScript
 * strings index, so a character outside the Basic Multilingual Plane (an emoji, 𝕏) counts two and every
 * layer agrees on it; SQL's substr() counts code points and must never slice (src/record/span-text.ts).
 * A span outside the text is a bug upstream, not something to clip: it throws, naming the span.
 */
export function sliceSpan(text: string, span: Span): string {
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length) {
    throw new RangeError(`span [${start}, ${end}) does not fit a text of length ${text.length}`);
  }
  return text.slice(start, end);
}

/** The sorted, disjoint union of spans (empty spans dropped). */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((span) => span.end > span.start).sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}
