/**
 * Labels statement pairs: reads a CSV with columns id, text1, text2 (others ignored) and writes one
 * line "id<TAB>label" per pair to stdout, label Inconsistent, Unrelated or Consistent.
 * Malformed rows are reported on stderr with their line number and skipped.
 *
 * usage: npm run --silent predict:inconsistency -- IN.csv > OUT.tsv
 */
import { readFileSync } from "node:fs";
import { readPairsCsv } from "../src/analysis/judge/csv.ts";
import { judgePair } from "../src/analysis/judge/index.ts";

export function predictionLines(csv: string, warn: (message: string) => void = () => {}): string[] {
  const { pairs, problems } = readPairsCsv(csv);
  for (const p of problems) warn(`line ${p.line}: ${p.message}`);
  return pairs.map((p) => `${p.id}\t${judgePair(p.text1, p.text2).label}`);
}

function main(): void {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: predict-inconsistency IN.csv > OUT.tsv");
    process.exit(2);
  }
  let csv: string;
  try {
    csv = readFileSync(file, "utf8");
  } catch (error) {
    console.error(`cannot read ${file}: ${(error as Error).message}`);
    process.exit(2);
  }
  const lines = predictionLines(csv, (message) => console.error(`${file}: ${message}`));
  process.stdout.write(lines.length ? `${lines.join("\n")}\n` : "");
}

// Run only as a script, so tests can import predictionLines.
if (process.argv[1] && import.meta.filename === (await import("node:path")).resolve(process.argv[1])) main();
