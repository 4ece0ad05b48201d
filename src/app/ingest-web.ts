import { rmSync } from "node:fs";
import type { Store } from "../record/store.ts";
import type { FetcherOptions } from "../web/fetcher.ts";
import { readInputsAndUrls } from "../web/read-any.ts";
import type { UrlLedger } from "../web/read-url.ts";
import type { IngestOptions, IngestSummary } from "./run-ingest.ts";

/**
 * What `ingest` adds to the file pipeline for the web: the URL-aware reader, the ledger of fetched item
 * URLs, and the canonical-URL check (the same article under another URL is stored once).
 */
export function webIngestOptions(
  store: Store,
  web: FetcherOptions,
  maxItems?: number,
  stopping?: () => boolean,
): Pick<IngestOptions, "read" | "alreadyStored" | "onStored"> {
  const ledger = storeLedger(store);
  return {
    read: (inputs, options) => readInputsAndUrls(inputs, { ...options, web, maxItems, ledger, stopping }),
    onStored: async (article) => void (await store.linkStory(article.id, article.text)),
    // Pages from the web only: a file with a stored page's canonical URL may be a corrected version.
    alreadyStored: async (article) =>
      /^https?:\/\//i.test(article.origin) &&
      article.url !== undefined &&
      (await store.hasArticleUrl(article.url)),
  };
}

/** The store as the web readers' ledger of item URLs fetched (read-url.ts). */
export function storeLedger(store: Store): UrlLedger {
  return {
    known: (url) => store.itemKnown(url),
    remember: (url, outcome) => store.rememberItem(url, outcome),
  };
}

/** Deletes a database this run created when nothing was read into it. */
export function removeIfUnused(path: string, summary: Pick<IngestSummary, "read" | "stored">): void {
  if (summary.read > 0 || summary.stored > 0) return;
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
}
