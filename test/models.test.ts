import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { MODELS_DIR, modelManifest, readModelFile } from "../src/core/models.ts";

const root = path.resolve(import.meta.dirname, "..");
const scripts = (
  JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }
).scripts;

test("every committed model is in the manifest, with how it was trained and what it reached", () => {
  const files = readdirSync(MODELS_DIR).filter((name) => name !== "manifest.json");
  const listed = modelManifest().map((entry) => entry.file);
  assert.deepEqual([...files].sort(), [...listed].sort());
  for (const entry of modelManifest()) {
    for (const field of ["name", "version", "training", "data", "figures"] as const) {
      assert.ok(entry[field].trim(), `${entry.file}: ${field} is empty`);
    }
    const script = /^npm run ([\w:-]+)$/.exec(entry.training)?.[1];
    if (script) assert.ok(script in scripts, `${entry.file}: no npm script ${script}`);
    else
      assert.match(
        entry.training,
        /^node --import tsx training\//,
        `${entry.file}: unknown training command`,
      );
  }
});

test("a missing model file names the file and the command that makes it", () => {
  const missing = new URL("ner.model.gz", new URL("file:///nonexistent/models/"));
  assert.throws(
    () => readModelFile(missing),
    /model file missing: \/nonexistent\/models\/ner\.model\.gz: run npm run train:ner/,
  );
});

test("gzipped models are read unzipped", () => {
  const bytes = readModelFile(new URL("attribution-filter.json.gz", MODELS_DIR));
  assert.equal(bytes.subarray(0, 1).toString(), "{");
});
