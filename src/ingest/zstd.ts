import { Decompress } from "fzstd";
import { errorMessage } from "../core/errors.ts";

/** The four bytes every Zstandard frame starts with (0xFD2FB528, little-endian). */
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

/**
 * The skippable frame in which a .warc.zst file carries its dictionary (IIPC's zstd WARC format:
 * magic 0x184D2A5D, then the dictionary, then frames compressed with it).
 */
const DICTIONARY_FRAME_MAGIC = 0x184d2a5d;

/** Zstandard data this reader cannot decode; the message names the problem (the caller names the file). */
export class ZstdUnsupportedError extends Error {}

const NO_DICTIONARIES =
  "which the zstd reader in use (fzstd) cannot apply; decompress it first (zstd -d, which reads the dictionary from the file) or recompress it without a dictionary";

/**
 * Why the stream starting with `head` needs a dictionary, or undefined. fzstd reads a frame's dictionary
 * id but not the dictionary, and would decode such frames into garbage or fail deep inside a block; the
 * first frame says it at once: a dictionary frame (.warc.zst) or a frame header with a dictionary id.
 */
export function dictionaryProblem(head: Uint8Array): string | undefined {
  if (head.length < 6) return undefined;
  const magic =
    (head[0] as number) |
    ((head[1] as number) << 8) |
    ((head[2] as number) << 16) |
    ((head[3] as number) << 24);
  if (magic >>> 0 === DICTIONARY_FRAME_MAGIC)
    return `compressed with a zstd dictionary (a dictionary frame at the start, as in .warc.zst), ${NO_DICTIONARIES}`;
  if (!startsLikeZstd(head)) return undefined;
  const descriptor = head[4] as number;
  const idBytes = [0, 1, 2, 4][descriptor & 3] as number;
  // The window descriptor byte is absent from single-segment frames.
  const at = 5 + ((descriptor >> 5) & 1 ? 0 : 1);
  let id = 0;
  for (let i = 0; i < idBytes; i++) id += (head[at + i] ?? 0) * 256 ** i;
  return id === 0 ? undefined : `compressed with zstd dictionary ${id}, ${NO_DICTIONARIES}`;
}

export function isZstdPath(path: string): boolean {
  return path.toLowerCase().endsWith(".zst");
}

export function startsLikeZstd(bytes: Uint8Array): boolean {
  return ZSTD_MAGIC.every((byte, i) => bytes[i] === byte);
}

/**
 * Decompresses a Zstandard stream chunk by chunk (fzstd, pure JavaScript), so a large .zst file is
 * never held whole: memory is the input chunk plus the window the frame declares.
 */
export async function* zstdChunks(
  input: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  const decoder = new Decompress((data) => {
    ready.push(data);
  });
  let head: Uint8Array | undefined = new Uint8Array(0);
  for await (const incoming of input) {
    let chunk = incoming;
    if (head) {
      // The first frame header is at most 14 bytes; the dictionary check needs up to 10 of them.
      head = Buffer.concat([head, chunk]);
      if (head.length < 10) continue;
      const problem = dictionaryProblem(head);
      if (problem) throw new ZstdUnsupportedError(problem);
      chunk = head;
      head = undefined;
    }
    try {
      decoder.push(chunk);
    } catch (error) {
      throw new Error(`corrupt zstd data: ${errorMessage(error)}`);
    }
    while (ready.length > 0) yield ready.shift() as Uint8Array;
  }
  if (head) {
    const problem = dictionaryProblem(head);
    if (problem) throw new ZstdUnsupportedError(problem);
  }
  try {
    if (head && head.length > 0) decoder.push(head);
    decoder.push(new Uint8Array(0), true);
  } catch (error) {
    throw new Error(`truncated zstd data: ${errorMessage(error)}`);
  }
  while (ready.length > 0) yield ready.shift() as Uint8Array;
}

/** A whole .zst buffer decompressed with a cap on the output (a small file must not become gigabytes). */
export async function zstdDecompressCapped(
  bytes: Uint8Array,
  maxBytes: number,
): Promise<Uint8Array | "too large"> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const part of zstdChunks([bytes])) {
    size += part.length;
    if (size > maxBytes) return "too large";
    parts.push(part);
  }
  return Buffer.concat(parts);
}
