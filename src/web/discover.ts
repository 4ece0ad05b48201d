import { XMLParser } from "fast-xml-parser";
import { DetectError, parseFeed } from "feedsmith";
import { errorMessage } from "../core/errors.ts";

/** A link a feed or sitemap points to, with the date it gives when it gives one. */
export interface ItemLink {
  url: string;
  published?: string;
  title?: string;
}

export type Discovered =
  | { kind: "page" }
  | {
      kind: "feed";
      format: "rss" | "atom" | "rdf" | "json";
      title?: string;
      items: ItemLink[];
      total: number;
    }
  | { kind: "sitemap"; news: boolean; items: ItemLink[]; total: number }
  | { kind: "sitemap-index"; sitemaps: string[]; total: number };

/** Content that looked like a feed or sitemap but could not be read as one. */
export class MalformedSourceError extends Error {}

const HEAD_CHARS = 2048;

/**
 * What a fetched document is, judged from its content (not its URL or Content-Type, which are often
 * wrong): a JSON Feed, an RSS 2.0 / RSS 1.0 (RDF) / Atom feed, a sitemap or sitemap index (news
 * sitemaps included), or else a page. A feed's links are kept up to `maxItems`; `total` says how many
 * there were.
 */
export function discover(text: string, baseUrl: string, maxItems: number): Discovered {
  const head = text.slice(0, HEAD_CHARS).replace(/^\uFEFF/, "");
  const start = head.replace(/^\s*(?:<\?xml[^>]*>\s*|<!--[\s\S]*?-->\s*)*/, "");
  if (start.startsWith("{")) return readFeed(text, baseUrl, maxItems, "JSON");
  if (/^<(?:[\w-]+:)?(?:urlset|sitemapindex)[\s>]/.test(start)) return readSitemap(text, baseUrl, maxItems);
  if (/^<(?:rss|rdf:RDF|feed)[\s>]/.test(start)) return readFeed(text, baseUrl, maxItems, "XML");
  return { kind: "page" };
}

function readFeed(text: string, baseUrl: string, maxItems: number, kind: string): Discovered {
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(text);
  } catch (error) {
    if (kind === "JSON" && error instanceof DetectError)
      throw new MalformedSourceError("JSON that is not a JSON Feed");
    throw new MalformedSourceError(`malformed ${kind} feed: ${errorMessage(error)}`);
  }
  const links: ItemLink[] = [];
  let total = 0;
  const add = (url: unknown, published?: unknown, title?: unknown) => {
    total++;
    if (links.length >= maxItems || typeof url !== "string") return;
    const itemUrl = absolute(url, baseUrl);
    if (!itemUrl) return;
    links.push(
      clean({
        url: itemUrl,
        published: typeof published === "string" ? published : undefined,
        title: typeof title === "string" ? title : undefined,
      }),
    );
  };
  const { format, feed } = parsed;
  if (format === "rss") {
    for (const item of feed.items ?? []) add(item.link ?? guidLink(item.guid), item.pubDate, item.title);
  } else if (format === "rdf") {
    for (const item of feed.items ?? []) add(item.link, item.dc?.dates?.[0], item.title);
  } else if (format === "atom") {
    for (const entry of feed.entries ?? []) {
      const links = entry.links ?? [];
      const link = links.find((l) => !l.rel || l.rel === "alternate") ?? links[0];
      add(link?.href, entry.published ?? entry.updated, textOf(entry.title));
    }
  } else if (format === "json") {
    for (const item of feed.items ?? []) add(item.url ?? item.external_url, item.date_published, item.title);
  }
  return { kind: "feed", format, title: textOf(feed.title), items: links, total };
}

/** A permalink guid is the item's URL when the item has no <link>. */
function guidLink(guid: unknown): string | undefined {
  const value = (guid as { value?: unknown; isPermaLink?: boolean } | undefined)?.value;
  return typeof value === "string" && /^https?:\/\//i.test(value) ? value : undefined;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  const inner = (value as { value?: unknown } | undefined)?.value;
  return typeof inner === "string" ? inner : undefined;
}

const sitemapParser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  isArray: (name) => name === "url" || name === "sitemap",
  // Entities in a sitemap are a billion-laughs risk and never needed for URLs.
  processEntities: false,
  parseTagValue: false,
});

function readSitemap(text: string, baseUrl: string, maxItems: number): Discovered {
  let document: Record<string, unknown>;
  try {
    document = sitemapParser.parse(text, true) as Record<string, unknown>;
  } catch (error) {
    throw new MalformedSourceError(`malformed sitemap: ${errorMessage(error)}`);
  }
  type Entry = { loc?: unknown; lastmod?: unknown; news?: { publication_date?: unknown; title?: unknown } };
  const index = document.sitemapindex as { sitemap?: Entry[] } | undefined;
  if (index) {
    const entries = index.sitemap ?? [];
    const sitemaps = entries
      .slice(0, maxItems)
      .map((entry) => (typeof entry.loc === "string" ? absolute(entry.loc.trim(), baseUrl) : undefined))
      .filter((url): url is string => url !== undefined);
    return { kind: "sitemap-index", sitemaps, total: entries.length };
  }
  const entries = (document.urlset as { url?: Entry[] } | undefined)?.url ?? [];
  let news = false;
  const items: ItemLink[] = [];
  for (const entry of entries.slice(0, maxItems)) {
    const url = typeof entry.loc === "string" ? absolute(entry.loc.trim(), baseUrl) : undefined;
    if (!url) continue;
    if (entry.news) news = true;
    const published = entry.news?.publication_date ?? entry.lastmod;
    items.push(
      clean({
        url,
        published: typeof published === "string" ? published : undefined,
        title: typeof entry.news?.title === "string" ? entry.news.title : undefined,
      }),
    );
  }
  return { kind: "sitemap", news, items, total: entries.length };
}

function absolute(url: string, base: string): string | undefined {
  try {
    const parsed = new URL(url, base);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
    parsed.hash = "";
    return parsed.href;
  } catch {
    return undefined;
  }
}

function clean(link: ItemLink): ItemLink {
  const result: ItemLink = { url: link.url };
  if (link.published) result.published = link.published;
  if (link.title) result.title = link.title;
  return result;
}
