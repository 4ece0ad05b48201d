import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Attribution } from "../../src/nlp/doc.ts";

/** Where the shared data and the maintainers' scorer live, relative to the repository root. */
export const REPO_ROOT = path.resolve(new URL("../..", import.meta.url).pathname);
export const SHARED = path.resolve(REPO_ROOT, "../shared");
export const POLNEAR = path.join(SHARED, "data/polnear");
const SCORER = path.join(SHARED, "tools/score-attributions.mjs");

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

export interface ScoreReport {
  attribution: Prf;
  exact: Record<"source" | "cue" | "content", Prf>;
  token: Record<"source" | "cue" | "content", Prf>;
  byPublisher?: Record<string, Prf>;
}

export function writePredictions(
  file: string,
  predictions: Array<{ name: string; attributions: Attribution[] }>,
) {
  mkdirSync(path.dirname(file), { recursive: true });
  const lines = predictions.map(({ name, attributions }) =>
    JSON.stringify({
      file: `${name}.txt`,
      attributions: attributions.map((a) => ({
        source: a.source,
        cue: a.cue,
        content: a.content,
        kind: a.kind,
      })),
    }),
  );
  writeFileSync(file, `${lines.join("\n")}\n`);
}

/** Runs the maintainers' scorer, so cross-validation uses exactly the metric the test split is scored with. */
export function runScorer(goldDir: string, predFile: string, byPublisher = false): ScoreReport {
  const args = [SCORER, "--gold", goldDir, "--pred", predFile, "--json"];
  if (byPublisher) args.push("--by-publisher");
  return JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8" })) as ScoreReport;
}

/**
 * Builds a gold folder in /tmp holding only `names` (symlinks into the train split), so that the scorer
 * can score one cross-validation fold. Never inside the repository.
 */
export function foldGoldDir(splitDir: string, names: string[], tag: string): string {
  const dir = path.join("/tmp", `onrecord-attribution-cv-${process.pid}`, tag);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "text"), { recursive: true });
  mkdirSync(path.join(dir, "attributions"), { recursive: true });
  const wanted = new Set(names);
  for (const name of names) {
    symlinkSync(path.join(splitDir, "text", `${name}.txt`), path.join(dir, "text", `${name}.txt`));
  }
  for (const file of readdirSync(path.join(splitDir, "attributions"))) {
    const match = file.match(/^(.*)_([0-9a-f]{4})\.ann$/);
    if (match && wanted.has(match[1])) {
      symlinkSync(path.join(splitDir, "attributions", file), path.join(dir, "attributions", file));
    }
  }
  return dir;
}

export function summarize(report: ScoreReport): string {
  const pct = (x: Prf) => `${x.f1.toFixed(3)} (P ${x.precision.toFixed(2)} R ${x.recall.toFixed(2)})`;
  return [
    `attribution F1 ${pct(report.attribution)}`,
    `exact F1 source ${pct(report.exact.source)} cue ${pct(report.exact.cue)} content ${pct(report.exact.content)}`,
    `token F1 source ${pct(report.token.source)} cue ${pct(report.token.cue)} content ${pct(report.token.content)}`,
  ].join("\n");
}
