import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { offsetMapFrom } from "../src/core/offset-map.ts";
import { pageRef } from "../src/core/provenance.ts";
import { type Span, sliceSpan } from "../src/core/span.ts";
import { articleResult } from "../src/ingest/html-article.ts";
import { processArticle } from "../src/process.ts";
import { openStore } from "../src/record/open-store.ts";
import type { StatementRecord } from "../src/record/store.ts";
import { runCli } from "./cli-helper.ts";

/**
 * Offsets stay exact through clean → analyze → store → read back → CLI output, with characters outside
 * the Basic Multilingual Plane (two UTF-16 code units each) before and inside the spans, and with
 * cleaning removing lines and a hover card before them, so cleaned and raw offsets differ.
 */

const work = mkdtempSync(path.join(tmpdir(), "onrecord-provenance-"));
after(() => rmSync(work, { recursive: true, force: true }));

// Fiction. The ad marker line and the hover card ("QuornAldous Bertram Quorn...MORE") are cut by the cleaner.
const PAGE = [
  "𝕏 Harbour 🌉 report",
  "",
  "ADVERTISEMENT",
  "",
  '🚢🚢 President QuornAldous Bertram QuornFirst headline Second headline MORE said "the 🌉 will open in 𝕏 May, not June."',
  "",
  "Share on Facebook",
  "",
  'Councillor Mira Holt told reporters "the 🚢 ferries 🌊 keep running" while the works go on.',
  "",
].join("\n");

test("a cleaned span maps back to the exact characters of the page through the store and the CLI", async () => {
  const file = path.join(work, "harbour.txt");
  writeFileSync(file, PAGE);
  const page = readFileSync(file, "utf8");

  // clean → analyze
  const processed = processArticle({ text: page, origin: file, format: "text" });
  assert.ok(processed.text.length < page.length, "the cleaner removed lines before the statements");
  assert.deepEqual(processed.page, pageRef(page));
  const contents = processed.statements.map((s) => s.content.map((span) => sliceSpan(processed.text, span)));
  // What the extractor takes in is its business; the spans must hold the characters outside the BMP.
  assert.equal(contents.length, 2);
  assert.match(contents[0]?.join("") ?? "", /the 🌉 will open in 𝕏 May, not June\./);
  assert.match(contents[1]?.join("") ?? "", /the 🚢 ferries 🌊 keep running/);

  // → store → read back
  const db = path.join(work, "record.db");
  const store = await openStore(db, { create: true });
  try {
    await store.addArticle(processed);
    const texts = await store.articleTexts(processed.id);
    assert.ok(texts?.cleanedToExtracted && texts.extractedToPage && texts.pageText !== null);
    assert.equal(texts.pageText, page);
    assert.deepEqual(texts.page, pageRef(page), "the stored hash names the file as read");
    const toExtracted = offsetMapFrom(texts.cleanedToExtracted);
    const toPage = offsetMapFrom(texts.extractedToPage);
    const rows = await store.statements();
    assert.equal(rows.length, 2);
    for (const row of rows) {
      row.contentSpans.forEach((span, i) => {
        const onPage = toPage.spanToRaw(toExtracted.spanToRaw(span));
        assert.deepEqual(onPage, row.rawContentSpans[i]);
        assert.equal(sliceSpan(page, onPage), sliceSpan(texts.cleaned, span));
        assert.ok(onPage.start > span.start, "the page offset is past the removed material");
      });
    }
    const speaker = rows.find((row) => row.content.includes("May"))?.speaker;
    assert.equal(speaker, "Aldous Quorn", "the hover card, a layer before the pipeline, named the speaker");
  } finally {
    await store.close();
  }

  // → CLI output: the spans printed index the cleaned text and the file as read.
  const cli = runCli(work, ["quotes", "--db", db, "--format", "json"]);
  assert.equal(cli.code, 0, cli.stderr);
  const printed = JSON.parse(cli.stdout) as StatementRecord[];
  assert.equal(printed.length, 2);
  for (const row of printed) {
    assert.equal(row.contentSpans.map((span) => sliceSpan(processed.text, span)).join(" … "), row.content);
    assert.deepEqual(
      row.rawContentSpans.map((span: Span) => sliceSpan(page, span)),
      row.contentSpans.map((span) => sliceSpan(processed.text, span)),
    );
  }
  assert.deepEqual(
    printed.map((row) => row.content).sort(),
    contents.map((parts) => parts.map((part) => part.trim()).join(" … ")).sort(),
  );
});

test("an HTML page is named by hash; its extracted text has no map to the page, and says so", async () => {
  const html =
    "<html><head><title>Harbour 🌉</title></head><body><article><h1>Harbour 🌉</h1>" +
    "<p>Mayor Ada Quill said &quot;the 𝕏 bridge opens in May&quot; on Tuesday, and the works would end by June.</p>" +
    "<p>Councillor Bo Tern told reporters that the ferries would keep running through the summer months.</p>" +
    "</article></body></html>";
  const read = articleResult(html, "html", "harbour.html");
  assert.ok(read.ok);
  assert.deepEqual(read.article.page, pageRef(html));
  const processed = processArticle(read.article);
  assert.equal(processed.extractedToPage, null);
  const store = await openStore(path.join(work, "html.db"), { create: true });
  try {
    await store.addArticle(processed);
    const texts = await store.articleTexts(processed.id);
    assert.deepEqual(texts?.page, pageRef(html));
    assert.equal(texts?.pageText, null);
    assert.match(texts?.pageNote ?? "", /no map to the page is kept/);
    // The cleaned spans still map exactly to the extracted text.
    const statement = (await store.statements())[0];
    assert.ok(statement && texts?.cleanedToExtracted);
    const map = offsetMapFrom(texts.cleanedToExtracted);
    for (const span of statement.contentSpans) {
      assert.equal(sliceSpan(texts.extracted, map.spanToRaw(span)), sliceSpan(texts.cleaned, span));
    }
  } finally {
    await store.close();
  }
});

test("sliceSpan refuses a span that does not fit its text, naming it", () => {
  assert.equal(sliceSpan("a𝕏b", { start: 1, end: 3 }), "𝕏");
  assert.throws(
    () => sliceSpan("abc", { start: 2, end: 4 }),
    /span \[2, 4\) does not fit a text of length 3/,
  );
  assert.throws(() => sliceSpan("abc", { start: 2, end: 1 }), /span \[2, 1\)/);
  assert.throws(() => sliceSpan("abc", { start: 0.5, end: 1 }), /span \[0.5, 1\)/);
});

test("an offset map read back from data is checked before use", () => {
  const map = offsetMapFrom({ segments: [{ cleanStart: 0, rawStart: 3, length: 4 }], rawLength: 9 });
  assert.deepEqual(map.spanToRaw({ start: 1, end: 3 }), { start: 4, end: 6 });
  assert.deepEqual(map.data(), { segments: [{ cleanStart: 0, rawStart: 3, length: 4 }], rawLength: 9 });
  assert.throws(
    () => offsetMapFrom({ segments: [{ cleanStart: 1, rawStart: 0, length: 2 }], rawLength: 5 }),
    /segment 0 .* is out of order or not whole/,
  );
  assert.throws(
    () => offsetMapFrom({ segments: [{ cleanStart: 0, rawStart: 4, length: 2 }], rawLength: 5 }),
    /reaches 6, past the length of its text \(5\)/,
  );
});
