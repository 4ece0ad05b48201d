import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { checkBatch, fuzzBatch } from "./fuzz.ts";

const work = mkdtempSync(path.join(tmpdir(), "onrecord-fuzz-"));
after(() => rmSync(work, { recursive: true, force: true }));

test("fuzz: every hostile input ends stored or named, and the good articles between them are stored", async () => {
  // One input of each of the 8 generators with a fixed seed: reproducible, and a few seconds long.
  const dir = path.join(work, "seed-13");
  const result = await fuzzBatch(dir, 13, 8, "quick");
  assert.deepEqual(checkBatch(dir, result), []);
  assert.equal(result.goodPaths.length, 8);
  assert.ok(result.failures.length > 0, "the hostile inputs produce named failures");
});
