import { articleResult } from "../ingest/html-article.ts";
import type { RawArticle } from "../ingest/types.ts";
import { analyzeCleaned, type CleanedArticle, cleanArticle } from "../process.ts";
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

/** An article extracted (when it was a page) and cleaned: its id can be checked before the analysis. */
export interface Prepared {
  cleaned: CleanedArticle;
  warning?: string;
}

/**
 * The first half of the per-article work: extract the page (when the reader left it as HTML) and clean
 * the text, once, for its id and for the analysis.
 */
export function prepareArticle(raw: RawArticle, html: string | undefined): Prepared | IngestOutcome {
  if (html === undefined) return { cleaned: cleanArticle(raw) };
  const read = articleResult(html, "html", raw.origin, raw.url);
  if (!read.ok) return { kind: "unreadable", reason: read.failure.reason };
  const prepared: Prepared = { cleaned: cleanArticle(read.article) };
  if (read.warning) prepared.warning = read.warning;
  return prepared;
}

/** The second half: the known outcome, or the analysis. */
export function finishArticle(prepared: Prepared, known: boolean): IngestOutcome {
  const caveat = prepared.warning === undefined ? {} : { warning: prepared.warning };
  if (known) return { kind: "known", id: prepared.cleaned.id, ...caveat };
  return { kind: "processed", article: analyzeCleaned(prepared.cleaned), ...caveat };
}

/** Both halves on the calling thread, with the known check between them. */
export async function ingestSteps(request: IngestRequest): Promise<IngestOutcome> {
  const prepared = prepareArticle(request.raw, request.html);
  if (!("cleaned" in prepared)) return prepared;
  const known = request.isKnown ? await request.isKnown(prepared.cleaned.id) : false;
  return finishArticle(prepared, known);
}
