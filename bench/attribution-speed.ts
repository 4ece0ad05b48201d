/**
 * Throughput of attribution extraction against document size, on one core: the combined extractor the
 * default pipeline runs (tokenizer, sentencizer, quotes, rules, then cue and role tagging over the rule
 * output, span assembly and the merge) and the learned extractor alone (which runs the rules too, as
 * its features).
 *
 *   node --import tsx bench/attribution-speed.ts
 *
 * Inputs are built by repeating text to about 1 KB, 100 KB and 1 MB: PolNeAR dev articles when
 * ../shared/data is present (real news, about one attribution per 36 tokens), and always fictional
 * paragraphs where every sentence is an attribution (a worst case: several cues per sentence). Each size
 * runs for at least a second after a warm-up; tokens/s counts the tokenizer's tokens, per wall second and
 * per second of this process's CPU time.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { attributionWeights, extractAttributions } from "../src/nlp/attribution-model/index.ts";
import { analyze, extractionWith } from "../src/nlp/pipeline.ts";
import { tokenize } from "../src/nlp/tokenizer.ts";

const COMBINED = extractionWith("combined");
const EXTRACTORS: Array<[string, (text: string) => number]> = [
  ["combined", (text) => analyze(text, COMBINED).attributions.length],
  ["learned", (text) => extractAttributions(text).length],
];

const PARAGRAPHS = [
  `"We will not raise the toll this year," Mayor Lena Ortiz said on Tuesday, adding that the budget was "balanced, for once."`,
  "The council's finance chair, Tomas Reyes, told reporters that the city expected a surplus, though he declined to say how large.",
  "According to a report by the transit authority, ridership rose 4% in March. Officials believe the trend will continue.",
  `Critics argued the plan was shortsighted. "It's a gimmick," said Priya Nand, a spokeswoman for the riders' union. "Nothing more."`,
  "She said the union would press its case at next week's hearing and warned that a strike remained possible.",
];

const DEV_TEXT = path.resolve(import.meta.dirname, "../../shared/data/polnear/dev/text");

function buildText(pieces: string[], bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const paragraph = pieces[i % pieces.length];
    parts.push(paragraph);
    size += paragraph.length + 2;
  }
  return parts.join("\n\n");
}

const loadStarted = performance.now();
attributionWeights();
console.log(`model load: ${(performance.now() - loadStarted).toFixed(0)} ms`);

const sources: Array<[string, string[]]> = [["fictional, every sentence attributed", PARAGRAPHS]];
if (existsSync(DEV_TEXT)) {
  const paragraphs = readdirSync(DEV_TEXT)
    .sort()
    .flatMap((file) => readFileSync(path.join(DEV_TEXT, file), "utf8").split(/\n+/))
    .filter((line) => line.trim());
  sources.unshift(["PolNeAR dev paragraphs", paragraphs]);
}

for (const [name, pieces] of sources) {
  for (const [extractor, extract] of EXTRACTORS) {
    console.log(`${name}, ${extractor}`);
    for (const [label, bytes] of [
      ["1 KB", 1_000],
      ["100 KB", 100_000],
      ["1 MB", 1_000_000],
    ] as const) {
      measure(label, buildText(pieces, bytes), extract);
    }
  }
}

function measure(label: string, text: string, extract: (text: string) => number) {
  const tokens = tokenize(text).length;
  // Warm-up for a fixed time, not one call: on small inputs one call leaves the JIT at its first tiers,
  // and whichever extractor ran first would pay for optimising the code both share.
  const warmStarted = performance.now();
  do extract(text);
  while (performance.now() - warmStarted < 300);
  let runs = 0;
  let attributions = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  while (performance.now() - started < 1000 || runs < 2) {
    attributions = extract(text);
    runs++;
  }
  const seconds = (performance.now() - started) / 1000;
  const rate = (tokens * runs) / seconds;
  // On a shared machine wall time counts other processes' turns too; CPU time is this process's own
  // (it includes the garbage collector's helper threads, so it can exceed wall time).
  const cpu = process.cpuUsage(cpuStarted);
  const cpuRate = (tokens * runs) / ((cpu.user + cpu.system) / 1e6);
  console.log(
    `${label.padEnd(6)} ${String(tokens).padStart(7)} tokens, ${attributions} attributions: ` +
      `${Math.round(rate).toLocaleString("en-US")} tokens/s wall, ` +
      `${Math.round(cpuRate).toLocaleString("en-US")} per CPU second (${runs} runs)`,
  );
}
