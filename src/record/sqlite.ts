import Database from "better-sqlite3";
import type { ArticleTexts } from "../core/provenance.ts";
import type { StatementView } from "../core/statement.ts";
import type { Verdict } from "../core/verdict.ts";
import { readArticleTexts } from "./article-texts.ts";
import { changeStamp } from "./change-stamp.ts";
import type { Gazetteer } from "./gazetteer.ts";
import { type OverrideReport, type PersonLink, PersonRegistry } from "./identity.ts";
import { type ImportReport, importKnownPeople } from "./known-people.ts";
import { migrate } from "./migrations.ts";
import { linkArticleStory, storiesOfArticles } from "./near-duplicates.ts";
import { checkReadableRecord, checkWritableRecord } from "./open-check.ts";
import { loadOverrides, type Overrides, overridesNextTo } from "./overrides.ts";
import { listPeople } from "./people-queries.ts";
import { personHeader } from "./person-header.ts";
import { ftsQuery } from "./search.ts";
import { type SettleReport, settleBareSurnames } from "./settle.ts";
import {
  addSourceUrls,
  articleUrlStored,
  itemFetched,
  recordSourcePoll,
  rememberItemUrl,
  sourceStates,
} from "./source-queries.ts";
import type { PollResult, SourceState } from "./sources.ts";
import { findSpeaker } from "./speaker-lookup.ts";
import { type Query, runSync } from "./sql.ts";
import {
  articleStored,
  cachedVerdict,
  cacheVerdict,
  findStatements,
  linksNamed,
  personByName,
  recordStats,
  sampleContents,
  speakerViews,
  storedArticle,
  topicsFor,
} from "./statement-queries.ts";
import {
  type StatementCursor,
  type StatementFacets,
  type StatementPage,
  type StatementQuery,
  searchStatements,
  statementFacets,
} from "./statement-search.ts";
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
import { writeArticle } from "./write-article.ts";

export { ftsQuery };

/** How long a writer waits for another connection's lock before failing (ingest and serve may overlap). */
const BUSY_TIMEOUT_MS = 5000;
/** Address space a read-only connection maps (not memory it takes: pages come from the OS cache). */
const READER_MMAP_BYTES = 1024 * 1024 * 1024;

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
  private readonly registry: PersonRegistry;

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
    // A reader (`serve`) maps the file instead of copying each page it reads through a system call: on
    // a 100,000-article record the web app's uncached pages spent much of their time in those copies.
    if (options.readonly) this.db.pragma(`mmap_size = ${READER_MMAP_BYTES}`);
    if (!options.readonly) {
      // WAL: readers never block the writer; synchronous=NORMAL is still safe against a killed process
      // (only an OS crash can lose the last commits, and never corrupts the file).
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("synchronous = NORMAL");
      migrate(this.db);
    }
    const overridesFile = options.overrides ? undefined : overridesNextTo(path);
    this.registry = new PersonRegistry(
      options.overrides ?? (overridesFile ? loadOverrides(overridesFile) : undefined),
    );
  }

  /** Runs a record query (sql.ts) on this database. */
  private read<T>(query: Query<T>): T {
    return runSync(this.db, query);
  }

  /**
   * Runs a record query in one write transaction. IMMEDIATE takes the write lock up front, so what it reads
   * (is the article stored? who is this name?) cannot change under it before it writes.
   */
  private write<T>(query: Query<T>): T {
    return this.db.transaction(() => runSync(this.db, query)).immediate();
  }

  async applyOverrides(overrides: Overrides): Promise<OverrideReport> {
    return this.write(this.registry.applyOverrides(overrides));
  }

  async settleSurnames(): Promise<SettleReport> {
    return this.write(settleBareSurnames(this.registry));
  }

  async importGazetteer(gazetteer: Gazetteer): Promise<ImportReport & { settled: SettleReport }> {
    const report = this.write(importKnownPeople(this.registry, gazetteer));
    return { ...report, settled: this.write(settleBareSurnames(this.registry)) };
  }

  async setOverrides(overrides: Overrides): Promise<void> {
    this.registry.setOverrides(overrides);
  }

  async personLinks(name: string): Promise<PersonLink[]> {
    return this.read(linksNamed(this.registry, name));
  }

  async lookupSpeaker(query: string): Promise<SpeakerLookup> {
    return this.read(findSpeaker(query));
  }

  async hasArticle(id: string): Promise<boolean> {
    return this.read(articleStored(id));
  }

  async hasArticleUrl(url: string): Promise<boolean> {
    return this.read(articleUrlStored(url));
  }

  async addArticle(article: ProcessedArticle): Promise<{ inserted: boolean; id: string }> {
    return { inserted: this.write(writeArticle(this.registry, article)), id: article.id };
  }

  async article(id: string): Promise<StoredArticle | undefined> {
    return this.read(storedArticle(id));
  }

  async articleTexts(id: string): Promise<ArticleTexts | undefined> {
    return this.read(readArticleTexts(id));
  }

  async statements(filter: StatementFilter = {}): Promise<StatementRecord[]> {
    return this.read(findStatements(filter));
  }

  async people(): Promise<PersonSummary[]> {
    return this.read(listPeople());
  }

  async person(name: string): Promise<PersonRecord | undefined> {
    return this.read(personByName(name));
  }

  async statementViews(speaker: string, filter: ViewFilter = {}): Promise<StatementView[]> {
    return this.read(speakerViews(speaker, filter));
  }

  async contentSample(max: number): Promise<string[]> {
    return this.read(sampleContents(max));
  }

  async topics(filter: TopicFilter = {}): Promise<TopicSummary[]> {
    return this.read(topicsFor(filter));
  }

  async linkStory(articleId: string, text: string): Promise<string> {
    return this.write(linkArticleStory(articleId, text));
  }

  async stories(articleIds: readonly string[]): Promise<Record<string, string>> {
    return Object.fromEntries(this.read(storiesOfArticles(articleIds)));
  }

  async addSources(urls: readonly string[]): Promise<void> {
    this.write(addSourceUrls(urls));
  }

  async sources(urls?: readonly string[]): Promise<SourceState[]> {
    return this.read(sourceStates(urls));
  }

  async recordPoll(url: string, result: PollResult, intervalMs: number, now?: Date): Promise<void> {
    this.write(recordSourcePoll(url, result, intervalMs, now));
  }

  async itemKnown(url: string): Promise<boolean> {
    return this.read(itemFetched(url));
  }

  async rememberItem(url: string, outcome: string): Promise<void> {
    this.write(rememberItemUrl(url, outcome));
  }

  async getVerdict(key: string): Promise<Verdict | undefined> {
    return this.read(cachedVerdict(key));
  }

  async putVerdict(key: string, verdict: Verdict): Promise<void> {
    this.write(cacheVerdict(key, verdict));
  }

  async stats(): Promise<StoreStats> {
    return this.read(recordStats());
  }

  async searchStatements(
    query: StatementQuery,
    limit: number,
    after?: StatementCursor,
  ): Promise<StatementPage> {
    return this.read(searchStatements(query, limit, after));
  }

  async statementFacets(query: StatementQuery): Promise<StatementFacets> {
    return this.read(statementFacets(query));
  }

  async personHeader(name: string): Promise<Omit<PersonRecord, "statements"> | undefined> {
    return this.read(personHeader(name));
  }

  async changeStamp(): Promise<string> {
    return this.read(changeStamp());
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
