import { setTimeout as sleep } from "node:timers/promises";
import type PgBoss from "pg-boss";
import { inlineProcessor, type Processor, ProcessPool } from "../app/process-pool.ts";
import { cleanText } from "../clean/clean.ts";
import { errorMessage } from "../core/errors.ts";
import { articleId } from "../process.ts";
import type { Store } from "../record/store.ts";
import type { ProcessedArticle } from "../record/types.ts";
import { type CompletedOutcome, Completions } from "./completions.ts";
import { INGEST_QUEUE } from "./connection.ts";
import { type ArticleJobData, articleOfJob } from "./job.ts";

export interface WorkerOptions {
  /** Processing threads (src/app/process-pool.ts); 0 processes on this thread. */
  workers: number;
  /** Return once no job is queued, waiting for a retry or held by any worker. */
  exitWhenIdle?: boolean;
  /** Time between looks at an empty queue. */
  pollMs?: number;
  /** Aborting stops taking jobs; the articles in flight are finished and their jobs completed. */
  signal?: AbortSignal;
  onEvent?: (event: WorkerEvent) => void;
  /** Called after an article is newly stored (near-duplicate linking). */
  onStored?: (article: ProcessedArticle) => void | Promise<void>;
}

export type JobOutcome = "stored" | "present" | "failed";

export interface WorkerEvent {
  kind: "started" | JobOutcome;
  jobId: string;
  origin: string;
  /** Why the job failed; `dead` when its retries are spent (it went to the dead-letter queue). */
  reason?: string;
  dead?: boolean;
}

export interface WorkerSummary {
  jobs: number;
  stored: number;
  alreadyPresent: number;
  /** Attempts that failed, retried later or dead. */
  failed: number;
  /** Jobs this worker failed for the last time (now in the dead-letter queue). */
  dead: number;
  statements: number;
  seconds: number;
  /** Where the time went, summed over jobs (jobs overlap, so these can add up to more than `seconds`). */
  time: WorkerTime;
}

export interface WorkerTime {
  /** Taking jobs from the queue. */
  fetchSeconds: number;
  /** Cleaning and hashing a job's text to look for it in the store, and the look-up. */
  lookupSeconds: number;
  /** Waiting for a processing thread to analyse the article (including waiting for a free thread). */
  processSeconds: number;
  /** Writing the article and its statements. */
  storeSeconds: number;
  /** Marking jobs completed or failed. */
  completeSeconds: number;
}

interface JobResult {
  outcome: CompletedOutcome;
  statements: number;
}

/**
 * Jobs held per processing thread: enough that a thread never waits for the queue's round trips, few
 * enough that a killed worker's jobs (retried after their timeout) are a handful.
 */
const JOBS_PER_THREAD = 4;
const DEFAULT_POLL_MS = 1000;

type Job = PgBoss.JobWithMetadata<ArticleJobData>;

/**
 * Takes article jobs from the queue, processes each on the worker threads, and writes it with the store.
 * Delivery is at least once: a job whose worker dies is retried after its timeout, and a second delivery
 * of a stored article is a no-op (the article id is the hash of its cleaned text; addArticle skips a
 * stored id). A failed job is retried with backoff, then dead-lettered with its error.
 */
export async function runWorker(boss: PgBoss, store: Store, options: WorkerOptions): Promise<WorkerSummary> {
  const started = performance.now();
  const processor: Processor = options.workers > 0 ? new ProcessPool(options.workers) : inlineProcessor();
  const capacity = Math.max(1, options.workers) * JOBS_PER_THREAD;
  const summary: WorkerSummary = {
    jobs: 0,
    stored: 0,
    alreadyPresent: 0,
    failed: 0,
    dead: 0,
    statements: 0,
    seconds: 0,
    time: { fetchSeconds: 0, lookupSeconds: 0, processSeconds: 0, storeSeconds: 0, completeSeconds: 0 },
  };
  const time = summary.time;
  const timed = async <T>(key: keyof WorkerTime, work: () => T | Promise<T>): Promise<T> => {
    const from = performance.now();
    try {
      return await work();
    } finally {
      time[key] += (performance.now() - from) / 1000;
    }
  };
  const inFlight = new Set<Promise<void>>();
  // A queue or store that cannot be written stops the worker; its held jobs expire and are retried.
  let fatal: unknown;
  let storedSinceSettle = 0;

  const completions = new Completions(boss, (seconds) => {
    time.completeSeconds += seconds;
  });

  const processJob = async (job: Job): Promise<JobResult> => {
    const raw = articleOfJob(job.data);
    // Cleaning and hashing cost a few percent of the analysis: a redelivered or re-queued article
    // already on record is completed without analysing it again.
    const id = await timed("lookupSeconds", () => articleId(cleanText(raw.text).text));
    if (await timed("lookupSeconds", () => store.hasArticle(id)))
      return { outcome: "present", statements: 0 };
    const article = await timed("processSeconds", () => processor.process(raw));
    const { inserted } = await timed("storeSeconds", () => store.addArticle(article));
    if (!inserted) return { outcome: "present", statements: 0 };
    storedSinceSettle++;
    await options.onStored?.(article);
    return { outcome: "stored", statements: article.statements.length };
  };

  const handle = async (job: Job): Promise<void> => {
    const origin = typeof job.data?.origin === "string" ? job.data.origin : `job ${job.id}`;
    options.onEvent?.({ kind: "started", jobId: job.id, origin });
    summary.jobs++;
    let result: JobResult;
    try {
      result = await processJob(job);
    } catch (error) {
      if (processor.startupError) throw processor.startupError;
      const reason = errorMessage(error);
      const dead = job.retryCount >= job.retryLimit;
      await timed("completeSeconds", () => boss.fail(INGEST_QUEUE, job.id, { message: reason, origin }));
      summary.failed++;
      if (dead) summary.dead++;
      options.onEvent?.({ kind: "failed", jobId: job.id, origin, reason, dead });
      return;
    }
    completions.add(job.id, result.outcome);
    if (result.outcome === "stored") {
      summary.stored++;
      summary.statements += result.statements;
    } else {
      summary.alreadyPresent++;
    }
    options.onEvent?.({ kind: result.outcome, jobId: job.id, origin });
  };

  const track = (job: Job) => {
    const task = handle(job)
      .catch((error: unknown) => {
        fatal ??= error;
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };
  const stopped = () => options.signal?.aborted || fatal !== undefined || completions.error !== undefined;

  try {
    while (!stopped()) {
      const free = capacity - inFlight.size;
      // Jobs are taken in batches of at least half the slots: one round trip for several articles.
      if (inFlight.size === 0 || free >= capacity / 2) {
        const jobs = await timed("fetchSeconds", () =>
          boss.fetch<ArticleJobData>(INGEST_QUEUE, { batchSize: free, includeMetadata: true }),
        );
        for (const job of jobs) track(job);
      }
      if (inFlight.size > 0) {
        await Promise.race(inFlight);
        continue;
      }
      // Idle: our own finished jobs must be marked before the queue can look empty.
      await completions.flush();
      // Settle bare surnames over what this worker stored (as a batch ingest does at its end).
      if (storedSinceSettle > 0) {
        storedSinceSettle = 0;
        await store.settleSurnames();
      }
      // Also a check that the queue still answers: pg-boss's fetch reads a lost connection as no jobs.
      const unfinished = await boss.getQueueSize(INGEST_QUEUE, { before: "completed" });
      if (options.exitWhenIdle && unfinished === 0) break;
      await sleep(options.pollMs ?? DEFAULT_POLL_MS, undefined, { signal: options.signal }).catch(() => {});
    }
    await Promise.all(inFlight);
    await completions.flush();
    if (fatal !== undefined) throw fatal;
    if (completions.error !== undefined) throw completions.error;
    if (storedSinceSettle > 0) await store.settleSurnames();
  } finally {
    await processor.close();
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
