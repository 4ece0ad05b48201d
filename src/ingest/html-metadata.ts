import { normalizeDate } from "../core/dates.ts";
import type { PageFacts } from "./html-prepass.ts";

/** Article metadata found in a page's head and markup. */
export interface HtmlMetadata {
  title?: string;
  byline?: string;
  published?: string;
  url?: string;
  outlet?: string;
}

/** schema.org types that describe a news article; `\w*NewsArticle` covers Analysis/Opinion/Reportage. */
const ARTICLE_TYPE = /^(?:\w*NewsArticle|Article|BlogPosting|Report|LiveBlogPosting|ScholarlyArticle)$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/**
 * Reads metadata in order of reliability: JSON-LD (structured, set by the publisher for search
 * engines), then OpenGraph and meta tags, then <time>, <link rel=canonical> and <title>.
 */
export function htmlMetadata(page: PageFacts, pageUrl?: string): HtmlMetadata {
  const ld = jsonLdArticle(page);
  /** The content of the first <meta> whose `attribute` is `value` (as `meta[attribute="value"]` finds it). */
  const meta = (attribute: string, value: string) =>
    clean(page.metas.find((attributes) => attributes[attribute] === value)?.content);
  const canonical = clean(page.canonical);
  const time = clean(page.time);

  const title =
    text(ld?.headline) ?? meta("property", "og:title") ?? meta("name", "twitter:title") ?? clean(page.title);
  const byline =
    names(ld?.author) ?? nonUrl(meta("name", "author")) ?? nonUrl(meta("property", "article:author"));
  const published =
    normalizeDate(text(ld?.datePublished)) ??
    normalizeDate(meta("property", "article:published_time")) ??
    normalizeDate(meta("name", "date")) ??
    normalizeDate(meta("name", "pubdate")) ??
    normalizeDate(meta("name", "publishdate")) ??
    normalizeDate(meta("itemprop", "datePublished")) ??
    normalizeDate(time);
  const url =
    absoluteUrl(canonical, pageUrl) ??
    absoluteUrl(meta("property", "og:url"), pageUrl) ??
    absoluteUrl(text(ld?.url), pageUrl) ??
    absoluteUrl(pageUrl);
  const outlet = publisherName(ld?.publisher) ?? meta("property", "og:site_name") ?? hostOf(url);
  return dropUndefined({ title, byline, published, url, outlet });
}

/** The JSON-LD articleBody, when the publisher put the text there (a fallback for script-rendered pages). */
export function jsonLdArticleBody(page: PageFacts): string | undefined {
  const body = jsonLdArticle(page)?.articleBody;
  return typeof body === "string" && body.trim() ? body.trim() : undefined;
}

function jsonLdArticle(page: PageFacts): JsonObject | undefined {
  for (const script of page.jsonLd) {
    const parsed = parseJsonLd(script);
    const article = findArticle(parsed);
    if (article) return article;
  }
  return undefined;
}

function parseJsonLd(source: string): Json | undefined {
  // Some sites wrap JSON-LD in HTML comments or CDATA markers; strip them before parsing.
  const body = source.replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[)/, "").replace(/(?:-->|\/\/\s*\]\]>)\s*$/, "");
  try {
    return JSON.parse(body) as Json;
  } catch {
    return undefined;
  }
}

/** Depth-first search through arrays and @graph for the first article-typed object. */
function findArticle(node: Json | undefined, depth = 0): JsonObject | undefined {
  if (depth > 4 || node === null || typeof node !== "object") return undefined;
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findArticle(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  const types = Array.isArray(node["@type"]) ? node["@type"] : [node["@type"]];
  if (types.some((type) => typeof type === "string" && ARTICLE_TYPE.test(type))) return node;
  return findArticle(node["@graph"], depth + 1);
}

function text(value: Json | undefined): string | undefined {
  if (typeof value === "string") return clean(value);
  if (Array.isArray(value)) return text(value[0]);
  return undefined;
}

/** Author names from a string, an object with a name, or an array of either. */
function names(value: Json | undefined): string | undefined {
  const list = (Array.isArray(value) ? value : [value])
    .map((item) => (item && typeof item === "object" && !Array.isArray(item) ? text(item.name) : text(item)))
    .filter((name): name is string => name !== undefined && !/^https?:/.test(name));
  return list.length ? [...new Set(list)].join(", ") : undefined;
}

function publisherName(value: Json | undefined): string | undefined {
  if (Array.isArray(value)) return publisherName(value[0]);
  if (value && typeof value === "object") return text(value.name);
  return text(value);
}

function clean(value: string | null | undefined): string | undefined {
  const collapsed = value?.replace(/\s+/g, " ").trim();
  return collapsed ? collapsed : undefined;
}

function nonUrl(value: string | undefined): string | undefined {
  return value && !/^https?:/.test(value) ? value : undefined;
}

function absoluteUrl(value: string | undefined, base?: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** "https://www.thehill.com/..." → "thehill.com". */
export function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^www\./, "") || undefined;
  } catch {
    return undefined;
  }
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
