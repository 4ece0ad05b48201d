/**
 * Worker-thread entry of PageReader (warc-pages.ts): reads one archive page per message into an
 * article, in the order the pages come.
 */
import { parentPort } from "node:worker_threads";
import { errorMessage } from "../core/errors.ts";
import { type PageReaderReply, type WarcPage, warcPageResult } from "./warc-pages.ts";

if (!parentPort) throw new Error("warc-page-worker.ts must run in a worker thread");
const port = parentPort;

port.on("message", (job: { id: number; archive: string; page: WarcPage }) => {
  let reply: PageReaderReply;
  try {
    reply = { id: job.id, result: warcPageResult(job.page, job.archive) };
  } catch (error) {
    const reason = `${job.page.uri ?? "page"}: ${errorMessage(error)}`;
    reply = { id: job.id, result: { ok: false, failure: { origin: job.page.where, reason } } };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true } satisfies PageReaderReply);
