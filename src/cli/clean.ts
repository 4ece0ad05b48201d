import type { Command } from "commander";
import { FailureLog, failureReport } from "../app/failure-log.ts";
import type { InputFormat } from "../ingest/options.ts";
import { addInputOptions, addJsonOption, type InputFlags, readOptionsOf } from "./common.ts";
import { printDocument, printError, printText } from "./terminal.ts";

interface CleanFlags extends InputFlags {
  format?: InputFormat;
  json?: boolean;
}

export function registerClean(program: Command): void {
  const command = program
    .command("clean")
    .description("print each article's cleaned text (header, page furniture and hover cards removed)")
    .argument("<files...>", 'inputs: files, directories, globs, or "-"');
  addInputOptions(command);
  addJsonOption(command);
  command.action(async (files: string[], flags: CleanFlags) => {
    // Loaded on use, so other commands start fast.
    const { readInputs } = await import("../ingest/read.ts");
    const { cleanText } = await import("../clean/clean.ts");
    // Bounded however many inputs fail: the first few are shown, the rest counted by reason.
    const failures = new FailureLog();
    let first = true;
    for await (const result of readInputs(files, readOptionsOf(flags, flags.format))) {
      if (!result.ok) {
        failures.add(result.failure);
        continue;
      }
      const { article } = result;
      const cleaned = cleanText(article.text);
      if (flags.json) {
        const { text: _raw, ...metadata } = article;
        process.stdout.write(
          `${JSON.stringify({ ...metadata, text: cleaned.text, removed: cleaned.removed })}\n`,
        );
        continue;
      }
      // One article prints as is; several get a `head`-style separator naming each.
      if (!first || files.length > 1 || article.origin !== files[0]) {
        printText(`${first ? "" : "\n"}==> ${article.origin} <==\n`);
      }
      printDocument(cleaned.text.endsWith("\n") ? cleaned.text : `${cleaned.text}\n`);
      first = false;
    }
    printError(failureReport(failures.counted()));
    if (failures.total > 0) process.exitCode = 1;
  });
}
