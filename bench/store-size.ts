/**
 * Disk per article and per statement, with indexes, for docs/scale.md: ingests real news (the PolNeAR
 * train and dev texts in ../shared/data, read at run time; generated fictional articles when absent)
 * into a fresh record, then measures every table and its indexes: SQLite's dbstat, or PostgreSQL's
 * pg_table_size / pg_indexes_size with `--db postgres://...`. Also queues the same articles and measures
 * pg-boss's job table per job.
 *
 *   npm run bench:store-size -- [--db postgres://127.0.0.1/onrecord_size] [--articles N]
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { generatedArticle } from "./fixtures.ts";
import { measure } from "./measure.ts";
import { dropDatabase, freshDatabase, withClient } from "./postgres.ts";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    articles: { type: "string", default: "2000" },
    keep: { type: "boolean" },
    "no-queue": { type: "boolean" },
  },
});
const QUEUE_DB = "onrecord_size_queue";
const polnear = path.resolve(import.meta.dirname, "../../shared/data/polnear");
const realInputs = ["train", "dev"].map((part) => path.join(polnear, part, "text"));

const workDir = mkdtempSync(path.join(tmpdir(), "onrecord-size-"));
let inputs = realInputs;
let source = "PolNeAR train + dev texts (real news, ../shared/data)";
if (!realInputs.every((dir) => existsSync(dir))) {
  const dir = path.join(workDir, "generated");
  mkdirSync(dir);
  const count = Number(values.articles);
  for (let i = 0; i < count; i++) writeFileSync(path.join(dir, `g${i}.txt`), generatedArticle(i));
  inputs = [dir];
  source = `${count} generated fictional articles (PolNeAR absent)`;
}

interface Relation {
  name: string;
  tableBytes: number;
  indexBytes: number;
}

/**
 * SQLite: every b-tree's pages (dbstat). An index counts for its table; the FTS5 shadow tables
 * (statements_fts_data, _idx, _content, _docsize, _config) are the full-text index, counted as index bytes.
 */
function sqliteRelations(file: string): { relations: Relation[]; counts: Record<string, number> } {
  const db = new Database(file);
  try {
    db.pragma("wal_checkpoint(TRUNCATE)");
    const master = db.prepare("SELECT type, name, tbl_name AS tableName, sql FROM sqlite_master").all() as {
      type: string;
      name: string;
      tableName: string;
      sql: string | null;
    }[];
    const virtual = new Set(
      master.filter((row) => /VIRTUAL TABLE/i.test(row.sql ?? "")).map((row) => row.name),
    );
    const owner = (name: string): { table: string; index: boolean } => {
      const row = master.find((entry) => entry.name === name);
      if (row?.type === "index") return { table: row.tableName, index: true };
      const base = name.replace(/_(?:data|idx|content|docsize|config)$/, "");
      return virtual.has(base) ? { table: base, index: true } : { table: name, index: false };
    };
    const byTable = new Map<string, Relation>();
    for (const row of db.prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name").all() as {
      name: string;
      bytes: number;
    }[]) {
      const { table, index } = owner(row.name);
      const relation = byTable.get(table) ?? { name: table, tableBytes: 0, indexBytes: 0 };
      if (index) relation.indexBytes += row.bytes;
      else relation.tableBytes += row.bytes;
      byTable.set(table, relation);
    }
    const count = (table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      relations: [...byTable.values()],
      counts: {
        articles: count("articles"),
        statements: count("statements"),
        fileBytes: statSync(file).size,
      },
    };
  } finally {
    db.close();
  }
}

/** PostgreSQL: each table's heap (with TOAST) and its indexes, in every schema but the system's. */
async function postgresRelations(
  url: string,
  schemaFilter = "NOT IN ('pg_catalog', 'information_schema', 'pgboss')",
) {
  return withClient(url, async (client) => {
    await client.query("VACUUM ANALYZE");
    const { rows } = await client.query(
      `SELECT n.nspname || '.' || c.relname AS name, pg_table_size(c.oid)::float8 AS "tableBytes",
         pg_indexes_size(c.oid)::float8 AS "indexBytes"
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname ${schemaFilter} AND n.nspname NOT LIKE 'pg_toast%'`,
    );
    return rows as Relation[];
  });
}

function report(relations: Relation[], articles: number, statements: number) {
  const sorted = relations
    .filter((r) => r.tableBytes + r.indexBytes > 0)
    .sort((a, b) => b.tableBytes + b.indexBytes - (a.tableBytes + a.indexBytes));
  const total = sorted.reduce((sum, r) => sum + r.tableBytes + r.indexBytes, 0);
  const indexes = sorted.reduce((sum, r) => sum + r.indexBytes, 0);
  return {
    articles,
    statements,
    totalBytes: total,
    indexBytes: indexes,
    bytesPerArticle: Math.round(total / articles),
    bytesPerStatement: Math.round(total / statements),
    relations: sorted.map((r) => ({
      name: r.name,
      tableKB: Math.round(r.tableBytes / 1024),
      indexKB: Math.round(r.indexBytes / 1024),
    })),
  };
}

try {
  const db = values.db ?? path.join(workDir, "size.db");
  const ingest = await measure("bin/onrecord.js", ["ingest", ...inputs, "--db", db, "--json"], {
    timeoutSeconds: 3600,
  });
  if (ingest.code !== 0) throw new Error(`ingest failed: ${ingest.stderrTail}`);
  const summary = JSON.parse(ingest.stdout) as { stored: number; statements: number; seconds: number };
  let store: ReturnType<typeof report>;
  if (db.startsWith("postgres")) {
    const relations = await postgresRelations(db);
    const counts = await withClient(db, async (client) => ({
      articles: Number((await client.query("SELECT count(*) AS n FROM articles")).rows[0].n),
      statements: Number((await client.query("SELECT count(*) AS n FROM statements")).rows[0].n),
    }));
    store = report(relations, counts.articles, counts.statements);
  } else {
    const { relations, counts } = sqliteRelations(db);
    store = report(relations, counts.articles ?? 0, counts.statements ?? 0);
  }

  const figures: Record<string, unknown> = {
    source,
    backend: db.startsWith("postgres") ? "postgres" : "sqlite",
    ingestSeconds: summary.seconds,
    // CPU of the ingest process and its threads: the steadier figure on a shared machine.
    ingestCpuSeconds: ingest.cpuSeconds,
    cpuMsPerArticle:
      ingest.cpuSeconds === undefined ? undefined : Math.round((ingest.cpuSeconds * 1000) / summary.stored),
    store,
  };
  if (!values["no-queue"]) figures.queue = await queueSize();
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
} finally {
  if (values.keep) process.stderr.write(`kept ${workDir} and database ${QUEUE_DB}\n`);
  else {
    rmSync(workDir, { recursive: true, force: true });
    await dropDatabase(QUEUE_DB);
  }
}

/** The same articles queued as jobs, before any is done: what a backlog costs in pg-boss's tables. */
async function queueSize() {
  const queueUrl = await freshDatabase(QUEUE_DB);
  const enqueue = await measure("bin/onrecord.js", ["ingest", ...inputs, "--queue", queueUrl, "--json"], {
    timeoutSeconds: 3600,
  });
  if (enqueue.code !== 0) throw new Error(`ingest --queue failed: ${enqueue.stderrTail}`);
  const queued = JSON.parse(enqueue.stdout).queued as number;
  const jobRelations = await postgresRelations(queueUrl, "= 'pgboss'");
  const jobBytes = jobRelations
    .filter((r) => r.name.startsWith("pgboss.j"))
    .reduce((sum, r) => sum + r.tableBytes + r.indexBytes, 0);

  return { jobs: queued, bytesPerQueuedJob: Math.round(jobBytes / queued) };
}
