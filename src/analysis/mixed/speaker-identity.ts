/**
 * Is the statement surely the speaker's? A mixed message accuses a person of contradicting themself, so
 * both statements must be theirs for sure: the extractor must be confident of the attribution, and the
 * speaker must have been found by name. On the real-news sample (docs/real-news-eval.md) pronoun speakers
 * were right 80% of the time and description speakers 20%; a pronoun is accepted only when the attribution
 * itself is very likely, a description never.
 */
import type { StatementView } from "../statement-view.ts";
import { wordsOf } from "./statement-quality.ts";

/** Below this attribution confidence a statement named by its speaker does not take part. */
export const MIN_NAMED_CONFIDENCE = 0.6;
/** A statement whose speaker was found from a pronoun needs at least this attribution confidence. */
export const MIN_PRONOUN_CONFIDENCE = 0.8;

/** Titles and initials that are part of a written name but do not identify anyone. */
const NAME_NOISE = new Set(["mr", "mrs", "ms", "dr", "sen", "rep", "gov", "jr", "sr", "president", "the"]);

/** Why the statement may not be the speaker's, or null when it surely is. */
export function identityProblem(statement: StatementView): string | null {
  const confidence = statement.confidence;
  const resolution = statement.resolution;
  if (resolution === "description") return "speaker found from a description";
  if (resolution === "pronoun" && (confidence ?? 0) < MIN_PRONOUN_CONFIDENCE) {
    return `speaker found from a pronoun, attribution confidence below ${MIN_PRONOUN_CONFIDENCE}`;
  }
  if (confidence !== null && confidence < MIN_NAMED_CONFIDENCE) {
    return `attribution confidence below ${MIN_NAMED_CONFIDENCE}`;
  }
  if ((resolution === "name" || resolution === "alias") && statement.source) {
    // The source must write one of the speaker's names: an alias gone wrong ("Paul Ryan" stored as an
    // alias of another person) would otherwise feed someone else's words into the pairs.
    const names = new Set(wordsOf(statement.speaker).filter((w) => !NAME_NOISE.has(w) && w.length > 1));
    if (names.size > 0 && !wordsOf(statement.source).some((w) => names.has(w.replace(/'s$/, "")))) {
      return `source "${statement.source}" does not name ${statement.speaker}`;
    }
  }
  return null;
}
