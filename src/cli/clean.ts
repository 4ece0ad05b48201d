import type { Command } from "commander";
import { FailureLog, failureReport } from "../app/failure-log.ts";
import type { InputFormat } from "../ingest/options.ts";
import { addJsonOption, type InputFlags, inputFormatOf, readingCommand, readOptionsOf } from "./common.ts";
import { RecordPrinter } from "./formats.ts";
import { printDocument, printError, printText } from "./terminal.ts";

interface CleanFlags extends InputFlags {
  inputFormat?: InputFormat;
  /** The old spelling of --input-format. */
  format?: InputFormat;
  json?: boolean;
}

export function registerClean(program: Command): void {
  // `--format` named the input format here, as on `ingest`: it still does (with a notice), so the output
  // is chosen with --json (JSON Lines) alone.
  const command = readingCommand(
    program,
    "clean",
    "print each article's cleaned text (header, page furniture and hover cards removed)",
    { oldFormatFlag: true },
  );
  addJsonOption(command);
  command.action(async (files: string[], flags: CleanFlags) => {
    // Loaded on use, so other commands start fast.
    const { readInputs } = await import("../ingest/read.ts");
    const { cleanText } = await import("../clean/clean.ts");
    // Bounded however many inputs fail: the first few are shown, the rest counted by reason.
    const failures = new FailureLog();
    const printer = new RecordPrinter<object>(flags.json ? "jsonl" : "text");
    let first = true;
    for await (const result of readInputs(files, readOptionsOf(flags, inputFormatOf("clean", flags)))) {
      if (!result.ok) {
        failures.add(result.failure);
        continue;
      }
      const { article } = result;
      const cleaned = cleanText(article.text);
      const { text: _raw, ...metadata } = article;
      printer.add({ ...metadata, text: cleaned.text, removed: cleaned.removed }, () => {
        // One article prints as is; several get a `head`-style separator naming each.
        if (!first || files.length > 1 || article.origin !== files[0]) {
          printText(`${first ? "" : "\n"}==> ${article.origin} <==\n`);
        }
        printDocument(cleaned.text.endsWith("\n") ? cleaned.text : `${cleaned.text}\n`);
        first = false;
      });
    }
    printer.end();
    printError(failureReport(failures.counted()));
    if (failures.total > 0) process.exitCode = 1;
  });
}
