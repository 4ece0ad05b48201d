import { words } from "./words.ts";

/**
 * Titles, honorifics and name parts: standard English news vocabulary written by hand (AP style titles
 * and abbreviations, common surname particles and suffixes).
 */

/** Titles and honorifics that precede a person's name; split off into roles. */
export const TITLES: ReadonlySet<string> = new Set(
  words(`
  mr. mrs. ms. miss dr. prof. sen. sens. rep. reps. gov. govs. lt. gen. col. capt. maj. sgt. adm.
  cmdr. pres. rev. hon. atty. supt. president senator sen rep congressman congresswoman governor
  mayor secretary director chairman chairwoman speaker leader judge justice ambassador minister
  chancellor premier king queen prince princess pope general admiral colonel captain sheriff
  commissioner attorney treasurer comptroller vice prime former first lady candidate nominee sir dame
  lord rabbi father sister pastor reverend bishop cardinal dean professor coach chief deputy
  assistant acting majority minority whip house senate state national press campaign white russian
  american democratic republican gop u.s. us federal special counsel executive officer spokesman
  spokeswoman spokesperson adviser advisor aide strategist manager businessman billionaire mr mrs ms
  dr emperor founder chair ceo cofounder co-founder anchor host commentator columnist pollster
`),
);

/**
 * More titles that precede a name in news ("NFL Insider Jo Bell", "NASA Administrator Jo Bell", "Lt
 * Jo Bell"), used by name parsing only: kept apart from TITLES, which the attribution extractor also reads.
 */
export const NAME_ONLY_TITLES: ReadonlySet<string> = new Set(
  words(`
  administrator insider correspondent reporter analyst editor negotiator envoy economist lt col sgt
  capt maj
`),
);

/**
 * Title words that end a title rather than qualify it: the name follows them ("Trade and Ports
 * Minister Helena Voss"), while modifiers ("former", "state", "national", "vice") and honorifics
 * only precede another title word or the name.
 */
export const HEAD_TITLES: ReadonlySet<string> = new Set(
  words(`
  sen. sens. rep. reps. gov. govs. lt. gen. col. capt. maj. sgt. adm. cmdr. pres. rev. hon. atty. supt.
  dr. prof. president senator congressman congresswoman governor mayor secretary director chairman
  chairwoman speaker leader judge justice ambassador minister chancellor premier king queen prince
  princess pope general admiral colonel captain sheriff commissioner attorney treasurer comptroller
  nominee candidate rabbi pastor reverend bishop cardinal dean professor coach chief counsel officer
  spokesman spokeswoman spokesperson adviser advisor aide strategist manager emperor founder chair ceo
  anchor host commentator columnist pollster economist mr. mrs. ms. mr mrs ms miss sir dame lord head
  administrator insider correspondent reporter analyst editor negotiator envoy lt col sgt capt maj
`),
);

/** Words that join a title to its domain ("Director of National Intelligence", "Secretary of State"). */
export const TITLE_JOINERS: ReadonlySet<string> = new Set(["of", "for", "on", "the", "and"]);

/** Name suffixes that distinguish people ("Donald Trump Jr." is not "Donald Trump"). */
export const NAME_SUFFIXES: ReadonlySet<string> = new Set(["jr.", "jr", "sr.", "sr", "ii", "iii", "iv"]);

/** Particles inside surnames ("Chris Van Hollen", "Beto O'Rourke" has none, "Ludwig von Mises"). */
export const SURNAME_PARTICLES: ReadonlySet<string> = new Set(
  words(`
  van von de del della da di la le bin al der den du des dos das ter ten
`),
);

/** Honorifics whose gender is known, for pronoun agreement ("Mrs. Clinton" → she). */
export const GENDERED_TITLES: ReadonlyMap<string, "male" | "female"> = new Map([
  ["mr.", "male"],
  ["mr", "male"],
  ["mrs.", "female"],
  ["mrs", "female"],
  ["ms.", "female"],
  ["ms", "female"],
  ["miss", "female"],
  ["congressman", "male"],
  ["congresswoman", "female"],
  ["spokesman", "male"],
  ["spokeswoman", "female"],
  ["chairman", "male"],
  ["chairwoman", "female"],
  ["king", "male"],
  ["queen", "female"],
  ["prince", "male"],
  ["princess", "female"],
  ["lady", "female"],
  ["sir", "male"],
  ["dame", "female"],
  ["father", "male"],
  ["sister", "female"],
  ["businessman", "male"],
  ["businesswoman", "female"],
]);
