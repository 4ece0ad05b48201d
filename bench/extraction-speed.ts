/**
 * Speed of our HTML article extraction (src/ingest/html.ts: bounds, linkedom, Readability, pruning) on the
 * pages of the article-extraction benchmark (../shared/data/article-extraction/html/*.html.gz), the same
 * pages `npm run eval:extraction` scores. Pages are decompressed before timing; after one warm-up pass,
 * whole passes over all pages run for at least --seconds (default 5). Prints pages per wall second and
 * per CPU second of this process (the figure to compare on a shared machine).
 *
 * With --base DIR (another checkout, say `git archive main | tar -x -C /tmp/base` with node_modules
 * linked), that checkout's readPage is loaded into the same process and the two run in turns,
 * pass by pass, so both meet the same load; the ratio of their CPU rates is the figure that holds.
 * The npm script runs node with --expose-gc: the heap is collected (untimed) before every pass, so
 * neither side's garbage is collected on the other's clock.
 *
 *   npm run bench:extraction [-- --seconds N] [--base DIR]
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { gunzipSync } from "node:zlib";
import { readPage } from "../src/ingest/html.ts";

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "5" }, base: { type: "string" } },
});
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

type Extract = typeof readPage;
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {});
const sides: { name: string; extract: Extract; cpu: number; wall: number; passes: number }[] = [
  { name: "this checkout", extract: readPage, cpu: 0, wall: 0, passes: 0 },
];
if (values.base) {
  const module = path.resolve(values.base, "src/ingest/html.ts");
  if (!existsSync(module)) {
    console.error(`--base ${values.base}: no src/ingest/html.ts there`);
    process.exit(2);
  }
  // Checkouts before the rename call it extractArticle.
  const base = (await import(module)) as { readPage?: Extract; extractArticle?: Extract };
  const baseRead = base.readPage ?? base.extractArticle;
  if (!baseRead) {
    console.error(`--base ${values.base}: src/ingest/html.ts exports neither readPage nor extractArticle`);
    process.exit(2);
  }
  sides.unshift({ name: `base (${values.base})`, extract: baseRead, cpu: 0, wall: 0, passes: 0 });
}

/** One pass over every page; returns [CPU seconds, wall seconds]. */
const pass = (extract: Extract): [number, number] => {
  // A full collection before each timed pass, untimed, so that neither side pays for the other's garbage.
  collectGarbage();
  const wallStarted = performance.now();
  const cpuStarted = process.cpuUsage();
  for (const page of pages) extract(page.html, page.url);
  const cpu = process.cpuUsage(cpuStarted);
  return [(cpu.user + cpu.system) / 1e6, (performance.now() - wallStarted) / 1000];
};
for (const side of sides) pass(side.extract);
const started = performance.now();
for (let round = 0; performance.now() - started < seconds * 1000 || round < 1; round++) {
  // Alternate which side goes first, so neither always follows the other's garbage.
  for (const side of round % 2 ? [...sides].reverse() : sides) {
    const [cpu, wall] = pass(side.extract);
    side.cpu += cpu;
    side.wall += wall;
    side.passes++;
  }
}
const rate = (side: (typeof sides)[number]) => (side.passes * pages.length) / side.cpu;
console.log(`${pages.length} pages (${megabytes.toFixed(1)} M characters of HTML)`);
for (const side of sides) {
  console.log(
    `${side.name}: ${side.passes} passes, ${((side.passes * pages.length) / side.wall).toFixed(1)} pages/s wall, ` +
      `${rate(side).toFixed(1)} pages per CPU second`,
  );
}
if (sides.length === 2) {
  const [before, after] = sides as [(typeof sides)[0], (typeof sides)[0]];
  console.log(`speed-up (CPU): ${(rate(after) / rate(before)).toFixed(2)}`);
}
