import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { ingestInputs } from "../src/app/run-ingest.ts";
import { countOnce, MIN_SIMILARITY, minHash, similarity } from "../src/record/near-duplicates.ts";
import { openStore } from "../src/record/open-store.ts";
import { runCli } from "./cli-helper.ts";

const WIRE = [
  "The Saltmere harbour council approved the new container terminal on Tuesday after a six-hour meeting in the old customs hall, ending two years of argument over the future of the quay.",
  '"This terminal will bring work back to the harbour for a generation," said Mayor Orla Penhallow, who had backed the plan from the start.',
  "Opponents warned that the cost of dredging the channel had doubled since the first estimate, and that the ferry operators had not been consulted on the new berths.",
  "The council will ask the regional government for a loan to cover the first phase, which is due to start in the spring if the contracts are signed in time.",
];

function outletPage(outlet: string, extra = ""): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour council approves terminal</title>
<meta property="og:site_name" content="${outlet}"><meta property="article:published_time" content="2026-02-03"></head>
<body><nav><a href="/">${outlet} home</a></nav><article><h1>Harbour council approves terminal</h1>
${[...WIRE, extra]
  .filter(Boolean)
  .map((p) => `<p>${p}</p>`)
  .join("\n")}</article><footer>© ${outlet}</footer></body></html>`;
}

test("MinHash finds copies of a story similar and other texts not", () => {
  const a = minHash(WIRE.join("\n\n"));
  const b = minHash(`${WIRE.join("\n\n")}\n\nThis story was distributed by the Coastal Wire service.`);
  const other = minHash(
    "The regional rail company announced on Monday that the night trains between the capital and the northern coast would stop running in March, citing falling ticket sales and the rising cost of maintaining the old sleeper carriages, which were built more than forty years ago and are no longer made. Passenger groups said they would appeal to the transport ministry.",
  );
  assert.ok(a && b && other);
  assert.ok(similarity(a, b) >= MIN_SIMILARITY, `similarity ${similarity(a, b)}`);
  assert.ok(similarity(a, other) < 0.2, `similarity ${similarity(a, other)}`);
  assert.equal(minHash("Too short to fingerprint."), null);
});

test("a wire story in three outlets is three articles, one story, and its statement counts once", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "onrecord-stories-"));
  const files = [
    ["courier.html", outletPage("Saltmere Courier")],
    [
      "gazette.html",
      outletPage("Coastal Gazette", "This story was distributed by the Coastal Wire service."),
    ],
    // Byte-identical bodies are one article by content hash; outlets' copies differ by a line or two.
    ["herald.html", outletPage("Northern Herald", "Additional reporting by Ines Varga in Saltmere.")],
  ].map(([name, html]) => {
    const file = path.join(dir, name as string);
    writeFileSync(file, html as string);
    return file;
  });
  const db = path.join(dir, "stories.db");
  const store = await openStore(db, { create: true });
  try {
    const summary = await ingestInputs(files, store, {
      workers: 0,
      onStored: async (article) => void (await store.linkStory(article.id, article.text)),
    });
    assert.equal(summary.stored, 3);
    const ids = [...new Set((await store.statements()).map((row) => row.articleId))];
    assert.equal(ids.length, 3);
    const stories = new Map(Object.entries(await store.stories(ids)));
    assert.equal(new Set(stories.values()).size, 1);
    const views = await store.statementViews("Orla Penhallow");
    const quotes = views.filter((view) => view.content.includes("bring work back"));
    assert.equal(quotes.length, 3);
    const once = countOnce(quotes, stories);
    assert.equal(once.length, 1);
    assert.deepEqual(once[0]?.alsoIn?.length, 2);
    // The counts people, topics and summary show count the story once too.
    const stored = (await store.statementViews("Orla Penhallow")).length;
    const counted = (await store.people()).find((person) => person.name === "Orla Penhallow")?.statements;
    assert.equal(counted, stored / 3, "each of her statements is in all three copies and counts once");
    assert.equal(
      (await store.stats()).topSpeakers.find((row) => row.name === "Orla Penhallow")?.statements,
      counted,
    );
  } finally {
    await store.close();
  }
  const timeline = runCli(dir, ["timeline", "--speaker", "Orla Penhallow", "--db", db]);
  assert.equal(timeline.code, 0, timeline.stderr);
  assert.match(timeline.stdout, /\(also in 2 outlets\)/);
  assert.equal(timeline.stdout.match(/bring work back/g)?.length, 1);
});
