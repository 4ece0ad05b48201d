/**
 * One provenance model for every article: three texts and the maps between them.
 *
 *   page       the input as read: the HTML source of a page, the text file, the record of a dump
 *      ▲  extractedToPage: identity for a text file; not kept for HTML (Readability rebuilds the text from
 *      │  the DOM: entities decoded, whitespace collapsed, elements dropped, so no offset map exists) nor for
 *      │  dumps (the JSON or CSV escapes of the record are undone before the text is seen)
 *   extracted  the article text the reader produced (Readability's output for HTML; the page for text)
 *      ▲  cleanedToExtracted: the cleaner's map (src/core/offset-map.ts); cleaning only deletes
 *   cleaned    what the pipeline analyses and every stored span indexes
 *
 * The page itself is kept only where it is the extracted text (a text file): an HTML page is ten to fifty
 * times its article and, without a map, no span could point into it. It is named by its SHA-256 and
 * length instead, so a copy of the page can be checked against the record.
 */
import { createHash } from "node:crypto";
import type { KeptSegment, TextMap } from "./offset-map.ts";

/** A page named by its content: SHA-256 (hex) of its UTF-8 encoding and its length in UTF-16 code units. */
export interface PageRef {
  sha256: string;
  length: number;
}

export function pageRef(page: string): PageRef {
  return { sha256: createHash("sha256").update(page).digest("hex"), length: page.length };
}

/** The identity map of a text onto itself (a text file is its own extracted text). */
export function identityTextMap(length: number): TextMap {
  const segments: KeptSegment[] = length > 0 ? [{ cleanStart: 0, rawStart: 0, length }] : [];
  return { segments, rawLength: length };
}

/** An article's texts and maps as the record keeps them (Store.articleTexts). */
export interface ArticleTexts {
  id: string;
  format: string;
  origin: string;
  /** The page as read, by hash; null when the reader never saw it (a dump's record, or stored before). */
  page: PageRef | null;
  /** The page's text, when the record has it: only where it is the extracted text. */
  pageText: string | null;
  extracted: string;
  cleaned: string;
  /** The cleaner's map; null only for an article stored without one (made by hand, in tests). */
  cleanedToExtracted: TextMap | null;
  /** Null when no map to the page is kept; `pageNote` says why. */
  extractedToPage: TextMap | null;
  /** How the extracted text relates to the page, in words. */
  pageNote: string;
}

/** Why an article of this format has, or lacks, a map from its extracted text to its page. */
export function pageNote(format: string, map: TextMap | null, page: PageRef | null): string {
  if (map) return "the extracted text is the page as read";
  if (format === "html") {
    return "Readability rebuilt the text from the page's DOM (entities decoded, whitespace collapsed): no map to the page is kept";
  }
  if (format === "jsonl" || format === "csv") {
    return "the text field of a dump record, its escapes undone: no map to the record's characters is kept";
  }
  return page ? "no map to the page is kept" : "stored before the record kept pages: no map";
}
