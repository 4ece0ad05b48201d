import type Database from "better-sqlite3";
import { isBareSurname, type Registry } from "./identity.ts";
import { decideSurname } from "./surnames.ts";

/**
 * Settles bare surnames across the record after an ingest or a gazetteer import: a statement stored under
 * a bare-surname entry ("Obama"), or under a one-word organisation that is a person's surname ("Clinton"),
 * moves to the person its article names in full, or (for bare surnames) to the one plausible person at its
 * date (surnames.ts). An article linked its bare surname with what the record knew then; the record
 * knows more once the batch is in. Statements are moved, never dropped; an entry left without statements
 * is merged into the one person that took them all, or removed when they went to several.
 */

export interface SettleReport {
  moved: number;
  /** Bare entries emptied: "Obama → Barack Obama", or "Clinton (split)". */
  settled: string[];
}

interface Entry {
  id: number;
  name: string;
  kind: string;
  key: string;
}

export function settleSurnames(db: Database.Database, registry: Registry): SettleReport {
  const report: SettleReport = { moved: 0, settled: [] };
  const run = db.transaction(() => {
    for (const entry of bareEntries(db)) settleEntry(db, registry, entry, report);
  });
  run.immediate();
  return report;
}

/** Bare-surname people, and one-word organisations whose word is a stored full-name person's surname. */
function bareEntries(db: Database.Database): Entry[] {
  const people = (
    db
      .prepare(
        `SELECT id, name, kind, surname_key AS key FROM persons
         WHERE kind = 'person' AND surname_key IS NOT NULL AND name NOT LIKE '% %'
           AND EXISTS (SELECT 1 FROM statements s WHERE s.person_id = persons.id)`,
      )
      .all() as Entry[]
  ).filter((entry) => isBareSurname(entry.name));
  const organisations = db
    .prepare(
      `SELECT o.id, o.name, o.kind, o.name_key AS key FROM persons o
       WHERE o.kind = 'organization' AND o.name NOT LIKE '% %'
         AND EXISTS (SELECT 1 FROM persons p WHERE p.kind = 'person' AND p.surname_key = o.name_key AND p.id != o.id)
         AND EXISTS (SELECT 1 FROM statements s WHERE s.person_id = o.id)`,
    )
    .all() as Entry[];
  return [...people, ...organisations];
}

function settleEntry(db: Database.Database, registry: Registry, entry: Entry, report: SettleReport): void {
  const statements = db
    .prepare(
      `SELECT s.id, s.article_id, s.published, s.source_start FROM statements s
       WHERE s.person_id = ? ORDER BY s.article_id, s.ordinal`,
    )
    .all(entry.id) as {
    id: number;
    article_id: string;
    published: string | null;
    source_start: number | null;
  }[];
  const articleText = db.prepare("SELECT text FROM articles WHERE id = ?");
  const move = db.prepare("UPDATE statements SET person_id = ? WHERE id = ?");
  const targets = new Map<number, number>();
  let text: { id: string; text: string } | undefined;
  for (const statement of statements) {
    if (text?.id !== statement.article_id)
      text = {
        id: statement.article_id,
        text: (articleText.get(statement.article_id) as { text: string } | undefined)?.text ?? "",
      };
    const decided = decideSurname(
      db,
      entry.key,
      {
        day: statement.published,
        text: text.text,
        position: statement.source_start ?? 0,
        articleOnly: entry.kind !== "person",
      },
      entry.id,
    );
    if (!decided || !("id" in decided)) continue;
    move.run(decided.id, statement.id);
    targets.set(decided.id, (targets.get(decided.id) ?? 0) + 1);
    registry.note(
      decided.id,
      entry.name,
      decided.rule,
      { articleId: statement.article_id, span: null },
      decided.detail,
    );
  }
  if (targets.size === 0) return;
  const moved = [...targets.values()].reduce((sum, n) => sum + n, 0);
  report.moved += moved;
  for (const id of targets.keys()) registry.refreshSearch(id);
  if (moved < statements.length) return;
  if (targets.size === 1) {
    const [into] = targets.keys();
    registry.merge(entry.id, into, "bare surname settled: every statement went to one person");
    const name = (db.prepare("SELECT name FROM persons WHERE id = ?").get(into) as { name: string }).name;
    report.settled.push(`${entry.name} → ${name}`);
  } else {
    // Its statements went to several people: the entry named no one in particular; its aliases ("Mr. X")
    // were ambiguous too.
    db.prepare("DELETE FROM persons WHERE id = ?").run(entry.id);
    report.settled.push(`${entry.name} (split among ${targets.size} people)`);
  }
}
