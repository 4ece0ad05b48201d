/**
 * Attribution evaluation on PolNeAR: cleans and analyses every article of a split, maps the spans
 * back to the raw text, writes out/attribution-<split>.jsonl in the scorer's format and runs
 * ../shared/tools/score-attributions.mjs on it.
 *
 * usage: npm run eval:attribution -- [--split dev|train] [--limit N] [--extractor combined|learned|rules]
 */
import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cleanText } from "../src/clean/clean.ts";
import type { Span } from "../src/nlp/doc.ts";
import { analyze, type Extractor, pipelineWith } from "../src/nlp/pipeline.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sharedRoot = path.resolve(repoRoot, "../shared");

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const split = option("--split") ?? "dev";
if (split !== "dev" && split !== "train") {
  console.error(`--split must be dev or train, not ${split}`);
  process.exit(2);
}
const limitText = option("--limit");
const limit = limitText === undefined ? Number.POSITIVE_INFINITY : Number(limitText);
if (!(limit > 0)) {
  console.error(`--limit must be a positive number, not ${limitText}`);
  process.exit(2);
}

const extractor = (option("--extractor") ?? "combined") as Extractor;
if (!["combined", "learned", "rules"].includes(extractor)) {
  console.error(`--extractor must be combined, learned or rules, not ${extractor}`);
  process.exit(2);
}
const pipeline = pipelineWith(extractor);

const goldDir = path.join(sharedRoot, "data/polnear", split);
const scorer = path.join(sharedRoot, "tools/score-attributions.mjs");
if (!existsSync(goldDir) || !existsSync(scorer)) {
  console.error(`missing ${goldDir} or ${scorer}: the evaluation needs ../shared`);
  process.exit(1);
}

const files = readdirSync(path.join(goldDir, "text"))
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .slice(0, limit);

const lines: string[] = [];
for (const file of files) {
  const raw = readFileSync(path.join(goldDir, "text", file), "utf8");
  const cleaned = cleanText(raw);
  const doc = analyze(cleaned.text, pipeline);
  const toRaw = (span: Span | null): Span | null => (span ? cleaned.map.spanToRaw(span) : null);
  const attributions = doc.attributions.map((a) => ({
    source: toRaw(a.source),
    cue: toRaw(a.cue),
    content: a.content.map((span) => cleaned.map.spanToRaw(span)),
    kind: a.kind,
    speaker: a.speaker?.name ?? null,
  }));
  lines.push(JSON.stringify({ file, attributions }));
}

const outDir = path.join(repoRoot, "out");
mkdirSync(outDir, { recursive: true });
const predFile = path.join(outDir, `attribution-${split}.jsonl`);
writeFileSync(predFile, `${lines.join("\n")}\n`);
console.log(`wrote ${files.length} articles to ${path.relative(repoRoot, predFile)}`);

// With --limit, score against a temporary gold folder holding only the predicted articles, so the
// articles left out do not count as missed. It lives outside the repository: the data is third-party.
let scoreGold = goldDir;
if (Number.isFinite(limit)) {
  scoreGold = mkdtempSync(path.join(os.tmpdir(), `polnear-${split}-`));
  const names = new Set(files.map((f) => f.slice(0, -4)));
  for (const sub of ["text", "attributions"]) mkdirSync(path.join(scoreGold, sub));
  for (const f of files) copyFileSync(path.join(goldDir, "text", f), path.join(scoreGold, "text", f));
  for (const f of readdirSync(path.join(goldDir, "attributions"))) {
    if (names.has(f.replace(/_[0-9a-f]{4}\.ann$/, ""))) {
      copyFileSync(path.join(goldDir, "attributions", f), path.join(scoreGold, "attributions", f));
    }
  }
}

const output = execFileSync(
  process.execPath,
  [scorer, "--gold", scoreGold, "--pred", predFile, "--by-publisher"],
  {
    encoding: "utf8",
  },
);
process.stdout.write(output);
if (scoreGold !== goldDir) rmSync(scoreGold, { recursive: true, force: true });
