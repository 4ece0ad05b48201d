/**
 * CPU per article in processArticle (clean, language check, analysis), before and after, in one process:
 * loads another checkout's src/process.ts (say `git archive main | tar -x -C /tmp/base`, node_modules
 * linked) beside this one and runs both in turns over the same small generated articles (bench/fixtures.ts,
 * the ones `npm run bench:ingest` writes), alternating which goes first, with an untimed full garbage
 * collection before each turn when node runs with --expose-gc.
 *
 *   npm run bench:process -- BASE_CHECKOUT [--articles N] [--rounds R]
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { RawArticle } from "../src/ingest/types.ts";
import * as current from "../src/process.ts";
import { generatedArticle } from "./fixtures.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { articles: { type: "string", default: "400" }, rounds: { type: "string", default: "6" } },
});
const [baseDir] = positionals;
const baseModule = baseDir ? path.resolve(baseDir, "src/process.ts") : "";
if (!baseDir || !existsSync(baseModule)) {
  console.error(`usage: process-speed.ts BASE_CHECKOUT (no src/process.ts under ${baseDir ?? "?"})`);
  process.exit(2);
}
const base = (await import(baseModule)) as typeof current;
const articles: RawArticle[] = Array.from({ length: Number(values.articles) }, (_, i) => ({
  origin: `generated-${i}.txt`,
  format: "text",
  text: generatedArticle(i),
}));
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {});
const sides = [
  { name: `base (${baseDir})`, process: base.processArticle, cpu: 0 },
  { name: "this checkout", process: current.processArticle, cpu: 0 },
];
const turn = (side: (typeof sides)[number]) => {
  collectGarbage();
  const started = process.cpuUsage();
  for (const article of articles) side.process(article);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1e3;
};
for (const side of sides) turn(side);
const rounds = Number(values.rounds);
for (let round = 0; round < rounds; round++) {
  for (const side of round % 2 ? [...sides].reverse() : sides) side.cpu += turn(side);
}
const perArticle = (side: (typeof sides)[number]) => side.cpu / (rounds * articles.length);
for (const side of sides) console.log(`${side.name}: ${perArticle(side).toFixed(3)} ms of CPU per article`);
const [before, after] = sides as [(typeof sides)[number], (typeof sides)[number]];
console.log(`speed-up (CPU): ${(perArticle(before) / perArticle(after)).toFixed(2)}`);
