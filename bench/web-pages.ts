import { generatedArticle } from "./fixtures.ts";

/** A page with the furniture real news pages carry around the article (navigation, related links, footer). */
export function generatedPage(index: number, pages: number): string {
  const lines = generatedArticle(index).split("\n");
  const title = (lines[0] ?? "").replace(/^Title: /, "");
  const date = (lines[2] ?? "").replace(/^Date: /, "");
  const body = lines
    .slice(5)
    .filter((line) => line.trim())
    .map((line) => `<p>${line}</p>`)
    .join("\n");
  const nav = Array.from({ length: 30 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join(
    "",
  );
  const related = Array.from(
    { length: 10 },
    (_, i) => `<li><a href="/page/${(index + i + 1) % pages}">Related story ${i}</a></li>`,
  ).join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta property="article:published_time" content="${date}"><script>window.analytics = {id: ${index}};</script></head>
<body><header><ul class="nav">${nav}</ul></header><main><article><h1>${title}</h1>
<p class="byline">By Staff Reporter</p>${body}</article><aside class="related"><ul>${related}</ul></aside></main>
<footer><p>© Generated Courier. All rights reserved.</p></footer></body></html>`;
}
