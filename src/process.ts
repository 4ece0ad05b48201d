import { createHash } from "node:crypto";
import { statementTopics, type TopicTerm, topicTerms } from "./analysis/topics.ts";
import { type CleanResult, cleanText } from "./clean/clean.ts";
import { identityTextMap, pageRef } from "./core/provenance.ts";
import { firstIndex } from "./core/sorted.ts";
import type { RawArticle } from "./ingest/types.ts";
import { type Attribution, Doc, type Span } from "./nlp/doc.ts";
import { isEnglish, languageOf } from "./nlp/language.ts";
import { aliasForm } from "./nlp/names.ts";
import { analyze, defaultPipeline, sentencesOnly } from "./nlp/pipeline.ts";
import { hintAliases, NAME_HINTS } from "./nlp/speakers.ts";
import { statementsOnly } from "./nlp/statement-checks.ts";
import type { ProcessedArticle, ProcessedPerson, ProcessedStatement } from "./record/types.ts";

export type { ProcessedArticle, ProcessedPerson, ProcessedStatement } from "./record/types.ts";

/** Joins the parts of a split quotation into one readable statement. */
const CONTENT_JOINER = " … ";

/**
 * One article from raw to record-ready: clean, analyse, and map every attribution span back to the raw
 * text through the cleaner's offset map. Pure and synchronous (no I/O, no shared state), so it runs the
 * same on the main thread, in a worker thread or in a queue worker.
 */
export function processArticle(raw: RawArticle): ProcessedArticle {
  return analyzeCleaned(cleanArticle(raw));
}

/** An article cleaned and identified, not yet analysed: ingest checks the id against the record first. */
export interface CleanedArticle {
  raw: RawArticle;
  cleaned: CleanResult;
  /** articleId of the cleaned text. */
  id: string;
}

/** The first step of processArticle: each text is cleaned once, for its id and for the analysis. */
export function cleanArticle(raw: RawArticle): CleanedArticle {
  const cleaned = cleanText(raw.text);
  return { raw, cleaned, id: articleId(cleaned.text) };
}

/** The rest of processArticle, on an article cleanArticle prepared. */
export function analyzeCleaned({ raw, cleaned, id }: CleanedArticle): ProcessedArticle {
  const language = languageOf(cleaned.text);
  // Hover cards the cleaner removed name people in full: a layer the speakers component reads. Text in
  // another language gets sentences only: the extractor and the name finder read English ("Die
  // Digitalisierung" and "Kommen Sie" were people of German pages).
  const given = new Doc(cleaned.text).set(NAME_HINTS, cleaned.hoverNames ?? []);
  const doc = analyze(given, isEnglish(language) ? defaultPipeline : sentencesOnly);
  const toRaw = (span: Span | null) => (span ? cleaned.map.spanToRaw(span) : null);
  // Speakers are resolved over every attribution (an earlier "he said" can name the next speaker), but
  // the record keeps only statements: PolNeAR's attributions include "is seen as" and "did not respond",
  // and a Politico article's "POLITICO has learned" is its writer speaking.
  const statements = statementsOnly(doc.text, doc.attributions, { outlet: raw.outlet }).map(
    (attribution): ProcessedStatement => ({
      source: copySpan(attribution.source),
      cue: copySpan(attribution.cue),
      content: attribution.content.map((span) => ({ start: span.start, end: span.end })),
      rawSource: toRaw(attribution.source),
      rawCue: toRaw(attribution.cue),
      rawContent: attribution.content.map((span) => cleaned.map.spanToRaw(span)),
      contentText: contentText(doc, attribution),
      kind: attribution.kind,
      confidence: attribution.confidence ?? null,
      paragraph: paragraphOf(doc, attribution.content[0]?.start ?? attribution.cue?.start ?? 0),
      speaker: attribution.speaker ? structuredClone(attribution.speaker) : null,
      ...contextAndTopics(doc, attribution),
    }),
  );
  return {
    id,
    origin: raw.origin,
    format: raw.format,
    title: raw.title,
    url: raw.url,
    outlet: raw.outlet,
    byline: raw.byline,
    published: raw.published,
    language,
    rawText: raw.text,
    text: cleaned.text,
    // Plain segments, not the map object: it must survive structured clone and JSON.
    offsetMap: { segments: cleaned.map.segments.map((segment) => ({ ...segment })) },
    ...pageOf(raw),
    statements,
    topics: articleTopics(doc, raw.title),
    people: peopleOf(doc),
  };
}

/** The page as read and the map onto it: a text input is its own page; HTML names its page by hash. */
function pageOf(raw: RawArticle): Pick<ProcessedArticle, "page" | "extractedToPage"> {
  if (raw.format === "text")
    return { page: pageRef(raw.text), extractedToPage: identityTextMap(raw.text.length) };
  return { page: raw.page ?? null, extractedToPage: null };
}

/** The number (from 1) of the paragraph holding `offset`; paragraphs are sorted and disjoint. */
function paragraphOf(doc: Doc, offset: number): number {
  const paragraphs = doc.paragraphs;
  return (
    Math.min(
      firstIndex(paragraphs.length, (p) => paragraphs[p].end > offset),
      paragraphs.length - 1,
    ) + 1
  );
}

/** The record's article id: sha256 of the cleaned text, so re-reading the same article is recognised. */
export function articleId(cleanedText: string): string {
  return createHash("sha256").update(cleanedText).digest("hex");
}

function copySpan(span: Span | null): Span | null {
  return span ? { start: span.start, end: span.end } : null;
}

/** An article is about what many of its sentences mention: keys in at least this many sentences... */
const ARTICLE_TOPIC_MIN_SENTENCES = 3;
/** ...and at most this many keys, the most frequent first. */
const ARTICLE_TOPIC_LIMIT = 5;

function articleTopics(doc: Doc, title: string | undefined): TopicTerm[] {
  const counts = new Map<string, { term: TopicTerm; sentences: number }>();
  const texts = [...(title ? [title] : []), ...doc.sentences.map((sentence) => doc.slice(sentence))];
  for (const text of texts) {
    for (const term of topicTerms(text)) {
      const entry = counts.get(term.key) ?? { term, sentences: 0 };
      entry.sentences++;
      counts.set(term.key, entry);
    }
  }
  return [...counts.values()]
    .filter((entry) => entry.sentences >= ARTICLE_TOPIC_MIN_SENTENCES)
    .sort((a, b) => b.sentences - a.sentences || a.term.key.localeCompare(b.term.key))
    .slice(0, ARTICLE_TOPIC_LIMIT)
    .map((entry) => entry.term);
}

/** The sentences an attribution spans, and the topics of its content read in that context. */
function contextAndTopics(
  doc: Doc,
  attribution: Attribution,
): Pick<ProcessedStatement, "context" | "topics"> {
  const spans = [attribution.source, attribution.cue, ...attribution.content].filter(
    (s): s is Span => s !== null,
  );
  const start = Math.min(...spans.map((span) => span.start));
  const end = Math.max(...spans.map((span) => span.end));
  // Sentences are sorted and disjoint: binary search keeps a long article linear overall.
  const sentences = doc.sentences;
  const first = sentences[firstIndex(sentences.length, (i) => (sentences[i] as Span).end > start)];
  const last = sentences[firstIndex(sentences.length, (i) => (sentences[i] as Span).start >= end) - 1];
  const context = { start: Math.min(start, first?.start ?? start), end: Math.max(end, last?.end ?? end) };
  const topics = statementTopics(
    contentText(doc, attribution),
    doc.slice(context),
    attribution.speaker?.name ?? null,
  );
  return { context, topics };
}

function contentText(doc: Doc, attribution: Attribution): string {
  return attribution.content.map((span) => doc.slice(span).trim()).join(CONTENT_JOINER);
}

/**
 * Surface forms of each named referent: mentions whose text starts with a capital letter (names and
 * titles; pronouns and descriptions like "the senator" are not aliases).
 */
function peopleOf(doc: Doc): ProcessedPerson[] {
  const people = new Map<string, ProcessedPerson>();
  const add = (name: string, kind: ProcessedPerson["kind"], alias: string) => {
    let person = people.get(name);
    if (!person) {
      person = { name, kind, aliases: [] };
      people.set(name, person);
    }
    if (!person.aliases.includes(alias)) person.aliases.push(alias);
  };
  for (const mention of doc.mentions) {
    // Pronouns ("He") and descriptions ("The governor") refer to a person but are not their names.
    if (mention.resolution && mention.resolution !== "name" && mention.resolution !== "alias") continue;
    const surface = aliasForm(doc.slice(mention), mention.kind);
    if (!surface || !/^\p{Lu}/u.test(surface) || mention.kind === "group") continue;
    add(mention.name, mention.kind, surface);
  }
  for (const [name, fullNames] of hintAliases(doc)) {
    for (const full of fullNames) {
      add(name, "person", full);
      const person = people.get(name);
      if (person) person.hoverNames = [...(person.hoverNames ?? []), full];
    }
  }
  return [...people.values()];
}
