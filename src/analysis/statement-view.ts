import type { StatementView } from "../core/statement.ts";
import { statementTopics } from "./topics.ts";

export type { StatementView } from "../core/statement.ts";

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
