/**
 * Speed of our HTML article extraction (src/ingest/html.ts: bounds, linkedom, Readability, pruning) on the
 * pages of the article-extraction benchmark (../shared/data/article-extraction/html/*.html.gz), the same
 * pages `npm run eval:extraction` scores. Pages are decompressed before timing; after one warm-up pass,
 * whole passes over all pages run for at least --seconds (default 5). Prints pages per wall second and
 * per CPU second of this process (the figure to compare on a shared machine).
 *
 *   npm run bench:extraction [-- --seconds N]
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { gunzipSync } from "node:zlib";
import { readPage } from "../src/ingest/html.ts";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "5" } } });
const seconds = Number(values.seconds);
if (!(seconds > 0)) {
  console.error(`--seconds ${values.seconds}: expected a positive number`);
  process.exit(2);
}
const htmlDir = path.resolve(import.meta.dirname, "../../shared/data/article-extraction/html");
if (!existsSync(htmlDir)) {
  console.log(`skipped: ${htmlDir} is absent (the benchmark pages live in ../shared/data)`);
  process.exit(0);
}
const gold = JSON.parse(readFileSync(path.join(htmlDir, "../ground-truth.json"), "utf8")) as Record<
  string,
  { url?: string }
>;
const pages = readdirSync(htmlDir)
  .filter((name) => name.endsWith(".html.gz"))
  .sort()
  .map((name) => {
    const id = name.slice(0, -".html.gz".length);
    return { html: gunzipSync(readFileSync(path.join(htmlDir, name))).toString("utf8"), url: gold[id]?.url };
  });
const megabytes = pages.reduce((sum, page) => sum + page.html.length, 0) / 1e6;

const pass = () => {
  for (const page of pages) readPage(page.html, page.url);
};
pass();
const started = performance.now();
const cpuStarted = process.cpuUsage();
let passes = 0;
while (performance.now() - started < seconds * 1000 || passes < 1) {
  pass();
  passes++;
}
const wall = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStarted);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const extracted = passes * pages.length;
console.log(
  `${pages.length} pages (${megabytes.toFixed(1)} M characters of HTML), ${passes} passes: ` +
    `${(extracted / wall).toFixed(1)} pages/s wall, ${(extracted / cpuSeconds).toFixed(1)} pages per CPU second`,
);
