/**
 * Scores the pipeline on the project's own sample corpus against samples/expected.json: for each check,
 * is the statement found (a statement whose content holds the phrase), and are its speaker, kind and
 * source right? Usage: npm run eval:samples [-- --verbose] [-- --json]
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readInputs } from "../src/ingest/read.ts";
import { type ProcessedArticle, processArticle } from "../src/process.ts";

export interface SampleCheck {
  file: string;
  record?: number;
  speaker: string;
  kind: string;
  content_contains: string;
  source_text: string;
  storyline?: string;
  case?: string;
}

export interface SampleScore {
  checks: number;
  found: number;
  speaker: number;
  kind: number;
  source: number;
  misses: string[];
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SAMPLES_DIR = path.join(repoRoot, "samples", "corpus");

/** Reads and processes every sample article, keyed by "file" or "file#record" as expected.json names them. */
export async function processSamples(dir = SAMPLES_DIR): Promise<Map<string, ProcessedArticle>> {
  const byKey = new Map<string, ProcessedArticle>();
  const recordCounts = new Map<string, number>();
  for await (const result of readInputs([dir])) {
    if (!result.ok) throw new Error(`sample ${result.failure.origin} failed: ${result.failure.reason}`);
    const { origin } = result.article;
    // Dump records come as "path:LINE" in file order; expected.json counts them 1, 2, 3 ...
    const [file, line] = /:\d+$/.test(origin) ? [origin.replace(/:\d+$/, ""), true] : [origin, false];
    const relative = path.relative(dir, file);
    let key = relative;
    if (line) {
      const record = (recordCounts.get(relative) ?? 0) + 1;
      recordCounts.set(relative, record);
      key = `${relative}#${record}`;
    }
    byKey.set(key, processArticle(result.article));
  }
  return byKey;
}

export function scoreSamples(articles: Map<string, ProcessedArticle>, checks: SampleCheck[]): SampleScore {
  const score: SampleScore = { checks: checks.length, found: 0, speaker: 0, kind: 0, source: 0, misses: [] };
  for (const check of checks) {
    const key = check.record ? `${check.file}#${check.record}` : check.file;
    const article = articles.get(key);
    if (!article) {
      score.misses.push(`no article ${key}`);
      continue;
    }
    const statement = article.statements.find((s) => s.contentText.includes(check.content_contains));
    if (!statement) {
      score.misses.push(`missed   ${key}: ${check.content_contains}`);
      continue;
    }
    score.found++;
    if (statement.speaker?.name === check.speaker) score.speaker++;
    else
      score.misses.push(`speaker  ${key}: want ${check.speaker}, got ${statement.speaker?.name ?? "none"}`);
    if (statement.kind === check.kind) score.kind++;
    else
      score.misses.push(
        `kind     ${key}: want ${check.kind}, got ${statement.kind} (${check.content_contains})`,
      );
    const source = statement.source ? article.text.slice(statement.source.start, statement.source.end) : "";
    if (source.includes(check.source_text)) score.source++;
  }
  return score;
}

async function main() {
  const checks: SampleCheck[] = JSON.parse(
    readFileSync(path.join(repoRoot, "samples", "expected.json"), "utf8"),
  );
  const score = scoreSamples(await processSamples(), checks);
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(score, null, 2));
    return;
  }
  const pct = (n: number) => `${n}/${score.checks} (${((100 * n) / score.checks).toFixed(0)}%)`;
  console.log(`sample checks: ${score.checks}`);
  console.log(`statement found: ${pct(score.found)}`);
  console.log(`speaker right:   ${pct(score.speaker)}`);
  console.log(`kind right:      ${pct(score.kind)}`);
  console.log(`source right:    ${pct(score.source)}`);
  if (process.argv.includes("--verbose")) console.log(`\n${score.misses.join("\n")}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();
