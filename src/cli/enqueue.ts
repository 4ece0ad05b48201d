/**
 * `onrecord ingest PATH... --queue postgres://...`: queue one job per article record instead of
 * processing it; `onrecord worker` processes the jobs. The ingest command calls in here when --queue is given.
 */
import { type Command, InvalidArgumentError } from "commander";
import { failureReport } from "../app/failure-log.ts";
import type { InputFormat } from "../ingest/options.ts";
import {
  errorMessage,
  type InputFlags,
  inputFormatOf,
  parseCount,
  readOptionsOf,
  UsageError,
} from "./common.ts";
import { render } from "./formats.ts";
import { printError, printText } from "./terminal.ts";

export interface QueueFlags {
  queue?: string;
  retries?: number;
  retryDelay?: number;
  jobTimeout?: number;
  maxJobBytes?: number;
  jobArticles?: number;
}

export function parseSeconds(value: string): number {
  const seconds = parseCount(value);
  if (seconds < 1) throw new InvalidArgumentError("expected at least 1 second");
  return seconds;
}

/** The --queue option shared by ingest, worker and jobs. */
export function addQueueUrlOption(command: Command, required = false): Command {
  const description = "PostgreSQL URL of the job queue (pg-boss), e.g. postgres://user@host/db";
  return required
    ? command.requiredOption("--queue <url>", description)
    : command.option("--queue <url>", description);
}

/** Options of `ingest` for queueing instead of processing. */
export function addQueueOptions(command: Command): Command {
  return addQueueUrlOption(command)
    .option(
      "--retries <n>",
      "with --queue: retries of a failed job before it is dead (default 3)",
      parseCount,
    )
    .option(
      "--retry-delay <seconds>",
      "with --queue: first retry delay, doubled each time (default 10)",
      parseSeconds,
    )
    .option(
      "--job-timeout <seconds>",
      "with --queue: a job held longer is taken as lost (its worker died) and retried (default 300)",
      parseSeconds,
    )
    .option(
      "--max-job-bytes <n>",
      "with --queue: largest record put in a job, bytes of JSON (default 1 MB)",
      parseCount,
    )
    .option(
      "--job-articles <n>",
      "with --queue: article records per job, written in one transaction by a worker (default 25)",
      parsePositive,
    );
}

interface EnqueueFlags extends InputFlags, QueueFlags {
  inputFormat?: InputFormat;
  format?: InputFormat;
  json?: boolean;
  failures?: string;
}

/** Queues the inputs; returns the number of failures (the caller sets the exit code). */
export async function runEnqueueCommand(
  paths: string[],
  queueUrl: string,
  flags: EnqueueFlags,
): Promise<number> {
  const { openQueue, closeQueue, DEFAULT_RETRY_POLICY, INGEST_QUEUE, QueueError, safeUrl } = await import(
    "../queue/connection.ts"
  );
  const { enqueueInputs } = await import("../queue/enqueue.ts");
  const urls = paths.filter((input) => /^https?:\/\//i.test(input));
  if (urls.length > 0) {
    throw new UsageError(
      `--queue reads files, directories, globs and stdin, not URLs (${urls[0]}); ingest URLs without --queue`,
    );
  }
  let boss: Awaited<ReturnType<typeof openQueue>>;
  try {
    boss = await openQueue(queueUrl);
  } catch (error) {
    throw error instanceof QueueError ? new UsageError(error.message) : error;
  }
  let summary: Awaited<ReturnType<typeof enqueueInputs>>;
  try {
    summary = await enqueueInputs(paths, boss, {
      ...readOptionsOf(flags, inputFormatOf("ingest", flags)),
      failuresFile: flags.failures,
      maxJobBytes: flags.maxJobBytes,
      articlesPerJob: flags.jobArticles,
      policy: {
        retries: flags.retries ?? DEFAULT_RETRY_POLICY.retries,
        retryDelaySeconds: flags.retryDelay ?? DEFAULT_RETRY_POLICY.retryDelaySeconds,
        jobTimeoutSeconds: flags.jobTimeout ?? DEFAULT_RETRY_POLICY.jobTimeoutSeconds,
      },
    });
  } catch (error) {
    throw new UsageError(`cannot queue to ${safeUrl(queueUrl)}: ${errorMessage(error)}`);
  } finally {
    await closeQueue(boss);
  }
  if (flags.json) {
    render("json", { queue: safeUrl(queueUrl), name: INGEST_QUEUE, ...summary });
  } else {
    printText(
      `read ${summary.read}, queued ${summary.queued}, failed ${summary.failed}, ${summary.seconds.toFixed(1)} s → ` +
        `${INGEST_QUEUE} at ${safeUrl(queueUrl)} (${summary.jobs} job${summary.jobs === 1 ? "" : "s"})\n`,
    );
  }
  printError(
    failureReport({ total: summary.failed, first: summary.failures, byReason: summary.failuresByReason }),
  );
  return summary.failed;
}

function parsePositive(value: string): number {
  const n = parseCount(value);
  if (n < 1) throw new InvalidArgumentError("expected at least 1");
  return n;
}
