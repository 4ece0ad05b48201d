import type { RawArticle } from "../core/article.ts";
import { decodePage } from "../ingest/charset.ts";
import { FetchError, Fetcher, type FetcherOptions } from "../web/fetcher.ts";
import { pageResult } from "../web/read-url.ts";

/**
 * One article page fetched for a submission (`POST /api/articles` with a URL and no text), through the
 * same fetcher as `ingest URL`: the address guard on every hop (no loopback, private or metadata
 * address unless allowed), robots.txt, timeouts, a size cap and the redirect limit, then the same
 * extraction as a page read by `ingest`. A feed or sitemap is not followed: one URL is one article.
 */
export type UrlFetchOptions = FetcherOptions;

export class UrlArticleReader {
  private readonly fetcher: Fetcher;

  constructor(options: FetcherOptions = {}) {
    this.fetcher = new Fetcher({ ...SUBMISSION_FETCH, ...options });
  }

  /** The page at `url` as an article; throws UrlArticleError saying what is wrong with the URL. */
  async read(url: string): Promise<RawArticle> {
    let fetched: Awaited<ReturnType<Fetcher["get"]>>;
    try {
      fetched = await this.fetcher.get(url, {}, PAGE_ACCEPT);
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
      // A URL the server must not reach is the client's request refused, not a page that failed.
      throw new UrlArticleError(error.kind === "forbidden" ? "refused" : "unreadable", error.message);
    }
    const type = (fetched.contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    if (type && !type.startsWith("text/") && !type.includes("html") && !type.includes("xml"))
      throw new UrlArticleError("unreadable", `${url} is not an HTML page (${type})`);
    const result = pageResult(decodePage(fetched.body, fetched.contentType).text, url, fetched.url);
    if (!result.ok) throw new UrlArticleError("unreadable", `${url}: ${result.failure.reason}`);
    return result.article;
  }

  async close(): Promise<void> {
    await this.fetcher.close();
  }
}

/** `refused`: the address guard said no; `unreadable`: fetched or tried, but no article came of it. */
export class UrlArticleError extends Error {
  constructor(
    readonly kind: "refused" | "unreadable",
    message: string,
  ) {
    super(message);
  }
}

const PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";

/**
 * Tighter than a crawl's: a person waits on the answer (the server's request timeout is 30 s), so no
 * retries and the whole exchange bounded; the size cap is the text submission's body limit.
 */
const SUBMISSION_FETCH: FetcherOptions = {
  connectTimeoutMs: 5000,
  firstByteTimeoutMs: 10_000,
  totalTimeoutMs: 20_000,
  retries: 0,
  maxBytes: 4 * 1024 * 1024,
  maxRetryAfterMs: 0,
  maxCrawlDelayMs: 5000,
};
