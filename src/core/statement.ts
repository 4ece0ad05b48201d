/** What every layer knows about a statement's kind and speaker (the pipeline finds them, the store keeps them). */

import type { Span } from "./span.ts";

/**
 * How the content is quoted: all of it in quotation marks (direct), none (indirect), or a quotation
 * inside reported speech (partial: 'called the plan "a gimmick"'). Stored as written here; records made
 * before migration 11 said "mixed" for partial, which that migration rewrites ("mixed" now only names
 * the contradiction command).
 */
export type AttributionKind = "direct" | "indirect" | "partial";

/** How the speaker of an attribution was found from its source span. */
export type SpeakerResolution = "name" | "alias" | "pronoun" | "description" | "first-person";

export interface Speaker {
  /** Canonical name ("Donald John Trump" → "Donald Trump"; institutions keep their name). */
  name: string;
  kind: "person" | "organization" | "group";
  /** The span whose text named the speaker, when it is not the source span itself (pronouns, descriptions). */
  mention?: Span;
  resolution: SpeakerResolution;
  /** Titles and roles seen with the name in this document ("Sen.", "Director of National Intelligence"). */
  roles?: string[];
  party?: string;
  state?: string;
}

/**
 * What the pipeline says of each statement, carried unchanged to the store and every reader: the one
 * place a statement's facts are declared. The pipeline's statement (ProcessedStatement), the stored
 * record (StatementRecord) and the analyses' view (StatementView) all extend it; the store reads and
 * writes these fields by the names in STATEMENT_FACTS (record/statement-facts.ts), and the API schema,
 * the CSV export and `extract` list them from there too. Adding one touches this type, where it is
 * computed, a migration, and the renderers that show it in words.
 */
export interface StatementFacts {
  kind: AttributionKind;
  /** The extractor's estimate (0-1) that the attribution is right; null when it gave none. */
  confidence: number | null;
  /**
   * The paragraph of the article's cleaned text the content starts in, counted from 1: where a reader
   * finds the statement. Null (or absent) for statements stored before migration 12.
   */
  paragraph?: number | null;
}

/** The fields of StatementFacts, in the order outputs show them (each is also its `statements` column). */
export const STATEMENT_FACTS = ["kind", "confidence", "paragraph"] as const;

type Listed = (typeof STATEMENT_FACTS)[number];
// Compile-time: STATEMENT_FACTS names every field of StatementFacts, and nothing else.
const listsEveryFact: [Exclude<keyof StatementFacts, Listed>, Exclude<Listed, keyof StatementFacts>] extends [
  never,
  never,
]
  ? true
  : never = true;
void listsEveryFact;

/** One stored statement as the analyses see it: what was said, by whom, where, and the span it rests on. */
export interface StatementView extends StatementFacts {
  id: number;
  articleId: string;
  speaker: string;
  /** ISO date of the article (YYYY-MM-DD...), or null when the article had none. */
  published: string | null;
  outlet: string | null;
  title: string | null;
  url: string | null;
  /** The content spans' text, joined with " … " when the content is split around the cue. */
  content: string;
  /** From the first content span's start to the last one's end, in the stored article text. */
  span: Span;
  cue: string | null;
  /** The sentence(s) holding the statement: where reporters write "walked back", "clarified". */
  context: string;
  /** Where `context` starts and ends in the stored article text (absent in views built by hand). */
  contextSpan?: Span | null;
  /** How the speaker was found from the source: a name or alias, or a pronoun or description resolved. */
  resolution?: SpeakerResolution | null;
  /** The source as written ("Mr. Trump", "he", "the nominee"), when the extractor found one. */
  source?: string | null;
  /** Topic keys stored at ingest; computed from content and context when absent. */
  topics?: string[];
  /** Outlets of near-duplicate articles (the same wire story) that carry this statement too. */
  alsoIn?: string[];
}
