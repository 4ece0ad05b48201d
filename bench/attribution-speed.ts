/**
 * Throughput of the whole learned extraction (tokenizer, sentencizer, cue and role tagging, span
 * assembly) against document size, on one core.
 *
 *   node --import tsx bench/attribution-speed.ts
 *
 * Inputs are built by repeating fictional news paragraphs (no third-party text) to about 1 KB, 100 KB and
 * 1 MB. Each size runs for at least a second after a warm-up; tokens/s counts the tokenizer's tokens.
 */
import { attributionWeights, extractAttributions } from "../src/nlp/attribution-model/index.ts";
import { tokenize } from "../src/nlp/tokenizer.ts";

const PARAGRAPHS = [
  `"We will not raise the toll this year," Mayor Lena Ortiz said on Tuesday, adding that the budget was "balanced, for once."`,
  "The council's finance chair, Tomas Reyes, told reporters that the city expected a surplus, though he declined to say how large.",
  "According to a report by the transit authority, ridership rose 4% in March. Officials believe the trend will continue.",
  `Critics argued the plan was shortsighted. "It's a gimmick," said Priya Nand, a spokeswoman for the riders' union. "Nothing more."`,
  "She said the union would press its case at next week's hearing and warned that a strike remained possible.",
];

function buildText(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const paragraph = PARAGRAPHS[i % PARAGRAPHS.length];
    parts.push(paragraph);
    size += paragraph.length + 2;
  }
  return parts.join("\n\n");
}

const loadStarted = performance.now();
attributionWeights();
console.log(`model load: ${(performance.now() - loadStarted).toFixed(0)} ms`);

for (const [label, bytes] of [
  ["1 KB", 1_000],
  ["100 KB", 100_000],
  ["1 MB", 1_000_000],
] as const) {
  const text = buildText(bytes);
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
