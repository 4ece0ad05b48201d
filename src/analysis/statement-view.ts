import type { AttributionKind, Span } from "../nlp/doc.ts";
import { statementTopics } from "./topics.ts";

/** One stored statement as the analyses see it: what was said, by whom, where, and the span it rests on. */
export interface StatementView {
  id: number;
  articleId: string;
  speaker: string;
  /** ISO date of the article (YYYY-MM-DD...), or null when the article had none. */
  published: string | null;
  outlet: string | null;
  title: string | null;
  url: string | null;
  kind: AttributionKind;
  /** The extractor's estimate (0-1) that the attribution is right; null when it gave none. */
  confidence: number | null;
  /** The content spans' text, joined with " … " when the content is split around the cue. */
  content: string;
  /** From the first content span's start to the last one's end, in the stored article text. */
  span: Span;
  cue: string | null;
  /** The sentence(s) holding the statement: where reporters write "walked back", "clarified". */
  context: string;
  /** Topic keys stored at ingest; computed from content and context when absent. */
  topics?: string[];
  /** Outlets of near-duplicate articles (the same wire story) that carry this statement too. */
  alsoIn?: string[];
}

/** A stable, human-readable pointer to the characters a statement rests on. */
export function spanRef(statement: StatementView): string {
  return `article ${statement.articleId.slice(0, 12)} chars ${statement.span.start}-${statement.span.end}`;
}

/** "indirect" or "indirect, confidence 0.87": how the statement was reported and how sure the extractor is. */
export function kindAndConfidence(statement: Pick<StatementView, "kind" | "confidence">): string {
  return statement.confidence === null
    ? statement.kind
    : `${statement.kind}, confidence ${statement.confidence.toFixed(2)}`;
}

export function dateOf(statement: StatementView): string {
  return statement.published ? statement.published.slice(0, 10) : "undated";
}

/** Date order, then article, then position in the article: the order a reader met the statements in. */
export function byDate(a: StatementView, b: StatementView): number {
  return (
    (a.published ?? "").localeCompare(b.published ?? "") ||
    a.articleId.localeCompare(b.articleId) ||
    a.span.start - b.span.start
  );
}

/** The topic keys of a view: stored at ingest when it came from the record, computed otherwise. */
export function statementTopicKeys(statement: StatementView): Set<string> {
  return new Set(
    statement.topics ??
      statementTopics(statement.content, statement.context, statement.speaker).map((term) => term.key),
  );
}
