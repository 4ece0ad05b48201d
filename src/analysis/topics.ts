import { countries } from "../nlp/countries.ts";
import { stem } from "../nlp/stem.ts";

/**
 * Topic terms: what a statement is about, normalised so that different wordings land together.
 *
 * A statement's topics are a set of keys of two kinds:
 * - places and other proper names, with demonyms and capitals folded into the country
 *   ("Russian", "Moscow", "the Kremlin" → "Russia"), from the world-countries data set plus a few seats
 *   of power that news uses as metonyms;
 * - issue words, stemmed (Porter) and folded through a small synonym table of political vocabulary
 *   ("meddling", "interfered", "interference" → "interference").
 * "Russian meddling", "Russia's interference" and "election interference by Moscow" all carry
 * {Russia, interference}, so a query for either phrase finds all three.
 */

import type { TopicTerm } from "../core/topic.ts";

export type { TopicTerm } from "../core/topic.ts";

/** Metonyms for governments that the country data set does not list. */
const SEATS_OF_POWER: Record<string, string> = {
  Kremlin: "Russia",
  "Downing Street": "United Kingdom",
  Pentagon: "United States",
  Washington: "United States",
  America: "United States",
  American: "United States",
  Americans: "United States",
  "U.S.": "United States",
  US: "United States",
  "U.K.": "United Kingdom",
  Britain: "United Kingdom",
  British: "United Kingdom",
};

function buildPlaceIndex(): Map<string, string> {
  const index = new Map<string, string>();
  for (const country of countries) {
    const name = country.name.common;
    index.set(name, name);
    for (const capital of country.capital ?? []) if (!index.has(capital)) index.set(capital, name);
    const demonyms = country.demonyms?.eng;
    if (demonyms) {
      for (const demonym of [demonyms.m, demonyms.f]) {
        if (!demonym || index.has(demonym)) continue;
        index.set(demonym, name);
        index.set(`${demonym}s`, name);
      }
    }
  }
  for (const [alias, name] of Object.entries(SEATS_OF_POWER)) index.set(alias, name);
  return index;
}

const PLACES = buildPlaceIndex();

/**
 * Political vocabulary whose variants should meet. Keys are Porter stems; values are the label shown.
 * Hand-made for this project: each row groups words a news reader treats as the same issue.
 */
const ISSUE_SYNONYMS: Array<[string[], string]> = [
  [["interfer", "interf", "meddl", "interven"], "interference"],
  [["elect", "vote", "ballot", "midterm", "poll"], "elections"],
  [["sanction", "embargo"], "sanctions"],
  [["hack", "cyberattack", "cyber"], "cyberattacks"],
  [["tax", "taxat"], "taxes"],
  [["tariff", "trade"], "trade"],
  [["immigr", "migrant", "migrat", "border", "asylum"], "immigration"],
  [["deal", "agreement", "accord", "pact", "treati"], "deal"],
  [["investig", "probe", "inquiri"], "investigation"],
  [["budget", "spend"], "budget"],
  [["intellig", "spy", "espionag"], "intelligence"],
  [["threat", "danger", "menac"], "threat"],
  [["health", "healthcar", "medicaid", "medicar"], "health care"],
  [["climat", "emiss", "carbon"], "climate"],
];

const ISSUE_BY_STEM = new Map<string, string>();
for (const [stems, label] of ISSUE_SYNONYMS) for (const stem of stems) ISSUE_BY_STEM.set(stem, label);

/** Words that say nothing about the subject of a statement; kept short on purpose (the rest must be stemmed). */
const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both
  but by can could did do does doing down during each even ever few for from further had has have having he her here
  hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our
  out over own same she should so some such than that the their them then there these they this those through to too
  under until up very was we were what when where which while who whom why will with would you your yes said says say
  told tell ask asked asks claim claimed claims according week weeks day days year years time times people thing things lot many much
  way well going get got make made want wanted think thought believe believed know knew see seen saw
  one two three four five first last next new old good great big little long own part per still
  month months government minister ministry official officials spokesman spokeswoman spokesperson
  statement statements reporter reporters question questions interview remarks comment comments sign signs
  monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday morning evening night`.split(
    /\s+/,
  ),
);

const WORD = /[\p{L}][\p{L}\p{M}'’.-]*[\p{L}.]|[\p{L}]/gu;

/** Stems a lower-cased word, reading possessives and the trailing period of an abbreviation as noise. */
export function stemOf(word: string): string {
  return stem(
    word
      .toLowerCase()
      .replace(/['’]s$/, "")
      .replace(/\.$/, ""),
  );
}

/**
 * `query` reads a short user query ("Saltmere deal") where a leading capital is a name, not the start of a
 * sentence.
 */
export function topicTerms(text: string, query = false): TopicTerm[] {
  const terms = new Map<string, TopicTerm>();
  const add = (term: TopicTerm) => {
    if (!terms.has(term.key)) terms.set(term.key, term);
  };
  const words = [...text.matchAll(WORD)].map((m) => ({ text: m[0], index: m.index ?? 0 }));
  for (let i = 0; i < words.length; i++) {
    const raw = words[i].text.replace(/['’]s$/, "").replace(/\.$/, "");
    // Two-word places first ("Downing Street", "South Korea").
    const pair = i + 1 < words.length ? `${raw} ${words[i + 1].text.replace(/['’]s$/, "")}` : "";
    const place = (pair && PLACES.get(pair)) || PLACES.get(raw);
    if (place) {
      add({ key: `place:${place.toLowerCase()}`, label: place, kind: "place" });
      if (pair && PLACES.get(pair)) i++;
      continue;
    }
    const lower = raw.toLowerCase();
    if (STOPWORDS.has(lower) || lower.length < 3) continue;
    const stem = stemOf(raw);
    const issue = ISSUE_BY_STEM.get(stem);
    if (issue) {
      add({ key: `issue:${issue}`, label: issue, kind: "issue" });
    } else if (
      /^\p{Lu}/u.test(raw) &&
      (query || !isSentenceStart(text, words[i].index)) &&
      !TITLES.has(raw)
    ) {
      // A run of capitalised words is one name: "Ada Vell", "Port Authority".
      let name = raw;
      while (
        i + 1 < words.length &&
        /^\p{Lu}/u.test(words[i + 1].text) &&
        isAdjacent(text, words[i], words[i + 1])
      ) {
        name += ` ${words[++i].text.replace(/['’]s$/, "").replace(/\.$/, "")}`;
      }
      add({ key: `name:${name.toLowerCase()}`, label: name, kind: "name" });
    } else if (/^\p{Ll}/u.test(raw) && stem.length >= 4) {
      add({ key: `issue:${stem}`, label: lower, kind: "issue" });
    }
  }
  return [...terms.values()];
}

/** Titles are roles, not topics: "Minister Ada Vell" is about Ada Vell. */
const TITLES = new Set([
  "President",
  "Minister",
  "Sen",
  "Senator",
  "Rep",
  "Gov",
  "Governor",
  "Mr",
  "Mrs",
  "Ms",
  "Dr",
  "Mayor",
]);

function isAdjacent(text: string, a: { text: string; index: number }, b: { index: number }): boolean {
  return /^\s$/.test(text.slice(a.index + a.text.length, b.index));
}

function isSentenceStart(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 3), index);
  return index === 0 || /(^|[.!?"“‘(]\s*)$/.test(before) || /^\s*$/.test(text.slice(0, index));
}

/**
 * The topics of one statement: those of its content, or also of its sentence when the content is too short
 * to say what it is about (a bare "no" answers the question the sentence reports). The speaker's own name
 * says who spoke, not what about, so it is left out.
 */
export function statementTopics(content: string, context: string, speaker: string | null): TopicTerm[] {
  const speakerWords = new Set((speaker ?? "").toLowerCase().split(/\s+/).filter(Boolean));
  const notSpeaker = (term: TopicTerm) =>
    term.kind !== "name" ||
    !term.label
      .toLowerCase()
      .split(" ")
      .some((word) => speakerWords.has(word));
  const terms = topicTerms(content).filter(notSpeaker);
  if (terms.length >= 2) return terms;
  const keys = new Set(terms.map((term) => term.key));
  return [...terms, ...topicTerms(context).filter((term) => notSpeaker(term) && !keys.has(term.key))];
}

/** The keys a topic query asks for: every one must be present in a statement for it to match. */
export function topicQuery(query: string): string[] {
  return topicTerms(query, true).map((term) => term.key);
}

export function matchesTopic(statementKeys: ReadonlySet<string>, queryKeys: readonly string[]): boolean {
  return queryKeys.length > 0 && queryKeys.every((key) => statementKeys.has(key));
}

/** A readable label for a topic key: the word of `text` a stemmed issue key came from ("termin" → "terminal"). */
export function topicLabel(key: string, text: string): string {
  const [kind, value = ""] = key.split(":");
  if (kind !== "issue") return value;
  for (const match of text.matchAll(WORD)) if (stemOf(match[0]) === value) return match[0].toLowerCase();
  return value;
}
