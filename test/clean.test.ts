import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { type CleanResult, cleanText } from "../src/clean/clean.ts";
import { parseHeader } from "../src/clean/header.ts";
import { findHoverCards } from "../src/clean/hover-cards.ts";
import { identityOffsetMap, offsetMapFromKept } from "../src/core/offset-map.ts";
import { sharedData } from "./shared-data.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const seed = sharedData("seed");
const seedDir = seed.path;
const polnear = sharedData("polnear");
const polnearDir = polnear.path;
const fixtures = path.join(repoRoot, "test/fixtures/ingest");

/** The invariants every cleaning result must satisfy, whatever the input. */
function assertConsistent(raw: string, result: CleanResult): void {
  const { text, map, removed } = result;
  for (let i = 0; i < text.length; i++) {
    assert.equal(raw[map.toRaw(i)], text[i], `clean offset ${i} maps to a different character`);
  }
  // Removed spans and kept text partition the raw text exactly.
  const removedLength = removed.reduce((sum, span) => sum + span.end - span.start, 0);
  assert.equal(text.length + removedLength, raw.length);
  for (let k = 1; k < removed.length; k++) {
    assert.ok((removed[k - 1]?.end ?? 0) < (removed[k]?.start ?? 0), "removed spans are sorted and disjoint");
  }
  assert.equal(cleanText(text).text, text, "cleaning is idempotent");
}

// Fictional hover cards in the shape the seed article has (see src/clean/hover-cards.ts).
const CARDED =
  "Gov. Jane DoeJane (Janie) Quinn DoeState budget talks stall again Five things to watch in the runoff MORE on Monday " +
  "said she would veto the bill.\n\nRep. Sam OkaforSamuel Adeyemi Okafor10 takeaways from the hearing MORE (D-Ohio) " +
  "disagreed, as did Sen. Lee Van DorenLeland Van DorenCouncil passes transit plan MORE.";

test("hover cards are removed, keeping the linked name", () => {
  const result = cleanText(CARDED);
  assert.equal(
    result.text,
    "Gov. Jane Doe on Monday said she would veto the bill.\n\nRep. Sam Okafor (D-Ohio) disagreed, as did Sen. Lee Van Doren.",
  );
  assert.equal(result.removed.length, 3);
  assert.ok(
    CARDED.slice(result.removed[0]?.start, result.removed[0]?.end).startsWith("Jane (Janie) Quinn Doe"),
  );
  assertConsistent(CARDED, result);
});

test("a hover card after a generational suffix is removed too", () => {
  const raw = "Adviser Tom Reyes Jr.Thomas (Tom) Reyes Jr.Inside the budget fight MORE told reporters.";
  assert.equal(cleanText(raw).text, "Adviser Tom Reyes Jr. told reporters.");
  assert.deepEqual(findHoverCards("He met Bob Jones Jr.After that, MORE came."), []);
});

test("camel-case words, glued headlines without a card, and MORE in prose are left alone", () => {
  const ordinary = [
    "Sen. Mitch McConnell and the iPhone maker's CEO met in McAllen on Tuesday. MORE details later.",
    "Mayor DoeBudget talks stall MORE", // junction, but the surname does not reappear
    "Jane DoeJane Doe said it was fine.\n\nThen MORE happened.", // full name, but the MORE is in another paragraph
    "The DeVos family and LeBron James attended; the NASA team spoke to YouTube.",
  ];
  for (const text of ordinary) {
    assert.deepEqual(findHoverCards(text), [], text);
    const result = cleanText(text);
    assert.equal(result.text, text);
    assert.deepEqual(result.removed, []);
  }
});

test("lone ad markers and share lines are dropped with their line, without leaving blank-line runs", () => {
  const raw = [
    "First paragraph.",
    "",
    "ADVERTISEMENT",
    "",
    "Second paragraph.",
    "Story continues below advertisement",
    "Share on Facebook",
    "Share this article",
    "Third paragraph.",
    "",
    "Advertisement",
    "",
    "Subscribe to our newsletter",
    "Follow us on Twitter",
    "Click here to read the full report",
    "Read more: Another story entirely",
    "Related: Yet another story",
    "",
    "Sign up for our daily briefing",
    "Last paragraph.",
  ].join("\n");
  const result = cleanText(raw);
  assert.equal(result.text, "First paragraph.\n\nSecond paragraph.\nThird paragraph.\n\nLast paragraph.");
  assertConsistent(raw, result);
});

test("boilerplate wording inside a sentence, or newsroom copy, stays", () => {
  const raw = [
    "The advertisement ran for a week.",
    "Click here, she said, was the worst instruction she had ever followed.",
    "Subscribe to the county's podcast here.",
    "Sign up to get an email from the reporter.",
    "Advertisement revenue fell 4 percent.",
  ].join("\n");
  assert.equal(cleanText(raw).text, raw);
});

test("a leading metadata header is dropped and its fields parsed", () => {
  const raw = readFileSync(path.join(fixtures, "header-article.txt"), "utf8");
  const header = parseHeader(raw);
  assert.ok(header);
  assert.equal(header.fields.title, "Mayor Vows to Fix Harbor Bridge");
  assert.equal(header.fields.byline, "Priya Natarajan");
  assert.equal(header.fields.date, "March 3, 2021");
  const result = cleanText(raw);
  assert.ok(result.text.startsWith("Mayor Elena Ruiz on Wednesday"));
  assert.ok(!result.text.includes("ADVERTISEMENT"));
  assert.ok(!result.text.includes("Share on Facebook"));
  assert.ok(result.text.includes("Ruiz told reporters at City Hall.\n\nCouncil member Tom Becker said"));
  assert.equal(result.map.toRaw(0), raw.indexOf("Mayor Elena Ruiz"));
  assertConsistent(raw, result);
});

test("header rule: only the five keys, only at the start, only when a blank line ends it", () => {
  assert.equal(parseHeader("Date: a column about calendars\nThe clerk said so.\n"), null);
  assert.equal(parseHeader("Author: Someone\n\nBody.\n"), null, "unknown key");
  assert.equal(parseHeader("Body first.\nTitle: not a header\n\nMore.\n"), null, "not at the start");
  assert.equal(parseHeader("Title: only a header\nByline: Someone\n"), null, "no blank line after it");
  assert.equal(parseHeader("BYLINE: Someone Else.\n\nBody.\n"), null, "a single line is article text");
  assert.equal(
    parseHeader("Title: T\nDate: last week sometime\n\nBody.\n"),
    null,
    "a date that is not a date",
  );
  assert.equal(parseHeader("Title: T\nURL: see the website\n\nBody.\n"), null, "a URL that is not a URL");
  assert.deepEqual(parseHeader("TITLE: Caps\nurl: https://x.example/a\n\nBody.")?.fields, {
    title: "Caps",
    url: "https://x.example/a",
  });
  const crlf = "Title: Windows\r\nDate: 2020-01-02\r\n\r\nBody.\r\n";
  const result = cleanText(crlf);
  assert.equal(result.text, "Body.\r\n");
  assertConsistent(crlf, result);
});

test("text with nothing to clean is returned unchanged with an identity map", () => {
  const raw = readFileSync(path.join(fixtures, "plain-article.txt"), "utf8");
  const result = cleanText(raw);
  assert.equal(result.text, raw);
  assert.deepEqual(result.removed, []);
  assert.equal(result.map.segments.length, 1);
  for (let i = 0; i <= raw.length; i++) assert.equal(result.map.toRaw(i), i);
  const empty = cleanText("");
  assert.equal(empty.text, "");
  assert.equal(empty.map.toRaw(0), 0);
});

test("offset map: spans never swallow removed material, lookups outside the text throw", () => {
  // raw "abcXYZdef": keep "abc" and "def".
  const map = offsetMapFromKept(
    [
      { start: 0, end: 3 },
      { start: 6, end: 9 },
    ],
    9,
  );
  assert.equal(map.toRaw(2), 2);
  assert.equal(map.toRaw(3), 6);
  assert.equal(map.toRaw(6), 9);
  assert.deepEqual(map.spanToRaw({ start: 0, end: 3 }), { start: 0, end: 3 });
  assert.deepEqual(map.spanToRaw({ start: 1, end: 5 }), { start: 1, end: 8 });
  assert.deepEqual(map.spanToRaw({ start: 3, end: 3 }), { start: 6, end: 6 });
  assert.equal(map.fromRaw(4), 3, "a removed position maps to the next kept character");
  assert.equal(map.fromRaw(7), 4);
  assert.throws(() => map.toRaw(7), RangeError);
  assert.throws(() => map.toRaw(-1), RangeError);
  const identity = identityOffsetMap(5);
  assert.deepEqual(identity.spanToRaw({ start: 1, end: 4 }), { start: 1, end: 4 });
});

test("seed article: four hover cards and the ad line go, nothing else", {
  skip: seed.skip,
}, () => {
  const file = readdirSync(seedDir).find((name) => name.endsWith(".txt"));
  assert.ok(file);
  const raw = readFileSync(path.join(seedDir, file), "utf8");
  const result = cleanText(raw);
  assertConsistent(raw, result);
  assert.equal(findHoverCards(raw).length, 4);
  assert.equal(result.removed.length, 5);
  assert.ok(!result.text.includes(" MORE"));
  assert.ok(!/ADVERTISEMENT/.test(result.text));
  assert.ok(!/\n\n\n/.test(result.text));
  assert.ok(result.text.includes("President Trump on Tuesday said"));
  assert.ok(result.text.includes("Dan Coats warned"));
  assert.ok(result.text.includes("Marco Rubio (R-Fla.) and Chris Van Hollen (D-Md.) have"));
  // Every removed span sits inside one paragraph or is one whole line.
  for (const span of result.removed) {
    const removedText = raw.slice(span.start, span.end);
    assert.ok(
      removedText.endsWith("MORE") || removedText.startsWith("ADVERTISEMENT\n"),
      removedText.slice(0, 40),
    );
  }
  // A quote in the cleaned text maps back onto the same characters in the raw file.
  const quote = result.text.indexOf('"very concerned"');
  const raw_span = result.map.spanToRaw({ start: quote, end: quote + 16 });
  assert.equal(raw.slice(raw_span.start, raw_span.end), '"very concerned"');
});

test("PolNeAR texts come through unchanged", {
  skip: polnear.skip,
}, () => {
  let checked = 0;
  for (const split of readdirSync(polnearDir)) {
    const textDir = path.join(polnearDir, split, "text");
    if (!existsSync(textDir)) continue;
    for (const name of readdirSync(textDir)) {
      const raw = readFileSync(path.join(textDir, name), "utf8");
      const result = cleanText(raw);
      assert.deepEqual(result.removed, [], `${split}/${name} was changed`);
      checked++;
    }
  }
  assert.ok(checked > 0, "no PolNeAR texts found");
});
