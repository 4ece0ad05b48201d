import assert from "node:assert/strict";
import { test } from "node:test";
import type { Speaker } from "../src/nlp/doc.ts";
import { canonicalName, parseName } from "../src/nlp/names.ts";
import { analyze } from "../src/nlp/pipeline.ts";

// Every name and sentence below is invented for these tests (apart from the brief's own examples).

/** Speaker of the attribution whose content contains `phrase`. */
function speakerOf(text: string, phrase: string): Speaker | null {
  const doc = analyze(text);
  const found = doc.attributions.filter((a) => a.content.some((c) => doc.slice(c).includes(phrase)));
  assert.equal(found.length, 1, `expected one attribution containing "${phrase}"`);
  return found[0].speaker;
}

test("parseName splits titles, party and state off the name", () => {
  assert.deepEqual(parseName("Sen. Ana Ruiz (D-Ore.)"), {
    first: "Ana",
    middle: [],
    last: "Ruiz",
    roles: ["Sen."],
    party: "D",
    state: "Ore.",
    gender: "female",
  });
  const coats = parseName("Director of National Intelligence Dan Coats");
  assert.deepEqual(
    [coats.roles, coats.first, coats.last],
    [["Director of National Intelligence"], "Dan", "Coats"],
  );
  const ortiz = parseName("Secretary of State Sam Ortiz");
  assert.deepEqual([ortiz.roles, ortiz.first, ortiz.last], [["Secretary of State"], "Sam", "Ortiz"]);
  assert.deepEqual(parseName("Chris Van Hollen (D-Md.)").last, "Van Hollen");
  assert.deepEqual(parseName("Mrs. Ruiz").gender, "female");
  assert.deepEqual(parseName("President"), { middle: [], roles: ["President"] });
});

test("parseName tolerates empty and odd input", () => {
  assert.deepEqual(parseName(""), { middle: [], roles: [] });
  assert.equal(canonicalName("   "), "");
  assert.equal(canonicalName("(R-Tex.)"), "(R-Tex.)");
});

test("canonicalName strips titles, honorifics, middle names and nicknames", () => {
  assert.equal(canonicalName("Donald John Trump"), "Donald Trump");
  assert.equal(canonicalName("Daniel (Dan) Ray Coats"), canonicalName("Dan Coats"));
  assert.equal(canonicalName("Sen. Ana Ruiz (D-Ore.)"), "Ana Ruiz");
  assert.equal(canonicalName("Russian President Ivan Petrov"), "Ivan Petrov");
  assert.equal(canonicalName("Tom Bell’s"), "Tom Bell");
});

test("canonicalName keeps Jr. and Sr. distinct", () => {
  assert.equal(canonicalName("Donald Trump Jr."), "Donald Trump Jr.");
  assert.notEqual(canonicalName("Donald Trump Jr."), canonicalName("Donald Trump"));
  assert.equal(canonicalName("Tom Bell Sr."), "Tom Bell Sr.");
});

test("a speaker carries roles, party and state from the name", () => {
  const speaker = speakerOf("Sen. Ana Ruiz (D-Ore.) said the bill was flawed.", "bill was flawed");
  assert.deepEqual(speaker, {
    name: "Ana Ruiz",
    kind: "person",
    resolution: "name",
    roles: ["Sen."],
    party: "D",
    state: "Ore.",
  });
});

test("aliases: surname, honorific and role noun resolve to the fullest earlier name", () => {
  const text = [
    "Governor Tom Bell (R-Ohio) spoke on Monday.",
    "Later, Bell said the budget was balanced.",
    "Mr. Bell added that taxes would fall.",
    "The governor said the roads would be fixed.",
  ].join("\n\n");
  for (const phrase of ["budget was balanced", "taxes would fall", "roads would be fixed"]) {
    const speaker = speakerOf(text, phrase);
    assert.equal(speaker?.name, "Tom Bell", phrase);
    assert.equal(speaker?.party, "R");
  }
  assert.equal(speakerOf(text, "roads would be fixed")?.resolution, "description");
  assert.equal(speakerOf(text, "budget was balanced")?.resolution, "alias");
});

test("aliases: a full name with a middle name and a titled surname are one person", () => {
  const text = "Donald John Trump spoke first. President Trump said the talks went well.";
  assert.equal(speakerOf(text, "talks went well")?.name, "Donald Trump");
});

test("honorifics pick the right person of a shared surname and are not roles", () => {
  const text =
    "Hillary Clinton and Bill Clinton arrived. Mrs. Clinton said the rally was fun. Mr. Clinton said the food was cold.";
  assert.deepEqual(speakerOf(text, "rally was fun"), {
    name: "Hillary Clinton",
    kind: "person",
    resolution: "alias",
  });
  assert.equal(speakerOf(text, "food was cold")?.name, "Bill Clinton");
});

test("Jr. is a different person from his father", () => {
  const text = "Donald Trump Jr. said the hotel was full. Donald Trump said the hotel was empty.";
  assert.equal(speakerOf(text, "hotel was full")?.name, "Donald Trump Jr.");
  assert.equal(speakerOf(text, "hotel was empty")?.name, "Donald Trump");
});

test("pronouns: gender agreement picks the compatible person", () => {
  const text = "Ana Ruiz met Tom Bell on Monday. She said the talks went well. He said the talks went badly.";
  assert.equal(speakerOf(text, "went well")?.name, "Ana Ruiz");
  assert.equal(speakerOf(text, "went badly")?.name, "Tom Bell");
  assert.equal(speakerOf(text, "went well")?.resolution, "pronoun");
});

test("pronouns: the subject of the previous sentence wins over a nearer object", () => {
  const text = "Tom Bell criticized Sam Ortiz on Monday. He said the plan was weak.";
  const speaker = speakerOf(text, "plan was weak");
  assert.equal(speaker?.name, "Tom Bell");
  assert.ok(speaker?.mention, "a resolved pronoun points at the name it resolved to");
});

test("pronouns: they refers to a group, and stays a group without one", () => {
  const group = speakerOf(
    "Administration officials met on Monday. They said the plan was weak.",
    "plan was weak",
  );
  assert.deepEqual([group?.name, group?.kind], ["Administration officials", "group"]);
  const bare = speakerOf("They said the plan was weak.", "plan was weak");
  assert.equal(bare?.kind, "group");
});

test("institutions and descriptions", () => {
  const kremlin = speakerOf("The Kremlin said the talks were useful.", "talks were useful");
  assert.deepEqual([kremlin?.name, kremlin?.kind], ["Kremlin", "organization"]);
  const ministry = speakerOf("The Ministry of Finance said the budget was sound.", "budget was sound");
  assert.equal(ministry?.kind, "organization");
  const officials = speakerOf("Officials said the bridge was safe.", "bridge was safe");
  assert.equal(officials?.kind, "group");
});

test("mentions cover names and resolved pronouns with canonical names", () => {
  const doc = analyze("Ana Ruiz met Tom Bell on Monday. She said the talks went well.");
  const mentions = doc.mentions.map((m) => [doc.slice(m), m.name, m.kind]);
  assert.deepEqual(mentions, [
    ["Ana Ruiz", "Ana Ruiz", "person"],
    ["Tom Bell", "Tom Bell", "person"],
    ["She", "Ana Ruiz", "person"],
  ]);
});

test("an unresolvable pronoun or a first-person narrator has no speaker", () => {
  assert.equal(speakerOf("He said the plan was weak.", "plan was weak"), null);
  assert.equal(speakerOf("I said the plan was weak.", "plan was weak"), null);
});
