/**
 * Splits a byte stream into lines without ever holding more than one line (capped) in memory.
 * Works on bytes rather than through readline's string decoding so that invalid UTF-8 is reported
 * per line with its byte position instead of silently turning into U+FFFD.
 */
export interface ByteLine {
  /** 1-based line number. */
  number: number;
  /** Byte offset of the line's first byte in the stream. */
  offset: number;
  /** The line's bytes without "\n" (and without a trailing "\r"); empty when `overflow`. */
  bytes: Buffer;
  /** Total length of the line in bytes, even when it was too long to keep. */
  length: number;
  /** The line exceeded maxLineBytes; its bytes were dropped. */
  overflow: boolean;
}

export async function* byteLines(
  stream: AsyncIterable<Buffer | string>,
  maxLineBytes: number,
): AsyncGenerator<ByteLine> {
  let parts: Buffer[] = [];
  let kept = 0;
  let length = 0;
  let overflow = false;
  let number = 1;
  let offset = 0;
  let lineStart = 0;
  const finish = (): ByteLine => {
    let bytes = overflow ? Buffer.alloc(0) : Buffer.concat(parts, kept);
    if (bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    const line = { number, offset: lineStart, bytes, length, overflow };
    parts = [];
    kept = 0;
    length = 0;
    overflow = false;
    number++;
    return line;
  };
  const append = (piece: Buffer) => {
    length += piece.length;
    if (overflow) return;
    if (kept + piece.length > maxLineBytes) {
      overflow = true;
      parts = [];
      kept = 0;
      return;
    }
    parts.push(piece);
    kept += piece.length;
  };
  for await (const chunk of stream) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    let start = 0;
    for (let newline = buffer.indexOf(0x0a); newline >= 0; newline = buffer.indexOf(0x0a, start)) {
      append(buffer.subarray(start, newline));
      yield finish();
      start = newline + 1;
      lineStart = offset + start;
    }
    append(buffer.subarray(start));
    offset += buffer.length;
  }
  if (length > 0) yield finish();
}
