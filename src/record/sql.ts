import type Database from "better-sqlite3";

/**
 * The record's logic written once for both backends. A query function is a generator that yields the SQL
 * it needs and receives the rows: the embedded SQLite store runs it synchronously (inside a better-sqlite3
 * transaction, which cannot span an `await`), the PostgreSQL store runs the same generator asynchronously
 * over one connection (postgres/run.ts). So identity resolution, surnames, overrides and the people queries
 * decide the same way on both, and only the SQL text may differ where the dialects do.
 *
 *   function* personName(id: number): Query<string | undefined> {
 *     return (yield* get<{ name: string }>("SELECT name FROM persons WHERE id = ?", id))?.name;
 *   }
 *
 * SQL is written for SQLite with `?` parameters; PostgreSQL gets `$n` and `ON CONFLICT DO NOTHING` for
 * `INSERT OR IGNORE` by translation. Where the dialects really differ, a step gives both texts.
 */

export type Dialect = "sqlite" | "postgres";
export type SqlText = string | { readonly sqlite: string; readonly postgres: string };

export type Step =
  | { readonly kind: "all" | "get" | "run"; readonly sql: SqlText; readonly params: readonly unknown[] }
  | { readonly kind: "dialect" };

/** A piece of record logic: yields steps, returns its result. */
export type Query<T> = Generator<Step, T, unknown>;

/** Every row of a SELECT. */
export function* all<T>(sql: SqlText, ...params: unknown[]): Query<T[]> {
  return (yield { kind: "all", sql, params }) as T[];
}

/** The first row of a SELECT (or of an INSERT ... RETURNING), if any. */
export function* get<T>(sql: SqlText, ...params: unknown[]): Query<T | undefined> {
  return (yield { kind: "get", sql, params }) as T | undefined;
}

/** Runs a write; returns the number of rows it changed. */
export function* run(sql: SqlText, ...params: unknown[]): Query<number> {
  return (yield { kind: "run", sql, params }) as number;
}

/** Which backend runs the query (for the few steps that are not SQL in both). */
export function* dialect(): Query<Dialect> {
  return (yield { kind: "dialect" }) as Dialect;
}

/** Rows per multi-row INSERT on PostgreSQL: far below its 65,535 parameters for any of the record's tables. */
const ROWS_PER_INSERT = 500;

/**
 * Inserts rows: `head` is "INSERT [OR IGNORE] INTO table (columns)", `tail` what follows the values
 * ("RETURNING id", "ON CONFLICT ..."). SQLite runs one prepared single-row insert per row (in-process calls
 * cost little); PostgreSQL gets one multi-row INSERT per ROWS_PER_INSERT rows, so an article's statements or
 * topics cost one round trip, not one each. Rows are inserted in order; returns what RETURNING gives. An
 * empty list inserts nothing.
 */
export function* insertRows<T>(
  head: string,
  rows: readonly (readonly unknown[])[],
  tail = "",
  /** One row's values with its parameters ("(?, to_tsvector('simple', ?))"); plain parameters by default. */
  template?: string,
): Query<T[]> {
  const width = rows[0]?.length ?? 0;
  const one = template ?? `(${Array.from({ length: width }, () => "?").join(", ")})`;
  const out: T[] = [];
  if (rows.length === 0) return out;
  if ((yield* dialect()) === "sqlite") {
    for (const row of rows) out.push(...(yield* all<T>(`${head} VALUES ${one} ${tail}`, ...row)));
    return out;
  }
  for (let at = 0; at < rows.length; at += ROWS_PER_INSERT) {
    const chunk = rows.slice(at, at + ROWS_PER_INSERT);
    const values = chunk.map(() => one).join(", ");
    out.push(...(yield* all<T>(`${head} VALUES ${values} ${tail}`, ...chunk.flat())));
  }
  return out;
}

export function sqlFor(sql: SqlText, dialect: Dialect): string {
  return typeof sql === "string" ? sql : sql[dialect];
}

/** One statement in both dialects, built by `build` for each. */
export function perDialect(build: (dialect: Dialect) => string): SqlText {
  return { sqlite: build("sqlite"), postgres: build("postgres") };
}

/**
 * The order of a column SQLite declares COLLATE NOCASE (person names, aliases): ASCII letters folded. In
 * PostgreSQL that is lower() under the C collation, which folds ASCII only.
 */
export function nocase(column: string): { sqlite: string; postgres: string } {
  return { sqlite: column, postgres: `lower(${column}), ${column}` };
}

const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** Prepared statements are compiled once per database and SQL text. */
function statementFor(db: Database.Database, sql: string): Database.Statement {
  let cache = prepared.get(db);
  if (!cache) {
    cache = new Map();
    prepared.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/** Runs a query on SQLite, synchronously (so it can run inside a better-sqlite3 transaction). */
export function runSync<T>(db: Database.Database, query: Query<T>): T {
  let step = query.next();
  while (!step.done) {
    const current = step.value;
    if (current.kind === "dialect") {
      step = query.next("sqlite");
      continue;
    }
    const statement = statementFor(db, sqlFor(current.sql, "sqlite"));
    const params = current.params as unknown[];
    let result: unknown;
    if (current.kind === "all" && statement.reader) result = statement.all(...params);
    else if (current.kind === "all") {
      // A write read with all() (insertRows without RETURNING) gives no rows.
      statement.run(...params);
      result = [];
    } else if (current.kind === "get") result = statement.get(...params);
    else result = statement.run(...params).changes;
    step = query.next(result);
  }
  return step.value;
}
