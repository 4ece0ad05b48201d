import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { WARCParser } from "warcio";
import { errorMessage } from "../core/errors.ts";
import { fileErrorReason } from "./decode.ts";
import { formatSize } from "./options.ts";
import type { ReadResult } from "./types.ts";
import { PageReader } from "./warc-pages.ts";
import { ZstdUnsupportedError, zstdChunks } from "./zstd.ts";

/** Read size for the archive: large enough for throughput, small enough to keep memory flat. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Streams a WARC file (plain, .gz with one gzip member per record as Common Crawl writes them, or
 * .zst) through warcio: each response with HTTP 200 and an HTML type becomes an article (the record's
 * URL and date stand in when the page has none); every other record is skipped and reported to
 * `onSkipped` with its reason. Records are read one at a time and a page's body at most up to
 * `maxBytes`; pages are read into articles on a worker of bounded heap (warc-pages.ts), at most two
 * ahead of the consumer, so memory stays bounded whatever the file size.
 */
export async function* readWarc(
  path: string,
  compression: { gzip: boolean; zstd: boolean },
  maxBytes: number,
  onSkipped: (reason: string) => void = () => {},
): AsyncGenerator<ReadResult> {
  const fail = (origin: string, reason: string): ReadResult => ({ ok: false, failure: { origin, reason } });
  try {
    if ((await stat(path)).size === 0) return yield fail(path, "empty file");
  } catch (error) {
    return yield fail(path, fileErrorReason(error));
  }
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  // warcio inflates gzip itself, member by member; zstd is undone here before it.
  const input = compression.zstd ? zstdChunks(file) : file;
  const reader = new PageReader(path);
  // The page being read while the next record is parsed: one ahead, answered in order.
  let reading: Promise<ReadResult> | undefined;
  const previous = async () => {
    const result = await reading;
    reading = undefined;
    return result;
  };
  let index = 0;
  let failed = false;
  try {
    for await (const record of new WARCParser(input)) {
      index++;
      const where = `${path} record ${index}`;
      if (!record.warcHeaders.statusline.startsWith("WARC/")) {
        failed = true;
        if (reading) yield (await previous()) as ReadResult;
        yield fail(index === 1 ? path : where, index === 1 ? "not a WARC file" : "corrupt WARC record");
        return;
      }
      if (record.warcType !== "response") {
        onSkipped(`${record.warcType ?? "untyped"} record`);
        continue;
      }
      const status = Number(record.httpHeaders?.statusCode);
      if (status !== 200) {
        onSkipped(Number.isFinite(status) && status > 0 ? `HTTP ${status}` : "no HTTP status");
        continue;
      }
      const type = record.httpHeaders?.headers.get("content-type") ?? "";
      if (!/html/i.test(type)) {
        onSkipped(`not HTML (${type.split(";")[0]?.trim() || "no type"})`);
        continue;
      }
      const parts: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of record) {
        size += chunk.length;
        // The parser skips the rest of the record when the next one is asked for.
        if (size > maxBytes) break;
        parts.push(chunk);
      }
      const uri = record.warcTargetURI ?? undefined;
      if (reading) yield (await previous()) as ReadResult;
      if (reader.startupError) return yield fail(path, reader.startupError);
      if (size > maxBytes) {
        yield fail(where, `${uri ?? "page"}: page too large: over ${formatSize(maxBytes, "limit")}`);
        continue;
      }
      const page = {
        bytes: Buffer.concat(parts, size),
        contentType: type,
        where,
        uri,
        date: record.warcDate ?? undefined,
      };
      reading = reader.read(page);
    }
    if (reading) yield (await previous()) as ReadResult;
  } catch (error) {
    failed = true;
    if (reading) yield (await previous()) as ReadResult;
    const reason = errorMessage(error);
    yield fail(
      path,
      error instanceof ZstdUnsupportedError ? reason : `corrupt WARC file after ${index} records: ${reason}`,
    );
  } finally {
    file.destroy();
    await reader.close();
  }
  if (index === 0 && !failed) yield fail(path, "no WARC records found");
}
