import { words } from "./words.ts";

/**
 * Function words around a cue: adverbs and auxiliaries of a verb group, words that end a content clause
 * after a comma, and time words between a source and its cue. Closed-class English words and day names,
 * written by hand while the attribution rules were built on the PolNeAR train split.
 */

/** Adverbs and auxiliaries allowed between a source and its cue ("Trump has also repeatedly said"). */
export const VERB_GROUP_FILLERS: ReadonlySet<string> = new Set(
  words(`
  however therefore meanwhile too instead
  has have had also later since then still again once first previously recently repeatedly frequently
  often never always would will did does do may might could can should must is was are were be been
  being not n't now already just even only reportedly publicly privately quickly earlier today
  yesterday tonight soon long immediately initially apparently ultimately further eventually simply
  flatly openly explicitly specifically
`),
);

/** Words that end a content clause when they follow a comma (", but he has drawn ..."). */
export const CLAUSE_BREAKERS: ReadonlySet<string> = new Set(
  words(`
  but while although though whereas yet even despite which adding saying according noting arguing
  claiming insisting warning explaining telling
`),
);

/** Day names and time words that sit between source and cue ("Trump on Tuesday said"). */
export const TIME_WORDS: ReadonlySet<string> = new Set(
  words(`
  monday tuesday wednesday thursday friday saturday sunday week month year morning afternoon evening
  night weekend today yesterday tonight earlier last this next on in at during sunday's day
`),
);
