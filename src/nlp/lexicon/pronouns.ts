/** Pronouns that can name a speaker, with the kind of speaker they stand for: closed-class English words. */

/** Pronouns that can be the source of an attribution, with the kind of speaker they stand for. */
export const PRONOUNS: ReadonlyMap<string, "male" | "female" | "group" | "self" | "thing" | "relative"> =
  new Map([
    ["he", "male"],
    ["she", "female"],
    ["they", "group"],
    ["we", "group"],
    ["i", "self"],
    ["you", "group"],
    ["it", "thing"],
    ["who", "relative"],
    ["which", "relative"],
  ]);

/** Possessive pronouns and their gender, for noun cues ("his claims that ..."). */
export const POSSESSIVES: ReadonlyMap<string, "male" | "female" | "group" | "thing"> = new Map([
  ["his", "male"],
  ["her", "female"],
  ["their", "group"],
  ["its", "thing"],
]);
