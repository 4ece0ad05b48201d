/**
 * The API's schemas, once: Fastify validates requests with them, serialises responses with them, and
 * @fastify/swagger writes /openapi.json from them; test/server-api.test.ts checks every response against
 * them. Query values arrive as strings from HTML forms, where an empty field means "no filter", so the
 * filters accept "" and the route treats it as absent.
 */
import { type TSchema, Type } from "typebox";

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const optionalEmpty = (pattern: string, description: string) =>
  Type.Optional(Type.String({ pattern: `^(${pattern})?$`, description }));
const text = (maxLength: number, description: string) =>
  Type.Optional(Type.String({ maxLength, description }));

export const DATE = "\\d{4}-\\d{2}-\\d{2}";

export const Span = Type.Object({ start: Type.Integer(), end: Type.Integer() });
const Kind = Type.Union([Type.Literal("direct"), Type.Literal("indirect"), Type.Literal("partial")]);

/** A statement's facts (core StatementFacts), in every statement shape the API returns. */
const Facts = {
  kind: Kind,
  confidence: Nullable(Type.Number()),
  paragraph: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
};

/** Where and when a statement was published: its article's date, outlet, title and address. */
const Where = {
  published: Nullable(Type.String()),
  outlet: Nullable(Type.String()),
  title: Nullable(Type.String()),
  url: Nullable(Type.String()),
};

export const StatementFilters = {
  q: text(500, "words that must all occur in the statement or its speaker's name"),
  speaker: text(200, "a person: id, QID, name or alias (the --speaker rule)"),
  outlet: text(200, "the outlet exactly as stored"),
  since: optionalEmpty(DATE, "first publication day, YYYY-MM-DD"),
  until: optionalEmpty(DATE, "last publication day, YYYY-MM-DD"),
  // "mixed" is the old word for partial, still accepted in links made before it was renamed.
  kind: optionalEmpty("direct|indirect|partial|mixed", "direct, indirect or partial"),
  topic: text(200, 'a topic key, e.g. "place:saltmere"'),
  minConfidence: optionalEmpty("0(\\.\\d{1,6})?|1(\\.0{1,6})?", "at least this extractor confidence, 0-1"),
};

export const SearchQuery = Type.Object({
  ...StatementFilters,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: text(200, "the `next` of the previous page"),
});

export const ExportQuery = Type.Object({
  ...StatementFilters,
  format: Type.Optional(Type.Union([Type.Literal("csv"), Type.Literal("jsonl")], { default: "jsonl" })),
});

const Term = Type.Object({
  role: Type.String(),
  party: Nullable(Type.String()),
  state: Nullable(Type.String()),
  district: Nullable(Type.String()),
  start: Nullable(Type.String()),
  end: Nullable(Type.String()),
});

export const Statement = Type.Object({
  id: Type.Integer(),
  articleId: Type.String(),
  speaker: Nullable(Type.String()),
  speakerKind: Nullable(Type.String()),
  sourceText: Nullable(Type.String()),
  resolution: Nullable(Type.String()),
  ...Facts,
  content: Type.String(),
  source: Nullable(Span),
  cue: Nullable(Span),
  contentSpans: Type.Array(Span),
  rawSource: Nullable(Span),
  rawCue: Nullable(Span),
  rawContentSpans: Type.Array(Span),
  ...Where,
  speakerTerm: Type.Optional(Nullable(Term)),
});

const Facet = Type.Array(Type.Object({ value: Type.String(), label: Type.String(), count: Type.Integer() }));

export const SearchResponse = Type.Object({
  statements: Type.Array(Statement),
  next: Nullable(Type.String({ description: "cursor of the next page" })),
  facets: Type.Object({
    total: Type.Integer(),
    counted: Type.Integer({ description: "the newest matches the facet counts are over" }),
    speaker: Facet,
    outlet: Facet,
    month: Facet,
    topic: Facet,
  }),
});

export const PersonSummary = Type.Object({
  name: Type.String(),
  kind: Type.String(),
  qid: Nullable(Type.String()),
  statements: Type.Integer(),
  firstSeen: Nullable(Type.String()),
  lastSeen: Nullable(Type.String()),
  roles: Type.Array(Type.String()),
});

export const PeopleQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});

export const PeopleResponse = Type.Object({ total: Type.Integer(), people: Type.Array(PersonSummary) });

export const StatementView = Type.Object({
  id: Type.Integer(),
  articleId: Type.String(),
  speaker: Type.String(),
  ...Where,
  ...Facts,
  content: Type.String(),
  span: Span,
  cue: Nullable(Type.String()),
  context: Type.String(),
  contextSpan: Type.Optional(Nullable(Span)),
  resolution: Type.Optional(Nullable(Type.String())),
  source: Type.Optional(Nullable(Type.String())),
  topics: Type.Optional(Type.Array(Type.String())),
  alsoIn: Type.Optional(Type.Array(Type.String())),
});

export const MixedPair = Type.Object({
  earlier: StatementView,
  later: StatementView,
  score: Type.Number(),
  sharedTopics: Type.Array(Type.String()),
  reasons: Type.Array(Type.String()),
  evidence: Type.Unknown({ description: "the measured evidence behind the reasons (analysis/mixed.ts)" }),
});

export const PersonParams = Type.Object({ id: Type.String({ maxLength: 200 }) });

export const PersonResponse = Type.Object({
  person: Type.Object({
    id: Type.Integer(),
    name: Type.String(),
    qid: Nullable(Type.String()),
    kind: Type.String(),
    aliases: Type.Array(Type.String()),
    alsoMatches: Type.Array(Type.String()),
    roles: Type.Array(
      Type.Object({
        role: Type.String(),
        firstSeen: Nullable(Type.String()),
        lastSeen: Nullable(Type.String()),
      }),
    ),
    terms: Type.Array(Term),
    party: Nullable(Type.String()),
    state: Nullable(Type.String()),
    statementCount: Type.Integer(),
    firstSeen: Nullable(Type.String()),
    lastSeen: Nullable(Type.String()),
  }),
  links: Type.Array(
    Type.Object({
      name: Type.String(),
      rule: Type.String(),
      articleId: Nullable(Type.String()),
      span: Nullable(Span),
      detail: Nullable(Type.String()),
      createdAt: Type.String(),
    }),
  ),
  chart: Type.Object({
    months: Type.Array(Type.String()),
    series: Type.Array(
      Type.Object({ key: Type.String(), label: Type.String(), counts: Type.Array(Type.Integer()) }),
    ),
  }),
  timeline: Type.Array(StatementView),
  timelineTotal: Type.Integer(),
  mixed: Type.Array(MixedPair),
});

export const ArticleParams = Type.Object({ id: Type.String({ pattern: "^[0-9a-f]{64}(\\.json)?$" }) });

export const ArticleResponse = Type.Object({
  article: Type.Object({
    id: Type.String(),
    origin: Type.String(),
    format: Type.String(),
    title: Nullable(Type.String()),
    url: Nullable(Type.String()),
    outlet: Nullable(Type.String()),
    byline: Nullable(Type.String()),
    published: Nullable(Type.String()),
    text: Type.String(),
    statementCount: Type.Integer(),
    ingestedAt: Type.String(),
  }),
  statements: Type.Array(Statement),
});

export const TopicsQuery = Type.Object({
  speaker: text(200, "only this speaker's statements"),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
});

export const TopicsResponse = Type.Object({
  topics: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      statements: Type.Integer(),
      firstSeen: Nullable(Type.String()),
      lastSeen: Nullable(Type.String()),
    }),
  ),
});

export const SpeakerQuery = Type.Object({
  speaker: Type.String({ minLength: 1, maxLength: 200, description: "id, QID, name or alias" }),
  about: text(200, 'a topic in words, e.g. "Saltmere deal"'),
  since: optionalEmpty(DATE, "first publication day"),
  until: optionalEmpty(DATE, "last publication day"),
});

export const TimelineResponse = Type.Object({
  speaker: Type.String(),
  statements: Type.Array(StatementView),
});

export const MixedQuery = Type.Object({
  ...SpeakerQuery.properties,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const MixedResponse = Type.Object({
  speaker: Type.String(),
  about: Nullable(Type.String()),
  pairs: Type.Array(MixedPair),
  statements: Type.Integer(),
  eligible: Type.Integer(),
  compared: Type.Integer(),
  skipped: Type.Record(Type.String(), Type.Integer()),
});

export const DigestQuery = Type.Object({
  ...SpeakerQuery.properties,
  about: Type.String({ minLength: 1, maxLength: 200, description: "what about" }),
});

export const DigestResponse = Type.Object({
  speaker: Type.String(),
  about: Type.String(),
  statements: Type.Array(StatementView),
  mixed: Type.Array(MixedPair),
});

export const ErrorResponse = Type.Object({
  error: Type.String(),
  candidates: Type.Optional(
    Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), statements: Type.Integer() })),
  ),
});

/** The article's text, or (without text) a URL the server fetches and reads as `ingest URL` does. */
export const ArticleSubmission = Type.Object({
  text: Type.Optional(Type.String({ minLength: 1, maxLength: 1_000_000 })),
  title: Type.Optional(Type.String({ maxLength: 1000 })),
  url: Type.Optional(Type.String({ maxLength: 2000, pattern: "^https?://" })),
  outlet: Type.Optional(Type.String({ maxLength: 200 })),
  byline: Type.Optional(Type.String({ maxLength: 500 })),
  published: optionalEmpty(DATE, "publication day"),
});

export const ArticleSubmitted = Type.Object({
  id: Type.String(),
  inserted: Type.Boolean(),
  statements: Type.Integer(),
  title: Type.Union([Type.String(), Type.Null()]),
});

export const OverridesBody = Type.Object({
  merge: Type.Optional(
    Type.Array(
      Type.Object({
        into: Type.String({ maxLength: 200 }),
        names: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100 }),
      }),
      { maxItems: 100 },
    ),
  ),
  split: Type.Optional(
    Type.Array(
      Type.Object({
        alias: Type.String({ maxLength: 200 }),
        from: Type.String({ maxLength: 200 }),
        to: Type.String({ maxLength: 200 }),
      }),
      { maxItems: 100 },
    ),
  ),
  rename: Type.Optional(
    Type.Array(Type.Object({ from: Type.String({ maxLength: 200 }), to: Type.String({ maxLength: 200 }) }), {
      maxItems: 100,
    }),
  ),
});

export const OverridesApplied = Type.Object({
  merged: Type.Array(Type.String()),
  split: Type.Array(Type.String()),
  renamed: Type.Array(Type.String()),
  statementsMoved: Type.Integer(),
});
