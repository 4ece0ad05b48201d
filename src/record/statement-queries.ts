import type { Span } from "../core/span.ts";
import type { Speaker, StatementView } from "../core/statement.ts";
import type { Verdict } from "../core/verdict.ts";
import { termOn } from "./known-people.ts";
import { STATEMENT_ONCE, STORY_JOIN } from "./near-duplicates.ts";
import { listOf, personNamed, splitList } from "./people-queries.ts";
import { ftsQuery, tsQuery } from "./search.ts";
import { spanText } from "./span-text.ts";
import { all, type Dialect, dialect, get, nocase, perDialect, type Query, run } from "./sql.ts";
import type { StatementFilter, StatementRecord, StoredArticle, StoreStats, ViewFilter } from "./store.ts";

/**
 * The record's article and statement queries as record queries (sql.ts), so that every backend answers
 * them with the same SQL, the same order (ties included) and the same row-to-record mapping.
 */

/** Speakers listed by stats(); enough for a summary screen. */
const TOP_SPEAKERS = 5;

const STATEMENT_SELECT = `
  SELECT s.id, s.article_id, s.ordinal, s.person_id, s.resolution, s.kind, s.confidence,
    s.source_start, s.source_end, s.cue_start, s.cue_end, s.content_spans,
    s.raw_source_start, s.raw_source_end, s.raw_cue_start, s.raw_cue_end, s.raw_content_spans,
    s.content, s.published, p.name AS speaker, p.kind AS speaker_kind, a.outlet, a.title, a.url
  FROM statements s
  JOIN articles a ON a.id = s.article_id
  LEFT JOIN persons p ON p.id = s.person_id`;
// Undated statements sort after dated ones; within an article, in text order.
const STATEMENT_ORDER = "ORDER BY s.published IS NULL, s.published, s.article_id, s.ordinal";

export function* articleStored(id: string): Query<boolean> {
  return (yield* get("SELECT 1 AS found FROM articles WHERE id = ?", id)) !== undefined;
}

export function* storedArticle(id: string): Query<StoredArticle | undefined> {
  const row = yield* get<ArticleRow>("SELECT * FROM articles WHERE id = ?", id);
  if (!row) return undefined;
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

/**
 * The cleaned texts of the articles `ids`, read once each, for slicing spans in TypeScript (span-text.ts:
 * SQL substr counts code points, spans count UTF-16 units).
 */
function* articleTexts(
  ids: Iterable<string>,
): Query<(id: string, start: number | null, end: number | null) => string | null> {
  const texts = new Map<string, string>();
  const wanted = [...new Set(ids)];
  if ((yield* dialect()) === "sqlite") {
    for (const id of wanted) {
      const row = yield* get<{ text: string }>("SELECT text FROM articles WHERE id = ?", id);
      texts.set(id, row?.text ?? "");
    }
  } else if (wanted.length > 0) {
    // One round trip over the network instead of one per article.
    const rows = yield* all<{ id: string; text: string }>(
      "SELECT id, text FROM articles WHERE id = ANY(?::text[])",
      wanted,
    );
    for (const row of rows) texts.set(row.id, row.text);
  }
  return (id, start, end) => spanText(texts.get(id) ?? "", start, end);
}

/** Statement rows as records, with their source text and the speaker's office and party on the day. */
function* toStatementRecords(rows: StatementRow[]): Query<StatementRecord[]> {
  const slice = yield* articleTexts(
    rows.filter((row) => row.source_start !== null).map((row) => row.article_id),
  );
  const records: StatementRecord[] = [];
  // A speaker's statements of one day share their term: asked once.
  const terms = new Map<string, StatementRecord["speakerTerm"]>();
  for (const row of rows) {
    const key = `${row.person_id}\u0000${row.published}`;
    let speakerTerm = terms.get(key);
    if (speakerTerm === undefined) {
      speakerTerm = row.person_id === null ? null : yield* termOn(row.person_id, row.published);
      terms.set(key, speakerTerm);
    }
    records.push({
      ...toStatementRecord(row, slice(row.article_id, row.source_start, row.source_end)),
      speakerTerm,
    });
  }
  return records;
}

export function* findStatements(filter: StatementFilter = {}): Query<StatementRecord[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.speaker !== undefined) {
    // One person, by the --speaker rule: an alias several people share no longer pools them.
    const found = yield* personNamed(filter.speaker);
    if (!found) return [];
    where.push("s.person_id = ?");
    params.push(found.id);
  }
  if (filter.search !== undefined) {
    const sqlite = (yield* dialect()) === "sqlite";
    const query = sqlite ? ftsQuery(filter.search) : tsQuery(filter.search);
    if (query === null) return [];
    where.push(
      sqlite
        ? "s.id IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)"
        : "s.search @@ to_tsquery('simple', ?)",
    );
    params.push(query);
  }
  addDateRange(filter, where, params);
  if (filter.minConfidence !== undefined) {
    where.push("s.confidence >= ?");
    params.push(filter.minConfidence);
  }
  let sql = `${STATEMENT_SELECT} ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ${STATEMENT_ORDER}`;
  if (filter.limit !== undefined) {
    sql += " LIMIT ?";
    params.push(Math.max(0, Math.trunc(filter.limit)));
  }
  return yield* toStatementRecords(yield* all<StatementRow>(sql, ...params));
}

/** One person's statements in date order. */
export function* statementsOfPerson(personId: number): Query<StatementRecord[]> {
  return yield* toStatementRecords(
    yield* all<StatementRow>(`${STATEMENT_SELECT} WHERE s.person_id = ? ${STATEMENT_ORDER}`, personId),
  );
}

function viewSql(dialect: Dialect, where: string): string {
  return `SELECT s.id, s.article_id, p.name AS speaker, s.published, a.outlet, a.title, a.url, s.kind, s.confidence,
      s.content, s.content_spans, s.cue_start, s.cue_end, s.context_start, s.context_end,
      s.resolution, s.source_start, s.source_end,
      ${listOf("key", "statement_topics t WHERE t.statement_id = s.id")[dialect]} AS topics
    FROM statements s JOIN articles a ON a.id = s.article_id JOIN persons p ON p.id = s.person_id
    WHERE ${where} ${STATEMENT_ORDER}`;
}

/** One speaker's statements (canonical name or alias) with context and topics, in date order. */
export function* speakerViews(speaker: string, filter: ViewFilter = {}): Query<StatementView[]> {
  const found = yield* personNamed(speaker);
  if (!found) return [];
  const where = ["s.person_id = ?"];
  const params: unknown[] = [found.id];
  addDateRange(filter, where, params);
  for (const key of filter.topicKeys ?? []) {
    where.push(
      `(EXISTS (SELECT 1 FROM statement_topics t WHERE t.statement_id = s.id AND t.key = ?)
        OR EXISTS (SELECT 1 FROM article_topics t WHERE t.article_id = s.article_id AND t.key = ?))`,
    );
    params.push(key, key);
  }
  const condition = where.join(" AND ");
  const rows = yield* all<ViewRow>(
    perDialect((dialect) => viewSql(dialect, condition)),
    ...params,
  );
  // Cue and context are cut from the article in TypeScript, reading each article once.
  const slice = yield* articleTexts(rows.map((row) => row.article_id));
  return rows.map((row) => {
    const spans = JSON.parse(row.content_spans) as Span[];
    return {
      id: row.id,
      articleId: row.article_id,
      speaker: row.speaker,
      published: row.published,
      outlet: row.outlet,
      title: row.title,
      url: row.url,
      kind: row.kind,
      confidence: row.confidence,
      content: row.content,
      span: { start: spans[0]?.start ?? 0, end: spans.at(-1)?.end ?? 0 },
      cue: slice(row.article_id, row.cue_start, row.cue_end),
      context: slice(row.article_id, row.context_start, row.context_end) || row.content,
      contextSpan: spanOf(row.context_start, row.context_end),
      resolution: row.resolution,
      source: slice(row.article_id, row.source_start, row.source_end),
      topics: splitList(row.topics),
    };
  });
}

/** At most about `max` statement contents spread evenly over the store (every step-th id). */
export function* sampleContents(max: number): Query<string[]> {
  const last = (yield* get<{ last: number | null }>("SELECT max(id) AS last FROM statements"))?.last ?? 0;
  const step = Math.max(1, Math.ceil(last / Math.max(1, max)));
  const rows = yield* all<{ content: string }>(
    "SELECT content FROM statements WHERE id % ? = 0 ORDER BY id",
    step,
  );
  return rows.map((row) => row.content);
}

function statsSql(dialect: Dialect): string {
  return `SELECT p.name, ${STATEMENT_ONCE} AS statements
    FROM statements s JOIN persons p ON p.id = s.person_id ${STORY_JOIN}
    GROUP BY p.id ORDER BY statements DESC, ${nocase("p.name")[dialect]} LIMIT ${TOP_SPEAKERS}`;
}
const TOP_SPEAKERS_SQL = perDialect(statsSql);

export function* recordStats(): Query<StoreStats> {
  const count = function* (table: string): Query<number> {
    return (yield* get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n ?? 0;
  };
  const topSpeakers = yield* all<{ name: string; statements: number }>(TOP_SPEAKERS_SQL);
  return {
    articles: yield* count("articles"),
    statements: yield* count("statements"),
    people: yield* count("persons"),
    topSpeakers,
  };
}

export function* cachedVerdict(key: string): Query<Verdict | undefined> {
  const row = yield* get<{ verdict: string }>("SELECT verdict FROM verdicts WHERE key = ?", key);
  return row ? (JSON.parse(row.verdict) as Verdict) : undefined;
}

export function* cacheVerdict(key: string, verdict: Verdict): Query<void> {
  yield* run(
    `INSERT INTO verdicts (key, verdict, created_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET verdict = excluded.verdict, created_at = excluded.created_at`,
    key,
    JSON.stringify(verdict),
    new Date().toISOString(),
  );
}

function spanOf(start: number | null, end: number | null): Span | null {
  return start === null || end === null ? null : { start, end };
}

function toStatementRecord(row: StatementRow, sourceText: string | null): StatementRecord {
  return {
    id: row.id,
    articleId: row.article_id,
    speaker: row.speaker,
    speakerKind: row.speaker_kind,
    sourceText,
    resolution: row.resolution,
    kind: row.kind,
    confidence: row.confidence,
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

/** Inclusive publication-date bounds as SQL conditions on `s.published`. */
function addDateRange(filter: { since?: string; until?: string }, where: string[], params: unknown[]): void {
  if (filter.since !== undefined) {
    where.push("s.published >= ?");
    params.push(filter.since);
  }
  if (filter.until !== undefined) {
    where.push("s.published <= ?");
    params.push(filter.until);
  }
}

interface ArticleRow {
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

interface StatementRow {
  id: number;
  article_id: string;
  ordinal: number;
  person_id: number | null;
  resolution: Speaker["resolution"] | null;
  kind: StatementRecord["kind"];
  confidence: number | null;
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

interface ViewRow {
  id: number;
  article_id: string;
  speaker: string;
  published: string | null;
  outlet: string | null;
  title: string | null;
  url: string | null;
  kind: StatementView["kind"];
  confidence: number | null;
  content: string;
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
