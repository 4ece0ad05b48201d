import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { after, mock, test } from "node:test";
import { gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { generatedArticle } from "../bench/fixtures.ts";
import { digestHtml, digestMarkdown } from "../src/analysis/digest.ts";
import { cacheKey, llmJudge, MAX_RESPONSE_BYTES, renderPrompt } from "../src/analysis/llm-judge.ts";
import type { StatementView } from "../src/analysis/statement-view.ts";
import { FailureLog, failureReport } from "../src/app/failure-log.ts";
import { ingestInputs, maxWorkerCount, StoreWriteError } from "../src/app/run-ingest.ts";
import { openExistingStore, UsageError } from "../src/cli/common.ts";
import { checkOutputPath } from "../src/cli/output-file.ts";
import { terminalSafe } from "../src/cli/terminal.ts";
import { readPage } from "../src/ingest/html.ts";
import { boundHtml, MAX_HTML_DEPTH, MAX_HTML_ELEMENTS } from "../src/ingest/html-bounds.ts";
import { type ReadOptions, readInputs } from "../src/ingest/read.ts";
import type { RawArticle, ReadFailure, ReadResult } from "../src/ingest/types.ts";
import { isEnglish, languageOf } from "../src/nlp/language.ts";
import { openStore } from "../src/record/open-store.ts";
import { openSqliteStore } from "../src/record/sqlite.ts";
import { runCli } from "./cli-helper.ts";

/**
 * Issue 13: nothing in a file, a page or a server can stop, stall or sink a run. One test (or a few)
 * per case of the issue, each of which failed before its fix.
 */

const work = mkdtempSync(path.join(tmpdir(), "onrecord-hostile-"));
after(() => rmSync(work, { recursive: true, force: true }));

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(work, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}
async function readAll(inputs: string[], options?: ReadOptions): Promise<ReadResult[]> {
  const results: ReadResult[] = [];
  for await (const result of readInputs(inputs, options)) results.push(result);
  return results;
}
const articles = (results: ReadResult[]): RawArticle[] => results.flatMap((r) => (r.ok ? [r.article] : []));
const failures = (results: ReadResult[]): ReadFailure[] => results.flatMap((r) => (r.ok ? [] : [r.failure]));
const story = (i: number) => generatedArticle(i).split("\n\n").slice(1).join("\n\n");

// Case 1: deep HTML.

const deepHtml = (depth: number) =>
  `<html><body>${"<div>".repeat(depth)}<p>The harbour master said the pier would reopen on Monday.</p>${"</div>".repeat(depth)}</body></html>`;

test("case 1: a 10,000-deep page is stored as flat text with a warning, and the batch goes on", async () => {
  const deep = write("deep/deep.html", deepHtml(10_000));
  const good = write("deep/good.txt", story(1));
  const results = await readAll([deep, good]);
  assert.deepEqual(failures(results), []);
  const [flat, plain] = results;
  assert.ok(flat?.ok && plain?.ok);
  assert.equal(flat.article.text, "The harbour master said the pier would reopen on Monday.");
  assert.match(flat.warning ?? "", /nested more than 256 deep/);
  assert.equal(plain.warning, undefined);
});

test("case 1: a deep record inside a JSONL dump fails nothing and keeps the records after it", async () => {
  const dump = write(
    "deep/dump.jsonl",
    [
      JSON.stringify({ text: story(2) }),
      JSON.stringify({ text: deepHtml(5_000) }),
      JSON.stringify({ text: story(3) }),
    ].join("\n"),
  );
  const results = await readAll([dump]);
  assert.deepEqual(failures(results), []);
  assert.deepEqual(
    articles(results).map((a) => a.origin),
    [`${dump}:1`, `${dump}:2`, `${dump}:3`],
  );
});

test("case 1: the bounds: depth and element count are checked before parsing, real pages pass", () => {
  assert.equal(boundHtml(deepHtml(MAX_HTML_DEPTH - 10)).flattened, false);
  assert.equal(boundHtml(deepHtml(MAX_HTML_DEPTH + 1)).flattened, true);
  // Unclosed paragraphs and list items close themselves, as a parser closes them: not depth.
  assert.equal(boundHtml(`<body>${"<p>para".repeat(5_000)}</body>`).flattened, false);
  assert.equal(boundHtml(`<ul>${"<li>item".repeat(5_000)}</ul>`).flattened, false);
  const wide = boundHtml(`<body>${"<i>x</i>".repeat(MAX_HTML_ELEMENTS + 1)}</body>`);
  assert.equal(wide.flattened, true);
  assert.match(wide.reason ?? "", /more than 100,000 elements/);
  // Flat text keeps paragraphs, drops scripts and decodes entities.
  const flat = boundHtml(
    `<head><title>T</title><script>var a = "<div>";</script></head>${"<div>".repeat(300)}<p>One &amp; two.</p><p>Three&#8217;s.</p>`,
  );
  assert.equal(flat.html, "One & two.\n\nThree’s.");
  // A tag longer than the bound keeps its name and loses its attributes; the text is untouched.
  const huge = boundHtml(
    `<p title="${"a>".repeat(100_000)}">Kept text.</p><img src="data:${"x".repeat(70_000)}"/>`,
  );
  assert.deepEqual(huge, { html: "<p>Kept text.</p><img />", flattened: false, attributesDropped: 2 });
  // Inside the bounds the page goes through Readability as before.
  assert.equal(readPage(deepHtml(50)).warning, undefined);
});

// Case 2: failures in bounded memory.

test("case 2: failures are counted by reason; only the first 20 are kept; --failures gets them all", async () => {
  const lines = Array.from({ length: 30_000 }, (_, i) =>
    i === 1000 ? JSON.stringify({ text: story(4) }) : "{}",
  );
  const dump = write("bad/many.jsonl.gz", gzipSync(`${lines.join("\n")}\n`));
  const db = path.join(work, "bad/many.db");
  const failuresFile = path.join(work, "bad/failures.jsonl");
  const store = await openStore(db, { create: true });
  try {
    const summary = await ingestInputs([dump], store, { workers: 0, failuresFile });
    assert.equal(summary.stored, 1);
    assert.equal(summary.failed, 29_999);
    assert.equal(summary.failures.length, 20);
    assert.deepEqual(summary.failures[0], {
      origin: dump,
      line: 1,
      reason: "record has no text (looked for: text, content, body, article, maintext)",
    });
    assert.deepEqual(summary.failuresByReason, {
      "record has no text (looked for: text, content, body, article, maintext)": 29_999,
    });
  } finally {
    await store.close();
  }
  const written = readFileSync(failuresFile, "utf8").trim().split("\n");
  assert.equal(written.length, 29_999);
  assert.deepEqual(JSON.parse(written.at(-1) as string).line, 30_000);
});

test("case 2: distinct reasons are bounded too, and the report names input and line", () => {
  const log = new FailureLog();
  for (let i = 0; i < 50_000; i++)
    log.add({ origin: "d.jsonl", line: i + 1, reason: `bad thing ${i} kind ${i % 300}` });
  const counted = log.counted();
  assert.equal(counted.total, 50_000);
  assert.equal(counted.first.length, 20);
  assert.deepEqual(counted.byReason, { "bad thing N kind N": 50_000 });
  const report = failureReport(counted);
  assert.match(report, /^failed: d\.jsonl:1: bad thing 0 kind 0$/m);
  assert.match(report, /49980 more failures \(50000 in all\)/);
  const distinct = new FailureLog();
  for (let i = 0; i < 1000; i++)
    distinct.add({ origin: "x", reason: `reason ${"abcdefghij"[i % 10]}${i}`.replace(/\d/g, "z") });
  assert.ok(Object.keys(distinct.counted().byReason).length <= 101);
});

test("case 2: a million bad lines end in a summary under a 64 MB heap (the old list ran out of memory)", () => {
  // The heap leaves room for the program itself (readers, the web and worker modules); the failures of a
  // million records kept in a list would need more than twice that.
  const dump = write("bad/huge.jsonl.gz", gzipSync("{}\n".repeat(1_000_000)));
  const result = spawnSync(
    process.execPath,
    [
      "--max-old-space-size=64",
      path.resolve(import.meta.dirname, "../bin/onrecord.js"),
      "ingest",
      dump,
      "--db",
      path.join(work, "bad/huge.db"),
    ],
    { encoding: "utf8", timeout: 120_000 },
  );
  assert.equal(result.status, 1, result.stderr.slice(-2000));
  assert.match(result.stdout, /failed 1000000/);
  assert.match(
    result.stderr,
    /999980 more failures \(1000000 in all\), by reason:\n\s+1000000 {2}record has no text/,
  );
  assert.ok(result.stderr.split("\n").length < 40, "stderr stays short");
});

// Case 4: links.

const view = (overrides: Partial<StatementView>): StatementView =>
  ({
    id: 1,
    articleId: "a".repeat(64),
    speaker: "Dana Ruel",
    published: "2026-02-11",
    outlet: "Courier",
    title: null,
    url: null,
    kind: "direct",
    confidence: null,
    content: "Fares will rise.",
    cue: "said",
    span: { start: 0, end: 10 },
    topics: [],
    ...overrides,
  }) as unknown as StatementView;

test("case 4: only http(s) URLs are kept from records; reports never link anything else", async () => {
  const dump = write(
    "links/dump.jsonl",
    [
      JSON.stringify({ text: story(5), url: "javascript:alert(document.cookie)" }),
      JSON.stringify({ text: story(6), url: " JaVa\tScRiPt:alert(1)" }),
      JSON.stringify({ text: story(7), url: "data:text/html,<script>alert(1)</script>" }),
      JSON.stringify({ text: story(8), url: "https://news.example/a?b=1" }),
    ].join("\n"),
  );
  const urls = articles(await readAll([dump])).map((a) => a.url);
  assert.deepEqual(urls, [undefined, undefined, undefined, "https://news.example/a?b=1"]);

  const hostile = view({
    url: "javascript:alert(1)",
    outlet: "<b>Outlet</b>",
    content: '<img src=x onerror=alert(1)> and [click](javascript:alert(2)) "quoted"',
  });
  const input = { speaker: "Dana <script>", about: "fares", statements: [hostile], mixed: [] };
  const html = digestHtml(input);
  assert.doesNotMatch(html, /href="javascript:/i);
  assert.doesNotMatch(html, /<img|<script|<b>/);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
  const markdown = digestMarkdown(input);
  assert.doesNotMatch(markdown, /<img|<script|<b>/);
  assert.doesNotMatch(markdown, /\]\(javascript:/i);
  assert.match(markdown, /&lt;img src=x onerror=alert\\\(1\\\)&gt;/);
  const linked = digestMarkdown({ ...input, statements: [view({ url: "https://x.example/a_(b)" })] });
  assert.match(linked, /\]\(https:\/\/x\.example\/a_%28b%29\)/);
});

// Case 5: CSV.

test("case 5: an unclosed quote is a named failure with its line; the rows after it are kept", async () => {
  const file = write(
    "csv/unclosed.csv",
    'text,title\n"Row one has an unclosed quote,One\n"Row two.",Two\nRow three.,Three\n"Row four,\nstill four.",Four\n',
  );
  const results = await readAll([file]);
  assert.deepEqual(
    failures(results).map((f) => [f.line, f.reason]),
    [[2, "malformed CSV: text after a closing quote on line 3"]],
  );
  assert.deepEqual(
    articles(results).map((a) => [a.origin, a.text]),
    [
      [`${file}:3`, "Row two."],
      [`${file}:4`, "Row three."],
      [`${file}:5`, "Row four,\nstill four."],
    ],
  );
  const atEnd = write("csv/unclosed-end.csv", 'text,title\nFirst.,A\n"Never closed,B\nLast row.,C\n');
  const endResults = await readAll([atEnd]);
  assert.deepEqual(
    failures(endResults).map((f) => [f.line, f.reason]),
    [[3, "malformed CSV: unclosed quote"]],
  );
  assert.deepEqual(
    articles(endResults).map((a) => a.text),
    ["First.", "Last row."],
  );
  // An unclosed quote that pairs with a later quote leaves the row short of columns: caught too.
  const paired = write(
    "csv/paired.csv",
    'text,title,date\n"Opened here,A,2020-01-01\nMiddle row.,B,2020-01-02\nLast",C\n',
  );
  const pairedResults = await readAll([paired]);
  assert.equal(failures(pairedResults)[0]?.line, 2);
  assert.deepEqual(
    articles(pairedResults).map((a) => a.text),
    ["Middle row.", 'Last"'],
  );
});

test("case 5: a field past the size limit is one failure, and the next valid row is stored", async () => {
  const big = "x".repeat(3 * 1024 * 1024);
  const file = write("csv/big.csv", `text,title\n"${big}",Big\n"Valid row after it.",Ok\n`);
  const results = await readAll([file], { maxBytes: 1024 });
  assert.deepEqual(
    failures(results).map((f) => [f.line, f.reason]),
    [[2, "record too large: 3.0 MB (limit 1024 bytes)"]],
  );
  assert.deepEqual(
    articles(results).map((a) => a.text),
    ["Valid row after it."],
  );
});

// Case 6: output files.

test("case 6: --out is never the database, its WAL or an input", () => {
  const db = write("out/record.db", "");
  mkdirSync(path.join(work, "out/inputs"), { recursive: true });
  const refuse = (out: string, rule: Parameters<typeof checkOutputPath>[1], pattern: RegExp) =>
    assert.throws(
      () => checkOutputPath(out, rule),
      (error: unknown) => error instanceof UsageError && pattern.test(error.message),
    );
  refuse(db, { db }, /is the database/);
  refuse(path.join(work, "out/../out/record.db"), { db }, /is the database/);
  refuse(`${db}-wal`, { db }, /WAL|wal file/);
  refuse(`${db}-shm`, { db }, /shm file/);
  const input = write("out/inputs/a.jsonl", "{}\n");
  refuse(input, { db, inputs: [input] }, /is an input/);
  refuse(
    path.join(work, "out/inputs/failures.jsonl"),
    { db, inputs: [path.join(work, "out/inputs")] },
    /inside the input directory/,
  );
  assert.doesNotThrow(() => checkOutputPath(path.join(work, "out/report.md"), { db, inputs: [input] }));
});

test("case 6: digest --out onto the database exits 2 and leaves the database as it was", async () => {
  const db = path.join(work, "out/real.db");
  await (await openStore(db, { create: true })).close();
  const before = readFileSync(db);
  const result = runCli(work, ["digest", "--speaker", "X", "--about", "y", "--db", db, "--out", db]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--out .* is the database/);
  assert.deepEqual(readFileSync(db), before);
});

// Case 7: the language-model judge.

test("case 7: statements fill the prompt verbatim ($&, $' and {{b}} stay as written)", () => {
  const a = "It costs $& and $' and $1 and {{b}}";
  const prompt = renderPrompt(a, "second");
  assert.ok(prompt.includes(`Statement 1: ${a}\n`));
  assert.ok(prompt.includes("Statement 2: second"));
  const config = { url: "http://x/v1", model: "m", timeoutMs: 1000 };
  assert.notEqual(cacheKey(config, a, "b"), cacheKey(config, "It costs", "b"));
});

test("case 7: a huge answer is cut off at the cap; errors name the server and the setting", async () => {
  const server = createServer((req, res) => {
    req.resume();
    if (req.url === "/big/v1/chat/completions") {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 50 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("error", () => {});
      pump();
    } else {
      res.writeHead(502).end("x".repeat(10_000));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const big = { url: `http://127.0.0.1:${port}/big/v1`, model: "m", timeoutMs: 10_000 };
    await assert.rejects(llmJudge(big, "a", "b"), (error: Error) => {
      assert.match(
        error.message,
        new RegExp(`language model server ${big.url} \\(ONRECORD_LLM_URL\\) sent more than 1 MB`),
      );
      return true;
    });
    assert.equal(MAX_RESPONSE_BYTES, 1024 * 1024);
    const failing = { url: `http://127.0.0.1:${port}/bad/v1`, model: "m", timeoutMs: 10_000 };
    await assert.rejects(llmJudge(failing, "a", "b"), (error: Error) => {
      assert.match(error.message, /\(ONRECORD_LLM_URL\) answered 502: x+ …$/);
      assert.ok(error.message.length < 600, "the error body is quoted, not dumped");
      return true;
    });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  // A port nobody listens on any more (the test server's own connections may still be pooled).
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const freePort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const refused = { url: `http://127.0.0.1:${freePort}/v1`, model: "m", timeoutMs: 10_000 };
  await assert.rejects(
    llmJudge(refused, "a", "b"),
    /cannot reach language model server .* \(ONRECORD_LLM_URL\): connection refused/,
  );
});

test("case 7: the CLI prints a judge failure as one line without a stack", async () => {
  const db = path.join(work, "judge.db");
  await (await openStore(db, { create: true })).close();
  // No speaker is needed to fail first on configuration.
  const result = runCli(work, ["mixed", "--speaker", "Nobody", "--judge", "llm", "--db", db], {
    env: { ...process.env, ONRECORD_LLM_URL: "http://127.0.0.1:9/v1", ONRECORD_LLM_TIMEOUT_MS: "soon" },
  });
  assert.equal(result.code, 2);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
});

// Case 8: stdin.

test("case 8: stdin format detection looks at each chunk once and holds no more than the limit", async () => {
  const chunks = [
    ...Array.from({ length: 2000 }, () => Buffer.alloc(1024, 0x20)),
    Buffer.from(`\n${JSON.stringify({ text: story(9) })}\n`),
  ];
  const concat = mock.method(Buffer, "concat");
  let results: ReadResult[];
  try {
    results = await readAll(["-"], { stdin: Readable.from(chunks), maxBytes: 64 * 1024 });
  } finally {
    concat.mock.restore();
  }
  assert.ok(concat.mock.callCount() < 20, `Buffer.concat called ${concat.mock.callCount()} times`);
  assert.deepEqual(failures(results), []);
  assert.deepEqual(
    articles(results).map((a) => a.origin),
    ["<stdin>:2"],
  );
  const html = await readAll(["-"], {
    stdin: Readable.from([Buffer.alloc(100_000, 0x0a), Buffer.from("<p>x</p>")]),
    maxBytes: 10_000,
  });
  assert.match(failures(html)[0]?.reason ?? "", /input too large/);
});

// Case 9: the weaker cases.

async function recordWithOneArticle(name: string): Promise<string> {
  const db = path.join(work, name);
  const store = await openStore(db, { create: true });
  await store.close();
  return db;
}

test("case 9: readers open read-only: they work while a writer holds the lock, and on a read-only file", async () => {
  const db = await recordWithOneArticle("readers.db");
  const writer = new Database(db);
  writer.pragma("busy_timeout = 100");
  writer.exec("BEGIN IMMEDIATE");
  try {
    const reader = await openExistingStore(db);
    try {
      assert.deepEqual(await reader.statements({}), []);
    } finally {
      await reader.close();
    }
  } finally {
    writer.exec("ROLLBACK");
    writer.close();
  }
  const copy = path.join(work, "readonly-copy.db");
  copyFileSync(db, copy);
  chmodSync(copy, 0o444);
  const result = runCli(work, ["statements", "--db", copy]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, "no statements\n");
  // A reader never migrates: an older record is named, not upgraded behind the user's back.
  const old = path.join(work, "old.db");
  const conn = new Database(old);
  conn.exec("CREATE TABLE articles (id TEXT); PRAGMA user_version = 3");
  conn.close();
  await assert.rejects(openExistingStore(old), /older record \(schema 3\)/);
});

test("case 9: another program's SQLite file is refused and left as it was", async () => {
  const foreign = path.join(work, "foreign.db");
  const conn = new Database(foreign);
  conn.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ana')");
  conn.close();
  const before = readFileSync(foreign);
  await assert.rejects(
    openStore(foreign, { create: true }),
    /^Error: cannot open database .*foreign\.db: it is another program's SQLite database \(tables: contacts\)/,
  );
  assert.deepEqual(readFileSync(foreign), before);
  const check = new Database(foreign, { readonly: true });
  assert.equal(check.pragma("journal_mode", { simple: true }), "delete");
  check.close();
  const versioned = path.join(work, "foreign-versioned.db");
  const other = new Database(versioned);
  other.exec("CREATE TABLE notes (body TEXT); PRAGMA user_version = 2");
  other.close();
  await assert.rejects(
    openStore(versioned, { create: true }),
    /another program's SQLite database \(tables: notes\)/,
  );
  const result = runCli(work, ["ingest", write("foreign-input.txt", story(10)), "--db", foreign]);
  assert.equal(result.code, 2);
  assert.match(
    result.stderr,
    /^onrecord: cannot open database .*foreign\.db: it is another program's SQLite database/,
  );
});

test("case 9: a full disk stops the batch with one message", async () => {
  const inputs = Array.from({ length: 30 }, (_, i) => write(`full/a${i}.txt`, story(100 + i)));
  const db = path.join(work, "full.db");
  const store = openSqliteStore(db);
  const pages = store.db.pragma("page_count", { simple: true }) as number;
  store.db.pragma(`max_page_count = ${pages + 8}`);
  try {
    await assert.rejects(ingestInputs(inputs, store, { workers: 0 }), (error: unknown) => {
      assert.ok(error instanceof StoreWriteError);
      assert.match(
        error.message,
        /disk \(or the database's size limit\) is full \(SQLITE_FULL\); stopped after \d+ articles stored/,
      );
      return true;
    });
  } finally {
    await store.close();
  }
});

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, "utf16le");
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] as number, le[i] as number];
  return le;
}

test("case 9: UTF-16 files with a byte-order mark are read; a UTF-8 BOM does not break the first record", async () => {
  const text = `\ufeff${story(11)}`;
  const le = write("enc/le.txt", Buffer.from(text, "utf16le"));
  const be = write("enc/be.txt", utf16be(text));
  const dump = write(
    "enc/dump.jsonl",
    Buffer.from(`\ufeff${JSON.stringify({ text: story(12) })}\n${JSON.stringify({ text: story(13) })}\n`),
  );
  const dump16 = write(
    "enc/dump16.jsonl",
    Buffer.from(`\ufeff${JSON.stringify({ text: story(14) })}\n`, "utf16le"),
  );
  const results = await readAll([le, be, dump, dump16]);
  assert.deepEqual(failures(results), []);
  assert.deepEqual(
    articles(results).map((a) => a.text.replace(/^\ufeff/, "").slice(0, 40)),
    [story(11), story(11), story(12), story(13), story(14)].map((s) => s.slice(0, 40)),
  );
});

test("case 9: control characters in stored text are made visible on a terminal", () => {
  assert.equal(
    terminalSafe("a\u001b]0;owned\u0007b\tc\nd\u009b2J\u202e"),
    "a\\x1b]0;owned\\x07b\tc\nd\\x9b2J\\u202e",
  );
  const dump = write(
    "esc/dump.jsonl",
    `${JSON.stringify({ text: `${story(15)} “We will \u001b[2Jrebuild the pier,” the mayor said.`, publication: "Evil\u001b]0;title\u0007 News" })}\n`,
  );
  const db = path.join(work, "esc.db");
  assert.equal(runCli(work, ["ingest", dump, "--db", db, "--workers", "0"]).code, 0);
  const listed = runCli(work, ["statements", "--db", db]);
  assert.equal(listed.code, 0, listed.stderr);
  assert.ok(listed.stdout.length > 0);
  assert.ok(!listed.stdout.includes("\u001b"), "no raw ESC reaches the terminal");
  assert.match(listed.stdout, /Evil\\x1b\]0;title\\x07 News/);
});

test("case 9: --workers is capped with a message", () => {
  assert.ok(maxWorkerCount() <= 64);
  mkdirSync(path.join(work, "empty-dir"), { recursive: true });
  const result = runCli(work, [
    "ingest",
    path.join(work, "empty-dir"),
    "--db",
    path.join(work, "w.db"),
    "--workers",
    "100000",
  ]);
  assert.match(
    result.stderr,
    new RegExp(`--workers 100000 is more than this machine can use; using ${maxWorkerCount()}`),
  );
});

test("case 9: a short English record is not taken for another language", () => {
  // franc's trigrams call this sentence Cebuano; it would have been stored without statements.
  const short = "“It was a good day,” said Made Kusuma, who runs a warung in Ubud.";
  assert.ok(isEnglish(languageOf(short)), languageOf(short));
  assert.equal(languageOf(story(16)), "eng");
});
