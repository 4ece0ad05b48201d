/**
 * Predicts gap-validation.tsv into out/gap-validation.pred.tsv and scores it with the shared scorer.
 * usage: node --import tsx scripts/eval-gap.ts [GOLD.tsv]
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { predictGap } from "../src/nlp/coref/gap.ts";
import { formatGapPredictions, parseGap } from "../src/nlp/coref/gap-file.ts";
import { defaultModel } from "../src/nlp/coref/index.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const shared = path.resolve(repoRoot, "../shared");
const gold = process.argv[2] ?? path.join(shared, "data/gap/gap-validation.tsv");
if (!existsSync(gold)) {
  console.error(`${gold} not found (../shared/data absent?)`);
  process.exit(2);
}
const { examples, errors } = parseGap(readFileSync(gold, "utf8"));
for (const e of errors) console.error(`${gold}:${e.line}: ${e.message}`);
const model = defaultModel();
mkdirSync(path.join(repoRoot, "out"), { recursive: true });
const pred = path.join(repoRoot, "out", `${path.basename(gold, ".tsv")}.pred.tsv`);
writeFileSync(pred, formatGapPredictions(examples.map((example) => predictGap(model, example))));
console.log(`predictions: ${path.relative(repoRoot, pred)}`);
const scorer = path.join(shared, "tools/score-gap.mjs");
process.stdout.write(
  execFileSync(process.execPath, [scorer, "--gold", gold, "--pred", pred], { encoding: "utf8" }),
);
