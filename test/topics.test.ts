import assert from "node:assert/strict";
import { test } from "node:test";
import { matchesTopic, topicQuery, topicTerms } from "../src/analysis/topics.ts";

const keys = (text: string) => new Set(topicTerms(text).map((term) => term.key));

test("different wordings of one issue share their topic keys", () => {
  const query = topicQuery("Russian meddling");
  assert.deepEqual(query.sort(), ["issue:interference", "place:russia"]);
  for (const text of [
    "Russia's interference",
    "election interference by Moscow",
    "the Kremlin interfered again",
  ]) {
    assert.ok(matchesTopic(keys(text), query), text);
  }
});

test("a statement on another subject does not match", () => {
  assert.equal(
    matchesTopic(keys("The port deal with Kestrel is dead."), topicQuery("Russian meddling")),
    false,
  );
  assert.equal(matchesTopic(keys("anything"), []), false, "an empty query matches nothing");
});

test("names are joined, titles and sentence-initial capitals dropped", () => {
  const found = keys("The port deal is dead, Minister Ada Vell said on Monday.");
  assert.ok(found.has("name:ada vell"));
  assert.ok(found.has("issue:deal"));
  assert.ok(!found.has("name:the"));
  assert.ok(!found.has("name:minister"));
  assert.ok(!found.has("issue:monday"));
});

test("empty and odd input gives no terms", () => {
  assert.deepEqual(topicTerms(""), []);
  assert.deepEqual(topicTerms("… — 123 %"), []);
});

test("a query's leading capital is a name", () => {
  assert.deepEqual(topicQuery("Saltmere deal").sort(), ["issue:deal", "name:saltmere"]);
  assert.ok(!keys("Saltmere is calm.").has("name:saltmere"), "in running text it starts a sentence");
});

test("stemmed keys read back as the words they came from", async () => {
  const { topicLabel } = await import("../src/analysis/topics.ts");
  assert.equal(topicLabel("issue:termin", "the Saltmere terminal deal"), "terminal");
  assert.equal(topicLabel("place:russia", "anything"), "russia");
  assert.equal(topicLabel("issue:absent", "no such word"), "absent");
});
