import { words } from "./words.ts";

/**
 * Word lists for src/nlp/attribution-rules/: words that make up a source phrase ("senior administration
 * officials"), join it ("Director of National Intelligence") or end it ("said X, adding ...").
 *
 * Written by hand while the rules were built and tuned on the PolNeAR train split (the history of
 * src/nlp/attribution-rules.ts, commits 9a98ec3 and a618ed9): closed-class English words (determiners,
 * prepositions, auxiliaries, conjunctions) and a few news words; the comment on a list says when it was
 * counted on train. No corpus text is copied here.
 */

/** Lowercase modifiers allowed inside a source description ("senior administration officials"). */
export const SOURCE_MODIFIERS = new Set(
  words(`
  the a an some many most several other both all these those two three four few senior top former
  current new longtime close unnamed anonymous outside leading prominent administration campaign
  white house state federal u.s. american foreign local party military intelligence election
  government political press communications policy national security defense trade deputy assistant
  acting chief vice his her their its our your my one republican democratic conservative liberal
  progressive independent presidential congressional gop senate legal economic public recent latest
  national internal private white black hispanic young older likely registered undecided primary
  general spokesman spokeswoman spokesperson
`),
);

/** Words that link parts of a name or description ("Director of National Intelligence Dan Coats"). */
export const NP_JOINERS = new Set(["of", "for", "at", "and", "&", "'s", "’s", "-"]);

/** Function words that cannot sit inside a described source ("The billionaire real estate magnate"). */
export const NOT_DESCRIPTIVE = new Set(
  words(`
  is was are were be been has have had not and or but to of in on at that which who it this there
  will would can could also more most very so than as by with for from about if when then
`),
);

/** Words that open an appositive after a name: "Smith, a spokeswoman", "Smith, who ran", "Smith, 55,". */
export const APPOSITIVE_OPENERS = new Set(words("a an the who whose one another"));

/** Stops the source after an inverted cue: `," said Republican party boss Reince Priebus, though ...`. */
export const INVERTED_SOURCE_STOPS = new Set(
  words(`
  in on at during after before who when while as because since about to that which though although
  adding noting last this earlier told
`),
);

/** All-capital paragraph labels that mark sections or notes, not speakers. */
export const SECTION_LABELS = new Set(
  words(`
  update updated note correction watch read related video photos photo breaking claim fact source
  see more also listen subscribe click advertisement editor editors warning caption credit
`),
);

/** Nouns of polls and studies that speak through "In X, ...": "In a new survey, 60 percent said ...". */
export const POLL_NOUNS = new Set(
  words("poll polls polling survey surveys study studies analysis average data tally"),
);

/** Words that end the agent after "by": a following preposition or clause opener. */
export const AGENT_STOPS = new Set(
  words(`
  for on in at over after before during as because since about to that which who when while with
  and but from into against amid
`),
);
