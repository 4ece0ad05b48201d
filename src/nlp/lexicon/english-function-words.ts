import { words } from "./words.ts";

/**
 * The commonest English function words (articles, prepositions, pronouns, auxiliaries, and "said", the
 * commonest word of news), for language.ts's quick test: in English news they are about half of all
 * words, in other languages written in Latin letters a few per cent. Chosen by hand from general
 * English word-frequency lists; words other major languages also use often ("a", "in", "is", "die") are
 * left out.
 */
export const ENGLISH_FUNCTION_WORDS = new Set(
  words(`
    the of and to that for on with as was were be been has have had this not but they their
    he she his her it its by at from an or who which would will said says are there what about
    than when also after more we our you your can could should one all into over
  `),
);
