/** `onrecord jobs`: what the ingest queue holds, and the latest errors of dead jobs. */
import type { Command } from "commander";
import { addJsonOption, parseCount, UsageError } from "./common.ts";
import { addQueueUrlOption } from "./enqueue.ts";
import { render } from "./formats.ts";
import { printText } from "./terminal.ts";

interface JobsFlags {
  queue: string;
  errors: number;
  json?: boolean;
}

export function registerJobs(program: Command): void {
  const command = program
    .command("jobs")
    .description("count the ingest queue's jobs: queued, retrying, active, done, dead (with the last errors)")
    .option("--errors <n>", "dead jobs shown with their error", parseCount, 5);
  addQueueUrlOption(command, true);
  addJsonOption(command);
  command.action(async (flags: JobsFlags) => {
    const { openQueue, closeQueue, QueueError, safeUrl } = await import("../queue/connection.ts");
    const { queueStatus, deadLetterCount } = await import("../queue/status.ts");
    let boss: Awaited<ReturnType<typeof openQueue>>;
    try {
      boss = await openQueue(flags.queue);
    } catch (error) {
      throw error instanceof QueueError ? new UsageError(error.message) : error;
    }
    try {
      const status = await queueStatus(boss, flags.errors);
      const deadLetters = await deadLetterCount(boss);
      if (flags.json) {
        render("json", { queue: safeUrl(flags.queue), ...status, deadLetters });
        return;
      }
      printText(
        `queued ${status.queued}, retrying ${status.retrying}, active ${status.active}, ` +
          `done ${status.done} (stored ${status.stored}, already present ${status.alreadyPresent}), ` +
          `dead ${status.dead}\n`,
      );
      if (status.lastErrors.length > 0) {
        printText(`last errors (dead letters: ${deadLetters}):\n`);
        for (const dead of status.lastErrors) {
          printText(
            `  ${dead.failedAt}  ${dead.origin}: ${dead.error} (${dead.attempts} attempts, job ${dead.id})\n`,
          );
        }
      }
    } finally {
      await closeQueue(boss);
    }
  });
}
