import type { Attribution, Span } from "../doc.ts";
import { CATENATIVE, PASSIVE_AUX } from "../lexicon/attribution-verb-groups.ts";
import { TIME_WORDS, VERB_GROUP_FILLERS } from "../lexicon/clause-words.ts";
import { INVERTIBLE_VERBS } from "../lexicon/cue-verbs.ts";
import {
  CLOSING_MARKS,
  type Context,
  closesQuote,
  isCapitalized,
  OPENING_MARKS,
  TERMINALS,
  tokenAt,
} from "./context.ts";
import {
  appositiveEnd,
  clauseSubject,
  descriptionBefore,
  invertedSource,
  sourceEndingAt,
  sourceStartingAt,
  withAppositive,
} from "./sources.ts";

/**
 * The frame of a cue verb: its source and the token range of source and cue. The source stands before
 * the verb ("Smith said"), after it when inverted (`," said Smith`), or is inherited from the clause
 * (", claiming ...", "and said ...").
 */

/** Skips adverbs, auxiliaries, time phrases and catenative verbs to the left of a cue. */
function skipVerbGroupLeft(ctx: Context, i: number, floor: number): number {
  let j = i;
  while (j >= floor) {
    const w = ctx.text(j);
    if (VERB_GROUP_FILLERS.has(w) || (/^[a-z]+ly$/.test(ctx.tokens[j].text) && w !== "only")) {
      j--;
      continue;
    }
    // "on Tuesday", "last week", "earlier this month"
    if (TIME_WORDS.has(w) && !["in", "at", "on", "this"].includes(w)) {
      let k = j - 1;
      while (k >= floor && TIME_WORDS.has(ctx.text(k))) k--;
      j = k;
      continue;
    }
    if (w === "to" && j - 1 >= floor && CATENATIVE.has(ctx.text(j - 1))) {
      j -= 2;
      continue;
    }
    break;
  }
  return j;
}

export interface Frame {
  source: Span | null;
  cue: Span;
  /** Token range of source + cue (+ object), used to find content around it. */
  first: number;
  last: number;
  cueIndex: number;
  lemma: string;
  inverted: boolean;
  /** The source was taken from the clause (participles, coordinated verbs): content is on the right. */
  inherited?: boolean;
  /** The cue holds a particle after the verb ("referring to"): the content starts after it. */
  particle?: boolean;
}

/** Finds the source of a verb cue at token c. */
export function frameForVerb(ctx: Context, c: number, lemma: string, previous: Attribution[]): Frame | null {
  const { first: sentenceFirst } = ctx.sentenceRange(c);
  const cue = ctx.span(c, c);
  const before = c - 1;
  const { end: sentenceEnd } = ctx.sentenceRange(c);
  // Inverted: `"...," said Smith.` — right after a quote, or after a comma when the source ends the clause.
  if (INVERTIBLE_VERBS.has(lemma) && !ctx.tokens[c].text.endsWith("ing")) {
    const afterQuote = closesQuote(ctx, before);
    const afterClause = !ctx.sameSentence(c, before) || ctx.text(before) === ",";
    // "Rhodes, an adviser, said Sunday that ...": a day after the cue is a time, not an inverted source.
    const dayNext = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/.test(ctx.text(c + 1));
    if ((afterQuote || afterClause) && !dayNext) {
      const right = afterQuote
        ? invertedSource(ctx, c + 1, sentenceEnd)
        : sourceStartingAt(ctx, c + 1, sentenceEnd);
      const next = right ? ctx.text(right.last + 1) : "";
      if (right && (afterQuote || right.last + 1 >= sentenceEnd || next === "," || TERMINALS.has(next))) {
        const last = appositiveEnd(ctx, right.last, sentenceEnd);
        const source =
          last > right.last ? { start: right.span.start, end: ctx.tokens[last].end } : right.span;
        return { source, cue, first: c, last, cueIndex: c, lemma, inverted: true };
      }
    }
  }

  // Participle after a comma or "and": the subject of the clause speaks (", claiming Moscow ...").
  const j = skipVerbGroupLeft(ctx, before, sentenceFirst);
  const jText = ctx.text(j);
  const participle = ctx.tokens[c].text.endsWith("ing");
  const dash = jText === "—" || jText === "--" || jText === "–";
  if (j < sentenceFirst || jText === "," || dash || jText === "and" || jText === "but" || jText === "or") {
    if (participle || jText === "and" || jText === "but" || jText === "or") {
      // A participle belongs to the main verb's subject; a coordinated verb to the clause subject.
      const inherited = participle ? mainSource(ctx, c, previous) : coordinatedSource(ctx, j, previous);
      const source = inherited ?? clauseSubject(ctx, c);
      return { source, cue, first: c, last: c, cueIndex: c, lemma, inverted: false, inherited: true };
    }
    // Appositive: `Smith, a spokesman for the campaign, said`, `Jane Roe, 21, a student from Ohio, said`,
    // `Smith, who ..., says`, or `The campaign's manager, Jane Roe, said`.
    if (jText === "," || dash) {
      const delimiter = ctx.text(j);
      let commas = 0;
      for (let k = j - 1; k >= sentenceFirst && j - k < 45 && commas < 4; k--) {
        if (CLOSING_MARKS.has(ctx.tokens[k].text) || OPENING_MARKS.has(ctx.tokens[k].text)) break;
        if (ctx.text(k) !== delimiter) continue;
        commas++;
        if (commas === 1) {
          const inner = sourceStartingAt(ctx, k + 1, j);
          if (inner && inner.last === j - 1 && isCapitalized(ctx.tokens[k + 1])) {
            // `..., a spokeswoman, Anna White, said.`: the description before the name is part of the frame.
            const description = descriptionBefore(ctx, k, sentenceFirst);
            return {
              source: inner.span,
              cue,
              first: description ?? k + 1,
              last: c,
              cueIndex: c,
              lemma,
              inverted: false,
            };
          }
        }
        const source = sourceEndingAt(ctx, k - 1, sentenceFirst);
        if (source && isCapitalized(ctx.tokens[tokenAt(ctx, source.end - 1)])) {
          return {
            source: withAppositive(ctx, source, j),
            cue,
            first: tokenAt(ctx, source.start),
            last: c,
            cueIndex: c,
            lemma,
            inverted: false,
          };
        }
      }
      // `Mr. Regalado, who was born in Havana and emigrated as a teenager, said`: the subject that opens
      // the sentence and is followed by a comma is the source.
      const subject = clauseSubject(ctx, c);
      if (subject && ctx.text(tokenAt(ctx, subject.end - 1) + 1) === delimiter) {
        return {
          source: withAppositive(ctx, subject, j),
          cue,
          first: tokenAt(ctx, subject.start),
          last: c,
          cueIndex: c,
          lemma,
          inverted: false,
        };
      }
    }
    return null;
  }
  // Passive ("was asked", "is expected") has no source on the left.
  if (
    PASSIVE_AUX.has(ctx.text(before)) &&
    !participle &&
    /ed$|told|known|shown|thought|found|said/.test(ctx.text(c))
  ) {
    return null;
  }
  const source = sourceEndingAt(ctx, j, sentenceFirst);
  if (!source) return null;
  const first = tokenAt(ctx, source.start);
  return { source, cue, first, last: c, cueIndex: c, lemma, inverted: false };
}

/** "Rubio thanked Miami and said ...": the verb before "and" was a cue, so its source speaks again. */
function coordinatedSource(ctx: Context, and: number, previous: Attribution[]): Span | null {
  const last = previous.at(-1);
  if (!last?.source || !last.cue || !ctx.sameSentence(and, tokenAt(ctx, last.cue.start))) return null;
  const end = last.content[last.content.length - 1]?.end ?? last.cue.end;
  if (ctx.tokens[and].start - end > 2) return null;
  // "told reporters that he believes X, and said ...": the outer attribution's source coordinates.
  // Only attributions of the same sentence can hold it, and only a few cues back (an outer frame sits
  // right before its nested one); both bounds keep run-on texts linear.
  const sentenceStart = ctx.tokens[ctx.sentenceRange(and).first].start;
  const MAX_LOOKBACK = 8;
  for (let k = previous.length - 2; k >= 0 && previous.length - k <= MAX_LOOKBACK; k--) {
    const other = previous[k];
    if ((other.cue?.start ?? other.content[0]?.start ?? 0) < sentenceStart) break;
    if (nestedIn(last, other)) return other.source ?? last.source;
  }
  return last.source;
}

function nestedIn(inner: Attribution, outer: Attribution): boolean {
  const cue = inner.cue;
  return !!cue && outer.content.some((c) => c.start <= cue.start && cue.end <= c.end);
}

/** The source of the previous attribution in the same sentence, unless this cue is nested in its content. */
function mainSource(ctx: Context, c: number, previous: Attribution[]): Span | null {
  const offset = ctx.tokens[c].start;
  for (let k = previous.length - 1; k >= 0; k--) {
    const candidate = previous[k];
    if (!candidate.cue || !ctx.sameSentence(c, tokenAt(ctx, candidate.cue.start))) return null;
    if (candidate.content.some((span) => span.start <= offset && offset < span.end)) continue;
    return candidate.source;
  }
  return null;
}
