import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { generatedArticle } from "../bench/fixtures.ts";
import { ProcessPool } from "../src/app/process-pool.ts";
import { ingestInputs } from "../src/app/run-ingest.ts";
import { cleanArticle, processArticle } from "../src/process.ts";
import { openStore } from "../src/record/open-store.ts";

// Fictional pages written for these tests.
const PARAGRAPHS = [
  "The Saltmere ferry board voted on Monday to keep the night crossing running through the winter, reversing a plan announced in the autumn.",
  '"The island cannot be cut off after dark," said board chair Maren Holt, who cast the deciding vote.',
  "Critics said the crossing lost money every year and warned that fares would have to rise in the spring.",
];
const page = `<!doctype html><html lang="en"><head><title>Night ferry stays</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>Night ferry stays</h1>
${PARAGRAPHS.map((p) => `<p>${p}</p>`).join("\n")}</article><footer>Saltmere Courier</footer></body></html>`;

function batch(): { dir: string; files: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), "onrecord-pool-"));
  const files = {
    "ferry.html": page,
    "empty-page.html": "<html><body><script>render()</script></body></html>",
    "report.txt": generatedArticle(3),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return { dir, files: Object.keys(files).map((name) => path.join(dir, name)) };
}

for (const workers of [0, 1]) {
  test(`ingest with ${workers} workers: pages extracted off the reading thread, a page without text fails, a re-run skips what is on record`, async () => {
    const { dir, files } = batch();
    const store = await openStore(path.join(dir, "record.db"), { create: true });
    try {
      const first = await ingestInputs(files, store, { workers });
      assert.equal(first.read, 2, "the page without text is a failure, not a read article");
      assert.equal(first.stored, 2);
      assert.equal(first.failed, 1);
      assert.deepEqual(
        first.failures.map((f) => [path.basename(f.origin), f.reason]),
        [["empty-page.html", "no article text found"]],
      );
      assert.ok(first.statements >= 2, `statements: ${first.statements}`);
      const again = await ingestInputs(files, store, { workers });
      assert.equal(again.stored, 0);
      assert.equal(again.alreadyPresent, 2);
      assert.equal(again.failed, 1);
    } finally {
      await store.close();
    }
  });
}

test("the pool gives what processArticle gives, and asks about each id before analysing", async () => {
  const pool = new ProcessPool(1);
  try {
    const raw = { origin: "report.txt", format: "text" as const, text: generatedArticle(5) };
    assert.deepEqual(await pool.process(raw), processArticle(raw));
    const asked: string[] = [];
    const skipped = await pool.ingest({
      raw,
      isKnown: (id) => {
        asked.push(id);
        return true;
      },
    });
    assert.deepEqual(skipped, { kind: "known", id: cleanArticle(raw).id });
    assert.deepEqual(asked, [cleanArticle(raw).id]);
    // A failing check fails that article with its error; the worker stays usable.
    await assert.rejects(
      pool.ingest({
        raw,
        isKnown: () => {
          throw new Error("store closed");
        },
      }),
      /store closed/,
    );
    const processed = await pool.ingest({ raw, isKnown: async () => false });
    assert.equal(processed.kind, "processed");
  } finally {
    await pool.close();
  }
});
