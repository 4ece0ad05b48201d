import type { ArticleTexts } from "../core/provenance.ts";
import type { StatementView } from "../core/statement.ts";
import type { Verdict } from "../core/verdict.ts";
import { readArticleTexts } from "./article-texts.ts";
import { changeStamp } from "./change-stamp.ts";
import type { Gazetteer } from "./gazetteer.ts";
import { type OverrideReport, type PersonLink, PersonRegistry } from "./identity.ts";
import { type ImportReport, importKnownPeople } from "./known-people.ts";
import { linkArticleStory, storiesOfArticles } from "./near-duplicates.ts";
import type { Overrides } from "./overrides.ts";
import { listPeople } from "./people-queries.ts";
import { personHeader } from "./person-header.ts";
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
import type { Query } from "./sql.ts";
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
  ArticleOutcome,
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
import { registryTurn, writeArticle, writeArticles } from "./write-article.ts";

/**
 * The Store written once over record queries (sql.ts): every method is one query, and a backend only says
 * how it runs one (`run`), as a read or as one write transaction. SQLite runs them synchronously in
 * process, PostgreSQL over a connection pool; both decide alike because the logic is the same generators.
 */
export abstract class QueryStore implements Store {
  protected readonly registry: PersonRegistry;

  constructor(overrides?: Overrides) {
    this.registry = new PersonRegistry(overrides);
  }

  /** Runs a record query: a read sees what is committed; a write is one transaction, all of it or none. */
  protected abstract run<T>(query: Query<T>, mode: "read" | "write"): Promise<T>;

  abstract close(): Promise<void>;

  private read<T>(query: Query<T>): Promise<T> {
    return this.run(query, "read");
  }

  private write<T>(query: Query<T>): Promise<T> {
    return this.run(query, "write");
  }

  async addArticle(article: ProcessedArticle): Promise<{ inserted: boolean; id: string }> {
    return { inserted: await this.write(writeArticle(this.registry, article)), id: article.id };
  }

  /**
   * Several articles in one transaction (one commit and one turn at the registry for all). When it fails,
   * each article is written alone, so one bad article fails by itself with its own error and the others
   * are stored.
   */
  async addArticles(articles: readonly ProcessedArticle[]): Promise<ArticleOutcome[]> {
    if (articles.length === 0) return [];
    try {
      const inserted = await this.write(writeArticles(this.registry, articles));
      return articles.map((article, i) => ({ id: article.id, inserted: inserted[i] }));
    } catch {
      const outcomes: ArticleOutcome[] = [];
      for (const article of articles) {
        try {
          outcomes.push(await this.addArticle(article));
        } catch (error) {
          outcomes.push({ id: article.id, inserted: false, error: error as Error });
        }
      }
      return outcomes;
    }
  }

  hasArticle(id: string): Promise<boolean> {
    return this.read(articleStored(id));
  }

  hasArticleUrl(url: string): Promise<boolean> {
    return this.read(articleUrlStored(url));
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
  personHeader(name: string): Promise<Omit<PersonRecord, "statements"> | undefined> {
    return this.read(personHeader(name));
  }

  changeStamp(): Promise<string> {
    return this.read(changeStamp());
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

  lookupSpeaker(query: string): Promise<SpeakerLookup> {
    return this.read(findSpeaker(query));
  }

  personLinks(name: string): Promise<PersonLink[]> {
    return this.read(linksNamed(this.registry, name));
  }

  applyOverrides(overrides: Overrides): Promise<OverrideReport> {
    return this.write(registryTurn(this.registry.applyOverrides(overrides)));
  }

  async setOverrides(overrides: Overrides): Promise<void> {
    this.registry.setOverrides(overrides);
  }

  settleSurnames(): Promise<SettleReport> {
    return this.write(registryTurn(settleBareSurnames(this.registry)));
  }

  async importGazetteer(gazetteer: Gazetteer): Promise<ImportReport & { settled: SettleReport }> {
    const report = await this.write(registryTurn(importKnownPeople(this.registry, gazetteer)));
    return { ...report, settled: await this.settleSurnames() };
  }

  linkStory(articleId: string, text: string): Promise<string> {
    return this.write(linkArticleStory(articleId, text));
  }

  async stories(articleIds: readonly string[]): Promise<Record<string, string>> {
    return Object.fromEntries(await this.read(storiesOfArticles(articleIds)));
  }

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
}
