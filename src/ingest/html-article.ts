import { errorMessage } from "../core/errors.ts";
import { pageRef } from "../core/provenance.ts";
import { readPage } from "./html.ts";
import { textArticle } from "./text.ts";
import type { RawArticle, ReadResult } from "./types.ts";

/**
 * A whole text or HTML document in memory → one article, or "no article text found". Fetched pages and
 * WARC records come through here too (with their URL), so every HTML source is read the same way.
 */
export function articleResult(
  content: string,
  format: "text" | "html",
  origin: string,
  pageUrl?: string,
): ReadResult {
  if (format === "text") return { ok: true, article: textArticle(content, origin) };
  let page: ReturnType<typeof readPage>;
  try {
    page = readPage(content, pageUrl);
  } catch (error) {
    return {
      ok: false,
      failure: { origin, reason: `cannot read HTML: ${errorMessage(error)}` },
    };
  }
  if (!page.text.trim()) return { ok: false, failure: { origin, reason: "no article text found" } };
  const { text, ...metadata } = page;
  const { warning, ...fields } = metadata;
  const article: RawArticle = { origin, format: "html", text, ...fields, page: pageRef(content) };
  return warning ? { ok: true, article, warning } : { ok: true, article };
}
