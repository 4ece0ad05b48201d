import type pg from "pg";
import type { ArticleTexts } from "../../core/provenance.ts";
import type { StatementView } from "../../core/statement.ts";
import type { Verdict } from "../../core/verdict.ts";
import { readArticleTexts } from "../article-texts.ts";
import { changeStamp } from "../change-stamp.ts";
import type { Gazetteer } from "../gazetteer.ts";
import { type OverrideReport, type PersonLink, PersonRegistry } from "../identity.ts";
import { type ImportReport, importKnownPeople } from "../known-people.ts";
import { linkArticleStory, storiesOfArticles } from "../near-duplicates.ts";
import type { Overrides } from "../overrides.ts";
import { listPeople } from "../people-queries.ts";
import { personHeader } from "../person-header.ts";
import { type SettleReport, settleBareSurnames } from "../settle.ts";
import {
  addSourceUrls,
  articleUrlStored,
  itemFetched,
  recordSourcePoll,
  rememberItemUrl,
  sourceStates,
} from "../source-queries.ts";
import type { PollResult, SourceState } from "../sources.ts";
import { findSpeaker } from "../speaker-lookup.ts";
import type { Query } from "../sql.ts";
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
} from "../statement-queries.ts";
import {
  type StatementCursor,
  type StatementFacets,
  type StatementPage,
  type StatementQuery,
  searchStatements,
  statementFacets,
} from "../statement-search.ts";
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
} from "../store.ts";
import type { ProcessedArticle } from "../types.ts";
import { REGISTRY_LOCK, writeArticle } from "../write-article.ts";
import { connectPool, type PgStoreOptions } from "./connect.ts";
import { runAsync } from "./run.ts";

/**
 * The record on PostgreSQL, behind the same interface as the embedded SQLite store: the same record queries
 * (../sql.ts) run here over a connection pool. Each article is written in one transaction; writers take
 * turns at the person registry (write-article.ts), so workers on several machines resolve names as one
 * process would. Cheap to open once per worker process: one small pool, migrations checked once.
 */
export async function openPgStore(url: string, options: PgStoreOptions = {}): Promise<PgStore> {
  const pool = await connectPool(url, options);
  return new PgStore(pool, options.overrides);
}

export class PgStore implements Store {
  private readonly registry: PersonRegistry;

  constructor(
    readonly pool: pg.Pool,
    overrides?: Overrides,
  ) {
    this.registry = new PersonRegistry(overrides);
  }

  /** Runs a read on one pooled connection (each statement sees what was committed when it started). */
  private async read<T>(query: Query<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await runAsync(client, query);
    } finally {
      client.release();
    }
  }

  /** Runs a write in one transaction: all of it is stored, or none. */
  private async write<T>(query: Query<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await runAsync(client, query);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async addArticle(article: ProcessedArticle): Promise<{ inserted: boolean; id: string }> {
    return { inserted: await this.write(writeArticle(this.registry, article)), id: article.id };
  }

  hasArticle(id: string): Promise<boolean> {
    return this.read(articleStored(id));
  }

  article(id: string): Promise<StoredArticle | undefined> {
    return this.read(storedArticle(id));
  }

  articleTexts(id: string): Promise<ArticleTexts | undefined> {
    return this.read(readArticleTexts(id));
  }

  statements(filter: StatementFilter = {}): Promise<StatementRecord[]> {
    return this.read(findStatements(filter));
  }

  people(): Promise<PersonSummary[]> {
    return this.read(listPeople());
  }

  person(name: string): Promise<PersonRecord | undefined> {
    return this.read(personByName(name));
  }

  stats(): Promise<StoreStats> {
    return this.read(recordStats());
  }

  searchStatements(query: StatementQuery, limit: number, after?: StatementCursor): Promise<StatementPage> {
    return this.read(searchStatements(query, limit, after));
  }

  statementFacets(query: StatementQuery): Promise<StatementFacets> {
    return this.read(statementFacets(query));
  }

  statementViews(speaker: string, filter: ViewFilter = {}): Promise<StatementView[]> {
    return this.read(speakerViews(speaker, filter));
  }

  contentSample(max: number): Promise<string[]> {
    return this.read(sampleContents(max));
  }

  topics(filter: TopicFilter = {}): Promise<TopicSummary[]> {
    return this.read(topicsFor(filter));
  }

  /** The person a --speaker name means (speaker-lookup.ts), or the candidates when it is ambiguous. */
  lookupSpeaker(query: string): Promise<SpeakerLookup> {
    return this.read(findSpeaker(query));
  }

  /** Why each name was linked to the person found by `name` (canonical name or alias). */
  personLinks(name: string): Promise<PersonLink[]> {
    return this.read(linksNamed(this.registry, name));
  }

  /** Applies manual overrides to the stored people and uses them for later ingests. */
  applyOverrides(overrides: Overrides): Promise<OverrideReport> {
    return this.write(this.registryTurn(this.registry.applyOverrides(overrides)));
  }

  /** Uses `overrides` for the articles added from now on (ingest --overrides). */
  async setOverrides(overrides: Overrides): Promise<void> {
    this.registry.setOverrides(overrides);
  }

  /** Bare surnames decided again with everything now stored (settle.ts). */
  settleSurnames(): Promise<SettleReport> {
    return this.write(this.registryTurn(settleBareSurnames(this.registry)));
  }

  /** Loads a gazetteer into the registry, then settles bare surnames with it. */
  async importGazetteer(gazetteer: Gazetteer): Promise<ImportReport & { settled: SettleReport }> {
    const report = await this.write(this.registryTurn(importKnownPeople(this.registry, gazetteer)));
    return { ...report, settled: await this.settleSurnames() };
  }

  /** Links a stored article to its near-duplicate story (near-duplicates.ts). */
  linkStory(articleId: string, text: string): Promise<string> {
    return this.write(linkArticleStory(articleId, text));
  }

  /** The story id of each given article that has one (an article without one is its own story). */
  async stories(articleIds: readonly string[]): Promise<Record<string, string>> {
    return Object.fromEntries(await this.read(storiesOfArticles(articleIds)));
  }

  hasArticleUrl(url: string): Promise<boolean> {
    return this.read(articleUrlStored(url));
  }

  /** Adds web sources not yet known (due now); known ones keep their state. */
  async addSources(urls: readonly string[]): Promise<void> {
    await this.write(addSourceUrls(urls));
  }

  sources(urls?: readonly string[]): Promise<SourceState[]> {
    return this.read(sourceStates(urls));
  }

  async recordPoll(url: string, result: PollResult, intervalMs: number, now?: Date): Promise<void> {
    await this.write(recordSourcePoll(url, result, intervalMs, now));
  }

  itemKnown(url: string): Promise<boolean> {
    return this.read(itemFetched(url));
  }

  async rememberItem(url: string, outcome: string): Promise<void> {
    await this.write(rememberItemUrl(url, outcome));
  }

  getVerdict(key: string): Promise<Verdict | undefined> {
    return this.read(cachedVerdict(key));
  }

  async putVerdict(key: string, verdict: Verdict): Promise<void> {
    await this.write(cacheVerdict(key, verdict));
  }

  personHeader(name: string): Promise<Omit<PersonRecord, "statements"> | undefined> {
    return this.read(personHeader(name));
  }

  changeStamp(): Promise<string> {
    return this.read(changeStamp());
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  /** A registry change made while no article writer is deciding names (the lock write-article.ts takes). */
  private *registryTurn<T>(query: Query<T>): Query<T> {
    yield { kind: "run", sql: REGISTRY_LOCK, params: [] };
    return yield* query;
  }
}
