import Database from "better-sqlite3";
import { migrate } from "./migrations.ts";
import { checkReadableRecord, checkWritableRecord } from "./open-check.ts";
import { loadOverrides, type Overrides, overridesNextTo } from "./overrides.ts";
import { QueryStore } from "./query-store.ts";
import { ftsQuery } from "./search.ts";
import { type Query, runSync } from "./sql.ts";

export { ftsQuery };

/** How long a writer waits for another connection's lock before failing (ingest and serve may overlap). */
const BUSY_TIMEOUT_MS = 5000;
/** Address space a read-only connection maps (not memory it takes: pages come from the OS cache). */
const READER_MMAP_BYTES = 1024 * 1024 * 1024;

export interface SqliteStoreOptions {
  readonly?: boolean;
  /** Manual registry corrections; by default the onrecord.overrides.json next to the database, if any. */
  overrides?: Overrides;
}

/**
 * Opens (creating and migrating when writable) the SQLite record at `path`. Outside src/record, use
 * openStore (open-store.ts), which gives the same store behind the Store interface alone.
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteStore {
  return new SqliteStore(path, options);
}

/**
 * The Store on better-sqlite3. The driver is synchronous, so each method does its work before it returns
 * its (already settled) promise: a transaction never interleaves with another caller's.
 */
export class SqliteStore extends QueryStore {
  readonly db: Database.Database;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    const overridesFile = options.overrides ? undefined : overridesNextTo(path);
    super(options.overrides ?? (overridesFile ? loadOverrides(overridesFile) : undefined));
    this.db = new Database(path, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.db.pragma("foreign_keys = ON");
    try {
      if (options.readonly) checkReadableRecord(this.db);
      // Before WAL mode or a migration touches the file: it must be ours, or new.
      else checkWritableRecord(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
    // A reader (`serve`) maps the file instead of copying each page it reads through a system call: on
    // a 100,000-article record the web app's uncached pages spent much of their time in those copies.
    if (options.readonly) this.db.pragma(`mmap_size = ${READER_MMAP_BYTES}`);
    if (!options.readonly) {
      // WAL: readers never block the writer; synchronous=NORMAL is still safe against a killed process
      // (only an OS crash can lose the last commits, and never corrupts the file).
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("synchronous = NORMAL");
      migrate(this.db);
    }
  }

  /**
   * Runs a record query on this database. A write is one IMMEDIATE transaction: it takes the write lock up
   * front, so what it reads (is the article stored? who is this name?) cannot change under it before it
   * writes.
   */
  protected async run<T>(query: Query<T>, mode: "read" | "write"): Promise<T> {
    if (mode === "read") return runSync(this.db, query);
    return this.db.transaction(() => runSync(this.db, query)).immediate();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
