import { availableParallelism } from "node:os";
import { cleanText } from "../clean/clean.ts";
import { errorMessage } from "../core/errors.ts";
import type { ReadOptions } from "../ingest/options.ts";
import { readInputs } from "../ingest/read.ts";
import type { RawArticle, ReadFailure, ReadResult } from "../ingest/types.ts";
import { isEnglish } from "../nlp/language.ts";
import { articleId } from "../process.ts";
import type { Store } from "../record/store.ts";
import type { ProcessedArticle } from "../record/types.ts";
import { FailureLog } from "./failure-log.ts";
import { inlineProcessor, type Processor, ProcessPool } from "./process-pool.ts";

export interface IngestOptions extends ReadOptions {
  /** Worker threads for processing; 0 processes on the main thread. Default: one per available core. */
  workers?: number;
  onProgress?: (progress: IngestProgress) => void;
  /** Where to write every failure as JSON Lines (`ingest --failures FILE`). */
  failuresFile?: string;
  /** The reader; `readInputs` (files) by default. URL-aware readers come from src/web. */
  read?: (inputs: string[], options: ReadOptions) => AsyncIterable<ReadResult>;
  /** Called after an article is newly stored (near-duplicate linking). */
  onStored?: (article: ProcessedArticle) => void | Promise<void>;
  /** An article already on record by another key than its content (its canonical URL). */
  alreadyStored?: (article: RawArticle) => boolean | Promise<boolean>;
}

export interface IngestProgress {
  read: number;
  stored: number;
  alreadyPresent: number;
  failed: number;
  statements: number;
  /** Stored articles not in English: kept in the record, but no statements are extracted from them. */
  notEnglish: number;
}

export function noProgress(): IngestProgress {
  return { read: 0, stored: 0, alreadyPresent: 0, failed: 0, statements: 0, notEnglish: 0 };
}

export interface IngestSummary extends IngestProgress {
  seconds: number;
  /** The first failures (at most SHOWN_FAILURES, by input and line); all are counted in failuresByReason. */
  failures: ReadFailure[];
  failuresByReason: Record<string, number>;
  /** Inputs stored with a caveat (e.g. a page past the HTML bounds, read as flat text): the first few. */
  warnings: ReadFailure[];
  warned: number;
}

/**
 * Articles in flight per worker. Two keeps every worker busy while the main thread writes the previous
 * result, and bounds memory: the reader is paused while this many articles wait.
 */
const IN_FLIGHT_PER_WORKER = 2;

export function defaultWorkerCount(): number {
  return availableParallelism();
}

/**
 * Most worker threads started: processing is CPU-bound, so threads past twice the cores only add
 * memory (each loads the models), and `--workers 100000` must not exhaust the machine.
 */
export function maxWorkerCount(): number {
  return Math.min(64, Math.max(2, availableParallelism() * 2));
}

/**
 * The database cannot take more writes (disk full, I/O error, read-only, corrupt): every later
 * article would fail the same way, so the batch stops with this one message instead of one per record.
 */
export class StoreWriteError extends Error {}

const FATAL_STORE_CODES = /^SQLITE_(?:FULL|IOERR|READONLY|CORRUPT|CANTOPEN|NOTADB)/;

function storeWriteError(error: unknown, stored: number): StoreWriteError | undefined {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== "string" || !FATAL_STORE_CODES.test(code)) return undefined;
  const what = code.startsWith("SQLITE_FULL")
    ? "the disk (or the database's size limit) is full"
    : errorMessage(error);
  return new StoreWriteError(
    `cannot write to the database: ${what} (${code}); stopped after ${stored} articles stored, each whole`,
  );
}

/**
 * The ingest path shared by `onrecord ingest` and the benchmark: read inputs, process each article
 * (on worker threads when asked), and write each result to the store in its own transaction. A failed
 * input or article is recorded and the batch goes on.
 */
export async function ingestInputs(
  inputs: string[],
  store: Store,
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const started = performance.now();
  const workers = Math.min(options.workers ?? defaultWorkerCount(), maxWorkerCount());
  const processor: Processor = workers > 0 ? new ProcessPool(workers) : inlineProcessor();
  const limit = Math.max(1, workers) * IN_FLIGHT_PER_WORKER;
  const progress = noProgress();
  // Bounded memory however many inputs fail (failure-log.ts).
  const failures = new FailureLog(options.failuresFile);
  const warnings = new FailureLog();
  const report = () => options.onProgress?.({ ...progress });
  const fail = (failure: ReadFailure) => {
    failures.add(failure);
    progress.failed++;
    report();
  };

  let stopped: StoreWriteError | undefined;
  const record = async (article: ProcessedArticle) => {
    if (stopped) return;
    let inserted: boolean;
    try {
      inserted = (await store.addArticle(article)).inserted;
    } catch (error) {
      stopped = storeWriteError(error, progress.stored);
      if (stopped) return;
      throw error;
    }
    if (inserted) {
      await options.onStored?.(article);
      progress.stored++;
      progress.statements += article.statements.length;
      if (!isEnglish(article.language)) progress.notEnglish++;
    } else {
      progress.alreadyPresent++;
    }
    report();
  };

  const inFlight = new Set<Promise<void>>();
  const submit = (raw: RawArticle) => {
    const task = processor
      .process(raw)
      .then(record)
      .catch((error: unknown) => fail({ origin: raw.origin, reason: errorMessage(error) }))
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };

  try {
    for await (const result of (options.read ?? readInputs)(inputs, options)) {
      if (!result.ok) {
        fail(result.failure);
        continue;
      }
      progress.read++;
      if (result.warning) warnings.add({ origin: result.article.origin, reason: result.warning });
      // Cleaning and hashing cost a few percent of analysis: skip articles already on record before
      // spending the analysis on them (re-running a batch after a crash, or a daily dump re-read).
      if (
        (await options.alreadyStored?.(result.article)) ||
        (await store.hasArticle(articleId(cleanText(result.article.text).text)))
      ) {
        progress.alreadyPresent++;
        report();
        continue;
      }
      submit(result.article);
      while (inFlight.size >= limit) await Promise.race(inFlight);
      if (processor.startupError) throw processor.startupError;
      if (stopped) break;
    }
    await Promise.all(inFlight);
    if (processor.startupError) throw processor.startupError;
    if (stopped) throw stopped;
    // With the batch in, bare surnames linked early ("Obama" before any "Barack Obama") are decided again.
    if (progress.stored > 0) await store.settleSurnames();
  } finally {
    failures.close();
    await processor.close();
  }
  const counted = failures.counted();
  return {
    ...progress,
    failures: counted.first.sort(compareFailures),
    failuresByReason: counted.byReason,
    warnings: warnings.first,
    warned: warnings.total,
    seconds: (performance.now() - started) / 1000,
  };
}

function compareFailures(a: ReadFailure, b: ReadFailure): number {
  return a.origin.localeCompare(b.origin) || (a.line ?? 0) - (b.line ?? 0);
}
