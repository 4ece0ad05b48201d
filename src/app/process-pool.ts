import type { Worker } from "node:worker_threads";
import { typeScriptWorker } from "../ingest/ts-worker.ts";
import type { RawArticle } from "../ingest/types.ts";
import { processArticle } from "../process.ts";
import type { ProcessedArticle } from "../record/types.ts";

/** Turns raw articles into processed ones, on this thread or on worker threads. */
export interface Processor {
  process(raw: RawArticle): Promise<ProcessedArticle>;
  /** Set when the processor cannot work at all (as opposed to failing one article). */
  readonly startupError?: Error;
  close(): Promise<void>;
}

export interface WorkerTask {
  id: number;
  raw: RawArticle;
}

export type WorkerReply =
  | { ready: true }
  | { id: number; ok: true; article: ProcessedArticle }
  | { id: number; ok: false; reason: string };

/** Runs processArticle on the calling thread: no start-up cost, no parallelism. */
export function inlineProcessor(): Processor {
  return {
    process: async (raw) => processArticle(raw),
    close: async () => {},
  };
}

interface Pending {
  task: WorkerTask;
  resolve: (article: ProcessedArticle) => void;
  reject: (error: Error) => void;
}

/**
 * A fixed pool of worker threads, each processing one article at a time. Processing is CPU-bound and
 * pure, so workers let the main thread read inputs and write SQLite meanwhile. A worker that dies
 * fails only its own article and is replaced.
 */
export class ProcessPool implements Processor {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
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

  process(raw: RawArticle): Promise<ProcessedArticle> {
    if (this.startupError) return Promise.reject(this.startupError);
    if (this.closed) return Promise.reject(new Error("pool is closed"));
    // Workers start on the first article, so a batch of known or unreadable inputs costs no start-up.
    if (!this.started) {
      this.started = true;
      for (let i = 0; i < this.size; i++) this.idle.push(this.spawn());
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ task: { id: this.nextId++, raw }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const workers = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private spawn(): Worker {
    const worker = typeScriptWorker(new URL("./process-worker.ts", import.meta.url));
    worker.on("message", (reply: WorkerReply) => {
      if ("ready" in reply) {
        this.ready.add(worker);
        return;
      }
      const pending = this.busy.get(worker);
      this.busy.delete(worker);
      worker.unref();
      if (!this.closed) this.idle.push(worker);
      if (pending) {
        if (reply.ok) pending.resolve(reply.article);
        else pending.reject(new Error(reply.reason));
      }
      this.dispatch();
    });
    worker.on("error", (error) => this.replace(worker, error));
    worker.on("exit", (code) => {
      if (!this.closed) this.replace(worker, new Error(`processing worker exited with code ${code}`));
    });
    // Idle workers must not keep the process alive if a caller forgets close(); busy ones are ref'd.
    worker.unref();
    return worker;
  }

  private replace(worker: Worker, error: Error): void {
    if (this.retired.has(worker)) return;
    this.retired.add(worker);
    if (!this.ready.has(worker) && !this.startupError) {
      this.startupError = new Error(`processing worker failed to start: ${error.message}`);
    }
    const pending = this.busy.get(worker);
    this.busy.delete(worker);
    const idleIndex = this.idle.indexOf(worker);
    if (idleIndex >= 0) this.idle.splice(idleIndex, 1);
    pending?.reject(this.startupError ?? error);
    if (this.startupError) {
      for (const queued of this.queue.splice(0)) queued.reject(this.startupError);
    }
    if (this.closed || this.startupError) return;
    void worker.terminate();
    this.idle.push(this.spawn());
    this.dispatch();
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop() as Worker;
      const pending = this.queue.shift() as Pending;
      this.busy.set(worker, pending);
      worker.ref();
      worker.postMessage(pending.task);
    }
  }
}
