/**
 * Word lists of speaker resolution (src/nlp/speakers.ts and the modules it uses), kept apart from the logic.
 *
 * Written by hand for this project while the speaker resolver was built and its errors read (commits
 * b9e9cea and fb18e6c): English news vocabulary for places, roles, groups, kinship and honorifics. No
 * corpus text is copied here.
 */
import { words } from "./words.ts";

/** Last words of place names that look like "First Last" ("Tessary City", "Harbour Street"). */
export const PLACE_WORDS = new Set(
  words(`
  city county street road avenue square river island islands bay port harbour harbor district province
  state valley lake mountain mountains park bridge station airport hall center centre coast beach
`),
);

/** Capitalised words that start sentences or name things other than people. */
export const NOT_NAMES = new Set(
  words(`
  the a an this that these those in on at but and or however
  meanwhile he she they it we i his her their its our my you
  your if when while as after before since for with from by to of
  yes no so then now there here what who why how where monday tuesday
  wednesday thursday friday saturday sunday january february march april may june july august september
  october november december still also even just not all some many most both each
  every another other such asked according despite although though because advertisement more read related
  photo video said says tv est edt pst pdt cst cdt gmt utc
`),
);

/** Documents that speak for whoever issued them ("the statement said", "the memo says"). */
export const DOCUMENT_NOUNS = new Set([
  "statement",
  "memo",
  "letter",
  "release",
  "communique",
  "post",
  "tweet",
]);

export const HONORIFICS = new Set(["mr.", "mrs.", "ms.", "miss", "mr", "mrs", "ms", "sir", "dame"]);

/** Role words that also appear as abbreviations ("Sen." ↔ "senator"). */
export const ROLE_SYNONYMS: Record<string, string> = {
  "sen.": "senator",
  "sens.": "senator",
  senators: "senator",
  "rep.": "representative",
  "reps.": "representative",
  congressman: "representative",
  congresswoman: "representative",
  "gov.": "governor",
  "pres.": "president",
  "gen.": "general",
  "dr.": "doctor",
  "prof.": "professor",
  "lt.": "lieutenant",
  "atty.": "attorney",
};

/** Plural nouns for groups of people that "they" can refer to ("Administration officials"). */
export const GROUP_NOUNS = new Set(
  words(`
  officials aides advisers advisors lawmakers senators republicans democrats voters supporters
  critics experts analysts leaders members conservatives liberals investigators prosecutors diplomats
  protesters activists strategists donors
`),
);

/**
 * Family words describe a relation to someone else, not a position ("His father, Jo Bell"); generic
 * people nouns ("the woman", "the source") name no role, so they never re-name a known person.
 */
export const KINSHIP = new Set(
  words(`
  mother father wife husband daughter son friend man woman person source someone somebody anyone
  everyone nobody
`),
);

/** Heads that name a position by its field rather than its title: "the guild leader", "the party chief". */
export const GENERIC_HEADS = new Set(["leader", "head", "chief", "official", "boss"]);

/** Party words of descriptions and roles, as the letter of a party tag ("(D-Ore.)"). */
export const PARTY_WORDS: Record<string, string> = {
  democratic: "D",
  democrat: "D",
  republican: "R",
  gop: "R",
};

/** Adverbs that an extractor leaves at the end of a source ("He instead said", "Vey still says"). */
export const TRAILING_ADVERBS = new Set(
  words(`
  instead very still also too however alone both all himself herself themselves itself
`),
);

/** Words a speaker's phrase does not start with, or end with: a source cut in the wrong place. */
export const SLIP_FIRST = new Set("of to for with by who which that how having being".split(" "));
export const SLIP_LAST = new Set("the a an of to for with by and or how who which that".split(" "));

/** Words that open a page element rather than name a speaker ("Note:", "Disclaimer:", "Q:"). */
export const LABELS = new Set(
  words(`
  note summary disclaimer disclosure update correction editor's one never why none nobody nothing
  tv est edt pst pdt cst cdt gmt utc
`),
);

/** Words that put a name outside a description: "friends of X", "the league to suspend X", "X and Y". */
export const DESCRIPTION_BREAKS = new Set(
  words("of to than by from for with and or at in on as like about against"),
);
