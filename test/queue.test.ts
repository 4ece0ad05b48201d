import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { generatedArticle } from "../bench/fixtures.ts";
import { ingestInputs } from "../src/app/run-ingest.ts";
import type { RawArticle } from "../src/core/article.ts";
import { closeQueue, DEAD_LETTER_QUEUE, INGEST_QUEUE, openQueue } from "../src/queue/connection.ts";
import { articleOfJob, jobDataOf } from "../src/queue/job.ts";
import { openStore } from "../src/record/open-store.ts";
import { postgresSkip, query, run, start, testDatabase } from "./queue-helper.ts";

const dir = mkdtempSync(path.join(tmpdir(), "onrecord-queue-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("a job carries its record exactly: NUL, lone surrogates and metadata survive; bad jobs are named", () => {
  const article: RawArticle = {
    origin: "dump.jsonl:7",
    format: "jsonl",
    text: 'Nul \u0000 here, a lone \ud800 surrogate, "quotes" and é.',
    title: "T",
    published: "2026-03-09",
  };
  const job = jobDataOf(article);
  assert.ok(job.ok);
  // What PostgreSQL's jsonb stores: the record is one JSON string, so no raw NUL reaches the database.
  assert.ok(!JSON.stringify(job.data).includes("\u0000"));
  assert.deepEqual(articleOfJob(JSON.parse(JSON.stringify(job.data))), article);

  const big = jobDataOf({ ...article, text: "x".repeat(5000) }, 1000);
  assert.ok(!big.ok);
  assert.match(big.reason, /^record too large: 5\d{3} bytes \(limit 1000 bytes\) for a queue job$/);

  assert.throws(() => articleOfJob({ origin: "x" }), /not an article job: no record string/);
  assert.throws(() => articleOfJob({ record: "{oops" }), /its record is not JSON/);
  assert.throws(() => articleOfJob({ record: "[1]" }), /expected a JSON object/);
  assert.throws(() => articleOfJob({ record: '{"origin":"a","format":"text"}' }), /text is not a string/);
  assert.throws(
    () => articleOfJob({ record: '{"origin":"a","format":"pdf","text":""}' }),
    /unknown format "pdf"/,
  );
  assert.throws(
    () => articleOfJob({ record: '{"origin":"a","format":"text","text":"","url":3}' }),
    /url is not a string/,
  );
});

test("a bad --queue URL or an unreachable server is one clear line, exit 2", async () => {
  const input = path.join(dir, "one.txt");
  writeFileSync(input, generatedArticle(1));
  const notUrl = await run(dir, ["ingest", input, "--queue", "nowhere"]);
  assert.equal(notUrl.code, 2);
  assert.equal(
    notUrl.stderr,
    "onrecord: --queue nowhere: not a URL (expected postgres://user@host:port/database)\n",
  );
  const mysql = await run(dir, ["jobs", "--queue", "mysql://u:secret@127.0.0.1/x"]);
  assert.equal(mysql.code, 2);
  assert.match(mysql.stderr, /^onrecord: --queue mysql:\/\/u:\*\*\*@127\.0\.0\.1\/x: not a PostgreSQL URL/);
  const refused = await run(dir, ["worker", "--queue", "postgres://postgres@127.0.0.1:1/x", "--db", "w.db"]);
  assert.equal(refused.code, 2);
  assert.match(
    refused.stderr,
    /^onrecord: cannot open the queue at postgres:\/\/postgres@127\.0\.0\.1:1\/x: .*ECONNREFUSED/,
  );
});

interface RecordCounts {
  articles: number;
  statements: number;
  persons: number;
}

/** Counts in a record (SQLite file or PostgreSQL): the same batch must give the same record however it was processed. */
async function recordCounts(db: string): Promise<RecordCounts> {
  const sql = {
    articles: "SELECT count(*) AS n FROM articles",
    statements: "SELECT count(*) AS n FROM statements",
    persons: "SELECT count(*) AS n FROM persons",
  };
  const counts: Partial<RecordCounts> = {};
  if (db.startsWith("postgres://")) {
    for (const [key, text] of Object.entries(sql)) {
      const [row] = await query<{ n: string }>(db, text);
      counts[key as keyof RecordCounts] = Number(row?.n);
    }
    return counts as RecordCounts;
  }
  const conn = new Database(db, { readonly: true });
  try {
    for (const [key, text] of Object.entries(sql)) {
      counts[key as keyof RecordCounts] = (conn.prepare(text).get() as { n: number }).n;
    }
    return counts as RecordCounts;
  } finally {
    conn.close();
  }
}

/**
 * The record the workers write: a PostgreSQL database of its own once the PostgreSQL store is in the
 * build (workers on several machines share it), else a SQLite file (workers of one machine share it).
 */
async function workerRecord(name: string): Promise<string> {
  if (!existsSync(PG_STORE)) return path.join(dir, `${name}.db`);
  const record = await testDatabase();
  recordDrops.push(record.drop);
  return record.url;
}
const recordDrops: (() => Promise<void>)[] = [];
const PG_STORE = path.resolve(import.meta.dirname, "../src/record/postgres/pg-store.ts");

/** `count` generated articles as text files; `paragraphs` extra paragraphs make each slower to analyse. */
function writeArticles(name: string, count: number, paragraphs = 0): string {
  const input = path.join(dir, name);
  mkdirSync(input);
  for (let i = 0; i < count; i++) {
    const extra = Array.from({ length: paragraphs }, (_, p) =>
      generatedArticle(i * 100 + p)
        .split("\n\n")
        .slice(1)
        .join("\n\n"),
    );
    writeFileSync(
      path.join(input, `a${String(i).padStart(3, "0")}.txt`),
      [generatedArticle(i), ...extra].join("\n\n"),
    );
  }
  return input;
}

async function directIngest(input: string): Promise<RecordCounts> {
  const db = path.join(dir, `${path.basename(input)}-direct.db`);
  const store = await openStore(db, { create: true });
  try {
    await ingestInputs([input], store, { workers: 0 });
  } finally {
    await store.close();
  }
  return recordCounts(db);
}

/** `onrecord worker` until the queue is empty. */
function workUntilIdle(url: string, db: string, flags: string[]) {
  return run(dir, ["worker", "--queue", url, "--db", db, "--exit-when-idle", ...flags]);
}

async function jobsStatus(url: string) {
  const result = await run(dir, ["jobs", "--queue", url, "--json"]);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
}

describe("distributed ingest on PostgreSQL", async () => {
  const skip = await postgresSkip();
  let url = "";
  let drop = async () => {};
  before(async () => {
    if (skip) return;
    ({ url, drop } = await testDatabase());
  });
  after(async () => {
    await drop();
    for (const dropRecord of recordDrops) await dropRecord();
  });
  const reset = async () => {
    await drop();
    ({ url, drop } = await testDatabase());
  };

  test("ingest --queue then worker --exit-when-idle gives the record a direct ingest gives; again is a no-op", {
    skip,
  }, async () => {
    const input = writeArticles("e2e", 24);
    // Five articles to a job: jobs of 5, 5, 5, 5 and 4.
    const queued = await run(dir, ["ingest", input, "--queue", url, "--job-articles", "5"]);
    assert.equal(queued.code, 0, queued.stderr);
    assert.match(
      queued.stdout,
      /^read 24, queued 24, failed 0, [\d.]+ s → onrecord-ingest at postgres:\S+ \(5 jobs\)\n$/,
    );
    assert.equal((await jobsStatus(url)).queued, 5);

    const db = await workerRecord("e2e");
    const worked = await workUntilIdle(url, db, ["--workers", "1"]);
    assert.equal(worked.code, 0, worked.stderr);
    assert.match(worked.stdout, /^jobs 5: stored 24, already present 0, failed 0 \(dead 0\), statements \d+/);
    assert.deepEqual(await recordCounts(db), await directIngest(input));
    const status = await jobsStatus(url);
    assert.deepEqual(
      [status.queued, status.active, status.done, status.stored, status.dead],
      [0, 0, 5, 24, 0],
    );

    // At least once: the same records queued again (one job per article) are completed as already
    // present, nothing doubled.
    assert.equal((await run(dir, ["ingest", input, "--queue", url, "--job-articles", "1"])).code, 0);
    const again = await workUntilIdle(url, db, ["--workers", "0"]);
    assert.match(again.stdout, /^jobs 24: stored 0, already present 24, failed 0/);
    assert.deepEqual(await recordCounts(db), await directIngest(input));
  });

  test("a record too large for a job fails at ingest; a bad job or a bad record of a batch is retried, then dead-lettered with its error naming it; the rest are stored", {
    skip,
  }, async () => {
    await reset();
    const input = writeArticles("bad", 5);
    writeFileSync(
      path.join(input, "big.jsonl"),
      `${JSON.stringify({ title: "Big", text: "Word ".repeat(10_000) })}\n`,
    );
    const queued = await run(dir, ["ingest", input, "--queue", url, "--max-job-bytes", "20000"]);
    assert.equal(queued.code, 1);
    assert.match(queued.stdout, /^read 6, queued 5, failed 1/);
    assert.match(
      queued.stderr,
      /failed: .*big\.jsonl:1: record too large: \d+ bytes \(limit 20000 bytes\) for a queue job\n/,
    );

    // Jobs written by something other than `ingest --queue`: one whose record is not JSON, and a batch
    // with one good article and one record that is not an article.
    const good = JSON.stringify({ origin: "good.txt", format: "text", text: generatedArticle(900) });
    const forgedJob = (data: object) => ({
      name: INGEST_QUEUE,
      data,
      retryLimit: 1,
      retryDelay: 1,
      retryBackoff: true,
      deadLetter: DEAD_LETTER_QUEUE,
    });
    const boss = await openQueue(url);
    try {
      await boss.insert([
        forgedJob({ origin: "forged", record: "{not json" }),
        forgedJob({
          origin: "batch",
          records: [good, '{"origin":"b2","format":"pdf","text":""}'],
          origins: ["good.txt", "b2"],
        }),
      ]);
    } finally {
      await closeQueue(boss);
    }
    const db = await workerRecord("bad");
    const worked = await workUntilIdle(url, db, ["--workers", "1", "--verbose"]);
    assert.equal(worked.code, 1, "a dead job makes the worker exit 1");
    // The five files are one job; the forged jobs are tried twice each. The batch's good article is
    // stored on its first try and found present on its retry.
    assert.match(worked.stdout, /^jobs 5: stored 6, already present 1, failed 4 \(dead 2\)/);
    assert.match(
      worked.stderr,
      /failed \S+ forged: not an article job: its record is not JSON \(\d+ bytes\) \(will retry\)\n/,
    );
    assert.match(worked.stderr, /failed \S+ forged: .* \(dead\)\n/);
    assert.match(
      worked.stderr,
      /failed \S+ batch: article b2: not an article record: unknown format "pdf" \(dead\)\n/,
    );
    assert.equal((await recordCounts(db)).articles, 6);

    const status = await jobsStatus(url);
    assert.deepEqual(
      [status.done, status.dead, status.deadLetters, status.queued, status.retrying],
      [1, 2, 2, 0, 0],
    );
    const forged = status.lastErrors.find((dead: { origin: string }) => dead.origin === "forged");
    assert.equal(forged?.attempts, 2);
    assert.match(forged?.error, /^not an article job: its record is not JSON/);
    const text = await run(dir, ["jobs", "--queue", url]);
    assert.match(
      text.stdout,
      /^queued 0, retrying 0, active 0, done 1 \(stored 5, already present 0\), dead 2\nlast errors \(dead letters: 2\):\n/,
    );
    assert.match(text.stdout, /\n {2}\S+ {2}forged: not an article job/);
    // The dead letter keeps the job's data, so it can be inspected or queued again.
    const letters = await query<{ data: { origin: string } }>(
      url,
      "SELECT data FROM pgboss.job WHERE name = $1 ORDER BY data->>'origin'",
      [DEAD_LETTER_QUEUE],
    );
    assert.deepEqual(
      letters.map((letter) => letter.data.origin),
      ["batch", "forged"],
    );
  });

  test("two workers, one killed with kill -9 mid-batch: its jobs are retried and every article is stored once", {
    skip,
    timeout: 240_000,
  }, async () => {
    await reset();
    const articles = 30;
    const input = writeArticles("kill", articles, 6);
    const queued = await run(dir, [
      "ingest",
      input,
      "--queue",
      url,
      "--job-timeout",
      "2",
      "--retry-delay",
      "1",
      "--job-articles",
      "5",
    ]);
    assert.equal(queued.code, 0, queued.stderr);
    const db = await workerRecord("kill");
    const victim = start(dir, ["worker", "--queue", url, "--db", db, "--workers", "1", "--verbose"]);
    const survivor = start(dir, ["worker", "--queue", url, "--db", db, "--workers", "1", "--exit-when-idle"]);
    // "started" is printed when a job is taken, before its articles are analysed: the kill lands mid-batch.
    const deadline = Date.now() + 60_000;
    while (!/^started /m.test(victim.stderr()) && Date.now() < deadline) await sleep(10);
    assert.ok(victim.child.kill("SIGKILL"), "the victim could not be killed");
    const killed = await victim.exited;
    assert.equal(killed.signal, "SIGKILL");
    const startedJobs = new Set([...victim.stderr().matchAll(/^started (\S+)/gm)].map((m) => m[1]));
    const finishedJobs = new Set(
      [...victim.stderr().matchAll(/^(?:stored|present|failed) (\S+)/gm)].map((m) => m[1]),
    );
    const interrupted = [...startedJobs].filter((id) => !finishedJobs.has(id));
    assert.ok(interrupted.length > 0, "the victim held no job when killed");

    const survived = await survivor.exited;
    assert.equal(survived.code, 0, survived.stderr);
    assert.deepEqual(await recordCounts(db), await directIngest(input));
    const retried = await query<{ id: string; state: string; retry_count: number }>(
      url,
      "SELECT id::text, state::text, retry_count FROM pgboss.job WHERE id = ANY($1::uuid[])",
      [interrupted],
    );
    assert.equal(retried.length, interrupted.length);
    for (const job of retried) {
      assert.equal(job.state, "completed");
      assert.ok(job.retry_count >= 1, `job ${job.id} was not retried`);
    }
    const status = await jobsStatus(url);
    assert.deepEqual(
      [status.done, status.dead, status.active, status.queued, status.retrying],
      [articles / 5, 0, 0, 0, 0],
    );
  });
});
