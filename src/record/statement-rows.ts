import type { Span } from "../core/span.ts";
import type { Speaker, StatementFacts, StatementView } from "../core/statement.ts";
import type { Dialect } from "./sql.ts";
import { FACT_SELECT, factsOf } from "./statement-facts.ts";
import type { StatementRecord, StoredArticle } from "./store.ts";

/**
 * The record's rows and how they become the Store's plain data (StatementRecord, StatementView,
 * StoredArticle), kept apart from the queries (statement-queries.ts).
 */

/** Separator for a list aggregated in SQL: a control character cannot occur in a role title or topic key. */
export const LIST_SEPARATOR = "\u001f";

/** A list of `column` of the rows matched, in the column's order, as one string joined by LIST_SEPARATOR. */
export function listOf(column: string, from: string): { sqlite: string; postgres: string } {
  // SQLite aggregates in the order of the table's key on (owner, column); PostgreSQL is told that order.
  return {
    sqlite: `(SELECT group_concat(${column}, '${LIST_SEPARATOR}') FROM ${from})`,
    postgres: `(SELECT string_agg(${column}, '${LIST_SEPARATOR}' ORDER BY ${column}) FROM ${from})`,
  };
}

export const STATEMENT_SELECT = `
  SELECT s.id, s.article_id, s.ordinal, s.person_id, s.resolution, ${FACT_SELECT},
    s.source_start, s.source_end, s.cue_start, s.cue_end, s.content_spans,
    s.raw_source_start, s.raw_source_end, s.raw_cue_start, s.raw_cue_end, s.raw_content_spans,
    s.content, s.published, p.name AS speaker, p.kind AS speaker_kind, a.outlet, a.title, a.url
  FROM statements s
  JOIN articles a ON a.id = s.article_id
  LEFT JOIN persons p ON p.id = s.person_id`;
// Undated statements sort after dated ones; within an article, in text order.
export const STATEMENT_ORDER = "ORDER BY s.published IS NULL, s.published, s.article_id, s.ordinal";

export function splitList(value: string | null): string[] {
  return value ? value.split(LIST_SEPARATOR) : [];
}

function spanOf(start: number | null, end: number | null): Span | null {
  return start === null || end === null ? null : { start, end };
}

export function toStatementRecord(row: StatementRow, sourceText: string | null): StatementRecord {
  return {
    id: row.id,
    articleId: row.article_id,
    speaker: row.speaker,
    speakerKind: row.speaker_kind,
    sourceText,
    resolution: row.resolution,
    ...factsOf(row),
    content: row.content,
    source: spanOf(row.source_start, row.source_end),
    cue: spanOf(row.cue_start, row.cue_end),
    contentSpans: JSON.parse(row.content_spans),
    rawSource: spanOf(row.raw_source_start, row.raw_source_end),
    rawCue: spanOf(row.raw_cue_start, row.raw_cue_end),
    rawContentSpans: JSON.parse(row.raw_content_spans),
    published: row.published,
    outlet: row.outlet,
    title: row.title,
    url: row.url,
  };
}

export interface ArticleRow {
  id: string;
  origin: string;
  format: string;
  url: string | null;
  outlet: string | null;
  title: string | null;
  byline: string | null;
  published: string | null;
  raw_text: string;
  text: string;
  offset_map: string;
  statement_count: number;
  ingested_at: string;
}

export interface StatementRow extends StatementFacts {
  id: number;
  article_id: string;
  ordinal: number;
  person_id: number | null;
  resolution: Speaker["resolution"] | null;
  source_start: number | null;
  source_end: number | null;
  cue_start: number | null;
  cue_end: number | null;
  content_spans: string;
  raw_source_start: number | null;
  raw_source_end: number | null;
  raw_cue_start: number | null;
  raw_cue_end: number | null;
  raw_content_spans: string;
  content: string;
  published: string | null;
  speaker: string | null;
  speaker_kind: Speaker["kind"] | null;
  outlet: string | null;
  title: string | null;
  url: string | null;
}

/** Inclusive publication-date bounds as SQL conditions on `s.published`. */
export function addDateRange(
  filter: { since?: string; until?: string },
  where: string[],
  params: unknown[],
): void {
  if (filter.since !== undefined) {
    where.push("s.published >= ?");
    params.push(filter.since);
  }
  if (filter.until !== undefined) {
    where.push("s.published <= ?");
    params.push(filter.until);
  }
}

/** A row for a StatementView: the view's plain columns as named there, the rest as stored. */
export interface ViewRow
  extends StatementFacts,
    Pick<StatementView, "id" | "speaker" | "published" | "outlet" | "title" | "url" | "content"> {
  article_id: string;
  content_spans: string;
  cue_start: number | null;
  cue_end: number | null;
  context_start: number | null;
  context_end: number | null;
  resolution: Speaker["resolution"] | null;
  source_start: number | null;
  source_end: number | null;
  topics: string | null;
}

/** Columns statementViews reads: the view's fields and the spans its cue, context and source are cut by. */
export function viewSelect(dialect: Dialect): string {
  return `SELECT s.id, s.article_id, p.name AS speaker, s.published, a.outlet, a.title, a.url, ${FACT_SELECT},
    s.content, s.content_spans, s.cue_start, s.cue_end, s.context_start, s.context_end,
    s.resolution, s.source_start, s.source_end,
    ${listOf("key", "statement_topics t WHERE t.statement_id = s.id")[dialect]} AS topics
  FROM statements s JOIN articles a ON a.id = s.article_id JOIN persons p ON p.id = s.person_id`;
}

/** Cuts a span of an article's cleaned text. */
export type Slicer = (articleId: string, start: number | null, end: number | null) => string | null;

export function toStatementView(row: ViewRow, slice: Slicer): StatementView {
  const spans = JSON.parse(row.content_spans) as Span[];
  return {
    id: row.id,
    articleId: row.article_id,
    speaker: row.speaker,
    published: row.published,
    outlet: row.outlet,
    title: row.title,
    url: row.url,
    ...factsOf(row),
    content: row.content,
    span: { start: spans[0]?.start ?? 0, end: spans.at(-1)?.end ?? 0 },
    cue: slice(row.article_id, row.cue_start, row.cue_end),
    context: slice(row.article_id, row.context_start, row.context_end) || row.content,
    contextSpan: spanOf(row.context_start, row.context_end),
    resolution: row.resolution,
    source: slice(row.article_id, row.source_start, row.source_end),
    topics: splitList(row.topics),
  };
}

export function toStoredArticle(row: ArticleRow): StoredArticle {
  return {
    id: row.id,
    origin: row.origin,
    format: row.format,
    title: row.title,
    url: row.url,
    outlet: row.outlet,
    byline: row.byline,
    published: row.published,
    rawText: row.raw_text,
    text: row.text,
    offsetMap: JSON.parse(row.offset_map),
    statementCount: row.statement_count,
    ingestedAt: row.ingested_at,
  };
}
