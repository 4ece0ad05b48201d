import { BELIEF_VERBS, isCueParticle, TRAIN_ONLY_FORMS } from "../cue-lexicon.ts";
import type { Attribution } from "../doc.ts";
import { AFTER_QUOTE_BREAKS } from "../lexicon/attribution-clauses.ts";
import { CUE_GROUP_WORDS } from "../lexicon/attribution-verb-groups.ts";
import { OBJECT_CONTENT_VERBS, WEAK_VERBS } from "../lexicon/cue-verbs.ts";
import {
  clauseEnd,
  contentBefore,
  contentStart,
  frameEndsClause,
  objectEnd,
  parentheticalRest,
  sourceThenCue,
} from "./contents.ts";
import { type Context, closesQuote, isWord, kindOf, tokenAt } from "./context.ts";
import type { Frame } from "./frames.ts";
import { followingQuotes, splitQuoteAfter } from "./quote-contents.ts";

/** From a verb frame to an attribution: the cue's verb group, and content before or after the cue. */

/** First token of the verb group that ends at the cue verb c ("has also repeatedly said"). */
function verbGroupStart(ctx: Context, c: number): number {
  const { first } = ctx.sentenceRange(c);
  let k = c;
  while (k - 1 >= first && ctx.quoteOf[k - 1] < 0) {
    const w = ctx.text(k - 1);
    const adverb = /^[a-z]+ly$/.test(ctx.tokens[k - 1].text) && w !== "only" && w !== "early";
    if (!CUE_GROUP_WORDS.has(w) && !adverb) break;
    k--;
  }
  return k;
}

/** Builds the attribution for a verb frame, choosing content after or before the cue. */
export function attributionForFrame(ctx: Context, frame: Frame): Attribution | null {
  const relative = frame.source !== null && /^(who|which)$/i.test(ctx.doc.slice(frame.source));
  const leftAllowed =
    !relative && !frame.inherited && (!WEAK_VERBS.has(frame.lemma) || closesQuote(ctx, frame.first - 1));
  if (leftAllowed && frameEndsClause(ctx, frame)) {
    const before = contentBefore(ctx, frame);
    const split = splitQuoteAfter(ctx, frame);
    const beforeQuote = before ? ctx.quoteOf[tokenAt(ctx, before.start)] : -1;
    const beforeIsQuote = !!before && beforeQuote >= 0 && ctx.doc.quotes[beforeQuote].start === before.start;
    // `..., and when asked, he said, "I hope not."`: the quote after the tag is the content, not
    // the clause before it.
    if (before && split && !beforeIsQuote) {
      const content = [{ start: split.start, end: split.end }];
      content.push(...followingQuotes(ctx, frame, content));
      return { source: frame.source, cue: frame.cue, content, kind: "direct", speaker: null };
    }
    if (before) {
      const content = [before];
      if (split && split.start > before.end) content.push(split);
      if (beforeIsQuote) {
        content.push(...followingQuotes(ctx, frame, content));
      } else {
        const rest = parentheticalRest(ctx, frame);
        if (rest) content.push(rest);
      }
      return { source: frame.source, cue: frame.cue, content, kind: kindOf(ctx, content), speaker: null };
    }
  }
  if (!frame.inverted)
    frame.cue = { start: ctx.tokens[verbGroupStart(ctx, frame.cueIndex)].start, end: frame.cue.end };
  // "referring to X", "called for X": the particle joins the cue and the content follows it.
  const particle = frame.cueIndex + 1;
  if (!frame.inverted && isCueParticle(ctx.text(frame.cueIndex), ctx.text(particle))) {
    frame.cue = { start: frame.cue.start, end: ctx.tokens[particle].end };
    frame.particle = true;
  }
  // "said in a statement": on train the gold cue took the phrase in about two cases of three.
  const statement = frame.last + 1;
  if (
    ctx.text(statement) === "in" &&
    ctx.text(statement + 1) === "a" &&
    ctx.text(statement + 2) === "statement" &&
    frame.last === frame.cueIndex
  ) {
    frame.cue = { start: frame.cue.start, end: ctx.tokens[statement + 2].end };
  }
  const start = contentStart(ctx, frame);
  if (start >= ctx.tokens.length) return null;
  const weak = WEAK_VERBS.has(frame.lemma);
  // A cue ending its paragraph with a colon introduces the quote in the next paragraph.
  if (ctx.isQuoteOpen(start)) {
    const q = ctx.doc.quotes[ctx.quoteOf[start]];
    const quoteEnd = ctx.quoteTokens[ctx.quoteOf[start]].end;
    const afterQuote = ctx.text(quoteEnd);
    // `shouted “Cruz,” Beck joked`: a quote followed by its own tag stands alone.
    const continues =
      ctx.sameSentence(start, quoteEnd) &&
      isWord(ctx.tokens[quoteEnd]) &&
      !AFTER_QUOTE_BREAKS.has(afterQuote) &&
      !sourceThenCue(ctx, quoteEnd, ctx.sentenceRange(start).end);
    if (!continues) {
      const content = [{ start: q.start, end: q.end }];
      content.push(...followingQuotes(ctx, frame, content));
      return { source: frame.source, cue: frame.cue, content, kind: "direct", speaker: null };
    }
  }
  if (!ctx.sameSentence(frame.cueIndex, start)) return null;
  if (weak && ctx.text(start) !== "that" && !ctx.isQuoteOpen(start) && ctx.text(start - 1) !== ":")
    return null;
  let end = clauseEnd(ctx, start, frame.cueIndex);
  const objectContent =
    (OBJECT_CONTENT_VERBS.has(frame.lemma) || TRAIN_ONLY_FORMS.has(frame.lemma)) &&
    ctx.text(start) !== "that";
  if (relative || objectContent) end = objectEnd(ctx, start, end, relative);
  if (end <= start) return null;
  // Belief verbs need a clause, not an object: "wants to" and "thinks that" yes, "knows him" no.
  if (BELIEF_VERBS.has(frame.lemma) && end - start < 3) return null;
  const content = [ctx.span(start, end - 1)];
  return { source: frame.source, cue: frame.cue, content, kind: kindOf(ctx, content), speaker: null };
}
