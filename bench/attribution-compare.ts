/**
 * Before/after speed of attribution extraction on a shared machine: loads the pipeline of another
 * checkout (say an export of main: `git archive main | tar -x -C /tmp/base`, with node_modules linked)
 * and this one into the same process, and runs them in turns over the PolNeAR dev articles, alternating
 * which goes first. Both meet the same load, so their ratio holds where absolute figures swing.
 *
 *   node --import tsx bench/attribution-compare.ts BASE_CHECKOUT [--rounds N] [--extractor combined|learned]
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import * as current from "../src/nlp/pipeline.ts";
import { tokenize } from "../src/nlp/tokenizer.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: "string", default: "8" }, extractor: { type: "string", default: "combined" } },
});
const [baseDir] = positionals;
const basePipeline = baseDir ? path.resolve(baseDir, "src/nlp/pipeline.ts") : "";
if (!baseDir || !existsSync(basePipeline)) {
  console.error(
    `usage: attribution-compare.ts BASE_CHECKOUT (no src/nlp/pipeline.ts under ${baseDir ?? "?"})`,
  );
  process.exit(2);
}
const DEV_TEXT = path.resolve(import.meta.dirname, "../../shared/data/polnear/dev/text");
if (!existsSync(DEV_TEXT)) {
  console.log(`skipped: ${DEV_TEXT} is absent (the PolNeAR data lives in ../shared/data)`);
  process.exit(0);
}
const extractor = values.extractor as current.Extractor;
const rounds = Number(values.rounds);
const base = (await import(basePipeline)) as typeof current;
const texts = readdirSync(DEV_TEXT)
  .sort()
  .map((file) => readFileSync(path.join(DEV_TEXT, file), "utf8"));
const tokens = texts.reduce((sum, text) => sum + tokenize(text).length, 0);

type Side = { analyze: typeof current.analyze; pipeline: current.Pipeline; cpu: number };
const sides: Side[] = [base, current].map((module) => ({
  analyze: module.analyze,
  pipeline: module.extractionWith(extractor),
  cpu: 0,
}));
const pass = (side: Side) => {
  const started = process.cpuUsage();
  for (const text of texts) side.analyze(text, side.pipeline);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1e6;
};
for (let warm = 0; warm < 2; warm++) for (const side of sides) pass(side);
for (let round = 0; round < rounds; round++) {
  const order = round % 2 ? [...sides].reverse() : sides;
  for (const side of order) side.cpu += pass(side);
}
const [before, after] = sides as [Side, Side];
const rate = (side: Side) => Math.round((tokens * rounds) / side.cpu).toLocaleString("en-US");
console.log(
  `${extractor}, ${rounds} rounds over ${texts.length} articles (${tokens} tokens): base ${rate(before)} tokens ` +
    `per CPU second, this checkout ${rate(after)}: ${(before.cpu / after.cpu).toFixed(2)} times as fast`,
);
