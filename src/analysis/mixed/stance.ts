/**
 * Do the two statements take opposite sides? Only reversals that a reader can see on the words count:
 * a shared word negated in one statement and asserted in the other ("will support" / "would not
 * support"), a denial against a plain claim on the same words, opposite poles of one scale ("doubt" /
 * "confidence", "hoax" / "threat"). Opposite stance words alone ("support" / "oppose" on different
 * objects) were read on real news and left out: almost always two different matters.
 * A negation elsewhere in a sentence ("no intention of becoming the nominee" against "will support the
 * nominee") does not flip a shared word it does not stand next to.
 */

import { tagPos } from "../../nlp/pos/index.ts";
import { stem as stemWord } from "../../nlp/stem.ts";
import { ANTONYMS } from "../judge/lexicon.ts";
import {
  CLAUSE_MARKERS,
  CLAUSE_OPENERS,
  DEGREE_ADVERBS,
  NEGATING_CUE,
  NEGATORS,
  SUPPORT_STEMS,
} from "./lexicon.ts";
import { wordsOf } from "./statement-quality.ts";

/** A negator flips a word at most this many words after it, inside one clause ("would not fully support"). */
const NEGATION_WINDOW = 2;

/** The strength of each kind of reversal, as evidence added to a pair's score. */
const STRENGTH = { negation: 0.6, antonym: 0.5, support: 0.6 } as const;

export interface Reversal {
  /** 0..~0.8: the strongest kind found, a little more when several agree. */
  strength: number;
  evidence: string[];
  /** For backing refused then given (or the reverse): whom or what, as the two statements name it. */
  backing?: string;
  /** One statement disowns a saying the other makes (disowned.ts). */
  disowned?: true;
}

export interface Claim {
  content: string;
  cue: string | null;
  /** Whose claim it is: their name may be the subject of its clauses. */
  speaker?: string;
}

interface Negation {
  /** Stems within a negator's reach, with the words that show it. */
  negated: Map<string, string>;
  /** Stems that occur in a clause with no negator at all: plainly asserted. */
  asserted: Set<string>;
  /** Of those, the predicates whose subject is the speaker (or unstated): what the speaker asserts. */
  owned: Set<string>;
  /** Any word, predicate or not, in a clause of the speaker's own before any other noun. */
  ownedAny: Set<string>;
  /**
   * What the speaker says of a named other ("Clinton is not qualified"): keyed "clinton|qualifi", whether
   * it is negated, and the words that show it.
   */
  others: Map<string, { negated: boolean; shown: string }>;
}

/**
 * Which stems of `text` stand within a negator's reach, and which are plainly asserted, clause by clause.
 * A negator flips a predicate (a verb, an adjective: "did not speak", "is not fit"), never a noun: "no
 * income taxes", "no-action politicians", "not allowing Muslims" do not deny taxes, politicians or Muslims.
 */
/** Each statement is weighed against many others: its negation is worked out (and tagged) once. */
const negationCache = new Map<string, Negation>();

function negationOf(text: string, speaker = ""): Negation {
  const key = `${speaker}\u0000${text}`;
  const known = negationCache.get(key);
  if (known) return known;
  const found = computeNegation(text, speaker);
  if (negationCache.size > 20_000) negationCache.clear();
  negationCache.set(key, found);
  return found;
}

/** Stems the claim's content states in a clause with no negator at all ("you have to take out their families"). */
export const plainlyAsserted = (claim: Claim): ReadonlySet<string> =>
  negationOf(claim.content, claim.speaker).asserted;

function computeNegation(text: string, speaker: string): Negation {
  const negated = new Map<string, string>();
  const asserted = new Set<string>();
  const owned = new Set<string>();
  const ownedAny = new Set<string>();
  const names = new Set(speaker.toLowerCase().split(/\s+/));
  const others = new Map<string, { negated: boolean; shown: string }>();
  for (const clause of text.split(/[,;:()—–.!?]|\s-\s/u)) {
    const written = clause.match(WRITTEN_WORD) ?? [];
    if (written.length === 0) continue;
    const words = written.map((w) => w.toLowerCase().replace("’", "'"));
    const tags = tagPos(written);
    // "no" does not flip a predicate, but a clause with it ("paying no taxes") is not a plain assertion.
    const plain = !words.some((w) => w === "no" || isNegator(w));
    // A clause is the speaker's own when no noun but their name stands before its predicate: "I will",
    // "he would not", "to endorse"; not "the other candidates are not able to", "Mr. Khan's wife did not".
    // A generic "you" ("you can't beat him from the left") is not the speaker either.
    const ownSubject = (before: number) =>
      !tags.slice(0, before).some((_, k) => words[k] === "you" || otherNoun(tags, words, k, names));
    let lastNegator = Number.NEGATIVE_INFINITY;
    words.forEach((word, i) => {
      if (isNegator(word)) {
        lastNegator = i;
        return;
      }
      const stem = stemWord(word);
      if (plain) {
        asserted.add(stem);
        if (ownSubject(i)) ownedAny.add(stem);
        if (PREDICATE_TAG.test(tags[i] ?? "") && ownSubject(i)) owned.add(stem);
      } else if (
        !DEGREE_ADVERBS.has(word) &&
        inReach(tags, words, lastNegator, i) &&
        PREDICATE_TAG.test(tags[i] ?? "") &&
        ownSubject(lastNegator)
      ) {
        negated.set(stem, `${words[lastNegator]} … ${word}`);
      }
    });
    predicatesOfNamed(words, tags, names, others);
  }
  return { negated, asserted, owned, ownedAny, others };
}

/** The content's negation, or, under a cue that refuses or denies it ("refused | to pledge to release"), all of it. */
function claimNegation(claim: Claim): Negation {
  const negation = negationOf(claim.content, claim.speaker);
  if (!isDenial(claim)) return negation;
  const negated = new Map<string, string>();
  for (const stem of negation.owned) negated.set(stem, `${claim.cue?.trim()} …`);
  return { negated, asserted: new Set(), owned: new Set(), ownedAny: new Set(), others: new Map() };
}

/** How many words after its first verb a clause's predicate about a named subject may stand. */
const NAMED_PREDICATE_REACH = 3;

/**
 * "Hillary Clinton is not qualified", "Clinton Is Qualified": a clause whose subject is a name other than
 * the speaker's, with what it says of them (the predicate words right after the verb) and whether a
 * negator denies it. Said of the same person, the two are a reversal ("not qualified" then "of course
 * qualified").
 */
function predicatesOfNamed(
  words: string[],
  tags: string[],
  speakerNames: Set<string>,
  out: Map<string, { negated: boolean; shown: string }>,
): void {
  const verb = tags.findIndex((tag) => /^(VB|MD)/.test(tag));
  if (verb < 1 || !/^NNP/.test(tags[verb - 1] ?? "")) return;
  const subject = words[verb - 1].replace(/'s$/, "");
  if (speakerNames.has(subject) || subject.length < 3) return;
  let negator: string | null = null;
  for (let k = verb; k < Math.min(words.length, verb + 1 + NAMED_PREDICATE_REACH); k++) {
    const word = words[k];
    if (isNegator(word)) {
      negator = word;
      continue;
    }
    if (CLAUSE_MARKERS.has(word) || DEGREE_ADVERBS.has(word) || !/^(VB|JJ)/.test(tags[k] ?? "")) continue;
    const key = `${subject}|${stemWord(word)}`;
    out.set(key, {
      negated: negator !== null,
      shown: negator ? `${subject} … ${negator} ${word}` : `${subject} … ${word}`,
    });
  }
}

/**
 * Does the negator at `from` reach the word at `to`? Within NEGATION_WINDOW words, not counting adverbs
 * ("not quite there yet on supporting"), or a verb coordinated with the negated one ("wasn't going to
 * act like ... and back him").
 */
function inReach(tags: string[], words: string[], from: number, to: number): boolean {
  if (!Number.isFinite(from)) return false;
  let distance = 0;
  for (let k = from + 1; k <= to; k++) if (!/^(RB|EX)/.test(tags[k] ?? "")) distance++;
  if (distance <= NEGATION_WINDOW) return true;
  return (
    to - from <= COORDINATION_REACH &&
    /^VB$/.test(tags[to] ?? "") &&
    /^(and|or|nor)$/.test(words[to - 1] ?? "")
  );
}

/** How far a negation carries over "and" to a second verb. */
const COORDINATION_REACH = 12;

/**
 * A noun that can be a clause's subject other than the speaker: a name not theirs, a plural, or a noun
 * after a determiner, possessive or adjective ("the party", "Mr. Khan's wife"). A bare singular "noun"
 * after a pronoun is the tagger mistaking a verb ("I support and endorse": support/NN).
 */
function otherNoun(tags: string[], words: string[], k: number, names: Set<string>): boolean {
  const tag = tags[k] ?? "";
  if (!/^NN/.test(tag)) return false;
  if (/^NNP/.test(tag)) return !names.has(words[k].replace(/'s$/, ""));
  if (tag === "NNS") return true;
  return /^(DT|PRP\$|POS|JJ|NNP|CD)/.test(tags[k - 1] ?? "");
}

const WRITTEN_WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
/** Verbs, adjectives and participles: what a negator denies. */
const PREDICATE_TAG = /^(VB|JJ|MD|RB)/;
/** "no" denies a noun ("no problem"), not a proposition, so it does not flip a predicate here. */
const isNegator = (word: string) => word !== "no" && (NEGATORS.has(word) || word.endsWith("n't"));

export const isDenial = (claim: Claim) => claim.cue !== null && NEGATING_CUE.test(claim.cue);

/** How the later statement reverses the earlier one, with the words that show it; null when it does not. */
export function stanceReversal(
  earlier: Claim,
  later: Claim,
  sharedWords: readonly string[],
  options: { sameness?: number; named?: readonly string[]; telling?: (stem: string) => boolean } = {},
): Reversal | null {
  const evidence: { kind: keyof typeof STRENGTH; text: string }[] = [];
  const shared = new Set(sharedWords.map((word) => stemWord(word)));

  // A shared word negated on one side only.
  const negA = claimNegation(earlier);
  const negB = claimNegation(later);
  // "cannot let Iran have ..." does not deny Iran.
  const named = new Set((options.named ?? []).map((word) => stemWord(word)));
  for (const stem of shared) {
    if (named.has(stem)) continue;
    // Negated on one side only, asserted by the speaker on the other, and not also asserted beside the negation
    // ("we don't win anymore, but we are going to start winning again" asserts winning too).
    const a = negA.negated.get(stem);
    const b = negB.negated.get(stem);
    const flipped =
      (a !== undefined && b === undefined && negB.owned.has(stem) && !negA.asserted.has(stem)) ||
      (b !== undefined && a === undefined && negA.owned.has(stem) && !negB.asserted.has(stem));
    if (!flipped) continue;
    evidence.push({
      kind: "negation",
      text: a ? `negated earlier ("${a}"), asserted later` : `asserted earlier, negated later ("${b}")`,
    });
    break;
  }

  // Opposite poles of one scale, across the two claims (the cue counts: "cast doubt on" / "express confidence").
  // Only the cue's words and the words the speaker is the subject of: "a stand against the war when
  // Clinton voted for it" does not make the speaker for the war.
  const poleWords = (claim: Claim, negation: Negation) =>
    new Set([
      ...wordsOf(claim.cue ?? ""),
      ...wordsOf(claim.content).filter((w) => negation.ownedAny.has(stemWord(w))),
    ]);
  const wordsA = poleWords(earlier, negA);
  const wordsB = poleWords(later, negB);
  for (const [name, left, right] of ANTONYMS) {
    const hit = (words: Set<string>, pole: string[]) => pole.find((w) => words.has(w));
    const aLeft = hit(wordsA, left);
    const aRight = hit(wordsA, right);
    const bLeft = hit(wordsB, left);
    const bRight = hit(wordsB, right);
    const pair =
      aLeft && bRight && !aRight && !bLeft
        ? [aLeft, bRight]
        : aRight && bLeft && !aLeft && !bRight
          ? [aRight, bLeft]
          : null;
    if (!pair) continue;
    // "doubt" negated ("no doubt") is not doubt.
    if (negA.negated.has(stemWord(pair[0])) || negB.negated.has(stemWord(pair[1]))) continue;
    evidence.push({ kind: "antonym", text: `"${pair[0]}" then "${pair[1]}" (${name})` });
    break;
  }

  // The same named other, said to be something on one side and not on the other.
  if (evidence.length === 0) {
    for (const [key, a] of negA.others) {
      const b = negB.others.get(key);
      if (!b || a.negated === b.negated || !shared.has(key.split("|")[1])) continue;
      evidence.push({ kind: "negation", text: `"${a.shown}" then "${b.shown}"` });
      break;
    }
  }

  if (evidence.length === 0) return null;
  const strongest = Math.max(...evidence.map((e) => STRENGTH[e.kind]));
  return {
    strength: Math.round(Math.min(0.8, strongest + 0.1 * (evidence.length - 1)) * 1000) / 1000,
    evidence: evidence.map((e) => e.text),
  };
}

/** Whom a backing word backs: the name must follow it within this many words ("endorse our speaker, Paul Ryan"). */
const BACKING_REACH = 7;

/** Does `whom` follow a backing word of `words` (at one of `at`) closely enough to be what it backs? */
function backs(words: string[], at: number, whom: string): boolean {
  for (const written of words.slice(at + 1, at + 1 + BACKING_REACH)) {
    const w = written.replace(/'s$/, "");
    if (w === whom || stemWord(w) === whom) return true;
    // A new clause ("supporting the levy was what Ortiz called weak") ends what the word backs.
    if (CLAUSE_MARKERS.has(w) || CLAUSE_OPENERS.has(w)) return false;
  }
  return false;
}

/** Backing (SUPPORT_STEMS) of `whom` the speaker denies in a claim, with the words that show it. */
function deniedBacking(claim: Claim, whom: string): string | null {
  const negation = claimNegation(claim);
  const words = wordsOf(claim.content);
  for (const [i, word] of words.entries()) {
    const shown = negation.negated.get(stemWord(word));
    if (shown && SUPPORT_STEMS.has(stemWord(word)) && backs(words, i, whom)) return shown;
  }
  return null;
}

/**
 * Backing of `whom` the speaker plainly gives: in their own clause of the content, or as the cue with the
 * name opening the content ("endorses | Ortiz").
 */
function givenBacking(claim: Claim, whom: string): string | null {
  if (isDenial(claim)) return null;
  const cueWords = wordsOf(claim.cue ?? "");
  const words = wordsOf(claim.content);
  if (!cueWords.some((w) => isNegator(w))) {
    const inCue = cueWords.find((w) => SUPPORT_STEMS.has(stemWord(w)));
    if (inCue && backs([inCue, ...words], 0, whom)) return inCue;
  }
  const negation = negationOf(claim.content, claim.speaker);
  for (const [i, word] of words.entries()) {
    const stem = stemWord(word);
    if (!SUPPORT_STEMS.has(stem) || !negation.ownedAny.has(stem) || negation.negated.has(stem)) continue;
    if (backs(words, i, whom)) return word;
  }
  return null;
}

/**
 * Backing refused in one statement and given in the other, for the same named person or measure: "was not
 * going to back Ortiz" then "endorses Ortiz". The words differ ("back" / "endorse"), so the shared-word
 * negation above misses it; the name both contents share, right after the backing word, ties them.
 */
export function backingReversal(
  earlier: Claim,
  later: Claim,
  sharedNames: readonly string[],
): Reversal | null {
  for (const name of sharedNames) {
    const whom = name.toLowerCase();
    const deniedA = deniedBacking(earlier, whom);
    const deniedB = deniedBacking(later, whom);
    const givenA = givenBacking(earlier, whom);
    const givenB = givenBacking(later, whom);
    const text =
      deniedA && !givenA && givenB && !deniedB
        ? `backing refused earlier ("${deniedA}"), given later ("${givenB}"), for ${name}`
        : givenA && !deniedA && deniedB && !givenB
          ? `backing given earlier ("${givenA}"), refused later ("${deniedB}"), for ${name}`
          : null;
    if (text) return { strength: STRENGTH.support, evidence: [text], backing: name };
  }
  return null;
}
