/**
 * Lexicons for the pairwise statement judge. The word lists are data in lexicon/ (each file says where
 * its words come from); this module builds the stance maps from them.
 *
 * Stance entries are surface forms written out with their inflections ("ban|bans|banned|banning") so
 * matching is exact and no stemmer mistakes creep into the stance signal. Topic clusters match by word
 * prefix, because topic vocabulary is open-ended (energy, energies, energetic).
 */
import { AGAINST_ENTRIES, FOR_ENTRIES, NEGATOR_ENTRIES } from "./lexicon/stance-words.ts";

export { ANTONYMS } from "./lexicon/antonyms.ts";
export { AXES } from "./lexicon/axes.ts";
export { FIRST_PERSON, NORMATIVE } from "./lexicon/stance-words.ts";
export { TOPICS } from "./lexicon/topics.ts";

/** Builds a form → lemma map from entries "lemma|form2|form3". The first form names the entry. */
function formsOf(entries: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of entries) {
    const forms = entry.split("|");
    for (const form of forms) map.set(form, forms[0] as string);
  }
  return map;
}

/** Plain negators: they flip whatever follows. */
export const NEGATORS = formsOf(NEGATOR_ENTRIES);

/** Words that push against their object ("ban", "abolish", "cut", "reject"). */
export const AGAINST = formsOf(AGAINST_ENTRIES);

/** Words that push for their object ("introduce", "expand", "fund", "protect"). */
export const FOR = formsOf(FOR_ENTRIES);
