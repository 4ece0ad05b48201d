import type PgBoss from "pg-boss";
import { FailureLog } from "../app/failure-log.ts";
import type { ReadOptions } from "../ingest/options.ts";
import { readInputs } from "../ingest/read.ts";
import type { ReadFailure } from "../ingest/types.ts";
import { DEAD_LETTER_QUEUE, DEFAULT_RETRY_POLICY, INGEST_QUEUE, type RetryPolicy } from "./connection.ts";
import { DEFAULT_MAX_JOB_BYTES, jobDataOf } from "./job.ts";

export interface EnqueueOptions extends ReadOptions {
  policy?: RetryPolicy;
  /** Largest record put in a job, in bytes of JSON (default 1 MB). */
  maxJobBytes?: number;
  /** Where to write every failure as JSON Lines. */
  failuresFile?: string;
  onProgress?: (progress: EnqueueProgress) => void;
}

export interface EnqueueProgress {
  read: number;
  queued: number;
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

/**
 * Reads the inputs (files, directories, globs, stdin) with the ingest readers and queues one job per
 * article record. Unreadable inputs and records too large for a job are failures; the rest are queued.
 */
export async function enqueueInputs(
  inputs: string[],
  boss: PgBoss,
  options: EnqueueOptions = {},
): Promise<EnqueueSummary> {
  const started = performance.now();
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const maxJobBytes = options.maxJobBytes ?? DEFAULT_MAX_JOB_BYTES;
  const progress: EnqueueProgress = { read: 0, queued: 0, failed: 0 };
  const failures = new FailureLog(options.failuresFile);
  const fail = (failure: ReadFailure) => {
    failures.add(failure);
    progress.failed++;
    options.onProgress?.({ ...progress });
  };
  let batch: PgBoss.JobInsert[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await boss.insert(batch);
    progress.queued += batch.length;
    batch = [];
    options.onProgress?.({ ...progress });
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
      batch.push({
        name: INGEST_QUEUE,
        data: job.data,
        retryLimit: policy.retries,
        retryDelay: policy.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: policy.jobTimeoutSeconds,
        deadLetter: DEAD_LETTER_QUEUE,
      });
      if (batch.length >= INSERT_BATCH) await flush();
    }
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
