/**
 * Worker-thread entry. Each task message is prepared at once (page extraction, cleaning: ingest-steps.ts)
 * and, when the pool checks ids, its id is sent back as a question; the analysis runs when the answer
 * comes. The pool keeps more than one task here, so while the main thread answers one question this
 * thread prepares or analyses the next article instead of waiting. ProcessPool loads this file after
 * registering tsx in the worker, so it imports the TypeScript sources directly.
 */

import { parentPort } from "node:worker_threads";
import { errorMessage } from "../core/errors.ts";
import { finishArticle, type IngestOutcome, type Prepared, prepareArticle } from "./ingest-steps.ts";
import type { PoolMessage, WorkerReply, WorkerTask } from "./process-pool.ts";

if (!parentPort) throw new Error("process-worker.ts must run in a worker thread");
const port = parentPort;

/** Prepared articles whose "is it known?" question is open, by task id. */
const waiting = new Map<number, Prepared>();

function attempt(id: number, work: () => IngestOutcome | undefined): void {
  let reply: WorkerReply | undefined;
  try {
    const outcome = work();
    if (outcome) reply = { id, ok: true, outcome };
  } catch (error) {
    reply = { id, ok: false, reason: errorMessage(error) };
  }
  if (reply) port.postMessage(reply);
}

port.on("message", (message: PoolMessage) => {
  if ("known" in message) {
    const prepared = waiting.get(message.id);
    waiting.delete(message.id);
    if (prepared) attempt(message.id, () => finishArticle(prepared, message.known));
    return;
  }
  const task: WorkerTask = message;
  attempt(task.id, () => {
    const prepared = prepareArticle(task.raw, task.html);
    if (!("cleaned" in prepared)) return prepared;
    if (!task.askKnown) return finishArticle(prepared, false);
    waiting.set(task.id, prepared);
    port.postMessage({ id: task.id, articleId: prepared.cleaned.id } satisfies WorkerReply);
    return undefined;
  });
});
// Tells the pool the pipeline loaded: a worker that dies before this is a broken setup, not a bad article.
port.postMessage({ ready: true } satisfies WorkerReply);
