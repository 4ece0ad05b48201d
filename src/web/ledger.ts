import type { UrlLedger } from "./read-url.ts";

/** What became of an article read from the web, once it left the ingest pipeline. */
export type Settled = "stored" | "present" | "failed" | "not stored";

/**
 * The ledger of fetched item URLs as one run sees it. A failure is final when fetched and is remembered
 * at once; a page that became an article is only remembered once the article is settled (stored,
 * already on record, or failed in processing). Until then it is known to this run alone, so the run
 * does not fetch it twice, while a run killed in between (kill -9, power cut) fetches it again.
 */
export class RunLedger implements UrlLedger {
  private readonly inFlight = new Set<string>();
  private waiters: (() => void)[] = [];

  constructor(private readonly durable: UrlLedger) {}

  known(url: string): boolean | Promise<boolean> {
    return this.inFlight.has(url) || this.durable.known(url);
  }

  remember(url: string, outcome: string): void | Promise<void> {
    return this.durable.remember(url, outcome);
  }

  fetching(url: string): void {
    this.inFlight.add(url);
  }

  /** Called by the ingest pipeline for every article read from a URL (its origin). */
  async settled(url: string, outcome: Settled): Promise<void> {
    if (!this.inFlight.has(url)) return;
    try {
      // "not stored": the database refused the write; the URL stays unknown so a later run fetches it.
      if (outcome !== "not stored")
        await this.durable.remember(url, outcome === "failed" ? "processing failed" : "article");
    } finally {
      // Known to this run until the write is done, so it is never fetched twice in between.
      this.inFlight.delete(url);
      if (this.inFlight.size === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  }

  /** Resolves when every article fetched so far is settled (a source's state is saved only then). */
  async allSettled(): Promise<void> {
    if (this.inFlight.size === 0) return;
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}
