import { DROPPED_FORMS, PHRASAL_CUES, STANCE_FORMS } from "./lexicon/cue-words.ts";
import {
  CUE_NOUNS as LISTED_CUE_NOUNS,
  CUE_VERBS as LISTED_CUE_VERBS,
  TRAIN_ONLY_FORMS as LISTED_TRAIN_ONLY,
} from "./lexicon.ts";

/**
 * The cue words the rule-based attribution extractor reads: the reporting verbs of lexicon.ts with the
 * stance forms counted on PolNeAR train added and the forms that cost precision dropped (the lists and
 * how they were counted are in lexicon/cue-words.ts).
 */

/** Stance forms that lexicon.ts does not list, each its own lemma. */
const EXTRA_FORMS = new Map(STANCE_FORMS.filter((form) => !LISTED_CUE_VERBS.has(form)).map((f) => [f, f]));

/** Surface form → lemma for every verb the rules treat as a cue. */
export const CUE_VERBS: ReadonlyMap<string, string> = new Map(
  [...LISTED_CUE_VERBS, ...EXTRA_FORMS].filter(([form]) => !DROPPED_FORMS.has(form)),
);

/** Nouns that carry a reported statement when followed by "that" ("repeated claims that ..."). */
export const CUE_NOUNS: ReadonlySet<string> = new Set(
  [...LISTED_CUE_NOUNS].filter((noun) => !DROPPED_FORMS.has(noun)),
);

/** Cue forms known only from train counts: their content is an object, cut at the first boundary. */
export const TRAIN_ONLY_FORMS: ReadonlySet<string> = new Set([...LISTED_TRAIN_ONLY, ...EXTRA_FORMS.keys()]);

/** True when `particle` after the cue verb `verb` belongs to the cue ("referring" + "to"). */
export function isCueParticle(verb: string, particle: string): boolean {
  return PHRASAL_CUES.some(([stem, particles]) => particles.has(particle) && stem.test(verb));
}
