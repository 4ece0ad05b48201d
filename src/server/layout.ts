/**
 * The frame of every page and the pieces several pages share: a statement as a list item, a person link,
 * an error page. Pages are plain server-rendered HTML; the only script is the chart's, loaded from a file
 * (the Content-Security-Policy forbids inline script), and every page links to its JSON twin.
 */
import type { StatementView } from "../core/statement.ts";
import type { StatementRecord } from "../record/store.ts";
import { type Html, html, safeHref } from "./html.ts";

export interface PageOptions {
  title: string;
  /** The same page as JSON. */
  json: string;
  scripts?: string[];
  styles?: string[];
}

export function layout(options: PageOptions, body: Html): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · onrecord</title>
<link rel="stylesheet" href="/assets/app.css">
${(options.styles ?? []).map((href) => html`<link rel="stylesheet" href="${href}">`)}
<link rel="alternate" type="application/json" href="${options.json}">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<nav aria-label="Main">
<a class="brand" href="/">onrecord</a>
<a href="/">Search</a>
<a href="/people">People</a>
<a href="/topics">Topics</a>
</nav>
</header>
<main id="main" tabindex="-1">
${body}
</main>
<footer class="site"><a href="${options.json}">This page as JSON</a> · <a href="/openapi.json">API (OpenAPI)</a></footer>
${(options.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</body>
</html>
`.value;
}

export function personHref(name: string): string {
  return `/people/${encodeURIComponent(name)}`;
}

/** Where a statement's content starts in its article's page. */
export function statementHref(articleId: string, statementId: number): string {
  return `/articles/${articleId}#s-${statementId}`;
}

export function kindLabel(kind: string, confidence: number | null): string {
  return confidence === null ? kind : `${kind}, ${Math.round(confidence * 100)}%`;
}

/** The speaker linked to their page, or the source as written when it resolved to no one. */
function speakerOf(statement: StatementRecord): Html {
  if (statement.speaker) return html`<a href="${personHref(statement.speaker)}">${statement.speaker}</a>`;
  const written = statement.sourceText?.replace(/\s+/g, " ").trim();
  return html`<span class="unresolved">${written ? `unresolved: ${written}` : "unresolved speaker"}</span>`;
}

/** One search result: who, when, where, the words (matches marked) and the link to its characters. */
export function statementItem(statement: StatementRecord, content: Html | string): Html {
  const spans = statement.contentSpans.map((span) => `${span.start}–${span.end}`).join(", ");
  return html`<li class="statement">
<p class="meta">${speakerOf(statement)} · <time>${statement.published ?? "undated"}</time> · ${statement.outlet ?? "unknown outlet"} · ${kindLabel(statement.kind, statement.confidence)}</p>
<blockquote>${content}</blockquote>
<p class="ref"><a href="${statementHref(statement.articleId, statement.id)}">${statement.title ?? "article"}</a>, characters ${spans}</p>
</li>`;
}

/** A statement of one speaker's timeline or pair: date, outlet, the words, and its place in the article. */
export function viewItem(view: StatementView, extra?: Html): Html {
  const original = safeHref(view.url);
  return html`<div class="view">
<p class="meta"><time>${view.published ?? "undated"}</time> · ${view.outlet ?? "unknown outlet"}${view.alsoIn?.length ? ` (also in ${view.alsoIn.length} outlets)` : ""} · ${kindLabel(view.kind, view.confidence)}</p>
<blockquote>${view.content}</blockquote>
<p class="ref"><a href="${statementHref(view.articleId, view.id)}">${view.title ?? "article"}, characters ${view.span.start}–${view.span.end}</a>${original === "#" ? "" : html` · <a href="${original}" rel="noopener noreferrer nofollow">original</a>`}</p>
${extra}
</div>`;
}

export function errorPage(status: number, message: string, json: string): string {
  return layout({ title: `Error ${status}`, json }, html`<h1>Error ${status}</h1><p>${message}</p>`);
}
