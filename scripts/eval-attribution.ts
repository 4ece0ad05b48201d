/**
 * Attribution evaluation on PolNeAR: cleans and analyses every article of a split, maps the spans
 * back to the raw text, writes out/attribution-<split>.jsonl in the scorer's format and runs
 * ../shared/tools/score-attributions.mjs on it.
 *
 * usage: npm run eval:attribution -- [--split dev|train] [--limit N] [--extractor combined|learned|rules]
 *        [--statements-only]
 *
 * --statements-only scores what the record would store: the attributions that src/nlp/statement-checks.ts
 * counts as statements (PolNeAR annotates more: "is seen as", "did not respond to requests for comment").
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
import { statementsOnly } from "../src/nlp/statement-checks.ts";
import { scorerMatches } from "../training/attribution/filter.ts";
import { loadSplit } from "../training/attribution/polnear.ts";
import { OUTLETS } from "./real/corpus.ts";

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
const onlyStatements = process.argv.includes("--statements-only");

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
/** Each predicted attribution's confidence and whether the scorer's matching rule counts it right. */
const rated: Array<{ confidence: number; right: boolean }> = [];
const gold = new Map(loadSplit(goldDir).map((article) => [article.name, article]));
for (const file of files) {
  const raw = readFileSync(path.join(goldDir, "text", file), "utf8");
  const cleaned = cleanText(raw);
  const doc = analyze(cleaned.text, pipeline);
  if (onlyStatements) {
    // The outlet, as the record would know it, from the file name's publisher ("politico_2016-...").
    const outlet = OUTLETS[file.split("_")[0] ?? ""];
    doc.attributions = statementsOnly(doc.text, doc.attributions, { outlet });
  }
  const toRaw = (span: Span | null): Span | null => (span ? cleaned.map.spanToRaw(span) : null);
  const attributions = doc.attributions.map((a) => ({
    source: toRaw(a.source),
    cue: toRaw(a.cue),
    content: a.content.map((span) => cleaned.map.spanToRaw(span)),
    kind: a.kind,
    speaker: a.speaker?.name ?? null,
    confidence: a.confidence,
  }));
  lines.push(JSON.stringify({ file, attributions }));
  const article = gold.get(file.slice(0, -4));
  if (article) {
    const right = scorerMatches({
      article,
      candidates: attributions.map((a) => ({
        attribution: { ...a, speaker: null },
        origin: { byRules: false, byTagger: false },
      })),
    });
    attributions.forEach((a, i) => {
      if (a.confidence !== undefined) rated.push({ confidence: a.confidence, right: right[i] });
    });
  }
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

// Calibration: how often an attribution at each confidence level is one the scorer counts right.
if (rated.length) {
  console.log("confidence    attributions  right (scorer's matching rule)");
  // The filter keeps nothing below its threshold (0.25).
  const edges = [0.25, 0.4, 0.6, 0.8, 0.9, 1.01];
  for (let b = 0; b + 1 < edges.length; b++) {
    const inBin = rated.filter((r) => r.confidence >= edges[b] && r.confidence < edges[b + 1]);
    if (!inBin.length) continue;
    const right = inBin.filter((r) => r.right).length;
    const label = `${edges[b]}-${Math.min(1, edges[b + 1])}`;
    console.log(
      `${label.padEnd(14)}${String(inBin.length).padStart(12)}  ${((100 * right) / inBin.length).toFixed(1)}%`,
    );
  }
}
