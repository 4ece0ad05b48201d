/**
 * Predicts GAP coreference decisions.
 * usage: node --import tsx scripts/predict-gap.ts IN.tsv > OUT.tsv
 * Writes `ID<TAB>A-coref<TAB>B-coref` lines (with a header), as ../shared/tools/score-gap.mjs expects.
 * Bad rows are reported on stderr with their line number and skipped; the exit code is 1 if there were any.
 */
import { readFileSync } from "node:fs";
import { predictGap } from "../src/nlp/coref/gap.ts";
import { formatGapPredictions, parseGap } from "../src/nlp/coref/gap-file.ts";
import { defaultModel } from "../src/nlp/coref/index.ts";

const input = process.argv[2];
if (!input) {
  console.error("usage: predict-gap.ts IN.tsv > OUT.tsv");
  process.exit(2);
}
const { examples, errors } = parseGap(readFileSync(input, "utf8"));
for (const e of errors) console.error(`${input}:${e.line}${e.id ? ` (${e.id})` : ""}: ${e.message}`);
const model = defaultModel();
process.stdout.write(formatGapPredictions(examples.map((example) => predictGap(model, example))));
if (errors.length > 0) process.exitCode = 1;
