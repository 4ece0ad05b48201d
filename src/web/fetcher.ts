import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { Agent, request } from "undici";
import { errorMessage } from "../core/errors.ts";
import { formatSize } from "../ingest/options.ts";
import { type AddressPolicy, checkUrl, ForbiddenAddressError, guardedLookup } from "./address-guard.ts";
import { HostGate, sleep } from "./politeness.ts";
import { RobotsCache, type RobotsFetch } from "./robots.ts";

export interface FetcherOptions {
  /** Connect to loopback, private, link-local and metadata addresses too (local sources, tests). */
  allowPrivate?: boolean;
  /** Addresses allowed although private (a test server), without allowing all private ones. */
  allowAddresses?: readonly string[];
  /** Who to contact about the crawler; shown in the User-Agent. */
  contact?: string;
  connectTimeoutMs?: number;
  /** From sending the request to the response headers. */
  firstByteTimeoutMs?: number;
  /** The whole exchange, body included: a server sending one byte a second is cut off here. */
  totalTimeoutMs?: number;
  /** Largest body, counted after decompression (a gzip bomb stops at the limit). */
  maxBytes?: number;
  maxRedirects?: number;
  /** Attempts after the first, for network errors, 429 and 5xx. */
  retries?: number;
  retryBaseMs?: number;
  /** A longer Retry-After than this is an error for the URL, not a wait. */
  maxRetryAfterMs?: number;
  /** Pause between two requests to the same host. */
  hostDelayMs?: number;
  /** Obey robots.txt (default true), its Crawl-delay included. */
  robots?: boolean;
  /** Longest Crawl-delay obeyed; a site asking for more gets this pause. */
  maxCrawlDelayMs?: number;
}

export const DEFAULT_FETCH = {
  connectTimeoutMs: 10_000,
  firstByteTimeoutMs: 20_000,
  totalTimeoutMs: 60_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  retries: 2,
  retryBaseMs: 1000,
  maxRetryAfterMs: 120_000,
  hostDelayMs: 1000,
  maxCrawlDelayMs: 30_000,
} as const;

export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface Fetched {
  /** The URL after redirects. */
  url: string;
  status: number;
  contentType: string | null;
  /** Decompressed body; empty when notModified. */
  body: Buffer;
  /** 304 to a conditional GET: the validators still hold. */
  notModified: boolean;
  validators: Validators;
}

export type FetchErrorKind =
  | "forbidden"
  | "robots"
  | "timeout"
  | "too-large"
  | "redirects"
  | "http"
  | "network"
  | "decoding";

/** A failure for one URL; the run goes on. */
export class FetchError extends Error {
  constructor(
    readonly url: string,
    readonly kind: FetchErrorKind,
    message: string,
    readonly retryable = false,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

type Hop = { kind: "redirect"; location: string } | { kind: "done"; fetched: Fetched };

const VERSION = "0.1";

/**
 * HTTP(S) GET with everything a polite and careful crawler needs: robots.txt, one request at a time
 * per host with a pause, the address guard on every hop, timeouts, a size cap on decompressed bytes,
 * a redirect limit, retries with backoff and jitter, Retry-After, and conditional GET.
 */
export class Fetcher {
  readonly userAgent: string;
  private readonly options: Required<Omit<FetcherOptions, "contact" | "allowAddresses">>;
  private readonly policy: AddressPolicy;
  private readonly agent: Agent;
  private readonly gate: HostGate;
  private readonly robots: RobotsCache;

  constructor(options: FetcherOptions = {}) {
    this.options = { ...DEFAULT_FETCH, allowPrivate: false, robots: true, ...stripUndefined(options) };
    this.policy = { allowPrivate: this.options.allowPrivate, allowAddresses: options.allowAddresses };
    this.userAgent = `onrecord/${VERSION} (news record builder${options.contact ? `; contact: ${options.contact}` : ""})`;
    this.agent = this.newAgent();
    this.gate = new HostGate(this.options.hostDelayMs);
    this.robots = new RobotsCache(
      "onrecord",
      (robotsUrl) => this.fetchRobots(robotsUrl),
      this.options.maxCrawlDelayMs,
    );
  }

  /** GET `url`, following redirects; throws FetchError with a clear reason. */
  async get(url: string, validators: Validators = {}, accept = "*/*"): Promise<Fetched> {
    const visited = new Set<string>();
    let current = parseUrl(url);
    for (let hop = 0; ; hop++) {
      const href = current.href;
      if (visited.has(href)) throw new FetchError(url, "redirects", `redirect loop at ${href}`);
      visited.add(href);
      if (hop > this.options.maxRedirects)
        throw new FetchError(url, "redirects", `more than ${this.options.maxRedirects} redirects`);
      guard(current, this.policy, url);
      if (this.options.robots) {
        const robots = await this.robots.check(current);
        if (!robots.allowed) throw new FetchError(url, "robots", `robots.txt disallows ${href}`);
        this.gate.setHostDelay(current.host, robots.crawlDelayMs ?? 0);
      }
      const result = await this.withRetries(current, () =>
        this.once(current, hop === 0 ? validators : {}, accept),
      );
      if (result.kind === "done") return result.fetched;
      current = parseUrl(result.location, current);
    }
  }

  /**
   * POSTs a JSON body (webhook alerts) under the same address rules as every fetch, without redirects
   * or retries (an alert sent twice is worse than one reported as failed).
   */
  async post(url: string, body: string): Promise<number> {
    const target = parseUrl(url);
    guard(target, this.policy, url);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.totalTimeoutMs);
    // A connection of its own: a kept-alive one that the server closed while articles were processed
    // fails with ECONNRESET, and a POST is not retried.
    const agent = this.newAgent();
    try {
      const response = await request(target, {
        dispatcher: agent,
        method: "POST",
        headers: { "user-agent": this.userAgent, "content-type": "application/json" },
        body,
        signal: controller.signal,
      });
      await response.body.dump();
      if (response.statusCode >= 300) throw new FetchError(url, "http", `HTTP ${response.statusCode}`);
      return response.statusCode;
    } catch (error) {
      throw asFetchError(error, url, this.options);
    } finally {
      clearTimeout(timer);
      await agent.close();
    }
  }

  /** Connections that resolve every hop through the address guard, with the connect and first-byte timeouts. */
  private newAgent(): Agent {
    return new Agent({
      connect: {
        timeout: this.options.connectTimeoutMs,
        lookup: guardedLookup(this.policy),
      },
      headersTimeout: this.options.firstByteTimeoutMs,
      bodyTimeout: this.options.totalTimeoutMs,
      connections: 2,
    });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async withRetries(url: URL, attempt: () => Promise<Hop>): Promise<Hop> {
    for (let tries = 0; ; tries++) {
      try {
        return await this.gate.run(url.host, attempt);
      } catch (error) {
        const failure = asFetchError(error, url.href, this.options);
        if (!failure.retryable || tries >= this.options.retries) throw failure;
        if (failure.retryAfterMs !== undefined) {
          if (failure.retryAfterMs > this.options.maxRetryAfterMs)
            throw new FetchError(
              url.href,
              failure.kind,
              `${failure.message}; Retry-After ${Math.round(failure.retryAfterMs / 1000)} s is longer than we wait`,
            );
          this.gate.deferHost(url.host, failure.retryAfterMs);
        } else {
          // Exponential backoff with full jitter: retries from many clients do not arrive together.
          await sleep(Math.random() * this.options.retryBaseMs * 2 ** tries);
        }
      }
    }
  }

  private async once(url: URL, validators: Validators, accept: string): Promise<Hop> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.totalTimeoutMs);
    try {
      const headers: Record<string, string> = {
        "user-agent": this.userAgent,
        accept,
        "accept-encoding": "gzip, deflate, br",
      };
      if (validators.etag) headers["if-none-match"] = validators.etag;
      if (validators.lastModified) headers["if-modified-since"] = validators.lastModified;
      const response = await request(url, {
        dispatcher: this.agent,
        method: "GET",
        headers,
        signal: controller.signal,
      });
      const status = response.statusCode;
      const header = (name: string) => {
        const value = response.headers[name];
        return (Array.isArray(value) ? value[0] : value) ?? null;
      };
      const done = (body: Buffer, notModified: boolean, kept: Validators): Hop => ({
        kind: "done",
        fetched: {
          url: url.href,
          status,
          contentType: header("content-type"),
          body,
          notModified,
          validators: kept,
        },
      });
      if (status >= 300 && status < 400 && status !== 304) {
        await response.body.dump();
        const location = header("location");
        if (!location) throw new FetchError(url.href, "http", `HTTP ${status} without a Location`);
        return { kind: "redirect", location };
      }
      const responseValidators = stripUndefined({
        etag: header("etag") ?? undefined,
        lastModified: header("last-modified") ?? undefined,
      });
      if (status === 304) {
        await response.body.dump();
        return done(Buffer.alloc(0), true, { ...validators, ...responseValidators });
      }
      if (status >= 400) {
        await response.body.dump();
        const retryable = status === 429 || status >= 500;
        throw new FetchError(
          url.href,
          "http",
          `HTTP ${status}`,
          retryable,
          retryable ? retryAfterMs(header("retry-after")) : undefined,
        );
      }
      const maxBytes = this.options.maxBytes;
      const declared = Number(header("content-length"));
      if (declared > maxBytes) {
        response.body.destroy();
        throw new FetchError(
          url.href,
          "too-large",
          `response too large: ${formatSize(declared)} (limit ${formatSize(maxBytes, "limit")})`,
        );
      }
      const raw = await readCapped(response.body, maxBytes, url.href);
      const body = decompress(raw, header("content-encoding"), maxBytes, url.href);
      return done(body, false, responseValidators);
    } catch (error) {
      if (controller.signal.aborted && !(error instanceof FetchError))
        throw new FetchError(
          url.href,
          "timeout",
          `timed out after ${this.options.totalTimeoutMs / 1000} s (total time limit)`,
          // Not retried: a server that drips bytes would hold the run for (retries + 1) × the limit.
          false,
        );
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private async fetchRobots(robotsUrl: string): Promise<RobotsFetch> {
    const url = new URL(robotsUrl);
    try {
      const hop = await this.gate.run(url.host, () => this.once(url, {}, "text/plain"));
      if (hop.kind === "redirect") {
        // One redirect (http → https, www) is common for robots.txt; follow it through the guard.
        const target = parseUrl(hop.location, url);
        guard(target, this.policy, robotsUrl);
        const next = await this.gate.run(target.host, () => this.once(target, {}, "text/plain"));
        if (next.kind !== "done") return { kind: "none" };
        return { kind: "text", text: next.fetched.body.toString("utf8") };
      }
      return { kind: "text", text: hop.fetched.body.toString("utf8") };
    } catch (caught) {
      const error = asFetchError(caught, robotsUrl, this.options);
      if (error.kind === "http" && !error.retryable) return { kind: "none" };
      // A refused address is reported as such, not as "robots.txt disallows".
      if (error.kind === "forbidden") throw error;
      return { kind: "unreachable" };
    }
  }
}

function guard(url: URL, policy: AddressPolicy, original: string): void {
  try {
    checkUrl(url, policy);
  } catch (error) {
    throw new FetchError(original, "forbidden", errorMessage(error));
  }
}

function parseUrl(text: string, base?: URL): URL {
  try {
    return new URL(text, base);
  } catch {
    throw new FetchError(text, "network", `not a valid URL: ${text}`);
  }
}

async function readCapped(body: AsyncIterable<Buffer>, maxBytes: number, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      (body as unknown as { destroy(): void }).destroy();
      throw new FetchError(url, "too-large", `response too large: over ${formatSize(maxBytes, "limit")}`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Content-Encoding undone with the output capped: a few KB of gzip cannot become gigabytes. */
function decompress(raw: Buffer, encoding: string | null, maxBytes: number, url: string): Buffer {
  const coding = (encoding ?? "").trim().toLowerCase();
  if (!coding || coding === "identity") return raw;
  try {
    if (coding === "gzip" || coding === "x-gzip") return gunzipSync(raw, { maxOutputLength: maxBytes });
    if (coding === "deflate") return inflateSync(raw, { maxOutputLength: maxBytes });
    if (coding === "br") return brotliDecompressSync(raw, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
      throw new FetchError(
        url,
        "too-large",
        `response too large when decompressed (limit ${formatSize(maxBytes, "limit")})`,
      );
    throw new FetchError(url, "decoding", `corrupt ${coding} response: ${errorMessage(error)}`);
  }
  throw new FetchError(url, "decoding", `unsupported Content-Encoding ${coding}`);
}

/** Retry-After as seconds or an HTTP date. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function asFetchError(
  error: unknown,
  url: string,
  options: { connectTimeoutMs: number; firstByteTimeoutMs: number },
): FetchError {
  if (error instanceof FetchError) return error;
  const cause = (error as { cause?: unknown })?.cause ?? error;
  if (cause instanceof ForbiddenAddressError || error instanceof ForbiddenAddressError)
    return new FetchError(url, "forbidden", (cause as Error).message);
  const code = (error as { code?: string })?.code ?? (cause as { code?: string })?.code;
  if (code === "UND_ERR_CONNECT_TIMEOUT")
    return new FetchError(
      url,
      "timeout",
      `connect timed out after ${options.connectTimeoutMs / 1000} s`,
      true,
    );
  if (code === "UND_ERR_HEADERS_TIMEOUT")
    return new FetchError(
      url,
      "timeout",
      `no response within ${options.firstByteTimeoutMs / 1000} s (first byte)`,
      true,
    );
  if (code === "ENOTFOUND") return new FetchError(url, "network", "host not found");
  const message = errorMessage(error);
  return new FetchError(url, "network", `${code ? `${code}: ` : ""}${message}`, true);
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
