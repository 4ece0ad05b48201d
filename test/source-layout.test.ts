/**
 * Two rules of the source tree that no compiler checks: small modules (no file in src/ over 600 lines),
 * and language data apart from logic (the lexicon folders hold word lists, each file saying first where
 * its words came from, and no functions).
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

const ROOT = path.join(import.meta.dirname, "..");
const MAX_LINES = 600;

/** Files over the limit that their owner is still splitting (issue #12); a new one fails. */
const KNOWN_LONG: readonly string[] = ["src/nlp/attribution-model/features.ts"];

const LEXICON_FOLDERS = ["src/nlp/lexicon", "src/analysis/judge/lexicon"];
/** The one helper the word lists share. */
const LEXICON_HELPERS = ["src/nlp/lexicon/words.ts"];

function tsFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(relative);
    return entry.name.endsWith(".ts") ? [relative] : [];
  });
}

const lineCount = (file: string) => readFileSync(path.join(ROOT, file), "utf8").split("\n").length - 1;

test(`no file in src/ is over ${MAX_LINES} lines`, () => {
  const long = tsFiles("src").filter((file) => !KNOWN_LONG.includes(file) && lineCount(file) > MAX_LINES);
  assert.deepEqual(
    long.map((file) => `${file}: ${lineCount(file)} lines`),
    [],
  );
});

test("lexicon files are word lists that first say where their words came from", () => {
  const files = LEXICON_FOLDERS.flatMap(tsFiles).filter((file) => !LEXICON_HELPERS.includes(file));
  assert.ok(files.length >= 15, `expected the lexicon files, found ${files.length}`);
  const problems: string[] = [];
  for (const file of files) {
    const code = readFileSync(path.join(ROOT, file), "utf8");
    // Imports may come first; the first thing after them is the comment on the data's source.
    const body = code.replace(/^(import[^;]*;\s*)*/, "");
    if (!body.startsWith("/**")) problems.push(`${file}: no comment on where the words come from`);
    if (/^\s*(export\s+)?function\s/m.test(code))
      problems.push(`${file}: holds a function (logic belongs beside its reader)`);
  }
  assert.deepEqual(problems, []);
});
