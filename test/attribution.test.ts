import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { cleanText } from "../src/clean/clean.ts";
import type { Attribution, Doc } from "../src/nlp/doc.ts";
import { analyze, defaultPipeline, pipelineWith } from "../src/nlp/pipeline.ts";
import { findQuotes } from "../src/nlp/quotes.ts";
import { splitParagraphs } from "../src/nlp/tokenizer.ts";
import { sharedData } from "./shared-data.ts";

// Every sentence below is invented for these tests.

interface Simple {
  source: string | null;
  cue: string | null;
  content: string[];
  kind: Attribution["kind"];
}

function simplify(doc: Doc, attribution: Attribution): Simple {
  return {
    source: attribution.source ? doc.slice(attribution.source) : null,
    cue: attribution.cue ? doc.slice(attribution.cue) : null,
    content: attribution.content.map((span) => doc.slice(span)),
    kind: attribution.kind,
  };
}

/** This file tests the rules alone; the default pipeline adds the learned tagger (attribution-model tests). */
const rulesPipeline = pipelineWith("rules");

function attributions(text: string): Simple[] {
  const doc = analyze(text, rulesPipeline);
  return doc.attributions.map((a) => simplify(doc, a));
}

/** The single attribution whose cue is `cue`. */
function withCue(text: string, cue: string): Simple {
  const found = attributions(text).filter((a) => a.cue === cue);
  assert.equal(
    found.length,
    1,
    `expected one attribution with cue "${cue}" in: ${text}\ngot ${JSON.stringify(found)}`,
  );
  return found[0];
}

test("pipeline lists its components in order and analyze is pure", () => {
  assert.deepEqual(defaultPipeline.names(), [
    "tokenizer",
    "sentencizer",
    "quotes",
    "rules",
    "tagger",
    "merge",
    "filter",
    "contentEdges",
    "cueEdges",
    "statementFixes",
    "speakers",
  ]);
  assert.deepEqual(rulesPipeline.names(), ["tokenizer", "sentencizer", "quotes", "rules", "speakers"]);
  const text = '"We will win," Ana Ruiz said.';
  assert.deepEqual(analyze(text).attributions, analyze(text).attributions);
});

test("bad input: empty, blank and cue-less text give no attributions", () => {
  assert.deepEqual(attributions(""), []);
  assert.deepEqual(attributions("   \n\n  "), []);
  assert.deepEqual(attributions("The river rose two feet overnight."), []);
  assert.deepEqual(attributions('"'), []);
});

test("quotes: curly, straight, single; apostrophes are not quotes", () => {
  const text = "“Go,” he said. \"Stop,\" she said. Ruiz: I'm 'worried' about the senators' plan, don't ask.";
  const spans = findQuotes(text, splitParagraphs(text)).map((q) => text.slice(q.start, q.end));
  assert.deepEqual(spans, ["“Go,”", '"Stop,"', "'worried'"]);
});

test("quotes: a quote continued in the next paragraph is one span; an unclosed one ends with its paragraph", () => {
  const multi =
    "Ruiz told the crowd:\n\n“First, we fix the roads.\n\n“Then we fix the schools.”\n\nShe left.";
  const spans = findQuotes(multi, splitParagraphs(multi)).map((q) => multi.slice(q.start, q.end));
  assert.deepEqual(spans, ["“First, we fix the roads.\n\n“Then we fix the schools.”"]);
  const broken = "He said “this never ends\n\nNext paragraph.";
  assert.deepEqual(
    findQuotes(broken, splitParagraphs(broken)).map((q) => broken.slice(q.start, q.end)),
    ["“this never ends"],
  );
});

test("direct: quote then source and cue", () => {
  assert.deepEqual(withCue("“We will win this race,” Ana Ruiz said.", "said"), {
    source: "Ana Ruiz",
    cue: "said",
    content: ["“We will win this race,”"],
    kind: "direct",
  });
});

test("direct: source and cue then colon and quote", () => {
  assert.deepEqual(withCue('Ana Ruiz said: "We will win this race."', "said"), {
    source: "Ana Ruiz",
    cue: "said",
    content: ['"We will win this race."'],
    kind: "direct",
  });
});

test("direct: inverted cue before the source", () => {
  assert.deepEqual(withCue("“We will win,” said Mayor Tom Bell.", "said"), {
    source: "Mayor Tom Bell",
    cue: "said",
    content: ["“We will win,”"],
    kind: "direct",
  });
});

test("direct: a split quote is one attribution with two content spans", () => {
  assert.deepEqual(withCue("“The budget is sound,” she said, “and the voters know it.”", "said"), {
    source: "she",
    cue: "said",
    content: ["“The budget is sound,”", "“and the voters know it.”"],
    kind: "direct",
  });
});

test("direct: a multi-paragraph quote after a colon", () => {
  const text = "Ruiz told the crowd:\n\n“First, we fix the roads.\n\n“Then we fix the schools.”";
  assert.deepEqual(withCue(text, "told"), {
    source: "Ruiz",
    cue: "told",
    content: ["“First, we fix the roads.\n\n“Then we fix the schools.”"],
    kind: "direct",
  });
});

test("direct: the speaker of the previous sentence continues in a quote", () => {
  const found = attributions("Bell told reporters he had no regrets.\n\n“None at all,” Bell said.");
  assert.deepEqual(found, [
    { source: "Bell", cue: "told", content: ["he had no regrets"], kind: "indirect" },
    { source: "Bell", cue: "said", content: ["“None at all,”"], kind: "direct" },
  ]);
});

test("direct: further quotes after the tag in the same paragraph join the attribution", () => {
  const found = withCue("“We are ready,” Ruiz said. “We have always been ready.”", "said");
  assert.deepEqual(found.content, ["“We are ready,”", "“We have always been ready.”"]);
});

test("indirect: said that, with the complementizer in the content", () => {
  assert.deepEqual(withCue("The senator said that the bill would pass.", "said"), {
    source: "The senator",
    cue: "said",
    content: ["that the bill would pass"],
    kind: "indirect",
  });
});

test("indirect: told reporters skips the addressee", () => {
  assert.deepEqual(withCue("Ruiz told reporters the vote was rigged.", "told"), {
    source: "Ruiz",
    cue: "told",
    content: ["the vote was rigged"],
    kind: "indirect",
  });
});

test("indirect: a phrase between cue and that is skipped", () => {
  assert.deepEqual(
    withCue("Sam Ortiz said in a statement on Friday that the plant will close.", "said in a statement")
      .content,
    ["that the plant will close"],
  );
});

test("indirect: reporting verbs claimed, warned, insisted, tweeted, wrote, announced", () => {
  for (const cue of ["claimed", "warned", "insisted", "tweeted", "wrote", "announced", "argued"]) {
    assert.deepEqual(withCue(`Tom Bell ${cue} that the talks had failed.`, cue), {
      source: "Tom Bell",
      cue,
      content: ["that the talks had failed"],
      kind: "indirect",
    });
  }
});

test("indirect: according to, before and after the content", () => {
  assert.deepEqual(withCue("According to the mayor, the bridge is safe.", "According to"), {
    source: "the mayor",
    cue: "According to",
    content: ["the bridge is safe"],
    kind: "indirect",
  });
  assert.deepEqual(withCue("The bridge is safe, according to city engineers.", "according to"), {
    source: "city engineers",
    cue: "according to",
    content: ["The bridge is safe"],
    kind: "indirect",
  });
});

test("indirect: content before the cue", () => {
  assert.deepEqual(withCue("The plan will fail, Bell argued.", "argued"), {
    source: "Bell",
    cue: "argued",
    content: ["The plan will fail"],
    kind: "indirect",
  });
});

test("indirect: a participle cue belongs to the subject of the main verb", () => {
  assert.deepEqual(withCue("Ruiz said the plan was costly, claiming it would raise taxes.", "claiming"), {
    source: "Ruiz",
    cue: "claiming",
    content: ["it would raise taxes"],
    kind: "indirect",
  });
  assert.deepEqual(withCue("Ruiz said the plan was costly, claiming it would raise taxes.", "said").content, [
    "the plan was costly",
  ]);
});

test("indirect: reported beliefs", () => {
  for (const cue of ["believes", "thinks", "reckons", "hopes"]) {
    assert.deepEqual(withCue(`He ${cue} the deal is dead.`, cue), {
      source: "He",
      cue,
      content: ["the deal is dead"],
      kind: "indirect",
    });
  }
});

test("indirect: coordinated cues share the subject and split the content", () => {
  const text = "Ruiz blasted the plan as a “disaster” and said voters would reject it.";
  assert.deepEqual(withCue(text, "blasted"), {
    source: "Ruiz",
    cue: "blasted",
    content: ["the plan as a “disaster”"],
    kind: "partial",
  });
  assert.deepEqual(withCue(text, "said"), {
    source: "Ruiz",
    cue: "said",
    content: ["voters would reject it"],
    kind: "indirect",
  });
});

test("mixed: indirect content holding a partial quote", () => {
  assert.deepEqual(withCue("Ruiz said she is “deeply worried” that the plant will close.", "said"), {
    source: "Ruiz",
    cue: "said",
    content: ["she is “deeply worried” that the plant will close"],
    kind: "partial",
  });
});

test("sources: titles, descriptions, institutions, appositives and quantities", () => {
  const cases: [string, string, string][] = [
    [
      "Director of Public Works Sam Ortiz warned that the dam could fail.",
      "warned",
      "Director of Public Works Sam Ortiz",
    ],
    ["Administration officials insisted the talks were on track.", "insisted", "Administration officials"],
    ["The White House claimed the report was false.", "claimed", "The White House"],
    ["Sen. Ana Ruiz (D-Ore.) said the bill was flawed.", "said", "Sen. Ana Ruiz (D-Ore.)"],
    // PolNeAR's source spans hold the appositive.
    [
      "Tom Bell, a spokesman for the council, said the vote was fair.",
      "said",
      "Tom Bell, a spokesman for the council",
    ],
    [
      "“The vote was fair,” said Tom Bell, a spokesman for the council.",
      "said",
      "Tom Bell, a spokesman for the council",
    ],
    ["Mr. Bell, who chairs the council, said the vote was fair.", "said", "Mr. Bell, who chairs the council"],
    ["The council's spokesman, Tom Bell, said the vote was fair.", "said", "Tom Bell"],
    ["Sixty percent of voters said the economy was weak.", "said", "Sixty percent of voters"],
    ["They said the economy was weak.", "said", "They"],
  ];
  for (const [text, cue, source] of cases) assert.equal(withCue(text, cue).source, source, text);
});

test("nouns and headlines are not cues; a headline with a name and colon is", () => {
  assert.deepEqual(attributions("Her only hope was a recount."), []);
  assert.deepEqual(attributions("The city met.\n\nMayor Makes Bold Claims About Roads"), []);
  // In the title line (the first paragraph) title case is normal, so capitalised cues count there.
  assert.deepEqual(withCue("Senator Ana Ruiz Praises New Bridge Plan\n\nThe city met.", "Praises"), {
    source: "Senator Ana Ruiz",
    cue: "Praises",
    content: ["New Bridge Plan"],
    kind: "indirect",
  });
  assert.deepEqual(withCue("Ruiz: I'm 'concerned' about the dam", ":"), {
    source: "Ruiz",
    cue: ":",
    content: ["I'm 'concerned' about the dam"],
    kind: "partial",
  });
});

// The seed article checks: assert behaviour by short phrases, never by pasted sentences.
const seed = sharedData("seed");
const seedDir = seed.path;

for (const [name, pipeline] of [
  ["rules", rulesPipeline],
  ["default", defaultPipeline],
] as const) {
  test(`seed article (${name} pipeline): the attributions a careful reader would make`, {
    skip: seed.skip,
  }, () => {
    const file = readdirSync(seedDir).find((f) => f.endsWith(".txt"));
    assert.ok(file, "seed text missing");
    const doc = analyze(cleanText(readFileSync(path.join(seedDir, file), "utf8")).text, pipeline);
    const all = doc.attributions.map((a) => ({ ...simplify(doc, a), speaker: a.speaker }));
    const find = (phrase: string) => {
      const found = all.filter((a) => a.content.some((c) => c.includes(phrase)));
      assert.ok(found.length > 0, `no attribution contains "${phrase}"`);
      return found;
    };
    const spokenBy = (phrase: string, speaker: string) => {
      const found = find(phrase);
      assert.ok(
        found.some((a) => a.speaker?.name === speaker),
        `"${phrase}" attributed to ${found.map((a) => a.speaker?.name).join(", ")}, not ${speaker}`,
      );
      return found;
    };
    spokenBy("very concerned", "Trump");
    spokenBy("will be pushing very hard", "Trump");
    const witchHunt = spokenBy("witch hunt", "Trump");
    assert.ok(witchHunt.some((a) => a.source === "He" && a.speaker?.resolution === "pronoun"));
    const hoax = spokenBy("big hoax", "Trump");
    assert.ok(hoax.some((a) => a.source === "He" && a.speaker?.resolution === "pronoun"));
    const coats = spokenBy("blinking red", "Dan Coats");
    assert.ok(coats.some((a) => a.speaker?.roles?.includes("Director of National Intelligence")));
    const whiteHouse = find("answering additional questions").filter(
      (a) => a.speaker?.name === "White House",
    );
    assert.equal(whiteHouse[0]?.speaker?.kind, "organization");
    const putin = spokenBy("Yes, I did", "Vladimir Putin");
    assert.equal(putin[0].kind, "direct");
    // No hover-card residue leaks into sources after cleaning.
    assert.ok(all.every((a) => !a.source?.includes("MORE")));
  });
}

const dev = sharedData("polnear/dev/text");
const polnearDev = dev.path;

test("PolNeAR dev texts: every span is inside the text and ordered", {
  skip: dev.skip,
}, () => {
  for (const file of readdirSync(polnearDev).sort().slice(0, 10)) {
    const doc = analyze(cleanText(readFileSync(path.join(polnearDev, file), "utf8")).text);
    for (const a of doc.attributions) {
      for (const span of [a.source, a.cue, ...a.content]) {
        if (!span) continue;
        assert.ok(
          span.start >= 0 && span.start < span.end && span.end <= doc.text.length,
          `${file}: bad span`,
        );
      }
      for (let i = 1; i < a.content.length; i++) assert.ok(a.content[i - 1].end <= a.content[i].start);
    }
  }
});

test("stance verbs counted on train are cues; forms rarely marked there are not", () => {
  assert.deepEqual(withCue("Mayor Lena Ortiz backed the transit plan.", "backed"), {
    source: "Mayor Lena Ortiz",
    cue: "backed",
    content: ["the transit plan"],
    kind: "indirect",
  });
  assert.equal(withCue("The council sided with the tenants.", "sided with").content[0], "the tenants");
  assert.deepEqual(attributions("The film, titled “Rivers of Salt,” opens on Friday."), []);
});

test("sourceless: hedges, expectations and reports name no holder", () => {
  assert.deepEqual(withCue("The bridge is expected to reopen in May.", "is expected"), {
    source: null,
    cue: "is expected",
    content: ["The bridge", "to reopen in May"],
    kind: "indirect",
  });
  assert.deepEqual(withCue("The new bridge is widely expected to open late.", "is widely expected").content, [
    "The new bridge",
    "to open late",
  ]);
  assert.deepEqual(withCue("The governor seemed to soften her stance on tolls.", "seemed"), {
    source: null,
    cue: "seemed",
    content: ["The governor", "to soften her stance on tolls"],
    kind: "indirect",
  });
  assert.deepEqual(withCue("The race seems stable after the debate.", "seems").content, [
    "The race",
    "stable after the debate",
  ]);
  assert.deepEqual(withCue("It appears that the council has changed course.", "appears").content, [
    "that the council has changed course",
  ]);
  assert.deepEqual(withCue("The mayor reportedly plans to resign in June.", "reportedly"), {
    source: null,
    cue: "reportedly",
    content: ["The mayor", "plans to resign in June"],
    kind: "indirect",
  });
  // A sentence-initial "Asked whether ..." holds the question; the answer has its own frame.
  const text = "Asked whether the plant would close, Ortiz said no decision had been made.";
  assert.deepEqual(withCue(text, "Asked"), {
    source: null,
    cue: "Asked",
    content: ["whether the plant would close"],
    kind: "indirect",
  });
  assert.equal(withCue(text, "said").source, "Ortiz");
  assert.deepEqual(withCue("Ortiz was asked whether the plant would close.", "was asked").content, [
    "whether the plant would close",
  ]);
  assert.deepEqual(withCue("When asked about the flood, Ortiz declined to comment.", "asked about").content, [
    "the flood",
  ]);
  // Not hedges: no infinitive or complement, or an agent after the passive.
  assert.deepEqual(attributions("The moon appeared."), []);
  assert.deepEqual(attributions("Ortiz was asked by the board."), []);
});

test("nominal cues: a possessor's criticism, refusal or pledge", () => {
  assert.deepEqual(withCue("Ana Ruiz's criticism of the budget drew applause.", "criticism of"), {
    source: "Ana Ruiz's",
    cue: "criticism of",
    content: ["the budget"],
    kind: "indirect",
  });
  assert.deepEqual(withCue("His refusal to debate was a mistake.", "refusal"), {
    source: "His",
    cue: "refusal",
    content: ["to debate"],
    kind: "indirect",
  });
  assert.equal(
    withCue("Her repeated calls for a new vote went unanswered.", "calls for").content[0],
    "a new vote",
  );
  // Without a possessor there is no one to credit.
  assert.deepEqual(attributions("Calls for a recount went unanswered."), []);
});

test("polls: `In a survey, ...` makes the survey the source of the clause", () => {
  assert.deepEqual(withCue("In a new survey by the Civic Institute, most residents favor the tax.", "In"), {
    source: "a new survey by the Civic Institute",
    cue: "In",
    content: ["most residents favor the tax"],
    kind: "indirect",
  });
  assert.deepEqual(attributions("In the spring, the river floods the valley."), []);
});

test("cue spans: auxiliaries, particles and `in a statement` belong to the cue", () => {
  assert.equal(
    withCue("Ortiz has also said the plan is costly.", "has also said").content[0],
    "the plan is costly",
  );
  assert.equal(withCue("Ortiz did not mention the tolls.", "did not mention").source, "Ortiz");
  assert.deepEqual(withCue("The senator called for a new inquiry.", "called for").content, ["a new inquiry"]);
  assert.deepEqual(withCue("Ortiz was referring to the flood of 2011.", "was referring to").content, [
    "the flood of 2011",
  ]);
});

test("content boundaries: lists, trailing days and asides", () => {
  assert.deepEqual(withCue("Ortiz praised the nurses, the drivers, and the cooks.", "praised").content, [
    "the nurses, the drivers, and the cooks",
  ]);
  assert.deepEqual(withCue("Ortiz criticized the plan, which passed last year.", "criticized").content, [
    "the plan",
  ]);
  assert.deepEqual(withCue("Ortiz praised the plan Monday.", "praised").content, ["the plan"]);
  assert.deepEqual(withCue("Ortiz opposed the levy and later voted to repeal it.", "opposed").content, [
    "the levy",
  ]);
  assert.deepEqual(withCue("Ortiz said that, despite the storm, the bridge survived.", "said").content, [
    "that, despite the storm, the bridge survived",
  ]);
});

test("transcripts: an all-capital speaker label and colon; section labels are not speakers", () => {
  const text = "The mayor spoke at length.\n\nRUIZ: We will keep the clinic open for everyone.";
  assert.deepEqual(withCue(text, ":"), {
    source: "RUIZ",
    cue: ":",
    content: ["We will keep the clinic open for everyone."],
    kind: "indirect",
  });
  assert.deepEqual(
    attributions("The mayor spoke at length.\n\nUPDATE: The vote was delayed until Friday."),
    [],
  );
});

test("sources: a bare plural opening the clause speaks for its group", () => {
  assert.equal(
    withCue("The plant closed, and company executives said the market had collapsed.", "said").source,
    "company executives",
  );
  assert.equal(
    withCue("Many farmers left, but investors say the valley will recover.", "say").source,
    "investors",
  );
});

test("not cues: naming participles and reflexive finds", () => {
  assert.deepEqual(
    attributions("A new group called Rivers First met on Friday.").filter((a) => a.cue === "called"),
    [],
  );
  assert.deepEqual(attributions("The bank found itself at the center of the crisis."), []);
  // A real call by a named source still counts.
  assert.equal(withCue("Ortiz called the plan a disaster.", "called").source, "Ortiz");
});

test("content boundaries: a relative clause or alternative after a comma ends the reported clause", () => {
  assert.deepEqual(
    withCue("Ortiz said the board hired Ana Ruiz, who ran the port for a decade.", "said").content,
    ["the board hired Ana Ruiz"],
  );
});

test("catenatives: the first verb is the cue and its infinitive the content", () => {
  assert.deepEqual(withCue("Ortiz declined to comment on the report.", "declined"), {
    source: "Ortiz",
    cue: "declined",
    content: ["to comment on the report"],
    kind: "indirect",
  });
  const refused = attributions("Ortiz refused to say whether the plant would close.");
  assert.deepEqual(
    refused.map((a) => a.cue),
    ["refused"],
  );
});

test("passives with an agent: the agent after `by` is the source, the subject the content", () => {
  assert.deepEqual(
    withCue("The toll plan was sharply criticized by the mayor.", "was sharply criticized by"),
    {
      source: "the mayor",
      cue: "was sharply criticized by",
      content: ["The toll plan"],
      kind: "indirect",
    },
  );
  // Without an agent the passive names no one: "The plan was criticized." has no source.
  assert.deepEqual(attributions("The toll plan was criticized."), []);
});
