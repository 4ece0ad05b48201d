/**
 * Where a PostgreSQL article write spends its time: the same generated articles (analysed once, not timed)
 * are written to fresh PostgreSQL databases one writer at a time, one article per transaction and then in
 * batches, counting every round trip to the server and timing each kind of statement. Also SQLite, for the
 * ratio the brief asks about (PostgreSQL within ~2x of SQLite).
 *
 *   npm run bench:pg-writes -- [--articles 600] [--batch 25]
 *
 * Needs PostgreSQL at 127.0.0.1:5432 (trust auth); uses and drops the database onrecord_bench_pg_writes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { processArticle } from "../src/process.ts";
import { openStore } from "../src/record/open-store.ts";
import type { Store } from "../src/record/store.ts";
import type { ProcessedArticle } from "../src/record/types.ts";
import { generatedArticle } from "./fixtures.ts";
import { dropDatabase, freshDatabase } from "./postgres.ts";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "600" },
    batch: { type: "string", default: "25" },
  },
});
const count = Number(values.articles);
const batchSize = Number(values.batch);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(batchSize) || batchSize < 1)
  throw new Error("--articles and --batch must be positive integers");

const articles: ProcessedArticle[] = [];
for (let i = 0; i < count; i++)
  articles.push(processArticle({ origin: `g${i}.txt`, format: "text", text: generatedArticle(i) }));
const statements = articles.reduce((sum, a) => sum + a.statements.length, 0);

/** Every query a pg client sends, by the first words of its text: count and wall time. */
const perKind = new Map<string, { count: number; ms: number }>();
let counting = false;
const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: unknown }).query = function (
  this: pg.Client,
  ...args: unknown[]
) {
  const result = original.apply(this, args);
  if (!counting || !(result instanceof Promise)) return result;
  const config = args[0] as string | { text: string };
  const text = typeof config === "string" ? config : config.text;
  const kind = text
    .replace(/\s+/g, " ")
    .trim()
    .match(/^(\w+(?: \w+)?(?: \w+)?(?: \w+)?)/)?.[1]
    .slice(0, 40);
  const from = performance.now();
  return result.finally(() => {
    const entry = perKind.get(kind ?? "?") ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += performance.now() - from;
    perKind.set(kind ?? "?", entry);
  });
};

function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

async function writeAll(store: Store, batch: number): Promise<{ seconds: number; cpu: number }> {
  const started = performance.now();
  const cpu = cpuSeconds();
  for (let at = 0; at < articles.length; at += batch) {
    const chunk = articles.slice(at, at + batch);
    if (batch === 1) await store.addArticle(chunk[0] as ProcessedArticle);
    else for (const outcome of await store.addArticles(chunk)) if (outcome.error) throw outcome.error;
  }
  return { seconds: (performance.now() - started) / 1000, cpu: cpuSeconds() - cpu };
}

const DB = "onrecord_bench_pg_writes";
const dir = mkdtempSync(path.join(tmpdir(), "onrecord-bench-pg-writes-"));
console.log(`${count} generated articles, ${statements} statements, one writer; analysis not timed`);
try {
  for (const batch of [1, batchSize]) {
    const sqlite = await openStore(path.join(dir, `b${batch}.db`), { create: true });
    const s = await writeAll(sqlite, batch);
    await sqlite.close();
    console.log(
      `SQLite, ${batch} per transaction: ${(count / s.seconds).toFixed(0)} articles/s, ` +
        `${((s.cpu / count) * 1000).toFixed(2)} ms CPU per article`,
    );
  }
  for (const batch of [1, batchSize]) {
    const url = await freshDatabase(DB);
    const store = await openStore(url, { create: true });
    perKind.clear();
    counting = true;
    const s = await writeAll(store, batch);
    counting = false;
    await store.close();
    const trips = [...perKind.values()].reduce((sum, k) => sum + k.count, 0);
    console.log(
      `PostgreSQL, ${batch} per transaction: ${(count / s.seconds).toFixed(0)} articles/s, ` +
        `${((s.cpu / count) * 1000).toFixed(2)} ms CPU per article in this process, ` +
        `${(trips / count).toFixed(1)} round trips per article, ${((s.seconds * 1000) / trips).toFixed(2)} ms each`,
    );
    const kinds = [...perKind].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12);
    for (const [kind, k] of kinds)
      console.log(
        `  ${kind.padEnd(42)} ${(k.count / count).toFixed(2).padStart(6)} per article  ${(k.ms / count).toFixed(2).padStart(6)} ms per article`,
      );
  }
} finally {
  await dropDatabase(DB);
  rmSync(dir, { recursive: true, force: true });
}
