/**
 * The refactoring guard: runs extraction over fixed texts and prints one SHA-256 of everything it
 * produced, so a change meant to keep behaviour (moving word lists, splitting a module) can show that
 * the output is byte-identical before and after.
 *
 * Inputs: the PolNeAR dev texts (../shared/data/polnear/dev/text), the seed (../shared/data/seed) and
 * samples/corpus (text, HTML and dumps, read as ingest reads them). For every article it records
 *   - the default pipeline's attributions before the statement checks (spans, cue, source, content,
 *     kind, confidence, speaker),
 *   - the rules' attributions alone (the ensemble's filter could hide a change in the rules),
 *   - what processArticle stores (statements with raw spans, context, topics; article topics, people),
 * and for every pair of the judge's dev set (../shared/data/inconsistency/dev.csv) the judge's
 * features, evidence and verdict. Inputs absent from ../shared are named on stderr and left out, so
 * compare hashes made on the same data only.
 *
 * usage: npm run check:identical [-- --out FILE] [--omit KEY,...]
 *   --out writes the JSON lines hashed, to diff two runs;
 *   --omit leaves fields a change added out of processArticle's output, so the hash shows that nothing
 *   else moved (the provenance fields `page` and `extractedToPage` were added after the first hashes).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readPairsCsv } from "../src/analysis/judge/csv.ts";
import { pairFeatures } from "../src/analysis/judge/features.ts";
import { judgePair } from "../src/analysis/judge/index.ts";
import { cleanText } from "../src/clean/clean.ts";
import { readInputs } from "../src/ingest/read.ts";
import type { RawArticle } from "../src/ingest/types.ts";
import type { Attribution } from "../src/nlp/doc.ts";
import { analyze, pipelineWith } from "../src/nlp/pipeline.ts";
import { processArticle } from "../src/process.ts";

const REPO_ROOT = path.resolve(import.meta.dirname, "..");
const SHARED_DATA = path.resolve(REPO_ROOT, "../shared/data");

const outIndex = process.argv.indexOf("--out");
const outFile = outIndex >= 0 ? process.argv[outIndex + 1] : undefined;
if (outIndex >= 0 && !outFile) {
  console.error("--out needs a file name");
  process.exit(2);
}

const omitIndex = process.argv.indexOf("--omit");
const omitted = omitIndex >= 0 ? (process.argv[omitIndex + 1] ?? "").split(",").filter(Boolean) : [];
if (omitIndex >= 0 && omitted.length === 0) {
  console.error("--omit needs comma-separated field names");
  process.exit(2);
}

const COMBINED = pipelineWith("combined");
const RULES = pipelineWith("rules");

/** The fields of an attribution that define it, in a fixed key order. */
function attributionRecord(a: Attribution) {
  return {
    source: a.source,
    cue: a.cue,
    content: a.content,
    kind: a.kind,
    confidence: a.confidence ?? null,
    speaker: a.speaker ?? null,
  };
}

function articleLines(name: string, raw: RawArticle): string[] {
  const cleaned = cleanText(raw.text);
  const combined = analyze(cleaned.text, COMBINED).attributions.map(attributionRecord);
  const rules = analyze(cleaned.text, RULES).attributions.map(attributionRecord);
  const { rawText: _raw, text: _text, ...processed } = processArticle(raw);
  for (const key of omitted) delete (processed as Record<string, unknown>)[key];
  return [
    JSON.stringify({ article: name, combined }),
    JSON.stringify({ article: name, rules }),
    JSON.stringify({ article: name, processed }),
  ];
}

function textFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Articles in a fixed order, named relative to their folder. */
async function* articles(): AsyncGenerator<{ name: string; raw: RawArticle }> {
  for (const relative of ["polnear/dev/text", "seed"]) {
    const dir = path.join(SHARED_DATA, relative);
    if (!existsSync(dir)) {
      console.error(`../shared/data/${relative} absent: left out of the hash`);
      continue;
    }
    for (const file of textFiles(dir)) {
      const text = readFileSync(file, "utf8");
      yield { name: `${relative}/${path.basename(file)}`, raw: { text, origin: file, format: "text" } };
    }
  }
  const corpus = path.join(REPO_ROOT, "samples/corpus");
  let index = 0;
  for await (const result of readInputs([corpus])) {
    index++;
    if (!result.ok) {
      throw new Error(`samples/corpus: cannot read ${result.failure.origin}: ${result.failure.reason}`);
    }
    const origin = path.relative(REPO_ROOT, result.article.origin);
    yield { name: `${origin}#${index}`, raw: { ...result.article, origin } };
  }
}

function judgeLines(): string[] {
  const csv = path.join(SHARED_DATA, "inconsistency/dev.csv");
  if (!existsSync(csv)) {
    console.error("../shared/data/inconsistency/dev.csv absent: left out of the hash");
    return [];
  }
  const { pairs } = readPairsCsv(readFileSync(csv, "utf8"));
  return pairs.map((pair) =>
    JSON.stringify({
      pair: pair.id,
      features: pairFeatures(pair.text1, pair.text2),
      verdict: judgePair(pair.text1, pair.text2),
    }),
  );
}

const hash = createHash("sha256");
const written: string[] = [];
const add = (line: string) => {
  hash.update(line);
  hash.update("\n");
  if (outFile) written.push(line);
};
let count = 0;
for await (const { name, raw } of articles()) {
  for (const line of articleLines(name, raw)) add(line);
  count++;
}
const judged = judgeLines();
for (const line of judged) add(line);
if (outFile) writeFileSync(outFile, `${written.join("\n")}\n`);
console.log(`${count} articles, ${judged.length} judge pairs`);
console.log(`sha256 ${hash.digest("hex")}`);
