import assert from "node:assert/strict";
import { test } from "node:test";
import { finishEdges } from "../src/nlp/attribution-ensemble.ts";
import { extendOverNested, extendToQuotations } from "../src/nlp/content-edges.ts";
import type { Attribution } from "../src/nlp/doc.ts";
import { findQuotes } from "../src/nlp/quotes.ts";
import { splitParagraphs } from "../src/nlp/tokenizer.ts";
import { attributionIn } from "./spans-helper.ts";

const quotesOf = (text: string) => findQuotes(text, splitParagraphs(text));
const contentOf = (text: string, a: Attribution) => a.content.map((s) => text.slice(s.start, s.end));

test("content cut at a sentence end inside a quotation runs to the closing mark", () => {
  const text = 'Mayor Ode said: "The bridge opens in May. Tolls stay low. Nobody pays twice."';
  const cut = attributionIn(text, null, "said", '"The bridge opens in May.');
  const [extended] = extendToQuotations(quotesOf(text), [cut]);
  assert.deepEqual(contentOf(text, extended), [
    '"The bridge opens in May. Tolls stay low. Nobody pays twice."',
  ]);
  assert.deepEqual(extended.cue, cut.cue, "only the content moves");
});

test("a quotation over several paragraphs is followed to its end", () => {
  const text =
    'Ode said: "The bridge opens in May.\n\n"Tolls stay low for everyone."\n\nThe council met later.';
  const [extended] = extendToQuotations(quotesOf(text), [
    attributionIn(text, null, "said", "The bridge opens in May."),
  ]);
  assert.match(contentOf(text, extended)[0], /Tolls stay low for everyone\."$/);
});

test("content starting inside a quotation begins at the opening mark", () => {
  const text = '"We built it. We paid for it," Ode said.';
  const [extended] = extendToQuotations(quotesOf(text), [
    attributionIn(text, null, "said", "We paid for it,"),
  ]);
  assert.deepEqual(contentOf(text, extended), ['"We built it. We paid for it,"']);
});

test("an edge never moves across a cue: a split quote keeps its two parts", () => {
  const text = '"The bridge opens in May," Ode said, "and tolls stay low. Nobody pays twice."';
  const split = attributionIn(text, null, "said", "The bridge opens in May", "and tolls stay low.");
  const [extended] = extendToQuotations(quotesOf(text), [split]);
  assert.deepEqual(contentOf(text, extended), [
    '"The bridge opens in May',
    'and tolls stay low. Nobody pays twice."',
  ]);
  // Another attribution's cue inside the rest of the quotation stops the extension.
  const nested = 'Ode said: "Vale told me the bridge opens in May. Tolls stay low."';
  const outer = attributionIn(nested, null, "said", '"Vale');
  const inner = attributionIn(nested, null, "told", "the bridge opens in May.");
  const [outerAfter, innerAfter] = extendToQuotations(quotesOf(nested), [outer, inner]);
  assert.deepEqual(outerAfter, outer);
  assert.deepEqual(contentOf(nested, innerAfter), ['the bridge opens in May. Tolls stay low."']);
});

test("content outside quotations, and no quotations at all, are left as they are", () => {
  const text = "Ode said the bridge opens in May. Tolls stay low.";
  const a = attributionIn(text, null, "said", "the bridge opens in May");
  assert.deepEqual(extendToQuotations(quotesOf(text), [a]), [a]);
  assert.deepEqual(extendToQuotations([], [a]), [a]);
  assert.deepEqual(extendToQuotations(quotesOf(text), []), []);
});

test("an outer content that ends on a nested cue takes in the nested content", () => {
  const text = "Vale told reporters he wanted the bridge finished by May. The council met later.";
  const outer = attributionIn(text, null, "told", "he wanted");
  const inner = attributionIn(text, null, "wanted", "the bridge finished by May");
  const [outerAfter, innerAfter] = extendOverNested([outer, inner]);
  assert.deepEqual(contentOf(text, outerAfter), ["he wanted the bridge finished by May"]);
  assert.deepEqual(innerAfter, inner, "the nested attribution is unchanged");
  // Content before its own cue, or a nested content that does not follow on, is left alone.
  const before = attributionIn(text, null, "The council", "Vale told reporters");
  assert.deepEqual(extendOverNested([before, inner]), [before, inner]);
  const far = { ...inner, content: [{ start: text.indexOf("council"), end: text.indexOf(" met") }] };
  assert.deepEqual(extendOverNested([outer, far])[0], outer);
});

test("the kind is read off the final content: a cut quote carried to its edges is direct", () => {
  const text = 'Mayor Ode said: "The bridge opens in May. Tolls stay low."';
  const doc = { text, quotes: quotesOf(text) };
  const cut = {
    ...attributionIn(text, "Mayor Ode", "said", '"The bridge opens in May.'),
    kind: "partial" as const,
  };
  const [finished] = finishEdges(doc, [cut]);
  assert.equal(finished.kind, "direct");
  const reported = attributionIn(text, "Mayor Ode", "said", "The bridge opens in May. Tolls stay low.");
  assert.equal(finishEdges({ text, quotes: [] }, [reported])[0].kind, "indirect");
});
