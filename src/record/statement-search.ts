import type { AttributionKind } from "../core/statement.ts";
import { ftsQuery, tsQuery } from "./search.ts";
import { all, type Dialect, dialect, get, type Query } from "./sql.ts";
import { toStatementRecords } from "./statement-queries.ts";
import { STATEMENT_SELECT, type StatementRow } from "./statement-rows.ts";
import type { StatementRecord } from "./store.ts";

/**
 * Statement search for the web app and the API: every filter of `statements` plus outlet, kind, topic and
 * article, newest first, in pages with stable cursors, and facet counts (speaker, outlet, month, topic)
 * over what the filters match. A cursor is the last row's (published, id): the next page starts after it
 * in the same order, so statements stored meanwhile never shift or repeat a page.
 */
export interface StatementQuery {
  /** Words that must all occur in the content or the speaker's name (FTS5, as `statements --search`). */
  q?: string;
  personId?: number;
  outlet?: string;
  since?: string;
  until?: string;
  kind?: AttributionKind;
  /** A topic key ("place:saltmere"); statements carrying it. */
  topic?: string;
  minConfidence?: number;
  articleId?: string;
}

export interface StatementCursor {
  published: string | null;
  id: number;
}

export interface StatementPage {
  statements: StatementRecord[];
  /** Where the next page starts, or null on the last page. */
  next: StatementCursor | null;
}

export interface FacetCount {
  value: string;
  label: string;
  count: number;
}

export interface StatementFacets {
  /** Statements the filters match. */
  total: number;
  /** How many of them (the newest) the facet counts are over: all of them up to FACET_SCAN. */
  counted: number;
  speaker: FacetCount[];
  outlet: FacetCount[];
  month: FacetCount[];
  topic: FacetCount[];
}

/**
 * Facets count the newest this many matches: on a million-statement store an unfiltered page would
 * otherwise group every row on every request. The page says so when the counts are over a part.
 */
export const FACET_SCAN = 5000;
/** Values listed per facet (months: the newest ones). */
const FACET_VALUES = 12;

const ORDER = "ORDER BY s.published DESC, s.id DESC";

interface Where {
  sql: string;
  params: unknown[];
  /** False when the query can match nothing (a search with no searchable word). */
  possible: boolean;
}

function whereOf(query: StatementQuery, sqlDialect: Dialect, after?: StatementCursor): Where {
  const where: string[] = [];
  const params: unknown[] = [];
  let possible = true;
  const add = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  if (query.q !== undefined && query.q.trim() !== "") {
    const sqlite = sqlDialect === "sqlite";
    const words = sqlite ? ftsQuery(query.q) : tsQuery(query.q);
    if (words === null) possible = false;
    else if (sqlite) add("s.id IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)", words);
    else add("s.search @@ to_tsquery('simple', ?)", words);
  }
  if (query.personId !== undefined) add("s.person_id = ?", query.personId);
  if (query.articleId !== undefined) add("s.article_id = ?", query.articleId);
  if (query.outlet !== undefined) add("a.outlet = ?", query.outlet);
  if (query.since !== undefined) add("s.published >= ?", query.since);
  if (query.until !== undefined) add("s.published <= ?", query.until);
  if (query.kind !== undefined) add("s.kind = ?", query.kind);
  if (query.minConfidence !== undefined) add("s.confidence >= ?", query.minConfidence);
  if (query.topic !== undefined) {
    add("EXISTS (SELECT 1 FROM statement_topics t WHERE t.statement_id = s.id AND t.key = ?)", query.topic);
  }
  if (after) {
    // Undated statements sort last (NULL is smallest, the order is descending).
    if (after.published === null) add("(s.published IS NULL AND s.id < ?)", after.id);
    else {
      add(
        "(s.published < ? OR (s.published = ? AND s.id < ?) OR s.published IS NULL)",
        after.published,
        after.published,
        after.id,
      );
    }
  }
  return { sql: where.length ? `WHERE ${where.join(" AND ")}` : "", params, possible };
}

/**
 * The FROM clause of a search: the article is joined only when the outlet is asked for, so the narrow
 * scans below read the statements table (and its indexes) alone.
 */
function fromOf(query: StatementQuery): string {
  return query.outlet === undefined
    ? "FROM statements s"
    : "FROM statements s JOIN articles a ON a.id = s.article_id";
}

/**
 * One page of matching statements, newest first, starting after `after`. The matches are ordered by
 * (published, id) alone first, and only the page's rows are read whole: sorting every match's full row
 * (a common word matches tens of thousands) cost most of a search's time.
 */
export function* searchStatements(
  query: StatementQuery,
  limit: number,
  after?: StatementCursor,
): Query<StatementPage> {
  const where = whereOf(query, yield* dialect(), after);
  if (!where.possible) return { statements: [], next: null };
  const ids = yield* all<{ id: number }>(
    `SELECT s.id ${fromOf(query)} ${where.sql} ${ORDER} LIMIT ?`,
    ...where.params,
    limit + 1,
  );
  const pageIds = ids.slice(0, limit).map((row) => row.id);
  const rows =
    pageIds.length === 0
      ? []
      : yield* all<StatementRow>(
          `${STATEMENT_SELECT} WHERE s.id IN (${pageIds.map(() => "?").join(", ")}) ${ORDER}`,
          ...pageIds,
        );
  const statements = yield* toStatementRecords(rows);
  const last = rows.at(-1);
  return {
    statements,
    next: ids.length > limit && last ? { published: last.published, id: last.id } : null,
  };
}

interface FacetRow {
  id: number;
  person_id: number | null;
  published: string | null;
  outlet: string | null;
}

/** Ids per IN list: far below both backends' limits on parameters. */
const IDS_PER_QUERY = 1000;

/**
 * Counts by speaker, outlet, month and topic over the newest FACET_SCAN matches, and the total. The
 * matches are read once and counted here; speakers' names and topics are then read for those rows only.
 */
export function* statementFacets(query: StatementQuery): Query<StatementFacets> {
  const where = whereOf(query, yield* dialect());
  const empty = { total: 0, counted: 0, speaker: [], outlet: [], month: [], topic: [] };
  if (!where.possible) return empty;
  // The article (for its outlet) is joined to the newest matches only, not to every match before the cut.
  const rows = yield* all<FacetRow>(
    `SELECT m.id, m.person_id, m.published, a.outlet
     FROM (SELECT s.id, s.person_id, s.published, s.article_id ${fromOf(query)} ${where.sql} ${ORDER} LIMIT ${FACET_SCAN}) m
     JOIN articles a ON a.id = m.article_id`,
    ...where.params,
  );
  if (rows.length === 0) return empty;
  const total =
    rows.length < FACET_SCAN
      ? rows.length
      : Number(
          (yield* get<{ n: number }>(`SELECT count(*) AS n ${fromOf(query)} ${where.sql}`, ...where.params))
            ?.n ?? 0,
        );
  const speakers = top(countBy(rows, (row) => row.person_id));
  const names = new Map<number, string>();
  for (const row of yield* rowsForIds<{ id: number; name: string }>(
    "SELECT id, name FROM persons WHERE id IN",
    speakers.map(([id]) => id),
  ))
    names.set(row.id, row.name);
  const labels = new Map<string, string>();
  const topicCounts = new Map<string, number>();
  for (const row of yield* rowsForIds<{ key: string; label: string }>(
    "SELECT key, label FROM statement_topics WHERE statement_id IN",
    rows.map((row) => row.id),
  )) {
    topicCounts.set(row.key, (topicCounts.get(row.key) ?? 0) + 1);
    const label = labels.get(row.key);
    if (label === undefined || row.label < label) labels.set(row.key, row.label);
  }
  const months = [...countBy(rows, (row) => row.published?.slice(0, 7) ?? null)].sort(([a], [b]) =>
    a < b ? 1 : a > b ? -1 : 0,
  );
  const facet = (value: string, label: string, count: number): FacetCount => ({ value, label, count });
  return {
    total,
    counted: rows.length,
    speaker: speakers
      .map(([id, count]) => facet(String(id), names.get(id) ?? String(id), count))
      .sort((a, b) => b.count - a.count || byText(a.label.toLowerCase(), b.label.toLowerCase()))
      .slice(0, FACET_VALUES),
    outlet: top(countBy(rows, (row) => row.outlet))
      .slice(0, FACET_VALUES)
      .map(([outlet, count]) => facet(outlet, outlet, count)),
    month: months.slice(0, FACET_VALUES).map(([month, count]) => facet(month, month, count)),
    topic: top(topicCounts)
      .slice(0, FACET_VALUES)
      .map(([key, count]) => facet(key, labels.get(key) ?? key, count)),
  };
}

/** How many rows have each (non-null) value. */
function countBy<T, V>(rows: readonly T[], pick: (row: T) => V | null): Map<V, number> {
  const counts = new Map<V, number>();
  for (const row of rows) {
    const value = pick(row);
    if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

/**
 * The most frequent values, ties by value. Speakers are re-sorted by name once named; the cut keeps
 * every speaker tied at the last place's count, so that sort can still choose among them.
 */
function top<V extends string | number>(counts: Map<V, number>): [V, number][] {
  const sorted = [...counts].sort(([a, x], [b, y]) => y - x || byText(String(a), String(b)));
  const floor = sorted[FACET_VALUES - 1]?.[1] ?? 0;
  return sorted.filter(([, count], i) => i < FACET_VALUES || count === floor);
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `head` ("SELECT ... WHERE x IN") over the ids, a bounded list at a time. */
function* rowsForIds<T>(head: string, ids: readonly (number | string)[]): Query<T[]> {
  const out: T[] = [];
  for (let at = 0; at < ids.length; at += IDS_PER_QUERY) {
    const chunk = ids.slice(at, at + IDS_PER_QUERY);
    out.push(...(yield* all<T>(`${head} (${chunk.map(() => "?").join(", ")})`, ...chunk)));
  }
  return out;
}

/** A cursor as an opaque URL-safe token, and back; a token that is not one gives null. */
export function encodeCursor(cursor: StatementCursor): string {
  return Buffer.from(JSON.stringify([cursor.published, cursor.id])).toString("base64url");
}

export function decodeCursor(token: string): StatementCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [published, id] = value as unknown[];
    if (!Number.isSafeInteger(id) || (id as number) < 0) return null;
    if (published !== null && (typeof published !== "string" || !/^[\d:.TZ+-]{4,40}$/.test(published)))
      return null;
    return { published: published as string | null, id: id as number };
  } catch {
    return null;
  }
}
