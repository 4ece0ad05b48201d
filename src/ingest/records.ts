import { normalizeDate } from "../core/dates.ts";
import { errorMessage } from "../core/errors.ts";
import { webUrl } from "../core/urls.ts";
import { readPage } from "./html.ts";
import { type FieldNames, type RecordField, tooLarge } from "./options.ts";
import type { RawArticle, ReadResult } from "./types.ts";

/** Where a record sits: a line of a dump, or (for a JSON array) an element named by `label`. */
export interface RecordPlace {
  path: string;
  line?: number;
  label?: string;
  format: "jsonl" | "csv";
  maxBytes: number;
}

/**
 * Turns one record of a dump (a JSON object or a CSV row) into an article, through the configured
 * field names. The first listed name that holds a non-empty value wins; names match exactly first,
 * then ignoring case ("Title" column for "title").
 */
export function recordToArticle(
  record: Record<string, unknown>,
  names: FieldNames,
  where: RecordPlace,
): ReadResult {
  try {
    return convertRecord(record, names, where);
  } catch (error) {
    // Whatever one record does to the page reader, it fails that record only, with its line.
    const reason = `cannot read record: ${errorMessage(error)}`;
    return { ok: false, failure: { origin: where.path, line: where.line, reason } };
  }
}

function convertRecord(record: Record<string, unknown>, names: FieldNames, where: RecordPlace): ReadResult {
  const failure = (reason: string): ReadResult => ({
    ok: false,
    failure: {
      origin: where.path,
      line: where.line,
      reason: where.label ? `${where.label}: ${reason}` : reason,
    },
  });
  const value = (field: RecordField) => lookup(record, names[field]);
  const body = asText(value("text"));
  if (!body?.trim()) return failure(`record has no text (looked for: ${names.text.join(", ")})`);
  const bytes = Buffer.byteLength(body, "utf8");
  if (bytes > where.maxBytes) return failure(tooLarge(bytes, where.maxBytes, "record"));

  const origin = where.label ? `${where.path}[${where.label}]` : `${where.path}:${where.line}`;
  const article: RawArticle = { origin, format: where.format, text: body };
  const title = asText(value("title"));
  const url = webUrl(asText(value("url")));
  const outlet = asText(value("outlet"));
  const byline = asNames(value("byline"));
  const published = normalizeDate(value("published"));
  let warning: string | undefined;
  if (looksLikeHtml(body)) {
    const page = readPage(body, url);
    warning = page.warning;
    if (!page.text) return failure("no article text found in the record's HTML");
    article.text = page.text;
    article.title = title ?? page.title;
    article.url = url ?? page.url;
    article.outlet = outlet ?? page.outlet;
    article.byline = byline ?? page.byline;
    article.published = published ?? page.published;
  } else {
    if (title) article.title = title;
    if (url) article.url = url;
    if (outlet) article.outlet = outlet;
    if (byline) article.byline = byline;
    if (published) article.published = published;
  }
  for (const key of Object.keys(article) as (keyof RawArticle)[]) {
    if (article[key] === undefined) delete article[key];
  }
  return warning ? { ok: true, article, warning } : { ok: true, article };
}

function lookup(record: Record<string, unknown>, names: readonly string[]): unknown {
  for (const name of names) {
    const value = record[name];
    if (value !== undefined && value !== null && value !== "") return value;
  }
  const lowerKeys = new Map(Object.keys(record).map((key) => [key.toLowerCase(), key]));
  for (const name of names) {
    const key = lowerKeys.get(name.toLowerCase());
    const value = key === undefined ? undefined : record[key];
    if (value !== undefined && value !== null && value !== "") return value;
  }
  return undefined;
}

function asText(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() ? value : undefined;
  if (typeof value === "number") return String(value);
  // Some dumps hold the body as a list of paragraphs.
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) {
    return asText(value.join("\n\n"));
  }
  return undefined;
}

/** "A", ["A", "B"], [{name: "A"}] → "A" / "A, B". */
function asNames(value: unknown): string | undefined {
  const list = Array.isArray(value) ? value : [value];
  const names = list
    .map((item) =>
      item && typeof item === "object" ? asText((item as Record<string, unknown>).name) : asText(item),
    )
    .filter((name): name is string => name !== undefined)
    .map((name) => name.trim());
  return names.length ? names.join(", ") : undefined;
}

/**
 * A body "looks like HTML" when it holds markup for paragraphs, line breaks or a document, not
 * merely a stray "<" in prose ("a < b") or an angle-bracketed email address.
 */
export function looksLikeHtml(text: string): boolean {
  return /<(?:p|div|br|html|body|article|section|span|h[1-6]|li|ul|ol|table|a)(?:\s[^>]*)?\/?>/i.test(text);
}
