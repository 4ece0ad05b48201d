/**
 * Word-level text helpers for the pairwise statement judge: lower-cased word tokens stemmed by the
 * project's one stemmer (nlp/stem.ts, Porter), content-word filtering and number extraction.
 *
 * Statements are one or two sentences long, so everything works on flat word lists; no offsets are kept
 * because the judge reports evidence as words, not spans.
 */

import { stem } from "../../nlp/stem.ts";

/** A word as the judge sees it: the surface form (lower case) and its stem. */
export interface Word {
  form: string;
  stem: string;
}

/** Letters, digits, inner hyphens and apostrophes; "n't" is split off so negation is always visible. */
const WORD_PATTERN = /n['’]t\b|[\p{L}\d]+(?:[-'’][\p{L}\d]+)*/gu;

/** Recent texts' words: the mixed-message detector judges each statement against several others. */
const wordsOfText = new Map<string, Word[]>();

export function words(text: string): Word[] {
  const known = wordsOfText.get(text);
  if (known) return known;
  const out = splitWords(text);
  if (wordsOfText.size > 20_000) wordsOfText.clear();
  wordsOfText.set(text, out);
  return out;
}

function splitWords(text: string): Word[] {
  const out: Word[] = [];
  for (const match of text.toLowerCase().matchAll(WORD_PATTERN)) {
    let form = match[0].replace(/’/g, "'");
    // "don't" → "do" + "n't": the tokenizer pattern leaves "do" glued to the clitic otherwise.
    if (form.endsWith("n't") && form.length > 3) {
      out.push({ form: form.slice(0, -3), stem: stem(form.slice(0, -3)) });
      form = "n't";
    }
    out.push({ form, stem: stem(form) });
  }
  return out;
}

/**
 * Function words and the boilerplate of party programmes ("we support", "should", "must"): they carry
 * no topic, and stance verbs are counted separately by the stance lexicon.
 */
export const STOPWORDS = new Set(
  (
    "a an the and or but if then than so as of to in on at by for with from into onto about over under " +
    "between through during before after above below up down out off again further once here there when where " +
    "why how all any both each few more most other some such own same too very can will just should must " +
    "would could may might shall need needs needed is are was were be been being am have has had having do " +
    "does did doing this that these those it its itself they them their theirs we us our ours you your he " +
    "him his she her i me my which who whom whose what also only already even still well within without " +
    "upon via per whether while because since until unless though although not no nor never n't " +
    "support supports supported supporting advocate advocates believe believes think consider demand demands " +
    "want wants call calls favor favour goal aim ensure important necessary one ones every many much " +
    "further given make made way ways like new"
  ).split(/\s+/),
);

/** Content words: not stop words, at least three letters, or any number. */
export function contentWords(text: string): Word[] {
  return words(text).filter((w) => !STOPWORDS.has(w.form) && (w.form.length >= 3 || /\d/.test(w.form)));
}

/** Numbers as written, with a trailing % or unit glued on when present ("5%", "2040", "€29"). */
export function numbers(text: string): string[] {
  return [...text.matchAll(/[€$£]?\d+(?:[.,]\d+)*\s?%?/g)].map((m) => m[0].replace(/\s/g, ""));
}
