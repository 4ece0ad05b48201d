/**
 * Gender swapping for data augmentation (Zhao et al. 2018; Webster et al. 2018 for GAP): a copy of a
 * text where every gendered word trades places with its counterpart ("he" ↔ "she", "husband" ↔ "wife",
 * "Mr" ↔ "Ms") and every known first name with a name of the other gender. Training on both the
 * originals and the copies shows the ranker every context with both genders, so it cannot learn that,
 * say, "her" before a name behaves differently from "his".
 *
 * Offsets stay exact: the swap returns the edits it made, and `mapOffset` carries any original offset
 * (a pronoun, a candidate's span) into the new text.
 *
 * The shipped model is trained without the copies: in cross-validation on gap-development
 * (training/gap/gender-experiment.ts) they did not raise F1 and moved the F/M ratio only within its
 * noise; see docs/figures.md. The functions stay for those experiments.
 */

import { seededRandom, shuffled } from "../../src/core/random.ts";
import type { GapExample } from "../../src/nlp/coref/gap-file.ts";
import { AFTER_OBJECT_HER } from "../../src/nlp/coref/lexicon.ts";
import type { Gender } from "../../src/nlp/coref/names.ts";

/** Masculine and feminine forms, lowercase. "her" is missing on purpose: it is "him" or "his" by context. */
const PAIRS: readonly [string, string][] = [
  ["he", "she"],
  ["himself", "herself"],
  ["man", "woman"],
  ["men", "women"],
  ["boy", "girl"],
  ["boys", "girls"],
  ["husband", "wife"],
  ["husbands", "wives"],
  ["son", "daughter"],
  ["sons", "daughters"],
  ["brother", "sister"],
  ["brothers", "sisters"],
  ["father", "mother"],
  ["fathers", "mothers"],
  ["dad", "mom"],
  ["grandfather", "grandmother"],
  ["grandson", "granddaughter"],
  ["uncle", "aunt"],
  ["nephew", "niece"],
  ["stepfather", "stepmother"],
  ["stepson", "stepdaughter"],
  ["boyfriend", "girlfriend"],
  ["widower", "widow"],
  ["fiancé", "fiancée"],
  ["king", "queen"],
  ["kings", "queens"],
  ["prince", "princess"],
  ["duke", "duchess"],
  ["emperor", "empress"],
  ["lord", "lady"],
  ["actor", "actress"],
  ["actors", "actresses"],
  ["waiter", "waitress"],
  ["hero", "heroine"],
  ["chairman", "chairwoman"],
  ["spokesman", "spokeswoman"],
  ["businessman", "businesswoman"],
  ["congressman", "congresswoman"],
  ["sportsman", "sportswoman"],
  ["male", "female"],
  ["baron", "baroness"],
  ["sir", "dame"],
  ["mr", "ms"],
];

/** One direction of each pair, plus the honorifics that have no exact counterpart. */
const SWAP_WORD = new Map<string, string>([
  ...PAIRS.map(([m, f]) => [m, f] as [string, string]),
  ...PAIRS.map(([m, f]) => [f, m] as [string, string]),
  ["mrs", "mr"],
  ["him", "her"],
]);

/** "her" is the object ("told her to") or the possessive ("her brother"): the next word decides. */
function herCounterpart(nextWord: string | undefined): string {
  return nextWord && /^\p{L}/u.test(nextWord) && !AFTER_OBJECT_HER.has(nextWord.toLowerCase())
    ? "his"
    : "him";
}

/** "his" before a noun is "her"; standing alone ("the choice was his") it is "hers". */
function hisCounterpart(nextWord: string | undefined): string {
  return nextWord && /^\p{L}/u.test(nextWord) && !AFTER_OBJECT_HER.has(nextWord.toLowerCase())
    ? "her"
    : "hers";
}

/** The counterpart of a lowercase gendered word, or undefined for any other word. */
export function counterpart(lower: string, nextWord?: string): string | undefined {
  if (lower === "her") return herCounterpart(nextWord);
  if (lower === "his") return hisCounterpart(nextWord);
  if (lower === "hers") return "his";
  return SWAP_WORD.get(lower);
}

/** Gives `word` the case pattern of `model`: "HE" → "SHE", "He" → "She", "he" → "she". */
function matchCase(word: string, model: string): string {
  if (model.length > 1 && model === model.toUpperCase()) return word.toUpperCase();
  if (/^\p{Lu}/u.test(model)) return word[0].toUpperCase() + word.slice(1);
  return word;
}

/** A first name → first name of the other gender, both ways; names outside it are left alone. */
export type NameSwap = ReadonlyMap<string, string>;

/**
 * Titles that models/gap-names.json learnt as "first names" (the first word of "Pope Gregory"): they are
 * not names to trade. The gendered ones among them ("Queen", "Duke") are swapped as words instead.
 */
const NOT_FIRST_NAMES = new Set(
  "Big Colonel Countess De Earl Ibn Le Miss Pope President Professor Saint".split(" "),
);

/**
 * Pairs masculine with feminine first names by a seeded shuffle of each list. Each pair maps both ways,
 * so two different names never become the same name; names left over on the longer side stay as they are.
 */
export function nameSwap(names: Readonly<Record<string, Gender>>, seed = 29): NameSwap {
  const sorted = Object.keys(names)
    .filter((n) => /^\p{Lu}\p{Ll}+$/u.test(n) && !NOT_FIRST_NAMES.has(n) && !SWAP_WORD.has(n.toLowerCase()))
    .sort();
  const random = seededRandom(seed);
  const masculine = shuffled(
    sorted.filter((n) => names[n] === "M"),
    random,
  );
  const feminine = shuffled(
    sorted.filter((n) => names[n] === "F"),
    random,
  );
  const map = new Map<string, string>();
  for (let i = 0; i < Math.min(masculine.length, feminine.length); i++) {
    map.set(masculine[i], feminine[i]);
    map.set(feminine[i], masculine[i]);
  }
  return map;
}

export interface TextEdit {
  /** The replaced word's range in the original text. */
  start: number;
  end: number;
  replacement: string;
}

const WORD = /\p{L}+/gu;

/**
 * The edits that `replace` asks for, word by word (it sees each word and the word after it). An edit that
 * would cut through one of `keep` offsets (a span boundary inside a word) is left out, so every given
 * boundary still falls between words of the new text.
 */
function editWords(
  text: string,
  keep: readonly number[],
  replace: (word: string, nextWord: string | undefined) => string | undefined,
): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const start = match.index ?? 0;
    const end = start + word.length;
    // Letters glued to a digit ("1990s") or after a letter and an apostrophe ("O'Neil", "John's") are
    // part of a longer token, not a word of ours; an opening quote before a word does not count.
    if (/\p{N}/u.test(text[start - 1] ?? "") || /\p{L}['’]$/u.test(text.slice(Math.max(0, start - 2), start)))
      continue;
    const nextWord = /^\s*([\p{L}]+|\S)/u.exec(text.slice(end, end + 40))?.[1];
    const replacement = replace(word, nextWord);
    if (replacement === undefined || replacement === word) continue;
    if (keep.some((k) => k > start && k < end)) continue;
    edits.push({ start, end, replacement });
  }
  return edits;
}

/** The edits that swap every gendered word and listed first name in `text` (see editWords for `keep`). */
export function swapEdits(text: string, names: NameSwap, keep: readonly number[] = []): TextEdit[] {
  return editWords(text, keep, (word, nextWord) => names.get(word) ?? swapWord(word, nextWord));
}

const FEMININE_PRONOUNS = new Set(["she", "her", "hers", "herself"]);

/** The edits that turn every feminine pronoun into its masculine counterpart, and nothing else. */
export function masculinePronounEdits(text: string, keep: readonly number[] = []): TextEdit[] {
  return editWords(text, keep, (word, nextWord) =>
    FEMININE_PRONOUNS.has(word.toLowerCase()) ? swapWord(word, nextWord) : undefined,
  );
}

function swapWord(word: string, nextWord: string | undefined): string | undefined {
  const swapped = counterpart(word.toLowerCase(), nextWord);
  return swapped === undefined ? undefined : matchCase(swapped, word);
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = "";
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.replacement;
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * Where an offset of the original text lands in the edited text. An offset at the start of a replaced
 * word stays at the start of its replacement; one at its end moves to the replacement's end.
 */
export function mapOffset(edits: readonly TextEdit[], offset: number): number {
  let shift = 0;
  for (const e of edits) {
    if (e.end > offset) break;
    shift += e.replacement.length - (e.end - e.start);
  }
  return offset + shift;
}

/** Swaps the words of a Wikipedia URL's title, so that title features still match the swapped names. */
function swapUrl(url: string, names: NameSwap): string {
  const slash = url.lastIndexOf("/");
  if (slash < 0) return url;
  let title: string;
  try {
    title = decodeURIComponent(url.slice(slash + 1));
  } catch {
    return url;
  }
  const spaced = title.replace(/_/g, " ");
  const swapped = applyEdits(spaced, swapEdits(spaced, names)).replace(/ /g, "_");
  return url.slice(0, slash + 1) + encodeURIComponent(swapped).replace(/%2C/g, ",");
}

/** A GAP example with `edits` applied to its text and every offset carried over; labels unchanged. */
function editGapExample(
  example: GapExample,
  editsFor: (text: string, keep: readonly number[]) => TextEdit[],
): GapExample {
  const spans = [
    [example.pronounOffset, example.pronounOffset + example.pronoun.length],
    [example.aOffset, example.aOffset + example.a.length],
    [example.bOffset, example.bOffset + example.b.length],
  ];
  const edits = editsFor(example.text, spans.flat());
  const text = applyEdits(example.text, edits);
  const [pronoun, a, b] = spans.map(([start, end]) => {
    const from = mapOffset(edits, start);
    return { offset: from, text: text.slice(from, mapOffset(edits, end)) };
  });
  return {
    ...example,
    text,
    pronoun: pronoun.text,
    pronounOffset: pronoun.offset,
    a: a.text,
    aOffset: a.offset,
    b: b.text,
    bOffset: b.offset,
  };
}

/** The gender-swapped copy of a GAP example, with every offset recomputed; labels are unchanged. */
export function swapGapExample(example: GapExample, names: NameSwap): GapExample {
  return {
    ...editGapExample(example, (text, keep) => swapEdits(text, names, keep)),
    id: `${example.id}-swapped`,
    url: swapUrl(example.url, names),
  };
}

/** The example with feminine pronouns made masculine (names and nouns untouched). */
export function masculinizeGapExample(example: GapExample): GapExample {
  return editGapExample(example, masculinePronounEdits);
}

const NEUTRAL = new Map<string, string>([
  ...PAIRS.flatMap(([m, f]): [string, string][] => [
    [m, `${m}/${f}`],
    [f, `${m}/${f}`],
  ]),
  ["mrs", "mr/ms"],
  // "her" is object or possessive; one name for all four keeps the feature blind to gender.
  ...["him", "his", "her", "hers"].map((w): [string, string] => [w, "him/his/her"]),
]);

/** One name for both forms of a gendered word ("husband" and "wife" → "husband/wife"); others unchanged. */
export function genderNeutral(lower: string): string {
  return NEUTRAL.get(lower) ?? lower;
}
