/**
 * The read side: every page and its JSON twin, over the same application functions the CLI calls
 * (app/explore.ts, app/speaker-record.ts, the store's people and topics, analysis/digest.ts).
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Static } from "typebox";
import { digestHtml } from "../analysis/digest.ts";
import type { WordWeights } from "../analysis/mixed.ts";
import { topicQuery } from "../analysis/topics.ts";
import {
  allStatements,
  articleWithStatements,
  findSpeaker,
  monthlyTopics,
  personProfile,
  type StatementQuery,
  statementSearch,
} from "../app/explore.ts";
import { speakerMixed, speakerStatements, storeWordWeights } from "../app/speaker-record.ts";
import { decodeCursor, encodeCursor } from "../record/statement-search.ts";
import type { SpeakerCandidate, Store } from "../record/store.ts";
import { registerExport } from "./export-route.ts";
import { queryString } from "./html.ts";
import type { PageCache } from "./page-cache.ts";
import { articlePage } from "./pages/article.ts";
import { candidatesPage, peoplePage, topicsPage } from "./pages/lists.ts";
import { type SearchFilters, searchPage } from "./pages/search.ts";
import { mixedPage, type PersonPageData, personPage, timelinePage } from "./pages/speaker.ts";
import * as S from "./schemas.ts";
import { HttpError, paramOf, registerTwin } from "./twin.ts";

/** Statements of the timeline a person page lists (the newest); the timeline page lists them all. */
const PERSON_TIMELINE = 100;
const PERSON_PAIRS = 10;
const DIGEST_PAIRS = 50;
/** Word weights are a sample of the store; a writer beside the server changes them slowly. */
const WEIGHTS_TTL_MS = 10 * 60 * 1000;

/** "" from an empty form field means no filter. */
const given = (value: string | undefined) =>
  value === undefined || value.trim() === "" ? undefined : value.trim();

export interface ReadContext {
  store: Store;
  /** Answers kept until the record changes, for the pages whose answers are bounded in size. */
  cache: PageCache;
}

export function registerReadRoutes(app: FastifyInstance, { store, cache }: ReadContext): void {
  let weights: { value: WordWeights; at: number } | undefined;
  const wordWeights = async () => {
    if (!weights || Date.now() - weights.at > WEIGHTS_TTL_MS) {
      weights = { value: await storeWordWeights(store), at: Date.now() };
    }
    return weights.value;
  };

  /** The one person a name means, or a 404, or a 409 listing the candidates. */
  const speakerOf = async (name: string, json: string): Promise<SpeakerCandidate> => {
    const found = await findSpeaker(store, name);
    if ("found" in found) return found.found;
    if ("ambiguous" in found) {
      const candidates = found.ambiguous.map(({ id, name, statements }) => ({ id, name, statements }));
      throw new HttpError(
        409,
        `"${name}" names ${candidates.length} people; give a full name or an id`,
        { candidates },
        candidatesPage(name, found.ambiguous, json),
      );
    }
    throw new HttpError(404, `no speaker named "${name}"`);
  };

  const topicKeys = (about: string | undefined) => {
    if (!about) return undefined;
    const keys = topicQuery(about);
    if (keys.length === 0)
      throw new HttpError(400, `topic "${about}" has no words to match on; name a place, person or issue`);
    return keys;
  };

  const statementQuery = async (filters: SearchFilters): Promise<StatementQuery> => ({
    q: filters.q,
    personId: filters.speaker ? (await speakerOf(filters.speaker, "/search.json")).id : undefined,
    outlet: filters.outlet,
    since: filters.since,
    until: filters.until,
    kind: filters.kind as StatementQuery["kind"],
    topic: filters.topic,
    minConfidence: filters.minConfidence === undefined ? undefined : Number(filters.minConfidence),
  });

  const filtersOf = (raw: Record<string, string | number | undefined>): SearchFilters => {
    const filters: SearchFilters = {};
    for (const key of [
      "q",
      "speaker",
      "outlet",
      "since",
      "until",
      "kind",
      "topic",
      "minConfidence",
    ] as const) {
      const value = given(raw[key] as string | undefined);
      if (value !== undefined) filters[key] = value;
    }
    // The old word for a partial quotation, in links made before the rename.
    if (filters.kind === "mixed") filters.kind = "partial";
    return filters;
  };

  registerExport(
    app,
    (raw) => statementQuery(filtersOf(raw)),
    (query) => allStatements(store, query),
  );

  const searchOf = async (request: FastifyRequest) => {
    const query = request.query as Static<typeof S.SearchQuery>;
    const filters = filtersOf(query);
    const cursor = given(query.cursor);
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    if (after === null)
      throw new HttpError(400, "cursor is not one this server gave (take `next` from a page)");
    const limit = query.limit ?? 50;
    const found = await statementSearch(store, await statementQuery(filters), limit, after);
    // The person a speaker filter (often an id, from a facet's link) means, by name, for the page.
    const speakerName = filters.speaker ? (await speakerOf(filters.speaker, "/search.json")).name : undefined;
    return { filters, limit, found, speakerName, next: found.next ? encodeCursor(found.next) : null };
  };

  registerTwin(app, {
    page: "/",
    cache,
    api: "/api/statements",
    summary: "Search statements, with facet counts and a cursor to the next page",
    querystring: S.SearchQuery,
    response: S.SearchResponse,
    // `filters`, `limit` and `speakerName` are for the page; the response schema leaves them out of the JSON.
    load: async (request) => {
      const { found, next, filters, limit, speakerName } = await searchOf(request);
      return { statements: found.statements, facets: found.facets, next, filters, limit, speakerName };
    },
    render: (data) => {
      const { filters, limit, speakerName } = data;
      const nextHref = data.next
        ? `/${queryString({ ...filters, limit: limit === 50 ? undefined : limit, cursor: data.next })}`
        : null;
      return searchPage(filters, { ...data, next: null }, nextHref, speakerName);
    },
  });

  registerTwin(app, {
    page: "/people",
    cache,
    api: "/api/people",
    summary: "Speakers, most quoted first",
    querystring: S.PeopleQuery,
    response: S.PeopleResponse,
    load: async (request) => {
      const { limit = 200, offset = 0 } = request.query as Static<typeof S.PeopleQuery>;
      const all = await store.people();
      return { total: all.length, people: all.slice(offset, offset + limit) };
    },
    render: (data, request) => {
      const { limit = 200, offset = 0 } = request.query as Static<typeof S.PeopleQuery>;
      const more = offset + limit < data.total ? `/people${queryString({ offset: offset + limit })}` : null;
      return peoplePage(data.people, data.total, offset, more);
    },
  });

  registerTwin(app, {
    page: "/people/:id",
    cache,
    api: "/api/people/:id",
    summary: "One person: who they are, statements per month by topic, timeline, flagged pairs, why merged",
    params: S.PersonParams,
    response: S.PersonResponse,
    load: async (request): Promise<PersonPageData> => {
      const name = paramOf(request, "id");
      const id = (await speakerOf(name, `/people/${encodeURIComponent(name)}.json`)).id;
      const profile = await personProfile(store, id);
      if (!profile) throw new HttpError(404, `no speaker named "${name}"`);
      const timeline = await speakerStatements(store, String(id));
      const topics = await store.topics({ speaker: String(id), limit: 200 });
      const labels = new Map(topics.map((t) => [t.key, t.label]));
      const mixed = await speakerMixed(store, String(id), {
        limit: PERSON_PAIRS,
        weights: await wordWeights(),
        statements: timeline,
      });
      return {
        ...profile,
        chart: monthlyTopics(timeline, labels),
        timeline: timeline.slice(-PERSON_TIMELINE),
        timelineTotal: timeline.length,
        mixed: mixed.pairs,
      };
    },
    render: (data) => personPage(data),
  });

  registerTwin(app, {
    page: "/articles/:id",
    cache,
    api: "/api/articles/:id",
    summary: "One article: metadata, cleaned text, every statement with its spans and speaker",
    params: S.ArticleParams,
    response: S.ArticleResponse,
    load: async (request) => {
      const id = paramOf(request, "id");
      const found = await articleWithStatements(store, id);
      if (!found) throw new HttpError(404, `no article ${id}`);
      return found;
    },
    render: (data) => articlePage(data),
  });

  registerTwin(app, {
    page: "/topics",
    cache,
    api: "/api/topics",
    summary: "What statements are about, with counts and date ranges",
    querystring: S.TopicsQuery,
    response: S.TopicsResponse,
    load: async (request) => {
      const query = request.query as Static<typeof S.TopicsQuery>;
      const speaker = given(query.speaker);
      const person =
        speaker === undefined ? undefined : String((await speakerOf(speaker, "/topics.json")).id);
      return { topics: await store.topics({ speaker: person, limit: query.limit ?? 100 }) };
    },
    render: (data, request) =>
      topicsPage(data.topics, given((request.query as { speaker?: string }).speaker)),
  });

  const speakerRange = async (request: FastifyRequest, path: string) => {
    const query = request.query as Static<typeof S.SpeakerQuery>;
    const about = given(query.about);
    const shown = { speaker: query.speaker, about, since: given(query.since), until: given(query.until) };
    const person = await speakerOf(query.speaker, `${path}.json${queryString(shown)}`);
    return { person, shown, range: { since: shown.since, until: shown.until }, keys: topicKeys(about) };
  };

  registerTwin(app, {
    page: "/timeline",
    api: "/api/timeline",
    summary: "One speaker's statements in date order, on a topic and dates",
    querystring: S.SpeakerQuery,
    response: S.TimelineResponse,
    load: async (request) => {
      const { person, shown, range, keys } = await speakerRange(request, "/timeline");
      const statements = await speakerStatements(store, String(person.id), { ...range, topicKeys: keys });
      return { speaker: person.name, statements, shown };
    },
    render: (data) => timelinePage(data.speaker, data.shown, data.statements),
  });

  const mixedOf = async (request: FastifyRequest, limit: number, path: string) => {
    const { person, shown, range, keys } = await speakerRange(request, path);
    const found = await speakerMixed(store, String(person.id), {
      ...range,
      topicKeys: keys,
      about: shown.about,
      limit,
      weights: await wordWeights(),
    });
    return { person, shown, range, keys, found };
  };

  registerTwin(app, {
    page: "/mixed",
    cache,
    api: "/api/mixed",
    summary: "Pairs of one speaker's statements that contradict or walk back each other, with the reasons",
    querystring: S.MixedQuery,
    response: S.MixedResponse,
    load: async (request) => {
      const { person, shown, found } = await mixedOf(
        request,
        (request.query as { limit?: number }).limit ?? 20,
        "/mixed",
      );
      return { ...found, speaker: person.name, about: shown.about ?? null, shown };
    },
    render: (data) => mixedPage(data.speaker, data.shown, { ...data, about: data.about ?? undefined }),
  });

  registerTwin(app, {
    page: "/digest",
    api: "/api/digest",
    summary: "A short sourced report of one speaker on one topic: statements in order and flagged pairs",
    querystring: S.DigestQuery,
    response: S.DigestResponse,
    load: async (request) => {
      const { person, shown, range, keys, found } = await mixedOf(request, DIGEST_PAIRS, "/digest");
      const statements = await speakerStatements(store, String(person.id), { ...range, topicKeys: keys });
      return { speaker: person.name, about: shown.about ?? "", statements, mixed: found.pairs, ...range };
    },
    render: (data) => digestHtml(data),
  });
}
