import { countries } from "./countries.ts";
import { FIRST_NAME_GENDER } from "./lexicon/given-names.ts";
import { POSSESSIVES, PRONOUNS } from "./lexicon/pronouns.ts";
import { SOURCE_NOUNS } from "./lexicon/source-nouns.ts";
import {
  GENDERED_TITLES,
  HEAD_TITLES,
  NAME_ONLY_TITLES,
  NAME_SUFFIXES,
  SURNAME_PARTICLES,
  TITLE_JOINERS,
  TITLES,
} from "./lexicon/titles.ts";

/**
 * Places that news uses for their governments ("China warned", "Washington concluded"): country names
 * and capitals, plus common short forms.
 */
export const GOVERNMENT_PLACES: ReadonlySet<string> = new Set([
  ...countries.flatMap((c) => [c.name.common, ...(c.capital ?? [])]),
  ...["Britain", "UK", "U.K.", "US", "U.S.", "USA", "America", "Beijing", "Moscow", "Washington"],
]);

/** One-word country names and demonyms ("Britain", "Chinese"), which qualify a name but never start one. */
const COUNTRY_WORDS: ReadonlySet<string> = new Set(
  [
    ...countries.flatMap((c) => [c.name.common, c.demonyms?.eng?.m ?? "", c.demonyms?.eng?.f ?? ""]),
    ...["Britain", "UK", "U.K.", "US", "U.S.", "America", "EU"],
  ].filter((w) => w && !/\s/.test(w)),
);

/**
 * Person-name parsing: splits titles, party tags, nicknames and suffixes off a name as written in
 * news ("Sen. Ana Ruiz (D-Ore.)", "Director of National Intelligence Dan Coats",
 * "Daniel (Dan) Ray Coats", "Donald Trump Jr.") so that different spellings of one person share a
 * canonical key.
 */
export interface ParsedName {
  /** Given name as used for the key: the nickname when one is given in parentheses. */
  first?: string;
  /** Middle names, dropped from the canonical key. */
  middle: string[];
  /** Surname with particles ("Van Hollen"); absent when only titles were found. */
  last?: string;
  suffix?: string;
  /** Titles before the name, joined into one role ("Director of National Intelligence"). */
  roles: string[];
  party?: string;
  state?: string;
  gender?: "male" | "female";
}

/**
 * "(D-Ore.)", "(R-Tex.)", and other parties' one- to three-letter tags ("(G-Bren.)"): US-style
 * party-state tags are used by papers in other parliaments too.
 */
const PARTY_TAG = /\(\s*([A-Z]{1,3})\s*-\s*([A-Z][A-Za-z. ]*?)\.?\s*\)/;
const NICKNAME = /\(([A-Z][\w'’-]*)\)/;
/** A party letter without a state ("Gov. Jo Bell (R)"): a one-letter tag is a party, never a nickname. */
const PARTY_LETTER = /\(\s*([RDI])\s*\)/;

/**
 * Words before a name that qualify it without being part of it: a possessor ("NASA’s Administrator Jo
 * Bell", "the BBC’s Jo Bell"), a lowercase role ("athletic director Jo Bell", "veteran analyst Jo
 * Bell"), an acronym for a team or outlet ("Wexford DL Jo Bell", "ZNN Sports NFL Insider Jo Bell"), a
 * compound modifier ("Sacramento-based", "14th-ranked") or a country ("Britain Jo Bell", as an extractor
 * cuts "ambassador to Britain Jo Bell"). Returns how many leading words to move to the roles; the last
 * word always stays, and an acronym or country is cut only when two words remain after it (a name).
 */
function leadingQualifiers(words: readonly string[]): number {
  let cut = 0;
  for (let i = 0; i < words.length - 1; i++) {
    const word = words[i];
    const remaining = words.length - 1 - i;
    if (
      /['’]s$/.test(word) ||
      /^\p{Ll}/u.test(word) ||
      MODIFIER.test(word) ||
      describesPerson(word, i, cut)
    ) {
      // Particles ("de Blasio") and title joiners ("Secretary of State") belong to the name or title.
      // A joiner right after cut words ("friends of Mike Ford") goes with them.
      const lower = word.toLowerCase();
      if (!SURNAME_PARTICLES.has(lower) && (!TITLE_JOINERS.has(lower) || cut === i)) cut = i + 1;
    } else if (
      remaining >= 2 &&
      isQualifierWord(word) &&
      /^\p{Lu}/u.test(words[i + 1]) &&
      !words.slice(i + 1).every(isAcronym)
    )
      cut = i + 1;
  }
  return cut;
}

/**
 * A capitalised person noun or party word opening a name ("Democrat Zephyr Teachout", "Rival Hillary
 * Clinton", "Comedian Sarah Silverman"): what the person is, not part of the name. Only at the start (or
 * right after other cut words), and never a known given name ("Rush", "Hope").
 */
function describesPerson(word: string, i: number, cut: number): boolean {
  const lower = word.toLowerCase();
  if (i !== cut || FIRST_NAME_GENDER.has(lower) || isTitleWord(word)) return false;
  return SOURCE_NOUNS.get(lower) === "person";
}

/** Hyphenated or numbered modifiers: "Sacramento-based", "14th-ranked", "Ohio-born", "two-time". */
const MODIFIER =
  /(?:^\d|-(?:based|born|bred|ranked|seeded|led|owned|backed|funded|year-old|old|time|winning)$)/i;

/** An all-capital acronym of two or more letters ("NFL", "DL", "CBS"), not an initial ("J.") or "U.S.". */
function isAcronym(word: string): boolean {
  return /^[A-Z][A-Z0-9&]+$/.test(word);
}

function isQualifierWord(word: string): boolean {
  return isAcronym(word) || isPlaceWord(word);
}

/** A one-word country name or demonym ("China", "Swiss", "Britain"), unless it is also a given name. */
export function isPlaceWord(word: string): boolean {
  return COUNTRY_WORDS.has(word) && !FIRST_NAME_GENDER.has(word.toLowerCase());
}

function isTitleWord(word: string): boolean {
  const lower = word.toLowerCase();
  return TITLES.has(lower) || NAME_ONLY_TITLES.has(lower);
}

function normalizeState(state: string): string {
  const trimmed = state.trim();
  return /^[A-Z]{2}$/.test(trimmed) ? trimmed : `${trimmed.replace(/\.$/, "")}.`;
}

export function parseName(raw: string): ParsedName {
  let text = raw
    .replace(/[,;:]+$/, "")
    .replace(/['’]s$/, "")
    .replace(/\s+/g, " ")
    .trim();
  const parsed: ParsedName = { middle: [], roles: [] };
  const party = text.match(PARTY_TAG);
  if (party) {
    parsed.party = party[1];
    parsed.state = normalizeState(party[2]);
    text = text.replace(PARTY_TAG, " ").trim();
  }
  const letter = text.match(PARTY_LETTER);
  if (letter) {
    parsed.party ??= letter[1];
    text = text.replace(PARTY_LETTER, " ").trim();
  }
  let nickname: string | undefined;
  const nick = text.match(NICKNAME);
  if (nick) {
    nickname = nick[1];
    text = text.replace(NICKNAME, " ").trim();
  }
  const allWords = text.split(/\s+/).filter(Boolean);
  const qualifiers = allWords.slice(0, leadingQualifiers(allWords));
  const words = allWords.slice(qualifiers.length);
  const lastWord = words.at(-1);
  if (lastWord && NAME_SUFFIXES.has(lastWord.toLowerCase().replace(/,$/, ""))) {
    parsed.suffix = lastWord.replace(/,$/, "");
    words.pop();
    if (words.length > 0) words[words.length - 1] = words[words.length - 1].replace(/,$/, "");
  }

  // Titles: leading title words and "of"-joined domains; the name starts at a known first name,
  // or else keeps the last one or two words.
  let nameStart = 0;
  const firstKnown = words.findIndex(
    (w, i) => i > 0 && FIRST_NAME_GENDER.has(w.toLowerCase()) && isTitleChain(words, i),
  );
  const givenInside = givenNameAfterQualifiers(words);
  if (firstKnown > 0) nameStart = firstKnown;
  else if (givenInside > 0) nameStart = givenInside;
  else nameStart = nameStartAfterTitles(words);
  const titleOnly =
    (nameStart === words.length - 1 && isTitleWord(words[nameStart]) && nameStart === 0) ||
    endsInTitle(words);
  // A lone title ("President", "South Dakota Gov." whose name a page dropped) is a role, not a name.
  const roleEnd = titleOnly ? words.length : nameStart;
  const role = [...qualifiers, ...words.slice(0, roleEnd)].join(" ");
  if (role) parsed.roles.push(role);
  if (titleOnly) {
    const gendered = words.map((w) => GENDERED_TITLES.get(w.toLowerCase())).find(Boolean);
    if (gendered) parsed.gender = gendered;
    return parsed;
  }
  for (const role of parsed.roles) {
    const gendered = role
      .split(" ")
      .map((w) => GENDERED_TITLES.get(w.toLowerCase()))
      .find(Boolean);
    if (gendered) parsed.gender = gendered;
  }
  let nameWords = words.slice(nameStart);
  // "Kestrel and Orba" is two names; "mass-market" ends no name.
  if (nameWords.some((w) => w.toLowerCase() === "and") || /^\p{Ll}/u.test(nameWords.at(-1) ?? ""))
    return parsed;
  // "Gov. Camille Audran of Brenmoor": the place after the name is not part of it. Without a title,
  // "Web of Lanterns" or "King of Kettles" is a title of a work, not a person's name.
  const of = nameWords.findIndex((w, i) => i >= 1 && w.toLowerCase() === "of");
  if (of === 1 && nameStart === 0 && qualifiers.length === 0) return parsed;
  if (of >= 1) nameWords = nameWords.slice(0, of);
  if (nameWords.length === 0) return parsed;
  // Surname: the last word plus any particles before it ("Van Hollen", "de Blasio").
  let lastStart = nameWords.length - 1;
  while (lastStart > 1 && SURNAME_PARTICLES.has(nameWords[lastStart - 1].toLowerCase())) lastStart--;
  if (lastStart === 1 && nameWords.length > 2 && SURNAME_PARTICLES.has(nameWords[0].toLowerCase()))
    lastStart = 0;
  parsed.last = nameWords.slice(lastStart).join(" ");
  if (lastStart > 0) {
    parsed.first = nickname ?? nameWords[0];
    parsed.middle = nameWords.slice(1, lastStart);
  } else if (nickname) {
    parsed.first = nickname;
  }
  const given = (parsed.first ?? "").toLowerCase();
  parsed.gender ??= FIRST_NAME_GENDER.get(given) ?? FIRST_NAME_GENDER.get(nameWords[0].toLowerCase());
  if (!parsed.first) delete parsed.gender;
  if (!parsed.first) {
    const gendered = parsed.roles
      .flatMap((role) => role.split(" "))
      .map((w) => GENDERED_TITLES.get(w.toLowerCase()))
      .find(Boolean);
    if (gendered) parsed.gender = gendered;
  }
  return parsed;
}

/**
 * Where the name starts after a title of unknown shape, for given names not in the lexicon:
 * the word after the last head title ("Trade and Ports Minister Helena Voss" → "Helena Voss";
 * "Chief of the Defence Staff Gen. Bastian Roe" → "Bastian Roe"). A head title followed by "of" opens
 * a domain ("Director of National Maritime Security Corinne Haldane"); the name is then its last two
 * words, or the last word when the one before it is itself a title word ("Secretary of State Smith").
 */
function nameStartAfterTitles(words: readonly string[]): number {
  let head = -1;
  for (let i = 0; i < words.length - 1; i++) if (HEAD_TITLES.has(words[i].toLowerCase())) head = i;
  if (head < 0) {
    let start = 0;
    while (start < words.length - 1 && isTitleWord(words[start])) start++;
    return start;
  }
  const next = words[head + 1]?.toLowerCase() ?? "";
  if (!TITLE_JOINERS.has(next)) return head + 1;
  // Domain words run from head + 2; keep at least one of them in the role.
  const last = words.length - 1;
  if (
    last - 1 > head + 2 &&
    !isTitleWord(words[last - 1]) &&
    !TITLE_JOINERS.has(words[last - 1].toLowerCase())
  )
    return last - 1;
  return last;
}

/**
 * "South Dakota Gov.", "Emirates President": a run ending in a title names an office whose holder is
 * not written. An abbreviated title never ends a name; a spelled-out one ("Howard Dean", "Jo Judge")
 * may, so it counts only when no known given name comes before it.
 */
function endsInTitle(words: readonly string[]): boolean {
  const last = words.at(-1)?.toLowerCase() ?? "";
  if (words.length < 2 || !HEAD_TITLES.has(last)) return false;
  if (last.endsWith(".")) return true;
  return (
    ROLE_ONLY_TITLES.has(last) && !words.slice(0, -1).some((w) => FIRST_NAME_GENDER.has(w.toLowerCase()))
  );
}

/** Spelled-out titles that are not also surnames (unlike "Dean", "Judge", "King", "Speaker"). */
const ROLE_ONLY_TITLES = new Set([
  "president",
  "governor",
  "senator",
  "congressman",
  "congresswoman",
  "minister",
  "secretary",
  "chairman",
  "chairwoman",
  "spokesman",
  "spokeswoman",
  "spokesperson",
  "ambassador",
  "commissioner",
  "mayor",
]);

/** True when every word before index i is a title word or a joiner or capitalised domain word. */
/**
 * "Democrat Hillary Clinton", "Comedian Sarah Silverman", "Chicago Alderman Jason C. Ervin": capitalised
 * words before a known given name that is not the first word, with a surname after it, describe the
 * person (a party, a trade, a place and office) and are no part of the name. Returns the given name's
 * index, or -1. A first word that is itself a given name ("Mary Ann Volk") keeps the name whole.
 */
function givenNameAfterQualifiers(words: readonly string[]): number {
  if (words.length < 3 || FIRST_NAME_GENDER.has(words[0].toLowerCase())) return -1;
  const at = words.findIndex((w, i) => i > 0 && FIRST_NAME_GENDER.has(w.toLowerCase()));
  if (at <= 0 || at >= words.length - 1) return -1;
  const before = words.slice(0, at);
  return before.every((w) => /^\p{Lu}/u.test(w) && !SURNAME_PARTICLES.has(w.toLowerCase())) ? at : -1;
}

function isTitleChain(words: readonly string[], i: number): boolean {
  if (!isTitleWord(words[0])) return false;
  return words
    .slice(0, i)
    .every((w) => isTitleWord(w) || TITLE_JOINERS.has(w.toLowerCase()) || /^\p{Lu}/u.test(w));
}

/**
 * The canonical key for a person: given name (nickname if given) + surname + suffix, without titles,
 * honorifics or middle names. "Donald John Trump" and "Donald Trump" → "Donald Trump";
 * "Daniel (Dan) Ray Coats" → "Dan Coats"; "Donald Trump Jr." stays distinct.
 */
export function canonicalName(raw: string): string {
  const parsed = parseName(raw);
  return keyOf(parsed) ?? raw.trim();
}

export function keyOf(parsed: ParsedName): string | undefined {
  if (!parsed.last) return undefined;
  return [parsed.first, parsed.last, parsed.suffix].filter(Boolean).join(" ");
}

/**
 * A surface form as an alias: a written name, titles kept ("Mayor Ada Quill", "Mr. Castellan"),
 * without possessive or party tag; organisations lose a leading "the" ("the White House" → "White
 * House"). Empty when no name is in it ("President", "The governor", "He").
 */
export function aliasForm(surface: string, kind: "person" | "organization" | "group" = "person"): string {
  const text = surface
    .trim()
    // A source may carry an appositive or a relative clause ("Gov. Tobias Wren, visiting a depot"): the
    // name ends at the comma, unless a generational suffix follows it ("Martin Luther King, Jr.").
    .replace(/,\s+(?!(?:Jr|Sr)\.?(?:$|[\s,])|(?:II|III|IV)\b).*$/su, "")
    .replace(/['’]s$/, "")
    .replace(PARTY_TAG, "")
    .trim();
  if (kind !== "person") return text.replace(/^the\s+/i, "");
  if (/^(the|a|an)\s/i.test(text) || PRONOUNS.has(text.toLowerCase()) || POSSESSIVES.has(text.toLowerCase()))
    return "";
  return parseName(text).last ? text : "";
}
