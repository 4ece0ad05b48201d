import Database from "better-sqlite3";
import type { Span } from "../core/span.ts";
import type { Speaker, StatementView } from "../core/statement.ts";
import type { Verdict } from "../core/verdict.ts";
import { aliasForm } from "../nlp/names.ts";
import type { Gazetteer } from "./gazetteer.ts";
import { type OverrideReport, type PersonLink, Registry } from "./identity.ts";
import { type ImportReport, importGazetteer, termAt } from "./known-people.ts";
import { migrate, nameKey } from "./migrations.ts";
import { STATEMENT_ONCE, STORY_JOIN } from "./near-duplicates.ts";
import { checkReadableRecord, checkWritableRecord } from "./open-check.ts";
import { loadOverrides, type Overrides, overridesNextTo } from "./overrides.ts";
import { findPerson, peopleSummaries, personRecord, topicSummaries } from "./people-queries.ts";
import { type SettleReport, settleSurnames } from "./settle.ts";
import { cleanedTextSlicer } from "./span-text.ts";
import type {
  PersonRecord,
  PersonSummary,
  StatementFilter,
  StatementRecord,
  Store,
  StoredArticle,
  StoreStats,
  TopicFilter,
  TopicSummary,
  ViewFilter,
} from "./store.ts";
import type { ProcessedArticle, ProcessedStatement } from "./types.ts";

/** How long a writer waits for another connection's lock before failing (ingest and serve may overlap). */
const BUSY_TIMEOUT_MS = 5000;
/** Speakers listed by stats(); enough for a summary screen. */
const TOP_SPEAKERS = 5;
/** Separator for group_concat: a control character cannot occur in a role title. */
const LIST_SEPARATOR = "\u001f";

export interface SqliteStoreOptions {
  readonly?: boolean;
  /** Manual registry corrections; by default the onrecord.overrides.json next to the database, if any. */
  overrides?: Overrides;
}

/** Opens (creating and migrating when writable) the SQLite record at `path`. */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteStore {
  return new SqliteStore(path, options);
}

export class SqliteStore implements Store {
  readonly db: Database.Database;
  private readonly cache = new Map<string, Database.Statement>();
  private readonly registry: Registry;

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
  }

  /** Applies manual overrides to the stored people and uses them for later ingests. */
  applyOverrides(overrides: Overrides): OverrideReport {
    return this.registry.applyOverrides(overrides);
  }

  /** Bare surnames decided again with everything now stored (settle.ts). */
  settleSurnames(): SettleReport {
    return settleSurnames(this.db, this.registry);
  }

  /** Loads a gazetteer (gazetteer.ts) into the registry, then settles bare surnames with it. */
  importGazetteer(gazetteer: Gazetteer): ImportReport & { settled: SettleReport } {
    const report = importGazetteer(this.db, this.registry, gazetteer);
    return { ...report, settled: this.settleSurnames() };
  }

  /** Uses `overrides` for the articles added from now on (ingest --overrides). */
  setOverrides(overrides: Overrides): void {
    this.registry.setOverrides(overrides);
  }

  /** Why each name was linked to the person found by `name` (canonical name or alias). */
  personLinks(name: string): PersonLink[] {
    const found = this.lookupPerson(name);
    return found ? this.registry.links(found.id) : [];
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

  hasArticle(id: string): boolean {
    return this.prepare("SELECT 1 FROM articles WHERE id = ?").get(id) !== undefined;
  }

  addArticle(article: ProcessedArticle): { inserted: boolean; id: string } {
    const write = this.db.transaction((): boolean => {
      if (this.hasArticle(article.id)) return false;
      this.insertArticle(article);
      return true;
    });
    // IMMEDIATE takes the write lock up front, so the existence check and the insert cannot interleave
    // with another writer.
    return { inserted: write.immediate(), id: article.id };
  }

  private insertArticle(article: ProcessedArticle): void {
    const published = dayOf(article.published);
    this.prepare(
      `INSERT INTO articles (id, origin, format, url, outlet, title, byline, published, raw_text, text, offset_map,
         statement_count, ingested_at, language)
       VALUES (@id, @origin, @format, @url, @outlet, @title, @byline, @published, @rawText, @text, @offsetMap,
         @statementCount, @ingestedAt, @language)`,
    ).run({
      id: article.id,
      origin: article.origin,
      format: article.format,
      url: article.url ?? null,
      outlet: article.outlet ?? null,
      title: article.title ?? null,
      byline: article.byline ?? null,
      published: article.published ?? null,
      rawText: article.rawText,
      text: article.text,
      offsetMap: JSON.stringify(article.offsetMap ?? null),
      statementCount: article.statements.length,
      ingestedAt: new Date().toISOString(),
      language: article.language,
    });
    const insertTopic = this.prepare(
      "INSERT OR IGNORE INTO article_topics (article_id, key, label) VALUES (?, ?, ?)",
    );
    for (const topic of article.topics) insertTopic.run(article.id, topic.key, topic.label);

    // In-article speaker name → stored person, through the registry's merge rules (see identity.ts).
    const personIds = new Map<string, number>();
    const personId = (
      speaker: Pick<Speaker, "name" | "kind"> & Partial<Speaker>,
      source: Span | null,
    ): number => {
      const key = nameKey(speaker.name);
      const known = personIds.get(key);
      if (known !== undefined) return known;
      const id = this.registry.link(speaker, {
        articleId: article.id,
        span: source,
        text: article.text,
        day: published,
      });
      personIds.set(key, id);
      return id;
    };
    const setLocalName = this.prepare(
      "UPDATE statements SET local_name_key = ? WHERE article_id = ? AND ordinal = ?",
    );
    // Roles and aliases repeat across an article's statements; collect them once per article and
    // write each once (this halves the rows touched per article).
    const roles = new Map<number, Set<string>>();
    const aliases = new Map<number, { name: string; forms: Set<string> }>();
    const addAlias = (id: number, name: string, alias: string) => {
      const trimmed = alias.trim();
      if (!trimmed || nameKey(trimmed) === nameKey(name)) return;
      const entry = aliases.get(id) ?? { name, forms: new Set<string>() };
      entry.forms.add(trimmed);
      aliases.set(id, entry);
    };

    article.statements.forEach((statement, ordinal) => {
      const speaker = statement.speaker;
      let id: number | null = null;
      if (speaker?.name && namesSomeone(speaker)) {
        id = personId(speaker, statement.source);
        const known = roles.get(id) ?? new Set<string>();
        for (const role of speaker.roles ?? []) known.add(role);
        roles.set(id, known);
        if (statement.source && (speaker.resolution === "name" || speaker.resolution === "alias")) {
          const written = article.text.slice(statement.source.start, statement.source.end);
          addAlias(id, speaker.name, aliasForm(written, speaker.kind));
        }
      }
      this.insertStatement(article.id, ordinal, id, statement, published);
      if (speaker?.name) setLocalName.run(nameKey(speaker.name), article.id, ordinal);
    });
    for (const person of article.people) {
      // Only people who speak somewhere in the record get a row; the rest would be noise in `people`.
      const id = personIds.get(nameKey(person.name));
      if (id === undefined) continue;
      for (const alias of person.aliases) {
        addAlias(id, person.name, alias);
        if (nameKey(alias) === nameKey(person.name)) continue;
        const rule = person.hoverNames?.includes(alias)
          ? "hover-card full name"
          : "same person in the article";
        this.registry.note(
          id,
          alias,
          rule,
          { articleId: article.id, span: null },
          `alias of "${person.name}"`,
        );
      }
    }
    for (const [id, names] of roles) for (const role of names) this.recordRole(id, role, published);
    const insertAlias = this.prepare(
      "INSERT OR IGNORE INTO aliases (person_id, alias, alias_key) VALUES (?, ?, ?)",
    );
    for (const [id, entry] of aliases)
      for (const alias of entry.forms) insertAlias.run(id, alias, nameKey(alias));
  }

  private recordRole(personId: number, role: string, day: string | null): void {
    this.prepare(
      `INSERT INTO roles (person_id, role, first_seen, last_seen) VALUES (?, ?, ?, ?)
       ON CONFLICT (person_id, role) DO UPDATE SET
         first_seen = CASE WHEN first_seen IS NULL OR excluded.first_seen < first_seen
                           THEN coalesce(excluded.first_seen, first_seen) ELSE first_seen END,
         last_seen = CASE WHEN last_seen IS NULL OR excluded.last_seen > last_seen
                          THEN coalesce(excluded.last_seen, last_seen) ELSE last_seen END`,
    ).run(personId, role, day, day);
  }

  private insertStatement(
    articleId: string,
    ordinal: number,
    personId: number | null,
    statement: ProcessedStatement,
    published: string | null,
  ): void {
    const { lastInsertRowid } = this.prepare(
      `INSERT INTO statements (article_id, ordinal, person_id, resolution, kind,
         source_start, source_end, cue_start, cue_end, content_spans,
         raw_source_start, raw_source_end, raw_cue_start, raw_cue_end, raw_content_spans, content, published,
         context_start, context_end, confidence)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      articleId,
      ordinal,
      personId,
      statement.speaker?.resolution ?? null,
      statement.kind,
      statement.source?.start ?? null,
      statement.source?.end ?? null,
      statement.cue?.start ?? null,
      statement.cue?.end ?? null,
      JSON.stringify(statement.content.map(plainSpan)),
      statement.rawSource?.start ?? null,
      statement.rawSource?.end ?? null,
      statement.rawCue?.start ?? null,
      statement.rawCue?.end ?? null,
      JSON.stringify(statement.rawContent.map(plainSpan)),
      statement.contentText,
      published,
      statement.context.start,
      statement.context.end,
      statement.confidence,
    );
    const insertTopic = this.prepare(
      "INSERT OR IGNORE INTO statement_topics (statement_id, key, label) VALUES (?, ?, ?)",
    );
    for (const topic of statement.topics) insertTopic.run(lastInsertRowid, topic.key, topic.label);
  }

  article(id: string): StoredArticle | undefined {
    const row = this.prepare("SELECT * FROM articles WHERE id = ?").get(id) as ArticleRow | undefined;
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

  statements(filter: StatementFilter = {}): StatementRecord[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.speaker !== undefined) {
      // One person, by the --speaker rule: an alias several people share no longer pools them.
      const found = this.lookupPerson(filter.speaker);
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

  people(): PersonSummary[] {
    return peopleSummaries(this.db);
  }

  /** The person a name means, by the one --speaker rule (speaker-lookup.ts). */
  private lookupPerson(name: string): { id: number; alsoMatches: string[] } | undefined {
    return findPerson(this.db, name);
  }

  person(name: string): PersonRecord | undefined {
    const found = this.lookupPerson(name);
    if (!found) return undefined;
    return personRecord(this.db, found, (id) =>
      this.toStatementRecords(
        this.prepare(`${STATEMENT_SELECT} WHERE s.person_id = ? ${STATEMENT_ORDER}`).all(
          id,
        ) as StatementRow[],
      ),
    );
  }

  statementViews(speaker: string, filter: ViewFilter = {}): StatementView[] {
    const found = this.lookupPerson(speaker);
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
    const rows = this.prepare(
      `SELECT s.id, s.article_id, p.name AS speaker, s.published, a.outlet, a.title, a.url, s.kind, s.confidence,
         s.content, s.content_spans, s.cue_start, s.cue_end, s.context_start, s.context_end,
         s.resolution, s.source_start, s.source_end,
         (SELECT group_concat(key, '${LIST_SEPARATOR}') FROM statement_topics t WHERE t.statement_id = s.id) AS topics
       FROM statements s JOIN articles a ON a.id = s.article_id JOIN persons p ON p.id = s.person_id
       WHERE ${where.join(" AND ")} ${STATEMENT_ORDER}`,
    ).all(...params) as ViewRow[];
    const slice = cleanedTextSlicer(this.db);
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

  contentSample(max: number): string[] {
    const last = (this.prepare("SELECT max(id) FROM statements").pluck().get() as number | null) ?? 0;
    // Every step-th row by id: an even spread over the store, read without sorting it.
    const step = Math.max(1, Math.ceil(last / Math.max(1, max)));
    return this.prepare("SELECT content FROM statements WHERE id % ? = 0").pluck().all(step) as string[];
  }

  topics(filter: TopicFilter = {}): TopicSummary[] {
    const found = filter.speaker === undefined ? undefined : this.lookupPerson(filter.speaker);
    if (filter.speaker !== undefined && !found) return [];
    return topicSummaries(this.db, found?.id, filter.limit);
  }

  getVerdict(key: string): Verdict | undefined {
    const row = this.prepare("SELECT verdict FROM verdicts WHERE key = ?").get(key) as
      | { verdict: string }
      | undefined;
    return row ? (JSON.parse(row.verdict) as Verdict) : undefined;
  }

  putVerdict(key: string, verdict: Verdict): void {
    this.prepare("INSERT OR REPLACE INTO verdicts (key, verdict, created_at) VALUES (?, ?, ?)").run(
      key,
      JSON.stringify(verdict),
      new Date().toISOString(),
    );
  }

  stats(): StoreStats {
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

  close(): void {
    this.cache.clear();
    if (this.db.open) this.db.close();
  }
}

export const STATEMENT_SELECT = `
  SELECT s.*, p.name AS speaker, p.kind AS speaker_kind, a.outlet, a.title, a.url
  FROM statements s
  JOIN articles a ON a.id = s.article_id
  LEFT JOIN persons p ON p.id = s.person_id`;
// Undated statements sort after dated ones; within an article, in text order.
const STATEMENT_ORDER = "ORDER BY s.published IS NULL, s.published, s.article_id, s.ordinal";

/**
 * Turns user input into a safe FTS5 query: every whitespace-separated word becomes a quoted phrase
 * (quotes doubled), so operators and syntax characters in the input are searched for, never executed.
 * Returns null when nothing searchable remains.
 */
export function ftsQuery(input: string): string | null {
  const words = input.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length === 0) return null;
  return words.map((word) => `"${word.replaceAll('"', '""')}"`).join(" ");
}

/** The YYYY-MM-DD day of an ISO date or date-time, or null when the value is not one. */
export function dayOf(published: string | undefined): string | null {
  const match = published?.match(/^(\d{4}-\d{2}-\d{2})/);
  return match ? match[1] : null;
}

/**
 * Whether a speaker is someone the registry can hold: an unresolved description ("the minister",
 * "officials", "the department") names nobody in particular, and linking it by its words would pool every
 * article's "minister" into one person. Such statements are stored without a person.
 */
export function namesSomeone(speaker: Pick<Speaker, "resolution" | "mention">): boolean {
  return !(speaker.resolution === "description" && !speaker.mention);
}

function plainSpan(span: Span): Span {
  return { start: span.start, end: span.end };
}

function splitList(value: string | null): string[] {
  return value ? value.split(LIST_SEPARATOR) : [];
}

function spanOf(start: number | null, end: number | null): Span | null {
  return start === null || end === null ? null : { start, end };
}

export function toStatementRecord(row: StatementRow, sourceText: string | null): StatementRecord {
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

export interface StatementRow {
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
