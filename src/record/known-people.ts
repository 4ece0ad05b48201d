import type { Gazetteer, KnownPerson, KnownTerm } from "./gazetteer.ts";
import { type PersonRegistry, surnameKey } from "./identity.ts";
import { nameKey } from "./migrations.ts";
import { all, get, type Query, run } from "./sql.ts";

/**
 * Known people in the record: a gazetteer's people become persons with their QID, their other written
 * forms as aliases and their terms of office (table person_terms), so that a speaker met in an article
 * joins them by name and a statement's speaker is known with the office and party of its date.
 *
 * Importing is idempotent: a person is found again by QID, else by one of their written forms, and
 * aliases and terms are inserted only when absent. People already stored under several of the forms
 * ("Bernie Sanders" and "Bernard Sanders") become one.
 */

export interface ImportReport {
  file: string;
  /** People new to the record. */
  added: number;
  /** People already in the record (by QID or name) who got something new: a QID, an alias or a term. */
  updated: number;
  unchanged: number;
  /** Stored people joined because the gazetteer names them as one. */
  merged: string[];
  problems: { where: string; message: string }[];
}

export interface TermRecord extends KnownTerm {
  source: string;
}

/** Imports every person of the gazetteer; run it in one transaction. */
export function* importKnownPeople(registry: PersonRegistry, gazetteer: Gazetteer): Query<ImportReport> {
  const report: ImportReport = {
    file: gazetteer.file,
    added: 0,
    updated: 0,
    unchanged: 0,
    merged: [],
    problems: [...gazetteer.problems],
  };
  for (const person of gazetteer.people) {
    const outcome = yield* importPerson(registry, person, gazetteer.file, report);
    if (outcome === "added") report.added++;
    else if (outcome === "updated") report.updated++;
    else if (outcome === "unchanged") report.unchanged++;
  }
  return report;
}

type Outcome = "added" | "updated" | "unchanged" | "skipped";

function* importPerson(
  registry: PersonRegistry,
  person: KnownPerson,
  source: string,
  report: ImportReport,
): Query<Outcome> {
  const forms = [person.name, ...person.aliases];
  const byQid = person.qid
    ? yield* get<{ id: number }>("SELECT id FROM persons WHERE qid = ?", person.qid)
    : undefined;
  // Stored people whose canonical name is one of the forms (aliases are not trusted here: a headline can
  // make one person's name another's alias); a namesake who already has another QID is someone else.
  const named = new Map<number, { id: number; qid: string | null; statements: number }>();
  for (const form of forms) {
    const rows = yield* all<{ id: number; qid: string | null; statements: number }>(
      `SELECT p.id, p.qid, (SELECT count(*) FROM statements s WHERE s.person_id = p.id) AS statements
       FROM persons p WHERE p.kind = 'person' AND p.name_key = ?`,
      nameKey(form),
    );
    for (const row of rows) if (row.qid === null || row.qid === person.qid) named.set(row.id, row);
  }
  let changed = false;
  let id = byQid?.id;
  if (id === undefined) {
    const best = [...named.values()].sort((a, b) => b.statements - a.statements || a.id - b.id)[0];
    id = best?.id;
  }
  let outcome: Outcome;
  if (id === undefined) {
    // The name is taken by an entry that is not this person (an organisation of that name, or a namesake
    // with another QID: the senator John Kennedy and the president): the fullest free form names them.
    const names = [person.name, ...[...person.aliases].sort((a, b) => b.length - a.length)];
    for (const name of names) {
      const row = yield* get<{ id: number }>(
        `INSERT INTO persons (name, name_key, surname_key, kind, qid) VALUES (?, ?, ?, 'person', ?)
         ON CONFLICT (name_key) DO NOTHING RETURNING id`,
        name,
        nameKey(name),
        surnameKey(name),
        person.qid,
      );
      id = row?.id;
      if (id !== undefined) break;
    }
    if (id === undefined) {
      report.problems.push({
        where: person.where,
        message: `every name of "${person.name}" is already another entry's; not imported`,
      });
      return "skipped";
    }
    yield* registry.note(id, person.name, "known person: gazetteer", { articleId: null, span: null }, source);
    outcome = "added";
  } else {
    outcome = "unchanged";
    for (const other of named.keys()) {
      if (other === id) continue;
      const row = yield* get<{ name: string }>("SELECT name FROM persons WHERE id = ?", other);
      yield* registry.merge(other, id, "known person: one gazetteer entry");
      report.merged.push(`${row?.name} → ${person.name}`);
      changed = true;
    }
    if (person.qid) {
      const set = yield* run("UPDATE persons SET qid = ? WHERE id = ? AND qid IS NULL", person.qid, id);
      if (set) changed = true;
    }
  }
  const canonical = (yield* get<{ name_key: string }>("SELECT name_key FROM persons WHERE id = ?", id))
    ?.name_key;
  for (const form of forms) {
    if (nameKey(form) === canonical) continue;
    const added = yield* run(
      "INSERT OR IGNORE INTO aliases (person_id, alias, alias_key) VALUES (?, ?, ?)",
      id,
      form,
      nameKey(form),
    );
    if (added) changed = true;
  }
  for (const term of person.terms) {
    const added = yield* run(
      `INSERT OR IGNORE INTO person_terms (person_id, role, party, state, district, start, "end", source)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      id,
      term.role,
      term.party,
      term.state,
      term.district,
      term.start,
      term.end,
      source,
    );
    if (added) changed = true;
  }
  if (changed && outcome === "unchanged") {
    outcome = "updated";
    yield* registry.note(id, person.name, "known person: gazetteer", { articleId: null, span: null }, source);
  }
  return outcome;
}

/** Every term of a person, oldest first. */
export function* termsOfPerson(personId: number): Query<TermRecord[]> {
  return yield* all<TermRecord>(
    `SELECT role, party, state, district, start, "end", source FROM person_terms WHERE person_id = ?
     ORDER BY start IS NULL, start, role`,
    personId,
  );
}

/**
 * The office and party a person held on `day` (YYYY-MM-DD): the latest-starting term that covers it.
 * A statement of 2016 by a senator first elected in 2010 is a senator's; undated statements get none.
 */
export function* termOn(personId: number, day: string | null): Query<KnownTerm | null> {
  if (!day) return null;
  const row = yield* get<KnownTerm>(
    `SELECT role, party, state, district, start, "end" FROM person_terms
     WHERE person_id = ? AND (start IS NULL OR start <= ?) AND ("end" IS NULL OR "end" >= ?)
     ORDER BY start DESC NULLS LAST LIMIT 1`,
    personId,
    day,
    day,
  );
  return row ?? null;
}
