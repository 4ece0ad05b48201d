/**
 * A closed-loop HTTP load for bench/server.ts: `connections` clients, each sending its next request as
 * soon as its last answer is read, over a list of paths taken in turn, until `seconds` have passed or
 * `maxRequests` were sent. Bounded in every way: each request is aborted after `timeoutMs`, and the
 * phase as a whole fails with a clear error if it has not ended by its deadline plus one request timeout.
 * Latency is from sending the request to the last byte of the body; percentiles are exact (all kept).
 */
import { Pool } from "undici";

export interface LoadOptions {
  origin: string;
  paths: readonly string[];
  connections: number;
  seconds: number;
  maxRequests: number;
  timeoutMs: number;
}

export interface LoadResult {
  requests: number;
  /** Requests answered per second over the phase. */
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Answers that were not 2xx, and requests that timed out or failed on the network. */
  non2xx: number;
  failed: number;
  /** The first failure's reason, to print. */
  firstError?: string;
  seconds: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(options.origin, {
    connections: options.connections,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  const latencies: number[] = [];
  let sent = 0;
  let non2xx = 0;
  let failed = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline && sent < options.maxRequests) {
      const path = options.paths[sent % options.paths.length] as string;
      sent++;
      const at = performance.now();
      try {
        const response = await pool.request({
          path,
          method: "GET",
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        await response.body.arrayBuffer();
        latencies.push(performance.now() - at);
        if (response.statusCode < 200 || response.statusCode > 299) {
          non2xx++;
          firstError ??= `${path}: HTTP ${response.statusCode}`;
        }
      } catch (error) {
        failed++;
        firstError ??= `${path}: ${(error as Error).message}`;
      }
    }
  };
  const clients = Promise.all(Array.from({ length: options.connections }, client));
  const limit = options.seconds * 1000 + options.timeoutMs + 5000;
  let timer: NodeJS.Timeout | undefined;
  const overdue = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`load on ${options.paths[0]} did not end within ${limit} ms`)),
      limit,
    );
  });
  try {
    await Promise.race([clients, overdue]);
  } finally {
    clearTimeout(timer);
    await pool.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    requests: latencies.length,
    perSecond: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies.at(-1) ?? NaN,
    non2xx,
    failed,
    firstError,
    seconds,
  };
}
