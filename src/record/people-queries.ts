import type Database from "better-sqlite3";
import type { Speaker } from "../nlp/doc.ts";
import { termsOf } from "./known-people.ts";
import { nameKey } from "./migrations.ts";
import { STATEMENT_ONCE, STORY_JOIN } from "./near-duplicates.ts";
import { lookupSpeaker } from "./speaker-lookup.ts";
import type { PersonRecord, PersonSummary, StatementRecord, TopicSummary } from "./store.ts";

/**
 * The people side of the record's queries: the `people` listing and one person's record, both with the
 * QID and terms a gazetteer gave them (known-people.ts). Kept apart from sqlite.ts, which holds articles
 * and statements.
 */

/** Separator for group_concat: a control character cannot occur in a role title. */
const LIST_SEPARATOR = "\u001f";

interface PersonSummaryRow {
  name: string;
  kind: Speaker["kind"];
  qid: string | null;
  statements: number;
  first_seen: string | null;
  last_seen: string | null;
  roles: string | null;
}

/**
 * Everyone with statements, most quoted first. People known only from a gazetteer (never quoted) are left
 * out: they would bury the speakers under hundreds of silent entries.
 */
export function peopleSummaries(db: Database.Database): PersonSummary[] {
  const rows = db
    .prepare(
      `SELECT p.name, p.kind, p.qid, ${STATEMENT_ONCE} AS statements,
         min(s.published) AS first_seen, max(s.published) AS last_seen,
         (SELECT group_concat(role, '${LIST_SEPARATOR}') FROM roles r WHERE r.person_id = p.id) AS roles
       FROM persons p LEFT JOIN statements s ON s.person_id = p.id ${STORY_JOIN}
       GROUP BY p.id
       HAVING statements > 0 OR NOT EXISTS (SELECT 1 FROM person_terms t WHERE t.person_id = p.id)
       ORDER BY statements DESC, p.name`,
    )
    .all() as PersonSummaryRow[];
  return rows.map((row) => ({
    name: row.name,
    kind: row.kind,
    qid: row.qid,
    statements: row.statements,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    roles: row.roles ? row.roles.split(LIST_SEPARATOR) : [],
  }));
}

/**
 * The person a name means by the --speaker rule (speaker-lookup.ts). For callers of the store API an
 * ambiguous name gives the entry of exactly that name, else the most quoted candidate, and names the
 * others (the CLI refuses an ambiguous name instead).
 */
export function findPerson(
  db: Database.Database,
  name: string,
): { id: number; alsoMatches: string[] } | undefined {
  const lookup = lookupSpeaker(db, name);
  if ("found" in lookup) return { id: lookup.found.id, alsoMatches: [] };
  if ("ambiguous" in lookup) {
    // The entry of exactly that name first (the bare-surname entry "Vask"), else the most quoted.
    const exact = lookup.ambiguous.find((c) => nameKey(c.name) === nameKey(name.trim()));
    const first = exact ?? lookup.ambiguous[0];
    if (!first) return undefined;
    return { id: first.id, alsoMatches: lookup.ambiguous.filter((c) => c !== first).map((c) => c.name) };
  }
  return undefined;
}

/** One person with aliases, roles, terms and statements; `statementsOf` reads the statements in date order. */
export function personRecord(
  db: Database.Database,
  found: { id: number; alsoMatches: string[] },
  statementsOf: (id: number) => StatementRecord[],
): PersonRecord {
  const person = db
    .prepare("SELECT id, name, kind, party, state, qid FROM persons WHERE id = ?")
    .get(found.id) as {
    id: number;
    name: string;
    kind: Speaker["kind"];
    party: string | null;
    state: string | null;
    qid: string | null;
  };
  const aliases = (
    db.prepare("SELECT alias FROM aliases WHERE person_id = ? ORDER BY alias").all(found.id) as {
      alias: string;
    }[]
  ).map((row) => row.alias);
  const roles = (
    db
      .prepare("SELECT role, first_seen, last_seen FROM roles WHERE person_id = ? ORDER BY first_seen, role")
      .all(found.id) as { role: string; first_seen: string | null; last_seen: string | null }[]
  ).map((row) => ({ role: row.role, firstSeen: row.first_seen, lastSeen: row.last_seen }));
  const statements = statementsOf(found.id);
  const dates = statements.map((s) => s.published).filter((d): d is string => d !== null);
  return {
    ...person,
    aliases,
    alsoMatches: found.alsoMatches,
    roles,
    terms: termsOf(db, found.id).map(({ source: _source, ...term }) => term),
    statementCount: statements.length,
    firstSeen: dates[0] ?? null,
    lastSeen: dates.at(-1) ?? null,
    statements,
  };
}

/** Topics with statement counts and date ranges, most frequent first; one person's when `personId` is given. */
export function topicSummaries(
  db: Database.Database,
  personId: number | undefined,
  limit = 50,
): TopicSummary[] {
  const where = personId === undefined ? "" : "WHERE s.person_id = ?";
  const params: unknown[] = personId === undefined ? [] : [personId];
  params.push(Math.max(0, Math.trunc(limit)));
  const rows = db
    .prepare(
      `SELECT t.key, min(t.label) AS label, ${STATEMENT_ONCE} AS statements,
         min(s.published) AS first_seen, max(s.published) AS last_seen
       FROM statement_topics t JOIN statements s ON s.id = t.statement_id ${STORY_JOIN} ${where}
       GROUP BY t.key ORDER BY statements DESC, t.key LIMIT ?`,
    )
    .all(...params) as {
    key: string;
    label: string;
    statements: number;
    first_seen: string | null;
    last_seen: string | null;
  }[];
  return rows.map((row) => ({
    key: row.key,
    label: row.label,
    statements: row.statements,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
  }));
}
