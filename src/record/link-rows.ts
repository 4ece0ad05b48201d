import type { LinkNote } from "./identity.ts";
import { nameKey } from "./migrations.ts";

/** Why each name went to whom, as rows of person_links: written by the registry and by the article writer. */

/** The columns of a person_links row as noteRows gives it. */
export const LINK_COLUMNS =
  "person_id, name, name_key, rule, article_id, span_start, span_end, detail, created_at";

/** Link notes as person_links rows (LINK_COLUMNS). */
export function noteRows(notes: readonly LinkNote[]): unknown[][] {
  const now = new Date().toISOString();
  return notes.map((note) => [
    note.personId,
    note.name,
    nameKey(note.name),
    note.rule,
    note.evidence.articleId,
    note.evidence.span?.start ?? null,
    note.evidence.span?.end ?? null,
    note.detail,
    now,
  ]);
}
