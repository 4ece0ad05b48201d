import { closeSync, openSync, writeSync } from "node:fs";
import type { ReadFailure } from "../ingest/types.ts";

/**
 * Failures of a batch in bounded memory: a dump of 30 million bad lines must end in a summary, not
 * in a heap crash. The first few failures are kept whole (input, line, reason) to be shown; after
 * that only a count per reason is kept; `--failures FILE` streams every one of them as JSON Lines.
 */

/** Failures shown with their input and line; the rest are counted by reason. */
export const SHOWN_FAILURES = 20;
/** Distinct reasons counted one by one; further kinds share one "other reasons" count. */
const MAX_REASON_KINDS = 100;
const OTHER_REASONS = "other reasons";
/** Bytes of JSON Lines held before a write to the failures file. */
const FILE_BUFFER_BYTES = 64 * 1024;

export interface FailureCounts {
  /** All failures of the batch. */
  total: number;
  /** The first SHOWN_FAILURES, in the order they occurred. */
  first: ReadFailure[];
  /** Failures per kind of reason (numbers in reasons are generalised, so "position 12" and "position 40" are one kind). */
  byReason: Record<string, number>;
}

/** "malformed JSON: Unexpected token } at position 12" → "malformed JSON: Unexpected token } at position N". */
export function reasonKind(reason: string): string {
  return reason
    .replace(/\d+(?:[.,]\d+)*/g, "N")
    .replace(/\s+/g, " ")
    .slice(0, 160);
}

export class FailureLog {
  total = 0;
  readonly first: ReadFailure[] = [];
  private readonly counts = new Map<string, number>();
  private readonly fd: number | undefined;
  private pending: string[] = [];
  /** A dump's failures mostly repeat one reason: its kind is computed once. */
  private lastReason = "";
  private lastKind = "";
  private pendingBytes = 0;

  /** `file`: where to write every failure as one JSON object per line (created or truncated). */
  constructor(
    readonly file?: string,
    readonly shown = SHOWN_FAILURES,
  ) {
    this.fd = file === undefined ? undefined : openSync(file, "w");
  }

  add(failure: ReadFailure): void {
    this.total++;
    if (this.first.length < this.shown) this.first.push(failure);
    if (failure.reason !== this.lastReason) {
      this.lastReason = failure.reason;
      this.lastKind = reasonKind(failure.reason);
    }
    let kind = this.lastKind;
    if (!this.counts.has(kind) && this.counts.size >= MAX_REASON_KINDS) kind = OTHER_REASONS;
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    if (this.fd !== undefined) {
      const line = `${JSON.stringify(failure)}\n`;
      this.pending.push(line);
      this.pendingBytes += line.length;
      if (this.pendingBytes >= FILE_BUFFER_BYTES) this.flush();
    }
  }

  counted(): FailureCounts {
    return { total: this.total, first: [...this.first], byReason: Object.fromEntries(this.counts) };
  }

  /** Writes what is buffered and closes the failures file. */
  close(): void {
    if (this.fd === undefined) return;
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.fd === undefined || this.pending.length === 0) return;
    writeSync(this.fd, this.pending.join(""));
    this.pending = [];
    this.pendingBytes = 0;
  }
}

function location(failure: ReadFailure): string {
  return failure.line !== undefined ? `${failure.origin}:${failure.line}` : failure.origin;
}

/**
 * The failure report for a terminal or a log: each shown failure on its own line ("failed: input:line:
 * reason"), then, when there were more, how many of each kind.
 */
export function failureReport(counts: FailureCounts, shown: (text: string) => string = (t) => t): string {
  const lines = counts.first.map((f) => `failed: ${shown(location(f))}: ${shown(f.reason)}`);
  if (counts.total > counts.first.length) {
    lines.push(`… ${counts.total - counts.first.length} more failures (${counts.total} in all), by reason:`);
    const kinds = Object.entries(counts.byReason).sort((a, b) => b[1] - a[1]);
    for (const [kind, count] of kinds) lines.push(`  ${String(count).padStart(9)}  ${shown(kind)}`);
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}
