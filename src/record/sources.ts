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

/** The sources whose next poll is due. */
export function dueSources(states: readonly SourceState[], now = new Date()): SourceState[] {
  const at = now.toISOString();
  return states.filter((state) => state.nextDue <= at);
}

/** The earliest next poll among the sources. */
export function nextDue(states: readonly SourceState[]): string | undefined {
  return states.map((state) => state.nextDue).sort()[0];
}
