import type PgBoss from "pg-boss";
import { FailureLog } from "../app/failure-log.ts";
import type { ReadOptions } from "../ingest/options.ts";
import { readInputs } from "../ingest/read.ts";
import type { ReadFailure } from "../ingest/types.ts";
import { DEAD_LETTER_QUEUE, DEFAULT_RETRY_POLICY, INGEST_QUEUE, type RetryPolicy } from "./connection.ts";
import {
  type ArticleJobData,
  batchJobData,
  DEFAULT_ARTICLES_PER_JOB,
  DEFAULT_MAX_JOB_BYTES,
  jobDataOf,
  MAX_BATCH_BYTES,
} from "./job.ts";

export interface EnqueueOptions extends ReadOptions {
  policy?: RetryPolicy;
  /** Largest record put in a job, in bytes of JSON (default 1 MB). */
  maxJobBytes?: number;
  /** Article records per job (default 25); 1 gives one job per article. */
  articlesPerJob?: number;
  /** Where to write every failure as JSON Lines. */
  failuresFile?: string;
  onProgress?: (progress: EnqueueProgress) => void;
}

export interface EnqueueProgress {
  read: number;
  /** Article records queued. */
  queued: number;
  /** Jobs they were queued in. */
  jobs: number;
  failed: number;
}

export interface EnqueueSummary extends EnqueueProgress {
  seconds: number;
  /** The first failures; all are counted in failuresByReason. */
  failures: ReadFailure[];
  failuresByReason: Record<string, number>;
}

/**
 * Jobs written per INSERT: one round trip per batch instead of per article, while a dump of millions
 * of records is never held in memory.
 */
const INSERT_BATCH = 500;
/** Nor more article records than this to an INSERT (batch jobs hold several). */
const INSERT_ARTICLES = 1000;

/**
 * Reads the inputs (files, directories, globs, stdin) with the ingest readers and queues their article
 * records, `articlesPerJob` to a job. Unreadable inputs and records too large for a job are failures; the
 * rest are queued.
 */
export async function enqueueInputs(
  inputs: string[],
  boss: PgBoss,
  options: EnqueueOptions = {},
): Promise<EnqueueSummary> {
  const started = performance.now();
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const maxJobBytes = options.maxJobBytes ?? DEFAULT_MAX_JOB_BYTES;
  const perJob = options.articlesPerJob ?? DEFAULT_ARTICLES_PER_JOB;
  if (!Number.isInteger(perJob) || perJob < 1) throw new Error("articles per job must be a positive integer");
  const progress: EnqueueProgress = { read: 0, queued: 0, jobs: 0, failed: 0 };
  const failures = new FailureLog(options.failuresFile);
  const fail = (failure: ReadFailure) => {
    failures.add(failure);
    progress.failed++;
    options.onProgress?.({ ...progress });
  };
  let batch: PgBoss.JobInsert[] = [];
  let batchArticles = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await boss.insert(batch);
    progress.queued += batchArticles;
    progress.jobs += batch.length;
    batch = [];
    batchArticles = 0;
    options.onProgress?.({ ...progress });
  };
  // The records of the job being filled, and their bytes.
  let records: ArticleJobData[] = [];
  let recordBytes = 0;
  const closeJob = async () => {
    if (records.length === 0) return;
    batch.push({
      name: INGEST_QUEUE,
      data: batchJobData(records),
      retryLimit: policy.retries,
      retryDelay: policy.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: policy.jobTimeoutSeconds,
      deadLetter: DEAD_LETTER_QUEUE,
    });
    batchArticles += records.length;
    records = [];
    recordBytes = 0;
    if (batch.length >= INSERT_BATCH || batchArticles >= INSERT_ARTICLES) await flush();
  };
  try {
    for await (const result of readInputs(inputs, options)) {
      if (!result.ok) {
        fail(result.failure);
        continue;
      }
      progress.read++;
      const job = jobDataOf(result.article, maxJobBytes);
      if (!job.ok) {
        fail({ origin: result.article.origin, reason: job.reason });
        continue;
      }
      const bytes = Buffer.byteLength(job.data.record ?? "");
      if (records.length > 0 && recordBytes + bytes > MAX_BATCH_BYTES) await closeJob();
      records.push(job.data);
      recordBytes += bytes;
      if (records.length >= perJob) await closeJob();
    }
    await closeJob();
    await flush();
  } finally {
    failures.close();
  }
  const counted = failures.counted();
  return {
    ...progress,
    failures: counted.first,
    failuresByReason: counted.byReason,
    seconds: (performance.now() - started) / 1000,
  };
}
