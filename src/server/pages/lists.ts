import type { SpeakerCandidate } from "../../record/speaker-lookup.ts";
import type { PersonSummary, TopicSummary } from "../../record/store.ts";
import { html, queryString } from "../html.ts";
import { layout, personHref } from "../layout.ts";

export function peoplePage(
  people: PersonSummary[],
  total: number,
  offset: number,
  nextHref: string | null,
): string {
  const body = html`<h1>People</h1>
<p>${total} speakers, most quoted first${offset ? `; from number ${offset + 1}` : ""}.</p>
<table class="people"><thead><tr><th scope="col">Name</th><th scope="col">Statements</th><th scope="col">First seen</th><th scope="col">Last seen</th><th scope="col">Roles</th></tr></thead>
<tbody>${people.map(
    (p) =>
      html`<tr><th scope="row"><a href="${personHref(p.name)}">${p.name}</a>${p.qid ? html` <small>${p.qid}</small>` : ""}</th><td>${p.statements}</td><td>${p.firstSeen ?? "-"}</td><td>${p.lastSeen ?? "-"}</td><td>${p.roles.slice(0, 3).join("; ")}</td></tr>`,
  )}</tbody></table>
${nextHref ? html`<p><a rel="next" href="${nextHref}">Next page</a></p>` : ""}`;
  return layout(
    { title: "People", json: `/people.json${queryString({ offset: offset || undefined })}` },
    body,
  );
}

export function topicsPage(topics: TopicSummary[], speaker: string | undefined): string {
  const body = html`<h1>Topics${speaker ? ` of ${speaker}` : ""}</h1>
<table><thead><tr><th scope="col">Topic</th><th scope="col">Statements</th><th scope="col">From</th><th scope="col">To</th></tr></thead>
<tbody>${topics.map(
    (t) =>
      html`<tr><th scope="row"><a href="/${queryString({ topic: t.key, speaker })}">${t.label}</a></th><td>${t.statements}</td><td>${t.firstSeen ?? "-"}</td><td>${t.lastSeen ?? "-"}</td></tr>`,
  )}</tbody></table>`;
  return layout({ title: "Topics", json: `/topics.json${queryString({ speaker })}` }, body);
}

/** A name several people answer to: the reader picks one (the CLI lists the same candidates). */
export function candidatesPage(query: string, candidates: SpeakerCandidate[], json: string): string {
  const body = html`<h1>Which ${query}?</h1>
<p>${candidates.length} people answer to “${query}”.</p>
<ul>${candidates.map((c) => html`<li><a href="${personHref(String(c.id))}">${c.name}</a> (id ${c.id}, ${c.statements} statements${c.qid ? `, ${c.qid}` : ""})</li>`)}</ul>`;
  return layout({ title: `Which ${query}?`, json }, body);
}
