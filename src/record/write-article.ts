import type { Span } from "../core/span.ts";
import type { Speaker } from "../core/statement.ts";
import { aliasForm } from "../nlp/names.ts";
import { insertArticleRows } from "./article-rows.ts";
import { pageValues } from "./article-texts.ts";
import type { LinkNote, PersonRegistry } from "./identity.ts";
import { noteRows } from "./link-rows.ts";
import { nameKey } from "./migrations.ts";
import { dialect, get, type Query, run } from "./sql.ts";
import { factValues } from "./statement-facts.ts";
import type { ProcessedArticle, ProcessedStatement } from "./types.ts";

/**
 * Writing one article with its statements, people, aliases, roles and topics, as a record query (sql.ts)
 * both stores run inside one transaction. The article row goes first with ON CONFLICT DO NOTHING: a stored
 * id (the same cleaned text) makes the whole write a no-op, also when two writers race on one article
 * (the second waits for the first's row and then finds it). Returns whether the article was new.
 */
export function* writeArticle(registry: PersonRegistry, article: ProcessedArticle): Query<boolean> {
  return yield* registryTurn(articleRows(registry, article));
}

/**
 * Several articles in one transaction and one turn at the registry: one commit for all (the batch a queue
 * job carries). Returns whether each was new, in order.
 */
export function* writeArticles(
  registry: PersonRegistry,
  articles: readonly ProcessedArticle[],
): Query<boolean[]> {
  return yield* registryTurn(
    (function* () {
      const inserted: boolean[] = [];
      for (const article of articles) inserted.push(yield* articleRows(registry, article));
      return inserted;
    })(),
  );
}

/**
 * A query run while no other writer decides names: on PostgreSQL it first takes the registry's advisory
 * lock, held to the commit (SQLite's write transaction holds the whole database already). The lock comes
 * before an article's row, so writers wait for it holding nothing another writer could need (a batch
 * inserting an article a single writer has inserted but not committed would otherwise deadlock with it).
 */
export function* registryTurn<T>(query: Query<T>): Query<T> {
  if ((yield* dialect()) === "postgres") yield* run(REGISTRY_LOCK);
  return yield* query;
}

/** One article's rows; the caller holds the registry (registryTurn). */
function* articleRows(registry: PersonRegistry, article: ProcessedArticle): Query<boolean> {
  const published = dayOf(article.published);
  const inserted = yield* get<{ id: string }>(
    `INSERT INTO articles (id, origin, format, url, outlet, title, byline, published, raw_text, text, offset_map,
       statement_count, ingested_at, language, page_sha256, page_length, extracted_to_page)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    article.id,
    article.origin,
    article.format,
    article.url ?? null,
    article.outlet ?? null,
    article.title ?? null,
    article.byline ?? null,
    article.published ?? null,
    article.rawText,
    article.text,
    JSON.stringify(article.offsetMap ?? null),
    article.statements.length,
    new Date().toISOString(),
    article.language,
    ...pageValues(article),
  );
  // The registry decides from what is stored; writers take turns at it (registryTurn). Two writers meeting
  // "Barack Obama" at once then create one person, the second finding the first's row, and a bare surname
  // is decided with every earlier article in view.
  if (!inserted) return false;
  // Link notes are kept and written with the article's other rows (one insert, not one per name).
  const linker = registry.deferringNotes();

  // In-article speaker name → stored person, through the registry's merge rules (see identity.ts).
  const personIds = new Map<string, number>();
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

  const speakers: (number | null)[] = [];
  for (const statement of article.statements) {
    const speaker = statement.speaker;
    let id: number | null = null;
    if (speaker?.name && namesSomeone(speaker)) {
      const key = nameKey(speaker.name);
      id =
        personIds.get(key) ??
        (yield* linker.link(speaker, {
          articleId: article.id,
          span: statement.source,
          text: article.text,
          day: published,
        }));
      personIds.set(key, id);
      const known = roles.get(id) ?? new Set<string>();
      for (const role of speaker.roles ?? []) known.add(role);
      roles.set(id, known);
      if (statement.source && (speaker.resolution === "name" || speaker.resolution === "alias")) {
        const written = article.text.slice(statement.source.start, statement.source.end);
        addAlias(id, speaker.name, aliasForm(written, speaker.kind));
      }
    }
    speakers.push(id);
  }
  const notes: LinkNote[] = linker.takeNotes();
  for (const person of article.people) {
    // Only people who speak somewhere in the record get a row; the rest would be noise in `people`.
    const personId = personIds.get(nameKey(person.name));
    if (personId === undefined) continue;
    for (const alias of person.aliases) {
      addAlias(personId, person.name, alias);
      if (nameKey(alias) === nameKey(person.name)) continue;
      const rule = person.hoverNames?.includes(alias) ? "hover-card full name" : "same person in the article";
      const evidence = { articleId: article.id, span: null };
      notes.push({ personId, name: alias, rule, evidence, detail: `alias of "${person.name}"` });
    }
  }
  yield* insertArticleRows({
    articleId: article.id,
    articleTopics: article.topics.map((topic) => [topic.key, topic.label]),
    statements: statementRows(article.id, article.statements, speakers, published),
    statementTopics: article.statements.flatMap((statement, ordinal) =>
      statement.topics.map((topic) => [ordinal, topic.key, topic.label]),
    ),
    speakers,
    contents: article.statements.map((statement) => statement.contentText),
    links: noteRows(notes),
    roles: [...roles].flatMap(([id, names]) => [...names].map((role) => [id, role, published, published])),
    aliases: [...aliases].flatMap(([id, entry]) =>
      [...entry.forms].map((alias) => [id, alias, nameKey(alias)]),
    ),
  });
  return true;
}

/** The PostgreSQL advisory lock writers take turns at the registry with (an arbitrary constant pair). */
export const REGISTRY_LOCK = "SELECT pg_advisory_xact_lock(1869506162, 1)";

/** An article's statements as rows of STATEMENT_COLUMNS (article-rows.ts), in text order. */
function statementRows(
  articleId: string,
  statements: readonly ProcessedStatement[],
  speakers: readonly (number | null)[],
  published: string | null,
): unknown[][] {
  return statements.map((statement, ordinal) => [
    articleId,
    ordinal,
    speakers[ordinal] ?? null,
    statement.speaker?.name ? nameKey(statement.speaker.name) : null,
    statement.speaker?.resolution ?? null,
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
    ...factValues(statement),
  ]);
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
