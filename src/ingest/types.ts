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

/** A failure to read one input (or one record of a dump). The batch goes on. */
export interface ReadFailure {
  origin: string;
  /** 1-based line number within a dump, when the failure is one record. */
  line?: number;
  reason: string;
}

/** A read that succeeded with a caveat the user should see (e.g. a page read as flat text). */
export type ReadResult =
  | { ok: true; article: RawArticle; warning?: string }
  | { ok: false; failure: ReadFailure };
