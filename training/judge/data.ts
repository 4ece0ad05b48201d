/** Where the judge's training data lives and how it is read. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { readPairsCsv } from "../../src/analysis/judge/csv.ts";
import type { LabelledPair } from "./cv.ts";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
/** Third-party data stays outside the repository, beside it in ../shared/data. */
export const DEV_CSV = path.resolve(REPO_ROOT, "../shared/data/inconsistency/dev.csv");

/** Reads the labelled pairs of a CSV, warning on stderr about rows that were skipped. */
export function readLabelledPairs(file: string): LabelledPair[] {
  const { pairs, problems } = readPairsCsv(readFileSync(file, "utf8"));
  for (const p of problems) console.error(`${file}:${p.line}: ${p.message}`);
  const labelled = pairs.filter((p): p is LabelledPair => p.label !== undefined);
  if (labelled.length < pairs.length)
    console.error(`${file}: ${pairs.length - labelled.length} row(s) without a valid label3`);
  return labelled;
}
