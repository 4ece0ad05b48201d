import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { reporterSignal } from "../src/analysis/mixed/reporter-signal.ts";
import { profileOf, sameness, WordWeights } from "../src/analysis/mixed/similarity.ts";
import { identityProblem } from "../src/analysis/mixed/speaker-identity.ts";
import { backingReversal, stanceReversal } from "../src/analysis/mixed/stance.ts";
import { propositionProblem } from "../src/analysis/mixed/statement-quality.ts";
import { exclusionOf, type MixedPair, mixedReport } from "../src/analysis/mixed.ts";
import { runCli } from "./cli-helper.ts";
import { silent, view } from "./mixed-helper.ts";

test("only statements with a proposition take part", () => {
  assert.match(propositionProblem("") ?? "", /empty/);
  assert.match(propositionProblem("which") ?? "", /one word/);
  assert.match(propositionProblem("the claims") ?? "", /two words/);
  assert.match(propositionProblem("his remarks about the port") ?? "", /noun phrase/);
  assert.match(propositionProblem("that it was") ?? "", /content word/);
  assert.match(propositionProblem("called the deal dead, said talks had stopped") ?? "", /recap/);
  assert.equal(propositionProblem("the port deal with Kestrel is dead"), null);
  // A cue that takes a side makes its short object a position; a cue that points elsewhere does not.
  assert.equal(propositionProblem("the ferry deal", "once praised"), null);
  assert.notEqual(propositionProblem("her remarks", "walked back"), null);
});

test("only statements surely the speaker's take part", () => {
  assert.equal(identityProblem(view("the port deal with Kestrel is dead")), null);
  assert.match(identityProblem(view("the deal is dead", { resolution: "description" })) ?? "", /description/);
  assert.match(
    identityProblem(view("the deal is dead", { resolution: "pronoun", confidence: 0.7 })) ?? "",
    /pronoun/,
  );
  assert.equal(identityProblem(view("the deal is dead", { resolution: "pronoun", confidence: 0.95 })), null);
  assert.match(identityProblem(view("the deal is dead", { confidence: 0.4 })) ?? "", /confidence/);
  // An alias gone wrong: the source names someone else.
  assert.match(identityProblem(view("the deal is dead", { source: "Piet Ortiz" })) ?? "", /does not name/);
  assert.equal(identityProblem(view("the deal is dead", { source: "Mayor Vell" })), null);
});

test("sameness weighs rare words over common ones and ignores the speaker's name", () => {
  const corpus = [
    ...Array.from({ length: 40 }, (_, i) => `people want jobs and people want homes number ${i}`),
    "the Kestrel terminal will be sold",
    "the budget is balanced",
  ];
  const weights = new WordWeights(corpus);
  const sell = profileOf(view("Vell would sell the Kestrel ferry terminal to the people"));
  const keep = profileOf(view("Vell will never sell the Kestrel terminal"));
  const people = profileOf(view("Vell says the people want a balanced budget"));
  const same = sameness(sell, keep, weights);
  const loose = sameness(sell, people, weights);
  assert.ok(same.score > 0.4, `same thing scored ${same.score}`);
  assert.ok(loose.score < same.score / 2, `a shared common word scored ${loose.score}`);
  assert.ok(same.shared.includes("kestrel") && same.names.includes("kestrel"));
  assert.ok(!same.shared.includes("vell"), "the speaker's own name is not a shared subject");
});

test("a reversal is the speaker's own predicate negated, not someone else's", () => {
  const plain = { content: "she would sell the Kestrel terminal", cue: "said", speaker: "Ada Vell" };
  const negated = { content: "she would not sell the Kestrel terminal", cue: "said", speaker: "Ada Vell" };
  assert.match(
    stanceReversal(plain, negated, ["sell", "kestrel", "terminal"])?.evidence[0] ?? "",
    /not … sell/,
  );
  const others = {
    content: "the other candidates are not able to beat Ortiz",
    cue: "said",
    speaker: "Ada Vell",
  };
  const mine = { content: "I can beat Ortiz", cue: "said", speaker: "Ada Vell" };
  assert.equal(stanceReversal(others, mine, ["beat", "ortiz"]), null);
  const refused = { content: "to endorse Ortiz", cue: "refused", speaker: "Ada Vell" };
  const endorsed = { content: "I endorse Ortiz for the council", cue: "said", speaker: "Ada Vell" };
  assert.ok(stanceReversal(refused, endorsed, ["endorse", "ortiz"]));
  // "no taxes" and "not paying taxes" say the same thing.
  const noTaxes = { content: "paying no taxes was smart", cue: "said", speaker: "Ada Vell" };
  const notPaying = { content: "not paying taxes makes me smart", cue: "said", speaker: "Ada Vell" };
  assert.equal(stanceReversal(noTaxes, notPaying, ["paying", "taxes", "smart"]), null);
});

test("reporters' words count only in the statement's clause and about its speaker", () => {
  const walkedBack = "Vell walked back her remarks on Friday, saying talks on the port deal never stopped.";
  assert.equal(
    reporterSignal(view("talks on the port deal never stopped", { context: walkedBack }))?.words,
    "walked back",
  );
  // The same words about someone else, or in another sentence, are not about this statement.
  const other = "Ortiz walked back his plan. Vell said talks on the port deal never stopped.";
  assert.equal(reporterSignal(view("talks on the port deal never stopped", { context: other })), null);
  const otherSubject = "After Ortiz walked back his plan, Vell said talks on the port deal never stopped.";
  assert.equal(
    reporterSignal(view("talks on the port deal never stopped", { context: otherSubject, source: "Vell" })),
    null,
  );
  // Inside the speaker's own words the same verbs are not a report of a shift.
  const own = 'Vell said "the council would deny residents the right to reverse course on the port."';
  assert.equal(
    reporterSignal(
      view('"the council would deny residents the right to reverse course on the port."', { context: own }),
    ),
    null,
  );
  const quote = 'Vell said "Ortiz initially backed the plan and then walked back everything he promised."';
  assert.equal(
    reporterSignal(
      view('"Ortiz initially backed the plan and then walked back everything he promised."', {
        context: quote,
      }),
    ),
    null,
  );
  // Opening a reported act it counts: "attempted to backtrack on those remarks".
  const act = "She has since attempted to backtrack on those remarks about the port.";
  assert.equal(
    reporterSignal(view("to backtrack on those remarks about the port", { context: act, source: "She" }))
      ?.where,
    "content",
  );
});

test("reporters' wider shift words count, still scoped to the speaker", () => {
  const course = "Vell changed course on Monday, saying the council would keep the Kestrel ferry.";
  assert.equal(
    reporterSignal(view("the council would keep the Kestrel ferry", { context: course, source: "Vell" }))
      ?.words,
    "changed course",
  );
  const initially = "Vell initially said the ferry was safe, before the inspection.";
  assert.equal(
    reporterSignal(view("the ferry was safe", { context: initially, source: "Vell" }))?.words,
    "initially said",
  );
  // "previously said" mostly brings the same position back; it is no shift by itself.
  const previously = "Vell previously said the ferry was safe.";
  assert.equal(reporterSignal(view("the ferry was safe", { context: previously, source: "Vell" })), null);
  // The same words about another person are not about this statement.
  const otherCourse = "Ortiz changed course on Monday; Vell said the council would keep the Kestrel ferry.";
  assert.equal(
    reporterSignal(
      view("the council would keep the Kestrel ferry", { context: otherCourse, source: "Vell" }),
    ),
    null,
  );
});

test("'the endorsement comes three days after she said ...' marks the earlier position and names its partner", () => {
  const article = "tide".padEnd(16, "0");
  const after =
    "The endorsement comes just three days after Vell told the Ledger she was not ready yet on supporting Ortiz, who faces a primary.";
  const hesitant = view("she was not ready yet on supporting Ortiz", {
    context: after,
    source: "Vell",
    articleId: article,
  });
  const signal = reporterSignal(hesitant);
  assert.equal(signal?.words, "comes just three days after");
  assert.equal(signal?.against, "endors", "the act the reporter sets it against");
  // The same words with someone else after them are not about this speaker.
  const otherAfter =
    "The endorsement comes just three days after Ortiz told the Ledger she was not ready yet on supporting him.";
  assert.equal(
    reporterSignal(view("she was not ready yet on supporting him", { context: otherAfter, source: "Vell" })),
    null,
  );
  const endorsed = view("the re-election of Councillor Ortiz", {
    cue: "endorsed",
    context: "Vell on Friday endorsed the re-election of Councillor Ortiz.",
    articleId: article,
  });
  // Another of her statements on Ortiz in the article is not the endorsement: no partner of the signal.
  const praise = view("Ortiz ran a fine harbour office", {
    articleId: article,
  });
  const weights = new WordWeights(["the budget is balanced", "jobs are coming", "the port is open"]);
  const pairs = mixedReport([endorsed, hesitant, praise], silent, { weights }).pairs;
  const ids = pairs.map((p) => [p.earlier.id, p.later.id].sort().join("-"));
  assert.ok(ids.includes([endorsed.id, hesitant.id].sort().join("-")), `flagged: ${ids.join(", ")}`);
  assert.ok(
    !ids.includes([praise.id, hesitant.id].sort().join("-")),
    "only a statement of the act is its partner",
  );
});

test("backing refused and given for the same person is a reversal, whatever the words", () => {
  const refused = {
    content: 'she was not going to "play the loyal deputy" and back Ortiz',
    cue: "said",
    speaker: "Ada Vell",
  };
  const endorses = { content: "Ortiz", cue: "endorses", speaker: "Ada Vell" };
  assert.match(
    backingReversal(refused, endorses, ["ortiz"])?.evidence[0] ?? "",
    /refused earlier .* given later/,
  );
  // Backing something else in a sentence that names the person is not backing the person.
  const other = {
    content: "supporting the harbour levy was what Ortiz called weak",
    cue: "said",
    speaker: "Ada Vell",
  };
  assert.equal(backingReversal(other, refused, ["ortiz"]), null);
  // Someone else's refusal is not hers: "the party would not back Ortiz".
  const party = { content: "the party would not back Ortiz", cue: "said", speaker: "Ada Vell" };
  assert.equal(backingReversal(party, endorses, ["ortiz"]), null);
  // In one article the reversal counts when the article places one side in the past ("the following morning").
  const article = "keel".padEnd(16, "0");
  const now = view("Councillor Ortiz for the harbour seat", {
    cue: "endorses",
    context: "Vell endorses Councillor Ortiz for the harbour seat, ending a long feud.",
    articleId: article,
  });
  const then = view('she was not going to "play the loyal deputy" and back Ortiz', {
    context:
      'At a breakfast the following morning, Vell said she was not going to "play the loyal deputy" and back Ortiz.',
    articleId: article,
  });
  const weights = new WordWeights(["the budget is balanced", "jobs are coming", "the port is open"]);
  assert.equal(mixedReport([now, then], silent, { weights }).pairs.length, 1);
  const recap = view('she was not going to "play the loyal deputy" and back Ortiz', {
    context: 'Vell said she was not going to "play the loyal deputy" and back Ortiz.',
    articleId: article,
  });
  assert.equal(
    mixedReport([now, recap], silent, { weights }).pairs.length,
    0,
    "a recap with no time is not flagged",
  );
});

test("a named other said to be something, then not, is a reversal; two different people are not", () => {
  const not = {
    content: "that Rosa Ortiz is not qualified to run the port",
    cue: "said",
    speaker: "Ada Vell",
  };
  const is = {
    content: "‘Of Course’ Rosa Ortiz Is Qualified To Run The Port.",
    cue: ":",
    speaker: "Ada Vell",
  };
  assert.match(
    stanceReversal(not, is, ["qualified", "ortiz", "port"])?.evidence[0] ?? "",
    /ortiz … not qualified/,
  );
  const other = { content: "that Ben Reyes is qualified to run the port", cue: "said", speaker: "Ada Vell" };
  assert.equal(stanceReversal(not, other, ["qualified", "port"]), null);
});

test("'reversed herself' points back at the remark reported just before it; 'initially defended' does not", () => {
  const article = "hull".padEnd(16, "0");
  const weights = new WordWeights(["the budget is balanced", "jobs are coming", "the port is open"]);
  const fee = view('"There has to be some kind of fee,"', {
    context: '"There has to be some kind of fee," Vell said at a town hall in March.',
    articleId: article,
    span: { start: 100, end: 136 },
    contextSpan: { start: 100, end: 171 },
  });
  const reversedContext =
    "But a few days later, Vell reversed herself yet again, telling the Ledger that the harbour rules are set.";
  const reversed = view("that the harbour rules are set", {
    context: reversedContext,
    articleId: article,
    span: { start: 473, end: 503 },
    contextSpan: { start: 400, end: 400 + reversedContext.length },
  });
  const pairs = mixedReport([fee, reversed], silent, { weights }).pairs;
  assert.deepEqual(
    pairs.map((p) => [p.earlier.id, p.later.id]),
    [[fee.id, reversed.id]],
  );
  const initiallyContext = "Vell initially defended the harbour rules, but she later backed a repeal.";
  const initially = view("the harbour rules", {
    cue: "initially defended",
    context: initiallyContext,
    articleId: article,
    span: { start: 423, end: 440 },
    contextSpan: { start: 400, end: 400 + initiallyContext.length },
  });
  assert.equal(mixedReport([fee, initially], silent, { weights }).pairs.length, 0);
});

test("'revised her plans, saying ...' ties the new position only to the remark reported just before it", () => {
  const article = "reef".padEnd(16, "0");
  const weights = new WordWeights(["the budget is balanced", "jobs are coming", "the port is open"]);
  const pledgeContext =
    "This runs counter to Vell's original pledge to close the Kestrel ferry line by spring.";
  const pledge = view("to close the Kestrel ferry line by spring", {
    cue: "original pledge",
    context: pledgeContext,
    articleId: article,
    span: { start: 144, end: 185 },
    contextSpan: { start: 100, end: 100 + pledgeContext.length },
  });
  const revisedContext =
    "Vell revised her ferry plans in May, saying that two boats would run through next year.";
  const revised = view("that two boats would run through next year", {
    context: revisedContext,
    articleId: article,
    span: { start: 345, end: 387 },
    contextSpan: { start: 300, end: 300 + revisedContext.length },
  });
  assert.equal(reporterSignal(revised)?.pointsBackOnly, true);
  const pairs = mixedReport([pledge, revised], silent, { weights }).pairs;
  assert.deepEqual(
    pairs.map((p) => [p.earlier.id, p.later.id]),
    [[pledge.id, revised.id]],
  );
  // Another article's statement of the same new position is not what it revised.
  const again = view("that two boats would run on the Kestrel line through next year", {
    published: "2026-04-01",
  });
  const across = mixedReport([revised, again], silent, { weights }).pairs;
  assert.equal(across.length, 0);
});

test("'not quite there yet' does not deny quitting", () => {
  const quit = { content: "she would quit the Kestrel race", cue: "said", speaker: "Ada Vell" };
  const notQuite = {
    content: "she was not quite there yet on the Kestrel race",
    cue: "said",
    speaker: "Ada Vell",
  };
  assert.equal(stanceReversal(quit, notQuite, ["quit", "kestrel", "race"]), null);
});

test("pairs need evidence: a shared subject alone, or one article's recap, is not flagged", () => {
  const sell = view("she would sell the Kestrel ferry terminal", { published: "2026-03-02" });
  const keep = view("she would not sell the Kestrel ferry terminal", { published: "2026-03-09" });
  const again = view("she would sell the Kestrel ferry terminal to a private operator soon", {
    published: "2026-03-10",
  });
  const weights = new WordWeights(["the budget is balanced", "jobs are coming"]);
  const report = mixedReport([sell, keep, again], silent, { weights });
  const ids = report.pairs.map((p) => [p.earlier.id, p.later.id].join("-"));
  assert.ok(ids.includes(`${sell.id}-${keep.id}`), `flagged: ${ids.join(", ")}`);
  assert.ok(!ids.includes(`${sell.id}-${again.id}`), "the same position twice is not a mixed message");
  const pair = report.pairs.find((p) => p.earlier.id === sell.id && p.later.id === keep.id) as MixedPair;
  assert.ok(pair.evidence.reversal && pair.evidence.sameness.score > 0);
  assert.ok(pair.reasons.some((r) => r.startsWith("about the same thing")));
  // Two statements of one article with no reporter's words: a recap, not a flag.
  const recapA = view("she would sell the Kestrel ferry terminal", { articleId: "one".padEnd(16, "0") });
  const recapB = view("she would not sell the Kestrel ferry terminal", { articleId: "one".padEnd(16, "0") });
  assert.equal(mixedReport([recapA, recapB], silent, { weights }).pairs.length, 0);
  // What was left out is counted, so "nothing found" can say why.
  const empty = mixedReport([view("which"), view("the deal is off", { resolution: "description" })], silent);
  assert.equal(empty.pairs.length, 0);
  assert.equal(empty.eligible, 0);
  assert.equal(
    Object.values(empty.skipped).reduce((a, b) => a + b, 0),
    2,
  );
  assert.equal(exclusionOf(view("no")), null, "a bare answer takes part as an answer");
});

const dir = mkdtempSync(path.join(tmpdir(), "onrecord-mixed-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("mixed --about keeps the ranked pairs with a side on the topic, and says when nothing is found", () => {
  const articles = [
    {
      title: "Vell plans terminal sale",
      outlet: "Harbor Ledger",
      published: "2026-03-02",
      text: "Vell plans terminal sale\n\nMayor Ada Vell said on Monday that she would sell the Kestrel ferry terminal to a private operator. The council meets next week.",
    },
    {
      title: "Budget hearing",
      outlet: "Harbor Ledger",
      published: "2026-03-04",
      text: "Budget hearing\n\nMayor Ada Vell said on Wednesday that the city budget would be balanced by the autumn. Auditors will report in May.",
    },
    {
      title: "Vell changes course",
      outlet: "Coast Courier",
      published: "2026-03-09",
      text: "Vell changes course\n\nMayor Ada Vell walked back her plan on Friday, saying she would not sell the Kestrel terminal after all. Dockworkers had protested for a week.",
    },
  ];
  const input = path.join(dir, "vell.jsonl");
  writeFileSync(input, `${articles.map((a) => JSON.stringify(a)).join("\n")}\n`);
  const db = path.join(dir, "vell.db");
  const run = (args: string[]) => runCli(dir, [...args, "--db", db]);
  assert.equal(run(["ingest", input]).code, 0);

  const all = JSON.parse(run(["mixed", "--speaker", "Ada Vell", "--json"]).stdout) as MixedPair[];
  assert.equal(all.length, 1, "the sale and its withdrawal");
  assert.match(all[0].reasons.join("\n"), /walked back/);
  // Only the first statement is on "ferry" (the later article never says it): a smaller pool ranked
  // anew would have lost the pair; filtering the ranked list keeps it.
  const onTopic = JSON.parse(run(["timeline", "--speaker", "Ada Vell", "--about", "ferry", "--json"]).stdout);
  assert.equal(onTopic.length, 1);
  const about = JSON.parse(run(["mixed", "--speaker", "Ada Vell", "--about", "ferry", "--json"]).stdout);
  assert.deepEqual(
    about.map((p: MixedPair) => [p.earlier.id, p.later.id]),
    all.map((p) => [p.earlier.id, p.later.id]),
  );
  const budget = JSON.parse(run(["mixed", "--speaker", "Ada Vell", "--about", "budget", "--json"]).stdout);
  assert.equal(budget.length, 0, "the pair has no side on the budget");

  const nothing = run(["mixed", "--speaker", "Ada Vell", "--until", "2026-03-05"]);
  assert.equal(nothing.code, 0);
  assert.match(nothing.stdout, /^no mixed messages found for Ada Vell\n/);
  assert.match(
    nothing.stdout,
    /2 statements; 2 surely theirs and stating something; 0 pairs about the same thing/,
  );
  const text = run(["mixed", "--speaker", "Ada Vell"]).stdout;
  assert.match(text, /why: about the same thing: \d\.\d\d \(shared: .*kestrel/);
  assert.match(text, /why: reported as a shift: "walked back"/);
});
