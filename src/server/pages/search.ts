import type { StatementSearch } from "../../app/explore.ts";
import type { FacetCount } from "../../record/statement-search.ts";
import { type Html, html, queryString } from "../html.ts";
import { layout, statementItem } from "../layout.ts";

/** The filters as the user wrote them (query-string values), kept in every link of the page. */
export type SearchFilters = Partial<
  Record<"q" | "speaker" | "outlet" | "since" | "until" | "kind" | "topic" | "minConfidence", string>
>;

/** The query's words marked in the content, case-insensitively (what FTS matched, near enough). */
export function markMatches(content: string, q: string | undefined): Html {
  const words = (q ?? "")
    .split(/\s+/)
    .map((word) => word.replace(/[^\p{L}\p{N}]/gu, ""))
    .filter((word) => word.length > 0);
  if (words.length === 0) return html`${content}`;
  const pattern = new RegExp(
    `(${words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`,
    "giu",
  );
  const parts = content.split(pattern);
  // split with one capture group alternates text and match: odd indices are matches.
  return html`${parts.map((part, i) => (i % 2 === 1 ? html`<mark>${part}</mark>` : part))}`;
}

const FACETS: { key: keyof SearchFilters; facet: keyof StatementSearch["facets"]; title: string }[] = [
  { key: "speaker", facet: "speaker", title: "Speaker" },
  { key: "outlet", facet: "outlet", title: "Outlet" },
  { key: "topic", facet: "topic", title: "Topic" },
];

function monthRange(month: string): SearchFilters {
  const [year, m] = month.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { since: `${month}-01`, until: `${month}-${String(last).padStart(2, "0")}` };
}

function facetList(title: string, counts: FacetCount[], link: (value: string) => string): Html {
  if (counts.length === 0) return html``;
  return html`<section class="facet" aria-label="${title}"><h3>${title}</h3><ul>
${counts.map((c) => html`<li><a href="${link(c.value)}">${c.label}</a> <span class="count">${c.count}</span></li>`)}
</ul></section>`;
}

/** `speakerName`: who the speaker filter means, shown instead of the id a facet's link carries. */
export function searchPage(
  filters: SearchFilters,
  result: StatementSearch,
  nextHref: string | null,
  speakerName?: string,
): string {
  const narrow = (extra: SearchFilters) => `/${queryString({ ...filters, ...extra })}`;
  const { facets } = result;
  const shown: SearchFilters = { ...filters, speaker: speakerName ?? filters.speaker };
  const field = (name: keyof SearchFilters, label: string, type = "text") =>
    html`<label>${label} <input type="${type}" name="${name}" value="${shown[name] ?? ""}"></label>`;
  const kinds = ["", "direct", "indirect", "partial"];
  const form = html`<form class="search" method="get" action="/" role="search">
<label class="wide">Search statements <input type="search" name="q" value="${filters.q ?? ""}"></label>
${field("speaker", "Speaker")}
${field("outlet", "Outlet")}
${field("topic", "Topic key")}
${field("since", "From", "date")}
${field("until", "To", "date")}
<label>Kind <select name="kind">${kinds.map((k) => html`<option value="${k}"${filters.kind === k ? html` selected` : ""}>${k || "any"}</option>`)}</select></label>
<label>Min. confidence <input type="number" name="minConfidence" min="0" max="1" step="0.05" value="${filters.minConfidence ?? ""}"></label>
<button type="submit">Search</button>
</form>`;
  const counted =
    facets.counted < facets.total
      ? html`<p class="note">Counts are over the newest ${facets.counted}.</p>`
      : "";
  const aside = html`<aside class="facets" aria-label="Narrow the results">
<h2>Narrow</h2>${counted}
${FACETS.map(({ key, facet, title }) => facetList(title, facets[facet] as FacetCount[], (value) => narrow({ [key]: value })))}
${facetList("Month", facets.month, (value) => narrow(monthRange(value)))}
</aside>`;
  const active = Object.entries(filters).filter(([, value]) => value);
  const body = html`<h1>Who said what</h1>
${form}
<div class="with-aside">
${aside}
<section class="results" aria-labelledby="results-title">
<h2 id="results-title">${facets.total} statement${facets.total === 1 ? "" : "s"}${speakerName ? html` by ${speakerName}` : ""}${active.length ? html` <a class="clear" href="/">clear filters</a>` : ""}</h2>
<p class="export">Export this query: <a href="/api/statements/export${queryString({ ...filters, format: "csv" })}">CSV</a> · <a href="/api/statements/export${queryString({ ...filters, format: "jsonl" })}">JSON Lines</a></p>
<ol class="statements">
${result.statements.map((s) => statementItem(s, markMatches(s.content, filters.q)))}
</ol>
${nextHref ? html`<p><a rel="next" href="${nextHref}">Next page</a></p>` : ""}
</section>
</div>`;
  return layout(
    { title: filters.q ? `“${filters.q}”` : "Search", json: `/search.json${queryString(filters)}` },
    body,
  );
}
