/**
 * Where a name starts and ends inside a run of capitalised words. Headlines and sentence starts
 * capitalise words that are glued to a name without being part of it: "Does Rubio", "Maybe Trump",
 * "Whether Cruz" before it, "Trump Calls", "Sanders Vows" after it (issue 11: such runs became people).
 */

import { FIRST_NAME_GENDER } from "./lexicon/given-names.ts";
import { HEADLINE_VERBS, LEADING_GLUE } from "./lexicon/name-words.ts";
import { HEAD_TITLES, TITLES } from "./lexicon/titles.ts";

/** A word as looked up in the lists: lowercase, without a possessive or trailing punctuation. */
export function bareWord(word: string): string {
  return word
    .toLowerCase()
    .replace(/['’]s$/, "")
    .replace(/[,:;!?]+$/, "");
}

export function isGivenName(word: string): boolean {
  return FIRST_NAME_GENDER.has(bareWord(word));
}

export function isTitle(word: string): boolean {
  const bare = bareWord(word);
  return TITLES.has(bare) || HEAD_TITLES.has(bare);
}

/**
 * A capitalised word that is glued before a name: a listed function word, or an adverb, a gerund or a
 * participle by its ending ("Interestingly", "Entrusting", "Stated"), unless it is a known given name
 * or a title.
 */
export function isLeadingGlue(word: string): boolean {
  const bare = bareWord(word);
  if (FIRST_NAME_GENDER.has(bare) || isTitle(word)) return false;
  if (LEADING_GLUE.has(bare)) return true;
  return /^\p{Lu}\p{Ll}{2,}(?:ly|ing|ed)$/u.test(word);
}

/** A headline verb after a name ("Trump Calls ...", "Pence Plans ..."). */
export function isTrailingGlue(word: string): boolean {
  return HEADLINE_VERBS.has(bareWord(word)) && !/['’]s$/.test(word);
}

/**
 * The part of `text` (a capitalised run) that can be a name, as offsets into `text`: glue words are cut
 * from both ends while at least one word is left. Returns the whole text when nothing is glued.
 */
export function nameEdges(text: string): { from: number; to: number } {
  const words = [...text.matchAll(/\S+/g)].map((m) => ({
    word: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
  let first = 0;
  let last = words.length - 1;
  while (last - first >= 1 && isLeadingGlue(words[first].word)) first++;
  while (last - first >= 1 && isTrailingGlue(words[last].word)) last--;
  if (words.length === 0) return { from: 0, to: text.length };
  return { from: words[first].start, to: words[last].end };
}
