import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { namesWith } from "../scripts/real/people.ts";

// Invented names. The real-news evaluation itself needs ../shared/data and runs with `npm run eval:real`;
// this checks the rule that decides whether a stored source names one of the most quoted people.

test("a source names a person only when the name is its head", () => {
  const forms = ["Ada Quill", "Quill"];
  assert.ok(namesWith("Mayor Ada Quill", forms));
  assert.ok(namesWith("Quill", forms));
  assert.ok(namesWith("Ms. Quill", forms));
  assert.ok(namesWith("Sen. Ada Quill (D-Wend.)", forms), "a party tag after the name");
  assert.ok(namesWith("Ada Quill, the harbour minister", forms), "an apposition after the name");
  assert.ok(!namesWith("Orin Vale, a spokesman for Quill", forms), "the apposition names someone else");
  assert.ok(!namesWith("Quill's spokesman", forms), "a possessive");
  assert.ok(!namesWith("the Quill campaign", forms), "a modifier");
  assert.ok(!namesWith("Orin Vale and Ada Quill", forms), "one of two speakers");
  assert.ok(!namesWith("Tobias Quillfeather", forms), "part of a longer word");
});

test("label files hold one well-formed row a line, with offsets and no quoted text", () => {
  const dir = path.resolve(import.meta.dirname, "../labels/real");
  const rows = (name: string): Record<string, unknown>[] => {
    const file = path.join(dir, name);
    if (!existsSync(file)) return [];
    return readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.trim())
      .map((line, i) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          throw new Error(`${name}:${i + 1} is not JSON`);
        }
      });
  };
  const span = (value: unknown) =>
    Array.isArray(value) && value.length === 2 && value.every(Number.isInteger) && value[0] <= value[1];
  for (const row of rows("entries.jsonl"))
    assert.ok(
      typeof row.ok === "boolean" &&
        typeof row.why === "string" &&
        // a real name as written; anything else only as its hash (it may be a headline fragment)
        (row.ok ? typeof row.name === "string" : typeof row.key === "string" && row.name === undefined),
      JSON.stringify(row),
    );
  for (const row of rows("people.jsonl"))
    assert.ok(
      typeof row.name === "string" && Array.isArray(row.forms) && row.forms.length > 0,
      JSON.stringify(row),
    );
  for (const row of rows("speakers.jsonl")) {
    assert.ok(typeof row.doc === "string" && span(row.source) && span(row.cue), JSON.stringify(row));
    assert.ok(row.kind === "pronoun" || row.kind === "description", JSON.stringify(row));
    assert.ok(row.speaker === null || typeof row.speaker === "string", JSON.stringify(row));
    assert.equal(
      Object.keys(row).sort().join(),
      "cue,doc,kind,source,speaker,why",
      "no other fields (no text)",
    );
  }
});
