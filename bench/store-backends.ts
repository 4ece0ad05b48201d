/**
 * The record's write path and queries on both backends: the same generated articles, analysed once, are
 * stored in a fresh SQLite file and a fresh PostgreSQL database (one writer each; analysis is not timed),
 * then the same queries are timed on both. What it measures is the store alone: the cost of a network
 * round trip per query against SQLite's in-process calls.
 *
 *   npm run bench:store -- [--articles N] [--pg postgres://127.0.0.1/postgres]
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { processArticle } from "../src/process.ts";
import { openStore } from "../src/record/open-store.ts";
import type { ProcessedArticle } from "../src/record/types.ts";
import { generatedArticle } from "./fixtures.ts";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "2000" },
    pg: { type: "string", default: "postgres://postgres@127.0.0.1:5432" },
  },
});
const count = Number(values.articles);
if (!Number.isInteger(count) || count < 1) throw new Error("--articles must be a positive integer");

const articles: ProcessedArticle[] = [];
for (let i = 0; i < count; i++)
  articles.push(
    processArticle({ origin: `generated-${i}.txt`, format: "text", text: generatedArticle(i) } as never),
  );
const statements = articles.reduce((sum, a) => sum + a.statements.length, 0);

interface Backend {
  name: string;
  add(article: ProcessedArticle): Promise<unknown>;
  settle(): Promise<unknown>;
  queries: Record<string, () => Promise<unknown>>;
  size(): Promise<number>;
  close(): Promise<void>;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function queries(store: {
  statements(f: object): unknown;
  statementViews(s: string): unknown;
  people(): unknown;
  topics(): unknown;
}): Record<string, () => Promise<unknown>> {
  return {
    "statements --search": async () => store.statements({ search: "budget" }),
    "timeline (one speaker)": async () => store.statementViews("Oren Valk"),
    people: async () => store.people(),
    topics: async () => store.topics(),
  };
}

const dir = mkdtempSync(path.join(tmpdir(), "onrecord-bench-store-"));
const database = `onrecord_bench_store_${process.pid}`;
const file = path.join(dir, "bench.db");
const sqlite = await openStore(file, { create: true });
const postgres = await openStore(`${values.pg}/${database}`, { create: true });
const admin = new pg.Client({ connectionString: `${values.pg}/postgres` });
await admin.connect();
const backends: Backend[] = [
  {
    name: "SQLite",
    add: async (a) => sqlite.addArticle(a),
    settle: async () => sqlite.settleSurnames(),
    queries: queries(sqlite),
    // Closing the last connection checkpoints the write-ahead log into the file.
    size: async () => statSync(file).size,
    close: () => sqlite.close(),
  },
  {
    name: "PostgreSQL",
    add: (a) => postgres.addArticle(a),
    settle: () => postgres.settleSurnames(),
    queries: queries(postgres),
    // The record's tables with their indexes and TOAST, not the catalogs every database has.
    size: async () => {
      const client = new pg.Client({ connectionString: `${values.pg}/${database}` });
      await client.connect();
      const sql = `SELECT sum(pg_total_relation_size(c.oid)) AS n FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'`;
      const size = Number((await client.query(sql)).rows[0].n);
      await client.end();
      return size;
    },
    close: () => postgres.close(),
  },
];

try {
  console.log(`${count} generated articles, ${statements} statements, one writer; analysis not timed`);
  for (const backend of backends) {
    const ms = await timed(async () => {
      for (const article of articles) await backend.add(article);
      await backend.settle();
    });
    const line = [`${backend.name}: store ${(count / (ms / 1000)).toFixed(0)} articles/s`];
    line.push(`(${(statements / (ms / 1000)).toFixed(0)} statements/s)`);
    for (const [name, query] of Object.entries(backend.queries)) {
      await query();
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) runs.push(await timed(query));
      line.push(`; ${name} ${runs.sort((a, b) => a - b)[2]?.toFixed(1)} ms`);
    }
    await backend.close();
    line.push(`; ${((await backend.size()) / statements).toFixed(0)} bytes/statement on disk with indexes`);
    console.log(line.join(" "));
  }
} finally {
  for (const backend of backends) await backend.close();
  await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(database)} WITH (FORCE)`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}
