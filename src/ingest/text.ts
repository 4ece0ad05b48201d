import { parseHeader } from "../clean/header.ts";
import { normalizeDate } from "../core/dates.ts";
import type { RawArticle } from "./types.ts";

/**
 * A plain-text article. `text` is the exact content (header included), so offsets index the file;
 * cleanText() drops the header later. Header fields fill the metadata.
 */
export function textArticle(content: string, origin: string): RawArticle {
  const article: RawArticle = { origin, format: "text", text: content };
  const fields = parseHeader(content)?.fields;
  if (!fields) {
    const published = dateInFileName(origin);
    if (published) article.published = published;
    return article;
  }
  if (fields.title) article.title = fields.title;
  if (fields.outlet) article.outlet = fields.outlet;
  if (fields.url) article.url = fields.url;
  if (fields.byline) article.byline = fields.byline;
  const published = normalizeDate(fields.date);
  if (published) article.published = published;
  return article;
}

/**
 * Scrapers often name files by date ("thehill-2018-07-24-russia-midterms.txt"); without a header that is the
 * best date there is. Only a full, valid YYYY-MM-DD in the file's own name counts.
 */
export function dateInFileName(origin: string): string | undefined {
  const name = origin.split(/[\\/]/).pop() ?? "";
  const match = name.match(/(?:^|[^\d])((?:19|20)\d\d-[01]\d-[0-3]\d)(?:[^\d]|$)/);
  return match ? normalizeDate(match[1]) : undefined;
}
