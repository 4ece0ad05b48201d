import type PgBoss from "pg-boss";
import { DEAD_LETTER_QUEUE, INGEST_QUEUE, QUEUE_SCHEMA } from "./connection.ts";

export interface QueueStatus {
  /** Waiting for a worker (new). */
  queued: number;
  /** Failed at least once and waiting for their retry (after a backoff). */
  retrying: number;
  /** Held by a worker now (or by a dead worker, until the job's timeout). */
  active: number;
  /** Jobs completed: their articles were stored, or were already on record. */
  done: number;
  /** Articles of the completed jobs stored, and found already on record. */
  stored: number;
  alreadyPresent: number;
  /** Failed with every retry spent; each has a copy, with its error, in the dead-letter queue. */
  dead: number;
  cancelled: number;
  /** The latest dead jobs, newest first. */
  lastErrors: DeadJob[];
}

export interface DeadJob {
  id: string;
  origin: string;
  error: string;
  attempts: number;
  failedAt: string;
}

/**
 * Counts over the live job table and pg-boss's archive (where finished jobs move after a while), so
 * the totals cover the whole retention period. Read with SQL: pg-boss's own counters cover live jobs only.
 */
const COUNTS = `
  SELECT state::text, count(*)::int AS n,
    -- A job of one article records only its outcome; a batch, its articles by outcome.
    sum(coalesce((output->>'stored')::int, (output->>'outcome' = 'stored')::int, 0))::int AS stored,
    sum(coalesce((output->>'present')::int, (output->>'outcome' = 'present')::int, 0))::int AS present
  FROM (
    SELECT state, output FROM ${QUEUE_SCHEMA}.job WHERE name = $1
    UNION ALL
    SELECT state, output FROM ${QUEUE_SCHEMA}.archive WHERE name = $1
  ) jobs
  GROUP BY 1`;

const LAST_ERRORS = `
  SELECT id::text, data->>'origin' AS origin, output->>'message' AS error,
    retry_count + 1 AS attempts, completed_on
  FROM (
    SELECT id, data, output, retry_count, completed_on FROM ${QUEUE_SCHEMA}.job
    WHERE name = $1 AND state = 'failed'
    UNION ALL
    SELECT id, data, output, retry_count, completed_on FROM ${QUEUE_SCHEMA}.archive
    WHERE name = $1 AND state = 'failed'
  ) dead
  ORDER BY completed_on DESC, id
  LIMIT $2`;

export async function queueStatus(boss: PgBoss, lastErrors = 5): Promise<QueueStatus> {
  const db = boss.getDb();
  const status: QueueStatus = {
    queued: 0,
    retrying: 0,
    active: 0,
    done: 0,
    stored: 0,
    alreadyPresent: 0,
    dead: 0,
    cancelled: 0,
    lastErrors: [],
  };
  const counts = await db.executeSql(COUNTS, [INGEST_QUEUE]);
  for (const row of counts.rows as { state: string; n: number; stored: number; present: number }[]) {
    if (row.state === "created") status.queued += row.n;
    else if (row.state === "retry") status.retrying += row.n;
    else if (row.state === "active") status.active += row.n;
    else if (row.state === "failed") status.dead += row.n;
    else if (row.state === "cancelled") status.cancelled += row.n;
    else if (row.state === "completed") {
      status.done += row.n;
      status.stored += row.stored;
      status.alreadyPresent += row.present;
    }
  }
  const dead = await db.executeSql(LAST_ERRORS, [INGEST_QUEUE, lastErrors]);
  status.lastErrors = (
    dead.rows as {
      id: string;
      origin: string | null;
      error: string | null;
      attempts: number;
      completed_on: Date;
    }[]
  ).map((row) => ({
    id: row.id,
    origin: row.origin ?? "(no origin)",
    error: row.error ?? "(no error recorded)",
    attempts: row.attempts,
    failedAt: new Date(row.completed_on).toISOString(),
  }));
  return status;
}

/** Jobs in the dead-letter queue (copies of dead jobs, kept for inspection or re-queueing). */
export async function deadLetterCount(boss: PgBoss): Promise<number> {
  return boss.getQueueSize(DEAD_LETTER_QUEUE, { before: "completed" });
}
