import { csvRows } from "./csv-rows.ts";
import { type FieldNames, tooLarge } from "./options.ts";
import { recordToArticle } from "./records.ts";
import type { ReadResult } from "./types.ts";

/** Same slack as for JSON lines: a row is a little bigger than the article it carries. */
const RECORD_SLACK_BYTES = 1024 * 1024;

/**
 * CSV with a header row, streamed through the strict row reader (csv-rows.ts): a row that cannot be
 * read (an unclosed quote, text after a closing quote, too large, invalid UTF-8) is one failure with
 * its line number, and the rows after it are read.
 */
export async function* readCsv(
  stream: AsyncIterable<Buffer | string>,
  path: string,
  names: FieldNames,
  maxBytes: number,
): AsyncGenerator<ReadResult> {
  let header: string[] | undefined;
  for await (const event of csvRows(stream, maxBytes + RECORD_SLACK_BYTES)) {
    if (event.kind === "error") {
      const reason =
        event.tooLarge !== undefined
          ? tooLarge(event.tooLarge, maxBytes, "record")
          : `malformed CSV: ${event.reason}`;
      yield { ok: false, failure: { origin: path, line: event.line, reason } };
      continue;
    }
    if (!header) {
      header = event.fields.map((name) => name.trim());
      continue;
    }
    const record: Record<string, string> = {};
    header.forEach((name, index) => {
      const value = event.fields[index];
      if (value !== undefined && !(name in record)) record[name] = value;
    });
    yield recordToArticle(record, names, { path, line: event.line, format: "csv", maxBytes });
  }
}
