import {
  BELIEF_LEMMAS,
  DOUBLING,
  EVIDENCE_LEMMAS,
  IRREGULAR,
  LISTED_CUE_NOUNS,
  SPEECH_LEMMAS,
  TRAIN_CUE_FORMS,
} from "./lexicon/cue-verbs.ts";
import { DROPPED_FORMS, PHRASAL_CUES, STANCE_FORMS } from "./lexicon/cue-words.ts";

/**
 * The cue words the rule-based attribution extractor reads: the reporting, belief and evidence verbs of
 * lexicon/cue-verbs.ts inflected, with the stance forms counted on PolNeAR train added and the forms that
 * cost precision dropped (the lists and how they were counted are in lexicon/cue-verbs.ts and
 * lexicon/cue-words.ts).
 */

/** Inflects a regular verb: base, third person, past, present participle. */
function inflect(lemma: string): string[] {
  const doubled = DOUBLING.has(lemma) ? lemma + lemma.at(-1) : lemma;
  if (lemma.endsWith("e")) return [lemma, `${lemma}s`, `${lemma}d`, `${lemma.slice(0, -1)}ing`];
  if (/[^aeiou]y$/.test(lemma)) {
    const stem = lemma.slice(0, -1);
    return [lemma, `${stem}ies`, `${stem}ied`, `${lemma}ing`];
  }
  const third = /(s|sh|ch|x|z)$/.test(lemma) ? `${lemma}es` : `${lemma}s`;
  return [lemma, third, `${doubled}ed`, `${doubled}ing`];
}

function forms(lemmas: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const lemma of lemmas) {
    if (lemma.includes(" ")) continue;
    for (const form of IRREGULAR[lemma] ?? inflect(lemma)) map.set(form, lemma);
  }
  return map;
}

/** Lemma stand-in for train-derived forms that are not inflections of a listed lemma: the form itself. */
function trainForms(existing: Map<string, string>): Map<string, string> {
  const map = new Map<string, string>();
  for (const form of TRAIN_CUE_FORMS) if (!existing.has(form)) map.set(form, form);
  return map;
}

const LISTED_FORMS = new Map([...forms(EVIDENCE_LEMMAS), ...forms(BELIEF_LEMMAS), ...forms(SPEECH_LEMMAS)]);

const TRAIN_ONLY = trainForms(LISTED_FORMS);

/** Surface form → lemma for every listed cue verb and train-derived form. */
const LISTED_CUE_VERBS: ReadonlyMap<string, string> = new Map([...LISTED_FORMS, ...TRAIN_ONLY]);

/** Cue forms known only from the train counts (mostly stance and act verbs: "endorsed", "refused"). */
const LISTED_TRAIN_ONLY: ReadonlySet<string> = new Set(TRAIN_ONLY.keys());

/** Verbs of belief, wish and knowledge: their content must be a clause, not an object. */
export const BELIEF_VERBS: ReadonlySet<string> = new Set(BELIEF_LEMMAS);

/** Stance forms not among the listed cue verbs, each its own lemma. */
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
