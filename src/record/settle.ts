import { isBareSurname, type PersonRegistry } from "./identity.ts";
import { all, get, type Query, run } from "./sql.ts";
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

/** Settles every bare entry; run it in one transaction. */
export function* settleBareSurnames(registry: PersonRegistry): Query<SettleReport> {
  const report: SettleReport = { moved: 0, settled: [] };
  for (const entry of yield* bareEntries()) yield* settleEntry(registry, entry, report);
  return report;
}

/** Bare-surname people, and one-word organisations whose word is a stored full-name person's surname. */
function* bareEntries(): Query<Entry[]> {
  const people = (yield* all<Entry>(
    `SELECT id, name, kind, surname_key AS key FROM persons
       WHERE kind = 'person' AND surname_key IS NOT NULL AND name NOT LIKE '% %'
         AND EXISTS (SELECT 1 FROM statements s WHERE s.person_id = persons.id)
       ORDER BY id`,
  )).filter((entry) => isBareSurname(entry.name));
  const organisations = yield* all<Entry>(
    `SELECT o.id, o.name, o.kind, o.name_key AS key FROM persons o
     WHERE o.kind = 'organization' AND o.name NOT LIKE '% %'
       AND EXISTS (SELECT 1 FROM persons p WHERE p.kind = 'person' AND p.surname_key = o.name_key AND p.id != o.id)
       AND EXISTS (SELECT 1 FROM statements s WHERE s.person_id = o.id)
     ORDER BY o.id`,
  );
  return [...people, ...organisations];
}

function* settleEntry(registry: PersonRegistry, entry: Entry, report: SettleReport): Query<void> {
  const statements = yield* all<{
    id: number;
    article_id: string;
    published: string | null;
    source_start: number | null;
  }>(
    `SELECT s.id, s.article_id, s.published, s.source_start FROM statements s
     WHERE s.person_id = ? ORDER BY s.article_id, s.ordinal`,
    entry.id,
  );
  const targets = new Map<number, number>();
  let text: { id: string; text: string } | undefined;
  for (const statement of statements) {
    if (text?.id !== statement.article_id) {
      const row = yield* get<{ text: string }>(
        "SELECT text FROM articles WHERE id = ?",
        statement.article_id,
      );
      text = { id: statement.article_id, text: row?.text ?? "" };
    }
    const decided = yield* decideSurname(
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
    yield* run("UPDATE statements SET person_id = ? WHERE id = ?", decided.id, statement.id);
    targets.set(decided.id, (targets.get(decided.id) ?? 0) + 1);
    yield* registry.note(
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
  for (const id of targets.keys()) yield* registry.refreshSearch(id);
  if (moved < statements.length) return;
  if (targets.size === 1) {
    const [into] = targets.keys();
    yield* registry.merge(entry.id, into, "bare surname settled: every statement went to one person");
    const row = yield* get<{ name: string }>("SELECT name FROM persons WHERE id = ?", into);
    report.settled.push(`${entry.name} → ${row?.name}`);
  } else {
    // Its statements went to several people: the entry named no one in particular; its aliases ("Mr. X")
    // were ambiguous too.
    yield* run("DELETE FROM persons WHERE id = ?", entry.id);
    report.settled.push(`${entry.name} (split among ${targets.size} people)`);
  }
}
