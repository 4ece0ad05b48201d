/**
 * Which statements may take part in a mixed-message pair: only those that state something. A content that
 * is empty, one word, a pronoun ("which"), a noun phrase pointing at words said elsewhere ("the claims",
 * "his remarks") or a reporter's recap of several statements has no proposition of its own, and pairing
 * it with anything flags the extraction, not the speaker.
 */
import type { StatementView } from "../statement-view.ts";
import {
  CLAUSE_MARKERS,
  FUNCTION_WORDS,
  RECAP_VERBS,
  REFERENCE_OPENERS,
  SHORT_ANSWER,
  STANCE_CUE,
} from "./lexicon.ts";

/** Cues that point at words said elsewhere ("walked back | his remarks"): their object is no position. */
const POINTING_CUE = /\b(walk\w* back|backtrack\w*|revers\w*|retract\w*|clarif\w*|repeat\w*)\b/i;

/** Fewer words than this cannot hold a claim a reader could check ("tremendous", "a disaster"). */
const MIN_WORDS = 3;
/** Fewer content words than this is a fragment ("that it was", "which he did"). */
const MIN_CONTENT_WORDS = 2;
/** A phrase this short that opens like a noun phrase and has no clause marker is a reference, not a claim. */
const REFERENCE_MAX_WORDS = 6;

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

export function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).map((w) => w.replace("’", "'"));
}

/** A bare "yes" or "no": it takes part only as an answer (see mixed.ts), never as a proposition. */
export const isShortAnswer = (content: string): boolean => SHORT_ANSWER.test(content);

/**
 * Why the content states nothing, or null when it has a proposition. A cue that carries a stance ("once
 * praised", "defended") makes a short noun phrase a position ("the trade pact", "his vote"), unless the
 * cue points at words said elsewhere ("walked back | his remarks").
 */
export function propositionProblem(content: string, cue: string | null = null): string | null {
  const words = wordsOf(content);
  if (words.length === 0) return "empty content";
  if (cue && STANCE_CUE.test(cue) && !POINTING_CUE.test(cue)) {
    const named = words.filter((w) => !FUNCTION_WORDS.has(w) && w.length >= 3);
    if (named.length >= 1 && !/^(it|this|that|them|him|her|which)$/.test(words.join(" "))) return null;
  }
  if (words.length < MIN_WORDS) return `only ${words.length === 1 ? "one word" : "two words"}`;
  const contentWords = words.filter((w) => !FUNCTION_WORDS.has(w) && (w.length >= 3 || /\d/.test(w)));
  if (contentWords.length < MIN_CONTENT_WORDS) return "no more than one content word";
  if (
    words.length <= REFERENCE_MAX_WORDS &&
    REFERENCE_OPENERS.has(words[0]) &&
    !words.some((w) => CLAUSE_MARKERS.has(w) || w.endsWith("n't"))
  ) {
    return "a noun phrase pointing at words said elsewhere";
  }
  if ((content.match(RECAP_VERBS) ?? []).length >= 2) return "a recap of several statements";
  return null;
}

export const hasProposition = (statement: Pick<StatementView, "content" | "cue">): boolean =>
  propositionProblem(statement.content, statement.cue) === null;
