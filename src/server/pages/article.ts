import type { ArticleWithStatements } from "../../app/explore.ts";
import { type Span, sliceSpan } from "../../core/span.ts";
import type { StatementRecord } from "../../record/store.ts";
import { type Html, html, safeHref } from "../html.ts";
import { kindLabel, layout, personHref } from "../layout.ts";

type Role = "source" | "cue" | "content";
const ROLES: readonly Role[] = ["source", "cue", "content"];

interface Mark extends Span {
  role: Role;
  statement: number;
}

function marksOf(statements: readonly StatementRecord[], length: number): Mark[] {
  const marks: Mark[] = [];
  const add = (span: Span | null, role: Role, statement: number) => {
    // A span that does not fit the text is left out rather than drawn on the wrong characters.
    if (span && span.start >= 0 && span.end <= length && span.start < span.end)
      marks.push({ ...span, role, statement });
  };
  for (const s of statements) {
    add(s.source, "source", s.id);
    add(s.cue, "cue", s.id);
    for (const span of s.contentSpans) add(span, "content", s.id);
  }
  return marks;
}

/**
 * The article text cut at every span edge; each piece is one element naming, per role, the statements
 * whose source, cue or content covers it (`data-content="12 14"`), so nested attributions keep all their
 * marks. The text itself is never changed: `white-space: pre-wrap` keeps its line breaks, and offsets in
 * the page's text equal the stored offsets (the browser test checks the characters).
 */
export function highlightedText(text: string, statements: readonly StatementRecord[]): Html {
  const marks = marksOf(statements, text.length);
  const edges = [...new Set([0, text.length, ...marks.flatMap((m) => [m.start, m.end])])].sort(
    (a, b) => a - b,
  );
  const anchors = new Map<number, number[]>();
  for (const s of statements) {
    const start = s.contentSpans[0]?.start;
    if (start !== undefined && start >= 0 && start <= text.length)
      anchors.set(start, [...(anchors.get(start) ?? []), s.id]);
  }
  const byStart = [...marks].sort((a, b) => a.start - b.start);
  let next = 0;
  let active: Mark[] = [];
  const out: Html[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const [from, to] = [edges[i] as number, edges[i + 1] as number];
    active = active.filter((m) => m.end > from);
    while (next < byStart.length && (byStart[next] as Mark).start <= from)
      active.push(byStart[next++] as Mark);
    for (const id of anchors.get(from) ?? []) out.push(html`<span class="anchor" id="s-${id}"></span>`);
    const piece = text.slice(from, to);
    if (active.length === 0) {
      out.push(html`${piece}`);
      continue;
    }
    const roles = ROLES.filter((role) => active.some((m) => m.role === role));
    const ids = (role: Role) =>
      [...new Set(active.filter((m) => m.role === role).map((m) => m.statement))].join(" ");
    const data = (role: Role) => (roles.includes(role) ? html` data-${role}="${ids(role)}"` : "");
    out.push(
      html`<span class="hl ${roles.join(" ")}"${data("source")}${data("cue")}${data("content")}>${piece}</span>`,
    );
  }
  return html`${out}`;
}

function statementEntry(s: StatementRecord, text: string): Html {
  const who = s.speaker
    ? html`<a href="${personHref(s.speaker)}">${s.speaker}</a>`
    : html`<span class="unresolved">${s.sourceText ? `unresolved: ${s.sourceText}` : "unresolved speaker"}</span>`;
  const spans = s.contentSpans.map((span) => `${span.start}–${span.end}`).join(", ");
  const cue = s.cue ? sliceSpan(text, s.cue) : null;
  return html`<li id="statement-${s.id}" data-statement="${s.id}">
<p class="meta">${who}${cue ? html` <span class="cue-word">${cue}</span>` : ""} · ${kindLabel(s.kind, s.confidence)}</p>
<p><a href="#s-${s.id}">${s.content}</a></p>
<p class="ref">characters ${spans}</p>
</li>`;
}

export function articlePage(data: ArticleWithStatements): string {
  const { article, statements } = data;
  const original = safeHref(article.url);
  const body = html`<article class="article">
<h1>${article.title ?? "Untitled article"}</h1>
<p class="meta">${article.outlet ?? "unknown outlet"} · <time>${article.published ?? "undated"}</time>${article.byline ? ` · ${article.byline}` : ""}${original === "#" ? "" : html` · <a href="${original}" rel="noopener noreferrer nofollow">original</a>`}</p>
<p class="legend" aria-label="Legend"><span class="hl source">source</span> <span class="hl cue">cue</span> <span class="hl content">content</span> · ${statements.length} statements · id <code>${article.id}</code></p>
<div class="with-aside reading">
<div class="article-text" id="article-text" data-article="${article.id}">${highlightedText(article.text, statements)}</div>
<aside aria-label="Statements in this article"><h2>Statements</h2><ol class="article-statements">${statements.map((s) => statementEntry(s, article.text))}</ol></aside>
</div>
</article>`;
  return layout({ title: article.title ?? "Article", json: `/articles/${article.id}.json` }, body);
}
