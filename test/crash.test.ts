import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { generatedArticle } from "../bench/fixtures.ts";

const bin = path.resolve(import.meta.dirname, "../bin/onrecord.js");
const dir = mkdtempSync(path.join(tmpdir(), "onrecord-crash-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Enough articles that the ingest is still running when the first ones are committed. */
const ARTICLES = 400;
/** Kill once this many articles are committed: well inside the batch. */
const KILL_AFTER = 20;

function articleCount(db: string): number {
  if (!existsSync(db)) return 0;
  try {
    const conn = new Database(db, { readonly: true, timeout: 1000 });
    try {
      return (conn.prepare("SELECT count(*) AS n FROM articles").get() as { n: number }).n;
    } finally {
      conn.close();
    }
  } catch {
    return 0; // not created or not migrated yet
  }
}

test("a kill -9 mid-ingest leaves a sound database, and re-running completes the batch", async () => {
  const input = path.join(dir, "input");
  mkdirSync(input);
  for (let i = 0; i < ARTICLES; i++)
    writeFileSync(path.join(input, `a${String(i).padStart(4, "0")}.txt`), generatedArticle(i));
  const db = path.join(dir, "crash.db");

  const child = spawn(process.execPath, [bin, "ingest", input, "--db", db], { cwd: dir, stdio: "ignore" });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on("exit", (_code, signal) => resolve(signal)),
  );
  let killed = false;
  while (child.exitCode === null && child.signalCode === null) {
    if (articleCount(db) >= KILL_AFTER) {
      killed = child.kill("SIGKILL");
      break;
    }
    await sleep(5);
  }
  const signal = await exited;
  assert.ok(killed && signal === "SIGKILL", "the ingest finished before it could be killed: raise ARTICLES");

  const conn = new Database(db);
  assert.equal(conn.pragma("integrity_check", { simple: true }), "ok");
  const stored = (conn.prepare("SELECT count(*) AS n FROM articles").get() as { n: number }).n;
  assert.ok(stored >= KILL_AFTER && stored < ARTICLES, `killed mid-way, ${stored} stored`);
  // No half-written article: each has exactly the statements it was stored with, and search covers them all.
  const broken = conn
    .prepare(
      `SELECT a.id FROM articles a LEFT JOIN statements s ON s.article_id = a.id
       GROUP BY a.id HAVING count(s.id) != a.statement_count`,
    )
    .all();
  assert.deepEqual(broken, []);
  const counts = conn
    .prepare(
      "SELECT (SELECT count(*) FROM statements) AS statements, (SELECT count(*) FROM statements_fts) AS indexed",
    )
    .get() as { statements: number; indexed: number };
  assert.ok(counts.statements > 0);
  assert.equal(counts.indexed, counts.statements);
  assert.deepEqual(conn.pragma("foreign_key_check"), []);
  conn.close();

  const rerun = spawnSync(process.execPath, [bin, "ingest", input, "--db", db, "--json"], {
    cwd: dir,
    encoding: "utf8",
    timeout: 300_000,
  });
  assert.equal(rerun.status, 0, rerun.stderr);
  const summary = JSON.parse(rerun.stdout);
  assert.equal(summary.alreadyPresent, stored);
  assert.equal(summary.stored, ARTICLES - stored);
  assert.equal(articleCount(db), ARTICLES);
});
