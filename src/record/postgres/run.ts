import type pg from "pg";
import { type Query, sqlFor } from "../sql.ts";

/**
 * Runs record queries (../sql.ts) on a PostgreSQL connection: the same generators the SQLite store runs
 * synchronously, here with an `await` per step. SQL written for SQLite is translated once per text:
 * `?` parameters become `$1, $2, ...` and `INSERT OR IGNORE` becomes `INSERT ... ON CONFLICT DO NOTHING`.
 * Each distinct text is a named prepared statement, parsed once per connection.
 */

/** Statements with more parameters than this are not kept prepared (see insertRows). */
const MAX_PREPARED_PARAMS = 64;

/** Translations kept (each is a prepared statement on every connection that ran it). */
const MAX_TRANSLATED = 2000;

const translated = new Map<string, { name?: string; text: string }>();

/** The PostgreSQL text of a statement written with SQLite's parameters. */
export function toPostgres(sql: string): string {
  let text = "";
  let n = 0;
  let quoted = false;
  for (const char of sql) {
    if (char === "'") quoted = !quoted;
    if (char === "?" && !quoted) text += `$${++n}`;
    else text += char;
  }
  if (/^\s*INSERT OR IGNORE INTO/i.test(text)) {
    text = text.replace(/INSERT OR IGNORE INTO/i, "INSERT INTO");
    // Before RETURNING, when there is one.
    const returning = text.search(/\sRETURNING\s/i);
    text =
      returning < 0
        ? `${text} ON CONFLICT DO NOTHING`
        : `${text.slice(0, returning)} ON CONFLICT DO NOTHING${text.slice(returning)}`;
  }
  return text;
}

function prepared(sql: string, params: number): { name?: string; text: string } {
  let found = translated.get(sql);
  if (!found) {
    // Multi-row inserts (sql.ts insertRows) vary in length: parsed each time, not kept per connection.
    if (translated.size >= MAX_TRANSLATED || params > MAX_PREPARED_PARAMS) return { text: toPostgres(sql) };
    found = { name: `onrecord_${translated.size + 1}`, text: toPostgres(sql) };
    translated.set(sql, found);
  }
  return found;
}

export async function runAsync<T>(client: pg.ClientBase, query: Query<T>): Promise<T> {
  let step = query.next();
  while (!step.done) {
    const current = step.value;
    let result: unknown;
    if (current.kind === "dialect") result = "postgres";
    else {
      const values = current.params as unknown[];
      const { name, text } = prepared(sqlFor(current.sql, "postgres"), values.length);
      const answer = await client.query(name === undefined ? { text, values } : { name, text, values });
      if (current.kind === "all") result = answer.rows;
      else if (current.kind === "get") result = answer.rows[0];
      else result = answer.rowCount ?? 0;
    }
    step = query.next(result);
  }
  return step.value;
}
