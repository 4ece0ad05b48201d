import type { Attribution, Span } from "./doc.ts";

/**
 * Finishes content that stops inside a quotation: a quotation is one speaker's words, so content that
 * begins or ends within it runs to the quotation's edges. The taggers stop at sentence ends, which cuts
 * multi-sentence and multi-paragraph quotes short. An edge is not moved across any cue, since then the
 * rest of the quotation belongs to another attribution or is the second part of a split quote
 * ('"A," he said, "B."').
 * 5-fold CV on PolNeAR train: content token F1 0.820 → 0.833, exact content +0.008, attribution +0.002.
 *
 * `quotes` are the document's quotation spans (marks included), sorted and disjoint.
 */
export function extendToQuotations(
  quotes: readonly Span[],
  attributions: readonly Attribution[],
): Attribution[] {
  if (!quotes.length) return [...attributions];
  const cues = attributions.flatMap((a) => (a.cue ? [a.cue] : [])).sort((a, b) => a.start - b.start);
  const crossesCue = (start: number, end: number) => {
    // Cues are few per sentence; a binary search finds the first that could overlap.
    let lo = 0;
    let hi = cues.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cues[mid].end <= start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < cues.length && cues[i].start < end; i++) if (cues[i].end > start) return true;
    return false;
  };
  return attributions.map((attribution) => {
    const { content } = attribution;
    if (!content.length) return attribution;
    const first = content[0];
    const last = content[content.length - 1];
    let start = first.start;
    let end = last.end;
    // The quotations containing the content's end and its start; the marks are included, as in `quotes`.
    const closing = quotationAround(quotes, end);
    if (closing && !crossesCue(end, closing.end)) end = closing.end;
    const opening = quotationAround(quotes, start);
    if (opening && !crossesCue(opening.start, start)) start = opening.start;
    if (start === first.start && end === last.end) return attribution;
    const extended = content.map((span) => ({ ...span }));
    extended[0].start = start;
    extended[extended.length - 1].end = end;
    return { ...attribution, content: extended };
  });
}

/** The quotation strictly containing `offset` (start < offset < end), found by binary search. */
function quotationAround(quotes: readonly Span[], offset: number): Span | undefined {
  let lo = 0;
  let hi = quotes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (quotes[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  const candidate = quotes[lo - 1];
  return candidate && offset < candidate.end ? candidate : undefined;
}
