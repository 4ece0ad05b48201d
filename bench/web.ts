/**
 * Web benchmarks (issue 14), each phase in its own process so peak RSS and CPU are its own:
 *   extract  pages/s of article extraction alone, on --pages generated news pages
 *   ingest   pages/s of `ingest` over a local site of --pages pages (sitemap → pages → store)
 *   warc     MB/s and peak RSS reading a generated --warc-mb MB .warc.gz (200 HTML responses → articles)
 *   watch    CPU seconds per poll cycle over --feeds local feeds when nothing changed
 *
 *   npm run bench:web -- [--phase NAME] [--pages N] [--warc-mb N] [--feeds N] [--workers N]
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { WARCRecord, WARCSerializer } from "warcio";
import { webIngestOptions } from "../src/app/ingest-web.ts";
import { defaultWorkerCount, ingestInputs } from "../src/app/run-ingest.ts";
import { watchSources } from "../src/app/watch.ts";
import { readPage } from "../src/ingest/html.ts";
import { readInputs } from "../src/ingest/read.ts";
import { openStore } from "../src/record/open-store.ts";
import { generatedPage } from "./web-pages.ts";

const { values } = parseArgs({
  options: {
    phase: { type: "string" },
    pages: { type: "string", default: "10000" },
    "warc-mb": { type: "string", default: "1024" },
    feeds: { type: "string", default: "200" },
    items: { type: "string", default: "20" },
    workers: { type: "string" },
    file: { type: "string" },
  },
});
const pages = Number(values.pages);
const feeds = Number(values.feeds);
const items = Number(values.items);
const workers = values.workers === undefined ? defaultWorkerCount() : Number(values.workers);
const MB = 1024 * 1024;
const LOCAL = { allowAddresses: ["127.0.0.1"], hostDelayMs: 0 };

/** CPU seconds since `since`: on a shared, loaded machine wall time understates what one core does. */
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};
const peakRss = () => `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`;

async function startSite(): Promise<{ base: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(import.meta.dirname, "web-site.ts"),
      "--pages",
      String(pages),
      "--feeds",
      String(feeds),
      "--items",
      String(items),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const base = await new Promise<string>((resolve) =>
    child.stdout?.once("data", (chunk: Buffer) => resolve(chunk.toString().trim())),
  );
  return { base, child };
}

async function extractPhase(): Promise<void> {
  const html = Array.from({ length: pages }, (_, i) => generatedPage(i, pages));
  const started = performance.now();
  const cpu = process.cpuUsage();
  let characters = 0;
  for (const page of html) characters += readPage(page).text.length;
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `extract: ${pages} pages in ${seconds.toFixed(1)} s = ${(pages / seconds).toFixed(0)} pages/s ` +
      `(${(pages / cpuSeconds(cpu)).toFixed(0)} pages per CPU second; ${characters} characters of text), peak RSS ${peakRss()}`,
  );
}

async function ingestPhase(): Promise<void> {
  const { base, child } = await startSite();
  const dir = mkdtempSync(path.join(tmpdir(), "onrecord-bench-web-"));
  const store = await openStore(path.join(dir, "web.db"), { create: true });
  try {
    const summary = await ingestInputs([`${base}/sitemap.xml`], store, {
      workers,
      ...webIngestOptions(store, LOCAL, pages),
    });
    console.log(
      `ingest: ${summary.stored} of ${pages} pages stored (${summary.failed} failed) in ${summary.seconds.toFixed(1)} s = ` +
        `${(summary.stored / summary.seconds).toFixed(1)} pages/s with ${workers} workers, ` +
        `${summary.statements} statements, peak RSS (main thread process) ${peakRss()}`,
    );
  } finally {
    await store.close();
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Writes the archive: per-record gzip as Common Crawl does; each page has a request record, and one
 * page in three an image. Pages carry ~40 KB of inline script as real news pages do (their median is
 * 60-100 KB of HTML, mostly not article text); scripts and images are random, so gzip cannot shrink
 * them and the file's megabytes are the volume a crawl would have.
 */
async function makeWarc(file: string, megabytes: number): Promise<void> {
  const fd = openSync(file, "w");
  let written = 0;
  let index = 0;
  const image = randomBytes(60 * 1024);
  const script = () => randomBytes(30 * 1024).toString("base64");
  try {
    while (written < megabytes * MB) {
      const url = `https://courier.example/page/${index}`;
      const records = [
        WARCRecord.create(
          {
            url,
            type: "request",
            statusline: `GET /page/${index} HTTP/1.1`,
            httpHeaders: { Host: "courier.example" },
          },
          (async function* () {})(),
        ),
        WARCRecord.create(
          { url, type: "response", httpHeaders: { "Content-Type": "text/html; charset=utf-8" } },
          (async function* () {
            const page = generatedPage(index, 1_000_000).replace(
              "</head>",
              `<script>var bundle = "${script()}";</script></head>`,
            );
            yield new TextEncoder().encode(page);
          })(),
        ),
      ];
      if (index % 3 === 0)
        records.push(
          WARCRecord.create(
            {
              url: `https://courier.example/img/${index}.png`,
              type: "response",
              httpHeaders: { "Content-Type": "image/png" },
            },
            (async function* () {
              yield image;
            })(),
          ),
        );
      for (const record of records) {
        const bytes = await WARCSerializer.serialize(record, { gzip: true });
        writeSync(fd, bytes);
        written += bytes.length;
      }
      index++;
    }
  } finally {
    closeSync(fd);
  }
}

async function warcPhase(): Promise<void> {
  const file = values.file as string;
  const size = statSync(file).size;
  const started = performance.now();
  const cpu = process.cpuUsage();
  let articles = 0;
  let failed = 0;
  const skipped: Record<string, number> = {};
  for await (const result of readInputs([file], {
    onSkipped: (reason) => {
      skipped[reason] = (skipped[reason] ?? 0) + 1;
    },
  })) {
    if (result.ok) articles++;
    else failed++;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `warc: ${(size / MB).toFixed(0)} MB .warc.gz in ${seconds.toFixed(1)} s = ${(size / MB / seconds).toFixed(1)} MB/s ` +
      `(${(size / MB / cpuSeconds(cpu)).toFixed(1)} MB per CPU second), ` +
      `${articles} articles (${(articles / seconds).toFixed(0)}/s), ${failed} failed, skipped ${JSON.stringify(skipped)}, ` +
      `peak RSS ${peakRss()}`,
  );
}

async function watchPhase(): Promise<void> {
  const { base, child } = await startSite();
  const dir = mkdtempSync(path.join(tmpdir(), "onrecord-bench-watch-"));
  const file = path.join(dir, "watch.db");
  const store = await openStore(file, { create: true });
  const urls = Array.from({ length: feeds }, (_, k) => `${base}/feed/${k}.xml`);
  // The fixture's rows, written past the store on a second connection to the same file.
  const fixture = new Database(file);
  // Items are already on record: the cycles measure polling, not article processing.
  const remember = fixture.prepare(
    "INSERT OR REPLACE INTO fetched_urls (url, outcome, fetched_at) VALUES (?, ?, ?)",
  );
  fixture.transaction(() => {
    for (let i = 0; i < feeds * items; i++)
      remember.run(`${base}/page/${i % pages}`, "article", new Date().toISOString());
  })();
  const cycle = async (label: string) => {
    fixture.prepare("UPDATE sources SET next_due = '2000-01-01T00:00:00.000Z'").run();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const [report] = await watchSources(urls, store, {
      everyMs: 15 * 60_000,
      once: true,
      web: LOCAL,
      workers: 0,
    });
    const used = process.cpuUsage(cpu);
    console.log(
      `watch ${label}: ${feeds} feeds in ${((performance.now() - started) / 1000).toFixed(2)} s, ` +
        `CPU ${((used.user + used.system) / 1e6).toFixed(2)} s, new items ${report?.newItems ?? 0}`,
    );
  };
  try {
    await cycle("first poll (200 OK, every item already known)");
    await cycle("unchanged (304 Not Modified)");
    fixture.prepare("UPDATE sources SET etag = NULL, last_modified = NULL").run();
    await cycle("unchanged, server without validators (200 OK, items known)");
    console.log(`watch: peak RSS ${peakRss()}`);
  } finally {
    await store.close();
    fixture.close();
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

const phase = values.phase;
if (phase === "extract") await extractPhase();
else if (phase === "ingest") await ingestPhase();
else if (phase === "warc-make") await makeWarc(values.file as string, Number(values["warc-mb"]));
else if (phase === "warc") await warcPhase();
else if (phase === "watch") await watchPhase();
else {
  const self = (phaseName: string, extra: string[] = []) => {
    const args = ["--import", "tsx", import.meta.filename, "--phase", phaseName, ...extra];
    for (const name of ["pages", "warc-mb", "feeds", "items", "workers"] as const) {
      const value = values[name];
      if (value !== undefined) args.push(`--${name}`, value);
    }
    const run = spawnSync(process.execPath, args, { stdio: "inherit" });
    if (run.status !== 0) throw new Error(`phase ${phaseName} failed`);
  };
  const only = (process.env.BENCH_WEB_PHASES ?? "extract,ingest,warc,watch").split(",");
  if (only.includes("extract")) self("extract");
  if (only.includes("ingest")) self("ingest");
  if (only.includes("warc")) {
    const dir = mkdtempSync(path.join(tmpdir(), "onrecord-bench-warc-"));
    const file = path.join(dir, "generated.warc.gz");
    try {
      self("warc-make", ["--file", file]);
      self("warc", ["--file", file]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (only.includes("watch")) self("watch");
}
