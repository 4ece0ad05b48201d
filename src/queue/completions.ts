import type PgBoss from "pg-boss";
import { INGEST_QUEUE } from "./connection.ts";

/** What a completed job records as its output; `onrecord jobs` counts by it. */
export type CompletedOutcome = "stored" | "present";

/** A completed job's output: stored if any of its articles was new, and its articles by what became of them. */
export interface CompletedOutput {
  outcome: CompletedOutcome;
  stored: number;
  present: number;
}

/** Jobs completed in one UPDATE. */
const BATCH = 50;
/** Longest a finished job waits to be marked completed. */
const DELAY_MS = 200;

/**
 * Marks finished jobs completed in batches, off the article's path: one round trip per batch instead of
 * one per article, and a processing slot is free as soon as its article is written. A worker killed
 * before a batch is written loses only the marks: those jobs are retried and find their articles stored.
 */
export class Completions {
  /** Job ids by the JSON of their output: jobs with the same output are completed together. */
  private readonly pending = new Map<string, string[]>();
  private size = 0;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** The first error writing a batch (the queue stopped answering); the worker stops on it. */
  error: unknown;

  constructor(
    private readonly boss: PgBoss,
    private readonly onWrite: (seconds: number) => void = () => {},
  ) {}

  add(jobId: string, output: CompletedOutput): void {
    const key = JSON.stringify(output);
    const ids = this.pending.get(key) ?? [];
    ids.push(jobId);
    this.pending.set(key, ids);
    this.size++;
    if (this.size >= BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), DELAY_MS);
  }

  /** Writes what is pending; resolves when every batch so far is written (or has failed). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batches = [...this.pending].map(([key, ids]) => ({
      output: JSON.parse(key) as CompletedOutput,
      ids,
    }));
    this.pending.clear();
    this.size = 0;
    if (batches.length === 0) return this.writing;
    this.writing = this.writing.then(async () => {
      const from = performance.now();
      try {
        for (const { output, ids } of batches) await completeMany(this.boss, ids, output);
      } catch (error) {
        this.error ??= error;
      } finally {
        this.onWrite((performance.now() - from) / 1000);
      }
    });
    return this.writing;
  }
}

/** pg-boss completes an array of ids with one output; its types declare the array form without one. */
function completeMany(boss: PgBoss, ids: string[], output: CompletedOutput): Promise<unknown> {
  const complete = boss.complete.bind(boss) as (
    name: string,
    ids: string[],
    data: object,
  ) => Promise<unknown>;
  return complete(INGEST_QUEUE, ids, output);
}
