/**
 * Query latency of `timeline` and `mixed` on a record of about one million statements, on SQLite and on
 * PostgreSQL (issue 16). The same record is built on both:
 *
 *  1. through the real write path: a few hundred generated articles (bench/fixtures.ts) are analysed once,
 *     and `--base` variants of them (speakers renamed over a pool of 3,000 invented people, a fifth of the
 *     statements to 20 prominent ones; dates spread over 2019-2026; outlets spread) are stored with
 *     Store.addArticles, so people, aliases, links, topics and the search index are the record's own;
 *  2. in bulk, by SQL inside the database: `--copies` copies of every stored article, each with a line
 *     appended to its texts (after every span, so offsets stay exact), its id the SHA-256 of the new
 *     cleaned text as for any article, its dates moved on, and its statements, statement topics and search
 *     documents copied (each copy's statements keep their speaker).
 *
 * Then the app's own queries (src/app/queries.ts, as the CLI runs them) are timed, median of 5 after one
 * warm-up, for a typical speaker and for the most quoted: `timeline`, `timeline --about`, and `mixed`.
 *
 *   npm run bench:million -- [--base 4000] [--copies 50] [--keep]
 *
 * Needs PostgreSQL at 127.0.0.1:5432 (trust auth); uses the database onrecord_bench_million (dropped at the
 * end unless --keep) and out/bench-million/store.db.
 */

import { createHash } from "node:crypto";
import { mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { mixed, people, timeline } from "../src/app/queries.ts";
import { seededRandom } from "../src/core/random.ts";
import { type ProcessedArticle, processArticle } from "../src/process.ts";
import { openStore } from "../src/record/open-store.ts";
import type { Store } from "../src/record/store.ts";
import { articleCopy, speakerRenamer } from "./article-copy.ts";
import { generatedArticle } from "./fixtures.ts";
import { dropDatabase, freshDatabase } from "./postgres.ts";

const { values: flags } = parseArgs({
  options: {
    base: { type: "string", default: "4000" },
    copies: { type: "string", default: "50" },
    keep: { type: "boolean", default: false },
  },
});
const BASE = Number(flags.base);
const COPIES = Number(flags.copies);
if (!Number.isInteger(BASE) || BASE < 1 || !Number.isInteger(COPIES) || COPIES < 1)
  throw new Error("--base and --copies must be positive integers");
const BASES = 400;
const PEOPLE = 3000;
const PROMINENT = 20;
const DIR = path.join(import.meta.dirname, "..", "out", "bench-million");
const SQLITE = path.join(DIR, "store.db");
const PG_DB = "onrecord_bench_million";

const FIRST =
  "Ada Bram Cora Dario Edda Falk Greta Hugo Ines Jory Kaja Lorin Mila Nils Oda Pim Runa Sten Tove Ulla".split(
    " ",
  );
const LAST = Array.from({ length: 150 }, (_, i) =>
  `Q${(i * 7919).toString(36)}`.replace(/^Q(.)/, (_, c: string) => `${"BCDFGHKLMNPRSTVW"[i % 16]}${c}`),
);
const OUTLETS = Array.from(
  { length: 40 },
  (_, i) => `The ${["Ledger", "Courier", "Dispatch", "Herald"][i % 4]} ${i}`,
);

function personName(index: number): string {
  return `${FIRST[index % FIRST.length]} ${LAST[Math.floor(index / FIRST.length) % LAST.length]}son`;
}

/** Article `i` of the store: a processed base with new speakers, date, outlet and a unique tail. */
function variant(base: ProcessedArticle, i: number, random: () => number): ProcessedArticle {
  const tail = `\n\nFile ${i}.`;
  const rename = speakerRenamer(random, { prominent: PROMINENT, total: PEOPLE, name: personName });
  const day = new Date(Date.UTC(2019, 0, 1) + Math.floor(random() * 365) * 86_400_000);
  return articleCopy(base, i, {
    tail,
    published: day.toISOString().slice(0, 10),
    outlet: OUTLETS[i % OUTLETS.length],
    rename,
  });
}

const ARTICLE_COLUMNS =
  "origin, format, url, outlet, title, byline, published, raw_text, text, offset_map, statement_count, ingested_at, language";
const STATEMENT_COLUMNS = `ordinal, person_id, local_name_key, resolution, kind, source_start, source_end, cue_start,
  cue_end, content_spans, raw_source_start, raw_source_end, raw_cue_start, raw_cue_end, raw_content_spans, content,
  published, context_start, context_end, confidence`;
const shifted = (columns: string, shift: string) =>
  columns
    .split(",")
    .map((c) => c.trim())
    .map((c) => (c === "published" ? shift : `s.${c}`))
    .join(", ");

/** Copy `k` of every base article, with its statements and topics (SQLite; sha256hex registered). */
function copySqlite(db: Database.Database, k: number): void {
  const suffix = `\n\nCopy ${k}.`;
  const days = k * 53;
  db.transaction(() => {
    db.exec("DROP TABLE IF EXISTS temp.copy_map");
    db.prepare(
      "CREATE TEMP TABLE copy_map AS SELECT id AS old_id, sha256hex(text || ?) AS new_id FROM articles WHERE id IN (SELECT id FROM temp.base)",
    ).run(suffix);
    db.prepare(
      `INSERT INTO articles (id, ${ARTICLE_COLUMNS})
       SELECT m.new_id, a.origin || ?, a.format, a.url, a.outlet, a.title, a.byline, date(a.published, '+' || ? || ' days'),
         a.raw_text || ?, a.text || ?, a.offset_map, a.statement_count, a.ingested_at, a.language
       FROM articles a JOIN temp.copy_map m ON m.old_id = a.id`,
    ).run(`#${k}`, days, suffix, suffix);
    db.prepare(
      `INSERT INTO statements (article_id, ${STATEMENT_COLUMNS})
       SELECT m.new_id, ${shifted(STATEMENT_COLUMNS, "date(s.published, '+' || ? || ' days')")}
       FROM statements s JOIN temp.copy_map m ON m.old_id = s.article_id ORDER BY s.id`,
    ).run(days);
    db.exec(
      `INSERT INTO statement_topics (statement_id, key, label)
       SELECT n.id, t.key, t.label FROM statement_topics t JOIN statements s ON s.id = t.statement_id
       JOIN temp.copy_map m ON m.old_id = s.article_id
       JOIN statements n ON n.article_id = m.new_id AND n.ordinal = s.ordinal`,
    );
  })();
}

/** The same copy on PostgreSQL (sha256 is built in; the search document is copied with the statement). */
async function copyPg(client: pg.Client, k: number): Promise<void> {
  const suffix = `\n\nCopy ${k}.`;
  const days = k * 53;
  await client.query("BEGIN");
  await client.query("DROP TABLE IF EXISTS copy_map");
  await client.query(
    `CREATE TEMP TABLE copy_map AS SELECT id AS old_id, encode(sha256(convert_to(text || $1, 'UTF8')), 'hex') AS new_id
     FROM articles WHERE id IN (SELECT id FROM base)`,
    [suffix],
  );
  await client.query(
    `INSERT INTO articles (id, ${ARTICLE_COLUMNS})
     SELECT m.new_id, a.origin || $1, a.format, a.url, a.outlet, a.title, a.byline,
       to_char(a.published::date + $2::int, 'YYYY-MM-DD'), a.raw_text || $3, a.text || $3, a.offset_map,
       a.statement_count, a.ingested_at, a.language
     FROM articles a JOIN copy_map m ON m.old_id = a.id`,
    [`#${k}`, days, suffix],
  );
  await client.query(
    `INSERT INTO statements (article_id, ${STATEMENT_COLUMNS}, search)
     SELECT m.new_id, ${shifted(STATEMENT_COLUMNS, "to_char(s.published::date + $1::int, 'YYYY-MM-DD')")}, s.search
     FROM statements s JOIN copy_map m ON m.old_id = s.article_id ORDER BY s.id`,
    [days],
  );
  await client.query(
    `INSERT INTO statement_topics (statement_id, key, label)
     SELECT n.id, t.key, t.label FROM statement_topics t JOIN statements s ON s.id = t.statement_id
     JOIN copy_map m ON m.old_id = s.article_id
     JOIN statements n ON n.article_id = m.new_id AND n.ordinal = s.ordinal`,
  );
  await client.query("COMMIT");
}

async function writeBase(store: Store, bases: ProcessedArticle[]): Promise<void> {
  const random = seededRandom(7);
  const all = Array.from({ length: BASE }, (_, i) =>
    variant(bases[i % BASES] as ProcessedArticle, i, random),
  );
  for (let at = 0; at < all.length; at += 100)
    for (const outcome of await store.addArticles(all.slice(at, at + 100)))
      if (outcome.error) throw outcome.error;
  await store.settleSurnames();
}

async function median(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[2] as number;
}

async function timeQueries(name: string, spec: string): Promise<void> {
  const store = await openStore(spec, { readonly: true });
  try {
    const stats = await store.stats();
    const everyone = await people(store);
    const prominent = everyone[0];
    const typical = everyone[Math.floor(everyone.length / 2)];
    if (!prominent || !typical) throw new Error("no people in the record");
    console.log(
      `${name}: ${stats.articles} articles, ${stats.statements} statements, ${stats.people} people`,
    );
    for (const [label, who] of [
      ["typical", typical],
      ["most quoted", prominent],
    ] as const) {
      const speaker = who.name;
      const all = await timeline(store, { speaker });
      const line = [`  ${label} speaker (${who.statements} statements, ${all.length} once per story):`];
      line.push(`timeline ${(await median(() => timeline(store, { speaker }))).toFixed(0)} ms`);
      const about = all[0]?.topics?.find((key) => key.startsWith("issue:"))?.slice("issue:".length);
      if (about)
        line.push(
          `timeline --about ${about} ${(await median(() => timeline(store, { speaker, about }))).toFixed(0)} ms`,
        );
      line.push(`mixed ${(await median(() => mixed(store, { speaker, limit: 20 }))).toFixed(0)} ms`);
      console.log(line.join("; "));
    }
  } finally {
    await store.close();
  }
}

function cpu(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

mkdirSync(DIR, { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) rmSync(`${SQLITE}${suffix}`, { force: true });
const bases = Array.from({ length: BASES }, (_, i) =>
  processArticle({ origin: `base:${i}`, format: "text", text: generatedArticle(i) }),
);
const pgUrl = await freshDatabase(PG_DB);
try {
  for (const backend of ["SQLite", "PostgreSQL"] as const) {
    const spec = backend === "SQLite" ? SQLITE : pgUrl;
    let started = performance.now();
    let cpuFrom = cpu();
    const store = await openStore(spec, { create: true });
    await writeBase(store, bases);
    await store.close();
    const baseSeconds = (performance.now() - started) / 1000;
    const baseCpu = cpu() - cpuFrom;
    started = performance.now();
    cpuFrom = cpu();
    let pgSize = "";
    if (backend === "SQLite") {
      const db = new Database(SQLITE);
      db.function("sha256hex", (text: unknown) => createHash("sha256").update(String(text)).digest("hex"));
      db.exec("CREATE TEMP TABLE base AS SELECT id FROM articles");
      for (let k = 1; k < COPIES; k++) copySqlite(db, k);
      db.exec("ANALYZE");
      db.close();
    } else {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query("CREATE TEMP TABLE base AS SELECT id FROM articles");
      for (let k = 1; k < COPIES; k++) await copyPg(client, k);
      await client.query("VACUUM ANALYZE");
      const size = await client.query(
        `SELECT sum(pg_total_relation_size(c.oid))::float8 AS total, sum(pg_indexes_size(c.oid))::float8 AS indexes
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'`,
      );
      pgSize = `; tables ${(size.rows[0].total / 1e9).toFixed(2)} GB, of which indexes ${(size.rows[0].indexes / 1e9).toFixed(2)} GB`;
      await client.end();
    }
    const copySeconds = (performance.now() - started) / 1000;
    console.log(
      `${backend}: ${BASE} articles through the write path in ${baseSeconds.toFixed(0)} s (${baseCpu.toFixed(0)} s CPU here), ` +
        `${COPIES - 1} copies in SQL in ${copySeconds.toFixed(0)} s` +
        (backend === "SQLite" ? `; file ${(statSync(SQLITE).size / 1e9).toFixed(2)} GB` : pgSize),
    );
    await timeQueries(backend, spec);
  }
} finally {
  if (!flags.keep) {
    await dropDatabase(PG_DB);
    rmSync(DIR, { recursive: true, force: true });
  }
}
