import Database from "better-sqlite3";
import type { StatementView } from "../core/statement.ts";
import type { Verdict } from "../core/verdict.ts";
import { insertArticle } from "./article-writer.ts";
import type { Gazetteer } from "./gazetteer.ts";
import { type OverrideReport, type PersonLink, Registry } from "./identity.ts";
import { type ImportReport, importGazetteer, termAt } from "./known-people.ts";
import { migrate } from "./migrations.ts";
import { linkStory, STATEMENT_ONCE, STORY_JOIN, storiesOf } from "./near-duplicates.ts";
import { checkReadableRecord, checkWritableRecord } from "./open-check.ts";
import { loadOverrides, type Overrides, overridesNextTo } from "./overrides.ts";
import { findPerson, peopleSummaries, personRecord, topicSummaries } from "./people-queries.ts";
import { type SettleReport, settleSurnames } from "./settle.ts";
import { type PollResult, type SourceState, SourceStore } from "./sources.ts";
import { cleanedTextSlicer } from "./span-text.ts";
import { lookupSpeaker } from "./speaker-lookup.ts";
import {
  type ArticleRow,
  addDateRange,
  ftsQuery,
  STATEMENT_ORDER,
  STATEMENT_SELECT,
  type StatementRow,
  toStatementRecord,
  toStatementView,
  toStoredArticle,
  VIEW_SELECT,
  type ViewRow,
} from "./statement-rows.ts";
import type {
  PersonRecord,
  PersonSummary,
  SpeakerLookup,
  StatementFilter,
  StatementRecord,
  Store,
  StoredArticle,
  StoreStats,
  TopicFilter,
  TopicSummary,
  ViewFilter,
} from "./store.ts";
import type { ProcessedArticle } from "./types.ts";

export { ftsQuery };

/** How long a writer waits for another connection's lock before failing (ingest and serve may overlap). */
const BUSY_TIMEOUT_MS = 5000;
/** Speakers listed by stats(); enough for a summary screen. */
const TOP_SPEAKERS = 5;

export interface SqliteStoreOptions {
  readonly?: boolean;
  /** Manual registry corrections; by default the onrecord.overrides.json next to the database, if any. */
  overrides?: Overrides;
}

/**
 * Opens (creating and migrating when writable) the SQLite record at `path`. Outside src/record, use
 * openStore (open-store.ts), which gives the same store behind the Store interface alone.
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteStore {
  return new SqliteStore(path, options);
}

/**
 * The Store on better-sqlite3. The driver is synchronous, so each method does its work before it returns
 * its (already settled) promise: a transaction never interleaves with another caller's.
 */
export class SqliteStore implements Store {
  readonly db: Database.Database;
  private readonly cache = new Map<string, Database.Statement>();
  private readonly registry: Registry;
  private readonly webSources: SourceStore;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    this.db = new Database(path, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.db.pragma("foreign_keys = ON");
    try {
      if (options.readonly) checkReadableRecord(this.db);
      // Before WAL mode or a migration touches the file: it must be ours, or new.
      else checkWritableRecord(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
    if (!options.readonly) {
      // WAL: readers never block the writer; synchronous=NORMAL is still safe against a killed process
      // (only an OS crash can lose the last commits, and never corrupts the file).
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("synchronous = NORMAL");
      migrate(this.db);
    }
    const overridesFile = options.overrides ? undefined : overridesNextTo(path);
    this.registry = new Registry(
      this.db,
      options.overrides ?? (overridesFile ? loadOverrides(overridesFile) : undefined),
    );
    this.webSources = new SourceStore(this.db);
  }

  async applyOverrides(overrides: Overrides): Promise<OverrideReport> {
    return this.registry.applyOverrides(overrides);
  }

  async settleSurnames(): Promise<SettleReport> {
    return settleSurnames(this.db, this.registry);
  }

  async importGazetteer(gazetteer: Gazetteer): Promise<ImportReport & { settled: SettleReport }> {
    const report = importGazetteer(this.db, this.registry, gazetteer);
    return { ...report, settled: settleSurnames(this.db, this.registry) };
  }

  async setOverrides(overrides: Overrides): Promise<void> {
    this.registry.setOverrides(overrides);
  }

  async personLinks(name: string): Promise<PersonLink[]> {
    const found = findPerson(this.db, name);
    return found ? this.registry.links(found.id) : [];
  }

  async lookupSpeaker(query: string): Promise<SpeakerLookup> {
    return lookupSpeaker(this.db, query);
  }

  /** Prepared statements are compiled once per SQL text and reused. */
  private prepare(sql: string): Database.Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }

  /** Statement rows with their source text, sliced from the cleaned text in TypeScript (span-text.ts). */
  private toStatementRecords(rows: StatementRow[]): StatementRecord[] {
    const slice = cleanedTextSlicer(this.db);
    // The speaker's office and party as of the statement's date, when a gazetteer gave them terms.
    return rows.map((row) => ({
      ...toStatementRecord(row, slice(row.article_id, row.source_start, row.source_end)),
      speakerTerm: row.person_id === null ? null : termAt(this.db, row.person_id, row.published),
    }));
  }

  private stored(id: string): boolean {
    return this.prepare("SELECT 1 FROM articles WHERE id = ?").get(id) !== undefined;
  }

  async hasArticle(id: string): Promise<boolean> {
    return this.stored(id);
  }

  async hasArticleUrl(url: string): Promise<boolean> {
    return this.webSources.hasArticleUrl(url);
  }

  async addArticle(article: ProcessedArticle): Promise<{ inserted: boolean; id: string }> {
    const write = this.db.transaction((): boolean => {
      if (this.stored(article.id)) return false;
      insertArticle((sql) => this.prepare(sql), this.registry, article);
      return true;
    });
    // IMMEDIATE takes the write lock up front, so the existence check and the insert cannot interleave
    // with another writer.
    return { inserted: write.immediate(), id: article.id };
  }

  async article(id: string): Promise<StoredArticle | undefined> {
    const row = this.prepare("SELECT * FROM articles WHERE id = ?").get(id) as ArticleRow | undefined;
    return row ? toStoredArticle(row) : undefined;
  }

  async statements(filter: StatementFilter = {}): Promise<StatementRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.speaker !== undefined) {
      // One person, by the --speaker rule: an alias several people share no longer pools them.
      const found = findPerson(this.db, filter.speaker);
      if (!found) return [];
      where.push("s.person_id = ?");
      params.push(found.id);
    }
    if (filter.search !== undefined) {
      const query = ftsQuery(filter.search);
      if (query === null) return [];
      where.push("s.id IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)");
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
    return this.toStatementRecords(this.prepare(sql).all(...params) as StatementRow[]);
  }

  async people(): Promise<PersonSummary[]> {
    return peopleSummaries(this.db);
  }

  async person(name: string): Promise<PersonRecord | undefined> {
    const found = findPerson(this.db, name);
    if (!found) return undefined;
    return personRecord(this.db, found, (id) =>
      this.toStatementRecords(
        this.prepare(`${STATEMENT_SELECT} WHERE s.person_id = ? ${STATEMENT_ORDER}`).all(
          id,
        ) as StatementRow[],
      ),
    );
  }

  async statementViews(speaker: string, filter: ViewFilter = {}): Promise<StatementView[]> {
    const found = findPerson(this.db, speaker);
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
    // Cue and context are cut from the article in TypeScript (span-text.ts: SQL substr counts code points,
    // spans count UTF-16 units), reading each article once.
    const rows = this.prepare(`${VIEW_SELECT} WHERE ${where.join(" AND ")} ${STATEMENT_ORDER}`).all(
      ...params,
    ) as ViewRow[];
    const slice = cleanedTextSlicer(this.db);
    return rows.map((row) => toStatementView(row, slice));
  }

  async contentSample(max: number): Promise<string[]> {
    const last = (this.prepare("SELECT max(id) FROM statements").pluck().get() as number | null) ?? 0;
    // Every step-th row by id: an even spread over the store, read without sorting it.
    const step = Math.max(1, Math.ceil(last / Math.max(1, max)));
    return this.prepare("SELECT content FROM statements WHERE id % ? = 0").pluck().all(step) as string[];
  }

  async topics(filter: TopicFilter = {}): Promise<TopicSummary[]> {
    const found = filter.speaker === undefined ? undefined : findPerson(this.db, filter.speaker);
    if (filter.speaker !== undefined && !found) return [];
    return topicSummaries(this.db, found?.id, filter.limit);
  }

  async linkStory(articleId: string, text: string): Promise<string> {
    return linkStory(this.db, articleId, text);
  }

  async stories(articleIds: readonly string[]): Promise<Record<string, string>> {
    return Object.fromEntries(storiesOf(this.db, articleIds));
  }

  async addSources(urls: readonly string[]): Promise<void> {
    this.webSources.add(urls);
  }

  async sources(urls?: readonly string[]): Promise<SourceState[]> {
    if (urls === undefined) return this.webSources.list();
    return urls.map((url) => this.webSources.get(url)).filter((state) => state !== undefined);
  }

  async recordPoll(url: string, result: PollResult, intervalMs: number, now?: Date): Promise<void> {
    this.webSources.recordPoll(url, result, intervalMs, now);
  }

  async itemKnown(url: string): Promise<boolean> {
    return this.webSources.known(url);
  }

  async rememberItem(url: string, outcome: string): Promise<void> {
    this.webSources.remember(url, outcome);
  }

  async getVerdict(key: string): Promise<Verdict | undefined> {
    const row = this.prepare("SELECT verdict FROM verdicts WHERE key = ?").get(key) as
      | { verdict: string }
      | undefined;
    return row ? (JSON.parse(row.verdict) as Verdict) : undefined;
  }

  async putVerdict(key: string, verdict: Verdict): Promise<void> {
    this.prepare("INSERT OR REPLACE INTO verdicts (key, verdict, created_at) VALUES (?, ?, ?)").run(
      key,
      JSON.stringify(verdict),
      new Date().toISOString(),
    );
  }

  async stats(): Promise<StoreStats> {
    const count = (sql: string) => (this.prepare(sql).get() as { n: number }).n;
    const topSpeakers = this.prepare(
      `SELECT p.name, ${STATEMENT_ONCE} AS statements
       FROM statements s JOIN persons p ON p.id = s.person_id ${STORY_JOIN}
       GROUP BY p.id ORDER BY statements DESC, p.name LIMIT ${TOP_SPEAKERS}`,
    ).all() as { name: string; statements: number }[];
    return {
      articles: count("SELECT count(*) AS n FROM articles"),
      statements: count("SELECT count(*) AS n FROM statements"),
      people: count("SELECT count(*) AS n FROM persons"),
      topSpeakers,
    };
  }

  async close(): Promise<void> {
    this.cache.clear();
    if (this.db.open) this.db.close();
  }
}
