import { PRONOUNS } from "./pronouns.ts";
import { words } from "./words.ts";

/**
 * Word lists for src/nlp/attribution-rules/: words that open a sentence or clause ("However,", "that",
 * "whether"), stand between a cue and its content ("in", "yesterday"), or end a content clause.
 *
 * Written by hand while the rules were built and tuned on the PolNeAR train split (the history of
 * src/nlp/attribution-rules.ts, commits 9a98ec3 and a618ed9): closed-class English words (determiners,
 * prepositions, auxiliaries, conjunctions) and a few news words; the comment on a list says when it was
 * counted on train. No corpus text is copied here.
 */

export const DETERMINERS = new Set([
  "the",
  "a",
  "an",
  "this",
  "that",
  "these",
  "those",
  "some",
  "any",
  "every",
]);

/** Prepositions and time words that may stand between a cue and its content ("said in a statement that"). */
export const CONTENT_PREFIXES = new Set(
  words(`
  of about in on at during after before last earlier later this yesterday today tonight monday
  tuesday wednesday thursday friday saturday sunday prior to from via through while shortly recently
  repeatedly also again publicly privately previously flatly bluntly simply once then now frequently
  often
`),
);

/** Leading words that open an adverbial phrase before the subject ("However, ...", "At the rally, ..."). */
export const SENTENCE_OPENERS = new Set(
  words(`
  however meanwhile still but and yet also instead moreover later earlier now then so at in on during
  after before while when since for with as despite although though if because asked speaking last
  this in under from by without over unlike like indeed yes no separately similarly additionally
  furthermore nevertheless nonetheless overall today yesterday once first second finally again
  whenever wherever whether until unless upon amid following given among ultimately eventually
  there here
`),
);

/** Words that open a clause: a subject (pronoun, article, name, number) or a bare answer. */
export const CLAUSE_OPENERS = new Set([
  ...PRONOUNS.keys(),
  "his",
  "her",
  "their",
  "its",
  "the",
  "a",
  "an",
  "this",
  "these",
  "those",
  "there",
  "yes",
  "no",
  "nothing",
  "everything",
  "something",
  "everyone",
  "nobody",
]);

/**
 * Words that, after a comma, end a reported clause in PolNeAR's spans: a relative clause about the
 * last noun (", who worked on ...") or an alternative (", whether ...") comments on the content.
 */
export const COMMA_CLAUSE_ENDS = new Set(words("who whom whose whether"));

/** Words after a quote that end a direct quotation's clause ("told reporters “no” when asked"). */
export const AFTER_QUOTE_BREAKS = new Set(
  words(`
  when while as after before because if since during in on at and but to before about of following
  amid
`),
);

/** Words that begin content rather than end an object. */
export const COMPLEMENT_WORDS = new Set(
  words(`
  that if whether to so yes no it this otherwise
`),
);

/** Words that end an object content when they follow it: a time or venue phrase, or a new predicate. */
export const OBJECT_TAILS = new Set(
  words(`
  but during yesterday today tonight last monday tuesday wednesday thursday friday saturday sunday
`),
);

/** Words that open the question after "asked" ("asked whether ...", "Asked about ..."). */
export const QUESTION_OPENERS = new Set(words("whether if what who why how when where which about"));

/** Finite verbs and auxiliaries that end a noun phrase used as a subject ("his plan to X was ..."). */
export const FINITE_STOPS = new Set(
  words(`
  is was are were has have had will would could can may might should did does do shows showed
  remains remained drew draws went made came gave took got brought won lost
`),
);

/** Words after which a cue word is a noun. */
export const NOUN_MARKERS = new Set(
  words(`
  the that a an this his her their its our my your only
`),
);
