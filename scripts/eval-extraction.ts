/**
 * Article-body extraction benchmark: runs readPage over ../shared/data/article-extraction/html/*.html.gz,
 * writes out/extraction-predictions.json ({ID: {articleBody}}) and scores it with the benchmark's own scorer.
 *
 * usage: npm run eval:extraction [-- --worst N]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { readPage } from "../src/ingest/html.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = path.resolve(repoRoot, "../shared/data/article-extraction");
const scorer = path.resolve(repoRoot, "../shared/tools/score-extraction.mjs");
const htmlDir = path.join(dataDir, "html");

if (!existsSync(htmlDir) || !existsSync(scorer)) {
  console.error(`benchmark data not found (${htmlDir}); nothing to evaluate`);
  process.exit(2);
}

const gold = JSON.parse(readFileSync(path.join(dataDir, "ground-truth.json"), "utf8")) as Record<
  string,
  { url?: string }
>;
const predictions: Record<string, { articleBody: string }> = {};
const files = readdirSync(htmlDir)
  .filter((name) => name.endsWith(".html.gz"))
  .sort();
for (const name of files) {
  const id = name.slice(0, -".html.gz".length);
  const html = gunzipSync(readFileSync(path.join(htmlDir, name))).toString("utf8");
  predictions[id] = { articleBody: readPage(html, gold[id]?.url).text };
}

const outDir = path.join(repoRoot, "out");
mkdirSync(outDir, { recursive: true });
const predictionFile = path.join(outDir, "extraction-predictions.json");
writeFileSync(predictionFile, JSON.stringify(predictions, null, 1));
console.log(`extracted ${files.length} pages → ${path.relative(repoRoot, predictionFile)}`);

const result = spawnSync(
  process.execPath,
  [
    scorer,
    "--gold",
    path.join(dataDir, "ground-truth.json"),
    "--pred",
    predictionFile,
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);
process.exit(result.status ?? 1);
