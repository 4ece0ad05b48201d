import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { topicTerms } from "../src/analysis/topics.ts";
import type { Span, Speaker } from "../src/nlp/doc.ts";
import { MIGRATIONS, migrate, schemaVersion } from "../src/record/migrations.ts";
import { ftsQuery, openSqliteStore } from "../src/record/sqlite.ts";
import type { ProcessedArticle, ProcessedStatement } from "../src/record/types.ts";

const dir = mkdtempSync(path.join(tmpdir(), "onrecord-store-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
const freshDb = () => path.join(dir, `t${counter++}.db`);

/** A fictional article: a header the cleaner would cut (so raw and clean offsets differ), then the body. */
function article(
  id: string,
  body: string,
  published: string | undefined,
  quotes: {
    speaker: (Partial<Speaker> & { name: string }) | null;
    source?: string;
    cue?: string;
    content: string[];
    confidence?: number;
  }[],
): ProcessedArticle {
  const header = `Title: ${id}\nOutlet: The Fictional Ledger\n\n`;
  const find = (needle: string, from = 0): Span => {
    const start = body.indexOf(needle, from);
    assert.ok(start >= 0, `fixture text lacks ${needle}`);
    return { start, end: start + needle.length };
  };
  const toRaw = (span: Span | null): Span | null =>
    span ? { start: span.start + header.length, end: span.end + header.length } : null;
  const statements = quotes.map((quote): ProcessedStatement => {
    const content = quote.content.map((part) => find(part));
    const source = quote.source ? find(quote.source) : null;
    const cue = quote.cue ? find(quote.cue) : null;
    return {
      source,
      cue,
      content,
      rawSource: toRaw(source),
      rawCue: toRaw(cue),
      rawContent: content.map((span) => toRaw(span) as Span),
      contentText: quote.content.join(" … "),
      kind: "direct",
      confidence: quote.confidence ?? null,
      speaker: quote.speaker ? { kind: "person", resolution: "name", ...quote.speaker } : null,
      context: { start: 0, end: body.length },
      topics: topicTerms(quote.content.join(" ")),
    };
  });
  return {
    id,
    origin: `${id}.txt`,
    format: "text",
    language: "eng",
    title: id,
    outlet: "The Fictional Ledger",
    published,
    rawText: header + body,
    text: body,
    offsetMap: { segments: [{ cleanStart: 0, rawStart: header.length, length: body.length }] },
    statements,
    people: [],
    topics: [],
  };
}

const mayorText =
  'Mayor Ada Quill said "the bridge opens in May." Later, Quill told reporters "we are on schedule, and proud of it."';
const mayor = article("a1", mayorText, "2026-03-02", [
  {
    speaker: { name: "Ada Quill", roles: ["Mayor"], party: "Green" },
    source: "Mayor Ada Quill",
    cue: "said",
    content: ["the bridge opens in May."],
    confidence: 0.91,
  },
  {
    speaker: { name: "Ada Quill", roles: ["Mayor"] },
    source: "Quill",
    cue: "told",
    content: ["we are on schedule,", "and proud of it."],
    confidence: 0.42,
  },
]);
const councilText = 'Councillor Bo Tern said "the bridge is late." A spokesperson said "no comment."';
const council = article("a2", councilText, "2026-04-10T09:30:00Z", [
  {
    speaker: { name: "Bo Tern", roles: ["Councillor"] },
    source: "Councillor Bo Tern",
    cue: "said",
    content: ["the bridge is late."],
    confidence: 0.77,
  },
  { speaker: null, source: "A spokesperson", cue: "said", content: ["no comment."] },
]);
const laterText = 'Ada Quill said "the bridge opened today."';
const later = article("a3", laterText, "2026-05-20", [
  {
    speaker: { name: "ada quill", roles: ["Mayor"] },
    source: "Ada Quill",
    cue: "said",
    content: ["the bridge opened today."],
  },
]);

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

test("an older database upgrades in place and keeps its rows (search covers old statements)", () => {
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
     VALUES ('old', 0, 1, 'direct', '[]', '[]', 'ferries first.')`,
  ).run();
  v1.close();

  const store = openSqliteStore(file);
  assert.equal(schemaVersion(store.db), MIGRATIONS.at(-1)?.version);
  assert.equal(store.stats().articles, 1);
  assert.deepEqual(
    store.statements({ search: "ferries" }).map((s) => [s.speaker, s.confidence]),
    [["Old Speaker", null]],
    "a statement stored before confidences were kept reads back with none, not a made-up one",
  );
  store.close();
});

test("an unresolved description names no one: stored without a person, shown as written", () => {
  const text = 'The minister said "the port stays shut." Ada Quill, the mayor, said "it opens in May."';
  const store = openSqliteStore(freshDb());
  store.addArticle(
    article("d1", text, "2026-03-09", [
      {
        speaker: { name: "minister", resolution: "description" },
        source: "The minister",
        content: ["the port stays shut."],
      },
      {
        speaker: { name: "Ada Quill", resolution: "description", mention: { start: 40, end: 49 } },
        source: "the mayor",
        content: ["it opens in May."],
      },
    ]),
  );
  const rows = store.statements();
  assert.deepEqual(
    rows.map((r) => [r.speaker, r.sourceText]),
    [
      [null, "The minister"],
      ["Ada Quill", "the mayor"],
    ],
  );
  assert.deepEqual(
    store.people().map((p) => p.name),
    ["Ada Quill"],
    'no person called "minister" pools every article\'s minister',
  );
  store.close();
});

test("confidence is stored, read back, and filters statements (unrated ones are left out)", () => {
  const store = openSqliteStore(freshDb());
  for (const a of [mayor, council, later]) store.addArticle(a);
  assert.deepEqual(
    store.statements().map((s) => s.confidence),
    [0.91, 0.42, 0.77, null, null],
  );
  assert.deepEqual(
    store.statements({ minConfidence: 0.5 }).map((s) => s.content),
    ["the bridge opens in May.", "the bridge is late."],
  );
  assert.deepEqual(store.statements({ minConfidence: 0 }).length, 3);
  store.close();
});

test("addArticle stores once; re-adding the same id is a no-op", () => {
  const store = openSqliteStore(freshDb());
  assert.deepEqual(store.addArticle(mayor), { inserted: true, id: "a1" });
  assert.equal(store.hasArticle("a1"), true);
  assert.equal(store.hasArticle("nope"), false);
  const before = store.stats();
  assert.deepEqual(store.addArticle(mayor), { inserted: false, id: "a1" });
  assert.deepEqual(store.stats(), before);
  assert.equal(before.statements, 2);
  store.close();
});

test("every stored span indexes the stored cleaned and raw text exactly", () => {
  const store = openSqliteStore(freshDb());
  for (const a of [mayor, council, later]) store.addArticle(a);
  const rows = store.statements();
  assert.equal(rows.length, 5);
  for (const row of rows) {
    const stored = store.article(row.articleId);
    assert.ok(stored);
    const source = [mayor, council, later].find((a) => a.id === row.articleId)?.statements;
    assert.ok(source);
    const clean = (span: Span | null) => (span ? stored.text.slice(span.start, span.end) : null);
    const raw = (span: Span | null) => (span ? stored.rawText.slice(span.start, span.end) : null);
    assert.equal(clean(row.source), raw(row.rawSource));
    assert.equal(clean(row.cue), raw(row.rawCue));
    assert.deepEqual(row.contentSpans.map(clean), row.rawContentSpans.map(raw));
    assert.equal(row.contentSpans.map(clean).join(" … "), row.content);
  }
  const split = rows.find((row) => row.contentSpans.length === 2);
  assert.equal(split?.content, "we are on schedule, … and proud of it.");
  assert.equal(store.article("a1")?.rawText.startsWith("Title: a1\n"), true);
  store.close();
});

test("statements filter by speaker (name or alias, any case), dates, search and limit", () => {
  const store = openSqliteStore(freshDb());
  for (const a of [later, council, mayor]) store.addArticle(a);
  // Speakers with different case are one person; the stored name is the first seen.
  assert.equal(store.statements({ speaker: "ADA QUILL" }).length, 3);
  assert.equal(store.statements({ speaker: "quill" }).length, 3, "alias from a source span");
  assert.equal(store.statements({ speaker: "Nobody" }).length, 0);
  // Date order, then text order within an article.
  assert.deepEqual(
    store.statements().map((s) => s.published),
    ["2026-03-02", "2026-03-02", "2026-04-10", "2026-04-10", "2026-05-20"],
  );
  assert.equal(store.statements({ since: "2026-04-01" }).length, 3);
  assert.equal(store.statements({ since: "2026-04-01", until: "2026-04-30" }).length, 2);
  assert.equal(store.statements({ limit: 2 }).length, 2);
  assert.deepEqual(
    store.statements({ search: "bridge late" }).map((s) => s.speaker),
    ["Bo Tern"],
  );
  assert.equal(store.statements({ search: "tern" }).length, 1, "speaker name is searchable");
  // FTS syntax in user input is searched for literally, never executed or an error.
  for (const nasty of [
    '"',
    "AND",
    "bridge OR",
    "NEAR(",
    "*",
    "'; DROP TABLE statements; --",
    "col:bridge",
    "-",
  ]) {
    assert.doesNotThrow(() => store.statements({ search: nasty }), nasty);
  }
  assert.equal(store.statements({ search: "*" }).length, 0);
  assert.equal(store.stats().statements, 5);
  store.close();
});

test("ftsQuery quotes every word and drops punctuation-only input", () => {
  assert.equal(ftsQuery('say "hi" NOT'), '"say" """hi""" "NOT"');
  assert.equal(ftsQuery("  -- ** "), null);
});

test("people and person: aliases, roles with first and last seen, dated timeline", () => {
  const store = openSqliteStore(freshDb());
  for (const a of [later, mayor, council]) store.addArticle(a);
  const people = store.people();
  assert.deepEqual(
    people.map((p) => [p.name, p.statements, p.firstSeen, p.lastSeen]),
    [
      ["ada quill", 3, "2026-03-02", "2026-05-20"],
      ["Bo Tern", 1, "2026-04-10", "2026-04-10"],
    ],
  );
  const quill = store.person("Mayor Ada Quill");
  assert.ok(quill);
  assert.equal(quill.statementCount, 3);
  assert.equal(quill.party, "Green");
  // "Ada Quill" is the canonical name in another case, so it is not an alias.
  assert.deepEqual(quill.aliases, ["Mayor Ada Quill", "Quill"]);
  assert.deepEqual(quill.roles, [{ role: "Mayor", firstSeen: "2026-03-02", lastSeen: "2026-05-20" }]);
  assert.deepEqual(
    quill.statements.map((s) => [s.published, s.outlet]),
    [
      ["2026-03-02", "The Fictional Ledger"],
      ["2026-03-02", "The Fictional Ledger"],
      ["2026-05-20", "The Fictional Ledger"],
    ],
  );
  assert.deepEqual(quill.alsoMatches, []);
  assert.equal(store.person("nobody at all"), undefined);
  store.close();
});

test("a failing article write rolls back completely", () => {
  const store = openSqliteStore(freshDb());
  store.addArticle(mayor);
  const before = store.stats();
  const broken = article("bad", councilText, "2026-04-10", [
    {
      speaker: { name: "New Person" },
      source: "Councillor Bo Tern",
      cue: "said",
      content: ["the bridge is late."],
    },
  ]);
  // A statement kind of null violates NOT NULL after the article row and the person were inserted.
  (broken.statements[0] as { kind: unknown }).kind = null;
  assert.throws(() => store.addArticle(broken));
  assert.equal(store.hasArticle("bad"), false);
  assert.deepEqual(store.stats(), before);
  assert.equal(store.person("New Person"), undefined);
  store.close();
});

test("a read-only store refuses a missing file instead of creating it", () => {
  assert.throws(() => openSqliteStore(path.join(dir, "missing.db"), { readonly: true }));
});

test("an alias shared by two people picks the one with more statements and names the other", () => {
  const store = openSqliteStore(freshDb());
  const cousinText = 'Bo Quill, the mayor\'s cousin, said "the bridge is ugly." Quill said "truly."';
  store.addArticle(mayor);
  store.addArticle(later);
  store.addArticle(
    article("a4", cousinText, "2026-06-01", [
      { speaker: { name: "Bo Quill" }, source: "Quill", cue: "said", content: ["truly."] },
    ]),
  );
  const found = store.person("QUILL");
  assert.equal(found?.name, "Ada Quill");
  assert.deepEqual(found?.alsoMatches, ["Bo Quill"]);
  assert.equal(store.person("Bo Quill")?.statementCount, 1);
  store.close();
});

test("names match case-insensitively beyond ASCII", () => {
  const store = openSqliteStore(freshDb());
  const text = 'Émile Zorn said "the port stays open." ÉMILE ZORN said "no change."';
  store.addArticle(
    article("u1", text, "2026-07-01", [
      {
        speaker: { name: "Émile Zorn" },
        source: "Émile Zorn",
        cue: "said",
        content: ["the port stays open."],
      },
      { speaker: { name: "ÉMILE ZORN" }, source: "ÉMILE ZORN", cue: "said", content: ["no change."] },
    ]),
  );
  assert.deepEqual(
    store.people().map((p) => [p.name, p.statements]),
    [["Émile Zorn", 2]],
  );
  assert.equal(store.statements({ speaker: "émile zorn" }).length, 2);
  assert.equal(store.person("ÉMILE zorn")?.statementCount, 2);
  assert.equal(store.statements({ search: "ÉMILE" }).length, 2, "FTS folds case too");
  store.close();
});

test("upgrading to Unicode name keys merges people that NOCASE kept apart", () => {
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
    store.people().map((p) => [p.name, p.statements, p.roles]),
    [["Émile Zorn", 2, ["Minister"]]],
  );
  const person = store.person("zorn");
  assert.deepEqual(person?.aliases, ["Mr. Zorn", "Zorn", "émile zorn"]);
  assert.deepEqual(store.db.pragma("foreign_key_check"), []);
  store.close();
});

test("language-model verdicts are cached in the store and survive reopening", () => {
  const file = freshDb();
  const verdict = {
    label: "Inconsistent" as const,
    scores: { Inconsistent: 1, Unrelated: 0, Consistent: 0 },
    reasons: ["language model: a reversal"],
  };
  const store = openSqliteStore(file);
  assert.equal(store.getVerdict("k1"), undefined);
  store.putVerdict("k1", verdict);
  store.close();
  const reopened = openSqliteStore(file);
  assert.deepEqual(reopened.getVerdict("k1"), verdict);
  reopened.close();
});
