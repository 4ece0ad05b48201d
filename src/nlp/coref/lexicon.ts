/**
 * Word lists for pronoun-resolution features, as space-separated strings (one glance shows a whole
 * list). Each list's comment says what the feature needs it for.
 */

import { words } from "../lexicon/words.ts";

/** The words of a space-separated list, as a set. */
function wordSet(list: string): Set<string> {
  return new Set(words(list));
}

/** Words that follow an object "her" ("told her to", "gave her a") rather than a possessed noun. */
export const AFTER_OBJECT_HER = wordSet(`
  to and or in on at for with from by as that into of about a an the was is had up out off back down
  away again over when while after before until because if so but who herself how what
`);

/** A name right after one of these is oblique, rarely the antecedent of a subject pronoun. */
export const PREPOSITIONS = wordSet(`
  of to with by for from in on at against about between under after before than as like alongside into
  over towards toward behind without beside among opposite featuring including via during upon through
  starring
`);

/**
 * Frequent verbs that Wikipedia prose puts right after a subject, auxiliaries, and the adverbs that sit
 * between a subject and its verb ("Brenn later moved"): a name before one of them is subject-like.
 */
export const VERB_LIKE = wordSet(`
  is was are were has had have will would could can may might should must did does became becomes won
  wins began begins made makes left leaves took takes went goes met meets married wrote writes told
  tells said says gave gives found finds came comes saw sees knew knows thought thinks got gets lost
  loses led leads ran runs sang sings became beat beats held holds felt feels kept keeps brought sent
  spent built taught fought sought bought wants also then later eventually soon never often first
  again himself herself
`);

/** Words that open a new clause: binding constraints stop at them. */
export const CLAUSE_BREAK = wordSet(`
  , ; : ( ) that who whom which when and but because after before while as since although though if
  where until whose so - — – " “ ”
`);

/** Closed-class words: a name right after any other lowercase word is probably a verb's object. */
export const FUNCTION_WORDS = wordSet(`
  the a an and or but nor his her its their this that these those who whom which whose when while
  where if because although though since until whether not also then both either neither only even
  just so too very all some any each every no other another such than is was are were be been being
  has had have he she him they them it we our my your actor actress singer player director writer
  author producer wife husband son daughter brother sister father mother friend named called star
  character guitarist drummer coach manager president former late young king
`);

/** Capitalised words that are not names: sentence openers, months, titles. */
export const NOT_NAME = wordSet(`
  The A An In On At After Before During He She His Her It They Their This That These Those When While
  As By For From With Although However Later Then Also But And Following Despite Since Upon Mr. Mrs.
  Ms. Dr. Sir Lord Lady King Queen Prince Princess St. January February March April May June July
  August September October November December I We You Him There Here Its One Two Both Each Some Many
  Most
`);

/** Name particles are too common to identify a person on their own. */
export const PARTICLES = wordSet(`
  de la le van von der den da di del du bin al el Jr. Sr. Jr Sr II III Mr. Mrs. Ms. Dr. Sir St. The of
`);

/** Sentence openers of a fronted adverbial ("In 1990, ...", "After the war, ..."): the subject follows its comma. */
export const FRONTING = wordSet(`
  in on at after before during when while although though as since upon following despite meanwhile
  however later then eventually subsequently by with from for under throughout until once soon
`);
