import { firstIndex } from "../core/sorted.ts";
import type { Attribution, Span } from "./doc.ts";

/** Both content-edge rules below, as the default extractor applies them. */
export function finishContent(quotes: readonly Span[], attributions: readonly Attribution[]): Attribution[] {
  return extendOverNested(extendToQuotations(quotes, attributions));
}

/**
 * Finishes content that stops inside a quotation: a quotation is one speaker's words, so content that
 * begins or ends within it runs to the quotation's edges. The taggers stop at sentence ends, which cuts
 * multi-sentence and multi-paragraph quotes short. An edge is not moved across any cue, since then the
 * rest of the quotation belongs to another attribution or is the second part of a split quote
 * ('"A," he said, "B."').
 * 5-fold CV on PolNeAR train: content token F1 +0.013, exact content +0.008, attribution +0.002.
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
    for (
      let i = firstIndex(cues.length, (k) => cues[k].end > start);
      i < cues.length && cues[i].start < end;
      i++
    )
      if (cues[i].end > start) return true;
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

/** The quotation strictly containing `offset` (start < offset < end). */
function quotationAround(quotes: readonly Span[], offset: number): Span | undefined {
  const candidate = quotes[firstIndex(quotes.length, (k) => quotes[k].start >= offset) - 1];
  return candidate && offset < candidate.end ? candidate : undefined;
}

/** At most this many characters (a space, a comma) between an outer content's end and the nested content. */
const NESTED_GAP = 3;

/**
 * An attribution whose content ends on another attribution's cue ("Putin told reporters [he wanted] Trump
 * to win") takes in that nested attribution's content: the outer speaker reported the whole clause, and
 * PolNeAR's annotators mark it so. 5-fold CV on train: exact content +0.004, attribution +0.001.
 */
export function extendOverNested(attributions: readonly Attribution[]): Attribution[] {
  const byCue = attributions
    .filter((a) => a.cue && a.content.length)
    .sort((a, b) => (a.cue as Span).start - (b.cue as Span).start);
  const cueStarts = byCue.map((a) => (a.cue as Span).start);
  return attributions.map((outer) => {
    const { cue, content } = outer;
    if (!cue || !content.length) return outer;
    const last = content[content.length - 1];
    if (cue.end > last.start) return outer;
    let end = last.end;
    // Nested cues start inside the outer content's last span.
    const from = firstIndex(cueStarts.length, (k) => cueStarts[k] >= last.start);
    for (let i = from; i < byCue.length && cueStarts[i] < last.end; i++) {
      const inner = byCue[i];
      if (inner === outer) continue;
      const innerStart = inner.content[0].start;
      const innerEnd = inner.content[inner.content.length - 1].end;
      if (innerStart >= (inner.cue as Span).end && innerStart - last.end < NESTED_GAP && innerEnd > end)
        end = innerEnd;
    }
    if (end === last.end) return outer;
    return { ...outer, content: [...content.slice(0, -1), { start: last.start, end }] };
  });
}
