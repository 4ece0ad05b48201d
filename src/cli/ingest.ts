import { closeSync, existsSync, openSync } from "node:fs";
import { availableParallelism } from "node:os";
import cliProgress from "cli-progress";
import type { Command } from "commander";
import { failureReport } from "../app/failure-log.ts";
import type { IngestSummary } from "../app/run-ingest.ts";
import type { InputFormat } from "../ingest/options.ts";
import { isPostgresSpec } from "../record/open-store.ts";
import { loadOverrides } from "../record/overrides.ts";
import {
  addDbOption,
  addInputOptions,
  addJsonOption,
  errorMessage,
  failureLocation,
  type InputFlags,
  inputFormatOf,
  openOrCreateStore,
  parseCount,
  readOptionsOf,
  UsageError,
} from "./common.ts";
import { render } from "./formats.ts";
import { checkOutputPath } from "./output-file.ts";
import { printError, printText } from "./terminal.ts";
import { addWebOptions, fetcherOptionsOf, type WebFlags } from "./web-options.ts";

interface IngestFlags extends InputFlags, WebFlags {
  inputFormat?: InputFormat;
  /** The old spelling of --input-format. */
  format?: InputFormat;
  db: string;
  json?: boolean;
  workers?: number;
  overrides?: string;
  failures?: string;
}

export function registerIngest(program: Command): void {
  const command = program
    .command("ingest")
    .description('read articles (files, directories, globs, "-" for stdin), extract statements, store them')
    .argument("<paths...>", "inputs: .txt .html .jsonl .csv files, directories, globs, -, or http(s) URLs")
    .option(
      "--workers <n>",
      `processing threads, 0 = main thread (default ${availableParallelism()})`,
      parseCount,
    )
    .option("--failures <file>", "write every failure (input, line, reason) to FILE as JSON Lines")
    .option(
      "--overrides <file>",
      "manual merge/split/rename rules (default: onrecord.overrides.json beside the db)",
    );
  addInputOptions(command, { oldFormatFlag: true });
  addWebOptions(command);
  addDbOption(command);
  addJsonOption(command);
  command.action(async (paths: string[], flags: IngestFlags) => {
    const summary = await runIngestCommand(paths, flags);
    if (summary.failed > 0) process.exitCode = 1;
  });
}

async function runIngestCommand(paths: string[], flags: IngestFlags): Promise<IngestSummary> {
  // Loaded on use: readers and the NLP pipeline would slow every other command's start-up.
  const { ingestInputs, maxWorkerCount, noProgress, StoreWriteError } = await import("../app/run-ingest.ts");
  const { webIngestOptions, removeIfUnused } = await import("../app/ingest-web.ts");
  const inputFormat = inputFormatOf("ingest", flags);
  const dbExisted = isPostgresSpec(flags.db) || existsSync(flags.db);
  if (flags.failures) {
    checkOutputPath(flags.failures, { db: flags.db, inputs: paths }, "--failures");
    try {
      closeSync(openSync(flags.failures, "w"));
    } catch (error) {
      throw new UsageError(`cannot write --failures ${flags.failures}: ${errorMessage(error)}`);
    }
  }
  if (flags.workers !== undefined && flags.workers > maxWorkerCount()) {
    printError(
      `onrecord: --workers ${flags.workers} is more than this machine can use; using ${maxWorkerCount()}\n`,
    );
  }
  const store = await openOrCreateStore(flags.db);
  if (flags.overrides) {
    try {
      await store.setOverrides(loadOverrides(flags.overrides));
    } catch (error) {
      await store.close();
      throw new UsageError(errorMessage(error));
    }
  }
  // The bar is for people watching a terminal; logs and pipes get only the summary.
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        {
          format:
            "ingest | {read} read | {stored} stored | {alreadyPresent} present | {failed} failed | {statements} statements",
          stream: process.stderr,
          hideCursor: true,
          fps: 5,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(0, 0, noProgress());
  // Archive records that are not articles (requests, redirects, images): counted by reason, not failures.
  const skipped: Record<string, number> = {};
  let summary: IngestSummary;
  try {
    summary = await ingestInputs(paths, store, {
      ...readOptionsOf(flags, inputFormat),
      workers: flags.workers,
      failuresFile: flags.failures,
      onSkipped: (reason) => {
        skipped[reason] = (skipped[reason] ?? 0) + 1;
      },
      ...webIngestOptions(store, { ...fetcherOptionsOf(flags), maxBytes: flags.maxBytes }, flags.maxItems),
      onProgress: bar ? (progress) => bar.update(progress.read + progress.failed, progress) : undefined,
    });
  } catch (error) {
    // A full disk is one message, not one line per remaining record.
    if (error instanceof StoreWriteError) throw new UsageError(error.message);
    throw error;
  } finally {
    bar?.stop();
    await store.close();
  }
  // A run that read nothing (a mistyped path) must not leave an empty database behind.
  if (!dbExisted) removeIfUnused(flags.db, summary);
  if (flags.json) {
    render("json", { db: flags.db, ...summary, skipped });
  } else {
    printText(
      `read ${summary.read}, stored ${summary.stored}, already present ${summary.alreadyPresent}, ` +
        `failed ${summary.failed}, statements ${summary.statements}, ${summary.seconds.toFixed(1)} s → ${flags.db}\n`,
    );
    const reasons = Object.entries(skipped).sort((a, b) => b[1] - a[1]);
    if (reasons.length > 0)
      printText(`skipped: ${reasons.map(([reason, count]) => `${count} ${reason}`).join(", ")}\n`);
    if (summary.notEnglish > 0)
      printText(
        `not in English: ${summary.notEnglish} (stored without statements: the extractor reads English)\n`,
      );
  }
  for (const warning of summary.warnings)
    printError(`warning: ${failureLocation(warning)}: ${warning.reason}\n`);
  if (summary.warned > summary.warnings.length)
    printError(`… ${summary.warned - summary.warnings.length} more warnings\n`);
  printError(
    failureReport({ total: summary.failed, first: summary.failures, byReason: summary.failuresByReason }),
  );
  if (flags.failures && summary.failed > 0) printError(`all ${summary.failed} failures: ${flags.failures}\n`);
  return summary;
}
