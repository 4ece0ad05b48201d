import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { cleanText } from "../src/clean/clean.ts";
import { processArticle } from "../src/process.ts";
import { MIGRATIONS, migrate } from "../src/record/migrations.ts";
import { openStore } from "../src/record/open-store.ts";
import { loadOverrides, parseOverrides } from "../src/record/overrides.ts";
import { sharedData } from "./shared-data.ts";

// Every name and sentence below is invented for these tests.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "bin", "onrecord.js");
const seed = sharedData("seed");
const seedDir = seed.path;

function article(text: string, published: string) {
  return processArticle({ origin: `test-${published}-${text.length}`, format: "text", text, published });
}

function freshDb(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), "onrecord-identity-")), "record.db");
}

const FENWICK_FULL = article(
  "Harbour and Fisheries Minister Orla Fenwick said the quota would stay. Fenwick said the fleet agreed.",
  "2026-04-01",
);
const FENWICK_BARE = article("Fenwick said on Friday that the quota was final.", "2026-04-03");
const VASK_BOTH = article(
  "Sen. Irmeli Vask (D-Wend.) said the port was not for sale. " +
    "The march was led by Teodor Vask, head of the Lantern Union, who said a strike was possible.",
  "2026-04-02",
);
const VASK_BARE = article("Vask said the vote would be close.", "2026-04-04");
const CLARO = article(
  "Beatrix Claro said the budget was sound. Osric Claro said the budget was a fraud. " +
    "Osric Claro Jr. said he agreed with his father.",
  "2026-04-05",
);

test("across articles: a bare surname joins the one known person with that surname", async () => {
  const store = await openStore(freshDb(), { create: true });
  await store.addArticle(FENWICK_FULL);
  await store.addArticle(FENWICK_BARE);
  const fenwick = await store.person("Fenwick");
  assert.equal(fenwick?.name, "Orla Fenwick");
  assert.equal(fenwick?.statementCount, 3);
  assert.ok(fenwick?.roles.some((r) => r.role === "Harbour and Fisheries Minister"));
  const why = await store.personLinks("Orla Fenwick");
  const bare = why.find((link) => link.name === "Fenwick" && link.rule.startsWith("surname only"));
  assert.ok(bare, JSON.stringify(why));
  assert.equal(bare.articleId, FENWICK_BARE.id);
  assert.ok(bare.span, "the evidence carries the source span");
  await store.close();
});

test("a bare surname seen first is merged into the full name when it arrives", async () => {
  const store = await openStore(freshDb(), { create: true });
  await store.addArticle(FENWICK_BARE);
  await store.addArticle(FENWICK_FULL);
  assert.deepEqual(
    (await store.people()).map((p) => [p.name, p.statements]),
    [["Orla Fenwick", 3]],
  );
  assert.ok(
    (await store.personLinks("Orla Fenwick")).some((l) => l.rule.includes("surname-only person merged")),
  );
  await store.close();
});

test("a surname shared by two people stays apart; different given names and suffixes never merge", async () => {
  const store = await openStore(freshDb(), { create: true });
  await store.addArticle(VASK_BOTH);
  await store.addArticle(VASK_BARE);
  await store.addArticle(CLARO);
  const names = (await store.people()).map((p) => p.name).sort();
  assert.ok(names.includes("Irmeli Vask") && names.includes("Teodor Vask"), names.join("; "));
  assert.ok(names.includes("Vask"), "the ambiguous bare surname is its own entry");
  assert.ok((await store.personLinks("Vask")).some((l) => l.rule === "ambiguous surname kept apart"));
  for (const name of ["Beatrix Claro", "Osric Claro", "Osric Claro Jr."])
    assert.ok(names.includes(name), name);
  await store.close();
});

test("overrides: bad files are rejected with the reason", () => {
  assert.throws(() => parseOverrides([]), /JSON object/);
  assert.throws(() => parseOverrides({ merge: [{ into: "A" }] }), /merge\[0\] needs "names"/);
  assert.throws(
    () => parseOverrides({ rename: [{ from: "", to: "B" }] }),
    /rename\[0\] needs a non-empty "from"/,
  );
  assert.deepEqual(parseOverrides({}), { merge: [], split: [], rename: [] });
  const file = path.join(path.dirname(freshDb()), "bad.json");
  writeFileSync(file, "{ not json");
  assert.throws(() => loadOverrides(file), /cannot read overrides/);
});

test("overrides at ingest and applied to an existing record re-link statements without losing any", async () => {
  const db = freshDb();
  const store = await openStore(db, { create: true });
  for (const a of [VASK_BOTH, VASK_BARE, CLARO]) await store.addArticle(a);
  const before = (await store.stats()).statements;
  const overrides = parseOverrides({
    merge: [{ into: "Teodor Vask", names: ["Vask"] }],
    split: [{ alias: "Osric Claro Jr.", from: "Osric Claro Jr.", to: "Osric Claro the Younger" }],
    rename: [{ from: "Irmeli Vask", to: "Irmeli Vask-Ormond" }],
  });
  const report = await store.applyOverrides(overrides);
  assert.equal((await store.stats()).statements, before, "no statement is lost");
  assert.ok(report.statementsMoved >= 2, JSON.stringify(report));
  assert.equal((await store.person("Vask"))?.name, "Teodor Vask");
  assert.equal(
    (await store.person("Irmeli Vask"))?.name,
    "Irmeli Vask-Ormond",
    "the old name stays an alias",
  );
  assert.equal((await store.person("Osric Claro the Younger"))?.statementCount, 1);
  assert.ok((await store.personLinks("Teodor Vask")).some((l) => l.rule === "manual override: merge"));
  // Statement search sees the new names.
  assert.equal((await store.statements({ speaker: "Irmeli Vask-Ormond" })).length, 1);
  // The next ingest honours the same overrides: a new bare "Vask" goes to Teodor.
  await store.addArticle(article("Vask said the union would wait.", "2026-04-09"));
  assert.equal((await store.person("Teodor Vask"))?.statementCount, 3);
  await store.close();
});

test("the overrides file next to the database is used at ingest", async () => {
  const db = freshDb();
  writeFileSync(
    path.join(path.dirname(db), "onrecord.overrides.json"),
    JSON.stringify({ rename: [{ from: "Orla Fenwick", to: "Orla M. Fenwick" }] }),
  );
  const store = await openStore(db, { create: true });
  await store.addArticle(FENWICK_FULL);
  assert.equal((await store.people())[0]?.name, "Orla M. Fenwick");
  await store.close();
});

test("CLI: person --why and people --apply-overrides", () => {
  const db = freshDb();
  const dir = path.dirname(db);
  const input = path.join(dir, "articles");
  spawnSync("mkdir", ["-p", input]);
  writeFileSync(
    path.join(input, "a.txt"),
    `${"Title: Quota\nOutlet: The Test Post\nDate: 2026-04-01\n\n"}Harbour and Fisheries Minister Orla Fenwick said the quota would stay.\n`,
  );
  writeFileSync(
    path.join(input, "b.txt"),
    `${"Title: Final\nOutlet: The Test Post\nDate: 2026-04-03\n\n"}Fenwick said on Friday that the quota was final.\n`,
  );
  const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
  assert.equal(run(["ingest", input, "--db", db]).status, 0);
  const why = run(["person", "Fenwick", "--why", "--db", db]);
  assert.equal(why.status, 0, why.stderr);
  assert.match(why.stdout, /Orla Fenwick/);
  // Ingest order decides which surname rule linked the bare name; either way it is explained.
  assert.match(why.stdout, /"Fenwick": surname/);
  const overrides = path.join(dir, "fix.json");
  writeFileSync(overrides, JSON.stringify({ rename: [{ from: "Orla Fenwick", to: "Orla Fenwick-Hale" }] }));
  const applied = run(["people", "--apply-overrides", "--overrides", overrides, "--db", db]);
  assert.equal(applied.status, 0, applied.stderr);
  assert.match(applied.stdout, /renamed\s+Orla Fenwick → Orla Fenwick-Hale/);
  const missing = run(["people", "--apply-overrides", "--db", db]);
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /no overrides/);
});

test("cleanText reports hover-card full names at the linked surname in the cleaned text", () => {
  const raw = "Sen. Jane DoeJane (Janie) Q. DoeFirst headline Second headline MORE said the vote was close.";
  const cleaned = cleanText(raw);
  assert.equal(cleaned.text, "Sen. Jane Doe said the vote was close.");
  assert.equal(cleaned.hoverNames?.length, 1);
  const hint = cleaned.hoverNames?.[0];
  assert.equal(hint?.fullName, "Jane (Janie) Q. Doe");
  assert.equal(cleaned.text.slice(hint?.span.start, hint?.span.end), "Doe");
  assert.equal(cleanText("No cards here.").hoverNames, undefined);
});

test("seed article: every statement lands on the right person", {
  skip: seed.skip,
}, () => {
  const file = readdirSync(seedDir).find((f) => f.endsWith(".txt"));
  assert.ok(file);
  const processed = processArticle({
    origin: file,
    format: "text",
    text: readFileSync(path.join(seedDir, file), "utf8"),
  });
  // A pronoun inside the content of Putin's own statement ("Putin told reporters he ...") is Putin.
  const putinContent = processed.statements
    .filter((s) => s.speaker?.name === "Vladimir Putin")
    .flatMap((s) => s.content);
  const bySource = processed.statements.map((s) => ({
    source: s.source ? processed.text.slice(s.source.start, s.source.end) : "",
    speaker: s.speaker?.name ?? null,
    kind: s.speaker?.kind ?? null,
    insidePutinContent: putinContent.some(
      (c) => s.source && c.start <= s.source.start && s.source.end <= c.end,
    ),
  }));
  const speakers = new Set(bySource.map((s) => s.speaker));
  for (const name of ["Donald Trump", "Dan Coats", "White House", "Vladimir Putin"])
    assert.ok(speakers.has(name), name);
  // Trump's statements, including pronoun and description sources, are Donald Trump's.
  for (const s of bySource) {
    if (/^(He|he|The president|President Trump|Trump)$/.test(s.source))
      assert.equal(s.speaker, s.insidePutinContent ? "Vladimir Putin" : "Donald Trump", s.source);
  }
  assert.ok(bySource.some((s) => s.source === "The president"));
  assert.ok(
    bySource.some((s) => s.kind === "group" && /officials/i.test(s.speaker ?? "")),
    "officials as a group",
  );
  const trump = processed.people.find((p) => p.name === "Donald Trump");
  assert.ok(trump?.aliases.includes("Donald John Trump"));
  assert.ok(!trump?.aliases.some((a) => /^(He|The president)$/.test(a)), "aliases are names");
  const coats = processed.people.find((p) => p.name === "Dan Coats");
  assert.ok(coats?.aliases.includes("Daniel (Dan) Ray Coats"));
});

test("a bare surname shared by several people goes to the one whose role matches", async () => {
  const store = await openStore(freshDb(), { create: true });
  await store.addArticle(VASK_BOTH);
  // "Sen. Vask" carries the role Sen., which only Irmeli Vask holds in the record.
  await store.addArticle(article("Sen. Vask said the amendment was ready.", "2026-04-06"));
  assert.equal((await store.person("Irmeli Vask"))?.statementCount, 2);
  assert.ok((await store.personLinks("Irmeli Vask")).some((l) => l.rule.includes("matching role")));
  await store.close();
});

test("migration 5 upgrades a version-4 record: surname keys, in-article names, links", async () => {
  const file = freshDb();
  const db = new Database(file);
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= 4),
  );
  db.prepare(
    "INSERT INTO persons (id, name, name_key, kind) VALUES (1, 'Orla Fenwick', 'orla fenwick', 'person')",
  ).run();
  db.close();
  const store = await openStore(file, { create: true });
  const sql = new Database(file, { readonly: true });
  const row = sql.prepare("SELECT surname_key FROM persons WHERE id = 1").get() as {
    surname_key: string;
  };
  sql.close();
  assert.equal(row.surname_key, "fenwick");
  assert.deepEqual(
    (await store.personLinks("Orla Fenwick")).map((l) => l.rule),
    ["stored before the registry"],
  );
  // New articles link to the upgraded person by its surname.
  await store.addArticle(FENWICK_BARE);
  assert.equal((await store.person("Fenwick"))?.name, "Orla Fenwick");
  await store.close();
});

test("overrides: merging a bare surname into the full name when both were linked under the same name and rule", async () => {
  // Both entries were linked to "Mr. Vask" by the same rule (one in an article about the full name, one in
  // an article that only says "Vask"), as "Obama" and "Barack Obama" are on a real store: the merge must
  // keep one such link instead of failing on person_links' uniqueness.
  const store = await openStore(freshDb(), { create: true });
  for (const a of [VASK_BOTH, VASK_BARE]) await store.addArticle(a);
  await store.addArticle(
    article("Teodor Vask said the strike would go on. Mr. Vask said the union was united.", "2026-04-06"),
  );
  await store.addArticle(
    article("Vask said the port would stay open, and Mr. Vask said the vote was near.", "2026-04-07"),
  );
  const linkedAsMister = async (name: string) =>
    (await store.personLinks(name)).filter(
      (l) => l.name === "Mr. Vask" && l.rule === "same person in the article",
    );
  assert.equal((await linkedAsMister("Vask")).length, 1, "the bare surname is linked under Mr. Vask");
  assert.equal((await linkedAsMister("Teodor Vask")).length, 1, "so is the full name");
  const before = (await store.stats()).statements;
  const bare = (await store.person("Vask"))?.statementCount ?? 0;
  const full = (await store.person("Teodor Vask"))?.statementCount ?? 0;
  const report = await store.applyOverrides(
    parseOverrides({ merge: [{ into: "Teodor Vask", names: ["Vask"] }] }),
  );
  assert.equal(report.statementsMoved, bare);
  assert.equal((await store.stats()).statements, before, "no statement is lost");
  assert.equal((await store.person("Teodor Vask"))?.statementCount, full + bare);
  assert.ok(!(await store.people()).some((p) => p.name === "Vask"), "the bare entry is gone");
  assert.equal((await linkedAsMister("Teodor Vask")).length, 1, "the shared link is kept once");
  assert.ok((await store.personLinks("Teodor Vask")).some((l) => l.rule === "manual override: merge"));
  await store.close();
});
