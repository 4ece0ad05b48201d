import type { Span } from "../core/span.ts";
import type { AttributionKind, Speaker, StatementView } from "../core/statement.ts";
import type { VerdictCache } from "../core/verdict.ts";
import type { ProcessedArticle } from "./types.ts";

/**
 * The record behind one interface, so the embedded SQLite store and a later PostgreSQL store are
 * interchangeable for the CLI, the server and the analyses. Methods are synchronous because the
 * embedded store is; a networked implementation would wrap this shape in promises.
 */
export interface Store extends VerdictCache {
  /** Stores the article and its statements in one transaction; a stored id is left untouched. */
  addArticle(article: ProcessedArticle): { inserted: boolean; id: string };
  hasArticle(id: string): boolean;
  article(id: string): StoredArticle | undefined;
  statements(filter?: StatementFilter): StatementRecord[];
  people(): PersonSummary[];
  /** Looks a person up by canonical name or any alias, case-insensitively. */
  person(name: string): PersonRecord | undefined;
  stats(): StoreStats;
  /** One speaker's statements (canonical name or alias) with context and topics, in date order. */
  statementViews(speaker: string, filter?: ViewFilter): StatementView[];
  /** At most about `max` statement contents spread evenly over the store: what word weights (IDF) are counted on. */
  contentSample(max: number): string[];
  /** Topics with their statement counts and date ranges, most frequent first. */
  topics(filter?: TopicFilter): TopicSummary[];
  /** Moves statements of bare-surname entries to the person their article or the registry makes obvious. */
  settleSurnames?(): { moved: number; settled: string[] };
  close(): void;
}

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

export interface StatementRecord {
  id: number;
  articleId: string;
  /** Canonical speaker name, or null when the attribution had no resolved speaker. */
  speaker: string | null;
  speakerKind: Speaker["kind"] | null;
  /** The source as written ("the minister"), also when it resolved to no one. */
  sourceText: string | null;
  resolution: Speaker["resolution"] | null;
  kind: AttributionKind;
  /** The extractor's estimate (0-1) that the attribution is right; null when it gave none. */
  confidence: number | null;
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
