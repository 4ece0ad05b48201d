import type { Worker } from "node:worker_threads";
import { typeScriptWorker } from "../ingest/ts-worker.ts";
import type { RawArticle } from "../ingest/types.ts";
import { processArticle } from "../process.ts";
import type { ProcessedArticle } from "../record/types.ts";
import { type IngestOutcome, type IngestRequest, ingestSteps } from "./ingest-steps.ts";

export type { IngestOutcome, IngestRequest } from "./ingest-steps.ts";

/** Turns raw articles into processed ones, on this thread or on worker threads. */
export interface Processor {
  process(raw: RawArticle): Promise<ProcessedArticle>;
  /** The whole per-article part of ingest (ingest-steps.ts): extraction, cleaning, the known check, analysis. */
  ingest(request: IngestRequest): Promise<IngestOutcome>;
  /** Set when the processor cannot work at all (as opposed to failing one article). */
  readonly startupError?: Error;
  close(): Promise<void>;
}

export interface WorkerTask {
  id: number;
  raw: RawArticle;
  html?: string;
  /** Whether the worker asks the pool "is this article id known?" before analysing. */
  askKnown: boolean;
}

/** From the pool to a worker: a task, or the answer to its question. */
export type PoolMessage = WorkerTask | { id: number; known: boolean };

export type WorkerReply =
  | { ready: true }
  | { id: number; articleId: string }
  | { id: number; ok: true; outcome: IngestOutcome }
  | { id: number; ok: false; reason: string };

/** Runs processArticle on the calling thread: no start-up cost, no parallelism. */
export function inlineProcessor(): Processor {
  return {
    process: async (raw) => processArticle(raw),
    ingest: ingestSteps,
    close: async () => {},
  };
}

interface Pending {
  task: WorkerTask;
  isKnown?: IngestRequest["isKnown"];
  resolve: (outcome: IngestOutcome) => void;
  reject: (error: Error) => void;
  /** Set when answering the worker's question failed: the task then fails with it. */
  error?: Error;
}

/**
 * Tasks a worker holds at once: one being analysed, the next prepared or waiting for the main thread's
 * answer. With one, a worker idles whenever the main thread is slow to answer or to hand it the next
 * article (on a loaded machine, about a quarter of the time).
 */
const TASKS_PER_WORKER = 2;

/**
 * A fixed pool of worker threads. Processing is CPU-bound and pure, so the workers do all of it (HTML
 * extraction, cleaning, analysis) and the main thread only reads inputs, answers "is this id known?"
 * and writes the store. A worker that dies fails the article it was on (its oldest task; the others
 * go to another worker) and is replaced.
 */
export class ProcessPool implements Processor {
  /** Each live worker's tasks by id, in the order sent. */
  private readonly assigned = new Map<Worker, Map<number, Pending>>();
  private readonly queue: Pending[] = [];
  /** Workers already replaced: a crash fires both "error" and "exit", and must be handled once. */
  private readonly retired = new WeakSet<Worker>();
  private readonly ready = new WeakSet<Worker>();
  private nextId = 0;
  private started = false;
  private closed = false;
  /** Set when a worker could not even start: every later article would fail the same way. */
  startupError: Error | undefined;

  constructor(readonly size: number) {}

  async process(raw: RawArticle): Promise<ProcessedArticle> {
    const outcome = await this.ingest({ raw });
    // Without html and isKnown the steps always analyse.
    if (outcome.kind !== "processed") throw new Error(`unexpected outcome ${outcome.kind}`);
    return outcome.article;
  }

  ingest({ raw, html, isKnown }: IngestRequest): Promise<IngestOutcome> {
    if (this.startupError) return Promise.reject(this.startupError);
    if (this.closed) return Promise.reject(new Error("pool is closed"));
    // Workers start on the first article, so a batch of known or unreadable inputs costs no start-up.
    if (!this.started) {
      this.started = true;
      for (let i = 0; i < this.size; i++) this.spawn();
    }
    return new Promise((resolve, reject) => {
      const task: WorkerTask = { id: this.nextId++, raw, askKnown: isKnown !== undefined };
      if (html !== undefined) task.html = html;
      this.queue.push({ task, isKnown, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const workers = [...this.assigned.keys()];
    this.assigned.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private spawn(): void {
    const worker = typeScriptWorker(new URL("./process-worker.ts", import.meta.url));
    const tasks = new Map<number, Pending>();
    this.assigned.set(worker, tasks);
    worker.on("message", (reply: WorkerReply) => {
      if ("ready" in reply) {
        this.ready.add(worker);
        return;
      }
      const pending = tasks.get(reply.id);
      if (!pending) return;
      if ("articleId" in reply) {
        this.answer(worker, pending, reply.articleId);
        return;
      }
      tasks.delete(reply.id);
      // Idle workers must not keep the process alive if a caller forgets close(); busy ones are ref'd.
      if (tasks.size === 0) worker.unref();
      if (pending.error) pending.reject(pending.error);
      else if (reply.ok) pending.resolve(reply.outcome);
      else pending.reject(new Error(reply.reason));
      this.dispatch();
    });
    worker.on("error", (error) => this.replace(worker, error));
    worker.on("exit", (code) => {
      if (!this.closed) this.replace(worker, new Error(`processing worker exited with code ${code}`));
    });
    worker.unref();
  }

  /** Answers a worker's "is this article known?"; a failed check fails the task (the worker skips it). */
  private answer(worker: Worker, pending: Pending, articleId: string): void {
    Promise.resolve()
      .then(() => pending.isKnown?.(articleId) ?? false)
      .catch((error: unknown) => {
        pending.error = error instanceof Error ? error : new Error(String(error));
        return true;
      })
      .then((known) => {
        if (this.assigned.get(worker)?.has(pending.task.id))
          worker.postMessage({ id: pending.task.id, known } satisfies PoolMessage);
      });
  }

  private replace(worker: Worker, error: Error): void {
    if (this.retired.has(worker)) return;
    this.retired.add(worker);
    if (!this.ready.has(worker) && !this.startupError) {
      this.startupError = new Error(`processing worker failed to start: ${error.message}`);
    }
    const [current, ...others] = [...(this.assigned.get(worker)?.values() ?? [])];
    this.assigned.delete(worker);
    current?.reject(this.startupError ?? error);
    if (this.startupError) {
      for (const queued of [...others, ...this.queue.splice(0)]) queued.reject(this.startupError);
    } else this.queue.unshift(...others);
    if (this.closed || this.startupError) return;
    void worker.terminate();
    this.spawn();
    this.dispatch();
  }

  /** Hands queued tasks to the least-loaded workers, up to TASKS_PER_WORKER each. */
  private dispatch(): void {
    for (let load = 0; load < TASKS_PER_WORKER; load++) {
      for (const [worker, tasks] of this.assigned) {
        if (this.queue.length === 0) return;
        if (tasks.size !== load) continue;
        const pending = this.queue.shift() as Pending;
        tasks.set(pending.task.id, pending);
        worker.ref();
        worker.postMessage(pending.task satisfies PoolMessage);
      }
    }
  }
}
