/**
 * Scores the committed weights on PolNeAR dev through the maintainers' scorer, running the shipped
 * extractor (tokenizer → sentencizer → attribution model) on the exact article text.
 *
 *   node --import tsx training/attribution/eval-dev.ts   # writes out/attribution-learned-dev.jsonl
 */
import path from "node:path";
import { extractAttributions } from "../../src/nlp/attribution-model/index.ts";
import { loadSplit } from "./polnear.ts";
import { POLNEAR, REPO_ROOT, runScorer, summarize, writePredictions } from "./score.ts";

const devDir = path.join(POLNEAR, "dev");
const predFile = path.join(REPO_ROOT, "out/attribution-learned-dev.jsonl");
const articles = loadSplit(devDir);
writePredictions(
  predFile,
  articles.map((a) => ({ name: a.name, attributions: extractAttributions(a.text) })),
);
const report = runScorer(devDir, predFile, true);
console.log(summarize(report));
console.log(
  Object.entries(report.byPublisher ?? {})
    .map(([publisher, prf]) => `${publisher} ${prf.f1.toFixed(3)}`)
    .join(", "),
);
