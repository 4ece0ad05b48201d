import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import { type FieldNames, tooLarge } from "./options.ts";
import { recordToArticle } from "./records.ts";
import type { ReadResult } from "./types.ts";

/** Same slack as for JSON lines: a row is a little bigger than the article it carries. */
const RECORD_SLACK_BYTES = 1024 * 1024;

interface ParsedRow {
  record: Record<string, unknown>;
  raw: string;
  info: { lines: number };
}

/**
 * CSV with a header row, streamed through csv-parse. Scraped CSVs often hold stray quotes inside
 * fields, so quotes are relaxed; rows that still cannot be parsed become failures with their line
 * number, and the rest go on.
 */
export async function* readCsv(
  stream: Readable,
  path: string,
  names: FieldNames,
  maxBytes: number,
): AsyncGenerator<ReadResult> {
  const skipped: ReadResult[] = [];
  const parser = stream.pipe(
    parse({
      columns: (header: string[]) => header.map((name) => name.trim()),
      bom: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      max_record_size: maxBytes + RECORD_SLACK_BYTES,
      info: true,
      raw: true,
      on_skip: (error) => {
        const reason =
          error?.code === "CSV_MAX_RECORD_SIZE" ? tooLarge(maxBytes + 1, maxBytes, "record") : error?.message;
        skipped.push({
          ok: false,
          failure: {
            origin: path,
            line: lineOf(error),
            reason: `malformed CSV: ${reason ?? "unreadable row"}`,
          },
        });
        return undefined;
      },
    }),
  );
  stream.on("error", (error) => parser.destroy(error));
  try {
    for await (const row of parser as AsyncIterable<ParsedRow>) {
      yield* skipped.splice(0);
      yield recordToArticle(row.record, names, {
        path,
        line: startLine(row),
        format: "csv",
        maxBytes,
      });
    }
  } catch (error) {
    yield* skipped.splice(0);
    const lines = lineOf(error);
    yield {
      ok: false,
      failure: { origin: path, line: lines, reason: `malformed CSV: ${(error as Error).message}` },
    };
    return;
  }
  yield* skipped.splice(0);
}

/**
 * csv-parse reports the line a record ends on; a quoted field may span lines, and the raw text
 * starts with any skipped blank lines, so count back through it to the record's first line.
 */
function startLine(row: ParsedRow): number {
  const raw = row.raw.replace(/\r?\n$/, "");
  const newlines = raw.split("\n").length - 1;
  const leadingBlank = /^(?:\r?\n)*/.exec(raw)?.[0].split("\n").length ?? 1;
  return row.info.lines - newlines + (leadingBlank - 1);
}

function lineOf(error: unknown): number | undefined {
  const lines = (error as { lines?: unknown } | undefined)?.lines;
  return typeof lines === "number" ? lines : undefined;
}
