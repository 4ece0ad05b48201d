import assert from "node:assert/strict";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { cleanText } from "../src/clean/clean.ts";
import { normalizeDate } from "../src/core/dates.ts";
import { firstInvalidUtf8Byte } from "../src/ingest/decode.ts";
import { readPage } from "../src/ingest/html.ts";
import { type ReadOptions, readInputs } from "../src/ingest/read.ts";
import type { RawArticle, ReadFailure, ReadResult } from "../src/ingest/types.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = path.join(repoRoot, "test/fixtures/ingest");
const work = mkdtempSync(path.join(tmpdir(), "onrecord-ingest-"));
after(() => rmSync(work, { recursive: true, force: true }));

async function readAll(inputs: string[], options?: Parameters<typeof readInputs>[1]): Promise<ReadResult[]> {
  const results: ReadResult[] = [];
  for await (const result of readInputs(inputs, options)) results.push(result);
  return results;
}
const articles = (results: ReadResult[]): RawArticle[] => results.flatMap((r) => (r.ok ? [r.article] : []));
const failures = (results: ReadResult[]): ReadFailure[] => results.flatMap((r) => (r.ok ? [] : [r.failure]));

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(work, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

test("bad inputs each fail with a clear reason naming the file; the good file still comes through", async () => {
  const good = write("bad/good.txt", "The harbor master said the pier would reopen.\n");
  const missing = path.join(work, "bad/missing.txt");
  const empty = write("bad/empty.txt", "");
  const blank = write("bad/blank.txt", "  \n\n\t\n");
  const binary = write("bad/photo.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a]));
  const invalid = write(
    "bad/latin1.txt",
    Buffer.concat([Buffer.from("Caf"), Buffer.from([0xe9]), Buffer.from(" au lait\n")]),
  );
  const huge = write("bad/huge.txt", "");
  truncateSync(huge, 50 * 1024 * 1024); // sparse: no 50 MB written to disk
  const truncated = write(
    "bad/truncated.html",
    "<html><body><article><p>The ferry captain said the crossing took four hours",
  );
  const noText = write(
    "bad/scripts.html",
    "<html><head><title>Only a title</title></head><body><script>var x = 1;</script></body></html>",
  );
  const unknown = write("bad/notes.xyz", "whatever");

  const results = await readAll([
    missing,
    empty,
    blank,
    binary,
    invalid,
    huge,
    truncated,
    noText,
    unknown,
    good,
  ]);
  const byOrigin = new Map(failures(results).map((failure) => [failure.origin, failure.reason]));
  assert.equal(byOrigin.get(missing), "file not found");
  assert.equal(byOrigin.get(empty), "empty file");
  assert.equal(byOrigin.get(blank), "empty file");
  assert.equal(byOrigin.get(binary), "binary file");
  assert.equal(byOrigin.get(invalid), "invalid UTF-8 near byte 3");
  assert.equal(byOrigin.get(huge), "file too large: 50.0 MB (limit 10 MB)");
  assert.equal(byOrigin.get(noText), "no article text found");
  assert.equal(
    byOrigin.get(unknown),
    "unsupported file type '.xyz' (expected .txt, .html, .jsonl, .csv, .warc; also .gz or .zst)",
  );
  assert.equal(byOrigin.size, 8);

  const read = articles(results);
  assert.deepEqual(
    read.map((article) => article.origin),
    [truncated, good],
  );
  assert.equal(read[0]?.text, "The ferry captain said the crossing took four hours");
  assert.equal(read[1]?.text, "The harbor master said the pier would reopen.\n");
});

test("maxBytes applies to single files and to each record of a dump", async () => {
  const small = write("limits/small.txt", "x".repeat(2000));
  const dump = write(
    "limits/dump.jsonl",
    `${JSON.stringify({ text: "short record" })}\n${JSON.stringify({ text: "y".repeat(5000) })}\n`,
  );
  const results = await readAll([small, dump], { maxBytes: 1000 });
  assert.deepEqual(
    failures(results).map((f) => [f.origin, f.line, f.reason]),
    [
      [small, undefined, "file too large: 2000 bytes (limit 1000 bytes)"],
      [dump, 2, "record too large: 5000 bytes (limit 1000 bytes)"],
    ],
  );
  assert.deepEqual(
    articles(results).map((a) => a.origin),
    [`${dump}:1`],
  );
});

test("text files: exact content, header parsed into fields, cleaned offsets map into the file", async () => {
  const file = path.join(fixtures, "header-article.txt");
  const [result] = await readAll([file]);
  assert.ok(result?.ok);
  const article = result.article;
  const raw = readFileSync(file, "utf8");
  assert.equal(article.text, raw);
  assert.equal(article.format, "text");
  assert.equal(article.title, "Mayor Vows to Fix Harbor Bridge");
  assert.equal(article.outlet, "The Lakeside Ledger");
  assert.equal(article.byline, "Priya Natarajan");
  assert.equal(article.url, "https://ledger.example.com/2021/03/03/harbor-bridge");
  assert.equal(article.published, "2021-03-03");
  const cleaned = cleanText(article.text);
  const quote = cleaned.text.indexOf('"We have waited long enough,"');
  const span = cleaned.map.spanToRaw({ start: quote, end: quote + 29 });
  assert.equal(raw.slice(span.start, span.end), '"We have waited long enough,"');

  const [plain] = await readAll([path.join(fixtures, "plain-article.txt")]);
  assert.ok(plain?.ok);
  assert.equal(plain.article.title, undefined, "a lone 'Date:' line is not a header");
});

test("HTML: body as paragraphs, metadata from JSON-LD @graph, OpenGraph and canonical link", async () => {
  const [result] = await readAll([path.join(fixtures, "feature.html")]);
  assert.ok(result?.ok);
  const article = result.article;
  assert.equal(article.format, "html");
  assert.equal(article.title, "Orchard growers brace for late frost");
  assert.equal(article.byline, "Marta Olsen, Dev Patel");
  assert.equal(article.published, "2022-04-11T07:30:00-05:00");
  assert.equal(article.outlet, "The Valley Courier");
  assert.equal(article.url, "https://courier.example.org/news/orchard-frost");
  const paragraphs = article.text.split("\n\n");
  assert.ok(paragraphs[0]?.startsWith("Apple growers across the valley spent Sunday night"));
  assert.ok(paragraphs.includes("Frost warnings remain in effect until Wednesday."));
  assert.ok(!article.text.includes("All rights reserved"));
  assert.ok(!article.text.includes("Sports"));
  assert.ok(!/ {2}|\n(?!\n)|\n{3}/.test(article.text.replace(/\n\n/g, "")), "inline whitespace collapsed");
});

test("HTML metadata fallbacks: meta tags, <time>, <title>, outlet from the host", () => {
  const page = `<html><head><title>Dock strike ends</title><meta name="author" content="Ana Ruiz">
    <meta property="article:published_time" content="2019-05-02T10:00:00Z"></head>
    <body><article><p>${"Dock workers voted to end the strike on Thursday, the union said. ".repeat(12)}</p>
    <time datetime="2001-01-01">old</time></article></body></html>`;
  const extracted = readPage(page, "https://www.portnews.example.com/a/1");
  assert.equal(extracted.title, "Dock strike ends");
  assert.equal(extracted.byline, "Ana Ruiz");
  assert.equal(extracted.published, "2019-05-02T10:00:00Z");
  assert.equal(extracted.url, "https://www.portnews.example.com/a/1");
  assert.equal(extracted.outlet, "portnews.example.com");
  assert.ok(extracted.text.startsWith("Dock workers voted"));
});

test("gzipped HTML and JSON Lines are read through zlib", async () => {
  const html = readFileSync(path.join(fixtures, "feature.html"));
  const file = write("gz/feature.html.gz", gzipSync(html));
  const corrupt = write("gz/corrupt.html.gz", Buffer.from("not gzip at all"));
  const dump = write("gz/dump.jsonl.gz", gzipSync(readFileSync(path.join(fixtures, "dump.jsonl"))));
  const corruptDump = write("gz/corrupt.jsonl.gz", Buffer.from("not gzip either"));
  const dumpResults = await readAll([dump, corruptDump]);
  assert.equal(articles(dumpResults).length, 2);
  assert.deepEqual(
    failures(dumpResults).map((f) => [f.origin, f.line]),
    [
      [dump, 2],
      [dump, 3],
      [corruptDump, undefined],
    ],
  );
  assert.match(failures(dumpResults)[2]?.reason ?? "", /^corrupt gzip file/);
  const results = await readAll([file, corrupt]);
  assert.ok(results[0]?.ok && results[0].article.text.includes("smudge pots"));
  assert.equal(results[1]?.ok, false);
  assert.match(failures(results)[0]?.reason ?? "", /^corrupt gzip file/);
});

test("JSON Lines: records stream with path:LINE origins; bad lines fail alone", async () => {
  const file = path.join(fixtures, "dump.jsonl");
  const results = await readAll([file]);
  assert.deepEqual(
    failures(results).map((f) => [f.origin, f.line]),
    [
      [file, 2],
      [file, 3],
    ],
  );
  assert.match(failures(results)[0]?.reason ?? "", /^malformed JSON/);
  assert.match(failures(results)[1]?.reason ?? "", /^record has no text/);
  const [ferry, library] = articles(results);
  assert.deepEqual(ferry, {
    origin: `${file}:1`,
    format: "jsonl",
    text: "Ferry service to the island resumed Monday, the port authority said.",
    title: "Ferry service resumes",
    url: "https://news.example.net/ferry",
    outlet: "Coastal Times",
    byline: "Lee Park",
    published: "2020-06-01",
  });
  // An HTML body goes through the extractor; an epoch number becomes an ISO date.
  assert.equal(library?.origin, `${file}:5`);
  assert.equal(
    library?.text,
    'The library will open on Sundays.\n\n"Readers asked for it," the director said.',
  );
  assert.equal(library?.title, "Library expands hours");
  assert.equal(library?.published, "2020-06-01T00:00:00.000Z");
});

test("JSON Lines: invalid UTF-8 and non-object lines are per-line failures; field names are configurable", async () => {
  const file = write(
    "jsonl/custom.ndjson",
    Buffer.concat([
      Buffer.from('{"story": "First story text.", "kicker": "One"}\n[1, 2]\n{"story": "Bad '),
      Buffer.from([0xff]),
      Buffer.from('"}\r\n{"story": "Last story text.", "kicker": "Two"}'),
    ]),
  );
  const options: ReadOptions = { fields: { text: "story", title: ["kicker"] } };
  const results = await readAll([file], options);
  assert.deepEqual(
    failures(results).map((f) => [f.line, f.reason]),
    [
      [2, "not a JSON object"],
      [3, "invalid UTF-8 near byte 70"],
    ],
  );
  assert.deepEqual(
    articles(results).map((a) => [a.origin, a.text, a.title]),
    [
      [`${file}:1`, "First story text.", "One"],
      [`${file}:4`, "Last story text.", "Two"],
    ],
  );
});

test("a .json file holding one array of records is read as records", async () => {
  const file = write(
    "json/array.json",
    JSON.stringify([{ content: "Alpha text.", headline: "A" }, { content: "" }, "nope"], null, 2),
  );
  const results = await readAll([file]);
  assert.deepEqual(
    articles(results).map((a) => [a.origin, a.text, a.title]),
    [[`${file}[0]`, "Alpha text.", "A"]],
  );
  assert.equal(failures(results).length, 2);
});

test("CSV: header row, quoted multi-line fields, per-record failures with line numbers", async () => {
  const file = path.join(fixtures, "dump.csv");
  const results = await readAll([file]);
  assert.deepEqual(
    articles(results).map((a) => [a.origin, a.text, a.title, a.published, a.outlet]),
    [
      [
        `${file}:2`,
        "The bridge road closes Friday, officials said.",
        "Road closure",
        "2019-09-13",
        "Hill Country News",
      ],
      [
        `${file}:3`,
        'First paragraph.\n\nSecond paragraph, with a "quote".',
        "Multi-line",
        "2019-09-14",
        "Hill Country News",
      ],
    ],
  );
  assert.deepEqual(
    failures(results).map((f) => [f.origin, f.line]),
    [[file, 6]],
  );
  const broken = write("csv/broken.csv", 'text,title\n"Fine row.",One\n"Unclosed quote row,Two\n');
  const headerOnly = write("csv/header-only.csv", "title,text\n");
  assert.deepEqual(failures(await readAll([headerOnly])), [
    { origin: headerOnly, reason: "no records found" },
  ]);
  const brokenResults = await readAll([broken]);
  assert.equal(articles(brokenResults)[0]?.text, "Fine row.");
  assert.match(failures(brokenResults)[0]?.reason ?? "", /^malformed CSV/);
});

test("directories recurse in sorted order, skipping hidden and unsupported files; globs expand", async () => {
  write("tree/b.txt", "Bee story text.\n");
  write("tree/a/z.txt", "Zed story text.\n");
  write("tree/.hidden.txt", "Hidden story.\n");
  write("tree/.git/config.txt", "Hidden directory.\n");
  write("tree/notes.ann", "T1\tSource 0 3\tBee\n");
  const tree = path.join(work, "tree");
  const results = await readAll([tree]);
  assert.deepEqual(
    results.map((r) => (r.ok ? r.article.origin : r.failure.reason)),
    [path.join(tree, "a/z.txt"), path.join(tree, "b.txt")],
  );
  const emptyDirectory = path.join(work, "tree-empty");
  mkdirSync(emptyDirectory, { recursive: true });
  write("tree-empty/readme.ann", "notes");
  assert.deepEqual(failures(await readAll([emptyDirectory])), [
    {
      origin: emptyDirectory,
      reason: "no article files in directory (expected .txt, .html, .jsonl, .csv, .warc; also .gz or .zst)",
    },
  ]);
  const globbed = await readAll([`${tree}/**/*.txt`, path.join(tree, "b.txt"), `${tree}/*.none`]);
  assert.deepEqual(
    globbed.map((r) => (r.ok ? r.article.origin : r.failure.reason)),
    [path.join(tree, "a/z.txt"), path.join(tree, "b.txt"), "no files match this pattern"],
  );
});

test("stdin: format given or sniffed from the first character", async () => {
  const stdin = (text: string) => Readable.from([Buffer.from(text)]);
  const html = await readAll(["-"], { stdin: stdin("  <p>The mayor said the pool would open.</p>") });
  assert.deepEqual(
    html.map((r) => r.ok && [r.article.origin, r.article.format, r.article.text]),
    [["<stdin>", "html", "The mayor said the pool would open."]],
  );
  const jsonl = await readAll(["-"], { stdin: stdin('{"text": "One."}\n{"text": "Two."}\n') });
  assert.deepEqual(
    jsonl.map((r) => r.ok && r.article.origin),
    ["<stdin>:1", "<stdin>:2"],
  );
  const text = await readAll(["-"], { stdin: stdin("Plain words.\n") });
  assert.ok(text[0]?.ok && text[0].article.format === "text" && text[0].article.text === "Plain words.\n");
  const csv = await readAll(["-"], { format: "csv", stdin: stdin("title,body\nT,Body text.\n") });
  assert.ok(csv[0]?.ok && csv[0].article.origin === "<stdin>:2" && csv[0].article.text === "Body text.");
  const empty = await readAll(["-"], { stdin: stdin("") });
  assert.deepEqual(failures(empty), [{ origin: "<stdin>", reason: "empty input" }]);
});

test("dates normalise to ISO; UTF-8 positions are exact", () => {
  assert.equal(normalizeDate("2018-07-24"), "2018-07-24");
  assert.equal(normalizeDate("2018-07-24 22:10"), "2018-07-24T22:10");
  assert.equal(normalizeDate("2018-07-24T22:10:00-04:00"), "2018-07-24T22:10:00-04:00");
  assert.equal(normalizeDate("July 24, 2018"), "2018-07-24");
  assert.equal(normalizeDate("Tue, 24 Jul 2018 10:00:00 GMT"), "2018-07-24T10:00:00.000Z");
  assert.equal(normalizeDate(1532426400), "2018-07-24T10:00:00.000Z");
  assert.equal(normalizeDate("2018-02-30"), undefined);
  assert.equal(normalizeDate("last Tuesday"), undefined);
  assert.equal(firstInvalidUtf8Byte(Buffer.from("héllo")), 6);
  assert.equal(firstInvalidUtf8Byte(Buffer.from([0x61, 0xe2, 0x82])), 1, "truncated sequence");
  assert.equal(firstInvalidUtf8Byte(Buffer.from([0xed, 0xa0, 0x80])), 0, "surrogate");
  assert.equal(firstInvalidUtf8Byte(Buffer.from([0xc0, 0x80])), 0, "overlong");
});

const samples = path.join(repoRoot, "samples/corpus");
test("the sample corpus reads without failures and cleans free of hover cards and ad lines", {
  skip: existsSync(samples) ? false : "samples/corpus absent",
}, async () => {
  const results = await readAll([samples]);
  assert.deepEqual(failures(results), []);
  const formats = new Set(articles(results).map((article) => article.format));
  assert.deepEqual([...formats].sort(), ["csv", "html", "jsonl", "text"]);
  for (const article of articles(results)) {
    assert.ok(article.title && article.published && article.outlet, `${article.origin} lacks metadata`);
    const { text } = cleanText(article.text);
    assert.ok(!/\bMORE\b|^ADVERTISEMENT$/m.test(text), `${article.origin} still has page furniture`);
  }
});

test("a plain-text file without a header takes its date from its file name", async () => {
  const { dateInFileName } = await import("../src/ingest/text.ts");
  assert.equal(dateInFileName("/data/ledger-2026-03-09-port.txt"), "2026-03-09");
  assert.equal(dateInFileName("2026-13-40-bad.txt"), undefined);
  assert.equal(dateInFileName("/2026-03-09/untitled.txt"), undefined, "only the file's own name");
  assert.equal(dateInFileName("notes-12026-03-09.txt"), undefined);
});
