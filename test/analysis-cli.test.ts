import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { digestMarkdown } from "../src/analysis/digest.ts";
import type { StatementView } from "../src/analysis/statement-view.ts";
import { webIngestOptions } from "../src/app/ingest-web.ts";
import { digest, mixed, person, timeline, topics } from "../src/app/queries.ts";
import { ingestInputs } from "../src/app/run-ingest.ts";
import { parseDate } from "../src/cli/common.ts";
import { openStore } from "../src/record/open-store.ts";
import { loadOverrides } from "../src/record/overrides.ts";
import type { Store } from "../src/record/store.ts";
import { runCli } from "./cli-helper.ts";
import { sharedData } from "./shared-data.ts";

// The samples are ingested once through the command line (the process boundary); the questions are then
// asked in-process of the application functions the commands call, and only what the process itself
// does (exit codes, flags, --out) is checked through it.
const root = path.resolve(import.meta.dirname, "..");
const corpus = path.join(root, "samples/corpus");
const seed = sharedData("seed");
const seedDir = seed.path;
const dir = mkdtempSync(path.join(tmpdir(), "onrecord-analysis-"));
const db = path.join(dir, "samples.db");
let store: Store;
after(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const onrecord = (args: string[], env?: NodeJS.ProcessEnv) => runCli(dir, args, { env });

/** Ingests in-process as `onrecord ingest` does (near-duplicate linking included), on the main thread. */
async function ingestInto(target: Store, inputs: string[]) {
  const summary = await ingestInputs(inputs, target, { workers: 0, ...webIngestOptions(target, {}) });
  assert.equal(summary.failed, 0, JSON.stringify(summary.failures));
  return summary;
}

/** Every statement's span must read, in the stored article, as the statement's content starts. */
async function assertSpansIndexArticles(on: Store, statements: StatementView[]) {
  for (const s of statements) {
    const text = (await on.article(s.articleId))?.text ?? "";
    const first = s.content.split(" … ")[0] ?? "";
    assert.equal(text.slice(s.span.start, s.span.start + first.length), first, `span of statement ${s.id}`);
  }
}

before(async () => {
  const ingest = onrecord(["ingest", corpus, "--db", db]);
  assert.equal(ingest.code, 0, ingest.stderr);
  assert.match(ingest.stdout, /^read 46, stored 46, already present 0, failed 0, statements \d+/);
  store = await openStore(db, { readonly: true });
});

test("the minister's week on the port deal comes out in date order and is flagged", async () => {
  const week = await timeline(store, { speaker: "Voss", about: "Saltmere deal" });
  assert.ok(week.length >= 3, `only ${week.length} statements`);
  const dates = week.map((s) => s.published ?? "");
  assert.deepEqual(dates, [...dates].sort(), "date order");
  assert.ok(week.some((s) => s.published === "2026-03-09" && /dead/.test(s.content)));
  await assertSpansIndexArticles(store, week);

  const { pairs } = await mixed(store, { speaker: "Voss", limit: 20 });
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
  await assertSpansIndexArticles(
    store,
    pairs.flatMap((pair) => [pair.earlier, pair.later]),
  );
});

test("topics and the sourced digest", async () => {
  const found = await topics(store, { speaker: "Voss" });
  assert.ok(found.some((topic) => topic.label === "deal"));

  const md = digestMarkdown(await digest(store, { speaker: "Voss", about: "Saltmere deal" }));
  assert.match(md, /^# Voss on Saltmere deal/);
  assert.match(md, /## Mixed messages/);
  const cited = md.split("\n").filter((line) => line.startsWith("- On "));
  assert.ok(cited.length >= 3);
  for (const line of cited)
    assert.match(line, /article [0-9a-f]{12} chars \d+-\d+/, "every statement cites its span");

  // Through the command: --format html and --out write the file.
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

test("bad requests fail clearly", async () => {
  // The process: a speaker no one answers to is exit code 2 with the reason; so is --judge llm unset.
  const nobody = onrecord(["timeline", "--speaker", "Nobody Atall", "--db", db]);
  assert.equal(nobody.code, 2);
  assert.match(nobody.stderr, /no speaker named "Nobody Atall"/);
  const env = { ...process.env, ONRECORD_LLM_URL: "" };
  const llm = onrecord(["mixed", "--speaker", "Voss", "--judge", "llm", "--db", db], env);
  assert.equal(llm.code, 2);
  assert.match(llm.stderr, /needs ONRECORD_LLM_URL/);
  // The logic, in-process.
  await assert.rejects(timeline(store, { speaker: "Voss", about: "the" }), /topic "the" has no words/);
  assert.throws(() => parseDate("March 3"), /YYYY-MM-DD/);
});

test("the seed article: Trump on Russia, in order, with the contradictions flagged", {
  skip: seed.skip,
}, async () => {
  const seedStore = await openStore(path.join(dir, "seed.db"), { create: true });
  try {
    await ingestInto(seedStore, [seedDir]);
    const russia = await timeline(seedStore, { speaker: "Trump", about: "Russia" });
    const all = russia.map((s) => s.content).join("\n");
    for (const phrase of [
      /very concerned/,
      /witch hunt/,
      /big hoax/,
      /confidence in the intelligence community/,
    ]) {
      assert.match(all, phrase);
    }
    await assertSpansIndexArticles(seedStore, russia);
    const { pairs } = await mixed(seedStore, { speaker: "Trump", limit: 20 });
    assert.ok(pairs.length > 0, "the week of mixed messages is flagged");
  } finally {
    await seedStore.close();
  }
});

test("ingest honours a manual overrides file, and a bad one is refused by name", async () => {
  const overrides = path.join(dir, "overrides.json");
  writeFileSync(overrides, JSON.stringify({ rename: [{ from: "Helena Voss", to: "Helena M. Voss" }] }));
  const renamedDb = path.join(dir, "renamed.db");
  // What `ingest --overrides FILE` does before reading: the store takes the file's overrides.
  const renamed = await openStore(renamedDb, { create: true });
  try {
    await renamed.setOverrides(loadOverrides(overrides));
    await ingestInto(renamed, [path.join(corpus, "text")]);
    const report = await person(renamed, "Voss");
    assert.equal(report.record.name, "Helena M. Voss");
    assert.ok(report.record.statements.length > 5);
    assert.ok(report.links.some((link) => link.rule.startsWith("manual override")));
  } finally {
    await renamed.close();
  }

  // Through the command: a bad file is refused with its name, before anything is read.
  writeFileSync(overrides, '{"rename": [{"from": "Helena Voss"}]}');
  const bad = onrecord(["ingest", corpus, "--overrides", overrides, "--db", renamedDb]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /overrides\.json: .*"to"/);
});
