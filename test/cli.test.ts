import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import Database from "better-sqlite3";
import { generatedArticle } from "../bench/fixtures.ts";
import { exportStatements, people, person } from "../src/app/queries.ts";
import { parseDate, parseProbability } from "../src/cli/common.ts";
import { buildProgram } from "../src/cli/program.ts";
import { formatStatement } from "../src/cli/statements.ts";
import { openStore } from "../src/record/open-store.ts";
import type { StatementRecord } from "../src/record/store.ts";
import { runCli } from "./cli-helper.ts";

const dir = mkdtempSync(path.join(tmpdir(), "onrecord-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const onrecord = (args: string[], input?: string) => runCli(dir, args, { input });

const file = (name: string) => path.join(dir, name);
const htmlArticle = `<!doctype html><html><head><title>Ferry fares rise</title>
<meta property="og:site_name" content="Harbourtown Courier"><meta property="article:published_time" content="2026-02-11">
</head><body><article><h1>Ferry fares rise</h1>
<p>Harbour commissioner Dana Ruel said on Monday that “fares will rise by a fifth next month, and nobody is happy about it.”</p>
<p>Ruel told reporters that the operator had lost money for three years running and could not keep the old prices.</p>
<p>Passenger groups said the rise was “a tax on people who live on the islands.”</p>
</article></body></html>`;
const goodJsonl = (i: number) =>
  JSON.stringify({
    title: `Dump ${i}`,
    date: "2026-02-12",
    publication: "Valley Dispatch",
    text: generatedArticle(1000 + i)
      .split("\n\n")
      .slice(1)
      .join("\n\n"),
  });

/** Every table's rows, so a database can be compared before and after a batch. */
function snapshot(db: string) {
  const conn = new Database(db, { readonly: true });
  try {
    return {
      articles: conn
        .prepare("SELECT id, origin, text, raw_text, statement_count, ingested_at FROM articles ORDER BY id")
        .all(),
      statements: conn.prepare("SELECT * FROM statements ORDER BY id").all(),
      persons: conn.prepare("SELECT * FROM persons ORDER BY id").all(),
    };
  } finally {
    conn.close();
  }
}

before(() => {
  writeFileSync(file("existing.txt"), generatedArticle(1));
  writeFileSync(file("good-1.txt"), generatedArticle(2));
  writeFileSync(file("good-2.txt"), generatedArticle(3));
  writeFileSync(file("good.html"), htmlArticle);
  writeFileSync(file("empty.txt"), "");
  writeFileSync(
    file("binary.txt"),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a, 0x00, 0xff]),
  );
  writeFileSync(
    file("invalid-utf8.txt"),
    Buffer.concat([
      Buffer.from("Title: Bad bytes\n\nMayor said "),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from(" hi.\n"),
    ]),
  );
  // Truncated inside <head>: there is no body to extract.
  writeFileSync(file("truncated.html"), "<!doctype html><html><head><title>Cut off</title><meta name=");
  writeFileSync(file("dump.jsonl"), `${goodJsonl(1)}\n{"title": "broken", "text": \n${goodJsonl(2)}\n`);
  writeFileSync(file("notes.xyz"), "not an article format");
  // 50 MB of plausible text, written in chunks so the test does not hold it twice.
  const big = openSync(file("huge.txt"), "w");
  const chunk = Buffer.from("The council met again and said very little. ".repeat(23_000));
  for (let written = 0; written < 50 * 1024 * 1024; written += chunk.length) writeSync(big, chunk);
  closeSync(big);
});

test("every command has --help, and data commands have --db and --json", () => {
  // In-process: seven child processes would cost more than the rest of this file.
  const program = buildProgram();
  const names = program.commands.map((command) => command.name());
  assert.deepEqual(names, [
    "ingest",
    "article",
    "extract",
    "clean",
    "statements",
    "people",
    "person",
    "summary",
    "topics",
    "timeline",
    "mixed",
    "digest",
    "watch",
    "sources",
    "serve",
    "worker",
    "jobs",
  ]);
  for (const command of program.commands) {
    const help = command.helpInformation();
    assert.match(help, new RegExp(`Usage: onrecord ${command.name()}`));
    assert.match(help, /-h, --help/);
    // jobs reads the queue (--queue), not a record.
    if (!["article", "extract", "clean", "digest", "jobs"].includes(command.name())) {
      assert.match(help, /--db <path(?:\|url)?>/, command.name());
      // watch runs until stopped: its output is a log (and alert lines), not one JSON document.
      // watch and serve run until stopped: a log (and alert lines) or a server, not one JSON document.
      if (!["watch", "serve"].includes(command.name())) assert.match(help, /--json/, command.name());
    }
  }
  const result = onrecord(["statements", "--help"]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /--search <text>/);
});

test("querying a database that does not exist fails clearly and creates nothing", () => {
  const result = onrecord(["people", "--db", "absent.db"]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /no database at absent\.db/);
  assert.equal(spawnSync("test", ["-e", file("absent.db")]).status, 1);

  writeFileSync(file("not-a.db"), "plain text, not SQLite\n");
  for (const args of [["people"], ["ingest", "good-1.txt"]]) {
    const wrong = onrecord([...args, "--db", "not-a.db"]);
    assert.equal(wrong.code, 2, wrong.stderr);
    assert.match(wrong.stderr, /cannot open database not-a\.db: file is not a database/);
  }
  assert.equal(readFileSync(file("not-a.db"), "utf8"), "plain text, not SQLite\n");
});

test("a batch with bad inputs: exit 1, each failure listed, good articles stored, old rows untouched", () => {
  const first = onrecord(["ingest", "existing.txt", "--db", "batch.db"]);
  assert.equal(first.code, 0, first.stderr);
  const before = snapshot(file("batch.db"));
  assert.equal(before.articles.length, 1);

  const inputs = [
    "good-1.txt",
    "good-2.txt",
    "good.html",
    "empty.txt",
    "binary.txt",
    "invalid-utf8.txt",
    "huge.txt",
    "truncated.html",
    "dump.jsonl",
    "notes.xyz",
  ];
  const batch = onrecord(["ingest", ...inputs, "--db", "batch.db", "--json"]);
  assert.equal(batch.code, 1, batch.stderr);
  const summary = JSON.parse(batch.stdout);
  assert.equal(summary.stored, 5, "good-1, good-2, good.html and two dump records");
  assert.equal(summary.failed, 7);
  const expected: [string, RegExp][] = [
    ["empty.txt", /empty/],
    ["binary.txt", /binary/],
    ["invalid-utf8.txt", /UTF-8/],
    ["huge.txt", /too large/],
    ["truncated.html", /no article text/],
    ["dump.jsonl:2", /JSON/],
    ["notes.xyz", /unsupported/],
  ];
  for (const [where, reason] of expected) {
    const line = batch.stderr.split("\n").find((l) => l.startsWith(`failed: ${where}: `));
    assert.ok(line, `no failure line for ${where} in:\n${batch.stderr}`);
    assert.match(line, reason);
  }
  assert.deepEqual(
    summary.failures.find((f: { origin: string }) => f.origin === "dump.jsonl"),
    {
      origin: "dump.jsonl",
      line: 2,
      reason: summary.failures.find((f: { origin: string }) => f.origin === "dump.jsonl").reason,
    },
  );

  const after = snapshot(file("batch.db"));
  assert.equal(after.articles.length, 6);
  const old = before.articles[0] as { id: string };
  assert.deepEqual(
    after.articles.find((a) => (a as { id: string }).id === old.id),
    old,
  );
  const oldStatements = (s: { article_id: string }[]) => s.filter((row) => row.article_id === old.id);
  assert.deepEqual(
    oldStatements(after.statements as { article_id: string }[]),
    oldStatements(before.statements as { article_id: string }[]),
  );

  // The same batch again stores nothing new and changes nothing.
  const again = onrecord(["ingest", ...inputs, "--db", "batch.db", "--json"]);
  assert.equal(again.code, 1);
  const repeat = JSON.parse(again.stdout);
  assert.equal(repeat.stored, 0);
  assert.equal(repeat.alreadyPresent, 5);
  assert.deepEqual(snapshot(file("batch.db")), after);
});

test("stored spans index the stored text exactly", () => {
  const conn = new Database(file("batch.db"), { readonly: true });
  const rows = conn
    .prepare(`SELECT s.*, a.text, a.raw_text FROM statements s JOIN articles a ON a.id = s.article_id`)
    .all() as Record<string, unknown>[];
  conn.close();
  assert.ok(rows.length > 0, "the generated articles hold quotes");
  for (const row of rows) {
    const text = row.text as string;
    const raw = row.raw_text as string;
    const content = JSON.parse(row.content_spans as string) as { start: number; end: number }[];
    const rawContent = JSON.parse(row.raw_content_spans as string) as { start: number; end: number }[];
    assert.ok(content.length > 0);
    assert.equal(row.content, content.map((s) => text.slice(s.start, s.end).trim()).join(" … "));
    const pairs: [number | null, number | null, number | null, number | null][] = [
      [
        row.source_start as number,
        row.source_end as number,
        row.raw_source_start as number,
        row.raw_source_end as number,
      ],
      [
        row.cue_start as number,
        row.cue_end as number,
        row.raw_cue_start as number,
        row.raw_cue_end as number,
      ],
      ...content.map(
        (s, i) =>
          [s.start, s.end, rawContent[i]?.start ?? null, rawContent[i]?.end ?? null] as [
            number,
            number,
            number,
            number,
          ],
      ),
    ];
    for (const [start, end, rawStart, rawEnd] of pairs) {
      if (start === null) {
        assert.equal(rawStart, null);
        continue;
      }
      assert.ok(start >= 0 && (end as number) <= text.length && start < (end as number));
      // Cleaning only deletes: a span that did not straddle removed material reads the same in both texts.
      if ((rawEnd as number) - (rawStart as number) === (end as number) - start) {
        assert.equal(raw.slice(rawStart as number, rawEnd as number), text.slice(start, end as number));
      }
    }
  }
});

test("query commands read the record as text and JSON", async () => {
  // The questions in-process, through the application functions the commands call; the process only
  // for what it adds (exit codes, rendering).
  const store = await openStore(file("batch.db"), { readonly: true });
  try {
    const list = await people(store);
    assert.ok(list.length > 0);
    const top = list[0] as { name: string; statements: number };

    const { record } = await person(store, top.name.toUpperCase());
    assert.equal(record.name, top.name);
    assert.equal(record.statements.length, top.statements);
    const dates = record.statements.map((s) => s.published);
    assert.deepEqual(dates, [...dates].sort());

    assert.equal((await exportStatements(store, { speaker: top.name, limit: 1 })).length, 1);
    await exportStatements(store, { search: 'fares " OR *' });
    assert.throws(() => parseDate("yesterday"), /YYYY-MM-DD/);

    // Confidence: every stored statement has one from the default extractor, and it filters.
    const all = await exportStatements(store, { limit: 1000 });
    assert.ok(
      all.length > 0 && all.every((s) => s.confidence !== null && s.confidence > 0 && s.confidence <= 1),
    );
    assert.deepEqual(
      await exportStatements(store, { minConfidence: 0.9, limit: 1000 }),
      all.filter((s) => (s.confidence ?? 0) >= 0.9),
    );
    assert.match(
      formatStatement(all[0] as StatementRecord),
      /\[(direct|indirect|partial), confidence (0\.\d\d|1\.00)\]/,
    );
    assert.throws(() => parseProbability("high"), /expected a number from 0 to 1/);
  } finally {
    await store.close();
  }

  assert.equal(onrecord(["person", "Nobody Here", "--db", "batch.db"]).code, 2);
  const bad = onrecord(["statements", "--min-confidence", "high", "--db", "batch.db"]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--min-confidence.*expected a number from 0 to 1/);
  const summary = onrecord(["summary", "--db", "batch.db"]);
  assert.equal(summary.code, 0, summary.stderr);
  assert.match(summary.stdout, /6 articles, \d+ statements/);
  assert.match(summary.stdout, /characters \d+-\d+( \+ \d+-\d+)* of its cleaned text read: "/);
});

test("extract prints offsets into the file as read, without a database", () => {
  const result = onrecord(["extract", "good-1.txt", "good.html"]);
  assert.equal(result.code, 0, result.stderr);
  const [text, html] = result.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  assert.equal(text.file, "good-1.txt");
  assert.equal(text.text, undefined, "plain text offsets index the file itself");
  const raw = generatedArticle(2);
  assert.ok(text.attributions.length > 0);
  for (const attribution of text.attributions) {
    assert.ok(attribution.confidence > 0 && attribution.confidence <= 1, "each attribution has a confidence");
    for (const span of [attribution.source, attribution.cue, ...attribution.content].filter(Boolean)) {
      assert.equal(raw.slice(span.start, span.end), span.text);
    }
  }
  assert.equal(typeof html.text, "string");
  for (const attribution of html.attributions) {
    for (const span of attribution.content) assert.equal(html.text.slice(span.start, span.end), span.text);
  }
  // Dump records carry their own text, which the offsets index; the bad line is a listed failure.
  const dump = onrecord(["extract", "dump.jsonl"]);
  assert.equal(dump.code, 1);
  assert.match(dump.stderr, /failed: dump\.jsonl:2: /);
  const records = dump.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  assert.deepEqual(
    records.map((record) => record.file),
    ["dump.jsonl:1", "dump.jsonl:3"],
  );
  for (const record of records) {
    assert.equal(typeof record.text, "string");
    for (const attribution of record.attributions) {
      for (const span of attribution.content)
        assert.equal(record.text.slice(span.start, span.end), span.text);
    }
  }
  const listing = onrecord(["extract", "good-1.txt", "--format", "text"]);
  assert.match(listing.stdout, /== good-1\.txt/);
  const missing = onrecord(["extract", "nothing.txt"]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /failed: nothing\.txt: file not found/);
  assert.equal(spawnSync("test", ["-e", file("onrecord.db")]).status, 1, "extract creates no database");
});

test("clean prints the cleaned article; stdin works", () => {
  const result = onrecord(["clean", "-"], generatedArticle(7));
  assert.equal(result.code, 0, result.stderr);
  assert.doesNotMatch(result.stdout, /^Title:/m, "the header is metadata, not text");
  assert.match(result.stdout, /report number 7/);
});

test("the worker pool and the main thread store the same record", () => {
  const inputs = ["good-1.txt", "good-2.txt", "good.html", "dump.jsonl"];
  assert.equal(
    onrecord(["ingest", ...inputs, "--db", "inline.db", "--workers", "0"]).code,
    1,
    "dump.jsonl:2 fails",
  );
  assert.equal(onrecord(["ingest", ...inputs, "--db", "pool.db", "--workers", "2"]).code, 1);
  const rows = (db: string) => {
    const conn = new Database(file(db), { readonly: true });
    try {
      return conn
        .prepare(
          `SELECT s.article_id, s.ordinal, s.content, s.content_spans, s.raw_content_spans, p.name
           FROM statements s LEFT JOIN persons p ON p.id = s.person_id ORDER BY s.article_id, s.ordinal`,
        )
        .all();
    } finally {
      conn.close();
    }
  };
  const inline = rows("inline.db");
  assert.ok(inline.length > 0);
  assert.deepEqual(rows("pool.db"), inline);
});

test("an article not in English is stored without statements, and ingest and extract say why", () => {
  // Written for this test: a fictional harbour story in Portuguese, with a quote an English extractor
  // would misread ("ATENÇÃO" and "Prof. Marta" as speakers).
  const portuguese = [
    "Título: Balsa nova para a ilha",
    "",
    "A prefeitura de Porto Alvo anunciou nesta segunda-feira que a nova balsa começará a operar em março.",
    "",
    "Prof. Marta: A gente esperou muito tempo por isso, e agora os moradores vão atravessar em vinte minutos.",
    "",
    "ATENÇÃO: os horários podem mudar durante as obras no cais, segundo a secretaria de transportes.",
    "",
    "O secretário disse que o preço da passagem não vai subir neste ano, apesar do custo do combustível.",
  ].join("\n");
  writeFileSync(file("balsa.txt"), portuguese);
  const extracted = onrecord(["extract", "balsa.txt", "good-2.txt"]);
  assert.equal(extracted.code, 0, extracted.stderr);
  const [foreign, english] = extracted.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  assert.equal(foreign.language, "por");
  assert.deepEqual(foreign.attributions, []);
  assert.equal(english.language, "eng");
  assert.ok(english.attributions.length > 0, "the English article next to it is extracted as before");
  const listing = onrecord(["extract", "balsa.txt", "--format", "text"]);
  assert.match(listing.stdout, /== balsa\.txt \(language por, not English: no attributions extracted\)/);

  const db = file("language.db");
  const ingested = onrecord(["ingest", "balsa.txt", "good-2.txt", "--db", db]);
  assert.equal(ingested.code, 0, ingested.stderr);
  assert.match(ingested.stdout, /stored 2,/);
  assert.match(ingested.stdout, /not in English: 1 \(stored without statements/);
  const conn = new Database(db, { readonly: true });
  try {
    const rows = conn
      .prepare("SELECT origin, language, statement_count FROM articles ORDER BY origin")
      .all() as {
      origin: string;
      language: string;
      statement_count: number;
    }[];
    assert.deepEqual(
      rows.map((row) => [path.basename(row.origin), row.language, row.statement_count > 0]),
      [
        ["balsa.txt", "por", false],
        ["good-2.txt", "eng", true],
      ],
    );
  } finally {
    conn.close();
  }
});
