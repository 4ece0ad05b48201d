import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { WARCRecord, WARCSerializer } from "warcio";
import { readInputs } from "../src/ingest/read.ts";
import type { ReadResult } from "../src/ingest/types.ts";
import { runCli } from "./cli-helper.ts";
import { newsPage } from "./web-server.ts";

let dir = "";

/**
 * A Zstandard frame of raw (stored) blocks: valid zstd that any decoder must read, no compressor needed.
 * With `dictionaryId`, the frame header names a dictionary (4-byte id field), as a dictionary-compressed
 * frame's does.
 */
export function zstdStored(data: Uint8Array, options: { dictionaryId?: number } = {}): Buffer {
  const BLOCK = 128 * 1024;
  // Magic, then a frame header: no content size, window 2^(10+7) = 128 KB, no checksum, a dictionary id or none.
  const id = options.dictionaryId;
  const dictionary = Buffer.alloc(id === undefined ? 0 : 4);
  if (id !== undefined) dictionary.writeUInt32LE(id);
  const parts: Buffer[] = [
    Buffer.from([0x28, 0xb5, 0x2f, 0xfd, id === undefined ? 0x00 : 0x03, 7 << 3]),
    dictionary,
  ];
  for (let offset = 0; offset === 0 || offset < data.length; offset += BLOCK) {
    const block = data.subarray(offset, offset + BLOCK);
    const last = offset + BLOCK >= data.length ? 1 : 0;
    const header = last | (0 << 1) | (block.length << 3);
    parts.push(Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]), Buffer.from(block));
  }
  return Buffer.concat(parts);
}

async function* bodyOf(text: string | Uint8Array): AsyncGenerator<Uint8Array> {
  yield typeof text === "string" ? new TextEncoder().encode(text) : text;
}

/** A WARC of a crawl: articles, and the records an archive also holds that are not articles. */
async function warcFile(gzip: boolean, options: { hugePage?: boolean } = {}): Promise<Buffer> {
  const records: WARCRecord[] = [
    await WARCRecord.createWARCInfo(
      { filename: "crawl.warc", warcVersion: "WARC/1.1" },
      { software: "onrecord tests" },
    ),
    WARCRecord.create(
      {
        url: "https://courier.example/undated",
        type: "request",
        httpHeaders: { Host: "courier.example" },
        statusline: "GET /undated HTTP/1.1",
        warcVersion: "WARC/1.1",
      },
      bodyOf(""),
    ),
    WARCRecord.create(
      {
        url: "https://courier.example/undated",
        date: "2026-02-05T08:00:00Z",
        type: "response",
        httpHeaders: { "Content-Type": "text/html; charset=utf-8" },
        warcVersion: "WARC/1.1",
      },
      bodyOf(newsPage("undated").replace(/<meta property="article:published_time"[^>]*>/, "")),
    ),
    WARCRecord.create(
      {
        url: "https://courier.example/dated",
        date: "2026-03-01T00:00:00Z",
        type: "response",
        httpHeaders: { "Content-Type": "text/html" },
        warcVersion: "WARC/1.1",
      },
      bodyOf(newsPage("dated", { published: "2026-02-10" })),
    ),
    WARCRecord.create(
      {
        url: "https://courier.example/missing",
        type: "response",
        statusline: "HTTP/1.1 404 Not Found",
        httpHeaders: { "Content-Type": "text/html" },
        warcVersion: "WARC/1.1",
      },
      bodyOf("<html><body>Not found</body></html>"),
    ),
    WARCRecord.create(
      {
        url: "https://courier.example/logo.png",
        type: "response",
        httpHeaders: { "Content-Type": "image/png" },
        warcVersion: "WARC/1.1",
      },
      bodyOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])),
    ),
    WARCRecord.create(
      {
        url: "https://courier.example/old",
        type: "response",
        statusline: "HTTP/1.1 301 Moved Permanently",
        httpHeaders: { Location: "/dated" },
        warcVersion: "WARC/1.1",
      },
      bodyOf(""),
    ),
  ];
  if (options.hugePage)
    records.push(
      WARCRecord.create(
        {
          url: "https://courier.example/huge",
          type: "response",
          httpHeaders: { "Content-Type": "text/html" },
          warcVersion: "WARC/1.1",
        },
        bodyOf(`<html><body><p>${"word ".repeat(60_000)}</p></body></html>`),
      ),
      WARCRecord.create(
        {
          url: "https://courier.example/after",
          type: "response",
          httpHeaders: { "Content-Type": "text/html" },
          warcVersion: "WARC/1.1",
        },
        bodyOf(newsPage("after")),
      ),
    );
  const parts: Uint8Array[] = [];
  for (const record of records) parts.push(await WARCSerializer.serialize(record, { gzip }));
  return Buffer.concat(parts);
}

async function readAll(inputs: string[], maxBytes?: number) {
  const results: ReadResult[] = [];
  const skipped: Record<string, number> = {};
  for await (const result of readInputs(inputs, {
    maxBytes,
    onSkipped: (reason) => {
      skipped[reason] = (skipped[reason] ?? 0) + 1;
    },
  }))
    results.push(result);
  return { results, skipped };
}

const EXPECTED_SKIPS = {
  "warcinfo record": 1,
  "request record": 1,
  "HTTP 404": 1,
  "not HTML (image/png)": 1,
  "HTTP 301": 1,
};

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), "onrecord-warc-"));
});

describe("WARC", () => {
  test("200 HTML responses become articles with the record's URL and date; the rest is counted by reason", async () => {
    const plain = await warcFile(false);
    const files = {
      plain: path.join(dir, "crawl.warc"),
      gzip: path.join(dir, "crawl.warc.gz"),
      zstd: path.join(dir, "crawl.warc.zst"),
    };
    writeFileSync(files.plain, plain);
    writeFileSync(files.gzip, await warcFile(true));
    writeFileSync(files.zstd, zstdStored(plain));
    for (const file of Object.values(files)) {
      const { results, skipped } = await readAll([file]);
      const articles = results.flatMap((r) => (r.ok ? [r.article] : []));
      assert.deepEqual(
        results.filter((r) => !r.ok),
        [],
        file,
      );
      assert.deepEqual(
        articles.map((a) => [a.url, a.published, a.title]),
        [
          ["https://courier.example/undated", "2026-02-05T08:00:00Z", "Harbour council votes on undated"],
          ["https://courier.example/dated", "2026-02-10", "Harbour council votes on dated"],
        ],
        file,
      );
      assert.deepEqual(skipped, EXPECTED_SKIPS, file);
    }
  });

  test("a page over the size limit is an error for that record and the archive goes on", async () => {
    const file = path.join(dir, "huge.warc.gz");
    writeFileSync(file, await warcFile(true, { hugePage: true }));
    const { results } = await readAll([file], 100_000);
    const failures = results.flatMap((r) => (r.ok ? [] : [r.failure]));
    assert.equal(failures.length, 1);
    assert.match(failures[0]?.reason ?? "", /huge: page too large: over 100000 bytes/);
    assert.equal(
      results.at(-1)?.ok &&
        results.at(-1)?.ok &&
        (results.at(-1) as { article: { url: string } }).article.url,
      "https://courier.example/after",
    );
  });

  test("a corrupt or truncated archive is a clear error", async () => {
    const garbage = path.join(dir, "garbage.warc");
    writeFileSync(garbage, "this is not a WARC file at all\n");
    const truncated = path.join(dir, "truncated.warc.zst");
    writeFileSync(truncated, zstdStored(await warcFile(false)).subarray(0, 700));
    const { results } = await readAll([garbage, truncated]);
    const reasons = results.flatMap((r) => (r.ok ? [] : [`${r.failure.origin}: ${r.failure.reason}`]));
    assert.ok(
      reasons.some((r) => r.startsWith(garbage) && /: not a WARC file$/.test(r)),
      reasons.join("\n"),
    );
    assert.ok(
      reasons.some((r) => r.startsWith(truncated) && /truncated zstd data/.test(r)),
      reasons.join("\n"),
    );
    assert.equal(reasons.length, 2, reasons.join("\n"));
  });

  test("a dictionary-compressed .zst is a clear error naming the file", async () => {
    // IIPC's .warc.zst: a skippable frame (magic 0x184D2A5D) holding the dictionary, then frames using it.
    const dictionary = Buffer.concat([Buffer.from([0x37, 0xa4, 0x30, 0xec]), Buffer.alloc(60, 7)]);
    const dictionaryFrame = Buffer.alloc(8);
    dictionaryFrame.writeUInt32LE(0x184d2a5d, 0);
    dictionaryFrame.writeUInt32LE(dictionary.length, 4);
    const warc = path.join(dir, "with-dictionary.warc.zst");
    writeFileSync(
      warc,
      Buffer.concat([dictionaryFrame, dictionary, zstdStored(await warcFile(false), { dictionaryId: 42 })]),
    );
    // Any format: a frame whose header names a dictionary.
    const jsonl = path.join(dir, "with-dictionary.jsonl.zst");
    writeFileSync(
      jsonl,
      zstdStored(Buffer.from(`${JSON.stringify({ text: "A line." })}\n`), { dictionaryId: 123456 }),
    );
    const { results } = await readAll([warc, jsonl]);
    assert.equal(results.filter((r) => r.ok).length, 0);
    const failures = results.flatMap((r) => (r.ok ? [] : [r.failure]));
    assert.deepEqual(
      failures.map((f) => f.origin),
      [warc, jsonl],
    );
    assert.match(
      failures[0]?.reason ?? "",
      /^compressed with a zstd dictionary \(a dictionary frame.*fzstd.*zstd -d/,
    );
    assert.match(failures[1]?.reason ?? "", /^compressed with zstd dictionary 123456, which .*fzstd/);
  });

  test(".gz and .zst are read for every format", async () => {
    const text = "The harbour master said on Monday that the quay would reopen.\n";
    writeFileSync(path.join(dir, "note.txt.gz"), gzipSync(text));
    writeFileSync(path.join(dir, "note2.txt.zst"), zstdStored(Buffer.from(text.replace("Monday", "Friday"))));
    writeFileSync(path.join(dir, "page.html.zst"), zstdStored(Buffer.from(newsPage("zstd"))));
    const dump = `${JSON.stringify({ text: "Officials said the ferry would run.", title: "Ferry" })}\n`;
    writeFileSync(path.join(dir, "dump.jsonl.zst"), zstdStored(Buffer.from(dump)));
    writeFileSync(
      path.join(dir, "table.csv.gz"),
      gzipSync('title,text\nQuay,"The mayor said the quay is safe."\n'),
    );
    const { results } = await readAll(
      ["note.txt.gz", "note2.txt.zst", "page.html.zst", "dump.jsonl.zst", "table.csv.gz"].map((f) =>
        path.join(dir, f),
      ),
    );
    assert.deepEqual(
      results.map((r) => (r.ok ? r.article.text.slice(0, 30) : r.failure.reason)),
      [
        "The harbour master said on Mon",
        "The harbour master said on Fri",
        "The Saltmere harbour council v",
        "Officials said the ferry would",
        "The mayor said the quay is saf",
      ],
    );
  });

  test("ingest prints the skipped records by reason", () => {
    const run = runCli(dir, ["ingest", "crawl.warc.gz", "--db", "warc.db", "--workers", "0"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /read 2, stored 2/);
    assert.match(
      run.stdout,
      /skipped: 1 warcinfo record, 1 request record, 1 HTTP 404, 1 not HTML \(image\/png\), 1 HTTP 301/,
    );
  });
});
