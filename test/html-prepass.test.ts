import assert from "node:assert/strict";
import { test } from "node:test";
import { parseHTML } from "linkedom";
import { readPage } from "../src/ingest/html.ts";
import { htmlMetadata } from "../src/ingest/html-metadata.ts";
import { prepassHtml } from "../src/ingest/html-prepass.ts";

const sentence = "The council voted on Tuesday to approve the harbour budget after a long debate.";
const paragraphs = (count: number) => Array(count).fill(`<p>${sentence} ${sentence}</p>`).join("\n");

test("pre-pass: metadata facts are read wherever they sit, hidden or dropped elements included", () => {
  const { facts } = prepassHtml(`<!doctype html><html><head>
    <title>Budget &amp; harbour</title>
    <meta property="og:site_name" content="Port News"><meta name="author" content="Jane Doe">
    <link rel="stylesheet" href="/a.css"><link rel="canonical" href="/budget">
    <script type="application/ld+json">{"@type":"NewsArticle","headline":"Budget passes"}</script>
    <script>var x = "<title>not this</title>";</script>
    </head><body><div hidden><time datetime="2026-03-09">March 9</time></div><p>Text</p></body></html>`);
  assert.equal(facts.title, "Budget & harbour");
  assert.equal(facts.canonical, "/budget");
  assert.equal(facts.time, "2026-03-09");
  assert.deepEqual(facts.jsonLd, ['{"@type":"NewsArticle","headline":"Budget passes"}']);
  assert.deepEqual(
    facts.metas.map((meta) => meta.content),
    ["Port News", "Jane Doe"],
  );
  const metadata = htmlMetadata(facts, "https://port.example.com/x");
  assert.equal(metadata.title, "Budget passes");
  assert.equal(metadata.byline, "Jane Doe");
  assert.equal(metadata.published, "2026-03-09");
  assert.equal(metadata.url, "https://port.example.com/budget");
  assert.equal(metadata.outlet, "Port News");
});

test("pre-pass: what Readability removes before scoring is cut; the rest is kept as written", () => {
  const { html } = prepassHtml(
    `<html><head><title>T</title><style>p{}</style><link rel="icon" href="/i"></head><body>` +
      `<p data-track="1" class="lead" onclick="go()">Caf&eacute; &amp; <b>bar</b><!-- note --> said</p>` +
      `<script>if (a < b) document.write("</p>")</script><noscript><img src=x></noscript>` +
      `<div style="color: red; display: none">gone</div><span aria-hidden="true">gone too</span>` +
      `<div role="dialog" aria-modal="true">modal</div><p title='say "hi"' id="q">kept</p></body></html>`,
  );
  assert.equal(
    html,
    `<html><head><title>T</title></head><body>` +
      `<p class="lead">Caf&eacute; &amp; <b>bar</b><!----> said</p>` +
      `<p id="q">kept</p></body></html>`,
  );
  // Attribute values that are kept survive the rewrite exactly (escaped, then decoded by the parser).
  const kept = prepassHtml(`<body><div class='a "b" &amp; c' data-x="1">x</div></body>`).html;
  const { document } = parseHTML(kept);
  assert.equal(document.querySelector("div")?.getAttribute("class"), 'a "b" & c');
  // Stretches left on both sides of a cut never join into a token that neither held.
  assert.equal(prepassHtml("<body>&am<script>x</script>p; x</body>").html, "<body>&am<!---->p; x</body>");
});

test("pre-pass: an element whose start tag closes others stays, so the tree does not change shape", () => {
  // <input> closes an open <button> in HTML parsing; without it, " on" would move inside the button.
  const page = "<body><button>Go <input hidden> on</button></body>";
  assert.equal(prepassHtml(page).html, page);
});

test("pre-pass: the reduced page leaves out unlikely candidates, but not those Readability keeps", () => {
  const { html, reduced } = prepassHtml(
    `<body><div class="sidebar">menu</div><div class="sidebar-content">kept: ok-maybe</div>` +
      `<div class="byline-share">kept: a byline</div><a class="social">kept: a link</a>` +
      `<table><tr><td><div class="related">kept: in a table</div></td></tr></table>` +
      `<div class="comments"><blockquote class="twitter-tweet">kept: embeds are html-prune's</blockquote></div>` +
      `<nav>furniture</nav><p>Text</p></body>`,
  );
  assert.ok(html.includes("menu") && html.includes("furniture"));
  assert.ok(reduced);
  assert.ok(!reduced.includes("menu") && !reduced.includes("furniture"));
  for (const kept of ["ok-maybe", "a byline", "a link", "in a table", "embeds are"]) {
    assert.ok(reduced.includes(kept), kept);
  }
});

test("extraction: when Readability's first attempt fails, the whole page is read again", () => {
  // The only article text sits in a "sidebar": Readability finds it only on its second attempt, which
  // needs the candidates the reduced page left out.
  const page = `<html><head><title>Harbour budget</title></head><body>
    <div class="sidebar">${paragraphs(6)}</div><p>Short.</p></body></html>`;
  const text = readPage(page).text;
  assert.ok(text.includes(sentence), text);
  // And on a page whose first attempt succeeds, the sidebar's words stay out.
  const usual = `<html><head><title>Harbour budget</title></head><body>
    <div class="sidebar"><p>Most read: ${sentence}</p></div><article>${paragraphs(6)}</article></body></html>`;
  assert.ok(!readPage(usual).text.includes("Most read"));
});
