import { articleResult } from "../ingest/read.ts";
import type { RawArticle } from "../ingest/types.ts";
import { analyzeCleaned, cleanArticle } from "../process.ts";
import type { ProcessedArticle } from "../record/types.ts";

/** One article for ingest, as the reader gave it. */
export interface IngestRequest {
  raw: RawArticle;
  /** The page's HTML when the reader left it to be extracted (ReadResult.html); `raw` then has no text. */
  html?: string;
  /**
   * Asked with the article id of the cleaned text before the analysis; true skips the analysis (the
   * article is on record already: a batch re-run after a crash, a daily dump read again).
   */
  isKnown?: (articleId: string) => boolean | Promise<boolean>;
}

export type IngestOutcome =
  | { kind: "processed"; article: ProcessedArticle; warning?: string }
  | { kind: "known"; id: string; warning?: string }
  /** The page gave no article (as a read failure: "no article text found", "cannot read HTML: ..."). */
  | { kind: "unreadable"; reason: string };

/**
 * What a processing thread does with one article: extract the page (when the reader left it as HTML),
 * clean the text once, ask whether its id is known, and analyse it.
 */
export async function ingestSteps(
  raw: RawArticle,
  html: string | undefined,
  isKnown?: (articleId: string) => boolean | Promise<boolean>,
): Promise<IngestOutcome> {
  let article = raw;
  let warning: string | undefined;
  if (html !== undefined) {
    const read = articleResult(html, "html", raw.origin, raw.url);
    if (!read.ok) return { kind: "unreadable", reason: read.failure.reason };
    article = read.article;
    warning = read.warning;
  }
  const cleaned = cleanArticle(article);
  const caveat = warning === undefined ? {} : { warning };
  if (isKnown && (await isKnown(cleaned.id))) return { kind: "known", id: cleaned.id, ...caveat };
  return { kind: "processed", article: analyzeCleaned(cleaned), ...caveat };
}
