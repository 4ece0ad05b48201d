import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { MIGRATIONS, migrate, schemaVersion } from "../src/record/migrations.ts";
import { openStore, withoutPassword } from "../src/record/open-store.ts";
import { ftsQuery, openSqliteStore } from "../src/record/sqlite.ts";

// What only the SQLite backend does (migrations, upgrades, files); what every backend does is in
// test/store-conformance.ts, run on SQLite by test/store-sqlite.test.ts.

const dir = mkdtempSync(path.join(tmpdir(), "onrecord-store-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
const freshDb = () => path.join(dir, `t${counter++}.db`);

test("migrating twice is a no-op and leaves user_version at the last step", () => {
  const db = new Database(freshDb());
  assert.deepEqual(
    migrate(db),
    MIGRATIONS.map((m) => m.version),
  );
  assert.equal(schemaVersion(db), MIGRATIONS.at(-1)?.version);
  assert.deepEqual(migrate(db), []);
  assert.equal(schemaVersion(db), MIGRATIONS.at(-1)?.version);
  db.close();
});

test("an older database upgrades in place and keeps its rows (search covers old statements)", async () => {
  const file = freshDb();
  const old = new Database(file);
  migrate(old, MIGRATIONS.slice(0, 1));
  assert.equal(schemaVersion(old), 1);
  old.close();
  // Write through the store code on a version-1 schema by pretending FTS does not exist yet:
  // insert rows directly, as a version-1 program would have.
  const v1 = new Database(file);
  v1.prepare(
    `INSERT INTO articles (id, origin, format, raw_text, text, offset_map, statement_count, ingested_at)
     VALUES ('old', 'old.txt', 'text', 'x', 'Old Speaker said "ferries first."', '{}', 1, '2026-01-01')`,
  ).run();
  v1.prepare("INSERT INTO persons (id, name, kind) VALUES (1, 'Old Speaker', 'person')").run();
  v1.prepare(
    `INSERT INTO statements (article_id, ordinal, person_id, kind, content_spans, raw_content_spans, content)
     VALUES ('old', 0, 1, 'mixed', '[]', '[]', 'ferries first.')`,
  ).run();
  v1.close();

  const store = openSqliteStore(file);
  assert.equal(schemaVersion(store.db), MIGRATIONS.at(-1)?.version);
  assert.equal((await store.stats()).articles, 1);
  assert.deepEqual(
    (await store.statements({ search: "ferries" })).map((s) => [s.speaker, s.confidence, s.kind]),
    [["Old Speaker", null, "partial"]],
    "a statement stored before confidences were kept reads back with none, not a made-up one; " +
      'its old kind "mixed" reads as "partial" (migration 11)',
  );
  const texts = await store.articleTexts("old");
  assert.deepEqual(
    [texts?.page, texts?.extractedToPage, texts?.cleanedToExtracted, texts?.pageNote],
    [null, null, null, "stored before the record kept pages: no map"],
    "an article stored before migration 10 reads back without a page or maps, and says so",
  );
  await store.close();
});

test("ftsQuery quotes every word and drops punctuation-only input", () => {
  assert.equal(ftsQuery('say "hi" NOT'), '"say" """hi""" "NOT"');
  assert.equal(ftsQuery("  -- ** "), null);
});

test("a read-only store refuses a missing file instead of creating it", () => {
  assert.throws(() => openSqliteStore(path.join(dir, "missing.db"), { readonly: true }));
});

test("upgrading to Unicode name keys merges people that NOCASE kept apart", async () => {
  const file = freshDb();
  const v2 = new Database(file);
  migrate(v2, MIGRATIONS.slice(0, 2));
  v2.prepare(
    `INSERT INTO articles (id, origin, format, raw_text, text, offset_map, statement_count, ingested_at)
     VALUES ('old', 'old.txt', 'text', 'x', 'x', '{}', 2, '2026-01-01')`,
  ).run();
  v2.prepare(
    "INSERT INTO persons (id, name, kind) VALUES (1, 'Émile Zorn', 'person'), (2, 'émile zorn', 'person')",
  ).run();
  v2.prepare("INSERT INTO aliases (person_id, alias) VALUES (1, 'Zorn'), (2, 'ZORN'), (2, 'Mr. Zorn')").run();
  v2.prepare("INSERT INTO roles (person_id, role) VALUES (1, 'Minister'), (2, 'Minister')").run();
  v2.prepare(
    `INSERT INTO statements (article_id, ordinal, person_id, kind, content_spans, raw_content_spans, content)
     VALUES ('old', 0, 1, 'direct', '[]', '[]', 'one'), ('old', 1, 2, 'direct', '[]', '[]', 'two')`,
  ).run();
  v2.close();

  const store = openSqliteStore(file);
  assert.deepEqual(
    (await store.people()).map((p) => [p.name, p.statements, p.roles]),
    [["Émile Zorn", 2, ["Minister"]]],
  );
  const person = await store.person("zorn");
  assert.deepEqual(person?.aliases, ["Mr. Zorn", "Zorn", "émile zorn"]);
  assert.deepEqual(store.db.pragma("foreign_key_check"), []);
  await store.close();
});

test("language-model verdicts are cached in the store and survive reopening", async () => {
  const file = freshDb();
  const verdict = {
    label: "Inconsistent" as const,
    scores: { Inconsistent: 1, Unrelated: 0, Consistent: 0 },
    reasons: ["language model: a reversal"],
  };
  const store = openSqliteStore(file);
  assert.equal(await store.getVerdict("k1"), undefined);
  await store.putVerdict("k1", verdict);
  await store.close();
  const reopened = openSqliteStore(file);
  assert.deepEqual(await reopened.getVerdict("k1"), verdict);
  await reopened.close();
});

test("openStore: a missing file is named (and not created) unless asked to create it", async () => {
  const missing = path.join(dir, "missing-too.db");
  await assert.rejects(openStore(missing), {
    message: `no database at ${missing} (create one with: onrecord ingest PATH... --db ${missing})`,
  });
  await assert.rejects(openStore(missing, { readonly: true }), /no database at/);
  const created = await openStore(missing, { create: true });
  assert.equal((await created.stats()).articles, 0);
  await created.close();
});

test("openStore: a postgres:// URL needs the PostgreSQL backend; a URL's password is never printed", async () => {
  const pgBuilt = await import("../src/record/postgres/pg-store.ts" as string).then(
    () => true,
    () => false,
  );
  if (!pgBuilt) {
    for (const url of ["postgres://localhost/x", "postgresql://u@localhost:5432/x"])
      await assert.rejects(openStore(url), { message: "PostgreSQL store not available in this build" });
  }
  assert.equal(
    withoutPassword("postgres://ana:s3cret@db.example:5432/rec"),
    "postgres://ana:***@db.example:5432/rec",
  );
  assert.equal(withoutPassword("postgresql://db.example/rec"), "postgresql://db.example/rec");
});

test("outside src/record, code opens the record with openStore and sees only Store (never sqlite.ts)", () => {
  const root = path.resolve(import.meta.dirname, "..");
  const offenders: string[] = [];
  for (const folder of ["src", "scripts", "bench"]) {
    for (const entry of readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })) {
      const file = path.join(folder, entry);
      if (!file.endsWith(".ts") || file.startsWith(path.join("src", "record"))) continue;
      if (/from\s+"[^"]*record\/sqlite\.ts"/.test(readFileSync(path.join(root, file), "utf8")))
        offenders.push(file);
    }
  }
  assert.deepEqual(offenders, []);
});
