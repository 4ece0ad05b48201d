/**
 * Evaluates the statement judge on dev.csv: predicts with the shipped model into out/, scores with the
 * shared scorer, then prints the honest figure: repeated stratified k-fold cross-validation on dev
 * (models trained on the other folds, same settings as the shipped model).
 *
 * usage: npm run eval:inconsistency [-- --folds 5 --repeats 10 --seed 7]
 * The fit on dev is optimistic (the shipped model was trained on it); the CV figure is the estimate.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { pairFeatures } from "../src/analysis/judge/features.ts";
import { crossValidate, JUDGE_TRAIN_OPTIONS } from "../training/judge/cv.ts";
import { DEV_CSV, REPO_ROOT, readLabelledPairs } from "../training/judge/data.ts";
import { predictionLines } from "./predict-inconsistency.ts";

const { values } = parseArgs({
  options: {
    gold: { type: "string", default: DEV_CSV },
    folds: { type: "string", default: "5" },
    repeats: { type: "string", default: "10" },
    seed: { type: "string", default: "7" },
  },
});
const gold = values.gold as string;
if (!existsSync(gold)) {
  console.error(`gold data not found: ${gold} (../shared/data absent?)`);
  process.exit(2);
}

const outDir = path.join(REPO_ROOT, "out");
mkdirSync(outDir, { recursive: true });
const predFile = path.join(outDir, "inconsistency-dev.tsv");
writeFileSync(predFile, `${predictionLines(readFileSync(gold, "utf8"), console.error).join("\n")}\n`);
const scorer = path.resolve(REPO_ROOT, "../shared/tools/score-inconsistency.mjs");
console.log(
  `fit on dev (shipped model, trained on these pairs; optimistic) → ${path.relative(process.cwd(), predFile)}`,
);
console.log(
  execFileSync(process.execPath, [scorer, "--gold", gold, "--pred", predFile], {
    encoding: "utf8",
  }).trimEnd(),
);

// How often the same-proposition rule (decide.ts) overrides the model on dev, and how often it is right.
const labelled = readLabelledPairs(gold);
const ruled = labelled.flatMap((p) => {
  const rule = pairFeatures(p.text1, p.text2).sameProposition;
  return rule ? [{ gold: p.label, said: rule.flipped ? "Inconsistent" : "Consistent" }] : [];
});
console.log(
  `same-proposition rule: fires on ${ruled.length} pairs, right on ${ruled.filter((r) => r.gold === r.said).length}`,
);

const k = Number(values.folds);
const repeats = Number(values.repeats);
const cv = crossValidate(labelled, { k, repeats, seed: Number(values.seed), train: JUDGE_TRAIN_OPTIONS });
const f = (v: number) => v.toFixed(3);
console.log(`\ncross-validated (${repeats}× stratified ${k}-fold on dev, trained on the other folds):`);
console.log(
  `macro F1 ${f(cv.macroF1Mean)} ± ${f(cv.macroF1Sd)} (sd over repeats; min ${f(Math.min(...cv.runs.map((r) => r.macroF1)))}, max ${f(Math.max(...cv.runs.map((r) => r.macroF1)))})  accuracy ${f(cv.accuracyMean)}`,
);
console.log(
  `spread over single folds of ~${Math.round(labelled.length / k)} pairs: sd ${f(cv.foldMacroF1Sd)}`,
);
console.log(
  `per label: ${Object.entries(cv.perLabelMean)
    .map(([l, v]) => `${l} F1 ${f(v)}`)
    .join("  ")}`,
);
