/**
 * Fictional articles for the store tests (every person, outlet and place is invented): built as
 * ProcessedArticles directly, so the store is tested without the extractor.
 */
import assert from "node:assert/strict";
import { topicTerms } from "../src/analysis/topics.ts";
import { identityTextMap, pageRef } from "../src/core/provenance.ts";
import type { Span, Speaker } from "../src/nlp/doc.ts";
import type { ProcessedArticle, ProcessedStatement } from "../src/record/types.ts";

export interface FixtureQuote {
  speaker: (Partial<Speaker> & { name: string }) | null;
  source?: string;
  cue?: string;
  content: string[];
  confidence?: number;
  paragraph?: number;
}

/** A fictional article: a header the cleaner would cut (so raw and clean offsets differ), then the body. */
export function article(
  id: string,
  body: string,
  published: string | undefined,
  quotes: FixtureQuote[],
  extra: Partial<ProcessedArticle> = {},
): ProcessedArticle {
  const header = `Title: ${id}\nOutlet: The Fictional Ledger\n\n`;
  const find = (needle: string): Span => {
    const start = body.indexOf(needle);
    assert.ok(start >= 0, `fixture text lacks ${needle}`);
    return { start, end: start + needle.length };
  };
  const toRaw = (span: Span | null): Span | null =>
    span ? { start: span.start + header.length, end: span.end + header.length } : null;
  const statements = quotes.map((quote): ProcessedStatement => {
    const content = quote.content.map((part) => find(part));
    const source = quote.source ? find(quote.source) : null;
    const cue = quote.cue ? find(quote.cue) : null;
    return {
      source,
      cue,
      content,
      rawSource: toRaw(source),
      rawCue: toRaw(cue),
      rawContent: content.map((span) => toRaw(span) as Span),
      contentText: quote.content.join(" … "),
      kind: "direct",
      confidence: quote.confidence ?? null,
      ...(quote.paragraph === undefined ? {} : { paragraph: quote.paragraph }),
      speaker: quote.speaker ? { kind: "person", resolution: "name", ...quote.speaker } : null,
      context: { start: 0, end: body.length },
      topics: topicTerms(quote.content.join(" ")),
    };
  });
  return {
    id,
    origin: `${id}.txt`,
    format: "text",
    language: "eng",
    title: id,
    outlet: "The Fictional Ledger",
    published,
    rawText: header + body,
    text: body,
    offsetMap: { segments: [{ cleanStart: 0, rawStart: header.length, length: body.length }] },
    // A text input is its own page.
    page: pageRef(header + body),
    extractedToPage: identityTextMap(header.length + body.length),
    statements,
    people: [],
    topics: [],
    ...extra,
  };
}

/** An article in which `name` says one thing, written as `source`. */
export function says(id: string, name: string, published: string, source = name): ProcessedArticle {
  const content = `the harbour stays open ${id}.`;
  return article(id, `${source} said "${content}"`, published, [
    { speaker: { name }, source, cue: "said", content: [content] },
  ]);
}

export const mayorText =
  'Mayor Ada Quill said "the bridge opens in May." Later, Quill told reporters "we are on schedule, and proud of it."';
export const mayor = article("a1", mayorText, "2026-03-02", [
  {
    speaker: { name: "Ada Quill", roles: ["Mayor"], party: "Green" },
    source: "Mayor Ada Quill",
    cue: "said",
    content: ["the bridge opens in May."],
    confidence: 0.91,
  },
  {
    speaker: { name: "Ada Quill", roles: ["Mayor"] },
    source: "Quill",
    cue: "told",
    content: ["we are on schedule,", "and proud of it."],
    confidence: 0.42,
  },
]);
export const councilText = 'Councillor Bo Tern said "the bridge is late." A spokesperson said "no comment."';
export const council = article("a2", councilText, "2026-04-10T09:30:00Z", [
  {
    speaker: { name: "Bo Tern", roles: ["Councillor"] },
    source: "Councillor Bo Tern",
    cue: "said",
    content: ["the bridge is late."],
    confidence: 0.77,
  },
  { speaker: null, source: "A spokesperson", cue: "said", content: ["no comment."] },
]);
export const laterText = 'Ada Quill said "the bridge opened today."';
export const later = article("a3", laterText, "2026-05-20", [
  {
    speaker: { name: "ada quill", roles: ["Mayor"] },
    source: "Ada Quill",
    cue: "said",
    content: ["the bridge opened today."],
  },
]);
