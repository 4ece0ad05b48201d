import { CUE_VERBS } from "../cue-lexicon.ts";
import type { Attribution, Span } from "../doc.ts";
import { FINITE_STOPS, NOUN_MARKERS, SENTENCE_OPENERS } from "../lexicon/attribution-clauses.ts";
import { AGENT_STOPS, POLL_NOUNS, SECTION_LABELS } from "../lexicon/attribution-sources.ts";
import { PASSIVE_AUX } from "../lexicon/attribution-verb-groups.ts";
import { CLAUSE_BREAKERS } from "../lexicon/clause-words.ts";
import { OBJECT_VERBS } from "../lexicon/cue-verbs.ts";
import { POSSESSED_CUE_NOUNS } from "../lexicon/cue-words.ts";
import { FIRST_NAME_GENDER } from "../lexicon/given-names.ts";
import { POSSESSIVES } from "../lexicon/pronouns.ts";
import { TITLES } from "../lexicon/titles.ts";
import { clauseEnd, datelineEnd, MAX_CLAUSE_TOKENS } from "./contents.ts";
import {
  BOUNDARY,
  type Context,
  isCapitalized,
  isWord,
  kindOf,
  OPENING_MARKS,
  TERMINALS,
  tokenAt,
} from "./context.ts";
import { subjectBefore } from "./sourceless.ts";
import { clauseSubject, isHeadWord } from "./sources.ts";

/**
 * Cues other than a verb after its subject: "according to X", "his claims that ...", "her criticism
 * of ...", "In a new poll, ...", "RUIZ: ..." and passives with an agent ("was criticized by X").
 */

/**
 * The source after "according to": everything up to the next comma or sentence end ("early results of
 * the exit poll conducted by ..."), since what follows "according to" is always the source.
 */
function accordingSource(ctx: Context, first: number, end: number): { span: Span; last: number } | null {
  let last = first - 1;
  for (let j = first; j < end && j - first < 25; j++) {
    const w = ctx.text(j);
    if (BOUNDARY.has(w) || TERMINALS.has(w) || ctx.quoteOf[j] >= 0) break;
    last = j;
  }
  return last >= first ? { span: ctx.span(first, last), last } : null;
}

/** `according to X, ...` / `..., according to X.` */
export function accordingTo(ctx: Context, a: number): Attribution | null {
  const { first, end } = ctx.sentenceRange(a);
  const found = accordingSource(ctx, a + 2, end);
  if (!found) return null;
  const cue = ctx.span(a, a + 1);
  let content: Span | null = null;
  // Before: `The bridge is safe, according to engineers.` After: `According to engineers, the bridge ...`.
  let last = a - 1;
  while (last > first && (BOUNDARY.has(ctx.text(last)) || TERMINALS.has(ctx.text(last)))) last--;
  let before = a > first + 1 ? ctx.span(datelineEnd(ctx, first, last), last) : null;
  // `"...?" O'Malley said, according to the Sun.`: the quote before the short tag is the content.
  if (
    before &&
    last - first < 8 &&
    first > 0 &&
    ctx.isQuoteClose(first - 1) &&
    ctx.paragraphOf[first - 1] === ctx.paragraphOf[a]
  ) {
    const q = ctx.doc.quotes[ctx.quoteOf[first - 1]];
    before = { start: q.start, end: q.end };
  }
  let start = found.last + 1;
  while (start < end && BOUNDARY.has(ctx.text(start))) start++;
  const stop = ctx.text(found.last + 1) === "," ? clauseEnd(ctx, start, a) : start;
  const after = stop > start ? ctx.span(start, stop - 1) : null;
  // A short opener ("In addition, according to X, ...") is not the content.
  const shortBefore = last - first < 3 || SENTENCE_OPENERS.has(ctx.text(first));
  content = before && !(after && shortBefore) ? before : after;
  if (!content) return null;
  return { source: found.span, cue, content: [content], kind: kindOf(ctx, [content]), speaker: null };
}

/** `his claims that ...`, `repeated claims that ...`: the possessor or the clause subject speaks. */
export function nounCue(ctx: Context, n: number): Attribution | null {
  if (ctx.text(n + 1) !== "that") return null;
  const end = clauseEnd(ctx, n + 1, n);
  if (end <= n + 2) return null;
  let source: Span | null = null;
  for (let k = n - 1; k >= Math.max(0, n - 3); k--) {
    const w = ctx.text(k);
    if (POSSESSIVES.has(w)) {
      source = ctx.span(k, k);
      break;
    }
    if (/['’]s$/.test(w) && isCapitalized(ctx.tokens[k])) {
      source = ctx.span(k, k);
      break;
    }
  }
  source ??= clauseSubject(ctx, n);
  if (!source) return null;
  const content = [ctx.span(n + 1, end - 1)];
  return { source, cue: ctx.span(n, n), content, kind: kindOf(ctx, content), speaker: null };
}

/** `Trump: I'm concerned ...` — a name and colon opening a paragraph (headline style). */
export function colonHeadline(ctx: Context, colon: number): Attribution | null {
  const p = ctx.paragraphOf[colon];
  const paragraph = ctx.doc.paragraphs[p];
  if (!paragraph) return null;
  const first = tokenAt(ctx, paragraph.start);
  if (colon - first < 1 || colon - first > 4) return null;
  if (SENTENCE_OPENERS.has(ctx.text(first)) || ["the", "a", "an"].includes(ctx.text(first))) return null;
  for (let k = first; k < colon; k++) if (!isWord(ctx.tokens[k]) || ctx.quoteOf[k] >= 0) return null;
  if (!isCapitalized(ctx.tokens[first])) return null;
  // In the body only a name leads a colon: one word ("Trump:") or a given name or title first
  // ("Ana Ruiz:", "Sen. Ruiz:"). A title line also takes outlets and groups ("NY Daily News:", "Clinton camp:").
  const lead = ctx.text(first);
  const titleLine = p === 0;
  if (!titleLine && colon - first > 1 && !FIRST_NAME_GENDER.has(lead) && !TITLES.has(lead)) return null;
  // All-capital labels name the speaker in transcripts ("Q:", "A:", "SMITH:"), except update and
  // section markers ("UPDATE:", "WATCH:").
  const label = ctx.tokens[first].text;
  if (!/\p{Ll}/u.test(label) && (colon - first > 1 || SECTION_LABELS.has(label.toLowerCase()))) return null;
  let last = colon + 1;
  while (last < ctx.tokens.length && ctx.paragraphOf[last] === p) last++;
  if (last - colon < 4) return null;
  const content = [ctx.span(colon + 1, last - 1)];
  return {
    source: ctx.span(first, colon - 1),
    cue: ctx.span(colon, colon),
    content,
    kind: kindOf(ctx, content),
    speaker: null,
  };
}

/** The possessor ending at token p ("his", "Trump's", "the DNC's"), or null. */
function possessorAt(ctx: Context, p: number): Span | null {
  const word = ctx.text(p);
  if (ctx.quoteOf[p] >= 0) return null;
  if (POSSESSIVES.has(word)) return ctx.span(p, p);
  if (!/['’]s$/.test(ctx.tokens[p].text) || !isCapitalized(ctx.tokens[p])) return null;
  const { first } = ctx.sentenceRange(p);
  let start = p;
  while (start - 1 >= first && isCapitalized(ctx.tokens[start - 1]) && isWord(ctx.tokens[start - 1])) {
    if (SENTENCE_OPENERS.has(ctx.text(start - 1))) break;
    start--;
  }
  if (start - 1 >= first && ctx.text(start - 1) === "the") start--;
  return ctx.span(start, p);
}

/**
 * `his support for the bill`, `Trump's plan to deport ...`, `her criticism of the deal`: the possessor
 * holds the stance and the object (or infinitive, or clause) is the content.
 */
export function possessedNounCue(ctx: Context, n: number): Attribution | null {
  const preps = POSSESSED_CUE_NOUNS.get(ctx.text(n));
  if (!preps || ctx.tokens[n].text !== ctx.text(n)) return null;
  // One or two adjectives may stand between ("his repeated calls for", "her sharp criticism of").
  let p = n - 1;
  while (p >= n - 2 && p >= 0 && /^\p{Ll}+$/u.test(ctx.tokens[p].text) && !POSSESSIVES.has(ctx.text(p))) p--;
  if (p < 0) return null;
  const source = possessorAt(ctx, p);
  if (!source) return null;
  let cueEnd = n;
  let start = n + 1;
  const next = ctx.text(start);
  if (preps.includes(next)) {
    cueEnd = start;
    start++;
  } else if (next !== "to" && next !== "that" && !(preps.length === 0 && next === "for")) {
    return null;
  }
  const sentenceEnd = Math.min(ctx.sentenceRange(n).end, start + MAX_CLAUSE_TOKENS);
  let end = start;
  if (ctx.text(start) === "that") {
    end = clauseEnd(ctx, start, n);
  } else {
    while (end < sentenceEnd) {
      const w = ctx.text(end);
      if (ctx.quoteOf[end] >= 0 && ctx.isQuoteOpen(end)) {
        end = ctx.quoteTokens[ctx.quoteOf[end]].end;
        continue;
      }
      if (BOUNDARY.has(w) || TERMINALS.has(w) || FINITE_STOPS.has(w) || CLAUSE_BREAKERS.has(w)) break;
      // "her criticism of the plan angered ...": a past-tense verb after a noun starts the predicate.
      if (end > start && /^[a-z]+ed$/.test(ctx.tokens[end].text) && !NOUN_MARKERS.has(ctx.text(end - 1)))
        break;
      if (end > start && (CUE_VERBS.has(w) || w === "and") && FINITE_STOPS.has(ctx.text(end + 1))) break;
      end++;
    }
  }
  if (end <= start) return null;
  const content = [ctx.span(start, end - 1)];
  return { source, cue: ctx.span(n, cueEnd), content, kind: kindOf(ctx, content), speaker: null };
}

/** `In a poll released Monday, Clinton leads by 5 points`: the poll is the source of the clause. */
export function inPollCue(ctx: Context, i: number): Attribution | null {
  const { first, end } = ctx.sentenceRange(i);
  if (i !== first && !OPENING_MARKS.has(ctx.text(i - 1))) return null;
  let comma = i + 1;
  let poll = false;
  // A longer stretch before the comma is not a short "In X," opener.
  const MAX_OPENER = 16;
  while (comma < end && comma - i < MAX_OPENER && ctx.text(comma) !== ",") {
    if (POLL_NOUNS.has(ctx.text(comma))) poll = true;
    if (ctx.quoteOf[comma] >= 0 || TERMINALS.has(ctx.text(comma))) return null;
    comma++;
  }
  if (!poll || ctx.text(comma) !== "," || comma === i + 1) return null;
  const stop = clauseEnd(ctx, comma + 1, i);
  if (stop <= comma + 2) return null;
  const content = [ctx.span(comma + 1, stop - 1)];
  return {
    source: ctx.span(i + 1, comma - 1),
    cue: ctx.span(i, i),
    content,
    kind: kindOf(ctx, content),
    speaker: null,
  };
}

/**
 * `The plan was criticized by the mayor`: the agent after "by" holds the stance and the clause's
 * subject is what it was about. The cue runs from the auxiliary to "by".
 */
export function passiveByCue(ctx: Context, v: number): Attribution | null {
  if (ctx.text(v + 1) !== "by" || !/ed$/.test(ctx.text(v))) return null;
  // "was asked by", "was urged by": the subject is the addressee, not what was said.
  if (OBJECT_VERBS.has(CUE_VERBS.get(ctx.text(v)) ?? "")) return null;
  let aux = v - 1;
  while (aux > v - 3 && aux >= 0 && (/^[a-z]+ly$/.test(ctx.tokens[aux].text) || ctx.text(aux) === "been"))
    aux--;
  if (!PASSIVE_AUX.has(ctx.text(aux)) && ctx.text(aux + 1) !== "been") return null;
  if (!PASSIVE_AUX.has(ctx.text(aux))) aux++;
  let groupStart = aux;
  while (groupStart - 1 >= 0 && /^(has|have|had|will|would|also|not|n't)$/.test(ctx.text(groupStart - 1)))
    groupStart--;
  const subject = subjectBefore(ctx, groupStart);
  if (!subject) return null;
  const { end } = ctx.sentenceRange(v);
  // Agents longer than this run into the rest of the clause.
  const MAX_AGENT = 12;
  let last = v + 1;
  for (let k = v + 2; k < end && k - v <= MAX_AGENT; k++) {
    const w = ctx.text(k);
    if (BOUNDARY.has(w) || TERMINALS.has(w) || AGENT_STOPS.has(w) || ctx.quoteOf[k] >= 0) break;
    last = k;
  }
  if (last <= v + 1 || !isHeadWord(ctx, last)) return null;
  const content = [subject];
  return {
    source: ctx.span(v + 2, last),
    cue: ctx.span(groupStart, v + 1),
    content,
    kind: kindOf(ctx, content),
    speaker: null,
  };
}
