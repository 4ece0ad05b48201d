import { Decompress } from "fzstd";

/** The four bytes every Zstandard frame starts with (0xFD2FB528, little-endian). */
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

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
  for await (const chunk of input) {
    try {
      decoder.push(chunk);
    } catch (error) {
      throw new Error(`corrupt zstd data: ${(error as Error).message}`);
    }
    while (ready.length > 0) yield ready.shift() as Uint8Array;
  }
  try {
    decoder.push(new Uint8Array(0), true);
  } catch (error) {
    throw new Error(`truncated zstd data: ${(error as Error).message}`);
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
