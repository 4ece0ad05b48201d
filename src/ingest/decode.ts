import { open, readFile, stat } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { formatSize, tooLarge } from "./options.ts";
import { zstdDecompressCapped } from "./zstd.ts";

/** NUL bytes in the first 8 KB mark a binary file, as git and grep decide. */
const BINARY_SNIFF_BYTES = 8192;

export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

/** Explains a file-system error in words ("file not found"), falling back to its message. */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT") return "file not found";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a directory";
  return error instanceof Error ? error.message : String(error);
}

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
      return { ok: false, reason: `corrupt gzip file: ${(error as Error).message}` };
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
      return { ok: false, reason: (error as Error).message };
    }
  }
  return decodeBytes(bytes);
}

export function decodeBytes(bytes: Uint8Array, offset = 0): Decoded {
  if (bytes.length === 0) return { ok: false, reason: "empty file" };
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

/** Reads the first bytes of a file to check for binary content before streaming it. */
export async function sniffFile(path: string): Promise<{ size: number; binary: boolean; head: string }> {
  const handle = await open(path, "r");
  try {
    const size = (await handle.stat()).size;
    const buffer = Buffer.alloc(Math.min(BINARY_SNIFF_BYTES, size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    return { size, binary: hasNulByte(head), head: head.toString("utf8") };
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
