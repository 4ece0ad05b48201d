import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import type { Span, Speaker } from "../src/nlp/doc.ts";
import { GazetteerError, readGazetteer } from "../src/record/gazetteer.ts";
import { openStore } from "../src/record/open-store.ts";
import { lookupSpeaker } from "../src/record/speaker-lookup.ts";
import type { ProcessedArticle, ProcessedStatement } from "../src/record/types.ts";
import { runCli } from "./cli-helper.ts";

// Every person, party, place and identifier below is invented for these tests (the QIDs are in a range
// Wikidata has not reached).

const dir = mkdtempSync(path.join(tmpdir(), "onrecord-registry-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
const freshDb = () => path.join(dir, `r${counter++}.db`);

function file(name: string, text: string): string {
  const where = path.join(dir, `${counter++}-${name}`);
  writeFileSync(where, text);
  return where;
}

/** The congress-legislators format: a list of people with name, id.wikidata and terms. */
const LEGISLATORS_YAML = `- id:
    bioguide: Z000001
    wikidata: Q999000001
  name:
    first: Theodora
    middle: Ann
    last: Quarrel
    nickname: Teddy
    official_full: Theodora A. Quarrel
  terms:
  - type: rep
    start: '2009-01-06'
    end: '2015-01-03'
    state: ZZ
    district: 2
    party: Democrat
  - type: sen
    start: '2015-01-03'
    end: '2021-01-03'
    state: ZZ
    party: Republican
- id:
    bioguide: Z000002
  name:
    first: Nobody
  terms:
  - type: rep
    start: '2011-01-05'
- id:
    bioguide: Z000003
    wikidata: Q999000003
  name:
    first: Lucan
    last: Ferrow
  terms:
  - type: rep
    start: '2013-01-03'
    end: '2027-01-03'
    state: YY
    party: Republican
`;

/** A fictional stored article: text and statements with the speaker names given (no extraction). */
function article(
  id: string,
  text: string,
  published: string,
  quotes: { speaker: Partial<Speaker> & { name: string }; source: string; content: string }[],
): ProcessedArticle {
  const find = (needle: string): Span => {
    const start = text.indexOf(needle);
    assert.ok(start >= 0, `fixture text lacks ${needle}`);
    return { start, end: start + needle.length };
  };
  const statements = quotes.map((quote): ProcessedStatement => {
    const source = find(quote.source);
    const content = [find(quote.content)];
    return {
      source,
      cue: null,
      content,
      rawSource: source,
      rawCue: null,
      rawContent: content,
      contentText: quote.content,
      kind: "direct",
      confidence: 0.9,
      speaker: { kind: "person", resolution: "name", ...quote.speaker },
      context: { start: 0, end: text.length },
      topics: [],
    };
  });
  return {
    id,
    origin: `${id}.txt`,
    format: "text",
    language: "eng",
    published,
    rawText: text,
    text,
    offsetMap: null,
    statements,
    people: [],
    topics: [],
  };
}

/** An article where `name` says one thing, written as `source`. */
function says(id: string, name: string, published: string, source = name, kind: Speaker["kind"] = "person") {
  const text = `${source} said "the harbour stays open ${id}."`;
  return article(id, text, published, [
    { speaker: { name, kind }, source, content: `the harbour stays open ${id}.` },
  ]);
}

function dump(db: string): string {
  const sqlite = new Database(db, { readonly: true });
  try {
    return JSON.stringify(
      ["persons", "aliases", "person_terms", "person_links", "statements"].map((table) =>
        sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all(),
      ),
    );
  } finally {
    sqlite.close();
  }
}

test("people import: a congress-legislators YAML file gives names, aliases, QID and dated terms", async () => {
  const yaml = file("legislators.yaml", LEGISLATORS_YAML);
  const gazetteer = readGazetteer(yaml);
  assert.deepEqual(
    gazetteer.people.map((p) => [p.name, p.qid]),
    [
      ["Teddy Quarrel", "Q999000001"],
      ["Lucan Ferrow", "Q999000003"],
    ],
  );
  // The bad entry is named by file, entry number and line; the others are kept.
  assert.equal(gazetteer.problems.length, 1);
  assert.match(gazetteer.problems[0].where, /legislators\.yaml: entry 2 \(line 22\)/);
  assert.match(gazetteer.problems[0].message, /name\.first and name\.last/);

  const store = await openStore(freshDb(), { create: true });
  const report = await store.importGazetteer(gazetteer);
  assert.equal(report.added, 2);
  // A speaker written with the official name joins the known person; so does one with the nickname.
  await store.addArticle(says("a1", "Theodora A. Quarrel", "2012-05-01", "Rep. Theodora A. Quarrel (D-Zz.)"));
  await store.addArticle(says("a2", "Teddy Quarrel", "2016-05-01", "Sen. Teddy Quarrel (R-Zz.)"));
  const teddy = await store.person("Theodora Quarrel");
  assert.ok(teddy);
  assert.equal(teddy.name, "Teddy Quarrel");
  assert.equal(teddy.qid, "Q999000001");
  assert.equal(teddy.statementCount, 2);
  assert.ok(teddy.aliases.includes("Theodora Ann Quarrel"), teddy.aliases.join("; "));
  assert.ok(teddy.aliases.includes("Theodora A. Quarrel"));
  // Office and party as of each statement's date.
  const [in2012, in2016] = teddy.statements;
  assert.deepEqual([in2012.speakerTerm?.role, in2012.speakerTerm?.party], ["representative", "Democrat"]);
  assert.deepEqual([in2016.speakerTerm?.role, in2016.speakerTerm?.party], ["senator", "Republican"]);
  assert.deepEqual(
    (await store.statements({ speaker: "Teddy Quarrel" })).map((s) => s.speakerTerm?.role),
    ["representative", "senator"],
  );
  // The QID is shown in `people` (and its JSON); people known only from the gazetteer are not listed.
  assert.deepEqual(
    (await store.people()).map((p) => [p.name, p.qid, p.statements]),
    [["Teddy Quarrel", "Q999000001", 2]],
  );
  await store.close();
});

test("people import is idempotent, and the registry works without a gazetteer", async () => {
  const db = freshDb();
  const yaml = file("legislators.yaml", LEGISLATORS_YAML);
  const first = runCli(dir, ["people", "import", yaml, "--db", db]);
  assert.equal(first.code, 1, "a skipped entry makes the exit code 1");
  assert.match(first.stdout, /2 added/);
  assert.match(first.stderr, /entry 2 \(line 22\): no name\.first and name\.last/);
  const store = await openStore(db, { create: true });
  await store.addArticle(says("b1", "Lucan Ferrow", "2016-02-01"));
  await store.close();
  const before = dump(db);
  const again = runCli(dir, ["people", "import", yaml, "--db", db]);
  assert.match(again.stdout, /0 added, 0 updated, 2 unchanged/);
  assert.equal(dump(db), before, "importing twice changes nothing");
  const people = runCli(dir, ["people", "--db", db]);
  assert.match(people.stdout, /^Lucan Ferrow\s+1\s+2016-02-01 … 2016-02-01\s+Q999000003/m);

  const plain = await openStore(freshDb(), { create: true });
  await plain.addArticle(says("b2", "Lucan Ferrow", "2016-02-01"));
  await plain.addArticle(says("b3", "Ferrow", "2016-02-03"));
  assert.deepEqual(
    (await plain.people()).map((p) => [p.name, p.qid, p.statements]),
    [["Lucan Ferrow", null, 2]],
  );
  await plain.close();
});

test("people import: a CSV with one row per term; bad rows and bad files are named", async () => {
  const csv = file(
    "known.csv",
    [
      "name,aliases,qid,party,role,from,to",
      "Mira Solberg,M. Solberg;Mira J. Solberg,Q999000010,Tidewater,mayor,2010-01-01,2017-12-31",
      "Mira Solberg,,Q999000010,Northland,governor,2018-01-01,",
      "",
      "Jonas Eld,,,Tidewater,councillor,in 2014,",
      "Pell Ostrander,,,,,,",
    ].join("\n"),
  );
  const gazetteer = readGazetteer(csv);
  assert.equal(gazetteer.problems.length, 1);
  assert.match(gazetteer.problems[0].where, /known\.csv:5$/);
  assert.equal(gazetteer.problems[0].message, 'from is not a YYYY-MM-DD date: "in 2014"');
  const store = await openStore(freshDb(), { create: true });
  await store.importGazetteer(gazetteer);
  await store.addArticle(says("c1", "Mira J. Solberg", "2016-03-01"));
  await store.addArticle(says("c2", "Mira Solberg", "2019-03-01"));
  const mira = await store.person("Mira Solberg");
  assert.equal(mira?.qid, "Q999000010");
  assert.deepEqual(
    mira?.statements.map((s) => [s.speakerTerm?.role, s.speakerTerm?.party]),
    [
      ["mayor", "Tidewater"],
      ["governor", "Northland"],
    ],
  );
  await store.close();

  assert.throws(
    () => readGazetteer(file("broken.yaml", "- name: [unclosed\n")),
    (error: unknown) => {
      assert.ok(error instanceof GazetteerError);
      assert.match(error.message, /broken\.yaml:\d+: not valid YAML/);
      return true;
    },
  );
  assert.throws(() => readGazetteer(file("map.yaml", "name: x\n")), /map\.yaml: expected a list of people/);
  assert.throws(() => readGazetteer(file("people.txt", "x")), /people\.txt: unknown gazetteer format/);
  assert.throws(() => readGazetteer(file("nohead.csv", "a,b\n")), /nohead\.csv:1: expected a header/);
  const cli = runCli(dir, ["people", "import", path.join(dir, "missing.yaml"), "--db", freshDb()]);
  assert.equal(cli.code, 2);
  assert.match(cli.stderr, /missing\.yaml: cannot read/);
});

test("a bare surname joins the full name its article writes, nearest before it", async () => {
  const store = await openStore(freshDb(), { create: true });
  // Two Bracks quoted in the same weeks: across the record "Brack" alone is ambiguous.
  await store.addArticle(says("d1", "Hollis Brack", "2016-01-01"));
  await store.addArticle(says("d2", "Wynne Brack", "2016-01-02"));
  const text = 'Wynne Brack spoke first. Later Hollis Brack arrived. Brack said "the port is sold."';
  await store.addArticle(
    article("d3", text, "2016-01-03", [
      { speaker: { name: "Brack" }, source: "Brack said", content: "the port is sold." },
    ]),
  );
  assert.equal((await store.person("Hollis Brack"))?.statementCount, 2, "the nearest full name before it");
  const other = 'Hollis Brack was absent. Wynne Brack said nothing new. Brack said "the port is not sold."';
  await store.addArticle(
    article("d4", other, "2016-01-04", [
      { speaker: { name: "Brack" }, source: "Brack said", content: "the port is not sold." },
    ]),
  );
  assert.equal((await store.person("Wynne Brack"))?.statementCount, 2);
  // A one-word organisation named like the surname the article writes in full is that person.
  const org = 'Wynne Brack was in town. Brack said "we will appeal."';
  await store.addArticle(
    article("d5", org, "2016-01-05", [
      { speaker: { name: "Brack", kind: "organization" }, source: "Brack said", content: "we will appeal." },
    ]),
  );
  assert.equal((await store.person("Wynne Brack"))?.statementCount, 3);
  // No full name in the article and two plausible people: it stays apart, and the lookup refuses it.
  await store.addArticle(says("d6", "Brack", "2016-01-06"));
  assert.equal((await store.people()).find((p) => p.name === "Brack")?.statements, 1);
  assert.ok("ambiguous" in (await store.lookupSpeaker("Brack")));
  assert.equal((await store.people()).filter((p) => p.kind === "organization").length, 0);
  await store.close();
});

test("a bare surname goes to the one plausible person at its date; relatives stay apart", async () => {
  const store = await openStore(freshDb(), { create: true });
  for (let i = 0; i < 25; i++)
    await store.addArticle(says(`e${i}`, "Dorran Vale", `2016-02-${String(1 + i).padStart(2, "0")}`));
  await store.addArticle(says("e-son", "Pim Vale", "2016-02-10"));
  await store.addArticle(says("e-bare", "Vale", "2016-03-01"));
  const dorran = await store.person("Dorran Vale");
  assert.equal(dorran?.statementCount, 26);
  assert.ok((await store.personLinks("Dorran Vale")).some((l) => l.rule.includes("one plausible person")));
  assert.equal((await store.person("Pim Vale"))?.statementCount, 1, "the son is not merged into his father");
  // Years later only the son is quoted: "Vale" is then the son.
  await store.addArticle(says("e-later", "Pim Vale", "2024-06-01"));
  await store.addArticle(says("e-later-bare", "Vale", "2024-06-02"));
  assert.equal((await store.person("Pim Vale"))?.statementCount, 3);
  await store.close();
});

test("settling after a batch moves a bare surname kept apart once one person clearly dominates", async () => {
  const store = await openStore(freshDb(), { create: true });
  await store.addArticle(says("f1", "Ansel Thorne", "2016-04-01"));
  await store.addArticle(says("f2", "Berit Thorne", "2016-04-02"));
  await store.addArticle(says("f3", "Thorne", "2016-04-03"));
  assert.equal((await store.people()).find((p) => p.name === "Thorne")?.statements, 1, "ambiguous at first");
  for (let i = 0; i < 30; i++)
    await store.addArticle(
      says(`f-more-${i}`, "Ansel Thorne", `2016-04-${String(4 + (i % 25)).padStart(2, "0")}`),
    );
  const report = await store.settleSurnames();
  assert.equal(report.moved, 1);
  assert.deepEqual(report.settled, ["Thorne → Ansel Thorne"]);
  assert.equal((await store.person("Ansel Thorne"))?.statementCount, 32);
  assert.equal((await store.person("Berit Thorne"))?.statementCount, 1);
  await store.close();
});

test("a headline word glued to a surname is read as the bare surname, a given name is not", async () => {
  const store = await openStore(freshDb(), { create: true });
  for (let i = 0; i < 3; i++) await store.addArticle(says(`h${i}`, "Helen Thorne", `2016-06-0${i + 1}`));
  const text = 'Does Thorne back the plan? He does. Does Thorne said "the plan is sound."';
  await store.addArticle(
    article("h-glued", text, "2016-06-05", [
      { speaker: { name: "Does Thorne" }, source: "Does Thorne said", content: "the plan is sound." },
    ]),
  );
  assert.equal((await store.person("Helen Thorne"))?.statementCount, 4);
  // "Brisk" is written in lower case here too, but "Brisk Thorne" already names someone: left alone.
  await store.addArticle(says("h-real", "Brisk Thorne", "2016-06-06"));
  const brisk = 'The pace was brisk. Brisk Thorne said "the plan is late."';
  await store.addArticle(
    article("h-real-2", brisk, "2016-06-07", [
      { speaker: { name: "Brisk Thorne" }, source: "Brisk Thorne said", content: "the plan is late." },
    ]),
  );
  assert.equal((await store.person("Brisk Thorne"))?.statementCount, 2);
  // Nor into another fragment without a known given name.
  await store.addArticle(says("h-school", "Harvard School", "2016-06-08"));
  const school = 'A new plan. New School said "we agree."';
  await store.addArticle(
    article("h-school-2", school, "2016-06-09", [
      { speaker: { name: "New School" }, source: "New School said", content: "we agree." },
    ]),
  );
  assert.equal((await store.person("Harvard School"))?.statementCount, 1);
  // Nor into someone quoted in one article only (a fragment with a given name: "Rush Explains").
  await store.addArticle(says("h-once", "Helen Marr", "2016-06-10"));
  const once = 'The final word. Final Marr said "we disagree."';
  await store.addArticle(
    article("h-once-2", once, "2016-06-11", [
      { speaker: { name: "Final Marr" }, source: "Final Marr said", content: "we disagree." },
    ]),
  );
  assert.equal((await store.person("Helen Marr"))?.statementCount, 1);
  await store.close();
});

test("--speaker: one rule for every command; an ambiguous name lists the candidates and exits 2", async () => {
  const db = freshDb();
  const store = await openStore(db, { create: true });
  await store.addArticle(says("g1", "Orrin Kestrel", "2016-05-01"));
  await store.addArticle(says("g2", "Orrin Kestrel", "2016-05-02"));
  await store.addArticle(says("g3", "Sable Kestrel", "2016-05-03"));
  await store.addArticle(says("g4", "Kestrel", "2016-05-04"));
  await store.addArticle(says("g5", "Ivo Marsh", "2016-05-05"));
  const sable = await store.person("Sable Kestrel");
  await store.close();
  for (const command of [
    ["timeline"],
    ["mixed"],
    ["statements"],
    ["topics"],
    ["digest", "--about", "harbour"],
  ]) {
    const run = runCli(dir, [...command, "--speaker", "Kestrel", "--db", db]);
    assert.equal(run.code, 2, `${command[0]}: ${run.stderr}`);
    assert.match(run.stderr, /"Kestrel" names 3 people/);
    assert.match(run.stderr, /Orrin Kestrel\s+id\s+\d+\s+2 statements/);
    assert.match(run.stderr, /Sable Kestrel\s+id\s+\d+\s+1 statements/);
    assert.equal(run.stdout, "");
  }
  const person = runCli(dir, ["person", "Kestrel", "--db", db]);
  assert.equal(person.code, 2);
  // A full name, an id and a unique surname each find one person, the same way in every command.
  const byName = JSON.parse(
    runCli(dir, ["statements", "--speaker", "orrin kestrel", "--json", "--db", db]).stdout,
  );
  assert.equal(byName.length, 2);
  const sableId = String(lookupId(db, "Sable Kestrel"));
  const byId = JSON.parse(runCli(dir, ["timeline", "--speaker", sableId, "--json", "--db", db]).stdout);
  assert.equal(byId.length, sable?.statementCount);
  const bySurname = JSON.parse(
    runCli(dir, ["statements", "--speaker", "Marsh", "--json", "--db", db]).stdout,
  );
  assert.deepEqual(
    bySurname.map((s: { speaker: string }) => s.speaker),
    ["Ivo Marsh"],
  );
  const nobody = runCli(dir, ["timeline", "--speaker", "Nobody Atall", "--db", db]);
  assert.equal(nobody.code, 2);
  assert.match(nobody.stderr, /no speaker named "Nobody Atall"/);
});

function lookupId(db: string, name: string): number {
  const sqlite = new Database(db, { readonly: true });
  try {
    const found = lookupSpeaker(sqlite, name);
    assert.ok("found" in found);
    return found.found.id;
  } finally {
    sqlite.close();
  }
}
