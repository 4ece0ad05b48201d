import { setTimeout as sleep } from "node:timers/promises";
import type PgBoss from "pg-boss";
import { inlineProcessor, type Processor, ProcessPool } from "../app/process-pool.ts";
import { cleanText } from "../clean/clean.ts";
import type { RawArticle } from "../core/article.ts";
import { errorMessage } from "../core/errors.ts";
import { articleId } from "../process.ts";
import type { Store } from "../record/store.ts";
import type { ProcessedArticle } from "../record/types.ts";
import { type CompletedOutcome, Completions } from "./completions.ts";
import { INGEST_QUEUE } from "./connection.ts";
import { type ArticleJobData, recordsOfJob } from "./job.ts";

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
  /** Article records in the jobs taken (a job may carry several). */
  articles: number;
  /** Articles stored, and found already on record. */
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
  /** Writing the articles of a job and their statements (one transaction per job). */
  storeSeconds: number;
  /** Marking jobs completed or failed. */
  completeSeconds: number;
}

interface JobResult {
  stored: number;
  present: number;
  statements: number;
}

/**
 * Articles held per processing thread: enough that a thread never waits for the queue's round trips or
 * for a batch's write, few enough that a killed worker's jobs (retried after their timeout) are a handful.
 * A worker holds at least one job, and more while they fit.
 */
const ARTICLES_PER_THREAD = 4;
const DEFAULT_POLL_MS = 1000;

type Job = PgBoss.JobWithMetadata<ArticleJobData>;

/**
 * Takes article jobs from the queue, processes each job's articles on the worker threads, and writes them
 * with the store, a job's articles in one transaction. Delivery is at least once: a job whose worker dies
 * is retried after its timeout, and a second delivery of a stored article is a no-op (the article id is
 * the hash of its cleaned text; addArticles skips a stored id). A job with an article that fails is
 * failed, naming the article, after the others are stored: it is retried with backoff (its stored articles
 * are then found present), then dead-lettered with its error.
 */
export async function runWorker(boss: PgBoss, store: Store, options: WorkerOptions): Promise<WorkerSummary> {
  const started = performance.now();
  const processor: Processor = options.workers > 0 ? new ProcessPool(options.workers) : inlineProcessor();
  const capacity = Math.max(1, options.workers) * ARTICLES_PER_THREAD;
  const summary: WorkerSummary = {
    jobs: 0,
    articles: 0,
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

  /** An article's analysis, or null when it is already on record. */
  const analyse = async (raw: RawArticle): Promise<ProcessedArticle | null> => {
    // Cleaning and hashing cost a few percent of the analysis: a redelivered or re-queued article
    // already on record is completed without analysing it again.
    const id = await timed("lookupSeconds", () => articleId(cleanText(raw.text).text));
    if (await timed("lookupSeconds", () => store.hasArticle(id))) return null;
    return timed("processSeconds", () => processor.process(raw));
  };

  const processJob = async (job: Job): Promise<JobResult> => {
    const records = recordsOfJob(job.data);
    const failures: string[] = [];
    const result: JobResult = { stored: 0, present: 0, statements: 0 };
    const analysed = await Promise.all(
      records
        .map(async (record) => {
          if ("error" in record) throw record.error;
          return analyse(record.article);
        })
        .map((work, i) =>
          work.catch((error: unknown) => {
            // One article of a job of one fails the job with its own error; of a batch, named by its origin.
            if (records.length === 1) throw error;
            failures.push(`${records[i]?.origin}: ${errorMessage(error)}`);
            return undefined;
          }),
        ),
    );
    if (processor.startupError) throw processor.startupError;
    const articles = analysed.filter((article): article is ProcessedArticle => !!article);
    result.present += analysed.filter((article) => article === null).length;
    const outcomes = await timed("storeSeconds", () => store.addArticles(articles));
    for (const [i, outcome] of outcomes.entries()) {
      const article = articles[i] as ProcessedArticle;
      if (outcome.error) {
        if (records.length === 1) throw outcome.error;
        failures.push(`${article.origin}: ${errorMessage(outcome.error)}`);
      } else if (!outcome.inserted) result.present++;
      else {
        result.stored++;
        result.statements += article.statements.length;
        storedSinceSettle++;
        await options.onStored?.(article);
      }
    }
    summary.stored += result.stored;
    summary.alreadyPresent += result.present;
    summary.statements += result.statements;
    if (failures.length > 0) {
      const named =
        failures.length === 1 ? "article" : `${failures.length} of ${records.length} articles failed:`;
      throw new Error(`${named} ${failures.sort().join("; ")}`);
    }
    return result;
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
    const outcome: CompletedOutcome = result.stored > 0 ? "stored" : "present";
    completions.add(job.id, { outcome, stored: result.stored, present: result.present });
    options.onEvent?.({ kind: outcome, jobId: job.id, origin });
  };

  /** Articles in the jobs held now. */
  let held = 0;
  /** Articles in the latest job taken: how many jobs fit in what is free. */
  let perJob = 0;
  const track = (job: Job) => {
    const size = jobSize(job.data);
    held += size;
    perJob = size;
    summary.articles += size;
    const task = handle(job)
      .catch((error: unknown) => {
        fatal ??= error;
      })
      .finally(() => {
        held -= size;
        inFlight.delete(task);
      });
    inFlight.add(task);
  };
  const stopped = () => options.signal?.aborted || fatal !== undefined || completions.error !== undefined;

  try {
    while (!stopped()) {
      // Room for two jobs at least, so that one job's articles are analysed while another's are written.
      const room = Math.max(capacity, 2 * perJob);
      const free = room - held;
      // Jobs are taken several at a time when they fit (one round trip for several), once at least half
      // the room is free and a job fits; the first look takes one job, to learn how many articles a job
      // carries, and looks again at once.
      if (inFlight.size === 0 || (free >= room / 2 && free >= perJob)) {
        const batchSize = perJob === 0 ? 1 : Math.max(1, Math.floor(free / perJob));
        const jobs = await timed("fetchSeconds", () =>
          boss.fetch<ArticleJobData>(INGEST_QUEUE, { batchSize, includeMetadata: true }),
        );
        for (const job of jobs) track(job);
        if (jobs.length > 0) continue;
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

/** Article records a job carries (a malformed job counts as one: it fails as one). */
function jobSize(data: unknown): number {
  const records = (data as Partial<ArticleJobData> | null)?.records;
  return Array.isArray(records) ? Math.max(1, records.length) : 1;
}
