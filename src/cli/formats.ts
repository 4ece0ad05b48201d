/**
 * Output formats, registered once: every command that prints results takes one `--format` naming one of
 * these, with the choices it has. JSON and JSON Lines are written the same way for every command; text,
 * Markdown and HTML are each command's own view of its data (its `Views`). `--json` is still accepted
 * where users type it: it means the command's JSON format.
 */
import { type Command, Option } from "commander";
import { printDocument, printText } from "./terminal.ts";

export type OutputFormat = "text" | "json" | "jsonl" | "md" | "html";

/** A command's views of its data in the formats it offers besides JSON. */
export type Views<T> = Partial<Record<"text" | "md" | "html", (data: T) => string>>;

interface FormatWriter {
  /** Writes a finished rendering: listings are made terminal-safe, documents only on a terminal. */
  write(rendered: string): void;
}

const FORMATS: Record<OutputFormat, FormatWriter & { description: string }> = {
  text: { description: "plain text for reading", write: printText },
  json: { description: "one JSON document", write: (out) => process.stdout.write(out) },
  jsonl: { description: "JSON Lines, one record a line", write: (out) => process.stdout.write(out) },
  md: { description: "Markdown", write: printDocument },
  html: { description: "an HTML page", write: printDocument },
};

export interface FormatFlags {
  format: OutputFormat;
  /** The old spelling of the command's JSON format. */
  json?: boolean;
}

/**
 * Adds `--format` with the command's choices and, for commands that had it, `--json` as the old spelling
 * of one of them (`oldJson`: "json" for a document, "jsonl" for a stream of records).
 */
export function addFormatOption(
  command: Command,
  choices: readonly OutputFormat[],
  fallback: OutputFormat,
  oldJson?: "json" | "jsonl",
): Command {
  command.addOption(
    new Option("--format <format>", `output format: ${choices.join(", ")}`)
      .choices(choices)
      .default(fallback),
  );
  if (oldJson)
    command.option("--json", `print ${FORMATS[oldJson].description} (same as --format ${oldJson})`);
  return command;
}

/** The format the flags ask for: `--json` wins, as it did before `--format` existed. */
export function formatOf(flags: FormatFlags, jsonFormat: "json" | "jsonl" = "json"): OutputFormat {
  return flags.json ? jsonFormat : flags.format;
}

/** The whole output of a command in `format`: JSON as a document, JSON Lines one array element a line. */
export function rendered<T>(format: OutputFormat, data: T, views: Views<T>): string {
  if (format === "json") return `${JSON.stringify(data, null, 2)}\n`;
  if (format === "jsonl") {
    const records = Array.isArray(data) ? data : [data];
    return records.map((record) => `${JSON.stringify(record)}\n`).join("");
  }
  const view = views[format];
  if (!view) throw new Error(`no ${format} view`);
  return view(data);
}

/** Renders `data` in `format` and prints it. */
export function render<T>(format: OutputFormat, data: T, views: Views<T> = {}): void {
  FORMATS[format].write(rendered(format, data, views));
}

/**
 * For commands that print records as they are read (extract, article, clean): JSON Lines and text are
 * written per record, a JSON document once at the end.
 */
export class RecordPrinter<T> {
  private readonly kept: T[] = [];

  constructor(private readonly format: OutputFormat) {}

  /** Prints the record as JSON (Lines), or calls `print` to write it in the command's own format. */
  add(record: T, print: () => void): void {
    if (this.format === "json") this.kept.push(record);
    else if (this.format === "jsonl") render("jsonl", [record]);
    else print();
  }

  end(): void {
    if (this.format === "json") render("json", this.kept);
  }
}
