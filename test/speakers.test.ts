import assert from "node:assert/strict";
import { test } from "node:test";
import { Doc, runPipeline, type Span, type Speaker } from "../src/nlp/doc.ts";
import { aliasForm, canonicalName, parseName } from "../src/nlp/names.ts";
import { analyze } from "../src/nlp/pipeline.ts";
import { sentencizer } from "../src/nlp/sentencizer.ts";
import { hintAliases, NAME_HINTS, type NameHint, resolveSpeakers } from "../src/nlp/speakers.ts";
import { tokenizer } from "../src/nlp/tokenizer.ts";

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
  // An unresolved "they" names nobody: no speaker rather than a group called "They".
  const bare = speakerOf("They said the plan was weak.", "plan was weak");
  assert.equal(bare, null);
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

/** Speaker names of every attribution, in text order, as "source → name". */
function speakersIn(text: string, hints?: NameHint[]): string[] {
  const doc = analyze(hints ? new Doc(text).set(NAME_HINTS, hints) : text);
  return doc.attributions
    .filter((a) => a.source)
    .sort((a, b) => (a.source?.start ?? 0) - (b.source?.start ?? 0))
    .map((a) => `${doc.slice(a.source as Span)} → ${a.speaker?.name ?? "none"}`);
}

test("long titles split into role and name, also for given names the lexicon does not know", () => {
  const voss = parseName("Harbour and Fisheries Minister Orla Fenwick");
  assert.deepEqual(
    [voss.roles, voss.first, voss.last],
    [["Harbour and Fisheries Minister"], "Orla", "Fenwick"],
  );
  const director = parseName("Director of Coastal Weather Services Ilvy Marsh");
  assert.deepEqual(
    [director.roles, director.first, director.last],
    [["Director of Coastal Weather Services"], "Ilvy", "Marsh"],
  );
  assert.deepEqual(parseName("Secretary of State Quorn").last, "Quorn");
  const tagged = parseName("Sen. Oda Brisk (G-Wend.)");
  assert.deepEqual([tagged.party, tagged.state, tagged.first], ["G", "Wend.", "Oda"]);
  // A place after the name is not part of it.
  assert.equal(canonicalName("Gov. Perrin Aske of Lowmarch"), "Perrin Aske");
});

test("a bare surname and a description resolve to the titled full name; roles are not honorifics", () => {
  const text =
    "Harbour and Fisheries Minister Orla Fenwick said the quota would stay. " +
    "Fenwick said the fleet agreed. The minister said talks would go on.";
  assert.deepEqual(speakersIn(text), [
    "Harbour and Fisheries Minister Orla Fenwick → Orla Fenwick",
    "Fenwick → Orla Fenwick",
    "The minister → Orla Fenwick",
  ]);
  const doc = analyze("Mr. Quorn said the dock was closed.");
  assert.deepEqual(doc.attributions[0].speaker?.roles, undefined);
});

test("a shared surname goes to the person whose honorific fits", () => {
  const text =
    "The march was led by Teodor Vask, head of the Lantern Union, who told the crowd to stay calm. " +
    '"We are here to stay," Mr. Vask said. Later Sen. Irmeli Vask (G-Wend.) spoke. ' +
    '"The harbour is not for sale," Ms. Vask said. The union leader said a strike was possible.';
  const names = speakersIn(text);
  assert.ok(names.includes("Mr. Vask → Teodor Vask"), names.join("; "));
  assert.ok(names.includes("Ms. Vask → Irmeli Vask"), names.join("; "));
  assert.ok(names.includes("The union leader → Teodor Vask"), names.join("; "));
});

test("the elder and the younger of a father and son", () => {
  const text =
    "Rep. Corvin Hale Jr. said he would run. His father, former navy minister Corvin Hale, was there. " +
    "The elder Hale said the campaign would be hard.";
  const names = speakersIn(text);
  assert.ok(names.includes("The elder Hale → Corvin Hale"), names.join("; "));
  assert.ok(names.includes("Rep. Corvin Hale Jr. → Corvin Hale Jr."), names.join("; "));
});

test("a definite description with no role on record stays unresolved (issue 11: only with evidence)", () => {
  const text =
    "It was a hard week for Orla Fenwick. On Monday, the harbour minister said the deal was off. " +
    "On Tuesday, she said it was on.";
  const names = speakersIn(text);
  // Nothing in the article says Fenwick is the harbour minister: wrong would be worse than unknown.
  assert.ok(!names.some((s) => /minister → Orla Fenwick/.test(s)), names.join("; "));
  // With the role written next to her name, the description finds her.
  const known = speakersIn(
    "Orla Fenwick, the harbour minister, toured the docks. On Monday, the minister said the deal was off.",
  );
  assert.ok(
    known.some((s) => /minister → Orla Fenwick/.test(s)),
    known.join("; "),
  );
  // An indefinite description is someone else.
  const other = speakersIn("It was a hard week for Orla Fenwick. One senior official said the deal was off.");
  assert.ok(!other.some((s) => s.endsWith("→ Orla Fenwick")), other.join("; "));
});

test("institutions: the capitalised name without 'the'; the ministry, its officials, its statement", () => {
  const text =
    "The Ministry of Harbours and Fisheries said the quota was fair. " +
    "In a statement, the ministry said boats would be inspected. " +
    "Ministry officials said the checks would start in May. " +
    "The statement said fines would follow. The Palace said the queen would visit.";
  const names = speakersIn(text);
  for (const want of [
    "The Ministry of Harbours and Fisheries → Ministry of Harbours and Fisheries",
    "the ministry → Ministry of Harbours and Fisheries",
    "Ministry officials → Ministry of Harbours and Fisheries",
    "The Palace → Palace",
  ])
    assert.ok(names.includes(want), `${want} not in ${names.join("; ")}`);
  const office = speakersIn(
    "Gov. Perrin Aske said the wall would be built. The governor's office said the money was ready.",
  );
  assert.ok(
    office.includes("The governor's office → Office of Perrin Aske") ||
      office.some((s) => s.endsWith("→ Office of Perrin Aske")),
    office.join("; "),
  );
});

test("first-person sources inside a quote are the quote's speaker", () => {
  const doc = analyze('"I told them we would not move," Orla Fenwick said.');
  assert.equal(doc.attributions.find((a) => a.speaker)?.speaker?.name, "Orla Fenwick");
});

test("hover-card full names become the name of the linked surname", () => {
  const text = "President Quorn said the tariff was fair. Quorn said it would stay.";
  const at = text.indexOf("Quorn");
  const names = speakersIn(text, [{ span: { start: at, end: at + 5 }, fullName: "Aldous Bertram Quorn" }]);
  assert.deepEqual(names, ["President Quorn → Aldous Quorn", "Quorn → Aldous Quorn"]);
  const doc = analyze(
    new Doc(text).set(NAME_HINTS, [{ span: { start: at, end: at + 5 }, fullName: "Aldous Bertram Quorn" }]),
  );
  assert.deepEqual(hintAliases(doc).get("Aldous Quorn"), ["Aldous Bertram Quorn"]);
  // A hint for another surname is ignored.
  const ignored = speakersIn(text, [{ span: { start: at, end: at + 5 }, fullName: "Mira Holt" }]);
  assert.deepEqual(ignored, ["President Quorn → Quorn", "Quorn → Quorn"]);
});

test("aliases are names: pronouns and descriptions are not, possessives and party tags go", () => {
  assert.equal(aliasForm("He"), "");
  assert.equal(aliasForm("The governor"), "");
  assert.equal(aliasForm("Sen. Oda Brisk (G-Wend.)"), "Sen. Oda Brisk");
  assert.equal(aliasForm("Quorn’s"), "Quorn");
  assert.equal(aliasForm("the White House", "organization"), "White House");
  // An appositive or relative clause in the source is no part of the name; a generational suffix is.
  assert.equal(aliasForm("Gov. Tobias Wren, visiting a repair depot"), "Gov. Tobias Wren");
  assert.equal(aliasForm("Ada Quill, who had refused to sign"), "Ada Quill");
  assert.equal(aliasForm("Edmund Farrow, Jr., a veteran"), "Edmund Farrow, Jr.");
});

test("a description then a name with a party tag in apposition: the name speaks", () => {
  const text = "The committee's chairwoman, Sen. Ola Brandt (L-Norv.), said the hearing would go on.";
  const speaker = speakerOf(text, "hearing would go on");
  assert.equal(speaker?.name, "Ola Brandt");
  assert.equal(speaker?.party, "L");
});

test("a source with an appositive or two joined names", () => {
  const cut = speakersIn(
    "Sen. Oda Brisk (D-Wend.), who chairs the fisheries panel, said the vote was close.",
  );
  assert.ok(
    cut.some((s) => s.endsWith("→ Oda Brisk")),
    cut.join("; "),
  );
  // The extractor may take only one of two joined names; the resolver handles the joined source itself.
  const text = "Sens. Oda Brisk (D-Wend.) and Piet Lorne (R-Ask.) said the vote was close.";
  const doc = runPipeline(new Doc(text), [tokenizer, sentencizer]);
  const cue = text.indexOf("said");
  doc.attributions = [
    {
      source: { start: 0, end: cue - 1 },
      cue: { start: cue, end: cue + 4 },
      content: [{ start: cue + 5, end: text.length - 1 }],
      kind: "indirect",
      speaker: null,
    },
  ];
  resolveSpeakers(doc);
  const pair = doc.attributions[0].speaker;
  assert.deepEqual([pair?.name, pair?.kind], ["Oda Brisk and Piet Lorne", "group"]);
});

test("a description with the name in apposition speaks as the named person", () => {
  const text =
    'A ministry spokeswoman, Dalia Renner, told reporters that "nothing has changed."\n\n' +
    "Renner declined to say whether the office had asked for the statement.";
  const doc = analyze(text);
  const speakers = doc.attributions.map((a) => a.speaker?.name);
  assert.equal(speakers[0], "Dalia Renner");
  // The later "Renner" is the same person; the office she was asked about is someone else.
  const renner = doc.attributions.filter(
    (a) => a.source && text.slice(a.source.start, a.source.end) === "Renner",
  );
  assert.equal(renner.length, 1, speakers.join(", "));
  assert.equal(renner[0].speaker?.name, "Dalia Renner");
});

test("a description with a party word never lands on a person of the other party", () => {
  const text =
    "Sen. Ana Ruiz (D-Ore.) and Sen. Tom Beck (R-Ida.) debated the harbor bill on Monday.\n\n" +
    "The Republican senator said the bill would raise port fees.\n\n" +
    "The Democratic senator said the fees would stay flat.";
  assert.equal(speakerOf(text, "raise port fees")?.name, "Tom Beck");
  assert.equal(speakerOf(text, "stay flat")?.name, "Ana Ruiz");
});

test("a description of unknown role is not pinned on one of two people it could be", () => {
  const text =
    "Anna Quill met Jo Bell at the harbor on Monday.\n\nThe minister said the port would reopen within a week.";
  assert.equal(speakerOf(text, "reopen within a week")?.mention, undefined);
  // One person in reach is no evidence either: the description stays unresolved.
  const one = "It was a long week for Jo Bell.\n\nThe minister said the port would reopen within a week.";
  assert.equal(speakerOf(one, "reopen within a week")?.mention, undefined);
});

test('a role before "of" heads a description: "the former secretary of state" finds its holder', () => {
  const text =
    "Former Secretary of State Mara Quill toured the harbor in the morning. Mayor Jo Bell joined her later.\n\n" +
    "The former secretary of state said the port would reopen within a week.\n\n" +
    "Director of Harbor Safety Ines Roe said the cranes were safe.";
  assert.equal(speakerOf(text, "reopen within a week")?.name, "Mara Quill");
  assert.equal(speakerOf(text, "cranes were safe")?.name, "Ines Roe", "a capitalised title stays a title");
});

test("an organisation named once is 'the guild' and 'they' later; plural noun phrases are no person", () => {
  const text =
    "The Brenmoor Ferrymen's Guild said on Monday that it would strike in June.\n\n" +
    "The guild wants a written guarantee on pay.\n\n" +
    "Guild officials said they had written to the minister. They said no reply had come.\n\n" +
    "Harbor employers warned that a strike would hurt the town.";
  assert.equal(speakerOf(text, "written guarantee")?.name, "Brenmoor Ferrymen's Guild");
  assert.equal(speakerOf(text, "no reply had come")?.name, "Brenmoor Ferrymen's Guild");
  const employers = speakerOf(text, "hurt the town");
  assert.notEqual(employers?.kind, "person", JSON.stringify(employers));
});

test('"which" as a source refers to an organisation, never to a person', () => {
  const text = "Mayor Ada Quill wrote to the Harbor Authority, which said the fees would rise in May.";
  const doc = analyze(text);
  const which = doc.attributions.find((a) => a.source && doc.slice(a.source) === "which");
  assert.ok(which, doc.attributions.map((a) => a.source && doc.slice(a.source)).join(", "));
  assert.equal(which.speaker?.name, "Harbor Authority");
  // "which" is the report, not the person who wrote it.
  const report =
    "Reporters read a new study by Sen. John Quill (D-Ore.), which said the fees would rise in June.";
  const byReport = analyze(report).attributions.find(
    (a) => a.source && report.slice(a.source.start, a.source.end) === "which",
  );
  assert.ok(byReport, "the report's statement is extracted");
  assert.notEqual(byReport.speaker?.name, "John Quill");
});

test("the people of a joint source stay known on their own to later descriptions", () => {
  const text =
    "Sen. Ana Ruiz (D-Ore.) and Sen. Tom Beck (R-Ida.) said the harbor bill was overdue.\n\n" +
    "The Republican senator said the bill would raise port fees.";
  assert.equal(speakerOf(text, "was overdue")?.name, "Ana Ruiz and Tom Beck");
  assert.equal(speakerOf(text, "raise port fees")?.name, "Tom Beck");
});

test("a description naming a particular office is not pinned on the person just mentioned", () => {
  const text =
    "Mara Quill watched the ships come in on Monday.\n\n" +
    "The Tessaly governor said the harbor would reopen within a week.\n\n" +
    "Jo Bell had a long week. On Friday, the minister said the port fees would stay flat.";
  const governor = speakerOf(text, "reopen within a week");
  assert.notEqual(governor?.name, "Mara Quill");
  // Without a qualifier, but also without a role on record for Jo Bell, it stays unresolved too.
  assert.equal(speakerOf(text, "port fees would stay flat")?.mention, undefined);
});

test("a source cut in the wrong place names no speaker; an intensifier is no part of a name", () => {
  const text =
    "Mayor Ada Quill spoke on condition of anonymity. A critic who opposes the plan spoke too.\n\n" +
    "Quill herself said the plan was sound.";
  const doc = runPipeline(new Doc(text), [tokenizer, sentencizer]);
  const at = (phrase: string): Span => {
    const start = text.indexOf(phrase);
    return { start, end: start + phrase.length };
  };
  const attribution = (source: string) => ({
    source: at(source),
    cue: at("said"),
    content: [at("the plan was sound")],
    kind: "indirect" as const,
    speaker: null,
  });
  doc.attributions = [
    attribution("of anonymity"),
    attribution("who opposes the"),
    attribution("Quill herself"),
  ];
  resolveSpeakers(doc);
  assert.deepEqual(
    doc.attributions.map((a) => a.speaker?.name ?? null),
    [null, null, "Ada Quill"],
  );
});

test("a capitalised name ending in a document noun is a publication, not the last speaker's statement", () => {
  const text =
    "Mayor Ada Quill said the harbor would reopen in May.\n\nThe statement said the cranes had been repaired.\n\n" +
    "The Harbor Post reported that the work was late.";
  assert.equal(speakerOf(text, "work was late")?.name, "Harbor Post");
  assert.equal(speakerOf(text, "cranes had been repaired")?.name, "Ada Quill");
});

/**
 * Speakers for sources given by hand (phrases found left to right in `text`), so that these tests
 * exercise the resolver alone, whatever the extractor would pick as the source. "Later, |Patriot" is
 * the source "Patriot" where it follows "Later, ".
 */
function resolveSources(text: string, phrases: string[]): (Speaker | null)[] {
  const doc = runPipeline(new Doc(text), [tokenizer, sentencizer]);
  let from = 0;
  doc.attributions = phrases.map((phrase) => {
    const [context, source] = phrase.includes("|") ? phrase.split("|") : ["", phrase];
    const found = text.indexOf(context + source, from);
    assert.ok(found >= 0, `"${phrase}" not found after ${from}`);
    const start = found + context.length;
    from = start + source.length;
    return { source: { start, end: from }, cue: null, content: [], kind: "indirect" as const, speaker: null };
  });
  resolveSpeakers(doc);
  return doc.attributions.map((a) => a.speaker);
}

const nameAndKind = (s: Speaker | null) => (s ? `${s.name} (${s.kind})` : null);

test("words before a name that qualify it are cut off: outlets, teams, possessors, roles, countries", () => {
  const cases: [string, string][] = [
    ["Wexford DL Tobin Arkwright", "Tobin Arkwright"],
    ["ZNN Sports NFL Insider Jason Pell", "Jason Pell"],
    ["Orbis’s Administrator Dana Kell", "Dana Kell"],
    ["Britain Wu Lianhe", "Wu Lianhe"],
    ["veteran industry analyst Ken Marl", "Ken Marl"],
    ["Palestinian chief negotiator Sami Odeh", "Sami Odeh"],
    ["Sacramento-based Holloway", "Holloway"],
    ["James Van Der Pol", "James Van Der Pol"],
  ];
  for (const [written, key] of cases) assert.equal(canonicalName(written), key, written);
  assert.deepEqual(parseName("Orbis’s Administrator Dana Kell").roles, ["Orbis’s Administrator"]);
  // A lone acronym before a two-word name may be a given name ("JR Tobin"); a country that is also a
  // given name stays too.
  assert.equal(canonicalName("JR Tobin"), "JR Tobin");
  assert.equal(canonicalName("Jordan Pell Arkwright"), "Jordan Arkwright");
});

test("a run with no name in it gives no name: a dropped name after a title, a work's title, two names", () => {
  const governor = parseName("Kestrel Gov. (R)");
  assert.equal(governor.last, undefined);
  assert.equal(governor.party, "R");
  assert.deepEqual(governor.roles, ["Kestrel Gov."]);
  assert.equal(parseName("Web of Angels").last, undefined);
  assert.equal(parseName("Tova Volk and Ida Marren").last, undefined);
  assert.equal(parseName("Howard Dean").last, "Dean");
});

test("a lone unknown word that the article calls 'it' is an organisation; one without is a person", () => {
  const text =
    "Kestrel says it will open a plant in Tessary next year. Kestrel also said its sales rose. " +
    "ORBA said the tariff would hurt exporters. Norway said the talks would resume. " +
    "The Harrow Gazette reported that the mayor had resigned. Fenwick said on Friday that the quota was final.";
  assert.deepEqual(
    resolveSources(text, ["Kestrel", "Kestrel", "ORBA", "Norway", "The Harrow Gazette", "Fenwick"]).map(
      nameAndKind,
    ),
    [
      "Kestrel (organization)",
      "Kestrel (organization)",
      "ORBA (organization)",
      "Norway (organization)",
      "Harrow Gazette (organization)",
      "Fenwick (person)",
    ],
  );
});

test("a surname in a headline's capitalised run keeps a bare surname a person", () => {
  const text =
    "Mary Volk Takes On Anna Marren In Harbor Fight\n\n" +
    "Volk aides said they would not comment. Volk said the port deal was dead and its backers had lost.";
  const [, volk] = resolveSources(text, ["Volk aides", "Volk"]);
  // The headline names her in full, and its given name marks the run's first two words as her name.
  assert.equal(nameAndKind(volk), "Mary Volk (person)");
});

test("a lowercase role before a name, a time phrase after it and trailing adverbs are cut off", () => {
  const text =
    "Tam Orrin runs the airline. Orrin in October revealed plans to grow. " +
    "Vanderbilt athletic director Malcolm Tarrow said the coach had his support. " +
    "He instead told the panel the coach was fine. Aria Lund lost the final. " +
    "The coach said the 14th-ranked Lund played well. Ina Vey, the judge, said it was over. Vey still says so.";
  const speakers = resolveSources(text, [
    "Orrin in October",
    "athletic director Malcolm Tarrow",
    "He instead",
    "the 14th-ranked Lund",
    "Vey still",
  ]);
  assert.deepEqual(
    speakers.map((s) => s?.name ?? null),
    ["Tam Orrin", "Malcolm Tarrow", "Malcolm Tarrow", "Aria Lund", "Ina Vey"],
  );
});

test("a lone given name after a full name is that person; a company taken for a name absorbs nothing", () => {
  const text =
    "Wu Lianhe, the envoy, said the port would stay open. Wu said the ships would sail. " +
    "Elsa Marrow said she was pleased. Elsa said the vote was fair. " +
    "The plan belonged to Patriot Coal. Patriot said nothing.";
  const speakers = resolveSources(text, ["Wu Lianhe", "Wu", "Elsa Marrow", "Elsa", "Coal. |Patriot"]);
  assert.deepEqual(
    speakers.map((s) => s?.name ?? null),
    ["Wu Lianhe", "Wu Lianhe", "Elsa Marrow", "Elsa Marrow", "Patriot"],
  );
});

test("two names joined by 'and' are a pair, surnames alone too, never one person", () => {
  const text =
    "Tova Volk and Ida Marren met on Monday. Volk and Marren said the deal was done. " +
    "Norway and Chile said the treaty stood. Harbour and Fisheries Minister Orla Fenwick said no.";
  const speakers = resolveSources(text, [
    "Volk and Marren",
    "Norway and Chile",
    "Harbour and Fisheries Minister Orla Fenwick",
  ]);
  assert.deepEqual(speakers.map(nameAndKind), [
    "Tova Volk and Ida Marren (group)",
    "Norway and Chile (group)",
    "Orla Fenwick (person)",
  ]);
});

test("labels, contracted pronouns and place words name no one, or the right one", () => {
  const text =
    "Note: prices may change. Q: What comes next? We’ve asked the mayor. " +
    "Port Ellery Polytechnic University closed. Many in Port Ellery fear the worst. " +
    "One legal expert, as reported by the Ledger newspaper, said the deal was void. " +
    "The harbour lawyers said the case was weak. Lena Judge chairs the board. Ms. Judge said the board agreed.";
  const speakers = resolveSources(text, [
    "Note",
    "Q",
    "We’ve",
    "Many in Port Ellery",
    "One legal expert, as reported by the Ledger newspaper",
    "The harbour lawyers",
    "Ms. Judge",
  ]);
  assert.deepEqual(speakers.map(nameAndKind), [
    null,
    null,
    null,
    "Many in Port Ellery (group)",
    "One legal expert (person)",
    "harbour lawyers (group)",
    "Lena Judge (person)",
  ]);
});

test("people described by the body they belong to are a group, not the body", () => {
  const text =
    "Officials at the Harbour Ministry said the quay would reopen. " +
    "Ministers in the governing Harbour Union said the quota stood.";
  assert.deepEqual(
    resolveSources(text, [
      "Officials at the Harbour Ministry",
      "Ministers in the governing Harbour Union",
    ]).map(nameAndKind),
    ["Officials at the Harbour Ministry (group)", "Ministers in the governing Harbour Union (group)"],
  );
});
