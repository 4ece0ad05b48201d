import type { PageRef } from "./provenance.ts";

/**
 * What readers produce: one article as read from its input, before cleaning.
 * `text` is the extracted text (provenance.ts): for plain-text inputs the exact text as read; for HTML the
 * article body Readability extracted from the page.
 */
export interface RawArticle {
  /** Where it came from, for error messages and provenance: a path, "path:line" for dumps, or "<stdin>". */
  origin: string;
  format: "text" | "html" | "jsonl" | "csv";
  text: string;
  /** The HTML page `text` was extracted from, by hash (a text input is its own page). */
  page?: PageRef;
  title?: string;
  url?: string;
  outlet?: string;
  byline?: string;
  /** ISO 8601 date (YYYY-MM-DD) or date-time, when known. */
  published?: string;
}
