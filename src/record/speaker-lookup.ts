import type Database from "better-sqlite3";
import { aliasForm, parseName } from "../nlp/names.ts";
import { isBareSurname } from "./identity.ts";
import { nameKey } from "./migrations.ts";
import { all, get, type Query, runSync } from "./sql.ts";
import type { SpeakerCandidate, SpeakerLookup } from "./store.ts";

/**
 * The one rule by which every `--speaker NAME` (and `person NAME`) finds a person, tried in order:
 *
 *  1. an id: "15" is person 15; a Wikidata QID ("Q22686") is the person imported with it;
 *  2. the exact canonical name, any case ("hillary clinton");
 *  3. an alias, when one person holds it ("Donald J. Trump", "Mrs. Clinton");
 *  4. a bare surname ("Cruz") when exactly one person has it: a full-name person, a bare-surname entry
 *     or an alias holder. A bare-surname entry of that name does not win by rule 2 when full-name people
 *     carry the surname: "Trump" would otherwise be a fragment of a few statements.
 *
 * An alias or surname that several people carry is ambiguous: the candidates are returned (with their
 * statement counts and QIDs) for the user to choose, never one picked silently. A title-led name ("Mayor
 * Ada Quill", "Mr. Quill") that matches nothing is tried again without the title.
 */

export type { SpeakerCandidate, SpeakerLookup };

/** findSpeaker on an SQLite record. */
export function lookupSpeaker(db: Database.Database, query: string): SpeakerLookup {
  return runSync(db, findSpeaker(query));
}

export function* findSpeaker(query: string): Query<SpeakerLookup> {
  const trimmed = query.trim();
  if (!trimmed) return { none: true };
  const byId = (id: number) =>
    get<SpeakerCandidate>(
      `SELECT p.id, p.name, p.qid, (SELECT count(*) FROM statements s WHERE s.person_id = p.id) AS statements
       FROM persons p WHERE p.id = ?`,
      id,
    );
  if (/^\d+$/.test(trimmed)) {
    const found = Number(trimmed) <= Number.MAX_SAFE_INTEGER ? yield* byId(Number(trimmed)) : undefined;
    return found ? { found, rule: "id" } : { none: true };
  }
  if (/^Q\d+$/.test(trimmed)) {
    const row = yield* get<{ id: number }>("SELECT id FROM persons WHERE qid = ?", trimmed);
    const found = row && (yield* byId(row.id));
    if (found) return { found, rule: "qid" };
  }
  const key = nameKey(trimmed);
  const exact = yield* get<{ id: number }>("SELECT id FROM persons WHERE name_key = ?", key);
  const bare = !/\s/.test(trimmed) && isBareSurname(trimmed);
  const surnamePeople = bare
    ? (yield* all<{ id: number; name: string }>(
        "SELECT id, name FROM persons WHERE surname_key = ? AND kind = 'person' ORDER BY id",
        key,
      ))
        .filter((p) => parseName(p.name).first)
        .map((p) => p.id)
    : [];
  if (exact && surnamePeople.length === 0) {
    const found = yield* byId(exact.id);
    if (found) return { found, rule: "name" };
  }
  const aliasOwners = (yield* all<{ id: number }>(
    "SELECT DISTINCT person_id AS id FROM aliases WHERE alias_key = ?",
    key,
  )).map((row) => row.id);
  const ids = new Set([...(exact ? [exact.id] : []), ...aliasOwners, ...surnamePeople]);
  // People who are only in a gazetteer and were never quoted are not what a --speaker means, unless
  // nobody else answers to the name.
  const everyone: SpeakerCandidate[] = [];
  for (const id of ids) {
    const found = yield* byId(id);
    if (found) everyone.push(found);
  }
  const quoted = everyone.filter((c) => c.statements > 0);
  const candidates = (quoted.length > 0 ? quoted : everyone).sort(
    (a, b) => b.statements - a.statements || a.id - b.id,
  );
  if (candidates.length === 1)
    return { found: candidates[0], rule: surnamePeople.length > 0 ? "surname" : "alias" };
  if (candidates.length > 1) return { ambiguous: candidates };
  const untitled = aliasForm(trimmed);
  if (untitled && nameKey(untitled) !== key) return yield* findSpeaker(untitled);
  return { none: true };
}
