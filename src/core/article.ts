/**
 * What readers produce: one article as read from its input, before cleaning.
 * `text` is the exact text offsets refer to for plain-text inputs; for HTML it is the extracted article body.
 */
export interface RawArticle {
  /** Where it came from, for error messages and provenance: a path, "path:line" for dumps, or "<stdin>". */
  origin: string;
  format: "text" | "html" | "jsonl" | "csv";
  text: string;
  title?: string;
  url?: string;
  outlet?: string;
  byline?: string;
  /** ISO 8601 date (YYYY-MM-DD) or date-time, when known. */
  published?: string;
}
