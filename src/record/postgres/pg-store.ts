import type pg from "pg";
import type { Overrides } from "../overrides.ts";
import { QueryStore } from "../query-store.ts";
import type { Query } from "../sql.ts";
import { connectPool, type PgStoreOptions } from "./connect.ts";
import { runAsync } from "./run.ts";

/**
 * The record on PostgreSQL, behind the same interface as the embedded SQLite store: the same record queries
 * (../sql.ts) run here over a connection pool. Each article is written in one transaction; writers take
 * turns at the person registry (write-article.ts), so workers on several machines resolve names as one
 * process would. Cheap to open once per worker process: one small pool, migrations checked once.
 */
export async function openPgStore(url: string, options: PgStoreOptions = {}): Promise<PgStore> {
  const pool = await connectPool(url, options);
  return new PgStore(pool, options.overrides);
}

/**
 * How a write transaction starts. Its commit does not wait for the WAL flush (synchronous_commit off):
 * writers take turns at the registry, and a flush per turn made every other writer wait for the disk.
 * A crash of the server (not of a worker) can lose the last commits of the past fraction of a second,
 * never a part of one, and never one that a later synchronous commit (a queue job marked done) follows:
 * WAL is flushed in order. So a lost article is still a queued job, retried; `ingest` re-run stores it.
 */
const BEGIN_WRITE = "BEGIN; SET LOCAL synchronous_commit TO off";

export class PgStore extends QueryStore {
  /** The last write of this store: the next one starts after it (see run). */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    readonly pool: pg.Pool,
    overrides?: Overrides,
  ) {
    super(overrides);
  }

  /**
   * A read sees what each statement's start finds committed; a write is one transaction. One store's writes
   * run one after another, in the order they were asked for, as SQLite's do: they would take turns at the
   * registry lock anyway, and in call order an ingest gives the same ids on both backends.
   */
  protected run<T>(query: Query<T>, mode: "read" | "write"): Promise<T> {
    if (mode === "read") return this.transaction(query, false);
    const result = this.writes.then(() => this.transaction(query, true));
    this.writes = result.catch(() => undefined);
    return result;
  }

  private async transaction<T>(query: Query<T>, write: boolean): Promise<T> {
    const client = await this.pool.connect();
    try {
      if (!write) return await runAsync(client, query);
      // One round trip: a simple query may hold several statements.
      await client.query(BEGIN_WRITE);
      try {
        const result = await runAsync(client, query);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}
