import { availableParallelism } from "node:os";
import { errorMessage } from "../core/errors.ts";
import type { ReadOptions } from "../ingest/options.ts";
import { readInputs } from "../ingest/read.ts";
import type { RawArticle, ReadFailure, ReadResult } from "../ingest/types.ts";
import { isEnglish } from "../nlp/language.ts";
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
  /**
   * Called once for every article read, when its fate is final: stored, already present, failed in
   * processing, or not stored because the database refused writes. The web ledger marks an item URL
   * as fetched only then, so a run killed with the article in flight fetches it again.
   */
  onSettled?: (
    article: RawArticle,
    outcome: "stored" | "present" | "failed" | "not stored",
  ) => void | Promise<void>;
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
 * Articles in flight per worker: the two each worker holds (process-pool.ts) and one more ready in the
 * pool's queue for the worker that finishes first. This bounds memory: the reader is paused while this
 * many articles wait.
 */
const IN_FLIGHT_PER_WORKER = 3;

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
  const record = async (article: ProcessedArticle): Promise<"stored" | "present" | "not stored"> => {
    if (stopped) return "not stored";
    let inserted: boolean;
    try {
      inserted = (await store.addArticle(article)).inserted;
    } catch (error) {
      stopped = storeWriteError(error, progress.stored);
      if (stopped) return "not stored";
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
    return inserted ? "stored" : "present";
  };

  const inFlight = new Set<Promise<void>>();
  const known = () => {
    progress.alreadyPresent++;
    report();
  };
  // Extraction, cleaning and analysis happen on the processor's threads; the known-article check
  // comes back here, where the store is, before the analysis is spent on an article already on record.
  // Articles are written in input order, whichever finishes its analysis first: who a bare surname
  // means depends on what is stored before it, so the same inputs must make the same record (and ids).
  let writeTurn = Promise.resolve();
  const submit = (raw: RawArticle, html: string | undefined) => {
    const turn = writeTurn;
    let passTurn = () => {};
    writeTurn = new Promise((resolve) => {
      passTurn = resolve;
    });
    const task = processor
      .ingest({ raw, html, isKnown: (id) => store.hasArticle(id) })
      .then(async (outcome) => {
        await turn;
        if (outcome.kind === "unreadable") {
          fail({ origin: raw.origin, reason: outcome.reason });
          return "failed" as const;
        }
        // A page counts as read once it gave an article, as when the reader extracts it.
        if (html !== undefined) progress.read++;
        if (outcome.warning) warnings.add({ origin: raw.origin, reason: outcome.warning });
        if (outcome.kind !== "known") return record(outcome.article);
        known();
        return "present" as const;
      })
      .catch((error: unknown) => {
        fail({ origin: raw.origin, reason: errorMessage(error) });
        return "failed" as const;
      })
      .then((outcome) => options.onSettled?.(raw, outcome))
      .finally(() => {
        passTurn();
        inFlight.delete(task);
      });
    inFlight.add(task);
  };

  // A page is extracted on a worker unless its canonical URL must be checked first (alreadyStored).
  const readOptions = { ...options, deferHtml: !options.alreadyStored };
  try {
    for await (const result of (options.read ?? readInputs)(inputs, readOptions)) {
      if (!result.ok) {
        fail(result.failure);
        continue;
      }
      if (result.html === undefined) progress.read++;
      if (result.warning) warnings.add({ origin: result.article.origin, reason: result.warning });
      if (await options.alreadyStored?.(result.article)) {
        known();
        await options.onSettled?.(result.article, "present");
        continue;
      }
      submit(result.article, result.html);
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
