/**
 * Worker-thread entry: processes one raw article per message. ProcessPool loads it after registering
 * tsx in the worker, so it imports the TypeScript sources directly.
 */

import { parentPort } from "node:worker_threads";
import { errorMessage } from "../core/errors.ts";
import type { RawArticle } from "../ingest/types.ts";
import { processArticle } from "../process.ts";
import type { WorkerReply, WorkerTask } from "./process-pool.ts";

if (!parentPort) throw new Error("process-worker.ts must run in a worker thread");
const port = parentPort;

port.on("message", (task: WorkerTask) => {
  let reply: WorkerReply;
  try {
    reply = { id: task.id, ok: true, article: processArticle(task.raw as RawArticle) };
  } catch (error) {
    reply = { id: task.id, ok: false, reason: errorMessage(error) };
  }
  port.postMessage(reply);
});
// Tells the pool the pipeline loaded: a worker that dies before this is a broken setup, not a bad article.
port.postMessage({ ready: true } satisfies WorkerReply);
