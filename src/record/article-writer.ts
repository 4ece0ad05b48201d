import type Database from "better-sqlite3";
import type { Span } from "../core/span.ts";
import type { Speaker } from "../core/statement.ts";
import { aliasForm } from "../nlp/names.ts";
import type { Registry } from "./identity.ts";
import { nameKey } from "./migrations.ts";
import type { ProcessedArticle, ProcessedStatement } from "./types.ts";

/** A prepared statement for an SQL text, compiled once per connection (SqliteStore.prepare). */
export type Prepare = (sql: string) => Database.Statement;

/**
 * Writes one processed article into the SQLite record: the article row, its topics, its statements with
 * their speakers linked to persons through the registry (identity.ts), and the speakers' roles and
 * aliases. The caller runs it inside one transaction (SqliteStore.addArticle).
 */
export function insertArticle(prepare: Prepare, registry: Registry, article: ProcessedArticle): void {
  const published = dayOf(article.published);
  prepare(
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
  const insertTopic = prepare(
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
    const id = registry.link(speaker, {
      articleId: article.id,
      span: source,
      text: article.text,
      day: published,
    });
    personIds.set(key, id);
    return id;
  };
  const setLocalName = prepare(
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
    insertStatement(prepare, article.id, ordinal, id, statement, published);
    if (speaker?.name) setLocalName.run(nameKey(speaker.name), article.id, ordinal);
  });
  for (const person of article.people) {
    // Only people who speak somewhere in the record get a row; the rest would be noise in `people`.
    const id = personIds.get(nameKey(person.name));
    if (id === undefined) continue;
    for (const alias of person.aliases) {
      addAlias(id, person.name, alias);
      if (nameKey(alias) === nameKey(person.name)) continue;
      const rule = person.hoverNames?.includes(alias) ? "hover-card full name" : "same person in the article";
      registry.note(id, alias, rule, { articleId: article.id, span: null }, `alias of "${person.name}"`);
    }
  }
  for (const [id, names] of roles) for (const role of names) recordRole(prepare, id, role, published);
  const insertAlias = prepare("INSERT OR IGNORE INTO aliases (person_id, alias, alias_key) VALUES (?, ?, ?)");
  for (const [id, entry] of aliases)
    for (const alias of entry.forms) insertAlias.run(id, alias, nameKey(alias));
}

function recordRole(prepare: Prepare, personId: number, role: string, day: string | null): void {
  prepare(
    `INSERT INTO roles (person_id, role, first_seen, last_seen) VALUES (?, ?, ?, ?)
     ON CONFLICT (person_id, role) DO UPDATE SET
       first_seen = CASE WHEN first_seen IS NULL OR excluded.first_seen < first_seen
                         THEN coalesce(excluded.first_seen, first_seen) ELSE first_seen END,
       last_seen = CASE WHEN last_seen IS NULL OR excluded.last_seen > last_seen
                        THEN coalesce(excluded.last_seen, last_seen) ELSE last_seen END`,
  ).run(personId, role, day, day);
}

function insertStatement(
  prepare: Prepare,
  articleId: string,
  ordinal: number,
  personId: number | null,
  statement: ProcessedStatement,
  published: string | null,
): void {
  const { lastInsertRowid } = prepare(
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
  const insertTopic = prepare(
    "INSERT OR IGNORE INTO statement_topics (statement_id, key, label) VALUES (?, ?, ?)",
  );
  for (const topic of statement.topics) insertTopic.run(lastInsertRowid, topic.key, topic.label);
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
