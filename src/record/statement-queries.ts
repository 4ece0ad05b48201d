import type { StatementView } from "../core/statement.ts";
import type { Verdict } from "../core/verdict.ts";
import type { PersonLink, PersonRegistry } from "./identity.ts";
import { termOn } from "./known-people.ts";
import { STATEMENT_ONCE, STORY_JOIN } from "./near-duplicates.ts";
import { listTopics, personDetails, personNamed } from "./people-queries.ts";
import { ftsQuery, tsQuery } from "./search.ts";
import { spanText } from "./span-text.ts";
import { all, type Dialect, dialect, get, nocase, perDialect, type Query, run } from "./sql.ts";
import {
  type ArticleRow,
  addDateRange,
  type Slicer,
  STATEMENT_ORDER,
  STATEMENT_SELECT,
  type StatementRow,
  toStatementRecord,
  toStatementView,
  toStoredArticle,
  type ViewRow,
  viewSelect,
} from "./statement-rows.ts";
import type {
  PersonRecord,
  StatementFilter,
  StatementRecord,
  StoredArticle,
  StoreStats,
  TopicFilter,
  TopicSummary,
  ViewFilter,
} from "./store.ts";

/**
 * The record's article and statement queries as record queries (sql.ts), so that every backend answers
 * them with the same SQL, the same order (ties included) and the same row-to-record mapping.
 */

/** Speakers listed by stats(); enough for a summary screen. */
const TOP_SPEAKERS = 5;

export function* articleStored(id: string): Query<boolean> {
  return (yield* get("SELECT 1 AS found FROM articles WHERE id = ?", id)) !== undefined;
}

export function* storedArticle(id: string): Query<StoredArticle | undefined> {
  const row = yield* get<ArticleRow>("SELECT * FROM articles WHERE id = ?", id);
  return row ? toStoredArticle(row) : undefined;
}

/**
 * The cleaned texts of the articles `ids`, read once each, for slicing spans in TypeScript (span-text.ts:
 * SQL substr counts code points, spans count UTF-16 units).
 */
function* articleTexts(ids: Iterable<string>): Query<Slicer> {
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
export function* toStatementRecords(rows: StatementRow[]): Query<StatementRecord[]> {
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

/** The person a name means (people-queries.ts personNamed), with aliases, roles, terms and statements. */
export function* personByName(name: string): Query<PersonRecord | undefined> {
  const found = yield* personNamed(name);
  if (!found) return undefined;
  return yield* personDetails(found, yield* statementsOfPerson(found.id));
}

/** Topics of the whole record, or of the speaker the filter names (none when it names no one). */
export function* topicsFor(filter: TopicFilter = {}): Query<TopicSummary[]> {
  const found = filter.speaker === undefined ? undefined : yield* personNamed(filter.speaker);
  if (filter.speaker !== undefined && !found) return [];
  return yield* listTopics(found?.id, filter.limit);
}

/** Why each name was linked to the person `name` finds (identity.ts); empty when it finds no one. */
export function* linksNamed(registry: PersonRegistry, name: string): Query<PersonLink[]> {
  const found = yield* personNamed(name);
  return found ? yield* registry.links(found.id) : [];
}

/** One person's statements in date order. */
export function* statementsOfPerson(personId: number): Query<StatementRecord[]> {
  return yield* toStatementRecords(
    yield* all<StatementRow>(`${STATEMENT_SELECT} WHERE s.person_id = ? ${STATEMENT_ORDER}`, personId),
  );
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
    perDialect((dialect) => `${viewSelect(dialect)} WHERE ${condition} ${STATEMENT_ORDER}`),
    ...params,
  );
  // Cue and context are cut from the article in TypeScript, reading each article once.
  const slice = yield* articleTexts(rows.map((row) => row.article_id));
  return rows.map((row) => toStatementView(row, slice));
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
