/**
 * `onrecord serve`: the newsroom web app and its JSON API on Fastify. Security is set here once: helmet's
 * headers with a Content-Security-Policy that allows scripts and styles from this server only (no inline
 * script anywhere), body and time limits, rate limits on writes, and errors that never carry a stack trace
 * or a path (a 500 says "internal error"; the log has the rest).
 */
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from "fastify";
import { UrlArticleReader, type UrlFetchOptions } from "../app/submit-url.ts";
import type { Store } from "../record/store.ts";
import { registerAssets } from "./assets.ts";
import { errorPage } from "./layout.ts";
import { PageCache } from "./page-cache.ts";
import { registerReadRoutes } from "./read-routes.ts";
import { HttpError, wantsJson } from "./twin.ts";
import { registerWriteRoutes } from "./write-routes.ts";

export interface ServerOptions {
  store: Store;
  /** Bearer token for the write API; writes are off without one. */
  token?: string;
  /** Fastify's logger (pino) on stdout; off in tests. */
  logger?: boolean;
  /** How a submitted URL is fetched; tests allow their local server's address here. */
  fetch?: UrlFetchOptions;
}

/** Largest request body outside the routes that set their own (the article submission). */
const BODY_LIMIT = 64 * 1024;
const REQUEST_TIMEOUT_MS = 30_000;

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    requestTimeout: REQUEST_TIMEOUT_MS,
    connectionTimeout: REQUEST_TIMEOUT_MS,
    keepAliveTimeout: 5000,
    // Ajv: one error at a time is enough for a message; unknown query fields are dropped, not errors.
    ajv: { customOptions: { removeAdditional: true, coerceTypes: "array", useDefaults: true } },
  });
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "onrecord",
        description: "Who said what, when: statements, people, articles, topics and mixed messages.",
        version: "1",
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    },
  });
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string" },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  app.setErrorHandler((error: FastifyError, request, reply) => sendError(error, request, reply));
  app.setNotFoundHandler((request, reply) => sendError(new HttpError(404, "no such page"), request, reply));

  registerAssets(app);
  registerReadRoutes(app, { store: options.store, cache: new PageCache(options.store) });
  const urls = new UrlArticleReader(options.fetch);
  app.addHook("onClose", async () => urls.close());
  registerWriteRoutes(app, { store: options.store, token: options.token, urls });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  await app.ready();
  return app;
}

/** A client's error says what to fix; a server error says nothing of the code, the data or the paths. */
function sendError(error: FastifyError | HttpError, request: FastifyRequest, reply: FastifyReply) {
  const status =
    error instanceof HttpError
      ? error.statusCode
      : "validation" in error && error.validation
        ? 400
        : error.statusCode && error.statusCode >= 400 && error.statusCode < 500
          ? error.statusCode
          : 500;
  if (status >= 500) request.log.error(error);
  const message = status >= 500 ? "internal error" : errorText(error);
  const details = error instanceof HttpError ? error.details : {};
  const json = request.url.startsWith("/api/") || request.url === "/openapi.json" || wantsJson(request);
  reply.code(status);
  if (error.name === "FastifyError" && status === 429) reply.header("retry-after", "60");
  if (json) return reply.type("application/json; charset=utf-8").send({ error: message, ...details });
  const page =
    error instanceof HttpError && error.page ? error.page : errorPage(status, message, "/openapi.json");
  return reply.type("text/html; charset=utf-8").send(page);
}

function errorText(error: FastifyError | HttpError): string {
  if (!(error instanceof HttpError) && "validation" in error && error.validation) {
    return `bad request: ${error.validationContext ?? "input"} ${error.validation[0]?.instancePath ?? ""} ${error.validation[0]?.message ?? error.message}`
      .replace(/\s+/g, " ")
      .trim();
  }
  return error.message.split("\n")[0] ?? "bad request";
}
