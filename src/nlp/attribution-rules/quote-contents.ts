import type { Span } from "../doc.ts";
import { BOUNDARY, type Context, TERMINALS } from "./context.ts";
import type { Frame } from "./frames.ts";

/**
 * Quotations as content: a quote opening right after the frame (`he said, "..."`) and the quotes that
 * continue the same speech after its tag, in the paragraph or in following paragraphs of quotes only.
 */

/** A quote that opens right after `, ` following the frame (split quote), or null. */
export function splitQuoteAfter(ctx: Context, frame: Frame): Span | null {
  const { end } = ctx.sentenceRange(frame.cueIndex);
  let k = frame.last + 1;
  while (k < end && k - frame.last < 8 && !BOUNDARY.has(ctx.text(k)) && !TERMINALS.has(ctx.text(k))) k++;
  if (ctx.text(k) !== "," && ctx.text(k) !== ":") return null;
  if (!ctx.isQuoteOpen(k + 1)) return null;
  if (ctx.paragraphOf[k + 1] !== ctx.paragraphOf[frame.cueIndex]) return null;
  return ctx.doc.quotes[ctx.quoteOf[k + 1]];
}

/**
 * Quotes that continue a direct quotation after its tag in the same paragraph
 * (`"A," he said. "B." "C."`): PolNeAR links them to the same attribution as further content spans.
 * Stops at a quote that has its own tag right after it.
 */
export function followingQuotes(ctx: Context, frame: Frame, content: Span[]): Span[] {
  const more: Span[] = [];
  let paragraph = ctx.paragraphOf[frame.cueIndex];
  // Start after the tag's sentence: `," said Rep. Jim Clyburn, a party leader. "More ..."`.
  let k = Math.max(frame.last + 1, ctx.sentenceRange(frame.cueIndex).end);
  const lastEnd = content[content.length - 1].end;
  while (k < ctx.tokens.length && ctx.tokens[k].start < lastEnd) k++;
  while (k < ctx.tokens.length) {
    // A next paragraph made only of quotes continues the speech.
    if (ctx.paragraphOf[k] !== paragraph) {
      if (!ctx.isQuoteOpen(k) || !paragraphIsQuotes(ctx, k)) break;
      paragraph = ctx.paragraphOf[k];
    }
    if (TERMINALS.has(ctx.text(k))) {
      k++;
      continue;
    }
    if (!ctx.isQuoteOpen(k)) break;
    const q = ctx.quoteOf[k];
    const after = ctx.quoteTokens[q].end;
    // A tag after this quote means it has its own attribution.
    if (after < ctx.tokens.length && ctx.paragraphOf[after] === paragraph && !TERMINALS.has(ctx.text(after)))
      break;
    more.push({ start: ctx.doc.quotes[q].start, end: ctx.doc.quotes[q].end });
    k = after;
  }
  return more;
}

/** True when the paragraph starting at token k holds nothing but quotes (and sentence punctuation). */
function paragraphIsQuotes(ctx: Context, k: number): boolean {
  const paragraph = ctx.paragraphOf[k];
  for (let m = k; m < ctx.tokens.length && ctx.paragraphOf[m] === paragraph; m++) {
    if (ctx.quoteOf[m] < 0 && !TERMINALS.has(ctx.text(m))) return false;
  }
  return true;
}
