import type Database from "better-sqlite3";
import { STORIES_SQL } from "./near-duplicates.ts";

/** Schema of migration 9 (kept beside the code that uses it). */
export const SOURCES_SQL = `
  CREATE TABLE sources (
    url TEXT PRIMARY KEY,
    kind TEXT,                              -- page, feed, sitemap, sitemap-index (once fetched)
    added_at TEXT NOT NULL,
    last_fetched TEXT,
    etag TEXT,                              -- validators for a conditional GET
    last_modified TEXT,
    last_new_item TEXT,                     -- when an item not fetched before was last found
    items_found INTEGER NOT NULL DEFAULT 0, -- new items over the source's life
    consecutive_errors INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    next_due TEXT NOT NULL                  -- ISO time of the next poll
  ) STRICT;
  -- Every item URL fetched, whatever came of it, so that no item is fetched twice.
  CREATE TABLE fetched_urls (
    url TEXT PRIMARY KEY,
    outcome TEXT NOT NULL,                  -- "article" or the failure reason
    fetched_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX articles_by_url ON articles(url);
  CREATE INDEX articles_by_origin ON articles(origin);
  ${STORIES_SQL}
`;

export interface SourceState {
  url: string;
  kind: string | null;
  addedAt: string;
  lastFetched: string | null;
  etag: string | null;
  lastModified: string | null;
  lastNewItem: string | null;
  itemsFound: number;
  consecutiveErrors: number;
  lastError: string | null;
  nextDue: string;
}

export interface PollResult {
  kind?: string;
  etag?: string;
  lastModified?: string;
  newItems: number;
  error?: string;
}

/** A failing source waits longer each time: interval × 2^errors, capped at this many doublings. */
const MAX_BACKOFF_DOUBLINGS = 6;
const MAX_BACKOFF_MS = 24 * 3600 * 1000;

/**
 * Web sources and fetched item URLs in the record (migration 9), beside the articles they produced:
 * polling state survives a restart, and an item URL is never fetched twice.
 */
/** Keeps sources and their state; also the ledger of item URLs fetched (read-url.ts UrlLedger). */
export class SourceStore {
  constructor(private readonly db: Database.Database) {}

  /** Adds sources not yet known (due now); known ones keep their state. */
  add(urls: readonly string[], now = new Date()): void {
    const insert = this.db.prepare(
      "INSERT OR IGNORE INTO sources (url, added_at, next_due) VALUES (?, ?, ?)",
    );
    const at = now.toISOString();
    this.db.transaction(() => {
      for (const url of urls) insert.run(url, at, at);
    })();
  }

  get(url: string): SourceState | undefined {
    const row = this.db.prepare("SELECT * FROM sources WHERE url = ?").get(url) as SourceRow | undefined;
    return row ? stateOf(row) : undefined;
  }

  list(): SourceState[] {
    return (this.db.prepare("SELECT * FROM sources ORDER BY url").all() as SourceRow[]).map(stateOf);
  }

  /** Records a poll: success resets the error count; failure backs the source off exponentially. */
  recordPoll(url: string, result: PollResult, intervalMs: number, now = new Date()): void {
    const previous = this.get(url);
    const errors = result.error ? (previous?.consecutiveErrors ?? 0) + 1 : 0;
    const wait = result.error
      ? Math.min(
          intervalMs * 2 ** Math.min(errors, MAX_BACKOFF_DOUBLINGS),
          Math.max(MAX_BACKOFF_MS, intervalMs),
        )
      : intervalMs;
    const at = now.toISOString();
    this.db
      .prepare(
        `UPDATE sources SET kind = coalesce(@kind, kind), last_fetched = @at,
           etag = CASE WHEN @error IS NULL THEN coalesce(@etag, etag) ELSE etag END,
           last_modified = CASE WHEN @error IS NULL THEN coalesce(@lastModified, last_modified) ELSE last_modified END,
           last_new_item = CASE WHEN @newItems > 0 THEN @at ELSE last_new_item END,
           items_found = items_found + @newItems, consecutive_errors = @errors, last_error = @error,
           next_due = @nextDue
         WHERE url = @url`,
      )
      .run({
        url,
        kind: result.kind ?? null,
        at,
        etag: result.etag ?? null,
        lastModified: result.lastModified ?? null,
        newItems: result.newItems,
        errors,
        error: result.error ?? null,
        nextDue: new Date(now.getTime() + wait).toISOString(),
      });
  }

  known(url: string): boolean {
    return (
      this.db.prepare("SELECT 1 FROM fetched_urls WHERE url = ?").get(url) !== undefined ||
      this.db.prepare("SELECT 1 FROM articles WHERE origin = ? OR url = ? LIMIT 1").get(url, url) !==
        undefined
    );
  }

  hasArticleUrl(url: string): boolean {
    return this.db.prepare("SELECT 1 FROM articles WHERE url = ? LIMIT 1").get(url) !== undefined;
  }

  remember(url: string, outcome: string): void {
    this.db
      .prepare("INSERT OR REPLACE INTO fetched_urls (url, outcome, fetched_at) VALUES (?, ?, ?)")
      .run(url, outcome, new Date().toISOString());
  }
}

/** The sources whose next poll is due. */
export function dueSources(states: readonly SourceState[], now = new Date()): SourceState[] {
  const at = now.toISOString();
  return states.filter((state) => state.nextDue <= at);
}

/** The earliest next poll among the sources. */
export function nextDue(states: readonly SourceState[]): string | undefined {
  return states.map((state) => state.nextDue).sort()[0];
}

interface SourceRow {
  url: string;
  kind: string | null;
  added_at: string;
  last_fetched: string | null;
  etag: string | null;
  last_modified: string | null;
  last_new_item: string | null;
  items_found: number;
  consecutive_errors: number;
  last_error: string | null;
  next_due: string;
}

function stateOf(row: SourceRow): SourceState {
  return {
    url: row.url,
    kind: row.kind,
    addedAt: row.added_at,
    lastFetched: row.last_fetched,
    etag: row.etag,
    lastModified: row.last_modified,
    lastNewItem: row.last_new_item,
    itemsFound: row.items_found,
    consecutiveErrors: row.consecutive_errors,
    lastError: row.last_error,
    nextDue: row.next_due,
  };
}
