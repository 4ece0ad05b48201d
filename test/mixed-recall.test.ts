/**
 * The evidence that raised mixed-message recall on real news (docs/real-news-eval.md, "Recall pass 2"):
 * a saying the speaker disowns against the words that say it, "finally believes" as a shift, a name in
 * several words counted once, and names alone not tying a reporter's shift word to a partner.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { disownedReversal, disownedSaying } from "../src/analysis/mixed/disowned.ts";
import { reporterSignal } from "../src/analysis/mixed/reporter-signal.ts";
import { profileOf, sameness, WordWeights } from "../src/analysis/mixed/similarity.ts";
import { isDenial } from "../src/analysis/mixed/stance.ts";
import { mixedReport } from "../src/analysis/mixed.ts";
import { silent, view } from "./mixed-helper.ts";

const everyWordTelling = { telling: () => true, isDenial };

test("a disowned saying is what follows the negated saying verb, past a clause break", () => {
  const tweet = disownedSaying({
    content: "she had never suggested the U.S. should use a register to track ferry owners",
    cue: "tweeted",
  });
  assert.equal(tweet?.words, "never suggested");
  assert.deepEqual([...(tweet?.stems ?? [])].sort(), ["ferri", "owner", "regist", "track", "us"]);
  // A denial in other words disowns no saying; a plain negation ("did not sell") neither.
  assert.equal(disownedSaying({ content: "I don't know anything about him", cue: "said" }), null);
  assert.equal(disownedSaying({ content: "the council did not sell the terminal", cue: "said" }), null);
  // The complement ends where the sentence goes on to something else.
  const cut = disownedSaying({
    content: "she never actually said she would close the port, that was the implication",
    cue: "insisted",
  });
  assert.deepEqual([...(cut?.stems ?? [])].sort(), ["close", "port"]);
});

test("a disowned saying against a plain statement of it is a reversal, in either order", () => {
  const disowns = { content: "she had never suggested a register to track ferry owners", cue: "tweeted" };
  const says = { content: "she would certainly implement a register to track ferry owners", cue: "said" };
  const found = disownedReversal(says, disowns, { minShared: 3, ...everyWordTelling });
  assert.ok(found?.disowned, "the statement that says it, then the one that disowns it");
  assert.match(found?.evidence[0] ?? "", /disowned later \("never suggested"\)/);
  assert.ok(disownedReversal(disowns, says, { minShared: 3, ...everyWordTelling }));
  // Too few disowned words said in the other: common ground, not the disowned saying.
  const fees = { content: "I never said I was going to pay for fees", cue: "said" };
  const plan = { content: "she would raise fees on permits to pay for the seawall", cue: "writes" };
  assert.equal(disownedReversal(fees, plan, { minShared: 3, ...everyWordTelling }), null);
  // The other disowns it too ("doesn't necessarily want to"): the same position twice.
  const soft = { content: "she doesn't necessarily want a register to track ferry owners", cue: "said" };
  assert.equal(disownedReversal(disowns, soft, { minShared: 3, ...everyWordTelling }), null);
  // Two shared words, only one of them telling, are not enough even in one article.
  const rare = (stem: string) => stem === "owner";
  const ownersTracked = { content: "you have to track the owners", cue: "said" };
  assert.equal(
    disownedReversal(disowns, ownersTracked, { minShared: 2, telling: () => false, isDenial }),
    null,
  );
  assert.ok(disownedReversal(disowns, ownersTracked, { minShared: 2, telling: rare, isDenial }));
});

test("one article's disowned saying and the words that say it are flagged without a reporter's words", () => {
  const article = "same".padEnd(16, "0");
  const headline = view("She Never Pledged To Close The Kestrel Port To Fishermen", {
    articleId: article,
    cue: "Says",
  });
  const quote = view("you have to close the Kestrel port to the fishermen, believe me", {
    articleId: article,
  });
  const weights = new WordWeights(["the budget is balanced", "jobs are coming"]);
  const report = mixedReport([headline, quote], silent, { weights });
  assert.equal(report.pairs.length, 1);
  assert.ok(report.pairs[0].reasons.some((r) => r.startsWith("disowned earlier")));
});

test("'finally believes' marks the later position, also opening the reported content", () => {
  const context = "Lawmakers met shortly after Vell said she finally believes the ferry is safe to sail.";
  const signal = reporterSignal(view("she finally believes the ferry is safe to sail", { context }));
  assert.equal(signal?.words, "finally believes");
  assert.equal(signal?.where, "content");
});

test("a name written in several words is one shared thing", () => {
  const weights = new WordWeights(["the budget is balanced"]);
  const a = profileOf(view("the United States would win its fight against the cartel"));
  const b = profileOf(view("the mayor was born in the United States"));
  const same = sameness(a, b, weights);
  assert.deepEqual(same.shared.sort(), ["states", "united"]);
  assert.equal(same.sharedUnits, 1);
});

test("a reporter's shift word does not tie a statement to one that shares only names with it", () => {
  const weights = new WordWeights(["the budget is balanced", "jobs are coming"]);
  // Two names in common ("Ortiz", "Harbor County"), nothing said of them in common.
  const earlier = view("Ortiz would win the fight for Harbor County against the cartel", {
    published: "2026-03-01",
  });
  const context = "Shortly after, Vell said she finally believes Ortiz of Harbor County is a fine mayor.";
  const later = view("she finally believes Ortiz of Harbor County is a fine mayor", {
    context,
    published: "2026-03-09",
  });
  assert.equal(mixedReport([earlier, later], silent, { weights }).pairs.length, 0);
  // With a word of what is said of them in common, the shift word ties the two.
  const doubt = view("Ortiz of Harbor County is no fine mayor and never was", { published: "2026-03-01" });
  assert.equal(mixedReport([doubt, later], silent, { weights }).pairs.length, 1);
});
