/**
 * Throughput of the whole learned extraction (tokenizer, sentencizer, cue and role tagging, span
 * assembly) against document size, on one core.
 *
 *   node --import tsx bench/attribution-speed.ts
 *
 * Inputs are built by repeating text to about 1 KB, 100 KB and 1 MB: PolNeAR dev articles when
 * ../shared/data is present (real news, about one attribution per 36 tokens), and always fictional
 * paragraphs where every sentence is an attribution (a worst case: several cues per sentence). Each size
 * runs for at least a second after a warm-up; tokens/s counts the tokenizer's tokens.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { attributionWeights, extractAttributions } from "../src/nlp/attribution-model/index.ts";
import { tokenize } from "../src/nlp/tokenizer.ts";

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
  console.log(name);
  for (const [label, bytes] of [
    ["1 KB", 1_000],
    ["100 KB", 100_000],
    ["1 MB", 1_000_000],
  ] as const) {
    measure(label, buildText(pieces, bytes));
  }
}

function measure(label: string, text: string) {
  const tokens = tokenize(text).length;
  extractAttributions(text); // warm-up: JIT and caches
  let runs = 0;
  let attributions = 0;
  const started = performance.now();
  while (performance.now() - started < 1000 || runs < 2) {
    attributions = extractAttributions(text).length;
    runs++;
  }
  const seconds = (performance.now() - started) / 1000;
  const rate = (tokens * runs) / seconds;
  console.log(
    `${label.padEnd(6)} ${String(tokens).padStart(7)} tokens, ${attributions} attributions: ` +
      `${Math.round(rate).toLocaleString("en-US")} tokens/s (${runs} runs)`,
  );
}
