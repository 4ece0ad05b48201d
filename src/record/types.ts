import type { RawArticle } from "../core/article.ts";
import type { KeptSegment, TextMap } from "../core/offset-map.ts";
import type { PageRef } from "../core/provenance.ts";
import type { Span } from "../core/span.ts";
import type { Speaker, StatementFacts } from "../core/statement.ts";
import type { TopicTerm } from "../core/topic.ts";

/**
 * One attribution ready to be stored: spans into the cleaned text (what the pipeline saw) and the same
 * spans mapped back into the raw text (what the reader produced), so a statement can be verified against
 * either. Plain data only: it crosses a worker-thread boundary by structured clone.
 */
export interface ProcessedStatement extends StatementFacts {
  source: Span | null;
  cue: Span | null;
  content: Span[];
  rawSource: Span | null;
  rawCue: Span | null;
  rawContent: Span[];
  /** The content spans' text joined by " … " (a quote split by "he said" reads as one statement). */
  contentText: string;
  speaker: Speaker | null;
  /** The sentence(s) holding source, cue and content, in cleaned-text offsets. */
  context: Span;
  /** What the statement is about (see analysis/topics.ts), computed where the text is at hand. */
  topics: TopicTerm[];
}

/** A person or organisation seen in the article, with the surface forms that named it. */
export interface ProcessedPerson {
  name: string;
  kind: Speaker["kind"];
  aliases: string[];
  /** The aliases that came from hover cards (full names the cleaner removed from the text). */
  hoverNames?: string[];
}

/** What `processArticle` returns and `Store.addArticle` takes. */
export interface ProcessedArticle {
  /** sha256 (hex) of the cleaned text: the same article read twice gets the same id. */
  id: string;
  origin: string;
  format: RawArticle["format"];
  title?: string;
  url?: string;
  outlet?: string;
  byline?: string;
  published?: string;
  /** ISO 639-3 code of the text's language ("und" when too short to tell); statements only for English. */
  language: string;
  /** The extracted text (core/provenance.ts), which the raw spans index. */
  rawText: string;
  /** The cleaned text, which the spans index. */
  text: string;
  /**
   * The cleaner's map, cleaned → extracted, as plain segments (spans are already mapped); null only in
   * articles made by hand (tests), where the record then has no map.
   */
  offsetMap: { segments: KeptSegment[] } | null;
  /** The page the article was read from, by hash; null or absent when the reader did not see it (a dump's record). */
  page?: PageRef | null;
  /** Extracted → page: identity for a text input; null or absent where no map can be had (HTML, dumps). */
  extractedToPage?: TextMap | null;
  statements: ProcessedStatement[];
  /** Topics the article as a whole is about (those most of its sentences mention). */
  topics: TopicTerm[];
  /** Aliases of the speakers of this article (surface forms of their mentions). */
  people: ProcessedPerson[];
}
