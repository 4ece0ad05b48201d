/**
 * Worker-thread entry: takes one article per task message through ingestSteps (HTML extraction,
 * cleaning, the known-article question, analysis). ProcessPool loads it after registering tsx in the
 * worker, so it imports the TypeScript sources directly.
 */

import { parentPort } from "node:worker_threads";
import { errorMessage } from "../core/errors.ts";
import { ingestSteps } from "./ingest-steps.ts";
import type { PoolMessage, WorkerReply, WorkerTask } from "./process-pool.ts";

if (!parentPort) throw new Error("process-worker.ts must run in a worker thread");
const port = parentPort;

/** The pool's answer to this worker's one open "is it known?" question (one task at a time). */
let answer: ((known: boolean) => void) | undefined;

port.on("message", (message: PoolMessage) => {
  if ("known" in message) {
    answer?.(message.known);
    answer = undefined;
  } else void run(message);
});

async function run(task: WorkerTask): Promise<void> {
  const isKnown = task.askKnown
    ? (articleId: string) =>
        new Promise<boolean>((resolve) => {
          answer = resolve;
          port.postMessage({ id: task.id, articleId } satisfies WorkerReply);
        })
    : undefined;
  let reply: WorkerReply;
  try {
    reply = { id: task.id, ok: true, outcome: await ingestSteps(task.raw, task.html, isKnown) };
  } catch (error) {
    reply = { id: task.id, ok: false, reason: errorMessage(error) };
  }
  port.postMessage(reply);
}
// Tells the pool the pipeline loaded: a worker that dies before this is a broken setup, not a bad article.
port.postMessage({ ready: true } satisfies WorkerReply);
