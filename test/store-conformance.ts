/**
 * What every Store backend must do, as node:test tests over the Store interface alone (no file paths, no
 * SQL): test/store-sqlite.test.ts runs them on SQLite, a PostgreSQL backend runs the same function.
 * `makeStore` must give a new, empty, writable store each time; the suite closes it.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { topicQuery } from "../src/analysis/topics.ts";
import { offsetMapFrom } from "../src/core/offset-map.ts";
import { sliceSpan } from "../src/core/span.ts";
import type { Verdict } from "../src/core/verdict.ts";
import type { Span } from "../src/nlp/doc.ts";
import type { Gazetteer } from "../src/record/gazetteer.ts";
import { parseOverrides } from "../src/record/overrides.ts";
import type { Store } from "../src/record/store.ts";
import { article, council, councilText, later, laterText, mayor, says } from "./store-fixtures.ts";

export function storeConformance(name: string, makeStore: () => Promise<Store>): void {
  /** Runs `body` on a fresh store and closes it, also when the body fails. */
  const withFresh = async (body: (store: Store) => Promise<void>) => {
    const store = await makeStore();
    try {
      await body(store);
    } finally {
      await store.close();
    }
  };
  const it = (title: string, body: (store: Store) => Promise<void>) =>
    test(`${name} store: ${title}`, () => withFresh(body));

  it("adds an article once; adding it again is a no-op", async (store) => {
    assert.deepEqual(await store.addArticle(mayor), { inserted: true, id: "a1" });
    assert.equal(await store.hasArticle("a1"), true);
    assert.equal(await store.hasArticle("nope"), false);
    const before = await store.stats();
    assert.deepEqual(await store.addArticle(mayor), { inserted: false, id: "a1" });
    assert.deepEqual(await store.stats(), before);
    assert.equal(before.statements, 2);
  });

  it("reads an article back: texts, offset map, metadata and statement count", async (store) => {
    await store.addArticle(mayor);
    const stored = await store.article("a1");
    assert.ok(stored);
    assert.equal(stored.text, mayor.text);
    assert.equal(stored.rawText, mayor.rawText);
    assert.deepEqual(stored.offsetMap, mayor.offsetMap);
    assert.deepEqual(
      [
        stored.origin,
        stored.format,
        stored.title,
        stored.outlet,
        stored.url,
        stored.byline,
        stored.published,
      ],
      ["a1.txt", "text", "a1", "The Fictional Ledger", null, null, "2026-03-02"],
    );
    assert.equal(stored.statementCount, 2);
    assert.ok(!Number.isNaN(Date.parse(stored.ingestedAt)));
    assert.equal(await store.article("missing"), undefined);
  });

  it("every stored span indexes the stored cleaned and raw text exactly", async (store) => {
    for (const a of [mayor, council, later]) await store.addArticle(a);
    const rows = await store.statements();
    assert.equal(rows.length, 5);
    for (const row of rows) {
      const stored = await store.article(row.articleId);
      assert.ok(stored);
      const clean = (span: Span | null) => (span ? stored.text.slice(span.start, span.end) : null);
      const raw = (span: Span | null) => (span ? stored.rawText.slice(span.start, span.end) : null);
      assert.equal(clean(row.source), raw(row.rawSource));
      assert.equal(clean(row.source), row.sourceText);
      assert.equal(clean(row.cue), raw(row.rawCue));
      assert.deepEqual(row.contentSpans.map(clean), row.rawContentSpans.map(raw));
      assert.equal(row.contentSpans.map(clean).join(" … "), row.content);
    }
    assert.equal(
      rows.find((row) => row.contentSpans.length === 2)?.content,
      "we are on schedule, … and proud of it.",
    );
  });

  it("reads an article's texts and maps back: a cleaned span maps to the exact page characters", async (store) => {
    // 𝕏 and an emoji before and inside the spans: each is two UTF-16 code units.
    const text = '𝕏 🌉 Ada Quill said "the 🌉 opens in 𝕏 May." Later, Quill told reporters "on 🌉 schedule."';
    const written = article("prov", text, "2026-03-02", [
      {
        speaker: { name: "Ada Quill" },
        source: "Ada Quill",
        cue: "said",
        content: ["the 🌉 opens in 𝕏 May."],
      },
      { speaker: { name: "Ada Quill" }, source: "Quill", cue: "told", content: ["on 🌉 schedule."] },
    ]);
    await store.addArticle(written);
    const texts = await store.articleTexts("prov");
    assert.ok(texts);
    assert.equal(texts.cleaned, text);
    assert.equal(texts.extracted, written.rawText);
    assert.deepEqual(texts.page, written.page);
    assert.equal(texts.pageText, written.rawText, "a text input's page is its extracted text");
    assert.ok(texts.cleanedToExtracted && texts.extractedToPage);
    const toExtracted = offsetMapFrom(texts.cleanedToExtracted);
    const toPage = offsetMapFrom(texts.extractedToPage);
    const rows = await store.statements({ speaker: "Ada Quill" });
    assert.equal(rows.length, 2);
    for (const row of rows) {
      row.contentSpans.forEach((span, i) => {
        const extracted = toExtracted.spanToRaw(span);
        assert.deepEqual(extracted, row.rawContentSpans[i], "the stored map gives the stored raw span");
        const onPage = toPage.spanToRaw(extracted);
        assert.equal(sliceSpan(texts.pageText ?? "", onPage), sliceSpan(texts.cleaned, span));
      });
    }
    assert.deepEqual(
      rows.map((row) =>
        sliceSpan(texts.pageText ?? "", toPage.spanToRaw(toExtracted.spanToRaw(row.contentSpans[0] as Span))),
      ),
      ["the 🌉 opens in 𝕏 May.", "on 🌉 schedule."],
    );
    assert.equal(await store.articleTexts("missing"), undefined);
  });

  it("an HTML article keeps its page by hash and says why no map to the page is kept", async (store) => {
    const page = { sha256: "ab".repeat(32), length: 48_213 };
    await store.addArticle({
      ...article("page", councilText, undefined, []),
      format: "html",
      page,
      extractedToPage: null,
    });
    const texts = await store.articleTexts("page");
    assert.ok(texts);
    assert.deepEqual(texts.page, page);
    assert.equal(texts.pageText, null);
    assert.equal(texts.extractedToPage, null);
    assert.match(texts.pageNote, /Readability rebuilt the text from the page's DOM/);
    // An article whose reader never saw a page (a dump's record, or stored before the record kept pages).
    await store.addArticle({
      ...article("dump", laterText, undefined, []),
      format: "jsonl",
      page: null,
      extractedToPage: null,
    });
    const dump = await store.articleTexts("dump");
    assert.equal(dump?.page, null);
    assert.match(dump?.pageNote ?? "", /dump record/);
  });

  it("spans count UTF-16 code units: text outside the Basic Multilingual Plane slices right", async (store) => {
    const text = '🌉🌉 Ada Quill said "the 🌉 opens in May."';
    await store.addArticle(
      article("emoji", text, "2026-03-02", [
        {
          speaker: { name: "Ada Quill" },
          source: "Ada Quill",
          cue: "said",
          content: ["the 🌉 opens in May."],
        },
      ]),
    );
    const [row] = await store.statements();
    assert.equal(row?.sourceText, "Ada Quill");
    const [view] = await store.statementViews("Ada Quill");
    assert.equal(view?.cue, "said");
    assert.equal(view?.source, "Ada Quill");
  });

  it("statements: date order, then article, then text order; undated last; ties broken the same way", async (store) => {
    await store.addArticle(says("t2", "Ines Marr", "2026-02-01"));
    await store.addArticle(says("t0", "Ines Marr", "2026-02-01"));
    await store.addArticle(says("t9", "Ines Marr", "2026-01-15"));
    await store.addArticle(
      article("u0", 'Ines Marr said "undated words."', undefined, [
        { speaker: { name: "Ines Marr" }, source: "Ines Marr", content: ["undated words."] },
      ]),
    );
    for (const a of [later, council, mayor]) await store.addArticle(a);
    assert.deepEqual(
      (await store.statements()).map((s) => [s.published, s.articleId, s.content.slice(0, 12)]),
      [
        ["2026-01-15", "t9", "the harbour "],
        ["2026-02-01", "t0", "the harbour "],
        ["2026-02-01", "t2", "the harbour "],
        ["2026-03-02", "a1", "the bridge o"],
        ["2026-03-02", "a1", "we are on sc"],
        ["2026-04-10", "a2", "the bridge i"],
        ["2026-04-10", "a2", "no comment."],
        ["2026-05-20", "a3", "the bridge o"],
        [null, "u0", "undated word"],
      ],
    );
  });

  it("statements filter by speaker (name or alias, any case), dates, search, confidence and limit", async (store) => {
    for (const a of [later, council, mayor]) await store.addArticle(a);
    assert.equal((await store.statements({ speaker: "ADA QUILL" })).length, 3);
    assert.equal((await store.statements({ speaker: "quill" })).length, 3, "alias from a source span");
    assert.equal((await store.statements({ speaker: "Nobody" })).length, 0);
    assert.equal((await store.statements({ since: "2026-04-01" })).length, 3);
    assert.equal(
      (await store.statements({ since: "2026-04-10", until: "2026-04-10" })).length,
      2,
      "inclusive",
    );
    assert.equal((await store.statements({ until: "2026-03-02" })).length, 2);
    assert.deepEqual(
      (await store.statements({ limit: 2 })).map((s) => s.content),
      ["the bridge opens in May.", "we are on schedule, … and proud of it."],
    );
    assert.equal((await store.statements({ limit: 0 })).length, 0);
    assert.deepEqual(
      (await store.statements({ search: "bridge late" })).map((s) => s.speaker),
      ["Bo Tern"],
    );
    assert.equal((await store.statements({ search: "tern" })).length, 1, "the speaker's name is searchable");
    assert.equal((await store.statements({ search: "BRIDGE" })).length, 3, "search folds case");
    assert.deepEqual(
      (await store.statements({ minConfidence: 0.5 })).map((s) => s.content),
      ["the bridge opens in May.", "the bridge is late."],
    );
    assert.equal(
      (await store.statements({ minConfidence: 0 })).length,
      3,
      "statements without one are left out",
    );
    assert.deepEqual(
      (await store.statements()).map((s) => s.confidence),
      [0.91, 0.42, 0.77, null, null],
    );
    // Query syntax in user input is searched for literally: never executed, never an error.
    for (const nasty of [
      '"',
      "AND",
      "bridge OR",
      "NEAR(",
      "*",
      "'; DROP TABLE statements; --",
      "col:bridge",
      "-",
      "%",
      "_",
    ]) {
      await assert.doesNotReject(store.statements({ search: nasty }), nasty);
    }
    assert.equal((await store.statements({ search: "*" })).length, 0);
    assert.equal((await store.stats()).statements, 5);
  });

  it("statement records carry speaker, kind, outlet, title and the speaker's term", async (store) => {
    await store.addArticle(council);
    const [tern, spokesperson] = await store.statements();
    assert.deepEqual(
      tern && [tern.speaker, tern.speakerKind, tern.resolution, tern.kind, tern.outlet, tern.title, tern.url],
      ["Bo Tern", "person", "name", "direct", "The Fictional Ledger", "a2", null],
    );
    assert.equal(tern?.speakerTerm, null, "no gazetteer, no term");
    assert.deepEqual(
      spokesperson && [spokesperson.speaker, spokesperson.speakerKind, spokesperson.sourceText],
      [null, null, "A spokesperson"],
    );
  });

  it("an unresolved description names no one: stored without a person, shown as written", async (store) => {
    const text = 'The minister said "the port stays shut." Ada Quill, the mayor, said "it opens in May."';
    await store.addArticle(
      article("d1", text, "2026-03-09", [
        {
          speaker: { name: "minister", resolution: "description" },
          source: "The minister",
          content: ["the port stays shut."],
        },
        {
          speaker: { name: "Ada Quill", resolution: "description", mention: { start: 40, end: 49 } },
          source: "the mayor",
          content: ["it opens in May."],
        },
      ]),
    );
    assert.deepEqual(
      (await store.statements()).map((r) => [r.speaker, r.sourceText]),
      [
        [null, "The minister"],
        ["Ada Quill", "the mayor"],
      ],
    );
    assert.deepEqual(
      (await store.people()).map((p) => p.name),
      ["Ada Quill"],
    );
  });

  it("a failing article write rolls back completely", async (store) => {
    await store.addArticle(mayor);
    const before = await store.stats();
    const broken = article("bad", councilText, "2026-04-10", [
      {
        speaker: { name: "New Person" },
        source: "Councillor Bo Tern",
        cue: "said",
        content: ["the bridge is late."],
      },
    ]);
    // A statement kind of null breaks a NOT NULL rule after the article row and the person were written.
    (broken.statements[0] as { kind: unknown }).kind = null;
    await assert.rejects(store.addArticle(broken));
    assert.equal(await store.hasArticle("bad"), false);
    assert.deepEqual(await store.stats(), before);
    assert.equal(await store.person("New Person"), undefined);
  });

  it("people and person: aliases, roles with first and last seen, statements in date order", async (store) => {
    for (const a of [later, mayor, council]) await store.addArticle(a);
    assert.deepEqual(
      (await store.people()).map((p) => [
        p.name,
        p.kind,
        p.qid,
        p.statements,
        p.firstSeen,
        p.lastSeen,
        p.roles,
      ]),
      [
        ["ada quill", "person", null, 3, "2026-03-02", "2026-05-20", ["Mayor"]],
        ["Bo Tern", "person", null, 1, "2026-04-10", "2026-04-10", ["Councillor"]],
      ],
    );
    const quill = await store.person("Mayor Ada Quill");
    assert.ok(quill);
    assert.equal(quill.statementCount, 3);
    assert.equal(quill.party, "Green");
    assert.deepEqual([quill.firstSeen, quill.lastSeen], ["2026-03-02", "2026-05-20"]);
    // "Ada Quill" is the canonical name in another case, so it is not an alias.
    assert.deepEqual(quill.aliases, ["Mayor Ada Quill", "Quill"]);
    assert.deepEqual(quill.roles, [{ role: "Mayor", firstSeen: "2026-03-02", lastSeen: "2026-05-20" }]);
    assert.deepEqual(
      quill.statements.map((s) => s.published),
      ["2026-03-02", "2026-03-02", "2026-05-20"],
    );
    assert.deepEqual(quill.alsoMatches, []);
    assert.deepEqual(quill.terms, []);
    assert.equal((await store.person(String(quill.id)))?.name, "ada quill", "an id finds the person too");
    assert.equal(await store.person("nobody at all"), undefined);
  });

  it("personHeader is person() without the statements: same counts, dates, aliases and roles", async (store) => {
    for (const a of [later, mayor, council]) await store.addArticle(a);
    for (const name of ["Mayor Ada Quill", "Bo Tern"]) {
      const full = await store.person(name);
      assert.ok(full, name);
      const { statements, ...expected } = full;
      assert.deepEqual(await store.personHeader(name), expected, name);
      assert.equal(expected.statementCount, statements.length);
    }
    assert.equal(await store.personHeader("nobody at all"), undefined);
  });

  // That it stays put without writes is checked on SQLite only (test/server-cache.test.ts): PostgreSQL's
  // stamp also moves with other databases' writes on the same server.
  it("changeStamp changes with every kind of write", async (store) => {
    const first = await store.changeStamp();
    await store.addArticle(mayor);
    const added = await store.changeStamp();
    assert.notEqual(added, first, "an article added");
    await store.addArticle(mayor);
    await store.applyOverrides({ merge: [], split: [], rename: [{ from: "ada quill", to: "Ada Quill" }] });
    assert.notEqual(await store.changeStamp(), added, "a rename");
  });

  it("statement search pages through every match once; facets count what the filters match", async (store) => {
    for (const a of [later, mayor, council]) await store.addArticle(a);
    const all = await store.statements();
    const seen: number[] = [];
    let after: Awaited<ReturnType<Store["searchStatements"]>>["next"] | undefined;
    do {
      const page = await store.searchStatements({}, 2, after ?? undefined);
      seen.push(...page.statements.map((s) => s.id));
      after = page.next;
    } while (after);
    assert.deepEqual(
      [...seen].sort((a, b) => a - b),
      all.map((s) => s.id).sort((a, b) => a - b),
    );
    const facets = await store.statementFacets({});
    assert.equal(facets.total, all.length);
    assert.equal(facets.counted, all.length);
    const bySpeaker = new Map<string, number>();
    for (const s of all) if (s.speaker) bySpeaker.set(s.speaker, (bySpeaker.get(s.speaker) ?? 0) + 1);
    assert.deepEqual(new Map(facets.speaker.map((f) => [f.label, f.count])), bySpeaker, "speaker facet");
    const searched = await store.statements({ search: "bridge" });
    const narrowed = await store.statementFacets({ q: "bridge" });
    assert.equal(narrowed.total, searched.length);
    const page = await store.searchStatements({ q: "bridge" }, 10);
    assert.deepEqual(page.statements.map((s) => s.id).sort(), searched.map((s) => s.id).sort());
  });

  it("names match case-insensitively beyond ASCII", async (store) => {
    const text = 'Émile Zorn said "the port stays open." ÉMILE ZORN said "no change."';
    await store.addArticle(
      article("u1", text, "2026-07-01", [
        {
          speaker: { name: "Émile Zorn" },
          source: "Émile Zorn",
          cue: "said",
          content: ["the port stays open."],
        },
        { speaker: { name: "ÉMILE ZORN" }, source: "ÉMILE ZORN", cue: "said", content: ["no change."] },
      ]),
    );
    assert.deepEqual(
      (await store.people()).map((p) => [p.name, p.statements]),
      [["Émile Zorn", 2]],
    );
    assert.equal((await store.statements({ speaker: "émile zorn" })).length, 2);
    assert.equal((await store.person("ÉMILE zorn"))?.statementCount, 2);
    assert.equal((await store.statements({ search: "émile" })).length, 2, "search folds case beyond ASCII");
  });

  it("an alias two people share: person() picks the more quoted and names the other; lookupSpeaker refuses", async (store) => {
    const cousinText = 'Bo Quill, the mayor\'s cousin, said "the bridge is ugly." Quill said "truly."';
    await store.addArticle(mayor);
    await store.addArticle(later);
    await store.addArticle(
      article("a4", cousinText, "2026-06-01", [
        { speaker: { name: "Bo Quill" }, source: "Quill", cue: "said", content: ["truly."] },
      ]),
    );
    const found = await store.person("QUILL");
    assert.equal(found?.name, "Ada Quill");
    assert.deepEqual(found?.alsoMatches, ["Bo Quill"]);
    assert.equal((await store.person("Bo Quill"))?.statementCount, 1);
    const lookup = await store.lookupSpeaker("Quill");
    assert.ok("ambiguous" in lookup);
    assert.deepEqual(
      lookup.ambiguous.map((c) => [c.name, c.statements, c.qid]),
      [
        ["Ada Quill", 3, null],
        ["Bo Quill", 1, null],
      ],
    );
  });

  it("lookupSpeaker: by name, alias, id; nothing for an unknown or empty name", async (store) => {
    await store.addArticle(mayor);
    const byName = await store.lookupSpeaker("ada quill");
    assert.ok("found" in byName);
    assert.deepEqual([byName.found.name, byName.found.statements, byName.rule], ["Ada Quill", 2, "name"]);
    const byAlias = await store.lookupSpeaker("Mayor Ada Quill");
    assert.ok("found" in byAlias && byAlias.found.id === byName.found.id);
    const byId = await store.lookupSpeaker(String(byName.found.id));
    assert.ok("found" in byId && byId.rule === "id" && byId.found.name === "Ada Quill");
    assert.deepEqual(await store.lookupSpeaker("Nobody Atall"), { none: true });
    assert.deepEqual(await store.lookupSpeaker("  "), { none: true });
    assert.deepEqual(await store.lookupSpeaker("999999"), { none: true });
  });

  it("personLinks: why each name was linked, with its article and span", async (store) => {
    await store.addArticle(mayor);
    const links = await store.personLinks("Ada Quill");
    assert.ok(links.length > 0);
    for (const link of links) {
      assert.equal(typeof link.name, "string");
      assert.equal(typeof link.rule, "string");
      // The span is where the article wrote the name (with its title, "Mayor Ada Quill").
      if (link.span && link.articleId === "a1")
        assert.ok(mayor.text.slice(link.span.start, link.span.end).includes("Quill"), JSON.stringify(link));
    }
    assert.ok(links.some((link) => link.articleId === "a1"));
    assert.deepEqual(await store.personLinks("Nobody Atall"), []);
  });

  it("overrides: applied to stored people they re-link statements; set for ingest they apply to new articles", async (store) => {
    await store.addArticle(says("o1", "Teodor Vask", "2026-04-01"));
    await store.addArticle(says("o2", "Irmeli Vask", "2026-04-02"));
    await store.addArticle(says("o3", "Vask", "2026-04-03"));
    const before = (await store.stats()).statements;
    const report = await store.applyOverrides(
      parseOverrides({ merge: [{ into: "Teodor Vask", names: ["Vask"] }], split: [], rename: [] }),
    );
    assert.equal((await store.stats()).statements, before, "no statement is lost");
    assert.ok(report.statementsMoved >= 1, JSON.stringify(report));
    assert.equal((await store.person("Teodor Vask"))?.statementCount, 2);
    assert.ok((await store.personLinks("Teodor Vask")).some((l) => l.rule === "manual override: merge"));
    await store.setOverrides(parseOverrides({ rename: [{ from: "Pell Orrin", to: "Pelleas Orrin" }] }));
    await store.addArticle(says("o4", "Pell Orrin", "2026-04-04"));
    assert.equal((await store.person("Pelleas Orrin"))?.statementCount, 1);
    assert.equal((await store.statements({ speaker: "Pelleas Orrin" })).length, 1);
  });

  it("importGazetteer: known people with QIDs and dated terms; statements carry the term of their date", async (store) => {
    const gazetteer: Gazetteer = {
      file: "fictional.csv",
      problems: [],
      people: [
        {
          name: "Lucan Ferrow",
          aliases: ["Lucan Q. Ferrow"],
          qid: "Q999000003",
          where: "fictional.csv:2",
          terms: [
            {
              role: "representative",
              party: "Harbour Party",
              state: "YY",
              district: "2",
              start: "2013-01-03",
              end: "2019-01-03",
            },
            {
              role: "senator",
              party: "Harbour Party",
              state: "YY",
              district: null,
              start: "2019-01-03",
              end: null,
            },
          ],
        },
      ],
    };
    const report = await store.importGazetteer(gazetteer);
    assert.deepEqual([report.added, report.updated, report.unchanged, report.problems], [1, 0, 0, []]);
    assert.deepEqual(report.settled, { moved: 0, settled: [] });
    const again = await store.importGazetteer(gazetteer);
    assert.deepEqual([again.added, again.unchanged], [0, 1], "importing twice changes nothing");
    await store.addArticle(says("g1", "Lucan Ferrow", "2016-05-01"));
    await store.addArticle(says("g2", "Ferrow", "2020-05-01"));
    const person = await store.person("Q999000003");
    assert.equal(person?.name, "Lucan Ferrow");
    assert.equal(person?.qid, "Q999000003");
    assert.equal(person?.statementCount, 2, "the bare surname goes to the one known Ferrow");
    assert.deepEqual(
      person?.terms.map((t) => [t.role, t.start]),
      [
        ["representative", "2013-01-03"],
        ["senator", "2019-01-03"],
      ],
    );
    assert.deepEqual(
      (await store.statements({ speaker: "Lucan Ferrow" })).map((s) => s.speakerTerm?.role),
      ["representative", "senator"],
    );
    assert.equal((await store.people())[0]?.qid, "Q999000003");
  });

  it("settleSurnames moves a bare surname kept apart once one person clearly dominates", async (store) => {
    await store.addArticle(says("f1", "Ansel Thorne", "2016-04-01"));
    await store.addArticle(says("f2", "Berit Thorne", "2016-04-02"));
    await store.addArticle(says("f3", "Thorne", "2016-04-03"));
    assert.equal(
      (await store.people()).find((p) => p.name === "Thorne")?.statements,
      1,
      "ambiguous at first",
    );
    for (let i = 0; i < 30; i++)
      await store.addArticle(
        says(`f-more-${i}`, "Ansel Thorne", `2016-04-${String(4 + (i % 25)).padStart(2, "0")}`),
      );
    const report = await store.settleSurnames();
    assert.deepEqual(report, { moved: 1, settled: ["Thorne → Ansel Thorne"] });
    assert.equal((await store.person("Ansel Thorne"))?.statementCount, 32);
    assert.equal((await store.person("Berit Thorne"))?.statementCount, 1);
    assert.deepEqual(await store.settleSurnames(), { moved: 0, settled: [] }, "settling again moves nothing");
  });

  it("topics: counts and date ranges, most frequent first; by speaker; limited", async (store) => {
    for (const a of [mayor, council, later]) await store.addArticle(a);
    const topics = await store.topics();
    const bridge = topics.find((t) => t.label.toLowerCase().includes("bridge"));
    assert.ok(bridge, JSON.stringify(topics));
    assert.deepEqual([bridge.statements, bridge.firstSeen, bridge.lastSeen], [3, "2026-03-02", "2026-05-20"]);
    assert.equal(topics[0]?.key, bridge.key, "the most frequent first");
    for (let i = 1; i < topics.length; i++)
      assert.ok((topics[i - 1]?.statements ?? 0) >= (topics[i]?.statements ?? 0));
    const tern = await store.topics({ speaker: "Bo Tern" });
    assert.deepEqual(tern.find((t) => t.key === bridge.key)?.statements, 1);
    assert.equal((await store.topics({ limit: 1 })).length, 1);
    assert.deepEqual(await store.topics({ speaker: "Nobody Atall" }), []);
  });

  it("a statement's facts (kind, confidence, paragraph) read back as written; one not given reads null", async (store) => {
    const text = 'Intro line.\n\nAda Quill said "the ferry runs again."';
    await store.addArticle(
      article("p1", text, "2026-07-01", [
        {
          speaker: { name: "Ada Quill" },
          source: "Ada Quill",
          cue: "said",
          content: ['"the ferry runs again."'],
          confidence: 0.8,
          paragraph: 2,
        },
      ]),
    );
    await store.addArticle(later);
    const facts = (s: { kind: string; confidence: number | null; paragraph?: number | null }) => [
      s.kind,
      s.confidence,
      s.paragraph,
    ];
    assert.deepEqual((await store.statements()).map(facts), [
      ["direct", null, null],
      ["direct", 0.8, 2],
    ]);
    assert.deepEqual((await store.statementViews("Ada Quill")).map(facts), [
      ["direct", null, null],
      ["direct", 0.8, 2],
    ]);
  });

  it("statementViews: one speaker's statements with cue, context, source and topics, by date and topic", async (store) => {
    for (const a of [mayor, council, later]) await store.addArticle(a);
    const views = await store.statementViews("Ada Quill");
    assert.deepEqual(
      views.map((v) => [v.articleId, v.published, v.speaker, v.cue, v.source, v.kind, v.confidence]),
      [
        ["a1", "2026-03-02", "Ada Quill", "said", "Mayor Ada Quill", "direct", 0.91],
        ["a1", "2026-03-02", "Ada Quill", "told", "Quill", "direct", 0.42],
        ["a3", "2026-05-20", "Ada Quill", "said", "Ada Quill", "direct", null],
      ],
    );
    const first = views[0];
    assert.ok(first);
    assert.equal(first.context, mayor.text);
    assert.deepEqual(first.contextSpan, { start: 0, end: mayor.text.length });
    assert.equal(mayor.text.slice(first.span.start, first.span.end), "the bridge opens in May.");
    assert.deepEqual(
      [first.outlet, first.title, first.url, first.resolution],
      ["The Fictional Ledger", "a1", null, "name"],
    );
    assert.ok((first.topics ?? []).length > 0);
    assert.equal((await store.statementViews("Ada Quill", { since: "2026-04-01" })).length, 1);
    assert.equal((await store.statementViews("Ada Quill", { until: "2026-03-02" })).length, 2);
    const onTopic = await store.statementViews("Ada Quill", { topicKeys: topicQuery("schedule") });
    assert.deepEqual(
      onTopic.map((v) => v.cue),
      ["told"],
    );
    assert.deepEqual(await store.statementViews("Nobody Atall"), []);
  });

  it("contentSample: statement contents spread over the store, at most about the number asked", async (store) => {
    assert.deepEqual(await store.contentSample(10), []);
    for (const a of [mayor, council, later]) await store.addArticle(a);
    const all = (await store.statements()).map((s) => s.content).sort();
    assert.deepEqual((await store.contentSample(100)).sort(), all);
    const few = await store.contentSample(2);
    assert.ok(few.length >= 1 && few.length <= 3, JSON.stringify(few));
    for (const content of few) assert.ok(all.includes(content));
  });

  it("near-duplicates: linkStory puts a copy in its original's story; stories lists them", async (store) => {
    const body = STORY.join(" ");
    const copy = `${body} Additional reporting by Ines Varga in Saltmere.`;
    const other = OTHER_STORY.join(" ");
    for (const [id, text] of [
      ["s1", body],
      ["s2", copy],
      ["s3", other],
    ] as const) {
      await store.addArticle(article(id, text, "2026-02-02", []));
    }
    assert.equal(await store.linkStory("s1", body), "s1", "the first copy starts its story");
    assert.equal(await store.linkStory("s2", copy), "s1");
    assert.equal(await store.linkStory("s3", other), "s3");
    assert.deepEqual(await store.stories(["s1", "s2", "s3", "never-linked"]), {
      s1: "s1",
      s2: "s1",
      s3: "s3",
    });
    assert.deepEqual(await store.stories([]), {});
  });

  it("story copies count once in people and stats", async (store) => {
    const base = STORY.join(" ");
    const quote = "the ferry will run all winter";
    for (const [id, extra] of [
      ["c1", ""],
      ["c2", " Additional reporting by Ines Varga."],
    ] as const) {
      const text = `${base} Orla Penhallow said "${quote}."${extra}`;
      await store.addArticle(
        article(id, text, "2026-02-03", [
          {
            speaker: { name: "Orla Penhallow" },
            source: "Orla Penhallow",
            cue: "said",
            content: [`${quote}.`],
          },
        ]),
      );
      await store.linkStory(id, text);
    }
    assert.equal((await store.statements({ speaker: "Orla Penhallow" })).length, 2, "both copies are stored");
    assert.equal((await store.people())[0]?.statements, 1);
    assert.deepEqual((await store.stats()).topSpeakers, [{ name: "Orla Penhallow", statements: 1 }]);
  });

  it("web sources: added once, polled with validators and backoff, listed by URL", async (store) => {
    const urls = ["https://news.example/feed", "https://another.example/sitemap.xml"];
    const start = Date.now();
    await store.addSources(urls);
    await store.addSources(urls);
    const listed = await store.sources();
    assert.deepEqual(
      listed.map((s) => s.url),
      [...urls].sort(),
    );
    for (const source of listed) {
      assert.ok(Date.parse(source.nextDue) <= Date.now(), "a new source is due now");
      assert.deepEqual(
        [source.kind, source.lastFetched, source.etag, source.itemsFound, source.consecutiveErrors],
        [null, null, null, 0, 0],
      );
    }
    const now = new Date(start + 1000);
    await store.recordPoll(urls[0] as string, { kind: "feed", etag: '"v1"', newItems: 3 }, 60_000, now);
    let [feed] = await store.sources([urls[0] as string]);
    assert.deepEqual(
      feed && [feed.kind, feed.etag, feed.itemsFound, feed.lastFetched, feed.lastNewItem, feed.nextDue],
      [
        "feed",
        '"v1"',
        3,
        now.toISOString(),
        now.toISOString(),
        new Date(now.getTime() + 60_000).toISOString(),
      ],
    );
    await store.recordPoll(urls[0] as string, { newItems: 0, error: "HTTP 503" }, 60_000, now);
    [feed] = await store.sources([urls[0] as string]);
    assert.deepEqual(feed && [feed.consecutiveErrors, feed.lastError, feed.etag, feed.itemsFound], [
      1,
      "HTTP 503",
      '"v1"',
      3,
    ]);
    assert.ok(feed && Date.parse(feed.nextDue) > now.getTime() + 60_000, "a failing source backs off");
    await store.addSources([urls[0] as string]);
    assert.equal(
      (await store.sources([urls[0] as string]))[0]?.consecutiveErrors,
      1,
      "re-adding keeps the state",
    );
    assert.deepEqual(
      (await store.sources(["https://unknown.example/", urls[1] as string])).map((s) => s.url),
      [urls[1]],
    );
  });

  it("fetched item URLs: remembered once; a stored article's origin or URL counts as fetched", async (store) => {
    const item = "https://news.example/2026/item-1";
    assert.equal(await store.itemKnown(item), false);
    await store.rememberItem(item, "article");
    await store.rememberItem(item, "HTTP 404");
    assert.equal(await store.itemKnown(item), true);
    const page = "https://news.example/2026/page-2";
    await store.addArticle(
      article("w1", councilText, "2026-04-10", [], { origin: page, url: `${page}?canonical` }),
    );
    assert.equal(await store.itemKnown(page), true);
    assert.equal(await store.itemKnown(`${page}?canonical`), true);
    assert.equal(await store.hasArticleUrl(`${page}?canonical`), true);
    assert.equal(await store.hasArticleUrl(page), false, "the canonical URL, not the address fetched");
  });

  it("verdicts: none until put; put replaces", async (store) => {
    const verdict: Verdict = {
      label: "Inconsistent",
      scores: { Inconsistent: 0.8, Unrelated: 0.15, Consistent: 0.05 },
      reasons: ["language model: a reversal"],
    };
    assert.equal(await store.getVerdict("k1"), undefined);
    await store.putVerdict("k1", verdict);
    assert.deepEqual(await store.getVerdict("k1"), verdict);
    const changed: Verdict = { ...verdict, label: "Unrelated", reasons: [] };
    await store.putVerdict("k1", changed);
    assert.deepEqual(await store.getVerdict("k1"), changed);
    assert.equal(await store.getVerdict("k2"), undefined);
  });

  it("stats: articles, statements, people and the most quoted speakers", async (store) => {
    assert.deepEqual(await store.stats(), { articles: 0, statements: 0, people: 0, topSpeakers: [] });
    for (const a of [mayor, council, later]) await store.addArticle(a);
    await store.addArticle(article("empty", "Nothing was said here.", "2026-01-01", []));
    assert.deepEqual(await store.stats(), {
      articles: 4,
      statements: 5,
      people: 2,
      topSpeakers: [
        { name: "Ada Quill", statements: 3 },
        { name: "Bo Tern", statements: 1 },
      ],
    });
  });

  test(`${name} store: close resolves, and closing twice is harmless`, async () => {
    const store = await makeStore();
    await store.addArticle(mayor);
    await store.close();
    await store.close();
  });
}

// A fictional wire story, long enough to fingerprint (near-duplicates need 40 words or more).
const STORY = [
  "The Saltmere ferry council voted on Tuesday to keep the winter crossing open for another season,",
  "after a long evening of debate in the harbour hall that drew fishermen, shop owners and parents.",
  "Council members said the crossing carries about four hundred people a day in the cold months,",
  "most of them workers who would otherwise face a two hour drive around the northern bay.",
  "The vote followed a report that the older of the two boats needs a new engine before spring.",
];
const OTHER_STORY = [
  "A small bakery in the hill town of Varrow won a regional prize on Sunday for its rye loaf,",
  "beating forty other entries from across the province in a contest judged by three retired chefs.",
  "The owners, who opened the shop eleven years ago, said they would spend the prize on a second oven",
  "and on lessons for the two apprentices who joined them last autumn from the local school.",
];
