import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { realDataPresent } from "../scripts/real/corpus.ts";
import {
  drawSample,
  type SampledStatement,
  type StatementLabel,
  scoreSample,
  statementKey,
} from "../scripts/real/statements.ts";

// Invented documents and offsets; the part itself runs on ../shared/data with `npm run eval:real`.

function statement(doc: string, n: number): SampledStatement {
  return {
    id: n,
    doc,
    cue: { start: n * 100, end: n * 100 + 4 },
    source: { start: n * 100 - 10, end: n * 100 - 1 },
    content: [{ start: n * 100 + 5, end: n * 100 + 40 }],
    confidence: 0.9,
    person: null,
  };
}

function labelFor(s: SampledStatement, real: boolean, cause?: string): StatementLabel {
  return {
    doc: s.doc,
    cue: s.cue ? [s.cue.start, s.cue.end] : null,
    source: s.source ? [s.source.start, s.source.end] : null,
    content: s.content.map((c) => [c.start, c.end]),
    real,
    speaker: real,
    content_ok: real,
    ...(cause ? { cause } : {}),
  };
}

const statements = Array.from({ length: 400 }, (_, i) => statement(`doc-${i % 37}`, i + 1));

test("a sample is drawn by rank: the same seed draws the same statements, a dropped one is replaced", () => {
  const first = drawSample(statements, 7, 20);
  assert.deepEqual(
    drawSample(statements, 7, 20).map((s) => s.id),
    first.map((s) => s.id),
  );
  assert.notDeepEqual(
    drawSample(statements, 8, 20).map((s) => s.id),
    first.map((s) => s.id),
    "another seed, another sample",
  );
  // A change that drops one sampled statement leaves the other 19 in the sample.
  const dropped = first[5].id;
  const again = drawSample(
    statements.filter((s) => s.id !== dropped),
    7,
    20,
  ).map((s) => s.id);
  const kept = first.map((s) => s.id).filter((id) => id !== dropped);
  assert.deepEqual(
    kept.filter((id) => again.includes(id)),
    kept,
  );
  assert.equal(again.length, 20);
});

test("scoring counts real, right-on-all-three and causes over the labelled, and lists the unlabelled", () => {
  const sample = statements.slice(0, 5);
  const labels = new Map<string, StatementLabel>();
  const add = (label: StatementLabel) => labels.set(statementKey(label), label);
  add(labelFor(sample[0], true));
  add(labelFor(sample[1], true));
  add({ ...labelFor(sample[2], true), content_ok: false, cause: "content cut mid-sentence" });
  add(labelFor(sample[3], false, "cue is not speech"));
  const score = scoreSample(sample, labels);
  assert.equal(score.labelled, 4);
  assert.equal(score.real, 3);
  assert.equal(score.allThree, 2);
  assert.deepEqual([...score.causes].sort(), [
    ["content cut mid-sentence", 1],
    ["cue is not speech", 1],
  ]);
  assert.deepEqual(
    score.unlabelled.map((s) => s.id),
    [sample[4].id],
  );
});

test("labels/real/statements.jsonl: offsets and judgements only, never text", () => {
  const file = path.resolve(import.meta.dirname, "../labels/real/statements.jsonl");
  if (!existsSync(file)) return;
  const span = (v: unknown) =>
    Array.isArray(v) && v.length === 2 && v.every(Number.isInteger) && v[0] <= v[1];
  const allowed = new Set([
    "doc",
    "cue",
    "source",
    "content",
    "real",
    "speaker",
    "content_ok",
    "cause",
    "sample",
  ]);
  const lines = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim());
  assert.ok(lines.length >= 300, "two samples of about 150");
  for (const line of lines) {
    const row = JSON.parse(line) as Record<string, unknown>;
    for (const key of Object.keys(row)) assert.ok(allowed.has(key), `field ${key} in ${line}`);
    assert.ok(typeof row.doc === "string", line);
    assert.ok(row.cue === null || span(row.cue), line);
    assert.ok(row.source === null || span(row.source), line);
    assert.ok(Array.isArray(row.content) && row.content.every(span), line);
    assert.ok(typeof row.real === "boolean", line);
    if (row.real) assert.ok(typeof row.speaker === "boolean" && typeof row.content_ok === "boolean", line);
    if (!row.real || !row.speaker || !row.content_ok) assert.ok(typeof row.cause === "string", line);
  }
});

test("the statements part runs on the real store", async (t) => {
  const db = path.resolve(import.meta.dirname, "../out/real/real.db");
  if (!realDataPresent()) {
    t.skip("../shared/data is absent: the real-news evaluation cannot run here");
    return;
  }
  if (!existsSync(db)) {
    t.skip("out/real/real.db is not built: run `npm run eval:real` first (about a minute)");
    return;
  }
  const { openRealContext } = await import("../scripts/real/context.ts");
  const { run } = await import("../scripts/real/statements.ts");
  const ctx = await openRealContext(false);
  try {
    const figures = run(ctx);
    assert.ok(figures.stored > 0);
    for (const name of ["baseline", "heldout"]) {
      assert.ok(figures[`${name}Labelled`] + figures[`${name}Unlabelled`] === 150, name);
      assert.ok(figures[`${name}Precision`] >= 0 && figures[`${name}Precision`] <= 1, name);
    }
  } finally {
    await ctx.store.close();
  }
});
