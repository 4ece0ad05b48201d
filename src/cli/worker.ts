/** `onrecord worker`: processes queued article jobs and writes them to a store, on any machine. */
import { availableParallelism } from "node:os";
import type { Command } from "commander";
import {
  addDbOption,
  addJsonOption,
  errorMessage,
  openOrCreateStore,
  parseCount,
  UsageError,
} from "./common.ts";
import { addQueueUrlOption } from "./enqueue.ts";
import { render } from "./formats.ts";
import { printError, printText } from "./terminal.ts";

interface WorkerFlags {
  queue: string;
  db: string;
  workers?: number;
  exitWhenIdle?: boolean;
  verbose?: boolean;
  json?: boolean;
}

export function registerWorker(program: Command): void {
  const command = program
    .command("worker")
    .description(
      "take article jobs queued by `ingest --queue`, process them, store them (Ctrl-C finishes the articles in flight)",
    )
    .option(
      "--workers <n>",
      `processing threads, 0 = main thread (default ${availableParallelism()})`,
      parseCount,
    )
    .option("--exit-when-idle", "exit once no job is queued, waiting for a retry, or held by any worker")
    .option("--verbose", "one line per job on stderr: started, stored, present, failed");
  addQueueUrlOption(command, true);
  addDbOption(command);
  addJsonOption(command);
  command.action(async (flags: WorkerFlags) => {
    const dead = await runWorkerCommand(flags);
    if (dead > 0) process.exitCode = 1;
  });
}

async function runWorkerCommand(flags: WorkerFlags): Promise<number> {
  // Loaded on use: the queue client and the NLP pipeline would slow every other command's start-up.
  const { openQueue, closeQueue, QueueError } = await import("../queue/connection.ts");
  const { runWorker } = await import("../queue/worker.ts");
  const { maxWorkerCount } = await import("../app/run-ingest.ts");
  const workers = Math.min(flags.workers ?? availableParallelism(), maxWorkerCount());
  const stop = new AbortController();
  const onSignal = () => {
    printError("onrecord worker: stopping after the articles in flight\n");
    stop.abort();
  };
  // The record first: a wrong --db is reported before any connection to the queue is left open.
  const store = await openOrCreateStore(flags.db);
  let boss: Awaited<ReturnType<typeof openQueue>>;
  try {
    boss = await openQueue(flags.queue, {
      supervise: true,
      onError: (error) => printError(`onrecord worker: queue: ${errorMessage(error)}\n`),
    });
  } catch (error) {
    await store.close();
    throw error instanceof QueueError ? new UsageError(error.message) : error;
  }
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  let summary: Awaited<ReturnType<typeof runWorker>>;
  try {
    summary = await runWorker(boss, store, {
      workers,
      exitWhenIdle: flags.exitWhenIdle,
      signal: stop.signal,
      // Near-duplicate linking, as ingest does for each newly stored article.
      onStored: async (article) => void (await store.linkStory(article.id, article.text)),
      onEvent: flags.verbose
        ? (event) =>
            printError(
              `${event.kind} ${event.jobId} ${event.origin}${event.reason ? `: ${event.reason}${event.dead ? " (dead)" : " (will retry)"}` : ""}\n`,
            )
        : undefined,
    });
  } finally {
    await store.close();
    await closeQueue(boss);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  if (flags.json) {
    render("json", { db: flags.db, ...summary });
  } else {
    printText(
      `jobs ${summary.jobs}: stored ${summary.stored}, already present ${summary.alreadyPresent}, ` +
        `failed ${summary.failed} (dead ${summary.dead}), statements ${summary.statements}, ` +
        `${summary.seconds.toFixed(1)} s → ${flags.db}\n`,
    );
  }
  return summary.dead;
}
