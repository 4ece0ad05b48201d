import { normalizeDate } from "../core/dates.ts";
import { errorMessage } from "../core/errors.ts";
import { decodePage } from "../ingest/charset.ts";
import { articleResult } from "../ingest/read.ts";
import type { ReadResult } from "../ingest/types.ts";
import { type Discovered, discover, type ItemLink, MalformedSourceError } from "./discover.ts";
import { FetchError, type Fetcher, type Validators } from "./fetcher.ts";

/** Remembers which item URLs were already fetched, across runs (the store implements it). */
export interface UrlLedger {
  /** Whether this item URL was fetched before (stored as an article, or tried and recorded). */
  known(url: string): boolean | Promise<boolean>;
  /** Records a fetched item URL, with what came of it. */
  remember(url: string, outcome: string): void | Promise<void>;
}

export interface SourceReadOptions {
  /** Links followed per feed or sitemap; a longer list is followed up to here and reported. */
  maxItems?: number;
  /** Validators from the last fetch of this source, for a conditional GET. */
  validators?: Validators;
  ledger?: UrlLedger;
  /** Checked before every fetch: when it returns true the source is left (SIGINT in watch). */
  stopping?: () => boolean;
  /** An item skipped because it was fetched before. */
  onKnown?: (url: string) => void;
}

export const DEFAULT_MAX_ITEMS = 5000;
/** A sitemap index may point to sitemap indexes; two levels cover real sites and stop cycles. */
const MAX_SITEMAP_DEPTH = 2;

/** What reading one source came to; `watch` keeps it as the source's state. */
export interface SourceOutcome {
  kind?: Discovered["kind"];
  validators: Validators;
  notModified: boolean;
  /** Item links seen in the feed or sitemap (after the cap). */
  items: number;
  /** Items fetched now, i.e. not fetched before. */
  newItems: number;
  /** Why the source itself failed; items that fail are failures of their own. */
  error?: string;
}

/**
 * Reads one URL: a page becomes an article; a feed or sitemap is followed, each item fetched once
 * (items the ledger knows are skipped) and read as a page. Failures are results, never exceptions, so
 * the run goes on. `outcome` is filled in as the source is read.
 */
export async function* readSource(
  fetcher: Fetcher,
  sourceUrl: string,
  options: SourceReadOptions,
  outcome: SourceOutcome = newOutcome(),
): AsyncGenerator<ReadResult> {
  const maxItems = options.maxItems ?? DEFAULT_MAX_ITEMS;
  const failure = (origin: string, reason: string): ReadResult => ({
    ok: false,
    failure: { origin, reason },
  });
  let fetched: Awaited<ReturnType<Fetcher["get"]>>;
  try {
    fetched = await fetcher.get(sourceUrl, options.validators, SOURCE_ACCEPT);
  } catch (error) {
    outcome.error = reasonOf(error);
    return yield failure(sourceUrl, outcome.error);
  }
  outcome.validators = fetched.validators;
  if (fetched.notModified) {
    outcome.notModified = true;
    return;
  }
  const text = decodePage(fetched.body, fetched.contentType).text;
  let found: Discovered;
  try {
    found = discover(text, fetched.url, maxItems);
  } catch (error) {
    outcome.error = reasonOf(error);
    return yield failure(sourceUrl, outcome.error);
  }
  outcome.kind = found.kind;
  if (found.kind === "page") {
    outcome.newItems = 1;
    const notPage = notAPage(fetched.contentType);
    if (notPage) outcome.error = notPage;
    return yield notPage ? failure(sourceUrl, notPage) : pageResult(text, sourceUrl, fetched.url);
  }
  const items: ItemLink[] = [];
  if (found.kind === "sitemap-index") {
    yield* collectSitemaps(fetcher, found.sitemaps, 1, maxItems, items, sourceUrl);
  } else {
    items.push(...found.items);
    if (found.total > found.items.length)
      yield failure(sourceUrl, `${found.total} items; only the first ${maxItems} are followed (--max-items)`);
  }
  outcome.items = items.length;
  const seen = new Set<string>();
  for (const item of items) {
    if (options.stopping?.()) return;
    if (seen.has(item.url)) continue;
    seen.add(item.url);
    if (await options.ledger?.known(item.url)) {
      options.onKnown?.(item.url);
      continue;
    }
    outcome.newItems++;
    const { result, retryLater } = await readItem(fetcher, item);
    // A timeout or a server error may pass: such an item is tried again at the next poll.
    if (!retryLater) await options.ledger?.remember(item.url, result.ok ? "article" : result.failure.reason);
    yield result;
  }
}

export function newOutcome(): SourceOutcome {
  return { validators: {}, notModified: false, items: 0, newItems: 0 };
}

const SOURCE_ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.9, */*;q=0.5";

async function* collectSitemaps(
  fetcher: Fetcher,
  sitemaps: string[],
  depth: number,
  maxItems: number,
  items: ItemLink[],
  sourceUrl: string,
): AsyncGenerator<ReadResult> {
  for (const sitemapUrl of sitemaps) {
    if (items.length >= maxItems) {
      yield {
        ok: false,
        failure: {
          origin: sourceUrl,
          reason: `more than ${maxItems} items; the rest are not followed (--max-items)`,
        },
      };
      return;
    }
    try {
      const fetched = await fetcher.get(sitemapUrl, {}, "application/xml, text/xml;q=0.9, */*;q=0.5");
      const found = discover(
        decodePage(fetched.body, fetched.contentType).text,
        fetched.url,
        maxItems - items.length,
      );
      if (found.kind === "sitemap") items.push(...found.items);
      else if (found.kind === "sitemap-index" && depth < MAX_SITEMAP_DEPTH)
        yield* collectSitemaps(fetcher, found.sitemaps, depth + 1, maxItems, items, sourceUrl);
      else
        yield {
          ok: false,
          failure: { origin: sitemapUrl, reason: `sitemap index entry is not a sitemap (${found.kind})` },
        };
    } catch (error) {
      yield { ok: false, failure: { origin: sitemapUrl, reason: reasonOf(error) } };
    }
  }
}

async function readItem(
  fetcher: Fetcher,
  item: ItemLink,
): Promise<{ result: ReadResult; retryLater: boolean }> {
  try {
    const fetched = await fetcher.get(item.url, {}, "text/html, application/xhtml+xml;q=0.9, */*;q=0.5");
    const notPage = notAPage(fetched.contentType);
    if (notPage)
      return { result: { ok: false, failure: { origin: item.url, reason: notPage } }, retryLater: false };
    const text = decodePage(fetched.body, fetched.contentType).text;
    const result = pageResult(text, item.url, fetched.url);
    // The feed's date stands in when the page carries none.
    if (result.ok && !result.article.published && item.published) {
      const published = normalizeDate(item.published);
      if (published) result.article.published = published;
    }
    return { result, retryLater: false };
  } catch (error) {
    return {
      result: { ok: false, failure: { origin: item.url, reason: reasonOf(error) } },
      retryLater: error instanceof FetchError && error.retryable,
    };
  }
}

/** A PDF, an image or a video is not read as HTML; an unlabelled response is given the benefit of the doubt. */
function notAPage(contentType: string | null): string | undefined {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (!type || type.startsWith("text/") || type.includes("html") || type.includes("xml")) return undefined;
  return `not an HTML page (${type})`;
}

/** A fetched page through the same extraction as files; its URL is the canonical one, else where it was found. */
export function pageResult(html: string, origin: string, finalUrl: string): ReadResult {
  const result = articleResult(html, "html", origin, finalUrl);
  if (result.ok) result.article.url ??= finalUrl;
  return result;
}

function reasonOf(error: unknown): string {
  if (error instanceof FetchError || error instanceof MalformedSourceError) return error.message;
  return errorMessage(error);
}
