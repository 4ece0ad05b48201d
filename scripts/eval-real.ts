/**
 * The real-news evaluation (issue 11): builds out/real/real.db from the PolNeAR train and dev texts with
 * their metadata and the article-extraction pages (scripts/real/corpus.ts), then runs each part in
 * scripts/real/ in turn and prints a table of every figure, also written to out/real/figures.json.
 * Parts that are not in this checkout yet are listed as "not measured yet". Labels: labels/real/,
 * how they were made: docs/real-news-eval.md.
 *
 * usage: npm run eval:real [-- --no-rebuild] [-- --no-gazetteer]
 *   --no-rebuild reuses out/real/real.db when it exists; --no-gazetteer builds it without importing the
 *   gazetteer (../shared/data/gazetteer) first.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { contextFromArgs } from "./real/common.ts";
import type { RealContext } from "./real/context.ts";
import { outDir, repoRoot } from "./real/corpus.ts";

/** The parts, in the order they run; each is scripts/real/NAME.ts exporting run(ctx). */
const PARTS = ["people", "speakers", "mixed", "statements", "roles"] as const;

type Part = { run: (ctx: RealContext) => Record<string, number> | Promise<Record<string, number>> };

const started = Date.now();
const ctx = await contextFromArgs();
const articles = ctx.sql.prepare("SELECT count(*) FROM articles").pluck().get() as number;
const statements = ctx.sql.prepare("SELECT count(*) FROM statements").pluck().get() as number;
console.log(
  `real store ${path.relative(repoRoot, ctx.db)}: ${articles} articles (${ctx.docOf.size} mapped to a document), ${statements} statements\n`,
);

const figures: Record<string, Record<string, number> | "not measured yet" | "failed"> = {};
let failed = false;
for (const name of PARTS) {
  const file = path.join(repoRoot, "scripts/real", `${name}.ts`);
  console.log(`## ${name}`);
  if (!existsSync(file)) {
    console.log("not measured yet\n");
    figures[name] = "not measured yet";
    continue;
  }
  try {
    const part = (await import(pathToFileURL(file).href)) as Part;
    figures[name] = await part.run(ctx);
  } catch (error) {
    // One broken part must not hide the others' figures.
    console.log(`failed: scripts/real/${name}.ts: ${(error as Error).message}`);
    figures[name] = "failed";
    failed = true;
  }
  console.log("");
}
await ctx.store.close();

console.log("## summary");
const rows: [string, string][] = [];
for (const [part, values] of Object.entries(figures)) {
  if (typeof values === "string") rows.push([part, values]);
  else for (const [key, value] of Object.entries(values)) rows.push([`${part}.${key}`, String(value)]);
}
const width = Math.max(...rows.map(([key]) => key.length));
for (const [key, value] of rows) console.log(`${key.padEnd(width)}  ${value}`);

mkdirSync(outDir, { recursive: true });
const out = path.join(outDir, "figures.json");
writeFileSync(
  out,
  `${JSON.stringify({ measuredAt: new Date().toISOString(), articles, statements, figures }, null, 2)}\n`,
);
console.log(`\n→ ${path.relative(repoRoot, out)} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
if (failed) process.exitCode = 1;
