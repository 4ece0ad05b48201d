import type { PollResult, SourceState } from "./sources.ts";
import { all, get, type Query, run } from "./sql.ts";

/**
 * Web sources and fetched item URLs (migration 9, sources.ts) as record queries (sql.ts), so the polling
 * state and the ledger of items fetched read and write the same way on every backend.
 */

/** A failing source waits longer each time: interval × 2^errors, capped at this many doublings. */
const MAX_BACKOFF_DOUBLINGS = 6;
const MAX_BACKOFF_MS = 24 * 3600 * 1000;

/** Adds sources not yet known (due now); known ones keep their state. */
export function* addSourceUrls(urls: readonly string[], now = new Date()): Query<void> {
  const at = now.toISOString();
  for (const url of urls)
    yield* run("INSERT OR IGNORE INTO sources (url, added_at, next_due) VALUES (?, ?, ?)", url, at, at);
}

/** The state of the given sources in their order (unknown ones left out), or of all, ordered by URL. */
export function* sourceStates(urls?: readonly string[]): Query<SourceState[]> {
  if (urls === undefined) return (yield* all<SourceRow>("SELECT * FROM sources ORDER BY url")).map(stateOf);
  const states: SourceState[] = [];
  for (const url of urls) {
    const row = yield* get<SourceRow>("SELECT * FROM sources WHERE url = ?", url);
    if (row) states.push(stateOf(row));
  }
  return states;
}

/** Records a poll: success resets the error count; failure backs the source off exponentially. */
export function* recordSourcePoll(
  url: string,
  result: PollResult,
  intervalMs: number,
  now = new Date(),
): Query<void> {
  const [previous] = yield* sourceStates([url]);
  const errors = result.error ? (previous?.consecutiveErrors ?? 0) + 1 : 0;
  const wait = result.error
    ? Math.min(
        intervalMs * 2 ** Math.min(errors, MAX_BACKOFF_DOUBLINGS),
        Math.max(MAX_BACKOFF_MS, intervalMs),
      )
    : intervalMs;
  const at = now.toISOString();
  const failed = result.error !== undefined;
  yield* run(
    `UPDATE sources SET kind = coalesce(?, kind), last_fetched = ?,
       etag = CASE WHEN ? = 1 THEN etag ELSE coalesce(?, etag) END,
       last_modified = CASE WHEN ? = 1 THEN last_modified ELSE coalesce(?, last_modified) END,
       last_new_item = CASE WHEN ? > 0 THEN ? ELSE last_new_item END,
       items_found = items_found + ?, consecutive_errors = ?, last_error = ?, next_due = ?
     WHERE url = ?`,
    result.kind ?? null,
    at,
    failed ? 1 : 0,
    result.etag ?? null,
    failed ? 1 : 0,
    result.lastModified ?? null,
    result.newItems,
    at,
    result.newItems,
    errors,
    result.error ?? null,
    new Date(now.getTime() + wait).toISOString(),
    url,
  );
}

/** Whether an item URL was fetched before (stored as an article, or tried and recorded). */
export function* itemFetched(url: string): Query<boolean> {
  if (yield* get("SELECT 1 AS found FROM fetched_urls WHERE url = ?", url)) return true;
  return (
    (yield* get("SELECT 1 AS found FROM articles WHERE origin = ? OR url = ? LIMIT 1", url, url)) !==
    undefined
  );
}

/** Whether an article with this canonical URL is stored. */
export function* articleUrlStored(url: string): Query<boolean> {
  return (yield* get("SELECT 1 AS found FROM articles WHERE url = ? LIMIT 1", url)) !== undefined;
}

/** Records a fetched item URL and what came of it. */
export function* rememberItemUrl(url: string, outcome: string): Query<void> {
  yield* run(
    `INSERT INTO fetched_urls (url, outcome, fetched_at) VALUES (?, ?, ?)
     ON CONFLICT (url) DO UPDATE SET outcome = excluded.outcome, fetched_at = excluded.fetched_at`,
    url,
    outcome,
    new Date().toISOString(),
  );
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
