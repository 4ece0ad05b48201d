/**
 * A regression guard for extraction speed that does not depend on the machine: the default extractor
 * (tokenizer, sentences, quotes, rules, taggers, merge, filter, edges, checks) and the tokenizer alone
 * run in turns on the same text, in the same process, and the script prints how many tokenizations one
 * extraction costs. Both sides slow down alike on a slower or busier machine, so the ratio moves only
 * when the code does; docs/figures.md keeps the current figure.
 *
 *   npm run bench:ratio [-- --rounds N] [--max R]
 *
 * The text is the PolNeAR dev articles when ../shared/data is present, otherwise the project's generated
 * fictional articles (bench/fixtures.ts): the two give different ratios, and the output says which ran.
 * --max R exits 1 when the ratio is above R (for a CI step that wants a limit).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { analyze, extractionWith } from "../src/nlp/pipeline.ts";
import { tokenize } from "../src/nlp/tokenizer.ts";
import { generatedArticle } from "./fixtures.ts";

const { values } = parseArgs({
  options: { rounds: { type: "string", default: "5" }, max: { type: "string" } },
});
const rounds = Number(values.rounds);
const max = values.max === undefined ? undefined : Number(values.max);
if (!Number.isInteger(rounds) || rounds < 1 || (max !== undefined && !(max > 0))) {
  console.error("--rounds must be a positive integer and --max a positive number");
  process.exit(2);
}

const DEV_TEXT = path.resolve(import.meta.dirname, "../../shared/data/polnear/dev/text");
const [source, texts] = existsSync(DEV_TEXT)
  ? [
      "PolNeAR dev articles",
      readdirSync(DEV_TEXT)
        .sort()
        .map((file) => readFileSync(path.join(DEV_TEXT, file), "utf8")),
    ]
  : ["generated fictional articles", Array.from({ length: 200 }, (_, i) => generatedArticle(i))];
const pipeline = extractionWith("combined");

/** CPU seconds of one pass of `work` over every text, repeated until it took at least a second. */
function cpuPerPass(work: (text: string) => unknown): number {
  const started = process.cpuUsage();
  let passes = 0;
  let used = 0;
  do {
    for (const text of texts) work(text);
    passes++;
    const cpu = process.cpuUsage(started);
    used = (cpu.user + cpu.system) / 1e6;
  } while (used < 1);
  return used / passes;
}

const extract = (text: string) => analyze(text, pipeline);
// Warm-up: both at their optimised tiers before any round counts.
cpuPerPass(tokenize);
cpuPerPass(extract);
const ratios: number[] = [];
for (let round = 0; round < rounds; round++) ratios.push(cpuPerPass(extract) / cpuPerPass(tokenize));
ratios.sort((a, b) => a - b);
const median = ratios[Math.floor(ratios.length / 2)] as number;
const tokens = texts.reduce((sum, text) => sum + tokenize(text).length, 0);
console.log(
  `${source} (${texts.length} texts, ${tokens} tokens): one extraction costs ${median.toFixed(1)} tokenizations ` +
    `(median of ${rounds} rounds; range ${ratios[0]?.toFixed(1)}–${ratios[ratios.length - 1]?.toFixed(1)})`,
);
if (max !== undefined && median > max) {
  console.error(`extraction is slower than the limit: ${median.toFixed(1)} tokenizations > ${max}`);
  process.exit(1);
}
