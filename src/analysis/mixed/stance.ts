/**
 * Do the two statements take opposite sides? Only reversals that a reader can see on the words count:
 * a shared word negated in one statement and asserted in the other ("will support" / "would not
 * support"), a denial against a plain claim on the same words, opposite poles of one scale ("doubt" /
 * "confidence", "hoax" / "threat"), or opposite stance words that are both present ("back" / "oppose").
 * A negation elsewhere in a sentence ("no intention of becoming the nominee" against "will support the
 * nominee") does not flip a shared word it does not stand next to.
 */

import { stemmer } from "stemmer";
import { stanceOf } from "../judge/features.ts";
import { ANTONYMS } from "../judge/lexicon.ts";
import { NEGATING_CUE, NEGATORS } from "./lexicon.ts";
import { wordsOf } from "./statement-quality.ts";

/** A negator flips a word at most this many words after it, inside one clause ("would not fully support"). */
const NEGATION_WINDOW = 3;

/** The strength of each kind of reversal, as evidence added to a pair's score. */
const STRENGTH = { negation: 0.6, denial: 0.5, antonym: 0.5, stance: 0.4 } as const;

export interface Reversal {
  /** 0..~0.8: the strongest kind found, a little more when several agree. */
  strength: number;
  evidence: string[];
}

export interface Claim {
  content: string;
  cue: string | null;
}

/** The stems of `text` that stand within a negator's reach, clause by clause. */
function negatedStems(text: string): Map<string, string> {
  const negated = new Map<string, string>();
  for (const clause of text.split(/[,;:()—–]|\s-\s/u)) {
    const words = wordsOf(clause);
    let lastNegator = Number.NEGATIVE_INFINITY;
    words.forEach((word, i) => {
      if (NEGATORS.has(word) || word.endsWith("n't")) {
        lastNegator = i;
        return;
      }
      if (i - lastNegator <= NEGATION_WINDOW) negated.set(stemmer(word), `${words[lastNegator]} … ${word}`);
    });
  }
  return negated;
}

const isDenial = (claim: Claim) => claim.cue !== null && NEGATING_CUE.test(claim.cue.trim());

/** How the later statement reverses the earlier one, with the words that show it; null when it does not. */
export function stanceReversal(
  earlier: Claim,
  later: Claim,
  sharedWords: readonly string[],
): Reversal | null {
  const evidence: { kind: keyof typeof STRENGTH; text: string }[] = [];
  const shared = new Set(sharedWords.map((word) => stemmer(word)));

  // A shared word negated on one side only.
  const negA = negatedStems(earlier.content);
  const negB = negatedStems(later.content);
  for (const stem of shared) {
    const a = negA.get(stem);
    const b = negB.get(stem);
    if ((a === undefined) === (b === undefined)) continue;
    evidence.push({
      kind: "negation",
      text: a ? `negated earlier ("${a}"), asserted later` : `asserted earlier, negated later ("${b}")`,
    });
    break;
  }

  // A denial of what the other statement claims.
  if (shared.size > 0 && isDenial(earlier) !== isDenial(later)) {
    const denial = isDenial(earlier) ? earlier : later;
    evidence.push({
      kind: "denial",
      text: `${denial === earlier ? "earlier" : "later"} statement is a denial ("${denial.cue?.trim()}")`,
    });
  }

  // Opposite poles of one scale, across the two claims (the cue counts: "cast doubt on" / "express confidence").
  const wordsA = new Set(wordsOf(`${earlier.cue ?? ""} ${earlier.content}`));
  const wordsB = new Set(wordsOf(`${later.cue ?? ""} ${later.content}`));
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
    if (negA.has(stemmer(pair[0])) || negB.has(stemmer(pair[1]))) continue;
    evidence.push({ kind: "antonym", text: `"${pair[0]}" then "${pair[1]}" (${name})` });
    break;
  }

  // Stance words on both sides with opposite signs ("backs the deal" / "would not support the deal").
  const stanceA = stanceOf(earlier.content);
  const stanceB = stanceOf(later.content);
  if (
    shared.size > 0 &&
    stanceA.cues.length > 0 &&
    stanceB.cues.length > 0 &&
    stanceA.sign !== 0 &&
    stanceB.sign !== 0 &&
    stanceA.sign !== stanceB.sign
  ) {
    evidence.push({
      kind: "stance",
      text: `opposite stance words: "${stanceA.cues.join(", ")}" then "${stanceB.cues.join(", ")}"`,
    });
  }

  if (evidence.length === 0) return null;
  const strongest = Math.max(...evidence.map((e) => STRENGTH[e.kind]));
  return {
    strength: Math.round(Math.min(0.8, strongest + 0.1 * (evidence.length - 1)) * 1000) / 1000,
    evidence: evidence.map((e) => e.text),
  };
}
