import type Database from "better-sqlite3";
import type { Gazetteer, KnownPerson, KnownTerm } from "./gazetteer.ts";
import type { Registry } from "./identity.ts";
import { surnameKey } from "./identity.ts";
import { nameKey } from "./migrations.ts";

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

export function importGazetteer(
  db: Database.Database,
  registry: Registry,
  gazetteer: Gazetteer,
): ImportReport {
  const report: ImportReport = {
    file: gazetteer.file,
    added: 0,
    updated: 0,
    unchanged: 0,
    merged: [],
    problems: [...gazetteer.problems],
  };
  const source = gazetteer.file;
  const run = db.transaction(() => {
    for (const person of gazetteer.people) {
      const outcome = importPerson(db, registry, person, source, report);
      if (outcome === "added") report.added++;
      else if (outcome === "updated") report.updated++;
      else if (outcome === "unchanged") report.unchanged++;
    }
  });
  run.immediate();
  return report;
}

type Outcome = "added" | "updated" | "unchanged" | "skipped";

function importPerson(
  db: Database.Database,
  registry: Registry,
  person: KnownPerson,
  source: string,
  report: ImportReport,
): Outcome {
  const forms = [person.name, ...person.aliases];
  const byQid = person.qid
    ? (db.prepare("SELECT id, qid FROM persons WHERE qid = ?").get(person.qid) as { id: number } | undefined)
    : undefined;
  // Stored people whose canonical name is one of the forms (aliases are not trusted here: a headline can
  // make one person's name another's alias); a namesake who already has another QID is someone else.
  const named = new Map<number, { id: number; qid: string | null; statements: number }>();
  for (const form of forms) {
    const rows = db
      .prepare(
        `SELECT p.id, p.qid, (SELECT count(*) FROM statements s WHERE s.person_id = p.id) AS statements
         FROM persons p WHERE p.kind = 'person' AND p.name_key = ?`,
      )
      .all(nameKey(form)) as { id: number; qid: string | null; statements: number }[];
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
    const insert = db.prepare(
      `INSERT INTO persons (name, name_key, surname_key, kind, qid) VALUES (?, ?, ?, 'person', ?)
       ON CONFLICT (name_key) DO NOTHING RETURNING id`,
    );
    const names = [person.name, ...[...person.aliases].sort((a, b) => b.length - a.length)];
    for (const name of names) {
      id = (insert.get(name, nameKey(name), surnameKey(name), person.qid) as { id: number } | undefined)?.id;
      if (id !== undefined) break;
    }
    if (id === undefined) {
      report.problems.push({
        where: person.where,
        message: `every name of "${person.name}" is already another entry's; not imported`,
      });
      return "skipped";
    }
    registry.note(id, person.name, "known person: gazetteer", { articleId: null, span: null }, source);
    outcome = "added";
  } else {
    outcome = "unchanged";
    for (const other of named.keys()) {
      if (other === id) continue;
      const name = (db.prepare("SELECT name FROM persons WHERE id = ?").get(other) as { name: string }).name;
      registry.merge(other, id, "known person: one gazetteer entry");
      report.merged.push(`${name} → ${person.name}`);
      changed = true;
    }
    if (person.qid) {
      const set = db.prepare("UPDATE persons SET qid = ? WHERE id = ? AND qid IS NULL").run(person.qid, id);
      if (set.changes) changed = true;
    }
  }
  const canonical = (db.prepare("SELECT name_key FROM persons WHERE id = ?").get(id) as { name_key: string })
    .name_key;
  const addAlias = db.prepare("INSERT OR IGNORE INTO aliases (person_id, alias, alias_key) VALUES (?, ?, ?)");
  for (const form of forms) {
    if (nameKey(form) === canonical) continue;
    if (addAlias.run(id, form, nameKey(form)).changes) changed = true;
  }
  const addTerm = db.prepare(
    `INSERT OR IGNORE INTO person_terms (person_id, role, party, state, district, start, end, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const term of person.terms) {
    const added = addTerm.run(
      id,
      term.role,
      term.party,
      term.state,
      term.district,
      term.start,
      term.end,
      source,
    );
    if (added.changes) changed = true;
  }
  if (changed && outcome === "unchanged") {
    outcome = "updated";
    registry.note(id, person.name, "known person: gazetteer", { articleId: null, span: null }, source);
  }
  return outcome;
}

/** Every term of a person, oldest first. */
export function termsOf(db: Database.Database, personId: number): TermRecord[] {
  return db
    .prepare(
      `SELECT role, party, state, district, start, end, source FROM person_terms WHERE person_id = ?
       ORDER BY start IS NULL, start, role`,
    )
    .all(personId) as TermRecord[];
}

/**
 * The office and party a person held on `day` (YYYY-MM-DD): the latest-starting term that covers it.
 * A statement of 2016 by a senator first elected in 2010 is a senator's; undated statements get none.
 */
export function termAt(db: Database.Database, personId: number, day: string | null): KnownTerm | null {
  if (!day) return null;
  const row = db
    .prepare(
      `SELECT role, party, state, district, start, end FROM person_terms
       WHERE person_id = ? AND (start IS NULL OR start <= ?) AND (end IS NULL OR end >= ?)
       ORDER BY start DESC LIMIT 1`,
    )
    .get(personId, day, day) as KnownTerm | undefined;
  return row ?? null;
}

/** Whether a known person held any office on `day`. */
export function inOfficeAt(db: Database.Database, personId: number, day: string | null): boolean {
  return termAt(db, personId, day) !== null;
}
