import { decodeUtf8, firstInvalidUtf8Byte } from "./decode.ts";
import { byteLines } from "./lines.ts";

/**
 * A strict, streaming CSV row reader (RFC 4180 quoting, comma separated) that keeps every row it can
 * and names every one it cannot. Lenient parsers guess where a broken quote ends and silently merge
 * the following rows into one field; here a broken row is one failure with its line number, and
 * reading starts again on the line after the row began, so the rows after it are kept:
 *
 * - a quote that is never closed, or closed and followed by other text, fails its row;
 * - a quoted field that runs over several lines and leaves its row with the wrong number of columns
 *   is taken for an unclosed quote that paired with a later one, and fails its row the same way;
 * - a row past the size limit is one failure (its content is not kept), and the next row is read.
 *
 * A quote inside an unquoted field (`5" screen`) is kept as a character, as scraped CSVs need.
 * Memory holds at most one row (up to the size limit) and the lines it spans.
 */

export type CsvEvent =
  | { kind: "row"; line: number; fields: string[] }
  | { kind: "error"; line: number; reason: string; tooLarge?: number };

interface SourceLine {
  number: number;
  text: string;
  /** Bytes of the line, for size accounting. */
  bytes: number;
}

type LineOrFailure = SourceLine | { number: number; error: string; bytes: number; overflow: boolean };

/** Physical lines as text; an invalid UTF-8 or over-long line comes as a failure in its place. */
async function* sourceLines(
  stream: AsyncIterable<Buffer | string>,
  maxRecordBytes: number,
): AsyncGenerator<LineOrFailure> {
  for await (const line of byteLines(stream, maxRecordBytes)) {
    if (line.overflow) {
      yield { number: line.number, error: "too large", bytes: line.length, overflow: true };
      continue;
    }
    let text = decodeUtf8(line.bytes);
    if (text === null) {
      const at = line.offset + firstInvalidUtf8Byte(line.bytes);
      yield {
        number: line.number,
        error: `invalid UTF-8 near byte ${at}`,
        bytes: line.length,
        overflow: false,
      };
      continue;
    }
    if (line.number === 1 && text.startsWith("\ufeff")) text = text.slice(1);
    yield { number: line.number, text, bytes: line.length };
  }
}

/** One row being assembled across lines. */
class RowState {
  fields: string[] = [];
  current = "";
  inQuote = false;
  /** The current field's closing quote was seen; only a comma or the end of line may follow. */
  closed = false;
  /** Lines the row spans so far (dropped once the row is too large: it is failed, not re-read). */
  lines: SourceLine[] = [];
  bytes = 0;
  overflow = false;
  startLine = 0;

  get started(): boolean {
    return this.lines.length > 0 || this.overflow;
  }

  endField(): void {
    this.fields.push(this.overflow ? "" : this.current);
    this.current = "";
    this.closed = false;
  }

  /** Reads one line into the row; returns an error reason when the row is broken. */
  feed(line: SourceLine, maxRecordBytes: number): string | undefined {
    if (!this.started) this.startLine = line.number;
    this.bytes += line.bytes + 1;
    if (this.bytes > maxRecordBytes && !this.overflow) {
      this.overflow = true;
      this.lines = [];
      this.current = "";
      this.fields = this.fields.map(() => "");
    }
    if (!this.overflow) this.lines.push(line);
    const text = line.text;
    if (this.inQuote) this.append("\n");
    let i = 0;
    while (i < text.length) {
      if (this.inQuote) {
        const quote = text.indexOf('"', i);
        if (quote < 0) {
          this.append(text.slice(i));
          i = text.length;
        } else if (text[quote + 1] === '"') {
          this.append(text.slice(i, quote + 1));
          i = quote + 2;
        } else {
          this.append(text.slice(i, quote));
          this.inQuote = false;
          this.closed = true;
          i = quote + 1;
        }
        continue;
      }
      const c = text[i] as string;
      if (c === ",") this.endField();
      else if (this.closed) return `text after a closing quote on line ${line.number}`;
      else if (c === '"' && this.current === "") this.inQuote = true;
      else this.append(c);
      i++;
    }
    return undefined;
  }

  private append(text: string): void {
    if (!this.overflow) this.current += text;
  }
}

/**
 * Rows of a CSV stream, the header included (the caller names columns from the first row). Errors are
 * events in stream order, so a caller reports them with the rows around them.
 */
export async function* csvRows(
  stream: AsyncIterable<Buffer | string>,
  maxRecordBytes: number,
): AsyncGenerator<CsvEvent> {
  const source = sourceLines(stream, maxRecordBytes)[Symbol.asyncIterator]();
  /** Lines to read again after a broken row, before the rest of the stream. */
  let replay: SourceLine[] = [];
  let columns: number | undefined;
  let row = new RowState();
  const restartAfterBrokenRow = () => {
    // The row's first line is the broken one; the lines it swallowed are read again as rows.
    replay = row.lines.slice(1).concat(replay);
    row = new RowState();
  };
  for (;;) {
    let line: LineOrFailure;
    if (replay.length > 0) line = replay.shift() as SourceLine;
    else {
      const next = await source.next();
      if (next.done) {
        if (!row.started) break;
        // The end came inside a quoted field: the quote was never closed.
        const rest = row.overflow ? "the rest of the file is inside it" : "";
        yield { kind: "error", line: row.startLine, reason: `unclosed quote${rest ? ` (${rest})` : ""}` };
        if (row.overflow) break;
        restartAfterBrokenRow();
        continue;
      }
      line = next.value;
    }
    if ("error" in line) {
      // An unreadable line ends the row it is in: both are one failure.
      const start = row.started ? row.startLine : line.number;
      if (line.overflow)
        yield { kind: "error", line: start, reason: "too large", tooLarge: line.bytes + row.bytes };
      else yield { kind: "error", line: start, reason: line.error };
      row = new RowState();
      continue;
    }
    if (!row.started && line.text.trim() === "") continue;
    const broken = row.feed(line, maxRecordBytes);
    if (broken) {
      yield { kind: "error", line: row.startLine, reason: broken };
      if (row.overflow) row = new RowState();
      else restartAfterBrokenRow();
      continue;
    }
    if (row.inQuote) continue;
    row.endField();
    if (row.overflow) {
      yield { kind: "error", line: row.startLine, reason: "too large", tooLarge: row.bytes };
      row = new RowState();
      continue;
    }
    const spanned = row.lines.length;
    if (columns !== undefined && spanned > 1 && row.fields.length !== columns) {
      yield {
        kind: "error",
        line: row.startLine,
        reason: `a quoted field runs over ${spanned} lines and leaves ${row.fields.length} of ${columns} columns (an unclosed quote?)`,
      };
      restartAfterBrokenRow();
      continue;
    }
    columns ??= row.fields.length;
    yield { kind: "row", line: row.startLine, fields: row.fields };
    row = new RowState();
  }
}
