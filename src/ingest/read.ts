import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { errorMessage } from "../core/errors.ts";
import { readCsv } from "./csv.ts";
import { decodeBytes, fileErrorReason, readArticleFile, sniffFile, utf16Chunks } from "./decode.ts";
import { articleResult } from "./html-article.ts";
import { expandInputs } from "./inputs.ts";
import { isJsonDocument, readJsonDocument, readJsonl } from "./jsonl.ts";
import {
  DEFAULT_MAX_BYTES,
  type FieldNames,
  fieldNames,
  type InputFormat,
  type ReadOptions,
  tooLarge,
} from "./options.ts";
import type { ReadResult } from "./types.ts";
import { readWarc } from "./warc.ts";
import { zstdChunks } from "./zstd.ts";

// In its own module so that ingest's worker threads load the page extraction without the readers.
export { articleResult } from "./html-article.ts";
export type { InputFormat, ReadOptions } from "./options.ts";

const STDIN = "<stdin>";

/**
 * Reads articles from files, directories, glob patterns and "-" (stdin), one result per article
 * or per failure, in input order. Nothing here throws for bad input: a missing, empty, binary,
 * oversized or malformed input (or one bad record of a dump) is a failure and the batch goes on.
 */
export async function* readInputs(
  inputs: readonly string[],
  options: ReadOptions = {},
): AsyncGenerator<ReadResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const names = fieldNames(options);
  for await (const item of expandInputs(inputs)) {
    if (item.kind === "failure") yield { ok: false, failure: item.failure };
    else if (item.kind === "stdin")
      yield* readStdin(options.stdin ?? process.stdin, options.format, names, maxBytes);
    else if (item.format === "warc") yield* readWarc(item.path, item, maxBytes, options.onSkipped);
    else yield* readFile(item.path, item.format, item.gzip, names, maxBytes, item.zstd, options.deferHtml);
  }
}

async function* readFile(
  path: string,
  format: InputFormat,
  gzip: boolean,
  names: FieldNames,
  maxBytes: number,
  zstd = false,
  deferHtml = false,
): AsyncGenerator<ReadResult> {
  const failure = (reason: string): ReadResult => ({ ok: false, failure: { origin: path, reason } });
  if (format === "text" || format === "html") {
    const decoded = await readArticleFile(path, maxBytes, gzip, zstd);
    if (!decoded.ok) yield failure(decoded.reason);
    else if (format === "html" && deferHtml)
      yield { ok: true, article: { origin: path, format, text: "" }, html: decoded.text };
    else yield articleResult(decoded.text, format, path);
    return;
  }
  // Dumps are streamed; the size limit applies to each record, not to the file.
  let sniff: Awaited<ReturnType<typeof sniffFile>>;
  try {
    sniff = await sniffFile(path);
  } catch (error) {
    yield failure(fileErrorReason(error));
    return;
  }
  if (sniff.size === 0) return yield failure("empty file");
  if (sniff.binary && !gzip && !zstd) return yield failure("binary file");
  if (
    format === "jsonl" &&
    !gzip &&
    !zstd &&
    path.toLowerCase().endsWith(".json") &&
    isJsonDocument(sniff.head)
  ) {
    const decoded = await readArticleFile(path, maxBytes, false);
    if (!decoded.ok) yield failure(decoded.reason);
    else yield* readJsonDocument(decoded.text, path, names, maxBytes);
    return;
  }
  const fileStream = createReadStream(path);
  const stream = gzip
    ? fileStream.pipe(createGunzip())
    : zstd
      ? Readable.from(zstdChunks(fileStream))
      : fileStream;
  const records = sniff.utf16 ? utf16Chunks(stream, sniff.utf16) : stream;
  // A gzip error must end this file, not the batch: surface it as the stream's error.
  if (gzip) fileStream.on("error", (error) => stream.destroy(error));
  let produced = false;
  try {
    const results =
      format === "csv" ? readCsv(records, path, names, maxBytes) : readJsonl(records, path, names, maxBytes);
    for await (const result of results) {
      produced = true;
      yield result;
    }
  } catch (error) {
    if (error instanceof TypeError && sniff.utf16) yield failure(`invalid ${sniff.utf16.toUpperCase()} text`);
    else
      yield failure(
        gzip
          ? `corrupt gzip file: ${errorMessage(error)}`
          : zstd
            ? errorMessage(error)
            : fileErrorReason(error),
      );
    return;
  } finally {
    stream.destroy();
  }
  // Only blank lines, or a CSV header without rows.
  if (!produced) yield failure("no records found");
}

/** stdin: the format is given, or sniffed from the first non-blank character ("<" HTML, "{" JSONL). */
async function* readStdin(
  input: AsyncIterable<Buffer | string>,
  givenFormat: InputFormat | undefined,
  names: FieldNames,
  maxBytes: number,
): AsyncGenerator<ReadResult> {
  const failure = (reason: string): ReadResult => ({ ok: false, failure: { origin: STDIN, reason } });
  const iterator = input[Symbol.asyncIterator]();
  // Detection looks at each chunk once, as it arrives (never re-joining what came before), and holds
  // the leading whitespace only up to the size limit.
  const head: Buffer[] = [];
  let headBytes = 0;
  let droppedNewlines = 0;
  let format = givenFormat;
  let ended = false;
  while (!format) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
    const first = firstSignificantByte(chunk, headBytes === 0);
    if (first >= 0) {
      const c = chunk[first];
      format = c === 0x3c ? "html" : c === 0x7b ? "jsonl" : "text";
    }
    head.push(chunk);
    headBytes += chunk.length;
    if (!format && headBytes > maxBytes) {
      // Only whitespace so far, more than any article may hold: keep its line count, not its bytes.
      for (const held of head) droppedNewlines += countNewlines(held);
      head.length = 0;
    }
  }
  async function* rest(): AsyncGenerator<Buffer> {
    for (let left = droppedNewlines; left > 0; left -= NEWLINE_BLOCK.length) {
      yield left >= NEWLINE_BLOCK.length ? NEWLINE_BLOCK : NEWLINE_BLOCK.subarray(0, left);
    }
    yield* head;
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      yield typeof next.value === "string" ? Buffer.from(next.value) : next.value;
    }
  }
  if (!format) return yield failure("empty input");
  if (format === "jsonl") return yield* readJsonl(rest(), STDIN, names, maxBytes);
  if (format === "csv") return yield* readCsv(rest(), STDIN, names, maxBytes);
  const chunks: Buffer[] = [];
  let size = headBytes - head.reduce((sum, held) => sum + held.length, 0) - droppedNewlines;
  for await (const chunk of rest()) {
    size += chunk.length;
    // Keep counting past the limit (to report the size) but stop holding the bytes.
    if (size <= maxBytes) chunks.push(chunk);
  }
  if (size > maxBytes) return yield failure(tooLarge(size, maxBytes, "input"));
  const decoded = decodeBytes(Buffer.concat(chunks));
  if (!decoded.ok) return yield failure(decoded.reason === "empty file" ? "empty input" : decoded.reason);
  yield articleResult(decoded.text, format, STDIN);
}

const NEWLINE_BLOCK = Buffer.alloc(64 * 1024, 0x0a);

/** Index of the first byte that is not whitespace (nor, at the very start, a UTF-8 byte-order mark); -1 if none. */
function firstSignificantByte(chunk: Buffer, atStart: boolean): number {
  let i = atStart && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
  for (; i < chunk.length; i++) {
    const c = chunk[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) return i;
  }
  return -1;
}

function countNewlines(chunk: Buffer): number {
  let count = 0;
  for (let at = chunk.indexOf(0x0a); at >= 0; at = chunk.indexOf(0x0a, at + 1)) count++;
  return count;
}
