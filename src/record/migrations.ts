import type Database from "better-sqlite3";
import { statementTopics } from "../analysis/topics.ts";
import { PAGE_PROVENANCE_SQL } from "./article-texts.ts";
import { surnameKey } from "./identity.ts";
import { SOURCES_SQL } from "./sources.ts";

/**
 * Versioned schema: each step runs once, in its own transaction, and bumps PRAGMA user_version, so an
 * older database upgrades in place and migrating an up-to-date one does nothing. Never edit a step
 * that has shipped; append a new one.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
  /** Data work SQL cannot express (runs after `sql`, in the same transaction). */
  run?: (db: Database.Database) => void;
}

/**
 * The case-insensitive key of a name or alias. SQLite's NOCASE folds ASCII only, so "ÉMILE" and
 * "Émile" would be two people; JavaScript's full Unicode lower-casing (after NFC, so composed and
 * decomposed accents agree) makes them one. Accents stay significant: "Emile" is a different spelling.
 */
export function nameKey(name: string): string {
  return name.normalize("NFC").toLowerCase();
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "articles, people, aliases, roles, statements",
    sql: `
      CREATE TABLE articles (
        id TEXT PRIMARY KEY,              -- sha256 of the cleaned text
        origin TEXT NOT NULL,
        format TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        title TEXT,
        byline TEXT,
        published TEXT,                   -- ISO date, when known
        raw_text TEXT NOT NULL,
        text TEXT NOT NULL,
        offset_map TEXT NOT NULL,         -- JSON
        statement_count INTEGER NOT NULL, -- lets a check prove no article was half written
        ingested_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE persons (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        kind TEXT NOT NULL,
        party TEXT,
        state TEXT
      ) STRICT;

      CREATE TABLE aliases (
        person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        alias TEXT NOT NULL COLLATE NOCASE,
        PRIMARY KEY (person_id, alias)
      ) STRICT;
      CREATE INDEX aliases_by_alias ON aliases(alias);

      CREATE TABLE roles (
        person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        first_seen TEXT,
        last_seen TEXT,
        PRIMARY KEY (person_id, role)
      ) STRICT;

      CREATE TABLE statements (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        person_id INTEGER REFERENCES persons(id),
        resolution TEXT,
        kind TEXT NOT NULL,
        source_start INTEGER, source_end INTEGER,
        cue_start INTEGER, cue_end INTEGER,
        content_spans TEXT NOT NULL,      -- JSON [{start,end}] into articles.text
        raw_source_start INTEGER, raw_source_end INTEGER,
        raw_cue_start INTEGER, raw_cue_end INTEGER,
        raw_content_spans TEXT NOT NULL,  -- JSON [{start,end}] into articles.raw_text
        content TEXT NOT NULL,
        published TEXT,                   -- copied from the article for date-ordered timelines
        UNIQUE (article_id, ordinal)
      ) STRICT;
      CREATE INDEX statements_by_person ON statements(person_id, published);
      CREATE INDEX statements_by_published ON statements(published);
    `,
  },
  {
    version: 2,
    description: "full-text search over statement content and speaker name",
    sql: `
      CREATE VIRTUAL TABLE statements_fts USING fts5(content, speaker, tokenize = 'unicode61 remove_diacritics 2');
      INSERT INTO statements_fts(rowid, content, speaker)
        SELECT s.id, s.content, coalesce(p.name, '') FROM statements s LEFT JOIN persons p ON p.id = s.person_id;
      -- Triggers keep the index in the same transaction as the rows, so a crash cannot split them.
      CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
        INSERT INTO statements_fts(rowid, content, speaker)
          VALUES (new.id, new.content, coalesce((SELECT name FROM persons WHERE id = new.person_id), ''));
      END;
      CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
        DELETE FROM statements_fts WHERE rowid = old.id;
      END;
    `,
  },
  {
    version: 3,
    description: "Unicode case-insensitive keys for person names and aliases",
    sql: `
      ALTER TABLE persons ADD COLUMN name_key TEXT;
      ALTER TABLE aliases ADD COLUMN alias_key TEXT;
    `,
    run: backfillNameKeys,
  },
  {
    version: 4,
    description: "statement context and topics; cached language-model verdicts",
    sql: `
      ALTER TABLE statements ADD COLUMN context_start INTEGER;
      ALTER TABLE statements ADD COLUMN context_end INTEGER;
      CREATE TABLE statement_topics (
        statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
        key TEXT NOT NULL,                -- "place:russia", "issue:interference", "name:ada vell"
        label TEXT NOT NULL,
        PRIMARY KEY (statement_id, key)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX statement_topics_by_key ON statement_topics(key, statement_id);
      -- What a whole article is about: a statement in it is on those topics too ("express confidence in the
      -- intelligence community" in an article on Russian interference).
      CREATE TABLE article_topics (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        label TEXT NOT NULL,
        PRIMARY KEY (article_id, key)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX article_topics_by_key ON article_topics(key, article_id);
      CREATE TABLE verdicts (
        key TEXT PRIMARY KEY,             -- sha256 of prompt version, model and both statements
        verdict TEXT NOT NULL,            -- JSON
        created_at TEXT NOT NULL
      ) STRICT;
    `,
    run: backfillTopics,
  },
  {
    version: 5,
    description:
      "person registry: surname keys, each statement's in-article speaker name, why names were linked",
    sql: `
      ALTER TABLE persons ADD COLUMN surname_key TEXT;
      CREATE INDEX persons_by_surname ON persons(surname_key);
      -- The speaker name as resolved inside the article, so overrides can re-link statements later.
      ALTER TABLE statements ADD COLUMN local_name_key TEXT;
      CREATE TABLE person_links (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        name TEXT NOT NULL,               -- the name that was linked (canonical in its article, or an alias)
        name_key TEXT NOT NULL,
        rule TEXT NOT NULL,               -- "same full name", "surname only: ...", "manual override: merge", ...
        article_id TEXT,                  -- evidence: where the link was first made
        span_start INTEGER,               -- and the source span in that article's cleaned text
        span_end INTEGER,
        detail TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX person_links_once ON person_links(person_id, name_key, rule);
    `,
    run: backfillRegistry,
  },
  {
    version: 6,
    description: "each statement's confidence: how likely the extractor thinks it is right",
    // Statements stored earlier keep NULL: their extractor's estimate was not kept, and guessing one
    // afterwards would put a number on the record that nothing measured.
    sql: "ALTER TABLE statements ADD COLUMN confidence REAL;",
  },
  {
    version: 7,
    description: "each article's language; statements are extracted from English articles only",
    // Articles stored earlier keep NULL: they were never checked.
    sql: "ALTER TABLE articles ADD COLUMN language TEXT;",
  },
  {
    version: 8,
    description: "known people from a gazetteer: a stable identifier per person and their terms of office",
    sql: `
      -- The Wikidata QID of a person loaded from a gazetteer (people import); one person per QID.
      ALTER TABLE persons ADD COLUMN qid TEXT;
      CREATE UNIQUE INDEX persons_by_qid ON persons(qid) WHERE qid IS NOT NULL;
      -- Offices and parties with their dates, so a statement's speaker is known as of its date.
      CREATE TABLE person_terms (
        person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        role TEXT NOT NULL,               -- "senator", "representative", "president", or a CSV role
        party TEXT,
        state TEXT,
        district TEXT,
        start TEXT,                       -- YYYY-MM-DD, NULL when unknown
        end TEXT,
        source TEXT NOT NULL              -- the file it was imported from
      ) STRICT;
      CREATE UNIQUE INDEX person_terms_once ON person_terms(person_id, role, ifnull(start, ''), ifnull(party, ''));
    `,
  },
  {
    version: 9,
    description: "web sources (feeds, sitemaps, pages) with their polling state; item URLs fetched",
    sql: SOURCES_SQL,
  },
  {
    version: 10,
    description: "each article's page by hash and the map from its extracted text to the page",
    sql: PAGE_PROVENANCE_SQL,
  },
  {
    version: 11,
    description:
      'a quotation inside reported speech is a "partial" statement ("mixed" names the contradiction check)',
    sql: "UPDATE statements SET kind = 'partial' WHERE kind = 'mixed';",
  },
  {
    version: 12,
    description:
      "each statement's paragraph: the paragraph of the cleaned text its content starts in (from 1)",
    // Statements stored earlier keep NULL: re-reading every article to count paragraphs is not worth it.
    sql: "ALTER TABLE statements ADD COLUMN paragraph INTEGER;",
  },
];

/** Existing people get surname keys; existing statements keep their person's name as in-article name. */
function backfillRegistry(db: Database.Database): void {
  const setSurname = db.prepare("UPDATE persons SET surname_key = ? WHERE id = ?");
  const note = db.prepare(
    `INSERT OR IGNORE INTO person_links (person_id, name, name_key, rule, created_at)
     VALUES (?, ?, ?, 'stored before the registry', ?)`,
  );
  const now = new Date().toISOString();
  for (const row of db.prepare("SELECT id, name, kind FROM persons").all() as {
    id: number;
    name: string;
    kind: "person" | "organization" | "group";
  }[]) {
    setSurname.run(surnameKey(row.name, row.kind), row.id);
    note.run(row.id, row.name, nameKey(row.name), now);
  }
  db.exec(
    "UPDATE statements SET local_name_key = (SELECT name_key FROM persons WHERE id = statements.person_id)",
  );
}

/** Statements stored before version 4 get the topics of their content (their context is unknown). */
function backfillTopics(db: Database.Database): void {
  const insert = db.prepare(
    "INSERT OR IGNORE INTO statement_topics (statement_id, key, label) VALUES (?, ?, ?)",
  );
  const rows = db
    .prepare("SELECT s.id, s.content, p.name FROM statements s LEFT JOIN persons p ON p.id = s.person_id")
    .all() as { id: number; content: string; name: string | null }[];
  for (const row of rows) {
    for (const term of statementTopics(row.content, "", row.name)) insert.run(row.id, term.key, term.label);
  }
}

/**
 * Fills the new key columns, merges people whose names only differed in non-ASCII case (their
 * statements, roles and aliases move to the oldest row), then makes the keys unique.
 */
function backfillNameKeys(db: Database.Database): void {
  const setPersonKey = db.prepare("UPDATE persons SET name_key = ? WHERE id = ?");
  const byKey = new Map<string, { id: number; name: string }[]>();
  for (const row of db.prepare("SELECT id, name FROM persons ORDER BY id").all() as {
    id: number;
    name: string;
  }[]) {
    const key = nameKey(row.name);
    setPersonKey.run(key, row.id);
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  for (const [key, rows] of byKey) {
    const [keep, ...duplicates] = rows;
    if (!keep) continue;
    for (const duplicate of duplicates) {
      db.prepare("UPDATE statements SET person_id = ? WHERE person_id = ?").run(keep.id, duplicate.id);
      db.prepare("UPDATE OR IGNORE roles SET person_id = ? WHERE person_id = ?").run(keep.id, duplicate.id);
      db.prepare("UPDATE OR IGNORE aliases SET person_id = ? WHERE person_id = ?").run(keep.id, duplicate.id);
      db.prepare("INSERT OR IGNORE INTO aliases (person_id, alias) VALUES (?, ?)").run(
        keep.id,
        duplicate.name,
      );
      db.prepare("DELETE FROM persons WHERE id = ?").run(duplicate.id);
    }
    if (duplicates.length > 0) db.prepare("UPDATE persons SET name_key = ? WHERE id = ?").run(key, keep.id);
  }
  const setAliasKey = db.prepare("UPDATE aliases SET alias_key = ? WHERE rowid = ?");
  const aliases = db.prepare("SELECT rowid AS id, person_id, alias FROM aliases ORDER BY rowid").all() as {
    id: number;
    person_id: number;
    alias: string;
  }[];
  const seen = new Set<string>();
  for (const row of aliases) {
    const key = nameKey(row.alias);
    const unique = `${row.person_id}\u0000${key}`;
    if (seen.has(unique)) db.prepare("DELETE FROM aliases WHERE rowid = ?").run(row.id);
    else setAliasKey.run(key, row.id);
    seen.add(unique);
  }
  db.exec(`
    CREATE UNIQUE INDEX persons_by_key ON persons(name_key);
    CREATE UNIQUE INDEX aliases_by_person_key ON aliases(person_id, alias_key);
    CREATE INDEX aliases_by_key ON aliases(alias_key);
  `);
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/** Applies every step newer than the database's user_version; returns the versions applied. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const applied: number[] = [];
  for (const step of migrations) {
    // The version is re-read inside the write lock, so two processes opening a new database at once
    // cannot both apply the same step.
    db.transaction(() => {
      if (schemaVersion(db) >= step.version) return;
      db.exec(step.sql);
      step.run?.(db);
      // PRAGMA takes no bound parameters; the version is an integer from this file.
      db.pragma(`user_version = ${Math.trunc(step.version)}`);
      applied.push(step.version);
    }).immediate();
  }
  return applied;
}
