/**
 * The write side, off unless the server was started with a token (ONRECORD_TOKEN): submitting an article
 * and applying identity overrides. Each needs `Authorization: Bearer TOKEN` (401 without it), is rate
 * limited and body limited. The one form that writes (/submit) also carries a CSRF token that must match
 * a SameSite=Strict cookie, and is refused when the browser says the request came from another site.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Static } from "typebox";
import { UrlArticleError, type UrlArticleReader } from "../app/submit-url.ts";
import type { RawArticle } from "../core/article.ts";
import { processArticle } from "../process.ts";
import { NO_OVERRIDES } from "../record/overrides.ts";
import type { Store } from "../record/store.ts";
import { html } from "./html.ts";
import { layout } from "./layout.ts";
import * as S from "./schemas.ts";
import { HttpError } from "./twin.ts";

export interface WriteContext {
  store: Store;
  /** The bearer token writes need; writes are off without one. */
  token?: string;
  /** Fetches a submitted URL (the address guard, limits and timeouts of `ingest URL`). */
  urls: UrlArticleReader;
}

const WRITE_RATE = { max: 30, timeWindow: "1 minute" };
const ARTICLE_BODY_LIMIT = 4 * 1024 * 1024;
const OVERRIDES_BODY_LIMIT = 64 * 1024;
const CSRF_COOKIE = "onrecord_csrf";

/** Constant-time comparison of two secrets of any length (their digests have one length). */
function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

function cookieOf(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

export function registerWriteRoutes(app: FastifyInstance, { store, token, urls }: WriteContext): void {
  const requireToken = (given: string | undefined) => {
    if (!token) throw new HttpError(403, "writes are off: the server was started without ONRECORD_TOKEN");
    if (!given || !sameSecret(given, token)) throw new HttpError(401, "a valid bearer token is required");
  };
  const bearer = async (request: FastifyRequest) => {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "");
    requireToken(match?.[1]);
  };

  /** The submitted text, or the page at the submitted URL; metadata given in the body wins over the page's. */
  const rawArticle = async (
    body: Static<typeof S.ArticleSubmission>,
    origin: string,
  ): Promise<RawArticle> => {
    const given = {
      title: body.title || undefined,
      url: body.url || undefined,
      outlet: body.outlet || undefined,
      byline: body.byline || undefined,
      published: body.published || undefined,
    };
    if (body.text !== undefined) return { origin, format: "text", text: body.text, ...given };
    if (!given.url) throw new HttpError(400, "give the article's text, or a url to fetch it from");
    let page: RawArticle;
    try {
      page = await urls.read(given.url);
    } catch (error) {
      if (!(error instanceof UrlArticleError)) throw error;
      throw new HttpError(error.kind === "refused" ? 400 : 422, error.message);
    }
    const defined = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
    return { ...page, ...defined, url: page.url ?? given.url };
  };

  const addArticle = async (body: Static<typeof S.ArticleSubmission>, origin: string) => {
    const raw = await rawArticle(body, origin);
    const processed = processArticle(raw);
    const { id, inserted } = await store.addArticle(processed);
    if (inserted) await store.settleSurnames();
    return { id, inserted, statements: processed.statements.length, title: processed.title ?? null };
  };

  app.post(
    "/api/articles",
    {
      bodyLimit: ARTICLE_BODY_LIMIT,
      config: { rateLimit: WRITE_RATE },
      preHandler: bearer,
      schema: {
        summary:
          "Store a submitted article: its text, or a URL to fetch (bearer token; off unless ONRECORD_TOKEN is set)",
        body: S.ArticleSubmission,
        response: { 201: S.ArticleSubmitted, 200: S.ArticleSubmitted, "4xx": S.ErrorResponse },
        security: [{ bearer: [] }],
      },
    },
    async (request, reply) => {
      const result = await addArticle(request.body as Static<typeof S.ArticleSubmission>, "api");
      return reply.code(result.inserted ? 201 : 200).send(result);
    },
  );

  app.post(
    "/api/overrides",
    {
      bodyLimit: OVERRIDES_BODY_LIMIT,
      config: { rateLimit: WRITE_RATE },
      preHandler: bearer,
      schema: {
        summary: "Merge, split or rename people (bearer token; off unless ONRECORD_TOKEN is set)",
        body: S.OverridesBody,
        response: { 200: S.OverridesApplied, "4xx": S.ErrorResponse },
        security: [{ bearer: [] }],
      },
    },
    async (request) =>
      store.applyOverrides({ ...NO_OVERRIDES, ...(request.body as Static<typeof S.OverridesBody>) }),
  );

  app.get("/submit", { schema: { hide: true } }, async (_request, reply) => {
    const csrf = randomBytes(32).toString("hex");
    reply.header("set-cookie", `${CSRF_COOKIE}=${csrf}; Path=/submit; HttpOnly; SameSite=Strict`);
    return reply.type("text/html; charset=utf-8").send(submitPage(csrf, Boolean(token)));
  });

  app.post(
    "/submit",
    { bodyLimit: ARTICLE_BODY_LIMIT, config: { rateLimit: WRITE_RATE }, schema: { hide: true } },
    async (request, reply: FastifyReply) => {
      const form = (request.body ?? {}) as Record<string, string>;
      const site = request.headers["sec-fetch-site"];
      const cookie = cookieOf(request, CSRF_COOKIE);
      if (
        (site && site !== "same-origin" && site !== "none") ||
        !cookie ||
        !form.csrf ||
        !sameSecret(cookie, form.csrf)
      ) {
        throw new HttpError(
          403,
          "this form must be sent from its own page (CSRF check failed); reload it and try again",
        );
      }
      requireToken(form.token);
      const url = form.url?.trim() || undefined;
      if (url && !/^https?:\/\/\S+$/i.test(url))
        throw new HttpError(400, "the URL must start with http:// or https://");
      if (!form.text?.trim() && !url) throw new HttpError(400, "give the article's text or its URL");
      if (form.published && !new RegExp(`^${S.DATE}$`).test(form.published)) {
        throw new HttpError(400, "the publication date must be YYYY-MM-DD");
      }
      const text = form.text?.trim() ? form.text : undefined;
      const { id } = await addArticle({ ...form, text, url }, "form");
      return reply.redirect(`/articles/${id}`, 303);
    },
  );
}

function submitPage(csrf: string, enabled: boolean): string {
  const form = html`<form class="search" method="post" action="/submit">
<input type="hidden" name="csrf" value="${csrf}">
<label class="wide">Token <input type="password" name="token" required autocomplete="off"></label>
<label>Title <input name="title" maxlength="1000"></label>
<label>Outlet <input name="outlet" maxlength="200"></label>
<label>Published <input type="date" name="published"></label>
<label class="wide">URL <input type="url" name="url" maxlength="2000" aria-describedby="url-help"></label>
<p id="url-help" class="wide hint">With a URL and no text, the page is fetched and its article read; with text, the URL is only kept as where it was published.</p>
<label class="wide">Text <textarea name="text" rows="14"></textarea></label>
<button type="submit">Store the article</button>
</form>`;
  return layout(
    { title: "Submit an article", json: "/openapi.json" },
    html`<h1>Submit an article</h1>${enabled ? form : html`<p>Writes are off: the server was started without ONRECORD_TOKEN.</p>`}`,
  );
}
