/**
 * The PostgreSQL store against the embedded SQLite store: the sample corpus stored in both must give the
 * same answer to every query (ordering and ties included), and PostgreSQL must stay right with several
 * writers: two racing on one article store it once, two meeting a new name create one person.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { readInputs } from "../src/ingest/read.ts";
import { processArticle } from "../src/process.ts";
import { openStore } from "../src/record/open-store.ts";
import { openPgStore, type PgStore } from "../src/record/postgres/pg-store.ts";
import { openSqliteStore, type SqliteStore } from "../src/record/sqlite.ts";
import type { ProcessedArticle } from "../src/record/types.ts";
import { dropDatabase, requirePostgres, testDatabase } from "./pg-helper.ts";
import { storeConformance } from "./store-conformance.ts";

const created: string[] = [];
const dir = mkdtempSync(path.join(tmpdir(), "onrecord-pg-"));
let articles: ProcessedArticle[] = [];
let sqlite: SqliteStore;
let postgres: PgStore;

/** A new, empty record on the test server. */
async function freshPgStore(): Promise<{ store: PgStore; url: string }> {
  const { name, url } = testDatabase();
  created.push(name);
  return { store: await openPgStore(url, { create: true }), url };
}

before(async () => {
  await requirePostgres();
  for await (const result of readInputs([path.join(import.meta.dirname, "..", "samples", "corpus")])) {
    if (result.ok) articles.push(processArticle(result.article));
  }
  articles = articles.sort((a, b) => a.origin.localeCompare(b.origin));
  sqlite = openSqliteStore(path.join(dir, "parity.db"), { overrides: { merge: [], split: [], rename: [] } });
  postgres = (await freshPgStore()).store;
  for (const article of articles) {
    await sqlite.addArticle(article);
    await postgres.addArticle(article);
  }
  await sqlite.settleSurnames();
  await postgres.settleSurnames();
});

after(async () => {
  sqlite?.close();
  await postgres?.close();
  for (const name of created) await dropDatabase(name);
  rmSync(dir, { recursive: true, force: true });
});

test("the sample corpus gives the same statements, people, topics and stats on both stores", async () => {
  assert.ok(articles.length > 20, "the sample corpus was read");
  assert.deepEqual(await postgres.stats(), await sqlite.stats());
  assert.deepEqual(await postgres.statements(), await sqlite.statements());
  assert.deepEqual(await postgres.people(), await sqlite.people());
  assert.deepEqual(await postgres.topics(), await sqlite.topics());
  assert.deepEqual(await postgres.topics({ limit: 3 }), await sqlite.topics({ limit: 3 }));
  assert.deepEqual(await postgres.contentSample(7), await sqlite.contentSample(7));
  for (const id of articles.map((a) => a.id).slice(0, 5)) {
    assert.equal(await postgres.hasArticle(id), true);
    const [a, b] = [await postgres.article(id), await sqlite.article(id)];
    assert.deepEqual({ ...a, ingestedAt: "" }, { ...b, ingestedAt: "" });
  }
  assert.equal(await postgres.article("no such id"), undefined);
});

test("every person, timeline, link and speaker lookup is the same on both stores", async () => {
  const people = await sqlite.people();
  assert.ok(people.length > 10);
  for (const { name } of people) {
    assert.deepEqual(await postgres.person(name), await sqlite.person(name), name);
    assert.deepEqual(await postgres.statementViews(name), await sqlite.statementViews(name), name);
    assert.deepEqual(await postgres.topics({ speaker: name }), await sqlite.topics({ speaker: name }), name);
    const links = (list: { createdAt: string }[]) => list.map((link) => ({ ...link, createdAt: "" }));
    assert.deepEqual(links(await postgres.personLinks(name)), links(await sqlite.personLinks(name)), name);
    assert.deepEqual(
      await postgres.statements({ speaker: name, since: "2026-03-10", limit: 4 }),
      await sqlite.statements({ speaker: name, since: "2026-03-10", limit: 4 }),
    );
  }
  for (const query of ["Voss", "voss", "Mr. Voss", "Castellan", "Q1", "1", "nobody at all"]) {
    assert.deepEqual(await postgres.lookupSpeaker(query), await sqlite.lookupSpeaker(query), query);
  }
});

test("search finds the same statements: words, accents, punctuation, operators", async () => {
  for (const search of [
    "port",
    "sea wall",
    "PORT deal",
    "Voss port",
    "don't",
    "dead",
    "-- ** ",
    'say "no"',
    "OR",
  ]) {
    assert.deepEqual(await postgres.statements({ search }), await sqlite.statements({ search }), search);
  }
  const some = await sqlite.statements({ search: "port" });
  assert.ok(some.length > 0, "the corpus mentions the port");
});

test("timeline filters: dates and topic keys", async () => {
  const [top] = await sqlite.people();
  const keys = (await sqlite.topics({ speaker: top.name, limit: 2 })).map((t) => t.key);
  for (const filter of [
    { since: "2026-03-10" },
    { until: "2026-03-15" },
    { topicKeys: keys.slice(0, 1) },
    { topicKeys: keys },
  ]) {
    assert.deepEqual(
      await postgres.statementViews(top.name, filter),
      await sqlite.statementViews(top.name, filter),
    );
  }
});

test("overrides applied to both stores move the same statements", async () => {
  const people = (await sqlite.people()).filter((p) => p.kind === "person");
  const [a, b] = [people[0].name, people[1].name];
  const overrides = { merge: [{ into: a, names: [b] }], split: [], rename: [{ from: a, to: `${a} Jr.` }] };
  const sqliteReport = await sqlite.applyOverrides(overrides);
  const pgReport = await postgres.applyOverrides(overrides);
  assert.deepEqual(pgReport, sqliteReport);
  assert.ok(pgReport.statementsMoved > 0);
  assert.deepEqual(await postgres.people(), await sqlite.people());
  assert.deepEqual(await postgres.person(`${a} Jr.`), await sqlite.person(`${a} Jr.`));
  assert.deepEqual(
    await postgres.statements({ search: b.split(" ")[0] }),
    await sqlite.statements({ search: b.split(" ")[0] }),
  );
});

test("verdicts are cached and replaced", async () => {
  const verdict = { label: "Inconsistent", confidence: 0.8, reasons: ["x"] } as never;
  assert.equal(await postgres.getVerdict("k"), undefined);
  await postgres.putVerdict("k", verdict);
  await postgres.putVerdict("k", verdict);
  assert.deepEqual(await postgres.getVerdict("k"), verdict);
});

test("two writers racing on one article store it once", async () => {
  const { store: first, url } = await freshPgStore();
  const second = await openPgStore(url, {});
  try {
    for (const article of articles.slice(0, 6)) {
      const results = await Promise.all([first.addArticle(article), second.addArticle(article)]);
      assert.equal(results.filter((r) => r.inserted).length, 1, article.origin);
    }
    const stats = await first.stats();
    assert.equal(stats.articles, 6);
    const expected = articles.slice(0, 6).reduce((sum, a) => sum + a.statements.length, 0);
    assert.equal(stats.statements, expected);
  } finally {
    await first.close();
    await second.close();
  }
});

test("four writers opening a new database at once migrate it once and all open it", async () => {
  const { name, url } = testDatabase();
  created.push(name);
  const stores = await Promise.all(Array.from({ length: 4 }, () => openPgStore(url, { create: true })));
  try {
    assert.equal((await stores[0]?.stats())?.articles, 0);
  } finally {
    for (const store of stores) await store.close();
  }
});

test("a batch of articles in one transaction: each stored once, a bad one fails alone", async () => {
  const { store } = await freshPgStore();
  try {
    const batch = articles.slice(0, 5);
    const first = await store.addArticles(batch);
    assert.deepEqual(
      first.map((outcome) => outcome.inserted),
      [true, true, true, true, true],
    );
    // PostgreSQL text cannot hold NUL: this article's write fails, the batch falls back to one by one.
    const broken = { ...(articles[5] as ProcessedArticle), rawText: "bad \u0000 text" };
    const second = await store.addArticles([articles[6] as ProcessedArticle, broken, ...batch]);
    assert.deepEqual(
      second.map((outcome) => [outcome.inserted, outcome.error !== undefined]),
      [[true, false], [false, true], ...batch.map(() => [false, false])],
    );
    assert.equal((await store.stats()).articles, 6);
  } finally {
    await store.close();
  }
});

test("two writers meeting a new name at once create one person", async () => {
  const { store: first, url } = await freshPgStore();
  const stores = [first, await openPgStore(url, {}), await openPgStore(url, {})];
  const quoting = (n: number): ProcessedArticle => {
    const text = `Barack Obama said "we will meet again ${n}."`;
    return {
      id: `race-${n}`,
      origin: `race-${n}.txt`,
      format: "text",
      language: "eng",
      published: `2016-05-0${n + 1}`,
      rawText: text,
      text,
      offsetMap: null,
      topics: [],
      people: [{ name: "Barack Obama", kind: "person", aliases: ["Obama"] }],
      statements: [
        {
          source: { start: 0, end: 12 },
          cue: { start: 13, end: 17 },
          content: [{ start: 19, end: text.length - 1 }],
          rawSource: { start: 0, end: 12 },
          rawCue: { start: 13, end: 17 },
          rawContent: [{ start: 19, end: text.length - 1 }],
          contentText: text.slice(19, -1),
          kind: "direct",
          confidence: 0.9,
          speaker: {
            name: "Barack Obama",
            kind: "person",
            resolution: "name",
            mention: "Barack Obama",
          } as never,
          context: { start: 0, end: text.length },
          topics: [],
        },
      ],
    };
  };
  try {
    await Promise.all(stores.map((store, n) => store.addArticle(quoting(n))));
    const people = await first.people();
    assert.deepEqual(
      people.map((p) => [p.name, p.statements]),
      [["Barack Obama", 3]],
    );
  } finally {
    for (const store of stores) await store.close();
  }
});

test("opening: a missing database, an empty one read-only, a server that is not there", async () => {
  const { name, url } = testDatabase();
  await assert.rejects(openPgStore(url, { readonly: true }), new RegExp(`no database "${name}"`));
  const { store } = await freshPgStore();
  await store.close();
  const empty = testDatabase();
  created.push(empty.name);
  await (await openPgStore(`${empty.url}?schema=elsewhere`, { create: true })).close();
  await assert.rejects(
    openPgStore(empty.url, { readonly: true }),
    /not an onrecord database \(it is empty\)/,
  );
  await assert.rejects(
    openPgStore("postgres://127.0.0.1:1/onrecord", {}),
    /cannot reach PostgreSQL at 127\.0\.0\.1:1\/onrecord \(ECONNREFUSED\)/,
  );
  await assert.rejects(openPgStore("postgres://127.0.0.1/", {}), /names no database/);
});

test("web sources, fetched items and near-duplicate stories behave the same on both stores", async () => {
  const urls = ["https://b.example/feed", "https://a.example/sitemap.xml"];
  await sqlite.addSources(urls);
  await postgres.addSources(urls);
  const now = new Date("2026-03-01T00:00:00Z");
  const polls = [
    { kind: "feed", etag: '"v1"', newItems: 3 },
    { newItems: 0, error: "HTTP 503" },
    { newItems: 0, error: "HTTP 503" },
  ];
  for (const poll of polls) {
    await sqlite.recordPoll(urls[0], poll, 60_000, now);
    await postgres.recordPoll(urls[0], poll, 60_000, now);
  }
  // Added "now" on each: the times of adding (and the first due time) differ by the test's run time.
  const withoutAdded = (states: { addedAt: string; lastFetched: string | null; nextDue: string }[]) =>
    states.map((s) => ({ ...s, addedAt: "", nextDue: s.lastFetched ? s.nextDue : "" }));
  assert.deepEqual(withoutAdded(await postgres.sources()), withoutAdded(await sqlite.sources()));
  const some = [urls[1], "https://unknown.example", urls[0]];
  assert.deepEqual(withoutAdded(await postgres.sources(some)), withoutAdded(await sqlite.sources(some)));
  const item = "https://b.example/item-1";
  assert.equal(await postgres.itemKnown(item), false);
  await postgres.rememberItem(item, "article");
  await postgres.rememberItem(item, "not an article");
  assert.equal(await postgres.itemKnown(item), true);
  assert.equal(await postgres.itemKnown(articles[0].origin), await sqlite.itemKnown(articles[0].origin));
  const withUrl = articles.find((a) => a.url);
  assert.ok(withUrl?.url);
  assert.equal(await postgres.hasArticleUrl(withUrl.url), true);
  assert.equal(await sqlite.hasArticleUrl(withUrl.url), true);
  for (const article of articles)
    assert.equal(
      await postgres.linkStory(article.id, article.text),
      await sqlite.linkStory(article.id, article.text),
    );
  const ids = articles.map((a) => a.id);
  assert.deepEqual(await postgres.stories(ids), await sqlite.stories(ids));
  assert.deepEqual(await postgres.people(), await sqlite.people(), "people count wire copies once on both");
});

// The conformance suite every backend passes (test/store-conformance.ts), each test in a new schema of one
// database (a schema is much quicker to make than a database).
const conformance = testDatabase();
created.push(conformance.name);
let schemas = 0;
storeConformance("PostgreSQL", () =>
  openStore(`${conformance.url}?schema=conformance_${schemas++}`, { create: true }),
);
