import { words } from "./words.ts";

/**
 * Cue verbs and nouns: the reporting and belief verbs that PolNeAR's guidelines describe (speech,
 * writing, belief, evidence), ordered and pruned by how often each appears as a cue in the PolNeAR
 * *train* split (counted with awk over the .ann files; no text was copied), and the verb classes the
 * attribution rules read. src/nlp/cue-lexicon.ts inflects the lemmas and combines the lists.
 */

/** Verbs that double their final consonant before -ed/-ing. */
export const DOUBLING = new Set(
  words(`
  admit regret commit plan prefer refer submit rebut quip confer
`),
);

/** Irregular forms of cue verbs: lemma → all forms. */
export const IRREGULAR: Record<string, string[]> = {
  say: ["say", "says", "said", "saying"],
  tell: ["tell", "tells", "told", "telling"],
  write: ["write", "writes", "wrote", "written", "writing"],
  think: ["think", "thinks", "thought", "thinking"],
  know: ["know", "knows", "knew", "known", "knowing"],
  feel: ["feel", "feels", "felt", "feeling"],
  find: ["find", "finds", "found", "finding"],
  show: ["show", "shows", "showed", "shown", "showing"],
  speak: ["speak", "speaks", "spoke", "spoken", "speaking"],
  foresee: ["foresee", "foresees", "foresaw", "foreseen"],
  forecast: ["forecast", "forecasts", "forecasting"],
  read: ["reads"],
  hold: ["holds", "held"],
  swear: ["swear", "swears", "swore", "sworn"],
  understand: ["understand", "understands", "understood"],
  teach: ["teaches", "taught"],
};

/**
 * Verbs that introduce what someone said or wrote. "say/tell/write/add/ask" lead the PolNeAR train
 * counts by far; the rest each occur 10+ times as cues there.
 */
export const SPEECH_LEMMAS = words(`
  say tell write add ask note announce argue claim warn insist deny tweet explain declare state
  suggest acknowledge admit assert contend maintain predict promise vow pledge reply respond answer
  recall report reveal repeat stress emphasize complain concede confirm caution charge comment
  continue observe remark retort quip joke boast brag urge propose mention testify speculate allege
  accuse blast criticize slam lament counter wonder scoff estimate conclude agree disclose recount
  hint imply indicate signal proclaim affirm reiterate yell shout describe call cite praise defend
  dismiss blame reject denounce decry question demand threaten assure inform remind advise explain
  posit speak swear forecast foresee concur emphasise criticise suggest hold
`);

/** Verbs of belief, wish and knowledge; PolNeAR annotates reported beliefs as attributions. */
export const BELIEF_LEMMAS = words(`
  think believe feel figure hope fear know expect worry doubt assume suspect guess reckon understand
  realize wish want consider insist imagine
`);

/** Verbs whose subject is often a study or poll ("the poll shows"): still attributions in PolNeAR. */
export const EVIDENCE_LEMMAS = ["show", "find", "indicate", "suggest", "read", "conclude", "teach"];

/**
 * Surface forms that PolNeAR annotators marked as cues in at least a third of their occurrences in the
 * *train* split (and at least 6 times): counted by matching each lowercase word in the train texts
 * against the gold cue spans. They cover PolNeAR's broad notion of attribution (stances and acts
 * such as "endorsed", "declined", "seemed") that plain reporting-verb lists miss.
 */
export const TRAIN_CUE_FORMS = words(`
  supported pushed presented threatened promote preferred convince approved answered prefer sees
  oppose worried repeated learned identified attributed apologized pressed delivering considered
  welcomed endorsing talking estimated embraced spoke backing decided favored persuade accused
  accuses accusing acknowledge acknowledged adds admits admitted alleging announce announcing
  appeared appears applauded asking assailed asserted assured attacked bemoaned blamed blasted
  blasting boasted called calling cautioned challenged championed chanted chants cited cites citing
  claiming complained conceded concluded condemned confirmed continued criticized criticizing declare
  declared declaring declined decried deemed defended denied denounced denouncing described describes
  describing disclosed discuss discussed dismissed dismissing echoed emailed emphasized encouraged
  endorsed expected explaining express expressed forecast highlighted hints hoped hopes hoping
  implied indicated invoked issued joked lamented likened listed mentioned mentioning mocked mocking
  named offered opposed ordered pleaded pledging pointed portray portrayed posted praising predicted
  predicting projected promised promising proposed proposing questioned questioning quoted railed
  recalled recalling recommended referenced referred referring refused refusing reiterated rejected
  remarked reminded reminding repeating replied reported requested responded retweeted revealed seeks
  seemed seems showed shows signaled slammed slams sought sounded stating stressed talked telling
  thanked touted touting tweeting urging voiced vowed vowing vows warning wondered
`);

/**
 * Verbs that take the person addressed as an object before the content ("told reporters that",
 * "warned Congress that"), so the object is skipped when looking for the content.
 */
export const OBJECT_VERBS: ReadonlySet<string> = new Set(
  words(`
  tell ask warn assure inform remind advise urge promise teach
`),
);

/**
 * Cue verbs whose content is an object or infinitive rather than a clause ("criticized Clinton's
 * record", "refused to fight"): their content ends at the first comma. Train-derived forms that are
 * not inflections of a listed lemma (see TRAIN_CUE_FORMS) count as object verbs too.
 */
export const OBJECT_CONTENT_VERBS: ReadonlySet<string> = new Set(
  words(`
  accuse blast criticize praise call cite defend dismiss blame reject denounce decry question demand
  threaten slam lament urge describe deny propose want wish hold post mention speak read continue
`),
);

/** Cue verbs that can stand after a quote with the source after them: `"...," said Smith`. */
export const INVERTIBLE_VERBS: ReadonlySet<string> = new Set(
  words(`
  say add ask write note explain continue reply respond answer declare insist argue warn recall quip
  joke counter observe remark state tweet concede acknowledge retort wonder
`),
);

/** Verbs that are cues only before a quote, a colon or "that" ("continued:", "knows that"); kept to those whose looser use lowered train F1. */
export const WEAK_VERBS: ReadonlySet<string> = new Set(
  words(`
  continue hold read speak consider know answer charge state counter signal comment imagine
  understand teach post
`),
);

/** Nouns that carry a reported statement when followed by "that" ("repeated claims that ..."). */
export const LISTED_CUE_NOUNS: ReadonlySet<string> = new Set(
  words(`
  claim claims assertion assertions statement remarks warning warnings belief argument insistence
  suggestion accusation accusations allegation allegations promise pledge announcement view charge
  denial prediction insisting
`),
);
