/**
 * What the web app and the API ask the record: statement search with facets, one person's profile, one
 * article with its statements. Plain data, so the server renders it as HTML or JSON and a CLI could print
 * it; the speaker's timeline and mixed messages come from speaker-record.ts, as for the CLI.
 */
import type { StatementView } from "../core/statement.ts";
import type { PersonLink } from "../record/identity.ts";
import type {
  StatementCursor,
  StatementFacets,
  StatementPage,
  StatementQuery,
} from "../record/statement-search.ts";
import type {
  PersonRecord,
  SpeakerCandidate,
  StatementRecord,
  Store,
  StoredArticle,
} from "../record/store.ts";

export type { StatementCursor, StatementFacets, StatementPage, StatementQuery };

export type SpeakerFound = { found: SpeakerCandidate } | { ambiguous: SpeakerCandidate[] } | { none: true };

/** The one person a name, id or QID means by the --speaker rule, or the candidates when several do. */
export async function findSpeaker(store: Store, query: string): Promise<SpeakerFound> {
  const lookup = await store.lookupSpeaker(query);
  return "found" in lookup ? { found: lookup.found } : lookup;
}

export interface StatementSearch extends StatementPage {
  facets: StatementFacets;
}

export async function statementSearch(
  store: Store,
  query: StatementQuery,
  limit: number,
  after?: StatementCursor,
): Promise<StatementSearch> {
  return {
    ...(await store.searchStatements(query, limit, after)),
    facets: await store.statementFacets(query),
  };
}

/** Every statement a query matches, newest first, read a page at a time (CSV/JSONL export). */
export async function* allStatements(store: Store, query: StatementQuery): AsyncGenerator<StatementRecord> {
  let after: StatementCursor | undefined;
  for (;;) {
    const page = await store.searchStatements(query, EXPORT_PAGE, after);
    yield* page.statements;
    if (!page.next) return;
    after = page.next;
  }
}

const EXPORT_PAGE = 1000;

export interface MonthlyTopics {
  /** YYYY-MM, oldest first, every month between the first and the last statement. */
  months: string[];
  /** "all statements" first, then the speaker's most frequent topics. */
  series: { key: string; label: string; counts: number[] }[];
}

/** Topics a chart shows beside the total: more lines stop being readable. */
const CHART_TOPICS = 5;

/** Statements per month, in all and for the speaker's most frequent topics (dated statements only). */
export function monthlyTopics(views: readonly StatementView[], labels: Map<string, string>): MonthlyTopics {
  const dated = views.filter((view) => view.published);
  const monthOf = (view: StatementView) => (view.published as string).slice(0, 7);
  const months = monthRange(dated.map(monthOf));
  const index = new Map(months.map((month, i) => [month, i]));
  const perTopic = new Map<string, number>();
  for (const view of dated)
    for (const key of view.topics ?? []) perTopic.set(key, (perTopic.get(key) ?? 0) + 1);
  const top = [...perTopic.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, CHART_TOPICS)
    .map(([key]) => key);
  const series = [
    { key: "", label: "all statements", counts: months.map(() => 0) },
    ...top.map((key) => ({ key, label: labels.get(key) ?? key, counts: months.map(() => 0) })),
  ];
  for (const view of dated) {
    const at = index.get(monthOf(view)) as number;
    (series[0] as { counts: number[] }).counts[at]++;
    for (const line of series.slice(1)) if (view.topics?.includes(line.key)) line.counts[at]++;
  }
  return { months, series };
}

function monthRange(months: string[]): string[] {
  if (months.length === 0) return [];
  const sorted = [...months].sort();
  const [first, last] = [sorted[0] as string, sorted.at(-1) as string];
  const out: string[] = [];
  let [year, month] = first.split("-").map(Number) as [number, number];
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    out.push(key);
    if (key >= last) break;
    month++;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return out;
}

export interface PersonProfile {
  person: Omit<PersonRecord, "statements">;
  /** Why each name was linked to this person (`person --why`). */
  links: PersonLink[];
}

/** Who the person is: aliases, roles, terms, counts and the links behind the merges (no statements). */
export async function personProfile(store: Store, id: number): Promise<PersonProfile | undefined> {
  const person = await store.personHeader(String(id));
  if (!person) return undefined;
  return { person, links: await store.personLinks(String(id)) };
}

export interface ArticleWithStatements {
  article: Omit<StoredArticle, "offsetMap" | "rawText">;
  /** In text order, spans into `article.text`. */
  statements: StatementRecord[];
}

/** Statements one article can hold at most on its page (a 10 MB article may hold thousands). */
const ARTICLE_STATEMENTS = 5000;

export async function articleWithStatements(
  store: Store,
  id: string,
): Promise<ArticleWithStatements | undefined> {
  const stored = await store.article(id);
  if (!stored) return undefined;
  const { offsetMap: _map, rawText: _raw, ...article } = stored;
  const { statements } = await store.searchStatements({ articleId: id }, ARTICLE_STATEMENTS);
  statements.sort((a, b) => (a.contentSpans[0]?.start ?? 0) - (b.contentSpans[0]?.start ?? 0) || a.id - b.id);
  return { article, statements };
}
