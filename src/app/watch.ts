import { readFileSync } from "node:fs";
import type { ReadResult } from "../ingest/types.ts";
import { dueSources, nextDue } from "../record/sources.ts";
import type { Store } from "../record/store.ts";
import { Fetcher, type FetcherOptions } from "../web/fetcher.ts";
import { isUrl } from "../web/read-any.ts";
import { newOutcome, readSource } from "../web/read-url.ts";
import { type Alert, Alerter } from "./alerts.ts";
import { storeLedger } from "./ingest-web.ts";
import { type IngestSummary, ingestInputs } from "./run-ingest.ts";

export interface WatchOptions {
  everyMs: number;
  /** Poll the due sources once and return (cron jobs, tests). */
  once?: boolean;
  web?: FetcherOptions;
  maxItems?: number;
  workers?: number;
  /** One line per poll cycle and per failure, for the operator. */
  log?: (line: string) => void;
  /** Speakers (names or aliases) whose new mixed messages are alerted. */
  alertSpeakers?: readonly string[];
  /** Where alerts are POSTed, besides `onAlert`. */
  webhook?: string;
  /** Each alert (the CLI prints it as one JSON line). */
  onAlert?: (alert: Alert) => void;
}

/** Set by SIGINT/SIGTERM: the article in flight is finished, nothing new is started. */
export interface StopSignal {
  stopping: boolean;
  /** Wakes a sleeping watch loop. */
  wake?: () => void;
}

export interface CycleReport {
  sources: number;
  newItems: number;
  /** Items in the feeds that were fetched in an earlier poll (not fetched again). */
  knownItems: number;
  summary: IngestSummary;
}

/**
 * Polls sources (feeds, sitemaps, pages) until stopped: each due source is fetched with its validators,
 * what is new is ingested, and the source's state (validators, errors, next due) is written to the store,
 * so a restarted watch resumes where it was. A failing source backs off; an item URL is fetched once.
 */
export async function watchSources(
  urls: readonly string[],
  store: Store,
  options: WatchOptions,
  stop: StopSignal = { stopping: false },
): Promise<CycleReport[]> {
  await store.addSources(urls);
  const fetcher = new Fetcher(options.web);
  const log = options.log ?? (() => {});
  const alerter = options.alertSpeakers?.length
    ? new Alerter(
        store,
        options.alertSpeakers,
        options.onAlert ?? (() => {}),
        options.webhook ? { url: options.webhook, fetcher, onError: log } : undefined,
      )
    : undefined;
  const reports: CycleReport[] = [];
  try {
    while (!stop.stopping) {
      const due = dueSources(await store.sources(urls));
      if (due.length > 0) {
        const report = await pollCycle(
          due.map((s) => s.url),
          store,
          fetcher,
          options,
          stop,
          alerter,
        );
        await alerter?.flush();
        reports.push(report);
        const { summary } = report;
        log(
          `poll: ${report.sources} sources, ${report.newItems} new items (${report.knownItems} fetched before), stored ${summary.stored}, ` +
            `already present ${summary.alreadyPresent}, failed ${summary.failed}`,
        );
        for (const failure of summary.failures) log(`failed: ${failure.origin}: ${failure.reason}`);
      }
      if (options.once || stop.stopping) break;
      const next = nextDue(await store.sources(urls));
      const wait = next ? Date.parse(next) - Date.now() : options.everyMs;
      if (wait > 0) await interruptibleSleep(wait, stop);
    }
  } finally {
    await fetcher.close();
  }
  return reports;
}

async function pollCycle(
  due: string[],
  store: Store,
  fetcher: Fetcher,
  options: WatchOptions,
  stop: StopSignal,
  alerter: Alerter | undefined,
): Promise<CycleReport> {
  let newItems = 0;
  let knownItems = 0;
  async function* read(): AsyncGenerator<ReadResult> {
    for (const url of due) {
      if (stop.stopping) return;
      const [state] = await store.sources([url]);
      const outcome = newOutcome();
      yield* readSource(
        fetcher,
        url,
        {
          validators: { etag: state?.etag ?? undefined, lastModified: state?.lastModified ?? undefined },
          ledger: storeLedger(store),
          maxItems: options.maxItems,
          stopping: () => stop.stopping,
          onKnown: () => {
            knownItems++;
          },
        },
        outcome,
      );
      newItems += outcome.newItems;
      // Stopped halfway through the items: keep the old validators and due time, so the rest is read
      // at the next start (the items already fetched are in the ledger and are not fetched again).
      if (stop.stopping && !outcome.error) return;
      await store.recordPoll(
        url,
        {
          kind: outcome.kind,
          etag: outcome.validators.etag,
          lastModified: outcome.validators.lastModified,
          newItems: outcome.newItems,
          error: outcome.error,
        },
        options.everyMs,
      );
    }
  }
  const summary = await ingestInputs(due, store, {
    workers: options.workers ?? 0,
    read: () => read(),
    onStored: async (article) => {
      await store.linkStory(article.id, article.text);
      alerter?.check(article.id);
    },
    alreadyStored: async (article) => article.url !== undefined && (await store.hasArticleUrl(article.url)),
  });
  return { sources: due.length, newItems, knownItems, summary };
}

function interruptibleSleep(ms: number, stop: StopSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      stop.wake = undefined;
      resolve();
    }
    stop.wake = done;
  });
}

/** `watch` arguments: URLs, or files listing URLs one per line (blank lines and # comments skipped). */
export function sourceUrls(args: readonly string[]): { urls: string[]; problems: string[] } {
  const urls: string[] = [];
  const problems: string[] = [];
  for (const arg of args) {
    if (isUrl(arg)) {
      urls.push(arg);
      continue;
    }
    let text: string;
    try {
      text = readFileSync(arg, "utf8");
    } catch {
      problems.push(`${arg}: neither an http(s) URL nor a readable file of URLs`);
      continue;
    }
    text.split(/\r?\n/).forEach((line, index) => {
      const entry = line.replace(/#.*$/, "").trim();
      if (!entry) return;
      if (isUrl(entry)) urls.push(entry);
      else problems.push(`${arg}:${index + 1}: not an http(s) URL: ${entry}`);
    });
  }
  return { urls: [...new Set(urls)], problems };
}
