import { stemmer } from "stemmer";

/**
 * The project's one stemmer: Porter's (the `stemmer` package) over a lower-cased word, so "taxes",
 * "taxed" and "taxing" meet. A word with a digit is kept as written: "1990s" is not "1990", and
 * "2040" has nothing to strip. Callers decide what a word is (possessives, abbreviation periods); this
 * only stems it. Topics, the mixed-message evidence and the judge all stem through here, so one word
 * has one stem wherever the analyses compare it.
 */
export function stem(word: string): string {
  return /\d/.test(word) ? word : stemmer(word);
}
