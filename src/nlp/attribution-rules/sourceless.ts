import { CUE_VERBS } from "../cue-lexicon.ts";
import type { Attribution, Span } from "../doc.ts";
import { QUESTION_OPENERS, SENTENCE_OPENERS } from "../lexicon/attribution-clauses.ts";
import { HEDGE_VERBS, PASSIVE_BE } from "../lexicon/attribution-verb-groups.ts";
import { CLAUSE_BREAKERS } from "../lexicon/clause-words.ts";
import { PRONOUNS } from "../lexicon/pronouns.ts";
import { clauseEnd, MAX_CLAUSE_TOKENS } from "./contents.ts";
import { BOUNDARY, type Context, kindOf, OPENING_MARKS, TERMINALS } from "./context.ts";

/**
 * Attributions with no source. PolNeAR marks hedges and passives as cues without a source: "X seems
 * to ...", "X is expected to ...", "X reportedly ...", "Asked whether ..., she said". Its content
 * is the clause's subject plus the predicate after the cue ("Trump … to win"), or the question.
 */

/**
 * The subject of the clause that ends just before token `end` (exclusive), read leftwards to a
 * clause boundary: "The birth of the newest ... is expected to" → "The birth of the newest ...".
 * Null when the clause has no short subject (a relative "which", a long or quoted stretch).
 */
export function subjectBefore(ctx: Context, end: number): Span | null {
  const { first } = ctx.sentenceRange(Math.max(0, end - 1));
  let start = end;
  // Subjects longer than this are rare; a longer stretch usually means a missed clause boundary.
  const MAX_SUBJECT = 12;
  while (start - 1 >= first && end - start < MAX_SUBJECT) {
    const w = ctx.text(start - 1);
    if (BOUNDARY.has(w) || TERMINALS.has(w) || w === "that") break;
    // ", and X seems": "and" after a comma joins clauses; without one it joins the subject's parts.
    if ((w === "and" || w === "but") && (start - 2 < first || ctx.text(start - 2) === ",")) break;
    if (ctx.quoteOf[start - 1] >= 0) return null;
    start--;
  }
  if (start >= end || end - start >= MAX_SUBJECT) return null;
  const before = ctx.text(start - 1);
  if (
    start - 1 >= first &&
    !BOUNDARY.has(before) &&
    before !== "that" &&
    before !== "and" &&
    before !== "but"
  )
    return null;
  const word = ctx.text(start);
  if (word === "which" || word === "who" || word === "it" || word === "there") return null;
  if (SENTENCE_OPENERS.has(word) && end - start > 1) return null;
  return ctx.span(start, end - 1);
}

/** `X seems to win`, `X is expected to win`: subject plus the infinitive clause after "to". */
function subjectAndInfinitive(ctx: Context, subjectEnd: number, to: number, cueIndex: number): Span[] | null {
  if (ctx.text(to) !== "to" || ctx.quoteOf[to] >= 0) return null;
  const end = clauseEnd(ctx, to, cueIndex);
  if (end <= to + 1) return null;
  const subject = subjectBefore(ctx, subjectEnd);
  const predicate = ctx.span(to, end - 1);
  return subject ? [subject, predicate] : null;
}

/** `X seems to ...`, `X appears to ...`, `it seems that ...`. */
function hedgeCue(ctx: Context, c: number): Attribution | null {
  let groupStart = c;
  while (
    groupStart - 1 >= 0 &&
    /^(also|now|often|still|only|just|even|would|may|might|could|does|did|do)$/.test(ctx.text(groupStart - 1))
  )
    groupStart--;
  const next = ctx.text(c + 1);
  let content: Span[] | null = null;
  if (next === "that" && ctx.text(groupStart - 1) === "it") {
    const end = clauseEnd(ctx, c + 1, c);
    if (end > c + 2) content = [ctx.span(c + 1, end - 1)];
  } else if (next === "to") {
    // "he seemed to mock", "she appeared to suggest": a person acting through a cue verb is its source.
    if (PRONOUNS.has(ctx.text(groupStart - 1)) && CUE_VERBS.has(ctx.text(c + 2))) return null;
    content = subjectAndInfinitive(ctx, groupStart, c + 1, c);
  } else if (/^\p{Ll}+$/u.test(ctx.tokens[c + 1]?.text ?? "") && !CLAUSE_BREAKERS.has(next)) {
    // "The race seemed stable", "X appears unlikely to ...": the complement is the predicate.
    const subject = subjectBefore(ctx, groupStart);
    const end = clauseEnd(ctx, c + 1, c);
    if (subject && end > c + 1) content = [subject, ctx.span(c + 1, end - 1)];
  }
  if (!content) return null;
  return { source: null, cue: ctx.span(c, c), content, kind: kindOf(ctx, content), speaker: null };
}

/** `X is expected to ...` (no "by"): the expectation has no named holder. */
function expectedCue(ctx: Context, e: number): Attribution | null {
  let aux = e - 1;
  // "is widely expected", "is not expected": the adverb sits inside the cue.
  while (aux > e - 3 && /^(not|n't|widely|also|still|generally|now|largely)$/.test(ctx.text(aux))) aux--;
  if (!PASSIVE_BE.has(ctx.text(aux))) return null;
  let groupStart = aux;
  while (
    groupStart - 1 >= 0 &&
    /^(also|now|still|widely|not|had|has|have|will|would)$/.test(ctx.text(groupStart - 1))
  )
    groupStart--;
  let to = e + 1;
  if (ctx.text(to) === "widely" || /^[a-z]+ly$/.test(ctx.tokens[to]?.text ?? "")) to++;
  const content = subjectAndInfinitive(ctx, groupStart, to, e);
  if (!content) return null;
  return { source: null, cue: ctx.span(aux, e), content, kind: kindOf(ctx, content), speaker: null };
}

/** `Asked whether ..., she said` and `X was asked if ...`: the question is the content. */
function askedCue(ctx: Context, a: number): Attribution | null {
  const passive = PASSIVE_BE.has(ctx.text(a - 1));
  const { first } = ctx.sentenceRange(a);
  const opensClause =
    a === first ||
    BOUNDARY.has(ctx.text(a - 1)) ||
    OPENING_MARKS.has(ctx.text(a - 1)) ||
    /^(when|after|once|if|before|and)$/.test(ctx.text(a - 1));
  if (!passive && !opensClause) return null;
  let start = a + 1;
  if (ctx.text(start) === "by") return null;
  // "Asked specifically whether ...": a manner adverb sits before the question.
  if (/^[a-z]+ly$/.test(ctx.tokens[start]?.text ?? "") && QUESTION_OPENERS.has(ctx.text(start + 1))) start++;
  // "was asked by reporters whether": an agent makes it a sourced question, handled by the verb rules.
  if (passive && !QUESTION_OPENERS.has(ctx.text(start)) && ctx.text(start) !== "to") return null;
  if (!passive && !QUESTION_OPENERS.has(ctx.text(start))) return null;
  const cueStart = passive ? a - 1 : a;
  let cueEnd = a;
  // "Asked about X, ...": the preposition belongs to the cue.
  if (ctx.text(start) === "about") {
    cueEnd = start;
    start++;
  }
  let end: number;
  if (opensClause && !passive) {
    // The question runs to the comma before the answer's frame.
    end = start;
    const sentenceEnd = Math.min(ctx.sentenceRange(a).end, start + MAX_CLAUSE_TOKENS);
    while (end < sentenceEnd && ctx.text(end) !== "," && ctx.text(end) !== ";") {
      const q = ctx.quoteOf[end];
      end = q >= 0 && ctx.isQuoteOpen(end) ? ctx.quoteTokens[q].end : end + 1;
    }
    while (end > start && TERMINALS.has(ctx.text(end - 1))) end--;
  } else {
    end = clauseEnd(ctx, start, a);
  }
  if (end <= start) return null;
  const content = [ctx.span(start, end - 1)];
  return {
    source: null,
    cue: ctx.span(cueStart, cueEnd),
    content,
    kind: kindOf(ctx, content),
    speaker: null,
  };
}

/** `X reportedly plans to ...`: the subject and the predicate after the adverb. */
function reportedlyCue(ctx: Context, r: number): Attribution | null {
  const { first } = ctx.sentenceRange(r);
  if (r === first) return null;
  let subjectEnd = r;
  while (subjectEnd - 1 > first && PASSIVE_BE.has(ctx.text(subjectEnd - 1))) subjectEnd--;
  while (subjectEnd - 1 > first && /^(has|have|had|will|would)$/.test(ctx.text(subjectEnd - 1))) subjectEnd--;
  const subject = subjectBefore(ctx, subjectEnd);
  if (!subject) return null;
  const end = clauseEnd(ctx, r + 1, r);
  if (end <= r + 1) return null;
  const content = [subject, ctx.span(subjectEnd === r ? r + 1 : subjectEnd, end - 1)];
  return { source: null, cue: ctx.span(r, r), content, kind: kindOf(ctx, content), speaker: null };
}

/** Dispatches the sourceless patterns above for the word at token i, or null. */
export function sourcelessCue(ctx: Context, i: number): Attribution | null {
  const word = ctx.text(i);
  if (HEDGE_VERBS.has(word)) return hedgeCue(ctx, i);
  if (word === "expected") return expectedCue(ctx, i);
  if (word === "asked") return askedCue(ctx, i);
  if (word === "reportedly") return reportedlyCue(ctx, i);
  return null;
}
