import { errorMessage } from "../core/errors.ts";
import { decodeUtf8, firstInvalidUtf8Byte, hasNulByte } from "./decode.ts";
import { byteLines } from "./lines.ts";
import { type FieldNames, tooLarge } from "./options.ts";
import { recordToArticle } from "./records.ts";
import type { ReadResult } from "./types.ts";

/**
 * A line can be somewhat longer than the article it carries (JSON escapes, other fields); past
 * maxBytes plus this slack it is dropped unread, so a huge record cannot exhaust memory.
 */
const LINE_SLACK_BYTES = 1024 * 1024;

/**
 * JSON Lines: one object per line, streamed. Each bad line is its own failure (with its line
 * number); the other records go on. Blank lines are skipped.
 */
export async function* readJsonl(
  stream: AsyncIterable<Buffer | string>,
  path: string,
  names: FieldNames,
  maxBytes: number,
): AsyncGenerator<ReadResult> {
  const failure = (line: number, reason: string): ReadResult => ({
    ok: false,
    failure: { origin: path, line, reason },
  });
  for await (const line of byteLines(stream, maxBytes + LINE_SLACK_BYTES)) {
    if (line.overflow) {
      yield failure(line.number, tooLarge(line.length, maxBytes, "record"));
      continue;
    }
    if (line.number === 1 && hasNulByte(line.bytes)) {
      yield failure(line.number, "binary file");
      return;
    }
    let text = decodeUtf8(line.bytes);
    // A byte-order mark opens many exported files; it is not part of the first record.
    if (line.number === 1 && text?.startsWith("\ufeff")) text = text.slice(1);
    if (text === null) {
      yield failure(line.number, `invalid UTF-8 near byte ${line.offset + firstInvalidUtf8Byte(line.bytes)}`);
      continue;
    }
    if (!text.trim()) continue;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (error) {
      yield failure(line.number, `malformed JSON: ${errorMessage(error)}`);
      continue;
    }
    if (record === null || typeof record !== "object" || Array.isArray(record)) {
      yield failure(line.number, "not a JSON object");
      continue;
    }
    yield recordToArticle(record as Record<string, unknown>, names, {
      path,
      line: line.number,
      format: "jsonl",
      maxBytes,
    });
  }
}

/**
 * A .json file that is one JSON document rather than JSON Lines (pretty-printed, or an array of
 * records). It is read whole, so it must fit within maxBytes like any single article file.
 */
export function readJsonDocument(
  text: string,
  path: string,
  names: FieldNames,
  maxBytes: number,
): ReadResult[] {
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\ufeff/, ""));
  } catch (error) {
    return [{ ok: false, failure: { origin: path, reason: `malformed JSON: ${errorMessage(error)}` } }];
  }
  const records = Array.isArray(document) ? document : [document];
  return records.map((record, index): ReadResult => {
    const label = Array.isArray(document) ? String(index) : undefined;
    if (record === null || typeof record !== "object" || Array.isArray(record)) {
      return { ok: false, failure: { origin: path, reason: `${label ?? "document"}: not a JSON object` } };
    }
    if (!label) {
      return recordToArticle(record as Record<string, unknown>, names, {
        path,
        line: 1,
        format: "jsonl",
        maxBytes,
      });
    }
    return recordToArticle(record as Record<string, unknown>, names, {
      path,
      label,
      format: "jsonl",
      maxBytes,
    });
  });
}

/** Whether a .json file holds one JSON document: it opens an array, or its first line is not a whole object. */
export function isJsonDocument(head: string): boolean {
  const trimmed = head.trimStart();
  if (trimmed.startsWith("[")) return true;
  const firstLine = trimmed.split("\n", 1)[0] ?? "";
  try {
    JSON.parse(firstLine);
    return false;
  } catch {
    return true;
  }
}
