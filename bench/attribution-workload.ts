/**
 * A steady workload for profiling attribution extraction: the default extractor (tokenizer, sentences,
 * quotes, rules, taggers, merge, filter, edges, checks) over every PolNeAR dev article, whole, for
 * --seconds (default 10) after one warm-up pass. Prints tokens per CPU second at the end.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/attribution-workload.ts
 *   node --import tsx bench/cpu-profile-summary.ts /tmp/prof/CPU.*.cpuprofile
 *
 * --extractor learned|rules|combined picks the extractor; --speakers adds speaker resolution.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { analyze, type Extractor, extractionWith, pipelineWith } from "../src/nlp/pipeline.ts";
import { tokenize } from "../src/nlp/tokenizer.ts";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    extractor: { type: "string", default: "combined" },
    speakers: { type: "boolean", default: false },
  },
});
const DEV_TEXT = path.resolve(import.meta.dirname, "../../shared/data/polnear/dev/text");
if (!existsSync(DEV_TEXT)) {
  console.log(`skipped: ${DEV_TEXT} is absent (the PolNeAR data lives in ../shared/data)`);
  process.exit(0);
}
const extractor = values.extractor as Extractor;
if (!["combined", "learned", "rules"].includes(extractor)) {
  console.error(`--extractor ${extractor}: expected combined, learned or rules`);
  process.exit(2);
}
const pipeline = values.speakers ? pipelineWith(extractor) : extractionWith(extractor);
const texts = readdirSync(DEV_TEXT)
  .sort()
  .map((file) => readFileSync(path.join(DEV_TEXT, file), "utf8"));
const tokensPerPass = texts.reduce((sum, text) => sum + tokenize(text).length, 0);

for (const text of texts) analyze(text, pipeline);
const started = performance.now();
const cpuStarted = process.cpuUsage();
let passes = 0;
while (performance.now() - started < Number(values.seconds) * 1000 || passes < 1) {
  for (const text of texts) analyze(text, pipeline);
  passes++;
}
const cpu = process.cpuUsage(cpuStarted);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(
  `${extractor}${values.speakers ? " + speakers" : ""}: ${passes} passes over ${texts.length} articles ` +
    `(${tokensPerPass} tokens each), ${Math.round((passes * tokensPerPass) / cpuSeconds).toLocaleString("en-US")} tokens per CPU second`,
);
