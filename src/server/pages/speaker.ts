import type { MixedPair } from "../../analysis/mixed.ts";
import type { MonthlyTopics, PersonProfile } from "../../app/explore.ts";
import type { SpeakerMixed } from "../../app/speaker-record.ts";
import type { StatementView } from "../../core/statement.ts";
import { type Html, html, jsonForScript, queryString, safeHref } from "../html.ts";
import { layout, viewItem } from "../layout.ts";

export interface PersonPageData extends PersonProfile {
  chart: MonthlyTopics;
  timeline: StatementView[];
  timelineTotal: number;
  mixed: MixedPair[];
}

/** Each pair side by side: both statements with date, outlet and span, linked to the exact place, and why. */
export function pairList(pairs: readonly MixedPair[]): Html {
  if (pairs.length === 0) return html`<p>None flagged.</p>`;
  return html`<ol class="pairs">${pairs.map(
    (pair) => html`<li class="pair">
<div class="sides">${viewItem(pair.earlier)}${viewItem(pair.later)}</div>
<p class="score">Score ${pair.score}${pair.evidence.sameArticle ? " (one article)" : ""}</p>
<ul class="reasons">${pair.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>
</li>`,
  )}</ol>`;
}

/**
 * The chart's numbers twice: as a JSON block the chart script draws with uPlot, and as a table that is
 * the chart for readers without script or sight (the script hides it visually only, not from them).
 */
function chart(data: MonthlyTopics): Html {
  if (data.months.length === 0) return html`<p>No dated statements.</p>`;
  return html`<figure class="chart">
<figcaption id="chart-title">Statements per month, in all and on their most frequent topics</figcaption>
<div id="chart" aria-hidden="true"></div>
<script type="application/json" id="chart-data">${jsonForScript(data)}</script>
<div class="chart-table">
<table aria-labelledby="chart-title"><thead><tr><th scope="col">Month</th>${data.series.map((s) => html`<th scope="col">${s.label}</th>`)}</tr></thead>
<tbody>${data.months.map(
    (month, i) =>
      html`<tr><th scope="row">${month}</th>${data.series.map((s) => html`<td>${s.counts[i]}</td>`)}</tr>`,
  )}</tbody></table>
</div>
</figure>`;
}

export function personPage(data: PersonPageData): string {
  const { person, links } = data;
  const wikidata = person.qid
    ? safeHref(`https://www.wikidata.org/wiki/${encodeURIComponent(person.qid)}`)
    : null;
  const held = [person.party, person.state].filter(Boolean).join(", ");
  const facts = html`<dl class="facts">
<dt>Statements</dt><dd>${person.statementCount}${person.firstSeen ? ` from ${person.firstSeen} to ${person.lastSeen}` : ""}</dd>
${person.aliases.length ? html`<dt>Also written</dt><dd>${person.aliases.join("; ")}</dd>` : ""}
${person.roles.length ? html`<dt>Roles seen</dt><dd><ul>${person.roles.map((r) => html`<li>${r.role}${r.firstSeen ? ` (${r.firstSeen}${r.lastSeen && r.lastSeen !== r.firstSeen ? ` to ${r.lastSeen}` : ""})` : ""}</li>`)}</ul></dd>` : ""}
${person.terms.length ? html`<dt>Offices</dt><dd><ul>${person.terms.map((t) => html`<li>${[t.role, t.party, t.state].filter(Boolean).join(", ")} (${t.start ?? "?"} to ${t.end ?? "?"})</li>`)}</ul></dd>` : ""}
${held ? html`<dt>Party, state</dt><dd>${held}</dd>` : ""}
<dt>Identifiers</dt><dd>id ${person.id}${wikidata ? html` · <a href="${wikidata}" rel="noopener noreferrer">${person.qid}</a>` : ""}</dd>
${person.alsoMatches.length ? html`<dt>Same name also</dt><dd>${person.alsoMatches.join("; ")}</dd>` : ""}
</dl>`;
  const linkList = html`<ul class="links">${links.map(
    (link) =>
      html`<li><strong>${link.name}</strong>: ${link.rule}${link.detail ? ` (${link.detail})` : ""}${link.articleId ? html` · <a href="/articles/${link.articleId}">article</a>${link.span ? `, characters ${link.span.start}–${link.span.end}` : ""}` : ""}</li>`,
  )}</ul>`;
  const speaker = String(person.id);
  const body = html`<h1>${person.name}</h1>
<p class="meta">${person.kind}</p>
${facts}
<section aria-labelledby="over-time"><h2 id="over-time">Over time</h2>${chart(data.chart)}</section>
<section aria-labelledby="pairs"><h2 id="pairs">Mixed messages</h2>
<p><a href="/mixed${queryString({ speaker })}">All flagged pairs</a> · <a href="/digest${queryString({ speaker, about: data.chart.series[1]?.label })}">Digest</a></p>
${pairList(data.mixed)}</section>
<section aria-labelledby="timeline"><h2 id="timeline">Timeline</h2>
${data.timelineTotal > data.timeline.length ? html`<p>The latest ${data.timeline.length} of ${data.timelineTotal}; <a href="/timeline${queryString({ speaker })}">all of them</a>.</p>` : ""}
<ol class="timeline">${data.timeline.map((view) => html`<li>${viewItem(view)}</li>`)}</ol></section>
<section aria-labelledby="why"><h2 id="why">Why these names are one person</h2>${links.length ? linkList : html`<p>No links recorded.</p>`}</section>`;
  return layout(
    {
      title: person.name,
      json: `/people/${encodeURIComponent(person.name)}.json`,
      scripts: ["/assets/uPlot.iife.min.js", "/assets/person-chart.js"],
      styles: ["/assets/uPlot.min.css"],
    },
    body,
  );
}

export interface SpeakerPageQuery {
  speaker: string;
  about?: string;
  since?: string;
  until?: string;
}

function speakerForm(action: string, query: SpeakerPageQuery, aboutRequired = false): Html {
  return html`<form class="search" method="get" action="${action}">
<label>Speaker <input name="speaker" required value="${query.speaker}"></label>
<label>About <input name="about"${aboutRequired ? html` required` : ""} value="${query.about ?? ""}"></label>
<label>From <input type="date" name="since" value="${query.since ?? ""}"></label>
<label>To <input type="date" name="until" value="${query.until ?? ""}"></label>
<button type="submit">Show</button></form>`;
}

export function timelinePage(name: string, query: SpeakerPageQuery, statements: StatementView[]): string {
  const body = html`<h1>${name}: timeline${query.about ? ` on ${query.about}` : ""}</h1>
${speakerForm("/timeline", query)}
<p>${statements.length} statements</p>
<ol class="timeline">${statements.map((view) => html`<li>${viewItem(view)}</li>`)}</ol>`;
  return layout({ title: `${name}: timeline`, json: `/timeline.json${queryString({ ...query })}` }, body);
}

export function mixedPage(name: string, query: SpeakerPageQuery, found: SpeakerMixed): string {
  const summary = html`<p>${found.statements} statements; ${found.eligible} surely theirs and stating something; ${found.compared} pairs about the same thing compared; ${found.pairs.length} flagged.</p>`;
  const body = html`<h1>${name}: mixed messages${query.about ? ` on ${query.about}` : ""}</h1>
${speakerForm("/mixed", query)}
${summary}
${pairList(found.pairs)}`;
  return layout({ title: `${name}: mixed messages`, json: `/mixed.json${queryString({ ...query })}` }, body);
}
