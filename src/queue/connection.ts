/**
 * The ingest queue on PostgreSQL through pg-boss: one moving part (the database the record may already
 * live in), jobs claimed with FOR UPDATE SKIP LOCKED, retries with backoff, expiry of jobs whose worker
 * died, and a dead-letter queue, all maintained by a library rather than by us (docs/queue.md).
 */
import PgBoss from "pg-boss";
import { errorMessage } from "../core/errors.ts";

/** Queue of article records to ingest; each job is one record (job.ts). */
export const INGEST_QUEUE = "onrecord-ingest";
/** Where a job goes, with its data and its last error, once its retries are spent. */
export const DEAD_LETTER_QUEUE = "onrecord-ingest-dead";
/** pg-boss keeps its tables in this schema of the queue's database. */
export const QUEUE_SCHEMA = "pgboss";

/** How a job is retried; set on each job when it is queued (`ingest --queue`). */
export interface RetryPolicy {
  /** Retries after the first attempt; then the job is dead (failed, copied to the dead-letter queue). */
  retries: number;
  /** Delay before the first retry; pg-boss doubles it (with jitter) on each later one. */
  retryDelaySeconds: number;
  /**
   * A job active longer than this is taken as lost (its worker was killed) and retried. Must exceed
   * the slowest article: HTML and text are bounded before parsing, so an article takes seconds at most.
   */
  jobTimeoutSeconds: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 3,
  retryDelaySeconds: 10,
  jobTimeoutSeconds: 300,
};

/**
 * How often some worker looks for expired jobs (pg-boss runs this maintenance in one instance at a time,
 * under an advisory lock): a killed worker's article is retried at most this long after its timeout.
 */
const MAINTENANCE_SECONDS = 5;

/** A connection URL for the queue, checked before any connection is tried. */
export function checkQueueUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new QueueError(`--queue ${url}: not a URL (expected postgres://user@host:port/database)`);
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new QueueError(`--queue ${safeUrl(url)}: not a PostgreSQL URL (expected postgres://...)`);
  }
  return url;
}

/** The URL without its password, for messages. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}

/** A problem the user can fix (an unreachable queue, a bad URL): the CLI prints it as one line. */
export class QueueError extends Error {}

export interface OpenQueueOptions {
  /** Workers run pg-boss maintenance (expiring jobs of dead workers); producers and readers do not. */
  supervise?: boolean;
  /** Told of errors pg-boss meets in the background (a lost connection during maintenance). */
  onError?: (error: Error) => void;
}

/** Connects, creates or migrates pg-boss's schema when needed, and makes sure both queues exist. */
export async function openQueue(url: string, options: OpenQueueOptions = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: checkQueueUrl(url),
    schema: QUEUE_SCHEMA,
    application_name: "onrecord",
    // A worker needs one connection for fetching and one for completing while another article is written.
    max: 4,
    supervise: options.supervise ?? false,
    maintenanceIntervalSeconds: MAINTENANCE_SECONDS,
    schedule: false,
  });
  boss.on("error", (error) => options.onError?.(error));
  try {
    await boss.start();
    await boss.createQueue(DEAD_LETTER_QUEUE);
    await boss.createQueue(INGEST_QUEUE, { name: INGEST_QUEUE, deadLetter: DEAD_LETTER_QUEUE });
  } catch (error) {
    await boss.stop({ graceful: false, wait: false }).catch(() => {});
    throw new QueueError(`cannot open the queue at ${safeUrl(url)}: ${connectionError(error)}`);
  }
  return boss;
}

/** Closes the connections; in-flight work is the caller's to finish first. */
export async function closeQueue(boss: PgBoss): Promise<void> {
  await boss.stop({ graceful: false, wait: true });
}

/** pg's refused connection is an AggregateError with an empty message; its code says what happened. */
export function connectionError(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  const message = errorMessage(error);
  if (message) return message;
  return typeof code === "string" ? `${code} (is PostgreSQL running there?)` : "connection failed";
}
