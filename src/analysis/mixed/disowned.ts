/**
 * A saying the speaker disowns, against a statement of theirs that says it: "he had never suggested the
 * U.S. should use a database to track Muslims" and "would certainly implement a database to track Muslims";
 * "never said he wanted to kill the families of terrorists" and "you have to take out their families".
 * Reporters print such pairs as a contradiction whatever the order of the two. The shared-word negation
 * in stance.ts misses them: the negator denies the saying ("never suggested"), and what was disowned
 * stands words further on, often past a clause break ("the U.S. should use ...").
 */
import { DISOWNING } from "./lexicon.ts";
import { termsOf } from "./similarity.ts";
import { type Claim, plainlyAsserted, type Reversal } from "./stance.ts";

/** A disowned saying against a plain statement of it: as strong as a negated shared word. */
const DISOWNED_STRENGTH = 0.6;

/** Where the disowned words end: a clause break that starts something else. */
const COMPLEMENT_END = /[;—–!?]|\.\s+\p{Lu}|,\s+(?:that|which|but|and|though|although|while)\s/u;

export interface Disowned {
  /** The words that disown, as written ("never actually said"). */
  words: string;
  /** Stems of what is disowned: the content words after them, in their clause. */
  stems: Set<string>;
}

/** The saying a claim disowns, or null when it disowns none. */
export function disownedSaying(claim: Claim): Disowned | null {
  const text = `${claim.cue ?? ""} ${claim.content}`;
  const match = DISOWNING.exec(text);
  if (!match) return null;
  const rest = text.slice((match.index ?? 0) + match[0].length);
  const end = rest.search(COMPLEMENT_END);
  const complement = end < 0 ? rest : rest.slice(0, end);
  const exclude = new Set((claim.speaker ?? "").toLowerCase().split(/\s+/));
  const stems = new Set(termsOf(complement, exclude).keys());
  return stems.size ? { words: match[0].trim(), stems } : null;
}

/**
 * One statement disowns a saying and the other says it: at least `minShared` of the disowned words, all
 * but one of them `telling`, stand plainly asserted in the other's content (in a clause with no negator:
 * "doesn't necessarily want to kill the families" disowns too), which disowns nothing itself and is not a
 * denial (`isDenial`). Two shared words are common ground between unrelated remarks ("pay", "fees"), so the
 * caller asks for more across articles than within one, where the reporter set the two side by side.
 */
export function disownedReversal(
  earlier: Claim,
  later: Claim,
  options: { minShared: number; telling: (stem: string) => boolean; isDenial: (claim: Claim) => boolean },
): Reversal | null {
  for (const [disowning, other, side] of [
    [earlier, later, "earlier"],
    [later, earlier, "later"],
  ] as const) {
    const disowned = disownedSaying(disowning);
    if (!disowned || disownedSaying(other) || options.isDenial(other)) continue;
    const said = termsOf(other.content);
    const plain = plainlyAsserted(other);
    const shared = [...disowned.stems].filter((stem) => said.has(stem) && plain.has(stem));
    if (shared.length < options.minShared || shared.filter(options.telling).length < options.minShared - 1) {
      continue;
    }
    const forms = shared.map((stem) => said.get(stem)?.form ?? stem);
    return {
      strength: DISOWNED_STRENGTH,
      evidence: [`disowned ${side} ("${disowned.words}"), said in the other: ${forms.join(", ")}`],
      disowned: true,
    };
  }
  return null;
}
