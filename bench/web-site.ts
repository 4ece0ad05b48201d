/**
 * A generated news site for `npm run bench:web`, served on 127.0.0.1 in its own process (so its CPU is
 * not counted against the crawler): /page/N (N < --pages), /sitemap.xml listing them, /feed/K.xml
 * (K < --feeds) with --items items each and an ETag, /robots.txt. Prints its base URL on stdout.
 */
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { generatedPage } from "./web-pages.ts";

const { values } = parseArgs({
  options: {
    pages: { type: "string", default: "10000" },
    feeds: { type: "string", default: "200" },
    items: { type: "string", default: "20" },
  },
});
const pages = Number(values.pages);
const feeds = Number(values.feeds);
const items = Number(values.items);

function feed(k: number, base: string): string {
  const entries = Array.from({ length: items }, (_, i) => {
    const page = (k * items + i) % pages;
    return `<item><title>Story ${page}</title><link>${base}/page/${page}</link><guid>${base}/page/${page}</guid></item>`;
  }).join("");
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${k}</title>${entries}</channel></rss>`;
}

let base = "";
const server = createServer((request, response) => {
  const url = request.url ?? "/";
  if (url === "/robots.txt") return void response.end("User-agent: *\nAllow: /\n");
  if (url === "/sitemap.xml") {
    const urls = Array.from({ length: pages }, (_, i) => `<url><loc>${base}/page/${i}</loc></url>`).join("");
    response.writeHead(200, { "content-type": "application/xml" });
    return void response.end(
      `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls}</urlset>`,
    );
  }
  const page = /^\/page\/(\d+)$/.exec(url);
  if (page) {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    return void response.end(generatedPage(Number(page[1]), pages));
  }
  const feedMatch = /^\/feed\/(\d+)\.xml$/.exec(url);
  if (feedMatch && Number(feedMatch[1]) < feeds) {
    const body = feed(Number(feedMatch[1]), base);
    const etag = `"${createHash("sha1").update(body).digest("hex").slice(0, 16)}"`;
    if (request.headers["if-none-match"] === etag) return void response.writeHead(304).end();
    response.writeHead(200, { "content-type": "application/rss+xml", etag });
    return void response.end(body);
  }
  response.writeHead(404).end();
});
server.listen(0, "127.0.0.1", () => {
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.stdout.write(`${base}\n`);
});
