import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { boundHtml } from "./html-bounds.ts";
import { type HtmlMetadata, htmlMetadata, jsonLdArticleBody } from "./html-metadata.ts";
import { prepassHtml } from "./html-prepass.ts";
import { isFurnitureParagraph, type PrunableElement, prepareDocument, pruneContent } from "./html-prune.ts";
import { blockText, type DomNode } from "./html-text.ts";

export interface PageText extends HtmlMetadata {
  /** The article body: one paragraph per block, separated by blank lines. Empty when none was found. */
  text: string;
  /** Set when the page was past the parsing bounds and was read as flat text (html-bounds.ts). */
  warning?: string;
}

/** Share of Readability's text that furniture pruning must leave, or it is undone. */
const MIN_KEPT_AFTER_PRUNING = 0.5;

/**
 * Reads an HTML page: its main article text (the "page text") and its metadata.
 * Metadata is read first (by the pre-pass), because Readability rewrites the document it is given.
 */
export function readPage(html: string, url?: string): PageText {
  const bounded = boundHtml(html);
  if (bounded.flattened) {
    const title = /<title[^>]*>([^<]{1,500})<\/title/i.exec(html.slice(0, 65536))?.[1]?.trim();
    return {
      ...(url ? { url } : {}),
      ...(title ? { title } : {}),
      text: bounded.html,
      warning: `HTML read as flat text: ${bounded.reason}`,
    };
  }
  // linkedom makes a bare fragment ("<p>..</p>") the document element and leaves <body> empty.
  // Inside the bounds, with any over-long tag's attributes dropped (html-bounds.ts).
  const source = bounded.html;
  const page = /<(?:html|body)[\s>]/i.test(source)
    ? source
    : `<!doctype html><html><head></head><body>${source}</body></html>`;
  // The DOM is built from the page without what can never be article text (html-prepass.ts);
  // the metadata comes from the facts that pass read on the way.
  const prepassed = prepassHtml(page);
  const metadata = htmlMetadata(prepassed.facts, url);
  const jsonLdBody = jsonLdArticleBody(prepassed.facts);
  // Readability's first attempt on the reduced page is its first attempt on the whole page; only
  // when that attempt finds too little text does it need what the reduced page left out.
  const firstAttempt = prepassed.reduced === undefined ? undefined : readArticle(prepassed.reduced, true);
  const article = firstAttempt ?? readArticle(prepassed.html, false);
  let body = "";
  if (article?.content) {
    const content = article.content;
    const unpruned = blockText(content);
    pruneContent(content as unknown as PrunableElement);
    let pruned = blockText(content);
    // A class word on a wrapper can take most of the article with it; pruning is meant to trim.
    if (pruned.length < unpruned.length * MIN_KEPT_AFTER_PRUNING) pruned = unpruned;
    body = withoutHeadlineBlock(withoutFurniture(pruned), metadata.title ?? article.title);
  }
  const readabilityTitle = article?.title?.trim() || undefined;
  const readabilityByline = article?.byline?.trim() || undefined;
  // Script-rendered pages carry no text in their markup; some still put it in JSON-LD.
  if (!body) body = jsonLdBody ?? fallbackBody(page);
  return {
    ...metadata,
    title: metadata.title ?? readabilityTitle,
    byline: metadata.byline ?? readabilityByline,
    text: body,
  };
}

type ReadabilityResult = ReturnType<Readability<DomNode>["parse"]>;

/**
 * Readability over linkedom (null when it finds nothing). With `firstAttemptOnly`, undefined when
 * Readability had to try again (its first attempt found too little text): the caller then gives it
 * the whole page.
 */
function readArticle(html: string, firstAttemptOnly: boolean): ReadabilityResult | undefined {
  const { document } = parseHTML(html);
  if (document.documentElement) prepareDocument(document.documentElement as unknown as PrunableElement);
  const reader = new Readability<DomNode>(document as unknown as Document, {
    serializer: (node) => node as unknown as DomNode,
    // Class names stay so that pruneContent can recognise captions, bylines and promos.
    keepClasses: true,
  });
  let article: ReadabilityResult = null;
  try {
    article = reader.parse();
  } catch {
    // Readability can throw on badly broken markup; the whole-body fallback takes over.
    if (firstAttemptOnly) return undefined;
  }
  // Readability keeps its failed attempts; any there means a second pass ran on this page.
  if (
    firstAttemptOnly &&
    (!article || (reader as unknown as { _attempts: unknown[] })._attempts.length > 0)
  ) {
    return undefined;
  }
  return article;
}

/** When Readability finds nothing (tiny or truncated pages), take the text of the whole body. */
function fallbackBody(html: string): string {
  const { document } = parseHTML(html);
  const root = (document.body ?? document.documentElement) as unknown as DomNode | null;
  return root ? blockText(root) : "";
}

function withoutFurniture(text: string): string {
  return text
    .split("\n\n")
    .filter((paragraph) => !isFurnitureParagraph(paragraph))
    .join("\n\n");
}

/** The headline, with a kicker or the page URL before it, sometimes opens the container Readability picks. */
const HEADLINE_SEARCH_PARAGRAPHS = 4;
const MAX_KICKER_LENGTH = 120;

/**
 * Drops a repeat of the headline near the top of the body, with the short lines above it (a
 * section name, the page URL, "Breaking News"): the title is metadata, not running text.
 */
function withoutHeadlineBlock(text: string, title: string | null | undefined): string {
  if (!title) return text;
  const key = comparable(title);
  if (!key) return text;
  const paragraphs = text.split("\n\n");
  const index = paragraphs.slice(0, HEADLINE_SEARCH_PARAGRAPHS).findIndex((p) => comparable(p) === key);
  if (index < 0 || paragraphs.length <= index + 1) return text;
  if (paragraphs.slice(0, index).some((p) => p.length > MAX_KICKER_LENGTH)) return text;
  return paragraphs.slice(index + 1).join("\n\n");
}

function comparable(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
