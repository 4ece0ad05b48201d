/**
 * A fingerprint of what extraction finds on the PolNeAR dev articles: sha256 of the JSON of every
 * article's attributions, for the combined extractor (the default pipeline, speakers included) and the
 * learned tagger alone. A speed change that keeps the same weights must keep both hashes: run this before
 * and after and compare (docs/figures.md lists the current pair).
 *
 *   node --import tsx bench/attribution-fingerprint.ts
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { extractAttributions } from "../src/nlp/attribution-model/index.ts";
import { analyze } from "../src/nlp/pipeline.ts";

const DEV_TEXT = path.resolve(import.meta.dirname, "../../shared/data/polnear/dev/text");
if (!existsSync(DEV_TEXT)) {
  console.log(`skipped: ${DEV_TEXT} is absent (the PolNeAR data lives in ../shared/data)`);
  process.exit(0);
}

const combined = createHash("sha256");
const learned = createHash("sha256");
let articles = 0;
let found = 0;
for (const file of readdirSync(DEV_TEXT).sort()) {
  const text = readFileSync(path.join(DEV_TEXT, file), "utf8");
  const doc = analyze(text);
  combined.update(`${file}\n${JSON.stringify(doc.attributions)}\n`);
  learned.update(`${file}\n${JSON.stringify(extractAttributions(text))}\n`);
  articles++;
  found += doc.attributions.length;
}
console.log(`${articles} articles, ${found} attributions (combined, with speakers)`);
console.log(`combined ${combined.digest("hex")}`);
console.log(`learned  ${learned.digest("hex")}`);
