import type { Worker } from "node:worker_threads";
import { normalizeDate } from "../core/dates.ts";
import { decodePage } from "./charset.ts";
import { articleResult } from "./read.ts";
import { typeScriptWorker } from "./ts-worker.ts";
import type { ReadResult } from "./types.ts";

/** One HTML response of an archive, to be read as an article. */
export interface WarcPage {
  bytes: Uint8Array;
  contentType: string;
  /** Where the record is, for failures: "FILE record N". */
  where: string;
  uri?: string;
  date?: string;
}

/** The record's page as an article; the record's URL and date stand in when the page has none. */
export function warcPageResult(page: WarcPage, archive: string): ReadResult {
  const text = decodePage(
    Buffer.from(page.bytes.buffer, page.bytes.byteOffset, page.bytes.byteLength),
    page.contentType,
  ).text;
  const { uri } = page;
  const result = articleResult(text, "html", uri ? `${archive}#${uri}` : page.where, uri);
  if (!result.ok)
    return {
      ok: false,
      failure: { origin: page.where, reason: `${uri ?? "page"}: ${result.failure.reason}` },
    };
  if (uri) result.article.url ??= uri;
  result.article.published ??= normalizeDate(page.date);
  return result;
}

/**
 * The page reader's heap. Its live set is the modules (~30 MB) and one page's DOM (a page within the
 * HTML bounds, 100,000 elements at most); the bound makes V8 collect the DOMs of pages already read
 * instead of letting the heap grow while a loaded machine starves its concurrent marking.
 */
export const PAGE_READER_LIMITS = { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 48 };

type Job = { id: number; archive: string; page: WarcPage };
export type PageReaderReply = { ready: true } | { id: number; result: ReadResult };

/**
 * Reads archive pages into articles on a worker thread of bounded heap. Building a DOM per page is
 * nearly all of a WARC run's allocation (linkedom and Readability: ~2 MB per page, a third of it still
 * alive at each young-generation collection and so promoted), and on the main thread that garbage grew
 * the heap to 700 MB on a loaded machine while the live set stayed near 35 MB. Pages are answered in
 * order; a page that kills the worker (out of its heap) fails alone and the next pages go to a new one.
 */
export class PageReader {
  private worker: Worker | undefined;
  private ready = false;
  private readonly pending = new Map<number, { job: Job; resolve: (result: ReadResult) => void }>();
  private nextId = 0;
  /** Set when the worker could not start at all: every page would fail the same way. */
  startupError: string | undefined;

  constructor(private readonly archive: string) {}

  read(page: WarcPage): Promise<ReadResult> {
    const job: Job = { id: this.nextId++, archive: this.archive, page };
    return new Promise((resolve) => {
      this.pending.set(job.id, { job, resolve });
      this.send(job);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private send(job: Job): void {
    if (this.startupError) {
      this.settle(job.id, this.startupError);
      return;
    }
    this.worker ??= this.start();
    // The page's bytes move to the worker (no copy) when they own their buffer.
    const { bytes } = job.page;
    const owned =
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    this.worker.postMessage({ ...job, page: { ...job.page, bytes: owned } }, [owned.buffer as ArrayBuffer]);
  }

  private start(): Worker {
    const worker = typeScriptWorker(new URL("./warc-page-worker.ts", import.meta.url), PAGE_READER_LIMITS);
    this.ready = false;
    worker.on("message", (reply: PageReaderReply) => {
      if ("ready" in reply) this.ready = true;
      else this.pending.get(reply.id)?.resolve(reply.result);
      if ("id" in reply) this.pending.delete(reply.id);
    });
    const lost = (reason: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      void worker.terminate();
      if (!this.ready) this.startupError = `cannot start the page reader: ${reason}`;
      // The worker reads pages in order: the oldest one unanswered is the page that killed it.
      const [first, ...rest] = [...this.pending.keys()].sort((a, b) => a - b);
      if (first !== undefined) this.settle(first, this.startupError ?? reason);
      for (const id of rest) {
        const entry = this.pending.get(id);
        if (entry) this.send(entry.job);
      }
    };
    worker.on("error", (error: Error & { code?: string }) =>
      lost(
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? `page too large for the page reader's ${PAGE_READER_LIMITS.maxOldGenerationSizeMb} MB heap`
          : `page reader failed: ${error.message}`,
      ),
    );
    worker.on("exit", (code) => lost(`page reader exited with code ${code}`));
    return worker;
  }

  private settle(id: number, reason: string): void {
    const entry = this.pending.get(id);
    this.pending.delete(id);
    const { page } = entry?.job ?? {};
    entry?.resolve({
      ok: false,
      failure: { origin: page?.where ?? this.archive, reason: `${page?.uri ?? "page"}: ${reason}` },
    });
  }
}
