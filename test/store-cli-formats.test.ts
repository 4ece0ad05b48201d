/**
 * The application queries over the Store (src/app/queries.ts) and the one `--format` every output
 * command takes (src/cli/formats.ts). Fictional articles only.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { generatedArticle } from "../bench/fixtures.ts";
import { mixed, person, QueryError, SpeakerError, summary, timeline, topics } from "../src/app/queries.ts";
import { RecordPrinter, rendered } from "../src/cli/formats.ts";
import { buildProgram } from "../src/cli/program.ts";
import { openStore } from "../src/record/open-store.ts";
import { runCli } from "./cli-helper.ts";
import { article, later, mayor } from "./store-fixtures.ts";

const dir = mkdtempSync(path.join(tmpdir(), "onrecord-formats-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("renderers: JSON a document, JSON Lines a record a line, the other formats the command's view", () => {
  const rows = [{ a: 1 }, { a: "two\nlines" }];
  assert.equal(rendered("json", rows, {}), `${JSON.stringify(rows, null, 2)}\n`);
  assert.equal(rendered("jsonl", rows, {}), '{"a":1}\n{"a":"two\\nlines"}\n');
  assert.equal(rendered("jsonl", { a: 1 }, {}), '{"a":1}\n', "one record is one line");
  assert.equal(rendered("text", rows, { text: (r) => `${r.length} rows\n` }), "2 rows\n");
  assert.throws(() => rendered("md", rows, { text: () => "" }), /no md view/);
});

test("a record printer streams JSON Lines and text, and writes a JSON document once at the end", () => {
  const written: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => written.push(chunk) > 0) as typeof process.stdout.write;
  try {
    const lines = new RecordPrinter<{ n: number }>("jsonl");
    lines.add({ n: 1 }, () => written.push("never"));
    const json = new RecordPrinter<{ n: number }>("json");
    json.add({ n: 2 }, () => written.push("never"));
    json.add({ n: 3 }, () => written.push("never"));
    assert.deepEqual(written, ['{"n":1}\n'], "nothing of the JSON document before its end");
    json.end();
    new RecordPrinter<{ n: number }>("text").add({ n: 4 }, () => written.push("text 4\n"));
    assert.deepEqual(written, [
      '{"n":1}\n',
      `${JSON.stringify([{ n: 2 }, { n: 3 }], null, 2)}\n`,
      "text 4\n",
    ]);
  } finally {
    process.stdout.write = write;
  }
});

test("every command that prints results takes one --format; --json stays where users typed it", () => {
  const formats: Record<string, string[]> = {};
  const json: string[] = [];
  for (const command of buildProgram().commands) {
    const format = command.options.find((option) => option.long === "--format");
    if (format && !format.hidden) formats[command.name()] = format.argChoices ?? [];
    if (command.options.some((option) => option.long === "--json")) json.push(command.name());
  }
  assert.deepEqual(formats, {
    article: ["jsonl", "json", "text"],
    extract: ["jsonl", "json", "text"],
    statements: ["text", "json", "jsonl"],
    people: ["text", "json", "jsonl"],
    person: ["text", "json"],
    summary: ["text", "json"],
    topics: ["text", "json", "jsonl"],
    timeline: ["text", "md", "json", "jsonl"],
    mixed: ["text", "json", "jsonl"],
    digest: ["md", "html", "json"],
    sources: ["text", "json", "jsonl"],
  });
  // ingest and clean print a summary or JSON Lines with --json; their hidden --format is the old input flag.
  assert.deepEqual(json.sort(), [
    "clean",
    "ingest",
    "jobs",
    "mixed",
    "people",
    "person",
    "sources",
    "statements",
    "summary",
    "timeline",
    "topics",
    "worker",
  ]);
});

test("application queries: plain data, and a speaker no one or several people answer to is a SpeakerError", async () => {
  const store = await openStore(path.join(dir, "queries.db"), { create: true });
  try {
    for (const a of [mayor, later]) await store.addArticle(a);
    const cousin = 'Bo Quill said "the bridge is ugly."';
    await store.addArticle(
      article("q4", cousin, "2026-06-01", [
        { speaker: { name: "Bo Quill" }, source: "Bo Quill", cue: "said", content: ["the bridge is ugly."] },
      ]),
    );
    assert.deepEqual(
      (await timeline(store, { speaker: "Ada Quill" })).map((v) => v.published),
      ["2026-03-02", "2026-03-02", "2026-05-20"],
    );
    assert.equal((await timeline(store, { speaker: "Ada Quill", since: "2026-04-01" })).length, 1);
    const unknown = await timeline(store, { speaker: "Nobody Atall" }).catch((error) => error);
    assert.ok(unknown instanceof SpeakerError);
    assert.deepEqual(unknown.candidates, []);
    const ambiguous = await person(store, "Quill").catch((error) => error);
    assert.ok(ambiguous instanceof SpeakerError);
    assert.deepEqual(
      ambiguous.candidates.map((c: { name: string }) => c.name),
      ["Ada Quill", "Bo Quill"],
    );
    assert.match(ambiguous.message, /^"Quill" names 2 people; give a full name or an id/);
    await assert.rejects(mixed(store, { speaker: "Ada Quill", about: "the", limit: 5 }), (error: unknown) => {
      assert.ok(error instanceof QueryError && !(error instanceof SpeakerError));
      assert.match(error.message, /topic "the" has no words to match on/);
      return true;
    });
    const found = await mixed(store, { speaker: "Ada Quill", limit: 5 });
    assert.equal(found.statements, 3);
    assert.ok((await topics(store, { speaker: "Bo Quill" })).length > 0);
    const { stats, example, exampleText } = await summary(store);
    assert.equal(stats.articles, 3);
    assert.equal(example?.speaker, "Ada Quill");
    assert.deepEqual(exampleText, ["the bridge opens in May."]);
  } finally {
    await store.close();
  }
});

test("CLI: old spellings (ingest --format, quotes) work with a notice; --format jsonl and --json list the same records", () => {
  const db = path.join(dir, "cli.db");
  const ingest = runCli(dir, ["ingest", "-", "--format", "text", "--db", db, "--workers", "0"], {
    input: generatedArticle(3),
  });
  assert.equal(ingest.code, 0, ingest.stderr);
  assert.match(
    ingest.stderr,
    /^onrecord: ingest --format is deprecated for the input format; use --input-format$/m,
  );
  const lines = runCli(dir, ["statements", "--db", db, "--format", "jsonl"]);
  // `quotes` is the old name of `statements`: it still works, with a notice.
  const document = runCli(dir, ["quotes", "--db", db, "--json"]);
  assert.equal(lines.code, 0, lines.stderr);
  assert.equal(lines.stderr, "");
  assert.equal(document.stderr, "onrecord: `quotes` is now `statements`\n");
  const records = JSON.parse(document.stdout) as unknown[];
  assert.ok(records.length > 0);
  assert.deepEqual(
    lines.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line)),
    records,
  );
  const bad = runCli(dir, ["statements", "--db", db, "--format", "md"]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /argument 'md' is invalid. Allowed choices are text, json, jsonl/);
});
