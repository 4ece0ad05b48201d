/**
 * The language check's shortcut (src/nlp/language.ts): over every text at hand (the PolNeAR articles,
 * the 91 extraction-benchmark pages, the sample corpus), how often the English function-word test
 * answers without franc, whether its answer ever differs from franc's, and the CPU time of languageOf
 * against franc alone over the same samples. Exits 1 on any disagreement.
 *
 *   node --import tsx bench/language-speed.ts
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { franc } from "franc-min";
import { readPage } from "../src/ingest/html.ts";
import { languageOf, MIN_LETTERS_TO_DETECT, obviouslyEnglish } from "../src/nlp/language.ts";

const root = path.resolve(import.meta.dirname, "..");
const data = path.resolve(root, "../shared/data");
const texts: string[] = [];
const walk = (dir: string, visit: (file: string) => void) => {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) walk(file, visit);
    else visit(file);
  }
};
walk(path.join(root, "samples"), (file) => {
  if (file.endsWith(".txt")) texts.push(readFileSync(file, "utf8"));
  else if (file.endsWith(".html")) texts.push(readPage(readFileSync(file, "utf8")).text);
});
for (const split of ["train", "dev", "test"]) {
  const dir = path.join(data, "polnear", split, "text");
  if (existsSync(dir))
    for (const name of readdirSync(dir)) texts.push(readFileSync(path.join(dir, name), "utf8"));
}
const pages = path.join(data, "article-extraction", "html");
if (existsSync(pages)) {
  for (const name of readdirSync(pages)) {
    texts.push(readPage(gunzipSync(readFileSync(path.join(pages, name))).toString("utf8")).text);
  }
}
// languageOf looks at the first 1,000 characters; so does this comparison.
const samples = texts
  .map((text) => text.slice(0, 1000))
  .filter((sample) => (sample.match(/\p{L}/gu)?.length ?? 0) >= MIN_LETTERS_TO_DETECT);
let shortcut = 0;
let disagreements = 0;
for (const sample of samples) {
  if (!obviouslyEnglish(sample)) continue;
  shortcut++;
  const byFranc = franc(sample);
  if (byFranc !== "eng") {
    disagreements++;
    console.log(`disagreement: franc says ${byFranc} for ${JSON.stringify(sample.slice(0, 80))}`);
  }
}
const cpu = (run: () => void) => {
  const started = process.cpuUsage();
  for (let round = 0; round < 5; round++) run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1e3 / 5;
};
const francMs = cpu(() => {
  for (const sample of samples) franc(sample);
});
const checkMs = cpu(() => {
  for (const sample of samples) languageOf(sample);
});
console.log(
  `${samples.length} texts: the shortcut answered ${shortcut} (${((100 * shortcut) / samples.length).toFixed(1)}%), ` +
    `disagreeing with franc on ${disagreements}; CPU per text: franc ${(francMs / samples.length).toFixed(3)} ms, ` +
    `languageOf ${(checkMs / samples.length).toFixed(3)} ms (${(francMs / checkMs).toFixed(1)}x)`,
);
process.exit(disagreements ? 1 : 0);
