import assert from "node:assert/strict";
import { test } from "node:test";
import { digestHtml, digestMarkdown } from "../src/analysis/digest.ts";
import { findMixedMessages, type Judge } from "../src/analysis/mixed.ts";
import type { StatementView } from "../src/analysis/statement-view.ts";
import { buildTimeline, timelineMarkdown, timelineText } from "../src/analysis/timeline.ts";

let nextId = 1;
function statement(published: string, content: string, context = content): StatementView {
  const id = nextId++;
  return {
    id,
    articleId: `article${id}`.padEnd(16, "0"),
    speaker: "Ada Vell",
    published,
    outlet: "Harbor Ledger",
    title: null,
    url: `https://ledger.example/${id}`,
    kind: "indirect",
    confidence: 0.87,
    content,
    span: { start: 10, end: 10 + content.length },
    cue: "said",
    context,
  };
}

const dead = statement("2026-03-02", "the port deal with Kestrel is dead");
const alive = statement(
  "2026-03-05",
  "talks on the port deal never stopped",
  "Vell walked back her remarks, saying talks on the port deal never stopped.",
);
const budget = statement("2026-03-03", "the budget will be balanced by autumn");

/** Flags a pair as inconsistent when exactly one side carries a negative word: enough to test the plumbing. */
const negationJudge: Judge = (a, b) => {
  const negative = (text: string) => /\b(dead|never|not)\b/.test(text);
  const inconsistent = negative(a) !== negative(b) || (negative(a) && /dead/.test(a) !== /dead/.test(b));
  return inconsistent
    ? {
        label: "Inconsistent",
        scores: { Inconsistent: 0.8, Consistent: 0.1, Unrelated: 0.1 },
        reasons: ["polarity"],
      }
    : { label: "Consistent", scores: { Inconsistent: 0.1, Consistent: 0.8, Unrelated: 0.1 }, reasons: [] };
};

test("timeline sorts by date and narrows by topic and range", () => {
  const all = [alive, budget, dead];
  assert.deepEqual(
    buildTimeline(all).map((s) => s.id),
    [dead.id, budget.id, alive.id],
  );
  assert.deepEqual(
    buildTimeline(all, { about: "port deal" }).map((s) => s.id),
    [dead.id, alive.id],
  );
  assert.deepEqual(
    buildTimeline(all, { since: "2026-03-03", until: "2026-03-04" }).map((s) => s.id),
    [budget.id],
  );
  assert.throws(() => buildTimeline(all, { about: "the" }), /no words to match/);
  assert.match(timelineMarkdown("Ada Vell", [dead]), /2026-03-02.*Harbor Ledger.*chars 10-/);
  assert.match(timelineMarkdown("Ada Vell", [dead]), /, indirect, confidence 0\.87: /);
  assert.match(timelineText([{ ...dead, confidence: null }]), /\[indirect\]\n/, "no estimate, no number");
});

test("mixed messages pair statements on one topic and give the evidence", () => {
  const pairs = findMixedMessages([budget, alive, dead], negationJudge);
  assert.equal(pairs.length, 1);
  assert.equal(pairs[0].earlier.id, dead.id);
  assert.equal(pairs[0].later.id, alive.id);
  assert.ok(pairs[0].reasons.some((r) => r.includes("walked back")));
  assert.ok(pairs[0].sharedTopics.includes("deal"));
});

test("yes then no on one question is flagged even when the judge sees nothing", () => {
  const yes = statement("2026-03-01", "Yes", "Asked whether the Kestrel deal was alive, Vell said yes.");
  const no = statement("2026-03-04", "no", "Asked again whether the Kestrel deal was alive, Vell said no.");
  const again = statement("2026-03-06", "yes", "Asked about the budget, Vell said yes.");
  const neutral: Judge = () => ({
    label: "Unrelated",
    scores: { Inconsistent: 0.2, Consistent: 0.2, Unrelated: 0.6 },
    reasons: [],
  });
  const pairs = findMixedMessages([yes, no, again], neutral);
  assert.equal(pairs.length, 1, "the budget answer shares no topic with the deal answers");
  assert.deepEqual([pairs[0].earlier.id, pairs[0].later.id], [yes.id, no.id]);
  assert.ok(pairs[0].reasons.some((r) => r.includes('"Yes" then "no"')));
});

test("digests cite every statement and escape HTML", () => {
  const pairs = findMixedMessages([dead, alive], negationJudge);
  const input = { speaker: "Ada Vell", about: "port deal", statements: [dead, alive], mixed: pairs };
  const md = digestMarkdown(input);
  assert.match(md, /^# Ada Vell on port deal/);
  assert.equal((md.match(/chars \d+-\d+/g) ?? []).length, 4, "two statements and the two sides of one pair");
  const html = digestHtml({ ...input, statements: [{ ...dead, content: "<script>x</script>" }] });
  assert.ok(!html.includes("<script>x"));
  assert.match(html, /&lt;script&gt;/);
});
