import { words } from "./words.ts";

/**
 * Word lists for src/nlp/attribution-rules/: auxiliaries, catenatives and adverbs that form a verb group
 * with a cue ("has also said", "refused to say", "is expected to", "seems to").
 *
 * Written by hand while the rules were built and tuned on the PolNeAR train split (the history of
 * src/nlp/attribution-rules.ts, commits 9a98ec3 and a618ed9): closed-class English words (determiners,
 * prepositions, auxiliaries, conjunctions) and a few news words; the comment on a list says when it was
 * counted on train. No corpus text is copied here.
 */

/** Verbs that take an infinitive between subject and cue ("appeared to tell", "refused to say"). */
export const CATENATIVE = new Set(
  words(`
  appeared appears appear seemed seems seem tried tries try went continued continues began begins
  refused refuses declined declines decided wanted wants planned plans going used attempted sought
  seeks hoped needs needed chose took came rushed moved has have had got is was are were would ought
  likes liked love loves loved failed fails expected
`),
);

/** Auxiliaries before a passive participle, the "get" passive included ("got criticized"). */
export const PASSIVE_AUX = new Set(["was", "were", "is", "are", "be", "been", "being", "get", "got", "gets"]);

/**
 * Auxiliaries, negations and adverbs that PolNeAR's cue spans take in with the verb ("has said",
 * "also said", "did not mention", "would later say"): on train, a gold cue starting at the verb
 * while one of these stood right before it was rare (under 5% for each but "then").
 */
export const CUE_GROUP_WORDS = new Set(
  words(`
  has have had 've 's 'd also will would 'll did does do is was were are am be been could may might
  should can must not n't never repeatedly previously publicly often later then already again
  even still just now once privately reportedly recently frequently openly explicitly specifically
  initially eventually ultimately quickly simply flatly
`),
);

/** Forms of "seem" and "appear" that hedge a claim rather than report an act of the subject. */
export const HEDGE_VERBS = new Set(words("seems seemed appears appeared"));

/** Auxiliaries that make "expected", "asked", "seen" passive: "is expected to", "was asked whether". */
export const PASSIVE_BE = new Set(words("is are was were be been being 's"));
