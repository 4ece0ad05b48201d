import type { Store } from "../record/store.ts";

/**
 * What a page's loader answered, kept until the record changes. Every request first asks the store's
 * change stamp (record/change-stamp.ts: one cheap query), so an article a concurrent `ingest` or a
 * `POST /api/articles` stores is seen by the next request; then a page asked for again is not computed
 * again (a person quoted thousands of times costs hundreds of milliseconds of CPU, and better-sqlite3
 * is synchronous, so one such request holds every other client up). Requests that arrive while the same
 * answer is being computed wait for that one computation. Failures are not kept.
 *
 * The stamp is read before the loader runs, so an answer computed across a write is kept under the
 * older stamp and dropped at the next request: kept too briefly, never too long.
 */
export class PageCache {
  private readonly entries = new Map<string, Promise<unknown>>();
  private stamp: string | undefined;
  hits = 0;
  misses = 0;

  constructor(
    private readonly store: Pick<Store, "changeStamp">,
    /** Answers kept at most; the least recently asked goes first. */
    private readonly max = 400,
  ) {}

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const stamp = await this.store.changeStamp();
    if (stamp !== this.stamp) {
      this.entries.clear();
      this.stamp = stamp;
    }
    const kept = this.entries.get(key);
    if (kept) {
      this.hits++;
      // Most recently asked last in the map's order.
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept as Promise<T>;
    }
    this.misses++;
    const answer = load();
    this.entries.set(key, answer);
    answer.catch(() => {
      if (this.entries.get(key) === answer) this.entries.delete(key);
    });
    if (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return answer;
  }
}

/** A cache key of a route and its validated parameters and query, the same for its page, twin and API. */
export function cacheKey(route: string, params: unknown, query: unknown): string {
  return JSON.stringify([route, sorted(params), sorted(query)]);
}

function sorted(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value ?? null;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}
