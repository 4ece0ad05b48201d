import { all, dialect, get, type Query, run } from "./sql.ts";

/**
 * Full-text search on both backends. SQLite keeps an FTS5 table (unicode61, diacritics removed) filled by a
 * trigger; PostgreSQL keeps a tsvector column with a GIN index. So that both find the same statements, the
 * PostgreSQL document and query are made of the words FTS5 would see: runs of letters and digits, lower
 * case, without diacritics, read by the 'simple' configuration (no stemming, no stop words).
 */

/** The words of `text` as FTS5's unicode61 tokenizer with remove_diacritics reads them. */
export function searchWords(text: string): string[] {
  return (
    text
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** What a statement is found by: its content and its speaker's name. */
export function searchDocument(content: string, speaker: string | null): string {
  return [...searchWords(content), ...searchWords(speaker ?? "")].join(" ");
}

/** The words of a search as the user typed them: whitespace-separated, each holding a letter or digit. */
export function searchTerms(input: string): string[] {
  return input.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
}

/**
 * Turns user input into a safe FTS5 query: every whitespace-separated word becomes a quoted phrase
 * (quotes doubled), so operators and syntax characters in the input are searched for, never executed.
 * Returns null when nothing searchable remains.
 */
export function ftsQuery(input: string): string | null {
  const words = searchTerms(input);
  if (words.length === 0) return null;
  return words.map((word) => `"${word.replaceAll('"', '""')}"`).join(" ");
}

/**
 * A PostgreSQL tsquery for `input` with the meaning of the FTS5 query sqlite.ts builds: every typed word
 * must occur, a word that splits into several ("don't", "U.S.") as adjacent words. Words are quoted, so no
 * operator typed by the user is executed. Null when nothing searchable remains.
 */
export function tsQuery(input: string): string | null {
  const phrases = searchTerms(input)
    .map((term) => searchWords(term))
    .filter((words) => words.length > 0)
    .map((words) => {
      const phrase = words.map((word) => `'${word}'`).join(" <-> ");
      return words.length > 1 ? `(${phrase})` : phrase;
    });
  return phrases.length > 0 ? phrases.join(" & ") : null;
}

/** The search index holds the speaker's name per statement; statements re-linked to a person need theirs. */
export function* refreshSpeakerSearch(personId: number): Query<void> {
  if ((yield* dialect()) === "sqlite") {
    yield* run(
      `UPDATE statements_fts SET speaker = (SELECT name FROM persons WHERE id = ?)
       WHERE rowid IN (SELECT id FROM statements WHERE person_id = ?)`,
      personId,
      personId,
    );
    return;
  }
  const person = yield* get<{ name: string }>("SELECT name FROM persons WHERE id = ?", personId);
  const rows = yield* all<{ id: number; content: string }>(
    "SELECT id, content FROM statements WHERE person_id = ?",
    personId,
  );
  if (rows.length === 0) return;
  yield* run(
    `UPDATE statements s SET search = to_tsvector('simple', v.doc)
     FROM unnest($1::bigint[], $2::text[]) AS v(id, doc) WHERE s.id = v.id`,
    rows.map((row) => row.id),
    rows.map((row) => searchDocument(row.content, person?.name ?? null)),
  );
}
