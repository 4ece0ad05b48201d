import assert from "node:assert/strict";
import { test } from "node:test";
import type { Attribution, Span } from "../src/nlp/doc.ts";
import { analyze } from "../src/nlp/pipeline.ts";
import {
  contentAfterColon,
  fixAttributions,
  notStatementReason,
  statementsOnly,
} from "../src/nlp/statement-checks.ts";
import { processArticle } from "../src/process.ts";

// Every sentence below is invented for these tests (names and events are made up).

/** The span of the `nth` occurrence of `part` in `text`. */
function at(text: string, part: string, nth = 0): Span {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(part, start + 1);
  assert.ok(start >= 0, `"${part}" not in "${text}"`);
  return { start, end: start + part.length };
}

function attribution(
  text: string,
  parts: { source?: string; cue?: string; content: string[] },
  confidence?: number,
): Attribution {
  return {
    source: parts.source ? at(text, parts.source) : null,
    cue: parts.cue ? at(text, parts.cue) : null,
    content: parts.content.map((c) => at(text, c)),
    kind: "indirect",
    speaker: null,
    ...(confidence === undefined ? {} : { confidence }),
  };
}

const stored = (text: string, outlet?: string) =>
  processArticle({ origin: `test-${text.length}`, format: "text", text, outlet }).statements.map((s) => ({
    source: s.source ? text.slice(s.source.start, s.source.end) : null,
    cue: s.cue ? text.slice(s.cue.start, s.cue.end) : null,
    content: s.content.map((c) => text.slice(c.start, c.end)),
  }));

test("a verb of doing is not a speech cue: the record does not store it", () => {
  const text =
    "Mayor Orla Penwick spent much of her rally attacking the harbour board for its handling of the ferry contract.";
  const a = attribution(text, {
    source: "Mayor Orla Penwick",
    cue: "spent much of",
    content: ["her rally attacking"],
  });
  assert.equal(notStatementReason(text, a), "cue is not speech");
  assert.deepEqual(
    stored(text).filter((s) => s.cue?.includes("spent")),
    [],
  );
});

test("passive views, hedges, intentions and legal actions are not statements", () => {
  const viewed = "The tariff is viewed as a shield for the mills of Dunmere.";
  assert.equal(
    notStatementReason(
      viewed,
      attribution(viewed, {
        source: "The tariff",
        cue: "is viewed",
        content: ["as a shield for the mills of Dunmere"],
      }),
    ),
    "cue is a passive view",
  );
  const known = "Its fields, many of them derisively known as ''goat farms,'' lie empty.";
  assert.equal(
    notStatementReason(
      known,
      attribution(known, {
        source: "many of them",
        cue: "derisively known as",
        content: ["''goat farms,''"],
      }),
    ),
    "cue is not speech",
  );
  const appears = "Reform bloc appears to win a landslide in Corrinth.";
  assert.equal(
    notStatementReason(
      appears,
      attribution(appears, {
        source: "Reform bloc",
        cue: "appears",
        content: ["to win a landslide in Corrinth"],
      }),
    ),
    "cue is a hedge",
  );
  const aims = "Party aims to heal its primary wounds.";
  assert.equal(
    notStatementReason(
      aims,
      attribution(aims, { source: "Party", cue: "aims", content: ["to heal its primary wounds"] }),
    ),
    "cue is an intention",
  );
  const charged = "Three commissioners were charged with taking bribes from builders.";
  assert.equal(
    notStatementReason(
      charged,
      attribution(charged, {
        source: "Three commissioners",
        cue: "were charged",
        content: ["taking bribes from builders"],
      }),
    ),
    "cue is not speech",
  );
  // "charged that" is speech.
  const charges = "Senator Ivo Brask charged that the board hid the losses.";
  assert.equal(
    notStatementReason(
      charges,
      attribution(charges, {
        source: "Senator Ivo Brask",
        cue: "charged",
        content: ["that the board hid the losses"],
      }),
    ),
    null,
  );
});

test("a negated or not-done speech act is not a statement", () => {
  const know = "I don't know how we make progress without some consensus.";
  assert.equal(
    notStatementReason(
      know,
      attribution(know, {
        source: "I",
        cue: "don't know",
        content: ["how we make progress without some consensus"],
      }),
    ),
    "negated cue",
  );
  const short = "She praised the inspectors but stopped short of calling for the director to resign.";
  assert.equal(
    notStatementReason(
      short,
      attribution(short, { source: "She", cue: "calling for", content: ["the director to resign"] }),
    ),
    "speech not done",
  );
  const none = "None of the three delegates have declared any preference.";
  assert.equal(
    notStatementReason(
      none,
      attribution(none, {
        source: "None of the three delegates",
        cue: "have declared",
        content: ["any preference"],
      }),
    ),
    "source is no one",
  );
});

test('a negated-existence idiom is not a statement with source "no"', () => {
  const text = "The senator left no doubt about where he stands on the ferry deal after the vote on Tuesday.";
  const a = attribution(text, {
    source: "The senator left no",
    cue: "doubt about",
    content: ["he stands on the ferry deal"],
  });
  assert.equal(notStatementReason(text, a), "source is no one");
  assert.deepEqual(
    stored(text).filter((s) => s.source?.endsWith("no")),
    [],
  );
});

test("pronoun-only, empty and one-common-word contents are not statements", () => {
  const which = "The plan, which the minister defended, passed.";
  assert.equal(
    notStatementReason(
      which,
      attribution(which, { source: "the minister", cue: "defended", content: ["which"] }),
    ),
    "content is only pronouns",
  );
  const empty = "Bram Tollis said.";
  assert.equal(
    notStatementReason(empty, attribution(empty, { source: "Bram Tollis", cue: "said", content: [] })),
    "empty content",
  );
  const media = "Officials were mocked and criticized on social media.";
  assert.equal(
    notStatementReason(
      media,
      attribution(media, { source: "Officials", cue: "criticized", content: ["media"] }),
    ),
    "content of one word",
  );
  // A name or a quoted word can be the whole of what was said.
  const endorses = "Governor Ansel Roy endorses Penwick.";
  assert.equal(
    notStatementReason(
      endorses,
      attribution(endorses, { source: "Governor Ansel Roy", cue: "endorses", content: ["Penwick"] }),
    ),
    null,
  );
});

test("the article's own outlet as the source is the writer speaking", () => {
  const text = "THE HARBOUR LEDGER has learned that the ferry board hired a second auditor in March.";
  const a = attribution(text, {
    source: "THE HARBOUR LEDGER",
    cue: "has learned",
    content: ["that the ferry board hired a second auditor in March"],
  });
  assert.equal(notStatementReason(text, a, { outlet: "The Harbour Ledger" }), "the writer's own outlet");
  assert.equal(
    notStatementReason(text, a, { outlet: "Dunmere Post" }),
    null,
    "another outlet's report is a statement",
  );
  assert.equal(statementsOnly(text, [a], { outlet: "Harbour Ledger News" }).length, 0);
});

test("'laid out ... :' keeps the quote after the colon as the content, under the worded cue", () => {
  const text =
    "Davis laid out one last indisputable fact: “Penwick cannot win the county without these voters.” The crowd cheered.";
  const quote = "“Penwick cannot win the county without these voters.”";
  const reshaped = contentAfterColon(
    text,
    attribution(text, {
      source: "Davis",
      cue: "laid out",
      content: [`one last indisputable fact: ${quote}`],
    }),
  );
  assert.deepEqual(
    reshaped.content.map((c) => text.slice(c.start, c.end)),
    [quote],
  );
  // A clause before the colon is itself what was said.
  const clause = "He responded that we must act now: the mills close in May.";
  const kept = attribution(clause, {
    source: "He",
    cue: "responded",
    content: ["that we must act now: the mills close in May"],
  });
  assert.equal(contentAfterColon(clause, kept), kept);
  // End to end: one statement, cue "laid out", content the quote.
  const doc = analyze(text);
  const told = doc.attributions.map((a) => ({
    cue: a.cue ? doc.slice(a.cue) : null,
    content: a.content.map((c) => doc.slice(c)),
  }));
  assert.deepEqual(told, [{ cue: "laid out", content: [quote] }]);
});

test("the same statement told with a bare colon as a second cue is kept once, with the higher confidence", () => {
  const text = "Davis laid out one fact: “Penwick cannot win.”";
  const worded = attribution(
    text,
    { source: "Davis", cue: "laid out", content: ["“Penwick cannot win.”"] },
    0.4,
  );
  const colon = attribution(text, { source: "Davis", cue: ":", content: ["“Penwick cannot win.”"] }, 0.6);
  const fixed = fixAttributions(text, [worded, colon]);
  assert.equal(fixed.length, 1);
  assert.equal(text.slice(fixed[0].cue?.start, fixed[0].cue?.end), "laid out");
  assert.equal(fixed[0].confidence, 0.6);
});

test("'think tank' is not a cue", () => {
  const text =
    "“The levy will cost more than it saves,” an analyst at the Corrinth Institute for Land and Water think tank told the Ledger.";
  const doc = analyze(text);
  const cues = doc.attributions.map((a) => (a.cue ? doc.slice(a.cue) : null));
  assert.ok(!cues.includes("think"), `cues: ${cues.join(", ")}`);
  assert.ok(cues.includes("told"), `cues: ${cues.join(", ")}`);
});

test("ordinary statements pass every check", () => {
  const text =
    "“We will reopen the ferry by May,” said Mayor Orla Penwick. The board denied that it hid the losses.";
  const said = attribution(text, {
    source: "Mayor Orla Penwick",
    cue: "said",
    content: ["“We will reopen the ferry by May,”"],
  });
  const denied = attribution(text, {
    source: "The board",
    cue: "denied",
    content: ["that it hid the losses"],
  });
  assert.equal(notStatementReason(text, said), null);
  assert.equal(notStatementReason(text, denied), null);
});

test("a survey's category and a writer's 'That said,' are not statements", () => {
  const survey = "Some 41% identify with the Harbour Party, the poll found.";
  assert.equal(
    notStatementReason(
      survey,
      attribution(survey, { source: "41%", cue: "identify", content: ["with the Harbour Party"] }),
    ),
    "cue is not speech",
  );
  const marker = "That said, Ada Vell cannot win the Saltmere seat outright.";
  assert.match(
    notStatementReason(
      marker,
      attribution(marker, {
        source: "That",
        cue: "said",
        content: ["Ada Vell cannot win the Saltmere seat outright"],
      }),
    ) ?? "",
    /discourse marker/,
  );
  const real = "That said, Vell told reporters. Tomas Bryne said, quietly, that the seat was lost.";
  assert.equal(
    notStatementReason(
      real,
      attribution(real, { source: "Tomas Bryne", cue: "said", content: ["that the seat was lost"] }),
    ),
    null,
  );
});

test("each statement records the paragraph (from 1) of the cleaned text its content starts in", () => {
  const text =
    "The harbour board met on Monday.\n\n" +
    "Mayor Orla Penwick said “We will reopen the ferry by May.”\n\n" +
    "The meeting ran late. Councillor Bo Tern said the plan was three years behind.";
  const { statements, text: cleaned } = processArticle({ origin: "paragraphs.txt", format: "text", text });
  assert.deepEqual(
    statements.map((s) => [s.contentText, s.paragraph]),
    [
      ["“We will reopen the ferry by May.”", 2],
      ["the plan was three years behind", 3],
    ],
  );
  // The number counts the blank-line paragraphs before the content: the same reading a person makes.
  for (const s of statements) {
    const before = cleaned.slice(0, s.content[0].start).split(/\n\s*\n/).length;
    assert.equal(s.paragraph, before);
  }
});
