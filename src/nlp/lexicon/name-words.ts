/**
 * Word lists that say what is not part of a name (used by name-edges.ts and non-speakers.ts).
 *
 * Written by hand for this project while fixing name-edge errors in speaker resolution (commit 67d6f9c):
 * English function words, headline verbs and document nouns. No corpus text is copied here.
 */
import { words } from "./words.ts";

/**
 * Words that a headline or a sentence start capitalises before a name without being part of it: question
 * words and auxiliaries ("Does Rubio ..."), sentence adverbs ("Maybe Trump ..."), conjunctions and
 * prepositions ("Whether Cruz", "Unlike Patriot", "Yet Bloomberg").
 */
export const LEADING_GLUE = new Set(
  words(`
  does did do doing would will could should can cannot can't won't may might must shall is are was were
  am be been has have had maybe perhaps whether yet unlike like outside inside despite amid amidst against
  among between during until unless without within about above across after before behind beyond under
  since than then so but and or nor not never always already again still just now once today tonight
  tomorrow yesterday here there why how when what where who whom whose which while if though although
  because even only also too very much more most less least both either neither each every all any some
  no yes why's what's how's that's it's here's there's as at by for from in into of off on onto out per to
  toward towards up upon via with exclusive breaking watch video photos analysis opinion editorial
  update updated report poll revealed latest
`),
);

/**
 * Verbs a title-case headline puts right after a name ("Trump Calls For ...", "Sanders Vows ...",
 * "Pence Plans ..."): the third-person forms of reporting and news verbs.
 */
export const HEADLINE_VERBS = new Set(
  words(`
  accepts accuses acknowledges adds admits agrees announces answers apologizes appeals argues asks
  attacks backs bashes blames blasts boasts calls campaigns cancels challenges claims clarifies comes
  comments compares concedes condemns confirms considers criticizes declares defends defies denies
  describes dismisses disputes doubles drops ducks echoes embraces endorses explains faces fires
  gets gives goes hails hints hits insists insults jabs joins keeps knocks labels lashes laughs launches
  leads leaves likes loses makes mocks moves needs offers opens picks plans pledges praises predicts
  promises pushes questions quits raises rallies reacts refuses rejects releases responds returns
  reveals rips rules runs says scolds seeks sees sends shows signs skips slams slips snaps speaks
  stands stays steps stops suggests supports suspends takes talks targets tells thanks threatens tops
  touts tries turns tweets unveils urges visits vows walks wants warns weighs wins worries writes
`),
);

/**
 * Heads of sources that are documents and figures, not speakers: a poll, a study or a record says
 * something, but an entry named "Poll" or "new poll" pools every article's poll and names no one.
 */
export const DOCUMENT_HEADS = new Set(
  words(`
  poll polls survey surveys study studies report reports paper papers article articles analysis analyses
  records record data review audit findings figures estimate estimates numbers research transcript
  transcripts filing filings documents document ad ads
`),
);

/** Number words that open a share of a poll ("Six in 10", "About four in 10"). */
export const NUMBER_WORDS = new Set(
  words(`
  one two three four five six seven eight nine ten eleven twelve half third quarter a an
  about nearly almost roughly some more less fewer than over under just only around
`),
);
