/**
 * A span is a half-open range [start, end) of JavaScript string indices (UTF-16 code units) into the exact
 * text it was found in. Every layer of onrecord reports positions this way.
 */
export interface Span {
  start: number;
  end: number;
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
