import { pageRef } from "../core/provenance.ts";
import { extractArticle } from "./html.ts";
import { textArticle } from "./text.ts";
import type { RawArticle, ReadResult } from "./types.ts";

/**
 * A whole text or HTML document in memory → one article, or "no article text found". Fetched pages and
 * WARC records come through here too (with their URL), so every HTML source gets the same extraction.
 */
export function articleResult(
  content: string,
  format: "text" | "html",
  origin: string,
  pageUrl?: string,
): ReadResult {
  if (format === "text") return { ok: true, article: textArticle(content, origin) };
  let extracted: ReturnType<typeof extractArticle>;
  try {
    extracted = extractArticle(content, pageUrl);
  } catch (error) {
    return {
      ok: false,
      failure: { origin, reason: `cannot read HTML: ${(error as Error)?.message ?? error}` },
    };
  }
  if (!extracted.text.trim()) return { ok: false, failure: { origin, reason: "no article text found" } };
  const { text, ...metadata } = extracted;
  const { warning, ...fields } = metadata;
  const article: RawArticle = { origin, format: "html", text, ...fields, page: pageRef(content) };
  return warning ? { ok: true, article, warning } : { ok: true, article };
}
