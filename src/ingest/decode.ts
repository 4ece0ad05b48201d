import { open, readFile, stat } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { errorMessage, fileErrorReason } from "../core/errors.ts";
import { formatSize, tooLarge } from "./options.ts";
import { zstdDecompressCapped } from "./zstd.ts";

/** NUL bytes in the first 8 KB mark a binary file, as git and grep decide. */
const BINARY_SNIFF_BYTES = 8192;

export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

export { fileErrorReason } from "../core/errors.ts";

/**
 * Reads one whole-article file (text or HTML, optionally gzipped) with every check done before
 * the content is trusted: size from stat before reading, empty, binary, valid UTF-8.
 */
export async function readArticleFile(
  path: string,
  maxBytes: number,
  gzip: boolean,
  zstd = false,
): Promise<Decoded> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    return { ok: false, reason: fileErrorReason(error) };
  }
  if (size === 0) return { ok: false, reason: "empty file" };
  if (size > maxBytes) return { ok: false, reason: tooLarge(size, maxBytes) };
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return { ok: false, reason: fileErrorReason(error) };
  }
  if (gzip) {
    try {
      // maxOutputLength guards against a small file that inflates into gigabytes.
      bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException)?.code;
      if (code === "ERR_BUFFER_TOO_LARGE")
        return {
          ok: false,
          reason: `file too large when decompressed (limit ${formatSize(maxBytes, "limit")})`,
        };
      return { ok: false, reason: `corrupt gzip file: ${errorMessage(error)}` };
    }
  }
  if (zstd) {
    try {
      const inflated = await zstdDecompressCapped(bytes, maxBytes);
      if (inflated === "too large")
        return {
          ok: false,
          reason: `file too large when decompressed (limit ${formatSize(maxBytes, "limit")})`,
        };
      bytes = Buffer.from(inflated);
    } catch (error) {
      return { ok: false, reason: errorMessage(error) };
    }
  }
  return decodeBytes(bytes);
}

export function decodeBytes(bytes: Uint8Array, offset = 0): Decoded {
  if (bytes.length === 0) return { ok: false, reason: "empty file" };
  const utf16 = utf16Encoding(bytes);
  if (utf16) {
    // UTF-16 text is full of NUL bytes; its byte-order mark says what it is before the binary check.
    const text = decodeUtf16(bytes, utf16);
    if (text === null) return { ok: false, reason: `invalid ${utf16.toUpperCase()} text` };
    if (!text.replace(/^\ufeff/, "").trim()) return { ok: false, reason: "empty file" };
    return { ok: true, text };
  }
  if (hasNulByte(bytes)) return { ok: false, reason: "binary file" };
  const text = decodeUtf8(bytes);
  if (text === null)
    return { ok: false, reason: `invalid UTF-8 near byte ${offset + firstInvalidUtf8Byte(bytes)}` };
  if (!text.trim()) return { ok: false, reason: "empty file" };
  return { ok: true, text };
}

export function hasNulByte(bytes: Uint8Array): boolean {
  return bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0);
}

export type Utf16Encoding = "utf-16le" | "utf-16be";

/** UTF-16 announced by its byte-order mark (FF FE little-endian, FE FF big-endian); undefined otherwise. */
export function utf16Encoding(bytes: Uint8Array): Utf16Encoding | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return undefined;
}

/** Decodes UTF-16 strictly (an unpaired surrogate or an odd byte count is an error); the mark stays, as in UTF-8. */
export function decodeUtf16(bytes: Uint8Array, encoding: Utf16Encoding): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * A UTF-16 stream as text chunks, decoded as they arrive (a code unit split between chunks is carried
 * over); the readers of dumps take strings as well as bytes.
 */
export async function* utf16Chunks(
  stream: AsyncIterable<Buffer | string>,
  encoding: Utf16Encoding,
): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    yield decoder.decode(bytes, { stream: true });
  }
  yield decoder.decode();
}

/** Reads the first bytes of a file to check for binary content before streaming it. */
export async function sniffFile(
  path: string,
): Promise<{ size: number; binary: boolean; head: string; utf16?: Utf16Encoding }> {
  const handle = await open(path, "r");
  try {
    const size = (await handle.stat()).size;
    const buffer = Buffer.alloc(Math.min(BINARY_SNIFF_BYTES, size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    const utf16 = utf16Encoding(head);
    if (utf16) {
      const text = new TextDecoder(utf16).decode(head);
      return { size, binary: false, head: text.replace(/^\ufeff/, ""), utf16 };
    }
    return { size, binary: hasNulByte(head), head: head.toString("utf8").replace(/^\ufeff/, "") };
  } finally {
    await handle.close();
  }
}

// ignoreBOM keeps a byte-order mark in the text, so offsets stay those of the exact file.
const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Byte offset of the first byte that is not part of a valid UTF-8 sequence (TextDecoder only says
 * that decoding failed, not where). Follows the well-formed byte table of Unicode 15, section 3.9.
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const byte = bytes[i + k];
      if (byte === undefined) return i;
      const min = k === 1 ? low : 0x80;
      const max = k === 1 ? high : 0xbf;
      if (byte < min || byte > max) return i;
    }
    i += length;
  }
  return bytes.length;
}
