import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { gunzipSync } from "node:zlib";
import { parseHTML } from "linkedom";
import { readPage } from "../src/ingest/html.ts";
import { blockText } from "../src/ingest/html-text.ts";
import { sharedData } from "./shared-data.ts";

const extraction = sharedData("article-extraction");
const benchmark = extraction.path;

const paragraph = (sentence: string, times = 6) => `<p>${Array(times).fill(sentence).join(" ")}</p>`;

function bodyOf(html: string): Parameters<typeof blockText>[0] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return document.body as unknown as Parameters<typeof blockText>[0];
}

test("block text: one paragraph per block, inline whitespace collapsed, no glued paragraphs", () => {
  const text = blockText(
    bodyOf(`<div>
      <h2>A  heading</h2>
      <p>First   <b>bold</b>
         paragraph.</p><p>Second paragraph.</p>
      <ul><li>One</li><li>Two <a href="#">link</a></li></ul>
      <blockquote>Quoted words.</blockquote>
      <p>Line one<br>line two</p>
      <table><tr><td>cell a</td><td>cell b</td></tr></table>
      <script>ignored()</script><style>.x{}</style>
      <pre>code  line 1
  indented line 2</pre>
    </div>`),
  );
  assert.equal(
    text,
    [
      "A heading",
      "First bold paragraph.",
      "Second paragraph.",
      "One",
      "Two link",
      "Quoted words.",
      "Line one",
      "line two",
      "cell a cell b",
      "code  line 1\n  indented line 2",
    ].join("\n\n"),
  );
});

test("readPage keeps the article and drops navigation, footer and asides", () => {
  const html = `<html><head><title>Council approves budget</title></head><body>
    <header><nav><a href="/">Home</a><a href="/politics">Politics</a><a href="/sport">Sport</a></nav></header>
    <main><article>
      <h1>Council approves budget</h1>
      ${paragraph("The city council approved the budget on Monday after a long debate about parks.")}
      ${paragraph('Councillor Ada Brooks said the vote was "a fair compromise" for every district.')}
      ${paragraph("The budget takes effect in July and includes money for road repairs and libraries.")}
    </article></main>
    <aside><h3>Most read</h3><ul><li><a href="/a">Celebrity chef opens diner</a></li></ul></aside>
    <footer>Contact us | Privacy policy | Terms of use</footer>
  </body></html>`;
  const extracted = readPage(html, "https://citynews.example.com/budget");
  assert.ok(extracted.text.includes("a fair compromise"));
  assert.ok(extracted.text.includes("road repairs and libraries."));
  assert.equal(extracted.text.split("\n\n").length >= 3, true);
  assert.ok(!extracted.text.includes("Privacy policy"));
  assert.ok(!extracted.text.includes("Celebrity chef"));
  assert.equal(extracted.title, "Council approves budget");
  assert.equal(extracted.outlet, "citynews.example.com");
});

test("readPage on fragments, tiny pages and garbage", () => {
  assert.equal(readPage("<p>Just one short line.</p>").text, "Just one short line.");
  assert.equal(readPage("").text, "");
  assert.equal(readPage("<html><body><script>only()</script></body></html>").text, "");
  assert.equal(readPage("<<<>>> not html at all").text.includes("not html at all"), true);
});

test("furniture inside the article container goes; embedded posts and running text stay", () => {
  const html = `<html><head><title>Harbor tunnel opens</title></head><body><article>
    <p>Harbor tunnel opens</p>
    <p>By Rosa Lindqvist - 03/04/21 9:15 AM EST</p>
    <p>Updated at 10:02 a.m.</p>
    ${paragraph("The new harbor tunnel opened to traffic on Thursday, two years behind schedule.")}
    <figure><img src="t.jpg"><figcaption>Cars enter the tunnel on Thursday. (Photo: Port Authority)</figcaption></figure>
    <p>Transport chief <a href="/p/ike">Ike Moss</a><span class="people-rollover"><a href="/p/ike">Isaac Moss</a>Tunnel costs rise again MORE</span> said the delay was worth it.</p>
    ${paragraph("Engineers had to redesign the ventilation shafts after flooding in the first winter.")}
    <div class="embed-social"><blockquote class="twitter-tweet"><p>Drove through it at 6am, smooth ride <a href="https://t.example/x">t.example/x</a></p>— Commuter Carla (@carla) <a href="https://t.example/s">March 4, 2021</a></blockquote></div>
    <p>Related: City approves second tunnel study</p>
    <div class="related-links"><h3>More on transport</h3><ul><li><a href="/a">Bus fares frozen</a></li></ul></div>
    <ul><li><a href="/b">Ferry timetable changes for spring</a></li><li><a href="/c">Bridge tolls rise</a></li></ul>
    <ul><li><a href="/shop">Get the tunnel map for $5</a></li></ul>
    <p>Nov. 20, 2019 6:02 AM EST</p>
    ${paragraph("The tunnel will be toll-free until the end of the year, officials said.")}
  </article></body></html>`;
  const text = readPage(html).text;
  const paragraphs = text.split("\n\n");
  assert.ok(paragraphs[0]?.startsWith("The new harbor tunnel opened"), paragraphs[0]);
  assert.ok(text.includes("Transport chief Ike Moss said the delay was worth it."));
  assert.ok(text.includes("Drove through it at 6am, smooth ride"));
  assert.ok(text.includes("toll-free until the end of the year"));
  assert.ok(text.includes("Get the tunnel map for $5"), "a lone linked item is kept");
  for (const furniture of [
    "Rosa Lindqvist",
    "Updated at",
    "Cars enter",
    "Isaac Moss",
    "MORE",
    "Related:",
    "Bus fares",
    "Ferry timetable",
    "Bridge tolls",
    "6:02 AM",
  ]) {
    assert.ok(!text.includes(furniture), `${furniture} should be gone`);
  }
});

test("a pop-up wrapper around a name's link keeps the name and drops the card", () => {
  // The shape some sites use: one wrapper, named like a pop-up, holds the link and the card after it.
  const card = (id: string, name: string) =>
    `<span class="namecard-rollover"><a class="namecard-rollover-link" href="/p/${id}">${name}</a>` +
    `<span class="namecard-rollover-block"><span><img src="${id}.jpg"><a href="/p/${id}">${name} Q. Full</a>` +
    `<a href="/s/1">Ferry strike ends</a> <a href="/s/2">Budget talks stall</a> <a href="/p/${id}">MORE</a></span></span></span>`;
  const html = `<html><body><article>
    ${paragraph("The port authority approved the new ferry schedule after a long and heated meeting.")}
    <p>Harbor Gov. ${card("lena", "Lena Ostrova")} (L) is defending the schedule, and Rep. ${card("tam", "Tam Hale")} said it was late.</p>
    ${paragraph("Ferries will run every twenty minutes at peak hours starting next month, the authority said.")}
  </article></body></html>`;
  const text = readPage(html).text;
  assert.ok(
    text.includes(
      "Harbor Gov. Lena Ostrova (L) is defending the schedule, and Rep. Tam Hale said it was late.",
    ),
    text,
  );
  for (const residue of ["Q. Full", "Ferry strike", "Budget talks", "MORE"]) {
    assert.ok(!text.includes(residue), `${residue} should be gone`);
  }
});

test("pruning that would take most of the article is undone", () => {
  // "author" is a furniture word, but here it names the wrapper of the whole story.
  const html = `<html><body><article><div class="author-story">
    ${paragraph("The author of the bridge plan defended it before the council on Monday evening.")}
    ${paragraph("She said the design had been reviewed by three independent engineering firms.")}
  </div><p>Short note.</p></article></body></html>`;
  const text = readPage(html).text;
  assert.ok(text.includes("defended it before the council"));
  assert.ok(text.includes("three independent engineering firms"));
});

test("a script-rendered page falls back to the JSON-LD articleBody", () => {
  const html = `<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Quiet night",
    "articleBody":"Nothing happened overnight, the sheriff said."}</script></head>
    <body><div id="root"></div><script>render()</script></body></html>`;
  const extracted = readPage(html);
  assert.equal(extracted.text, "Nothing happened overnight, the sheriff said.");
  assert.equal(extracted.title, "Quiet night");
});

/** The benchmark's metric, restated: 4-gram shingles of \w+ tokens, per-page precision and recall. */
function shingleScores(gold: string, predicted: string): { precision: number; recall: number } {
  const shingles = (text: string) => {
    const tokens = text.match(/\w+/gu) ?? [];
    const counts = new Map<string, number>();
    for (let i = 0; i < Math.max(1, tokens.length - 3); i++) {
      const key = tokens.slice(i, i + 4).join("\u0001");
      if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  };
  const g = shingles(gold);
  const p = shingles(predicted);
  let tp = 0;
  for (const [key, count] of p) tp += Math.min(count, g.get(key) ?? 0);
  const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
  return { precision: tp / Math.max(1, total(p)), recall: tp / Math.max(1, total(g)) };
}

test("article-extraction benchmark: extracted bodies match the ground truth closely", {
  skip: extraction.skip,
}, () => {
  const gold = JSON.parse(readFileSync(path.join(benchmark, "ground-truth.json"), "utf8")) as Record<
    string,
    { articleBody: string; url?: string }
  >;
  // Every other page (sorted, so always the same ones) keeps the test quick; the full run is `npm run eval:extraction`.
  const files = readdirSync(path.join(benchmark, "html"))
    .filter((name) => name.endsWith(".html.gz"))
    .sort()
    .filter((_, index) => index % 2 === 0);
  assert.ok(files.length > 0);
  let precision = 0;
  let recall = 0;
  for (const name of files) {
    const id = name.slice(0, -".html.gz".length);
    const html = gunzipSync(readFileSync(path.join(benchmark, "html", name))).toString("utf8");
    const scores = shingleScores(gold[id]?.articleBody ?? "", readPage(html, gold[id]?.url).text);
    precision += scores.precision;
    recall += scores.recall;
  }
  precision /= files.length;
  recall /= files.length;
  const f1 = (2 * precision * recall) / (precision + recall);
  // Readability.js alone scores 0.952 on this half; falling well below means extraction broke.
  assert.ok(
    f1 > 0.93,
    `F1 ${f1.toFixed(3)} (precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)})`,
  );
});
