import type { ArticleTexts } from "../core/provenance.ts";
import type { Span } from "../core/span.ts";
import type { Speaker, StatementFacts, StatementView } from "../core/statement.ts";
import type { Verdict, VerdictCache } from "../core/verdict.ts";
import type { Gazetteer } from "./gazetteer.ts";
import type { OverrideReport, PersonLink } from "./identity.ts";
import type { ImportReport } from "./known-people.ts";
import type { Overrides } from "./overrides.ts";
import type { SettleReport } from "./settle.ts";
import type { PollResult, SourceState } from "./sources.ts";
import type { StatementCursor, StatementFacets, StatementPage, StatementQuery } from "./statement-search.ts";
import type { ProcessedArticle } from "./types.ts";

/**
 * The record behind one interface: the CLI, src/app, a server and the analyses use this alone, so the
 * embedded SQLite store (sqlite.ts) and a networked one (PostgreSQL) are interchangeable. Every method
 * returns a promise (a network round trip cannot be synchronous) and plain data. `openStore`
 * (open-store.ts) picks the backend; test/store-conformance.ts is what every backend must pass.
 */
export interface Store extends VerdictCache {
  /** Stores the article and its statements in one transaction; a stored id is left untouched. */
  addArticle(article: ProcessedArticle): Promise<{ inserted: boolean; id: string }>;
  /**
   * Stores several articles, each all or nothing, in one transaction when none fails (one commit for all);
   * an article that cannot be stored gets its error and the others are stored.
   */
  addArticles(articles: readonly ProcessedArticle[]): Promise<ArticleOutcome[]>;
  hasArticle(id: string): Promise<boolean>;
  /** Whether an article with this canonical URL is stored (a page met again under another address). */
  hasArticleUrl(url: string): Promise<boolean>;
  article(id: string): Promise<StoredArticle | undefined>;
  /** An article's page (by hash), extracted and cleaned texts, and the maps between them (core/provenance.ts). */
  articleTexts(id: string): Promise<ArticleTexts | undefined>;
  statements(filter?: StatementFilter): Promise<StatementRecord[]>;
  people(): Promise<PersonSummary[]>;
  /** Looks a person up by id, canonical name or alias, case-insensitively. */
  person(name: string): Promise<PersonRecord | undefined>;
  /** Why each name was linked to the person `name` finds (rule and evidence); empty when none. */
  personLinks(name: string): Promise<PersonLink[]>;
  /** The one rule every `--speaker NAME` follows: one person, several candidates, or none. */
  lookupSpeaker(query: string): Promise<SpeakerLookup>;
  stats(): Promise<StoreStats>;
  /** One speaker's statements (id, canonical name or alias) with context and topics, in date order. */
  statementViews(speaker: string, filter?: ViewFilter): Promise<StatementView[]>;
  /** At most about `max` statement contents spread evenly over the store: what word weights (IDF) are counted on. */
  contentSample(max: number): Promise<string[]>;
  /** Topics with their statement counts and date ranges, most frequent first. */
  topics(filter?: TopicFilter): Promise<TopicSummary[]>;
  /** Links a stored article to the story of its nearest stored near-duplicate; returns the story id. */
  linkStory(articleId: string, text: string): Promise<string>;
  /** The story id of each given article that has one (an article without one is its own story). */
  stories(articleIds: readonly string[]): Promise<Record<string, string>>;
  /** Moves statements of bare-surname entries to the person their article or the registry makes obvious. */
  settleSurnames(): Promise<SettleReport>;
  /** Applies manual overrides to the stored people (re-linking statements) and keeps them for later ingests. */
  applyOverrides(overrides: Overrides): Promise<OverrideReport>;
  /** Uses `overrides` for the articles added from now on (ingest --overrides). */
  setOverrides(overrides: Overrides): Promise<void>;
  /** Loads known people (gazetteer.ts) into the registry, then settles bare surnames with them. */
  importGazetteer(gazetteer: Gazetteer): Promise<ImportReport & { settled: SettleReport }>;
  /** Adds web sources not yet known (due now); known ones keep their state. */
  addSources(urls: readonly string[]): Promise<void>;
  /** The state of the given sources (unknown ones left out), or of all, ordered by URL. */
  sources(urls?: readonly string[]): Promise<SourceState[]>;
  /** Records a poll of a source: success resets its errors, failure backs it off. */
  recordPoll(url: string, result: PollResult, intervalMs: number, now?: Date): Promise<void>;
  /** Whether an item URL was fetched before (stored as an article, or tried and recorded). */
  itemKnown(url: string): Promise<boolean>;
  /** Records a fetched item URL and what came of it, so it is never fetched again. */
  rememberItem(url: string, outcome: string): Promise<void>;
  getVerdict(key: string): Promise<Verdict | undefined>;
  putVerdict(key: string, verdict: Verdict): Promise<void>;
  close(): Promise<void>;
  /**
   * Statement search for the web app and the API (statement-search.ts): every filter, newest first, pages
   * with stable cursors. Optional: a backend without it serves everything but search and articles' pages.
   */
  searchStatements(query: StatementQuery, limit: number, after?: StatementCursor): Promise<StatementPage>;
  /** Facet counts (speaker, outlet, month, topic) over what a search matches. */
  statementFacets(query: StatementQuery): Promise<StatementFacets>;
  /** As `person()`, without the statements (their count and first and last dates are still there). */
  personHeader(name: string): Promise<Omit<PersonRecord, "statements"> | undefined>;
  /** Changes whenever the record may have changed, this or another connection's writes (change-stamp.ts). */
  changeStamp(): Promise<string>;
}

/** What became of one article of addArticles: stored (`inserted`), already present, or failed (`error`). */
export interface ArticleOutcome {
  id: string;
  inserted: boolean;
  error?: Error;
}

/** Who `--speaker NAME` may mean: its id, name, statement count and Wikidata QID. */
export interface SpeakerCandidate {
  id: number;
  name: string;
  statements: number;
  qid: string | null;
}

export type SpeakerLookup =
  | { found: SpeakerCandidate; rule: "id" | "qid" | "name" | "alias" | "surname" }
  | { ambiguous: SpeakerCandidate[] }
  | { none: true };

export interface ViewFilter {
  since?: string;
  until?: string;
  /** Every key must be among the statement's topics. */
  topicKeys?: string[];
}

export interface TopicFilter {
  speaker?: string;
  limit?: number;
}

export interface TopicSummary {
  key: string;
  label: string;
  statements: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface StatementFilter {
  /** Canonical name or alias, case-insensitive. */
  speaker?: string;
  /** Words to find in the content or the speaker's name (all must occur). */
  search?: string;
  /** Inclusive bounds on the article's publication date, YYYY-MM-DD. */
  since?: string;
  until?: string;
  /** Only statements whose extractor gave at least this confidence (statements without one are left out). */
  minConfidence?: number;
  limit?: number;
}

export interface StoredArticle {
  id: string;
  origin: string;
  format: string;
  title: string | null;
  url: string | null;
  outlet: string | null;
  byline: string | null;
  published: string | null;
  rawText: string;
  text: string;
  offsetMap: unknown;
  statementCount: number;
  ingestedAt: string;
}

export interface StatementRecord extends StatementFacts {
  id: number;
  articleId: string;
  /** Canonical speaker name, or null when the attribution had no resolved speaker. */
  speaker: string | null;
  speakerKind: Speaker["kind"] | null;
  /** The source as written ("the minister"), also when it resolved to no one. */
  sourceText: string | null;
  resolution: Speaker["resolution"] | null;
  content: string;
  /** Spans into the stored cleaned text of the article. */
  source: Span | null;
  cue: Span | null;
  contentSpans: Span[];
  /** The same spans into the stored raw text. */
  rawSource: Span | null;
  rawCue: Span | null;
  rawContentSpans: Span[];
  published: string | null;
  outlet: string | null;
  title: string | null;
  url: string | null;
  /** The speaker's office and party on the statement's date, when a gazetteer knows them. */
  speakerTerm?: TermInfo | null;
}

export interface PersonSummary {
  name: string;
  kind: Speaker["kind"];
  /** Wikidata QID when a gazetteer named the person (people import). */
  qid: string | null;
  statements: number;
  firstSeen: string | null;
  lastSeen: string | null;
  roles: string[];
}

export interface RoleRecord {
  role: string;
  firstSeen: string | null;
  lastSeen: string | null;
}

/** An office and party held over a period, from a gazetteer (people import). */
export interface TermInfo {
  role: string;
  party: string | null;
  state: string | null;
  district: string | null;
  start: string | null;
  end: string | null;
}

export interface PersonRecord {
  id: number;
  name: string;
  /** Wikidata QID when a gazetteer named the person (people import). */
  qid: string | null;
  /** Offices and parties from a gazetteer, oldest first. */
  terms: TermInfo[];
  kind: Speaker["kind"];
  aliases: string[];
  /** Other people the looked-up name is also an alias of (an ambiguous surname). */
  alsoMatches: string[];
  roles: RoleRecord[];
  party: string | null;
  state: string | null;
  statementCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
  /** In publication date order (undated last). */
  statements: StatementRecord[];
}

export interface StoreStats {
  articles: number;
  statements: number;
  people: number;
  topSpeakers: { name: string; statements: number }[];
}
