import { CUE_VERBS } from "../cue-lexicon.ts";
import type { Span } from "../doc.ts";
import {
  CLAUSE_OPENERS,
  COMMA_CLAUSE_ENDS,
  COMPLEMENT_WORDS,
  CONTENT_PREFIXES,
  DETERMINERS,
  NOUN_MARKERS,
  OBJECT_TAILS,
} from "../lexicon/attribution-clauses.ts";
import { SOURCE_MODIFIERS } from "../lexicon/attribution-sources.ts";
import { CLAUSE_BREAKERS, VERB_GROUP_FILLERS } from "../lexicon/clause-words.ts";
import { OBJECT_VERBS } from "../lexicon/cue-verbs.ts";
import { PRONOUNS } from "../lexicon/pronouns.ts";
import { SOURCE_NOUNS } from "../lexicon/source-nouns.ts";
import {
  BOUNDARY,
  CLOSING_MARKS,
  type Context,
  closesQuote,
  isCapitalized,
  isWord,
  TERMINALS,
  tokenAt,
} from "./context.ts";
import type { Frame } from "./frames.ts";
import { sourceStartingAt } from "./sources.ts";

/**
 * Content clauses: where the reported clause starts after a frame (past objects, "that", time phrases),
 * where it ends (at a new clause, a coordinated cue, a list's end), and the clause before a frame that
 * ends its sentence (`The plan is dead, he said.`).
 */

function startsClause(ctx: Context, k: number): boolean {
  const token = ctx.tokens[k];
  if (!token || !isWord(token)) return false;
  return CLAUSE_OPENERS.has(ctx.text(k)) || isCapitalized(token) || /^\d/.test(token.text);
}

/** True when a source phrase followed by a cue verb starts at token k. */
export function sourceThenCue(ctx: Context, k: number, end: number): boolean {
  const source = sourceStartingAt(ctx, k, end);
  if (!source) return false;
  const cue = skipFillersRight(ctx, source.last + 1, end);
  return cue < end && CUE_VERBS.has(ctx.text(cue)) && ctx.tokens[cue].text === ctx.text(cue);
}

/** Longest content clause in tokens outside quotes; PolNeAR train contents are far shorter. */
export const MAX_CLAUSE_TOKENS = 150;

/** Where the content clause that starts at token `from` ends (exclusive token index). */
export function clauseEnd(ctx: Context, from: number, cueIndex: number): number {
  // A sentence longer than this (a run-on text with no sentence marks) is cut here, which keeps every
  // cue's scan bounded and the whole pass linear.
  const end = Math.min(ctx.sentenceRange(cueIndex).end, from + MAX_CLAUSE_TOKENS);
  let k = from;
  for (; k < end; k++) {
    const q = ctx.quoteOf[k];
    if (q >= 0 && ctx.isQuoteOpen(k)) {
      k = Math.max(k, ctx.quoteTokens[q].end - 1);
      continue;
    }
    const w = ctx.text(k);
    if (w === ";") break;
    // "... in the U.S. He says ...": the tokenizer keeps an abbreviation's period, so the sentence
    // splitter misses this boundary; a capitalised pronoun or article after it starts a new sentence.
    if (
      k > from &&
      ctx.tokens[k].text.endsWith(".") &&
      /^(\p{L}\.){2,}$/u.test(ctx.tokens[k].text) &&
      /^(He|She|They|It|We|I|The|But|And)$/.test(ctx.tokens[k + 1]?.text ?? "")
    ) {
      k++;
      break;
    }
    // "... and 60 percent said ...": a coordinated clause with its own source and cue.
    if (
      (w === "and" || w === "but" || w === "while" || w === "whereas") &&
      k > from + 2 &&
      sourceThenCue(ctx, k + 1, end)
    ) {
      break;
    }
    // "blasted X and said Y": a coordinated cue verb starts its own attribution.
    if (
      (w === "and" || w === "but") &&
      k > from &&
      CUE_VERBS.has(ctx.text(skipFillersRight(ctx, k + 1, end)))
    )
      break;
    // "... him a “nice guy” and he didn't ...": a coordinated clause with a pronoun subject.
    if (w === "and" && k > from + 2 && /^(he|she|they|we|i)$/.test(ctx.text(k + 1))) break;
    if (w === "," || w === "—" || w === "--") {
      // "that, while the tax may ..., workers ...": a comma right after "that" opens an aside, not a new clause.
      if (k === from + 1 && ctx.text(from) === "that") continue;
      const next = ctx.text(k + 1);
      if (CLAUSE_BREAKERS.has(next) || COMMA_CLAUSE_ENDS.has(next)) break;
      if (next === "and" && PRONOUNS.has(ctx.text(k + 2))) break;
      // ", and Ms. Brainard is ...": a new clause with a named subject.
      if (next === "and" && isCapitalized(ctx.tokens[k + 2]) && ctx.quoteOf[k + 2] < 0) break;
      // ", blaming Bloomberg", "— requiring refiners": a participle clause comments on the content.
      if (/^[a-z]+ing$/.test(ctx.tokens[k + 1]?.text ?? "") && next !== "according") break;
      // "..., foreign policy experts affirm that ...": a new clause with its own source and cue.
      if (sourceThenCue(ctx, k + 1, end)) break;
      // `..., X said.` inside the clause: a new frame begins.
      const cueAhead = ctx.tokens
        .slice(k + 1, Math.min(end, k + 5))
        .findIndex((t) => CUE_VERBS.has(t.text.toLowerCase()));
      if (cueAhead >= 0 && !ctx.tokens.slice(k + 1, k + 1 + cueAhead).some((t) => t.text === "that")) {
        const cueToken = k + 1 + cueAhead;
        const after = ctx.text(cueToken + 1);
        if (TERMINALS.has(after) || after === "," || cueToken + 1 >= end) break;
      }
    }
  }
  // Quotes running past the sentence end extend the clause.
  let last = k - 1;
  while (last > from && (TERMINALS.has(ctx.text(last)) || BOUNDARY.has(ctx.text(last)))) last--;
  return last + 1;
}

function skipFillersRight(ctx: Context, k: number, end: number): number {
  let j = k;
  while (j < end && (VERB_GROUP_FILLERS.has(ctx.text(j)) || /^[a-z]+ly$/.test(ctx.tokens[j].text))) j++;
  return j;
}

/**
 * A "that" shortly after the cue, with only an object or adverbials before it ("told a crowded hall at
 * a hotel that ...", "said in a statement Tuesday that ..."): the content starts there.
 */
function thatAhead(ctx: Context, k: number, end: number): number {
  for (let m = k; m < end && m - k < 12; m++) {
    const w = ctx.text(m);
    if (w === "that") return m;
    if (BOUNDARY.has(w) || TERMINALS.has(w) || ctx.quoteOf[m] >= 0 || CUE_VERBS.has(w) || w === "as")
      return -1;
    if (PRONOUNS.has(w) && w !== "it") return -1;
    // A past-tense verb on the way ("said Mr. X envisioned an approach that ...") makes "that" a relative.
    if (m > k && /^[a-z]+ed$/.test(ctx.tokens[m].text)) return -1;
  }
  return -1;
}

/** First token of the content after a cue frame, skipping objects and prepositional phrases. */
export function contentStart(ctx: Context, frame: Frame): number {
  const { end } = ctx.sentenceRange(frame.cueIndex);
  let k = frame.inverted ? frame.last + 1 : frame.cueIndex + 1;
  if (frame.inverted) return k;
  if (frame.particle) return k + 1;
  // "referring to the senator": what is referred to follows "to".
  // "said sarcastically", "wrote bluntly": manner adverbs belong to the cue, not the content.
  while (
    k < end &&
    /^[a-z]+ly$/.test(ctx.tokens[k].text) &&
    !["only", "early", "likely"].includes(ctx.tokens[k].text)
  )
    k++;
  if (/^(refer|point)/.test(frame.lemma) && ctx.text(k) === "to") return k + 1;
  const that = thatAhead(ctx, k, end);
  if (that >= 0) return that;
  // "pointed out", "went on"
  if (["out", "on", "back", "up"].includes(ctx.text(k)) && !isCapitalized(ctx.tokens[k + 1])) k++;
  if (OBJECT_VERBS.has(frame.lemma)) {
    const w = ctx.text(k);
    if (["me", "us", "him", "her", "them", "you", "reporters", "journalists", "supporters"].includes(w)) k++;
    else if (isCapitalized(ctx.tokens[k]) || SOURCE_MODIFIERS.has(w) || SOURCE_NOUNS.has(w)) {
      const object = sourceStartingAt(ctx, k, end);
      if (object) k = object.last + 1;
      // "told a North Carolina rally, ..." — a trailing common noun ends the object.
      if (
        /^\p{Ll}+$/u.test(ctx.tokens[k]?.text ?? "") &&
        (BOUNDARY.has(ctx.text(k + 1)) || TERMINALS.has(ctx.text(k + 1)))
      ) {
        if (!COMPLEMENT_WORDS.has(ctx.text(k))) k++;
      }
    }
  }
  // Prepositional or time phrase before the content: jump to "that" or a pronoun subject if one is near.
  if (CONTENT_PREFIXES.has(ctx.text(k))) {
    for (let m = k; m < end && m - k < 14; m++) {
      const w = ctx.text(m);
      if (w === "that" || ctx.isQuoteOpen(m)) return m;
      if (m > k && PRONOUNS.has(w) && w !== "who" && w !== "which" && ctx.text(m - 1) !== "to") return m;
      if (w === ":") return m + 1;
      if (w === ",") break;
      if (TERMINALS.has(w)) break;
    }
  }
  if (ctx.text(k) === ":" || ctx.text(k) === ",") k++;
  return k;
}

/** Content before the frame: the quote that closes just before it, or the clause from the sentence start. */
export function contentBefore(ctx: Context, frame: Frame): Span | null {
  let k = frame.first - 1;
  // `"...," he said` — the comma may sit inside or outside the closing mark.
  if (ctx.text(k) === ",") k--;
  if (
    k >= 0 &&
    CLOSING_MARKS.has(ctx.tokens[k].text) &&
    ctx.quoteOf[k] >= 0 &&
    ctx.sameSentence(k, frame.first)
  ) {
    const q = ctx.doc.quotes[ctx.quoteOf[k]];
    const quoteFirst = ctx.quoteTokens[ctx.quoteOf[k]].first;
    const { first: sentenceFirst } = ctx.sentenceRange(quoteFirst);
    const previous = ctx.text(quoteFirst - 1);
    if (quoteFirst === sentenceFirst || previous === ":" || previous === ",")
      return { start: q.start, end: q.end };
    // Words before the quote in its sentence belong to the content: `her eagerness, "is seen as ...," he said`.
    // A quoted title in the middle of a clause (`on "Meet the Press," Smith said that`) is not speech.
    if (ctx.text(frame.last + 1) === "that" || !ctx.sameSentence(sentenceFirst, frame.first)) return null;
    return { start: ctx.tokens[sentenceFirst].start, end: q.end };
  }
  const { first } = ctx.sentenceRange(frame.first);
  if (k <= first) return null;
  if (ctx.text(frame.first - 1) !== ",") return null;
  let start = datelineEnd(ctx, first, k);
  // A quote that opened in an earlier sentence covers the whole content.
  const q = ctx.quoteOf[k];
  if (q >= 0) start = tokenAt(ctx, ctx.doc.quotes[q].start);
  return ctx.span(start, k);
}

/** True when nothing but a short tail (", told reporters", " in a statement") follows the frame. */
export function frameEndsClause(ctx: Context, frame: Frame): boolean {
  const { end } = ctx.sentenceRange(frame.cueIndex);
  let k = frame.last + 1;
  // Right after a quote, the frame is a tag (`," Trump said in August after ...`) unless a clause follows.
  if (closesQuote(ctx, frame.first - 1)) {
    const nextIndex = frame.last + 1;
    const next = ctx.text(nextIndex);
    if (next === "that" || next === ":" || ctx.isQuoteOpen(nextIndex)) return false;
    // Only a clause start after the cue (`, 72 percent said yes`, `," Rubio said he ...`) makes the words
    // after it content; anything else (`said with a laugh`, `said answering a question`) is a tail.
    const tail = nextIndex >= end || !startsClause(ctx, nextIndex);
    if (tail || frame.inverted || OBJECT_VERBS.has(frame.lemma)) return true;
  }
  if (OBJECT_VERBS.has(frame.lemma) && !frame.inverted) {
    const object = sourceStartingAt(ctx, k, end);
    if (object) k = object.last + 1;
    else if (["me", "us", "him", "her", "them", "reporters", "journalists"].includes(ctx.text(k))) k++;
  }
  if (k >= end || TERMINALS.has(ctx.text(k)) || ctx.text(k) === "," || ctx.text(k) === ";") return true;
  if (ctx.isQuoteClose(k)) return true;
  // "declined to comment": an infinitive after the cue is its content, not a tail.
  const afterTo = ctx.tokens[k + 1]?.text ?? "";
  if (
    ctx.text(k) === "to" &&
    /^\p{Ll}+$/u.test(afterTo) &&
    !NOUN_MARKERS.has(afterTo) &&
    !DETERMINERS.has(afterTo)
  )
    return false;
  if (CONTENT_PREFIXES.has(ctx.text(k))) {
    // Past six tokens the answer is false whatever follows, so the scan stops there.
    for (let m = k; m < end && m - k <= 6; m++) {
      const w = ctx.text(m);
      if (w === "that" || PRONOUNS.has(w) || ctx.isQuoteOpen(m) || w === ":") return false;
      // A tail is short ("in a statement", "at a rally in Iowa"); a long phrase is the content
      // ("called on tech companies to become more aggressive").
      if (TERMINALS.has(w) || w === ",") return m - k <= 6;
    }
    return end - k <= 6;
  }
  return false;
}

/**
 * The rest of a sentence interrupted by its frame: `The plan, he said, was never finished.` PolNeAR
 * marks both sides as content.
 */
export function parentheticalRest(ctx: Context, frame: Frame): Span | null {
  const comma = frame.last + 1;
  const next = comma + 1;
  if (ctx.text(comma) !== "," || !ctx.sameSentence(comma, next) || !isWord(ctx.tokens[next])) return null;
  const word = ctx.text(next);
  if (CLAUSE_BREAKERS.has(word) || word.endsWith("ing") || word === "and" || word === "but") return null;
  const end = clauseEnd(ctx, next, frame.cueIndex);
  return end > next ? ctx.span(next, end - 1) : null;
}

/** Segments longer than this are clauses, not items of a list. */
const MAX_LIST_ITEM = 10;

/**
 * Token index just past the last item of a list that continues at the comma `comma`
 * ("described families, restaurants and workers, and a city of ..."), or -1 when the comma does
 * not continue a list: the items are short and the last one opens with "and" or "or".
 */
function listEnd(ctx: Context, comma: number, end: number): number {
  let k = comma + 1;
  for (let items = 0; items < 5 && k < end; items++) {
    const first = ctx.text(k);
    if (CLAUSE_BREAKERS.has(first) || /^[a-z]+ing$/.test(first) || (PRONOUNS.has(first) && first !== "it"))
      return -1;
    let m = k;
    while (m < end && m - k <= MAX_LIST_ITEM && !BOUNDARY.has(ctx.text(m))) {
      if (m > k && CUE_VERBS.has(ctx.text(m))) return -1;
      m++;
    }
    if (m - k > MAX_LIST_ITEM || m === k) return -1;
    const last = first === "and" || first === "or" || (first === "as" && ctx.text(k + 1) === "well");
    if (last) return m;
    if (ctx.text(m) !== ",") return -1;
    k = m + 1;
  }
  return -1;
}

/**
 * Where an object content ends ("refused to fight in the war, though ..."): at its closing comma or
 * dash, unless the comma continues a list; at "but"; at a trailing day or time word ("praised the
 * plan Monday"); a relative clause stops at its closing comma.
 */
export function objectEnd(ctx: Context, start: number, end: number, relative: boolean): number {
  for (let k = start; k < end; k++) {
    if (ctx.quoteOf[k] >= 0) continue;
    const w = ctx.text(k);
    if (k > start && OBJECT_TAILS.has(w)) return k;
    // "opposed the bill and once again voted ...": "and" before a verb group starts a new predicate.
    if (k > start && w === "and") {
      const next = ctx.tokens[k + 1]?.text ?? "";
      if (VERB_GROUP_FILLERS.has(next) || /^[a-z]+ed$/.test(next)) return k;
    }
    if (!BOUNDARY.has(w)) continue;
    const list = !relative && w === "," ? listEnd(ctx, k, end) : -1;
    if (list < 0) return k;
    k = list - 1;
  }
  return end;
}

/** First token after a leading dateline ("WASHINGTON (AP) — "), or `first` when there is none. */
export function datelineEnd(ctx: Context, first: number, last: number): number {
  if (!/^\p{Lu}{2,}/u.test(ctx.tokens[first]?.text ?? "") || /\p{Ll}/u.test(ctx.tokens[first].text))
    return first;
  for (let k = first; k < last && k - first < 10; k++) {
    if (ctx.text(k) === "—" || ctx.text(k) === "--") return k + 1;
  }
  return first;
}
