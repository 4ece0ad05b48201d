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

/** One page of matching statements, newest first, starting after `after`. */
export function* searchStatements(
  query: StatementQuery,
  limit: number,
  after?: StatementCursor,
): Query<StatementPage> {
  const where = whereOf(query, yield* dialect(), after);
  if (!where.possible) return { statements: [], next: null };
  const rows = yield* all<StatementRow>(
    `${STATEMENT_SELECT} ${where.sql} ${ORDER} LIMIT ?`,
    ...where.params,
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const statements = yield* toStatementRecords(page);
  const last = page.at(-1);
  return {
    statements,
    next: rows.length > limit && last ? { published: last.published, id: last.id } : null,
  };
}

/** Counts by speaker, outlet, month and topic over the newest FACET_SCAN matches, and the total. */
export function* statementFacets(query: StatementQuery): Query<StatementFacets> {
  const where = whereOf(query, yield* dialect());
  const empty = { total: 0, counted: 0, speaker: [], outlet: [], month: [], topic: [] };
  if (!where.possible) return empty;
  const from = "FROM statements s JOIN articles a ON a.id = s.article_id";
  const total = Number(
    (yield* get<{ n: number }>(`SELECT count(*) AS n ${from} ${where.sql}`, ...where.params))?.n ?? 0,
  );
  if (total === 0) return empty;
  const scan = `WITH m AS (SELECT s.id, s.person_id, s.published, a.outlet ${from} ${where.sql} ${ORDER} LIMIT ${FACET_SCAN})`;
  const counts = function* (sql: string): Query<FacetCount[]> {
    const rows = yield* all<FacetCount>(`${scan} ${sql}`, ...where.params, FACET_VALUES);
    return rows.map((row) => ({ ...row, count: Number(row.count) }));
  };
  return {
    total,
    counted: Math.min(total, FACET_SCAN),
    speaker: yield* counts(
      `SELECT CAST(p.id AS TEXT) AS value, p.name AS label, count(*) AS count
       FROM m JOIN persons p ON p.id = m.person_id GROUP BY p.id, p.name ORDER BY count DESC, p.name LIMIT ?`,
    ),
    outlet: yield* counts(
      `SELECT m.outlet AS value, m.outlet AS label, count(*) AS count FROM m WHERE m.outlet IS NOT NULL
       GROUP BY m.outlet ORDER BY count DESC, m.outlet LIMIT ?`,
    ),
    month: yield* counts(
      `SELECT substr(m.published, 1, 7) AS value, substr(m.published, 1, 7) AS label, count(*) AS count
       FROM m WHERE m.published IS NOT NULL GROUP BY substr(m.published, 1, 7) ORDER BY value DESC LIMIT ?`,
    ),
    topic: yield* counts(
      `SELECT t.key AS value, min(t.label) AS label, count(*) AS count
       FROM m JOIN statement_topics t ON t.statement_id = m.id GROUP BY t.key ORDER BY count DESC, t.key LIMIT ?`,
    ),
  };
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
