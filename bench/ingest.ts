/**
 * Ingest benchmark: replicates the sample corpus to at least --articles articles (default 10,000) in a
 * temp directory, each copy varied so its content hash differs, then ingests them into a fresh database
 * through the same code path as `onrecord ingest`, and prints throughput and peak memory.
 *
 *   npm run bench -- [--articles N] [--workers N] [--corpus DIR] [--keep]
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { defaultWorkerCount, ingestInputs } from "../src/app/run-ingest.ts";
import { readInputs } from "../src/ingest/read.ts";
import type { RawArticle } from "../src/ingest/types.ts";
import { openStore } from "../src/record/open-store.ts";
import { generatedArticle } from "./fixtures.ts";

const repoRoot = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "10000" },
    workers: { type: "string" },
    corpus: { type: "string", default: path.join(repoRoot, "samples/corpus") },
    keep: { type: "boolean", default: false },
  },
});
const target = Number(values.articles);
const workers = values.workers === undefined ? defaultWorkerCount() : Number(values.workers);
if (!Number.isInteger(target) || target < 1 || !Number.isInteger(workers) || workers < 0) {
  throw new Error("--articles must be a positive integer and --workers a non-negative integer");
}

/** Articles written per JSONL file when replicating dump records: about the size of a real dump shard. */
const RECORDS_PER_DUMP = 500;

const workDir = mkdtempSync(path.join(tmpdir(), "onrecord-bench-"));
const inputDir = path.join(workDir, "input");
mkdirSync(inputDir);

/**
 * Copy i of an article differs by one sentence, so cleaned texts (and content hashes) differ while
 * the work per article stays that of the original. Plain-text and HTML files are copied as files
 * (the HTML extraction cost is part of ingest); dump records are re-written as JSONL records.
 */
async function replicate(): Promise<{ articles: number; source: string }> {
  const originals: RawArticle[] = [];
  if (existsSync(values.corpus)) {
    for await (const result of readInputs([values.corpus])) if (result.ok) originals.push(result.article);
  }
  if (originals.length === 0) {
    for (let i = 0; i < target; i++)
      writeFileSync(path.join(inputDir, `generated-${i}.txt`), generatedArticle(i));
    return { articles: target, source: "generated fictional articles" };
  }
  const copies = Math.ceil(target / originals.length);
  let written = 0;
  let dump: string[] = [];
  const flushDump = () => {
    if (dump.length === 0) return;
    writeFileSync(path.join(inputDir, `dump-${written}.jsonl`), `${dump.join("\n")}\n`);
    dump = [];
  };
  for (let copy = 0; copy < copies; copy++) {
    originals.forEach((article, n) => {
      const variation = `Edition ${copy}.`;
      const file = path.join(inputDir, `c${copy}-${n}`);
      if (article.format === "text" && existsSync(article.origin)) {
        writeFileSync(`${file}.txt`, `${readFileSync(article.origin, "utf8").trimEnd()}\n\n${variation}\n`);
      } else if (article.format === "html" && existsSync(article.origin)) {
        const html = readFileSync(article.origin, "utf8");
        writeFileSync(`${file}.html`, varyHtml(html, variation));
      } else {
        const { text, title, url, outlet, byline, published } = article;
        dump.push(
          JSON.stringify({
            title,
            url,
            outlet,
            author: byline,
            date: published,
            text: `${text}\n\n${variation}`,
          }),
        );
        if (dump.length >= RECORDS_PER_DUMP) flushDump();
      }
      written++;
    });
  }
  flushDump();
  return {
    articles: written,
    source: `${originals.length} articles of ${path.relative(repoRoot, values.corpus)} × ${copies}`,
  };
}

/**
 * Puts the variation at the start of the plain paragraph with the longest run of text before any tag:
 * body text in any page an extractor keeps (cookie banners and teasers are shorter).
 */
function varyHtml(html: string, variation: string): string {
  let best: RegExpExecArray | undefined;
  for (const match of html.matchAll(/<p>([^<]*)/gi)) {
    if (!best || (match[1] as string).length > (best[1] as string).length) best = match as RegExpExecArray;
  }
  if (!best) return html.replace(/<\/article>|<\/body>/i, (end) => `<p>${variation}</p>${end}`);
  const at = (best.index ?? 0) + "<p>".length;
  return `${html.slice(0, at)}${variation} ${html.slice(at)}`;
}

try {
  const prepared = await replicate();
  const db = path.join(workDir, "bench.db");
  const store = await openStore(db, { create: true });
  let summary: Awaited<ReturnType<typeof ingestInputs>>;
  try {
    summary = await ingestInputs([inputDir], store, { workers });
  } finally {
    await store.close();
  }
  const usage = process.resourceUsage();
  const figures = {
    source: prepared.source,
    articles: prepared.articles,
    workers,
    stored: summary.stored,
    alreadyPresent: summary.alreadyPresent,
    failed: summary.failed,
    statements: summary.statements,
    seconds: Number(summary.seconds.toFixed(2)),
    articlesPerSecond: Number((summary.stored / summary.seconds).toFixed(1)),
    statementsPerSecond: Number((summary.statements / summary.seconds).toFixed(1)),
    // Worker threads live in this process, so maxRSS covers them too.
    peakRssMB: Number((usage.maxRSS / 1024).toFixed(1)),
  };
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  if (summary.failures.length > 0) {
    process.stderr.write(
      `${summary.failures.length} failures, first: ${JSON.stringify(summary.failures[0])}\n`,
    );
  }
} finally {
  if (values.keep) process.stderr.write(`kept ${workDir}\n`);
  else rmSync(workDir, { recursive: true, force: true });
}
