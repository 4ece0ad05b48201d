import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { boundHtml } from "./html-bounds.ts";
import {
  type HtmlMetadata,
  htmlMetadata,
  jsonLdArticleBody,
  type QueryableDocument,
} from "./html-metadata.ts";
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
 * Metadata is read first, because Readability rewrites the document it is given.
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
  const { document } = parseHTML(page);
  const metadata = htmlMetadata(document as unknown as QueryableDocument, url);
  const jsonLdBody = jsonLdArticleBody(document as unknown as QueryableDocument);
  let body = "";
  let readabilityTitle: string | undefined;
  let readabilityByline: string | undefined;
  if (document.documentElement) prepareDocument(document.documentElement as unknown as PrunableElement);
  try {
    const reader = new Readability<DomNode>(document as unknown as Document, {
      serializer: (node) => node as unknown as DomNode,
      // Class names stay so that pruneContent can recognise captions, bylines and promos.
      keepClasses: true,
    });
    const result = reader.parse();
    if (result?.content) {
      const unpruned = blockText(result.content);
      pruneContent(result.content as unknown as PrunableElement);
      let pruned = blockText(result.content);
      // A class word on a wrapper can take most of the article with it; pruning is meant to trim.
      if (pruned.length < unpruned.length * MIN_KEPT_AFTER_PRUNING) pruned = unpruned;
      body = withoutHeadlineBlock(withoutFurniture(pruned), metadata.title ?? result.title);
    }
    readabilityTitle = result?.title?.trim() || undefined;
    readabilityByline = result?.byline?.trim() || undefined;
  } catch {
    // Readability can throw on badly broken markup; fall through to the whole-body fallback.
  }
  // Script-rendered pages carry no text in their markup; some still put it in JSON-LD.
  if (!body) body = jsonLdBody ?? fallbackBody(page);
  return {
    ...metadata,
    title: metadata.title ?? readabilityTitle,
    byline: metadata.byline ?? readabilityByline,
    text: body,
  };
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
