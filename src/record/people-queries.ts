import type { Speaker } from "../nlp/doc.ts";
import { termsOfPerson } from "./known-people.ts";
import { nameKey } from "./migrations.ts";
import { STATEMENT_ONCE, STORY_JOIN } from "./near-duplicates.ts";
import { findSpeaker } from "./speaker-lookup.ts";
import { all, type Dialect, get, nocase, perDialect, type Query } from "./sql.ts";
import { listOf, splitList } from "./statement-rows.ts";
import type { PersonRecord, PersonSummary, StatementRecord, TopicSummary } from "./store.ts";

/**
 * The people side of the record's queries: the `people` listing and one person's record, both with the
 * QID and terms a gazetteer gave them (known-people.ts), as record queries both stores run (sql.ts).
 * Kept apart from the stores, which hold articles and statements.
 */

interface PersonSummaryRow {
  name: string;
  kind: Speaker["kind"];
  qid: string | null;
  statements: number;
  first_seen: string | null;
  last_seen: string | null;
  roles: string | null;
}

function peopleSql(dialect: Dialect): string {
  return `SELECT p.name, p.kind, p.qid, ${STATEMENT_ONCE} AS statements,
      min(s.published) AS first_seen, max(s.published) AS last_seen,
      ${listOf("role", "roles r WHERE r.person_id = p.id")[dialect]} AS roles
    FROM persons p LEFT JOIN statements s ON s.person_id = p.id ${STORY_JOIN}
    GROUP BY p.id
    HAVING ${dialect === "sqlite" ? "statements" : STATEMENT_ONCE} > 0 OR NOT EXISTS (SELECT 1 FROM person_terms t WHERE t.person_id = p.id)
    ORDER BY statements DESC, ${nocase("p.name")[dialect]}`;
}
const PEOPLE = perDialect(peopleSql);

/**
 * Everyone with statements, most quoted first. People known only from a gazetteer (never quoted) are left
 * out: they would bury the speakers under hundreds of silent entries.
 */
export function* listPeople(): Query<PersonSummary[]> {
  const rows = yield* all<PersonSummaryRow>(PEOPLE);
  return rows.map((row) => ({
    name: row.name,
    kind: row.kind,
    qid: row.qid,
    statements: row.statements,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    roles: splitList(row.roles),
  }));
}

/**
 * The person a name means by the --speaker rule (speaker-lookup.ts). For callers of the store API an
 * ambiguous name gives the entry of exactly that name, else the most quoted candidate, and names the
 * others (the CLI refuses an ambiguous name instead).
 */
export function* personNamed(name: string): Query<{ id: number; alsoMatches: string[] } | undefined> {
  const lookup = yield* findSpeaker(name);
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
export function* personDetails(
  found: { id: number; alsoMatches: string[] },
  statements: StatementRecord[],
): Query<PersonRecord | undefined> {
  const person = yield* get<{
    id: number;
    name: string;
    kind: Speaker["kind"];
    party: string | null;
    state: string | null;
    qid: string | null;
  }>("SELECT id, name, kind, party, state, qid FROM persons WHERE id = ?", found.id);
  if (!person) return undefined;
  const aliases = (yield* all<{ alias: string }>(
    {
      sqlite: "SELECT alias FROM aliases WHERE person_id = ? ORDER BY alias",
      postgres: `SELECT alias FROM aliases WHERE person_id = ? ORDER BY ${nocase("alias").postgres}`,
    },
    found.id,
  )).map((row) => row.alias);
  const roles = (yield* all<{ role: string; first_seen: string | null; last_seen: string | null }>(
    "SELECT role, first_seen, last_seen FROM roles WHERE person_id = ? ORDER BY first_seen NULLS FIRST, role",
    found.id,
  )).map((row) => ({ role: row.role, firstSeen: row.first_seen, lastSeen: row.last_seen }));
  const terms = yield* termsOfPerson(found.id);
  const dates = statements.map((s) => s.published).filter((d): d is string => d !== null);
  return {
    ...person,
    aliases,
    alsoMatches: found.alsoMatches,
    roles,
    terms: terms.map(({ source: _source, ...term }) => term),
    statementCount: statements.length,
    firstSeen: dates[0] ?? null,
    lastSeen: dates.at(-1) ?? null,
    statements,
  };
}

function topicsSql(where: string): string {
  return `SELECT t.key, min(t.label) AS label, ${STATEMENT_ONCE} AS statements,
      min(s.published) AS first_seen, max(s.published) AS last_seen
    FROM statement_topics t JOIN statements s ON s.id = t.statement_id ${STORY_JOIN} ${where}
    GROUP BY t.key ORDER BY statements DESC, t.key LIMIT ?`;
}

/** Topics with statement counts and date ranges, most frequent first; one person's when `personId` is given. */
export function* listTopics(personId: number | undefined, limit = 50): Query<TopicSummary[]> {
  const max = Math.max(0, Math.trunc(limit));
  const rows = yield* all<{
    key: string;
    label: string;
    statements: number;
    first_seen: string | null;
    last_seen: string | null;
  }>(
    topicsSql(personId === undefined ? "" : "WHERE s.person_id = ?"),
    ...(personId === undefined ? [max] : [personId, max]),
  );
  return rows.map((row) => ({
    key: row.key,
    label: row.label,
    statements: row.statements,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
  }));
}
