import type { RawArticle } from "./types.ts";

export type InputFormat = RawArticle["format"];

/** Record fields a dump may carry; each maps to the column/key names tried in order. */
export type RecordField = "text" | "title" | "url" | "published" | "outlet" | "byline";
export type FieldNames = Record<RecordField, readonly string[]>;

export interface ReadOptions {
  /** Format of stdin ("-"); sniffed from its first character when absent. Files go by extension. */
  format?: InputFormat;
  /** Largest single article (a text/HTML file, or one record of a dump), in bytes. Default 10 MB. */
  maxBytes?: number;
  /** Key/column names for dumps; a field given here replaces that field's defaults. */
  fields?: Partial<Record<RecordField, string | readonly string[]>>;
  /** Told of each WARC record skipped (not a 200 HTML response), with the reason, for counts. */
  onSkipped?: (reason: string) => void;
  /** What "-" reads; process.stdin by default (tests pass a stream). */
  stdin?: AsyncIterable<Buffer | string>;
  /**
   * HTML files come back unextracted (ReadResult's `html`), for the caller to extract elsewhere: ingest
   * does it on its worker threads, so that the reading thread only reads.
   */
  deferHtml?: boolean;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export const DEFAULT_FIELDS: FieldNames = {
  text: ["text", "content", "body", "article", "maintext"],
  title: ["title", "headline"],
  url: ["url", "link"],
  published: ["date", "published", "published_at", "publishedAt", "pubDate", "date_publish"],
  outlet: ["publication", "outlet", "source", "site", "domain"],
  byline: ["author", "authors", "byline"],
};

export function fieldNames(options: ReadOptions = {}): FieldNames {
  const names = { ...DEFAULT_FIELDS };
  for (const [field, value] of Object.entries(options.fields ?? {}) as [RecordField, string | string[]][]) {
    if (value !== undefined) names[field] = typeof value === "string" ? [value] : value;
  }
  return names;
}

const MEGABYTE = 1024 * 1024;

/**
 * Sizes in failure messages: a measured size with one decimal ("50.0 MB"), a limit as written
 * ("10 MB"); sizes under a tenth of a megabyte in bytes, so small test limits still read well.
 */
export function formatSize(bytes: number, kind: "measured" | "limit" = "measured"): string {
  if (bytes < MEGABYTE / 10) return `${bytes} bytes`;
  const megabytes = bytes / MEGABYTE;
  if (kind === "limit" && Number.isInteger(megabytes)) return `${megabytes} MB`;
  return `${megabytes.toFixed(1)} MB`;
}

export function tooLarge(bytes: number, limit: number, what = "file"): string {
  return `${what} too large: ${formatSize(bytes)} (limit ${formatSize(limit, "limit")})`;
}
