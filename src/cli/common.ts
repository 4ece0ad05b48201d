import { type Command, InvalidArgumentError, Option } from "commander";
import { QueryError, SpeakerError } from "../app/queries.ts";
import { errorMessage } from "../core/errors.ts";
import type { InputFormat, ReadOptions } from "../ingest/options.ts";
import { type OpenStoreOptions, openStore, StoreOpenError } from "../record/open-store.ts";
import type { Store } from "../record/store.ts";
import { printError } from "./terminal.ts";

export const DEFAULT_DB = "onrecord.db";

/** An error the user can fix; main prints its message without a stack trace. */
export class UsageError extends Error {}

export function addDbOption(command: Command): Command {
  return command.option("--db <path>", "the record: a SQLite file, or a postgres:// URL", DEFAULT_DB);
}

export function addJsonOption(command: Command): Command {
  return command.option("--json", "print JSON instead of text");
}

/** `openStore` with its one-line failures turned into the user's to fix (exit code 2). */
async function openForCli(db: string, options: OpenStoreOptions): Promise<Store> {
  try {
    return await openStore(db, options);
  } catch (error) {
    if (error instanceof StoreOpenError) throw new UsageError(error.message);
    throw error;
  }
}

/** Opens (creating when absent) the record; a path that is not a usable database is the user's to fix. */
export function openOrCreateStore(db: string): Promise<Store> {
  return openForCli(db, { create: true });
}

/**
 * Opens an existing record; querying a path that does not exist must not create an empty database.
 * Readers open it read-only: no migration, no WAL switch, so they never wait for (or take) the write
 * lock and work on a read-only file. Commands that write (apply overrides, cache judge verdicts) ask
 * for "write".
 */
export function openExistingStore(db: string, mode: "read" | "write" = "read"): Promise<Store> {
  return openForCli(db, { readonly: mode === "read" });
}

/**
 * Runs `use` on the record and closes it. A request the application refuses (no such speaker, several, a
 * topic with no words) is the user's to fix: exit code 2, one message.
 */
export async function withStore<T>(
  db: string,
  use: (store: Store) => Promise<T>,
  mode: "read" | "write" = "read",
): Promise<T> {
  const store = await openExistingStore(db, mode);
  try {
    return await use(store);
  } catch (error) {
    if (error instanceof SpeakerError && error.candidates.length === 0)
      throw new UsageError(`${error.message} in ${db}`);
    if (error instanceof QueryError) throw new UsageError(error.message);
    throw error;
  } finally {
    await store.close();
  }
}

/** Accepts YYYY-MM-DD (the record's date granularity) and rejects anything else early. */
export function parseDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InvalidArgumentError("expected a date as YYYY-MM-DD");
  }
  return value;
}

export function parseProbability(value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !(number >= 0 && number <= 1)) {
    throw new InvalidArgumentError("expected a number from 0 to 1");
  }
  return number;
}

export function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("expected a whole number");
  return Number(value);
}

/** `--field text=body` → { text: "body" }; repeatable. */
export function collectField(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const match = value.match(/^(text|title|url|published|outlet|byline)=(.+)$/);
  if (!match) {
    throw new InvalidArgumentError(
      "expected FIELD=NAME with FIELD one of text, title, url, published, outlet, byline",
    );
  }
  return { ...previous, [match[1] as string]: match[2] as string };
}

const INPUT_FORMATS = ["text", "html", "jsonl", "csv"];

/**
 * Input options shared by commands that read articles (ingest, extract, clean, article). The input
 * format is `--input-format`, so that `--format` always means an output format; `ingest` and `clean`
 * took `--format` for their input before, and still accept it (inputFormatOf prints a notice).
 */
export function addInputOptions(command: Command, options: { oldFormatFlag?: boolean } = {}): Command {
  command.addOption(
    new Option("--input-format <format>", 'input format of stdin ("-"); files go by extension').choices(
      INPUT_FORMATS,
    ),
  );
  if (options.oldFormatFlag)
    command.addOption(
      new Option("--format <format>", "old spelling of --input-format").choices(INPUT_FORMATS).hideHelp(),
    );
  return command
    .option("--field <field=name>", "dump key/column for a field, e.g. text=body (repeatable)", collectField)
    .option("--max-bytes <n>", "largest article accepted, in bytes (default 10 MB)", parseCount);
}

/**
 * A command that reads articles as ingest does (clean, extract, article): its inputs operand and the
 * input options. `operand` names what it takes when that is more than files.
 */
export function readingCommand(
  program: Command,
  name: string,
  description: string,
  options: { operand?: [string, string]; oldFormatFlag?: boolean } = {},
): Command {
  const [operand, about] = options.operand ?? ["<files...>", 'inputs: files, directories, globs, or "-"'];
  const command = program.command(name).description(description).argument(operand, about);
  return addInputOptions(command, { oldFormatFlag: options.oldFormatFlag });
}

/** The input format the flags name; the old `--format` spelling works, with a one-line notice. */
export function inputFormatOf(
  command: string,
  flags: { inputFormat?: InputFormat; format?: InputFormat },
): InputFormat | undefined {
  if (flags.format === undefined) return flags.inputFormat;
  printError(`onrecord: ${command} --format is deprecated for the input format; use --input-format\n`);
  return flags.inputFormat ?? flags.format;
}

/** A span as one line: "[120-164]", or "-" when absent. */
export function formatSpan(span: { start: number; end: number } | null): string {
  return span ? `[${span.start}-${span.end}]` : "-";
}

/** Truncates long text for listings (JSON output is never truncated). */
export function ellipsize(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

export interface InputFlags {
  field?: Record<string, string>;
  maxBytes?: number;
}

/** Commander's flags → the readers' options. */
export function readOptionsOf(flags: InputFlags, format: InputFormat | undefined): ReadOptions {
  return { format, fields: flags.field, maxBytes: flags.maxBytes };
}

export { errorMessage };

export function failureLocation(failure: { origin: string; line?: number }): string {
  return failure.line !== undefined ? `${failure.origin}:${failure.line}` : failure.origin;
}
