import { LINK_COLUMNS } from "./link-rows.ts";
import { searchDocument } from "./search.ts";
import { all, dialect, insertRows, type Query } from "./sql.ts";
import { FACT_COLUMNS, FACT_PG_TYPES } from "./statement-facts.ts";

/**
 * An article's rows once its people are decided (write-article.ts): its topics, statements with their
 * topics, link notes, roles and aliases. SQLite inserts them with one prepared statement per row (calls in
 * process cost little). PostgreSQL gets them in one statement of data-modifying CTEs over unnest()ed arrays:
 * one round trip whatever the number of rows, and a fixed text, so it is prepared once per connection.
 */
export interface ArticleRows {
  articleId: string;
  /** [key, label] */
  articleTopics: unknown[][];
  /** Rows of STATEMENT_COLUMNS, in text order (ordinal = index). */
  statements: unknown[][];
  /** [ordinal, key, label] */
  statementTopics: unknown[][];
  /** Each statement's person, or null; and its content (the search document is content and speaker's name). */
  speakers: readonly (number | null)[];
  contents: readonly string[];
  /** person_links rows (LINK_COLUMNS) */
  links: unknown[][];
  /** [person_id, role, first_seen, last_seen] */
  roles: unknown[][];
  /** [person_id, alias, alias_key] */
  aliases: unknown[][];
}

export const STATEMENT_COLUMNS = `article_id, ordinal, person_id, local_name_key, resolution,
  source_start, source_end, cue_start, cue_end, content_spans,
  raw_source_start, raw_source_end, raw_cue_start, raw_cue_end, raw_content_spans, content, published,
  context_start, context_end, ${FACT_COLUMNS.join(", ")}`;

/** PostgreSQL array types of STATEMENT_COLUMNS after article_id (which is one parameter for all rows). */
const STATEMENT_TYPES = [
  "int",
  "bigint",
  "text",
  "text",
  "int",
  "int",
  "int",
  "int",
  "text",
  "int",
  "int",
  "int",
  "int",
  "text",
  "text",
  "text",
  "int",
  "int",
  ...FACT_COLUMNS.map((column) => FACT_PG_TYPES[column]),
];

/** A role seen again widens the dates it was seen between. */
const ROLE_UPSERT = `ON CONFLICT (person_id, role) DO UPDATE SET
  first_seen = CASE WHEN roles.first_seen IS NULL OR excluded.first_seen < roles.first_seen
                    THEN coalesce(excluded.first_seen, roles.first_seen) ELSE roles.first_seen END,
  last_seen = CASE WHEN roles.last_seen IS NULL OR excluded.last_seen > roles.last_seen
                   THEN coalesce(excluded.last_seen, roles.last_seen) ELSE roles.last_seen END`;

export function* insertArticleRows(rows: ArticleRows): Query<void> {
  if ((yield* dialect()) === "postgres") {
    yield* insertAllPg(rows);
    return;
  }
  yield* insertRows(
    "INSERT OR IGNORE INTO article_topics (article_id, key, label)",
    rows.articleTopics.map((row) => [rows.articleId, ...row]),
  );
  // SQLite's search index is filled by a trigger (migration 2).
  const stored = yield* insertRows<{ id: number; ordinal: number }>(
    `INSERT INTO statements (${STATEMENT_COLUMNS})`,
    rows.statements,
    "RETURNING id, ordinal",
  );
  const idOf = new Map(stored.map((row) => [row.ordinal, row.id]));
  yield* insertRows(
    "INSERT OR IGNORE INTO statement_topics (statement_id, key, label)",
    rows.statementTopics.map(([ordinal, key, label]) => [idOf.get(ordinal as number), key, label]),
  );
  yield* insertRows(`INSERT OR IGNORE INTO person_links (${LINK_COLUMNS})`, rows.links);
  yield* insertRows("INSERT INTO roles (person_id, role, first_seen, last_seen)", rows.roles, ROLE_UPSERT);
  yield* insertRows("INSERT OR IGNORE INTO aliases (person_id, alias, alias_key)", rows.aliases);
}

/** The columns of `rows` as arrays, one per column (what unnest() takes back apart). */
function columns(rows: readonly unknown[][], width: number, skip = 0): unknown[][] {
  return Array.from({ length: width }, (_, i) => rows.map((row) => row[i + skip] ?? null));
}

/** `unnest($a::t1[], $b::t2[], ...)` for the given types, numbering parameters from `first`. */
function unnest(types: readonly string[], first: number): string {
  return `unnest(${types.map((type, i) => `$${first + i}::${type}[]`).join(", ")})`;
}

function* insertAllPg(rows: ArticleRows): Query<void> {
  // The statements' speakers' canonical names, for their search documents.
  const ids = [...new Set(rows.speakers.filter((id): id is number => id !== null))];
  const names = new Map(
    (ids.length
      ? yield* all<{ id: number; name: string }>(
          "SELECT id, name FROM persons WHERE id = ANY(?::bigint[])",
          ids,
        )
      : []
    ).map((row) => [row.id, row.name]),
  );
  const documents = rows.contents.map((content, i) =>
    searchDocument(content, names.get(rows.speakers[i] ?? -1) ?? null),
  );
  const params: unknown[] = [rows.articleId];
  const add = (values: unknown[][]) => {
    const first = params.length + 1;
    params.push(...values);
    return first;
  };
  const topics = add(columns(rows.articleTopics, 2));
  const statements = add([...columns(rows.statements, STATEMENT_TYPES.length, 1), documents]);
  const statementTopics = add(columns(rows.statementTopics, 3));
  const links = add(columns(rows.links, 9));
  const roles = add(columns(rows.roles, 4));
  const aliases = add(columns(rows.aliases, 3));
  const statementNames = STATEMENT_COLUMNS.split(",")
    .map((name) => name.trim())
    .slice(1);
  const v = statementNames.map((name) => `v.${name}`).join(", ");
  // Written with $n: the runner's ?-translation is for SQLite-first text, and this text is PostgreSQL's own.
  const sql = `WITH
    article_topic_rows AS (
      INSERT INTO article_topics (article_id, key, label)
      SELECT $1, t.key, t.label FROM ${unnest(["text", "text"], topics)} AS t(key, label)
      ON CONFLICT DO NOTHING),
    statement_rows AS (
      INSERT INTO statements (${STATEMENT_COLUMNS}, search)
      SELECT $1, ${v}, to_tsvector('simple', v.document)
      FROM ${unnest([...STATEMENT_TYPES, "text"], statements)} AS v(${statementNames.join(", ")}, document)
      RETURNING id, ordinal),
    statement_topic_rows AS (
      INSERT INTO statement_topics (statement_id, key, label)
      SELECT s.id, t.key, t.label
      FROM ${unnest(["int", "text", "text"], statementTopics)} AS t(ordinal, key, label)
      JOIN statement_rows s ON s.ordinal = t.ordinal
      ON CONFLICT DO NOTHING),
    link_rows AS (
      INSERT INTO person_links (${LINK_COLUMNS})
      SELECT * FROM ${unnest(["bigint", "text", "text", "text", "text", "int", "int", "text", "text"], links)}
      ON CONFLICT DO NOTHING),
    role_rows AS (
      INSERT INTO roles (person_id, role, first_seen, last_seen)
      SELECT * FROM ${unnest(["bigint", "text", "text", "text"], roles)}
      ${ROLE_UPSERT}),
    alias_rows AS (
      INSERT INTO aliases (person_id, alias, alias_key)
      SELECT * FROM ${unnest(["bigint", "text", "text"], aliases)}
      ON CONFLICT DO NOTHING)
    SELECT count(*) AS n FROM statement_rows`;
  yield* all(sql, ...params);
}
