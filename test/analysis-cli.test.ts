import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { MixedPair } from "../src/analysis/mixed.ts";
import type { StatementView } from "../src/analysis/statement-view.ts";
import { openStore } from "../src/record/open-store.ts";
import { runCli } from "./cli-helper.ts";
import { sharedData } from "./shared-data.ts";

const root = path.resolve(import.meta.dirname, "..");
const seed = sharedData("seed");
const seedDir = seed.path;
const dir = mkdtempSync(path.join(tmpdir(), "onrecord-analysis-"));
const db = path.join(dir, "samples.db");
after(() => rmSync(dir, { recursive: true, force: true }));

const onrecord = (args: string[], env?: NodeJS.ProcessEnv) => runCli(dir, args, { env });

function json<T>(args: string[]): T {
  const result = onrecord([...args, "--json"]);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as T;
}

/** Every statement's span must read, in the stored article, as the statement's content starts. */
async function assertSpansIndexArticles(dbPath: string, statements: StatementView[]) {
  const store = await openStore(dbPath, { readonly: true });
  try {
    for (const s of statements) {
      const text = (await store.article(s.articleId))?.text ?? "";
      const first = s.content.split(" … ")[0] ?? "";
      assert.equal(text.slice(s.span.start, s.span.start + first.length), first, `span of statement ${s.id}`);
    }
  } finally {
    await store.close();
  }
}

before(() => {
  const ingest = onrecord(["ingest", path.join(root, "samples/corpus"), "--db", db]);
  assert.equal(ingest.code, 0, ingest.stderr);
});

test("the minister's week on the port deal comes out in date order and is flagged", () => {
  const timeline = json<StatementView[]>([
    "timeline",
    "--speaker",
    "Voss",
    "--about",
    "Saltmere deal",
    "--db",
    db,
  ]);
  assert.ok(timeline.length >= 3, `only ${timeline.length} statements`);
  const dates = timeline.map((s) => s.published ?? "");
  assert.deepEqual(dates, [...dates].sort(), "date order");
  assert.ok(timeline.some((s) => s.published === "2026-03-09" && /dead/.test(s.content)));
  assertSpansIndexArticles(db, timeline);

  const pairs = json<MixedPair[]>(["mixed", "--speaker", "Voss", "--db", db]);
  assert.ok(pairs.length > 0, "no mixed messages flagged");
  for (const pair of pairs) {
    assert.ok(pair.reasons.length > 0, "every flag has a reason");
    assert.ok((pair.earlier.published ?? "") <= (pair.later.published ?? ""), "earlier comes first");
  }
  const deadThenAlive = pairs.find(
    (pair) =>
      /dead/.test(pair.earlier.content) &&
      /never stopped|fully supports|never off the table/.test(pair.later.content),
  );
  assert.ok(deadThenAlive, "the 'dead' statement is paired with a later reversal");
  assertSpansIndexArticles(
    db,
    pairs.flatMap((pair) => [pair.earlier, pair.later]),
  );
});

test("topics and the sourced digest", () => {
  const topics = json<{ label: string; statements: number }[]>(["topics", "--speaker", "Voss", "--db", db]);
  assert.ok(topics.some((topic) => topic.label === "deal"));

  const md = onrecord(["digest", "--speaker", "Voss", "--about", "Saltmere deal", "--db", db]);
  assert.equal(md.code, 0, md.stderr);
  assert.match(md.stdout, /^# Voss on Saltmere deal/);
  assert.match(md.stdout, /## Mixed messages/);
  const cited = md.stdout.split("\n").filter((line) => line.startsWith("- On "));
  assert.ok(cited.length >= 3);
  for (const line of cited)
    assert.match(line, /article [0-9a-f]{12} chars \d+-\d+/, "every statement cites its span");

  const out = path.join(dir, "digest.html");
  const html = onrecord([
    "digest",
    "--speaker",
    "Voss",
    "--about",
    "Saltmere deal",
    "--format",
    "html",
    "--out",
    out,
    "--db",
    db,
  ]);
  assert.equal(html.code, 0, html.stderr);
  assert.match(readFileSync(out, "utf8"), /^<!doctype html>[\s\S]*<h2>Mixed messages<\/h2>/);
});

test("bad requests fail clearly", () => {
  const nobody = onrecord(["timeline", "--speaker", "Nobody Atall", "--db", db]);
  assert.equal(nobody.code, 2);
  assert.match(nobody.stderr, /no speaker named "Nobody Atall"/);
  const vague = onrecord(["timeline", "--speaker", "Voss", "--about", "the", "--db", db]);
  assert.equal(vague.code, 2);
  assert.match(vague.stderr, /topic "the" has no words/);
  const env = { ...process.env, ONRECORD_LLM_URL: "" };
  const llm = onrecord(["mixed", "--speaker", "Voss", "--judge", "llm", "--db", db], env);
  assert.equal(llm.code, 2);
  assert.match(llm.stderr, /needs ONRECORD_LLM_URL/);
  const date = onrecord(["timeline", "--speaker", "Voss", "--since", "March 3", "--db", db]);
  assert.notEqual(date.code, 0);
  assert.match(date.stderr, /YYYY-MM-DD/);
});

test("the seed article: Trump on Russia, in order, with the contradictions flagged", {
  skip: seed.skip,
}, () => {
  const seedDb = path.join(dir, "seed.db");
  const ingest = onrecord(["ingest", seedDir, "--db", seedDb]);
  assert.equal(ingest.code, 0, ingest.stderr);
  const timeline = json<StatementView[]>([
    "timeline",
    "--speaker",
    "Trump",
    "--about",
    "Russia",
    "--db",
    seedDb,
  ]);
  const all = timeline.map((s) => s.content).join("\n");
  for (const phrase of [
    /very concerned/,
    /witch hunt/,
    /big hoax/,
    /confidence in the intelligence community/,
  ]) {
    assert.match(all, phrase);
  }
  assertSpansIndexArticles(seedDb, timeline);
  const pairs = json<MixedPair[]>(["mixed", "--speaker", "Trump", "--db", seedDb]);
  assert.ok(pairs.length > 0, "the week of mixed messages is flagged");
});

test("ingest honours a manual overrides file, and a bad one is refused by name", () => {
  const overrides = path.join(dir, "overrides.json");
  writeFileSync(overrides, JSON.stringify({ rename: [{ from: "Helena Voss", to: "Helena M. Voss" }] }));
  const renamedDb = path.join(dir, "renamed.db");
  const ingest = onrecord([
    "ingest",
    path.join(root, "samples/corpus"),
    "--overrides",
    overrides,
    "--db",
    renamedDb,
  ]);
  assert.equal(ingest.code, 0, ingest.stderr);
  const person = json<{ name: string; statementCount: number }>(["person", "Voss", "--db", renamedDb]);
  assert.equal(person.name, "Helena M. Voss");
  assert.ok(person.statementCount > 5);
  const why = onrecord(["person", "Helena M. Voss", "--why", "--db", renamedDb]);
  assert.match(why.stdout, /manual override/);

  writeFileSync(overrides, '{"rename": [{"from": "Helena Voss"}]}');
  const bad = onrecord([
    "ingest",
    path.join(root, "samples/corpus"),
    "--overrides",
    overrides,
    "--db",
    renamedDb,
  ]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /overrides\.json: .*"to"/);
});
