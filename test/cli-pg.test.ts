/**
 * The command line on PostgreSQL: `--db postgres://...` ingests the sample corpus and every query command
 * prints what it prints for the same corpus in SQLite.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { runCli } from "./cli-helper.ts";
import { dropDatabase, requirePostgres, testDatabase } from "./pg-helper.ts";

const repo = path.resolve(import.meta.dirname, "..");
const dir = mkdtempSync(path.join(tmpdir(), "onrecord-cli-pg-"));
const sqlite = path.join(dir, "record.db");
const database = testDatabase("onrecord_pg_cli_test");

before(async () => {
  await requirePostgres();
  // One processing thread: articles are stored in input order, so ids are the same on both.
  for (const db of [sqlite, database.url]) {
    const ingest = runCli(repo, ["ingest", "samples/corpus", "--workers", "0", "--db", db]);
    assert.equal(ingest.code, 0, ingest.stderr);
    assert.match(ingest.stdout + ingest.stderr, /stored 46, .* statements 423/);
  }
});

after(async () => {
  await dropDatabase(database.name);
  rmSync(dir, { recursive: true, force: true });
});

test("people, statements, person, timeline and mixed print the same on both backends", () => {
  // Each command a process: a few that cover listing, statements, one person, a timeline and mixed.
  const commands = [
    ["people", "--json"],
    ["statements", "--json"],
    ["person", "Voss"],
    ["timeline", "--speaker", "Voss"],
    ["mixed", "--speaker", "Voss"],
  ];

  for (const command of commands) {
    const expected = runCli(repo, [...command, "--db", sqlite]);
    const actual = runCli(repo, [...command, "--db", database.url]);
    assert.equal(expected.code, 0, `${command.join(" ")}: ${expected.stderr}`);
    assert.ok(expected.stdout.length > 20, `${command.join(" ")} printed something`);
    assert.equal(actual.stdout, expected.stdout, command.join(" "));
    assert.equal(actual.code, expected.code);
  }
});

test("re-ingesting into PostgreSQL stores nothing twice; a missing database is one clear line", () => {
  const again = runCli(repo, ["ingest", "samples/corpus", "--workers", "0", "--db", database.url]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout + again.stderr, /stored 0, already present 46/);
  const missing = testDatabase("onrecord_pg_cli_missing");
  const result = runCli(repo, ["people", "--db", missing.url]);
  assert.notEqual(result.code, 0);
  assert.equal(result.stderr.trim().split("\n").length, 1, result.stderr);
  assert.match(result.stderr, new RegExp(`no database "${missing.name}"`));
});
