import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { spanText } from "../src/record/span-text.ts";
import { runCli } from "./cli-helper.ts";

// Invented text. Emoji, mathematical letters and a rare CJK ideograph are outside the Basic Multilingual
// Plane: each is two UTF-16 code units but one code point, so an SQL substr() would shift every span after it.
const TEXT =
  "🎉🎉 Harbour day 𝔄𝔅 in the square 😀 𠀋.\n\n" +
  "Mayor Ada Quill said the harbour would reopen in May. " +
  "Quill told reporters that the budget 🚢 was balanced.\n";

test("spanText slices UTF-16 code units and refuses spans that do not fit", () => {
  assert.equal(spanText("😀ab", 2, 4), "ab");
  assert.equal(spanText("😀ab", 0, 2), "😀");
  assert.equal(spanText("ab", 1, 5), null);
  assert.equal(spanText("ab", null, 1), null);
});

test("quotes --json and timeline --json show the right source, cue and context after astral characters", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "onrecord-astral-"));
  writeFileSync(path.join(dir, "harbour.txt"), TEXT);
  assert.equal(runCli(dir, ["ingest", "harbour.txt", "--db", "r.db"]).code, 0);

  const quotes = JSON.parse(runCli(dir, ["quotes", "--db", "r.db", "--json"]).stdout) as {
    sourceText: string;
    content: string;
    rawSource: { start: number; end: number };
    rawCue: { start: number; end: number };
  }[];
  assert.deepEqual(
    quotes.map((q) => q.sourceText),
    ["Mayor Ada Quill", "Quill"],
  );
  for (const q of quotes) {
    assert.equal(TEXT.slice(q.rawSource.start, q.rawSource.end), q.sourceText);
    assert.ok(TEXT.includes(q.content));
  }
  assert.deepEqual(
    quotes.map((q) => TEXT.slice(q.rawCue.start, q.rawCue.end)),
    ["said", "told"],
  );

  const timeline = JSON.parse(
    runCli(dir, ["timeline", "--speaker", "Ada Quill", "--db", "r.db", "--json"]).stdout,
  ) as {
    cue: string;
    context: string;
    content: string;
  }[];
  assert.deepEqual(
    timeline.map((s) => s.cue),
    ["said", "told"],
  );
  assert.deepEqual(
    timeline.map((s) => s.context),
    [
      "Mayor Ada Quill said the harbour would reopen in May.",
      "Quill told reporters that the budget 🚢 was balanced.",
    ],
  );
});
