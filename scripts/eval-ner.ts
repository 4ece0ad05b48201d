/**
 * Evaluates the committed NER model on CoNLL-2003 eng.testa: writes out/ner-testa.txt, runs the shared
 * scorer (per-type P/R/F1) and reports tagging speed with the model already loaded.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { formatConll, readConll } from "../src/nlp/ner/conll.ts";
import { defaultModel, tagConll } from "../src/nlp/ner/index.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const gold = path.resolve(repoRoot, "../shared/data/conll2003/eng.testa");
const scorer = path.resolve(repoRoot, "../shared/tools/score-ner.mjs");
const modelArg = process.argv.indexOf("--model");
if (!existsSync(gold)) {
  console.error(`${gold} not found: the evaluation needs ../shared/data`);
  process.exit(2);
}

const model =
  modelArg >= 0
    ? (await import("../src/nlp/ner/model.ts")).loadModel(path.resolve(process.argv[modelArg + 1]))
    : defaultModel();
const documents = readConll(gold);
const tokenCount = documents.reduce((n, d) => n + d.sentences.reduce((m, s) => m + s.tokens.length, 0), 0);
const started = performance.now();
const tags = tagConll(model, documents);
const seconds = (performance.now() - started) / 1000;

mkdirSync(path.join(repoRoot, "out"), { recursive: true });
const predictions = path.join(repoRoot, "out/ner-testa.txt");
writeFileSync(predictions, `${formatConll(documents, tags)}\n`);
process.stdout.write(
  execFileSync(process.execPath, [scorer, "--gold", gold, "--pred", predictions], { encoding: "utf8" }),
);
console.log(
  `speed ${Math.round(tokenCount / seconds)} tokens/s (${tokenCount} tokens in ${seconds.toFixed(1)} s)`,
);
