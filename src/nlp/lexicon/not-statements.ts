/**
 * Word lists for src/nlp/statement-checks.ts: words that, found in a cue or around it, show that an
 * attribution reports no one saying anything. Drawn from the errors read on the real-news sample
 * (docs/real-news-eval.md, "Statements").
 */
import { words } from "./words.ts";

/**
 * Verbs of doing, having, perceiving and naming that the taggers take for cues ("spent much of his
 * rally", "is viewed as", "derisively known as", "was booed", "pleaded guilty"). A cue containing one of
 * these is not speech, whatever else it contains.
 */
export const NOT_SPEECH_CUE_WORDS: ReadonlySet<string> = new Set(
  words(`
    spent spend spends spending
    titled dubbed nicknamed known
    seen
    releasing
    pans panned
    booed
    voided
    spared
    pleaded pled
    liked likes
    attempt attempts
  `),
);

/**
 * Verbs of seeing and judging that in the passive report a common view, not anyone's words ("is viewed
 * as", "derisively known as", "is not thought to be"); in the active they are beliefs ("Birchers viewed
 * communists as terrorists"), which PolNeAR counts.
 */
export const PASSIVE_NOT_SPEECH: ReadonlySet<string> = new Set(
  words("viewed thought regarded considered perceived expected"),
);

/** Auxiliaries that make a participle after them passive. */
export const PASSIVE_AUXILIARIES: ReadonlySet<string> = new Set(words("is are was were be been being 's"));

/** Verbs of aiming, hoping and deciding: followed by "to" they report an intention ("Party aims to heal"). */
export const INTENTION_VERBS: ReadonlySet<string> = new Set(
  words("aim aims aimed aiming hope hopes hoped hoping decide decides decided deciding"),
);

/** Words an outlet's name may carry or drop ("The Washington Post", "Breitbart News", "POLITICO"). */
export const OUTLET_NAME_EXTRAS: ReadonlySet<string> = new Set(words("the news"));

/** Hedges that, as the whole cue, report the writer's impression ("Opposition appears to win"). */
export const HEDGES: ReadonlySet<string> = new Set(words("appear appears appeared seem seems seemed"));

/** Question words: a content opening with one after "asked" is the question, not anyone's statement. */
export const QUESTION_WORDS: ReadonlySet<string> = new Set(
  words("what whether if why how who whom when where which"),
);

/** Negations that, right before a cue or inside it, say nothing was said ("did not say", "don't know"). */
export const NEGATIONS: ReadonlySet<string> = new Set(words("not n't never no"));

/** Phrases right before a cue that say the speech did not happen ("stopped short of calling for"). */
export const NOT_DONE_BEFORE: readonly string[] = ["stopped short of", "stops short of", "stop short of"];

/** Negative quantifiers: a source ending in one says no one spoke ("left no doubt", "none of them have said"). */
export const NO_ONE: ReadonlySet<string> = new Set(words("no none nobody nothing neither"));

/** Nouns that turn a cue verb before them into a modifier ("think tank", "say-so"). */
export const CUE_COMPOUND_NOUNS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["think", new Set(words("tank tanks"))],
]);

/** Words that are not a proposition on their own: a content of one of these alone says nothing. */
export const EMPTY_CONTENT_WORDS: ReadonlySet<string> = new Set(
  words(`
    it this that these those which what who whom he she they him her them his its their
    so yes no something anything everything nothing
  `),
);
