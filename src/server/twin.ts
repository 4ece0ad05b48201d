/**
 * One resource, three addresses: `/api/...` (JSON, in the OpenAPI document), the page (`/people`), and the
 * page's JSON twin (`/people.json`, or the page asked with `Accept: application/json`). All three validate
 * the same query schema, call the same loader, and the JSON ones serialise with the same response schema.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { TSchema } from "typebox";
import { cacheKey, type PageCache } from "./page-cache.ts";
import { ErrorResponse } from "./schemas.ts";

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    /** Extra fields of the JSON error (the candidates of an ambiguous name). */
    readonly details: Record<string, unknown> = {},
    /** The HTML page for this error, when it is more than a message (a list of candidates). */
    readonly page?: string,
  ) {
    super(message);
  }
}

export interface TwinSpec<Data extends object> {
  /** The page path ("/people/:name"); the JSON twin adds ".json" to the path or its last parameter. */
  page: string;
  api: string;
  summary: string;
  querystring?: TSchema;
  params?: TSchema;
  response: TSchema;
  load(request: FastifyRequest): Promise<Data>;
  render(data: Data, request: FastifyRequest): string;
  /** Keeps the loader's answers until the record changes (page-cache.ts); its output must be bounded. */
  cache?: PageCache;
}

const JSON_SUFFIX = ".json";

/** Whether a page request wants JSON: the .json suffix, or an Accept header preferring it to HTML. */
export function wantsJson(request: FastifyRequest): boolean {
  const path = request.url.split("?")[0] ?? "";
  if (path.endsWith(JSON_SUFFIX)) return true;
  const accept = request.headers.accept ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
}

/** A path parameter without the twin's ".json" suffix. */
export function paramOf(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, string>)[name] ?? "";
  return value.endsWith(JSON_SUFFIX) ? value.slice(0, -JSON_SUFFIX.length) : value;
}

export function registerTwin<Data extends object>(app: FastifyInstance, spec: TwinSpec<Data>): void {
  const cache = spec.cache;
  const keyOf = (request: FastifyRequest, form: "data" | "html") => {
    const params = Object.fromEntries(
      Object.keys((request.params ?? {}) as object).map((name) => [name, paramOf(request, name)]),
    );
    return cacheKey(`${form} ${spec.page}`, params, request.query);
  };
  const load = (request: FastifyRequest): Promise<Data> =>
    cache ? cache.get(keyOf(request, "data"), () => spec.load(request)) : spec.load(request);
  // The page as rendered is kept too: rendering was most of what a kept answer still cost.
  const render = async (request: FastifyRequest): Promise<string> =>
    cache
      ? cache.get(keyOf(request, "html"), async () => spec.render(await load(request), request))
      : spec.render(await load(request), request);
  const validation = {
    ...(spec.querystring ? { querystring: spec.querystring } : {}),
    ...(spec.params ? { params: spec.params } : {}),
  };
  app.get(
    spec.api,
    {
      schema: {
        ...validation,
        summary: spec.summary,
        response: { 200: spec.response, "4xx": ErrorResponse },
      },
    },
    async (request) => load(request),
  );
  const page = async (request: FastifyRequest, reply: FastifyReply) => {
    if (wantsJson(request)) {
      const data = await load(request);
      return reply
        .type("application/json; charset=utf-8")
        .send(
          reply.serializeInput(data as Record<string, unknown>, spec.response as Record<string, unknown>),
        );
    }
    return reply.type("text/html; charset=utf-8").send(await render(request));
  };
  const hidden = { schema: { ...validation, hide: true } };
  app.get(spec.page, hidden, page);
  if (spec.page === "/") app.get("/search", hidden, page);
  // A parameter route's twin is the same route ("/people/Voss.json" is name "Voss.json", suffix stripped).
  if (!spec.page.includes(":"))
    app.get(`${spec.page === "/" ? "/search" : spec.page}${JSON_SUFFIX}`, hidden, page);
}
