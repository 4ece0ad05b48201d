import type { Span } from "../doc.ts";
import { DETERMINERS, SENTENCE_OPENERS } from "../lexicon/attribution-clauses.ts";
import {
  APPOSITIVE_OPENERS,
  INVERTED_SOURCE_STOPS,
  NOT_DESCRIPTIVE,
  NP_JOINERS,
  SOURCE_MODIFIERS,
} from "../lexicon/attribution-sources.ts";
import { PRONOUNS } from "../lexicon/pronouns.ts";
import { SOURCE_NOUNS } from "../lexicon/source-nouns.ts";
import { TITLES } from "../lexicon/titles.ts";
import { BOUNDARY, type Context, isCapitalized, isWord, lower, OPENING_MARKS, TERMINALS } from "./context.ts";

/**
 * Source phrases: the name, description or pronoun that speaks, read leftwards from a cue or rightwards
 * after it, with party tags ("(R-Fla.)") and appositives ("Jane Roe, a spokeswoman,") as PolNeAR's
 * source spans hold them.
 */

/** True when a token can sit inside a name or description of a speaker. */
function isSourceWord(ctx: Context, i: number): boolean {
  const token = ctx.tokens[i];
  const word = lower(token);
  if (ctx.quoteOf[i] >= 0) return false;
  if (isCapitalized(token) && isWord(token)) return !SENTENCE_OPENERS.has(word) && !PRONOUNS.has(word);
  // Numbers quantify groups of speakers: "72 percent of Democrats", "4 in 10 voters".
  if (/^\d[\d.,%]*$/.test(word)) return true;
  return SOURCE_MODIFIERS.has(word) || SOURCE_NOUNS.has(word) || TITLES.has(word);
}

export function isHeadWord(ctx: Context, i: number): boolean {
  const token = ctx.tokens[i];
  if (ctx.quoteOf[i] >= 0) return false;
  // A possessive is a modifier, never the head: "Clinton’s email" is not a source.
  if (/['’]s$/.test(token.text)) return false;
  const word = lower(token);
  if (DETERMINERS.has(word)) return false;
  if (isCapitalized(token) && isWord(token)) return !PRONOUNS.has(word) && !SENTENCE_OPENERS.has(word);
  // "Six in 10 say", "43 said": poll shares speak for respondents.
  if (/^\d+$/.test(word) && !/^(1[89]|20)\d\d$/.test(word)) return true;
  return SOURCE_NOUNS.has(word);
}

/** Index of "(" when tokens [.., i] end a party tag like "(R-Fla.)", else -1. */
function partyTagStart(ctx: Context, i: number): number {
  if (ctx.tokens[i]?.text !== ")") return -1;
  for (let j = i - 1; j >= Math.max(0, i - 5); j--) {
    if (ctx.tokens[j].text === "(") return /^[RDI]-/.test(ctx.tokens[j + 1]?.text ?? "") ? j : -1;
  }
  return -1;
}

/**
 * The source phrase ending at token `last`, read leftwards: a pronoun, or a name or description
 * (capitalised words, titles, source nouns and their modifiers, "of"-joined domains, party tags).
 */
export function sourceEndingAt(ctx: Context, last: number, floor: number): Span | null {
  if (last < floor || last < 0) return null;
  const word = ctx.text(last);
  if (PRONOUNS.has(word) && ctx.quoteOf[last] < 0) return ctx.span(last, last);
  let end = last;
  const tag = partyTagStart(ctx, end);
  if (tag >= 0) end = tag - 1;
  if (end < floor) return null;
  if (!isHeadWord(ctx, end)) return describedSource(ctx, end, floor);
  let first = end;
  for (let j = end - 1; j >= floor && first - j < 10; j--) {
    const w = ctx.text(j);
    if (isSourceWord(ctx, j)) {
      // Sentence-initial capitals are ordinary words ("Asked about it, ...") unless they are names.
      first = j;
      continue;
    }
    const joinerInside = (NP_JOINERS.has(w) || w === "in") && j - 1 >= floor && isSourceWord(ctx, j - 1);
    if (joinerInside) continue;
    const innerTag = partyTagStart(ctx, j);
    if (innerTag >= floor) {
      j = innerTag;
      continue;
    }
    break;
  }
  // Drop leading joiners left by the loop ("of", "and").
  while (first < end && NP_JOINERS.has(ctx.text(first))) first++;
  // "a Cairo airport official": lowercase words back to a clause-opening determiner belong too.
  if (first > floor && /^\p{Ll}/u.test(ctx.tokens[first - 1].text)) {
    const described = describedSource(ctx, first - 1, floor, false);
    if (described) return { start: described.start, end: ctx.tokens[last].end };
  }
  return ctx.span(first, last);
}

/**
 * A lowercase head outside the source-noun list is a speaker only in a short determiner-led phrase
 * that opens the clause: "The billionaire real estate magnate says", "A reporter asked".
 */
function describedSource(ctx: Context, end: number, floor: number, isHead = true): Span | null {
  const head = ctx.tokens[end];
  const word = head.text;
  if (!/^\p{Ll}+$/u.test(word) || NOT_DESCRIPTIVE.has(word) || /(ly|ing|ed)$/.test(word)) {
    // As a modifier ("a Cairo airport official") the word before may be the determiner itself.
    if (isHead || !["a", "an", "the"].includes(word)) return null;
  }
  const opensClauseAt = (j: number) => {
    const before = ctx.text(j - 1);
    return j === floor || BOUNDARY.has(before) || before === "and" || before === "but" || before === "that";
  };
  for (let j = isHead ? end - 1 : end; j >= floor && end - j <= 5; j--) {
    const w = ctx.text(j);
    if (w === "the" || w === "a" || w === "an") return opensClauseAt(j) ? ctx.span(j, end) : null;
    if (!/^[\p{L}-]+$/u.test(ctx.tokens[j].text) || NOT_DESCRIPTIVE.has(w) || ctx.quoteOf[j] >= 0) {
      // A bare plural opening the clause speaks for a group: "Company executives said", "investors say".
      return isHead && j < end && PLURAL_HEAD.test(word) && opensClauseAt(j + 1)
        ? ctx.span(j + 1, end)
        : null;
    }
  }
  return null;
}

/** Plural common nouns (not "-ss", "-us", "-is", "-ous" words, which are mostly singular or adjectives). */
const PLURAL_HEAD = /^[a-z]{3,}[^suio]s$/;

/** The source phrase starting at token `first`, read rightwards (inverted "said Smith", "according to X"). */
export function sourceStartingAt(
  ctx: Context,
  first: number,
  limit: number,
): { span: Span; last: number } | null {
  if (first >= limit) return null;
  const word = ctx.text(first);
  if (PRONOUNS.has(word) && ctx.quoteOf[first] < 0) return { span: ctx.span(first, first), last: first };
  let last = -1;
  for (let j = first; j < limit && j - first < 10; j++) {
    const w = ctx.text(j);
    if (isSourceWord(ctx, j) || /^[’']s$/.test(w)) {
      if (isHeadWord(ctx, j) || /['’]s$/.test(w)) last = j;
      continue;
    }
    if (NP_JOINERS.has(w) && j + 1 < limit && isSourceWord(ctx, j + 1) && w !== "and") continue;
    if (w === "(" && /^[RDI]-/.test(ctx.tokens[j + 1]?.text ?? "")) {
      const close = ctx.tokens.findIndex((t, k) => k > j && k < j + 5 && t.text === ")");
      if (close > 0) {
        last = close;
        j = close;
        continue;
      }
    }
    break;
  }
  if (last < 0) return null;
  return { span: ctx.span(first, last), last };
}

/** The subject of the clause containing token i: first name/pronoun after any opening adverbial. */
export function clauseSubject(ctx: Context, i: number): Span | null {
  const { first } = ctx.sentenceRange(i);
  let start = first;
  while (start < i && (OPENING_MARKS.has(ctx.tokens[start].text) || ctx.tokens[start].text === "(")) start++;
  // A dateline ("ORLANDO, Fla. (AP) — ...") comes before the subject: skip past its dash.
  if (/^\p{Lu}{2,}$/u.test(ctx.tokens[start]?.text ?? "")) {
    for (let k = start; k < i && k - start < 10; k++) {
      if (ctx.text(k) === "—" || ctx.text(k) === "--" || ctx.text(k) === "-") {
        start = k + 1;
        break;
      }
    }
  }
  const opener = ctx.text(start);
  // Adverbial openers ("However,", "At the rally,", "Ultimately,") and participial or infinitive
  // phrases ("Having lost Iowa,", "Campaigning in Ohio,", "To win,") come before the subject.
  const phrase =
    /(ing|ed)$/.test(opener) || opener === "to" || (/ly$/.test(opener) && ctx.text(start + 1) === ",");
  if (SENTENCE_OPENERS.has(opener) || phrase) {
    let k = start;
    while (k < i && ctx.tokens[k].text !== "," && k - start < 18) k++;
    if (ctx.tokens[k]?.text !== ",") return null;
    start = k + 1;
  }
  const found = sourceStartingAt(ctx, start, i);
  return found ? found.span : null;
}

/**
 * The source with its appositive, up to the comma or dash before the cue: PolNeAR's source spans take
 * in "Jane Roe, a spokeswoman for the campaign," and "Smith, who ran in 2012," whole.
 */
export function withAppositive(ctx: Context, source: Span, delimiter: number): Span {
  return { start: source.start, end: ctx.tokens[delimiter - 1].end };
}

/**
 * Last token of an appositive closing the sentence after an inverted source (`," said Jane Roe, a
 * spokeswoman for the campaign.`), or `last` when there is none.
 */
export function appositiveEnd(ctx: Context, last: number, sentenceEnd: number): number {
  if (ctx.text(last + 1) !== ",") return last;
  const opener = ctx.text(last + 2);
  if (!APPOSITIVE_OPENERS.has(opener) && !/^\d+$/.test(opener)) return last;
  let k = last + 2;
  // Longer tails are clauses of their own, not descriptions of the speaker.
  const MAX_APPOSITIVE = 20;
  while (k < sentenceEnd && k - last <= MAX_APPOSITIVE && ctx.quoteOf[k] < 0 && !TERMINALS.has(ctx.text(k)))
    k++;
  if (k - last > MAX_APPOSITIVE || ctx.quoteOf[k] >= 0) return last;
  return k - 1;
}

/** Start of a short description ("a spokeswoman") between a comma and the comma at `comma`, or null. */
export function descriptionBefore(ctx: Context, comma: number, floor: number): number | null {
  for (let k = comma - 1; k >= floor && comma - k <= 7; k--) {
    if (ctx.text(k) === ",") {
      const w = ctx.text(k + 1);
      return w === "a" || w === "an" || w === "the" ? k + 1 : null;
    }
    if (ctx.quoteOf[k] >= 0 || TERMINALS.has(ctx.text(k))) return null;
  }
  return null;
}

/** Source after an inverted cue following a quote: every word up to the next boundary. */
export function invertedSource(
  ctx: Context,
  first: number,
  limit: number,
): { span: Span; last: number } | null {
  const strict = sourceStartingAt(ctx, first, limit);
  let last = first - 1;
  for (let j = first; j < limit && j - first < 12; j++) {
    const w = ctx.text(j);
    if (BOUNDARY.has(w) && !(w === "(" && /^[RDI]-/.test(ctx.tokens[j + 1]?.text ?? ""))) break;
    if (TERMINALS.has(w) || OPENING_MARKS.has(w) || INVERTED_SOURCE_STOPS.has(w) || ctx.quoteOf[j] >= 0)
      break;
    if (w === "(") {
      while (j < limit && ctx.text(j) !== ")") j++;
    }
    last = j;
  }
  if (last < first) return strict;
  if (strict && strict.last >= last) return strict;
  // Only accept the loose phrase when it ends in a plausible head word.
  if (!isHeadWord(ctx, last) && ctx.text(last) !== ")" && !PRONOUNS.has(ctx.text(last))) return strict;
  return { span: ctx.span(first, last), last };
}
