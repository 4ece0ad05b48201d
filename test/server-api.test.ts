/**
 * The HTTP API through fastify.inject (no socket): responses checked against the very schemas the OpenAPI
 * document is written from, JSON twins equal to the API, stable cursors, facets that narrow, the write
 * guard (403 off, 401 without the token), body and rate limits, errors without stack traces, escaping.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { FastifyInstance } from "fastify";
import type { TSchema } from "typebox";
import { Value } from "typebox/value";
import type { Store } from "../src/record/store.ts";
import { buildServer } from "../src/server/app.ts";
import * as S from "../src/server/schemas.ts";
import { fixtureStore, freshStore, HOSTILE_NAME } from "./server-fixture.ts";
import { newsPage, TestServer } from "./web-server.ts";

const TOKEN = "test-token-0123456789";
let store: Store;
let app: FastifyInstance;

before(async () => {
  store = (await fixtureStore()).store;
  app = await buildServer({ store, token: TOKEN });
});
after(async () => {
  await app.close();
  await store.close();
});

async function getJson(url: string, schema: TSchema, headers: Record<string, string> = {}) {
  const response = await app.inject({ url, headers });
  assert.equal(response.statusCode, 200, `${url}: ${response.body.slice(0, 300)}`);
  assert.match(String(response.headers["content-type"]), /^application\/json/);
  const body = response.json();
  const errors = [...Value.Errors(schema, body)].slice(0, 3);
  assert.deepEqual(errors, [], `${url} does not match its schema`);
  return body;
}

const personUrl = (name: string) => `/api/people/${encodeURIComponent(name)}`;

describe("server API", () => {
  test("statement search: all of them with facets, then narrowed by a facet's value", async () => {
    const all = await getJson("/api/statements", S.SearchResponse);
    assert.equal(all.statements.length, 9);
    assert.equal(all.facets.total, 9);
    const quill = all.facets.speaker.find((f: { label: string }) => f.label === HOSTILE_NAME);
    assert.equal(quill.count, 5);
    const narrowed = await getJson(`/api/statements?speaker=${quill.value}`, S.SearchResponse);
    assert.equal(narrowed.statements.length, 5);
    assert.ok(
      narrowed.statements.every((s: { speaker: string }) => s.speaker === HOSTILE_NAME),
      "narrowed.statements.every((s: { speaker: string }) => s.speaker === HOSTILE_NAME)",
    );
    const searched = await getJson("/api/statements?q=harbour%20bridge&kind=indirect", S.SearchResponse);
    assert.ok(searched.statements.length >= 1, "searched.statements.length >= 1");
    for (const s of searched.statements) {
      assert.equal(s.kind, "indirect");
      assert.match(s.content, /harbour bridge/i);
    }
    const month = await getJson("/api/statements?since=2026-02-01&until=2026-02-28", S.SearchResponse);
    assert.ok(
      month.statements.every((s: { published: string }) => s.published.startsWith("2026-02")),
      `month.statements.every((s: { published: string }) => s.published.startsWith("2026-02"))`,
    );
    const topic = await getJson("/api/statements?topic=issue:fare", S.SearchResponse);
    assert.equal(topic.statements.length, 3);
  });

  test("cursors page through every statement once, newest first, and stay put when articles are added", async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let firstCursor: string | null = null;
    do {
      const page = await getJson(
        `/api/statements?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        S.SearchResponse,
      );
      seen.push(...page.statements.map((s: { id: number }) => s.id));
      cursor = page.next;
      firstCursor ??= cursor;
    } while (cursor);
    const whole = await getJson("/api/statements?limit=200", S.SearchResponse);
    assert.deepEqual(
      seen,
      whole.statements.map((s: { id: number }) => s.id),
    );
    const dates = whole.statements.map((s: { published: string }) => s.published);
    assert.deepEqual(dates, [...dates].sort().reverse());

    const second = await getJson(`/api/statements?limit=2&cursor=${firstCursor}`, S.SearchResponse);
    const added = await app.inject({
      method: "POST",
      url: "/api/articles",
      headers: { authorization: `Bearer ${TOKEN}` },
      payload: {
        title: "Odell on the ferry",
        outlet: "The Lantern Post",
        published: "2026-12-01",
        text: 'Councillor Bram Odell said on Friday that the ferry would run all winter.\n\n"The ferry will run," Odell said.',
      },
    });
    assert.equal(added.statusCode, 201, added.body);
    const again = await getJson(`/api/statements?limit=2&cursor=${firstCursor}`, S.SearchResponse);
    assert.deepEqual(again.statements, second.statements);
    const bad = await app.inject({ url: "/api/statements?cursor=not-a-cursor" });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error, /cursor/);
  });

  test("every page's JSON twin (.json and Accept) is the API's answer", async () => {
    const article = (await getJson("/api/statements?limit=1", S.SearchResponse)).statements[0].articleId;
    const pairs: [string, string, TSchema][] = [
      ["/api/statements?q=fares", "/search.json?q=fares", S.SearchResponse],
      ["/api/people", "/people.json", S.PeopleResponse],
      [personUrl(HOSTILE_NAME), `/people/${encodeURIComponent(HOSTILE_NAME)}.json`, S.PersonResponse],
      [`/api/articles/${article}`, `/articles/${article}.json`, S.ArticleResponse],
      ["/api/topics", "/topics.json", S.TopicsResponse],
      ["/api/timeline?speaker=Quill", "/timeline.json?speaker=Quill", S.TimelineResponse],
      ["/api/mixed?speaker=Quill", "/mixed.json?speaker=Quill", S.MixedResponse],
      ["/api/digest?speaker=Quill&about=bridge", "/digest.json?speaker=Quill&about=bridge", S.DigestResponse],
    ];
    for (const [api, twin, schema] of pairs) {
      const expected = await getJson(api, schema);
      assert.deepEqual(await getJson(twin, schema), expected, twin);
      const page = twin.replace(".json", "");
      assert.deepEqual(await getJson(page, schema, { accept: "application/json" }), expected, page);
      const html = await app.inject({ url: page === "/search?q=fares" ? "/?q=fares" : page });
      assert.equal(html.statusCode, 200, page);
      assert.match(String(html.headers["content-type"]), /^text\/html/);
    }
  });

  test("a person: profile, chart by month, timeline, and the links behind the merge", async () => {
    const body = await getJson(personUrl("Quill"), S.PersonResponse);
    assert.equal(body.person.name, HOSTILE_NAME);
    assert.equal(body.person.statementCount, 5);
    assert.deepEqual(body.chart.months, ["2026-01", "2026-02", "2026-03"]);
    assert.deepEqual(body.chart.series[0].counts, [2, 1, 2]);
    assert.equal(body.timeline.length, 5);
    assert.ok(
      body.links.some((link: { rule: string }) => /override|rename/.test(link.rule)),
      "body.links.some((link: { rule: string }) => /override|rename/.test(link.rule))",
    );
    const missing = await app.inject({ url: personUrl("Nobody Atall") });
    assert.equal(missing.statusCode, 404);
  });

  test("an article's statements have spans that cut their own words out of the article text", async () => {
    const search = await getJson("/api/statements?q=fares", S.SearchResponse);
    const body = await getJson(`/api/articles/${search.statements[0].articleId}`, S.ArticleResponse);
    assert.ok(body.statements.length >= 3, "body.statements.length >= 3");
    for (const s of body.statements) {
      if (s.contentSpans.length === 1) {
        assert.equal(body.article.text.slice(s.contentSpans[0].start, s.contentSpans[0].end), s.content);
      }
    }
    const bad = await app.inject({ url: "/api/articles/../../etc/passwd" });
    assert.ok(
      bad.statusCode === 400 || bad.statusCode === 404,
      "bad.statusCode === 400 || bad.statusCode === 404",
    );
  });

  test("export: CSV with a header and formula cells defused, JSON Lines one statement a line", async () => {
    const csv = await app.inject({ url: "/api/statements/export?format=csv&speaker=Odell" });
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers["content-type"]), /^text\/csv/);
    const lines = csv.body.trim().split("\r\n");
    assert.equal(
      lines[0],
      "id,articleId,speaker,sourceText,published,outlet,kind,confidence,paragraph,content,contentSpans,title,url",
    );
    const jsonl = await app.inject({ url: "/api/statements/export?speaker=Odell" });
    const records = jsonl.body
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    assert.equal(records.length, lines.length - 1);
    assert.ok(
      records.every((r: { speaker: string }) => r.speaker === records[0].speaker),
      "records.every((r: { speaker: string }) => r.speaker === records[0].speaker)",
    );
  });

  test("writes: 401 without or with a wrong token, body and size limits, 403 when writes are off", async () => {
    const payload = { text: "Mayor Ada Quill said the bridge was fine." };
    for (const headers of [{}, { authorization: "Bearer wrong" }, { authorization: TOKEN }]) {
      const response = await app.inject({ method: "POST", url: "/api/articles", headers, payload });
      assert.equal(response.statusCode, 401, JSON.stringify(headers));
      assert.deepEqual(Object.keys(response.json()), ["error"]);
    }
    const auth = { authorization: `Bearer ${TOKEN}` };
    const overrides = await app.inject({ method: "POST", url: "/api/overrides", payload: { rename: [] } });
    assert.equal(overrides.statusCode, 401);
    const tooBig = await app.inject({
      method: "POST",
      url: "/api/overrides",
      headers: { ...auth, "content-type": "application/json" },
      payload: JSON.stringify({ rename: [{ from: "x".repeat(70_000), to: "y" }] }),
    });
    assert.equal(tooBig.statusCode, 413);
    const invalid = await app.inject({
      method: "POST",
      url: "/api/articles",
      headers: auth,
      payload: { text: "" },
    });
    assert.equal(invalid.statusCode, 400);
    assert.match(invalid.json().error, /text/);

    const { store: other } = await fixtureStore();
    const readOnly = await buildServer({ store: other });
    const off = await readOnly.inject({ method: "POST", url: "/api/articles", headers: auth, payload });
    assert.equal(off.statusCode, 403);
    assert.match(off.json().error, /ONRECORD_TOKEN/);
    await readOnly.close();
    await other.close();
  });

  test("writes are rate limited", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 32; i++) {
      codes.push((await app.inject({ method: "POST", url: "/api/overrides", payload: {} })).statusCode);
    }
    assert.ok(codes.includes(429), `no 429 in ${codes.join(",")}`);
  });

  test("the form that writes needs its CSRF cookie and field, and the token", async () => {
    const page = await app.inject({ url: "/submit" });
    const csrf = /name="csrf" value="([0-9a-f]+)"/.exec(page.body)?.[1] as string;
    const cookie = String(page.headers["set-cookie"]).split(";")[0] as string;
    assert.match(String(page.headers["set-cookie"]), /SameSite=Strict/);
    const send = (body: Record<string, string>, headers: Record<string, string>) =>
      app.inject({
        method: "POST",
        url: "/submit",
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        payload: new URLSearchParams(body).toString(),
      });
    const form = {
      token: TOKEN,
      text: "Councillor Bram Odell said the pier would reopen in May.",
      title: "Pier",
    };
    assert.equal((await send({ ...form, csrf }, {})).statusCode, 403, "no cookie");
    assert.equal((await send({ ...form, csrf }, { cookie, "sec-fetch-site": "cross-site" })).statusCode, 403);
    assert.equal((await send({ ...form, csrf, token: "wrong" }, { cookie })).statusCode, 401);
    const ok = await send({ ...form, csrf }, { cookie, "sec-fetch-site": "same-origin" });
    assert.equal(ok.statusCode, 303);
    assert.match(String(ok.headers.location), /^\/articles\/[0-9a-f]{64}$/);
  });

  test("security headers: a CSP without inline script; errors carry no stack or path", async () => {
    const page = await app.inject({ url: "/" });
    const csp = String(page.headers["content-security-policy"]);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(page.headers["x-content-type-options"], "nosniff");
    assert.doesNotMatch(page.body, /<script>|<script [^>]*>[^<]/);
    const { store: broken } = await fixtureStore();
    const server = await buildServer({ store: broken });
    await broken.close();
    for (const url of ["/api/statements", "/people"]) {
      const failed = await server.inject({ url });
      assert.equal(failed.statusCode, 500);
      assert.doesNotMatch(failed.body, /\/work|\.ts|at .*\(|Error:|sqlite/i);
      assert.match(failed.body, /internal error/);
    }
    await server.close();
  });

  test("hostile stored text is escaped on every page", async () => {
    const article = (await getJson("/api/statements?q=ferry", S.SearchResponse)).statements[0].articleId;
    const pages = [
      "/",
      "/people",
      `/people/${encodeURIComponent(HOSTILE_NAME)}`,
      `/articles/${article}`,
      "/timeline?speaker=Odell",
      "/mixed?speaker=Quill",
      "/digest?speaker=Quill&about=fares",
    ];
    for (const url of pages) {
      const body = (await app.inject({ url })).body;
      assert.doesNotMatch(body, /<img src=x|<script>window|<b>tolls|href="javascript:/, url);
    }
  });

  test("the OpenAPI document describes every API route with its schemas", async () => {
    const doc = (await app.inject({ url: "/openapi.json" })).json();
    assert.equal(doc.openapi, "3.1.0");
    for (const path of [
      "/api/statements",
      "/api/statements/export",
      "/api/people",
      "/api/people/{id}",
      "/api/articles/{id}",
      "/api/topics",
      "/api/timeline",
      "/api/mixed",
      "/api/digest",
    ]) {
      const get = doc.paths[path]?.get;
      assert.ok(get, `${path} missing`);
      assert.ok(get.responses["200"] || path.endsWith("export"), `${path} has no 200 response`);
    }
    assert.ok(doc.paths["/api/articles"].post.requestBody, `doc.paths["/api/articles"].post.requestBody`);
    assert.deepEqual(doc.paths["/api/articles"].post.security, [{ bearer: [] }]);
    const params = doc.paths["/api/statements"].get.parameters.map((p: { name: string }) => p.name);
    for (const name of [
      "q",
      "speaker",
      "outlet",
      "since",
      "until",
      "kind",
      "topic",
      "minConfidence",
      "cursor",
      "limit",
    ]) {
      assert.ok(params.includes(name), `parameter ${name}`);
    }
    assert.ok(
      !Object.keys(doc.paths).some((path) => path.endsWith(".json") || path.startsWith("/assets")),
      `!Object.keys(doc.paths).some((path) => path.endsWith(".json") || path.startsWith("/assets"))`,
    );
  });
});

describe("POST /api/articles with a URL", () => {
  const pages = new TestServer();
  let local: FastifyInstance;
  let localStore: Store;
  const post = (server: FastifyInstance, payload: Record<string, string>) =>
    server.inject({
      method: "POST",
      url: "/api/articles",
      headers: { authorization: `Bearer ${TOKEN}` },
      payload,
    });

  before(async () => {
    await pages.start();
    pages.serve("/story", newsPage("quay"));
    pages.serve("/report.pdf", "%PDF-1.4", "application/pdf");
    pages.serve("/empty", "<!doctype html><html><head><title>x</title></head><body></body></html>");
    pages.routes.set("/to-private", (_request, response) => {
      response.writeHead(302, { location: "http://10.0.0.1/story" });
      response.end();
    });
    localStore = (await freshStore()).store;
    // The test server's address only, as `ingest` tests allow it; every other private address stays refused.
    local = await buildServer({
      store: localStore,
      token: TOKEN,
      fetch: { allowAddresses: ["127.0.0.1"], hostDelayMs: 0 },
    });
  });
  after(async () => {
    await local.close();
    await localStore.close();
    await pages.stop();
  });

  test("a page is fetched, read and stored like `ingest URL`; the same page again is already there", async () => {
    const added = await post(local, { url: pages.url("/story"), outlet: "Saltmere Courier" });
    assert.equal(added.statusCode, 201, added.body);
    const body = added.json();
    assert.equal(body.title, "Harbour council votes on quay");
    assert.ok(body.statements >= 1, added.body);
    const stored = await getJsonFrom(local, `/api/articles/${body.id}`, S.ArticleResponse);
    assert.equal(stored.article.url, pages.url("/story"));
    assert.equal(stored.article.outlet, "Saltmere Courier");
    assert.equal(stored.article.published, "2026-02-03");
    assert.match(stored.article.text, /^The Saltmere harbour council voted/);
    for (const s of stored.statements) {
      const span = s.contentSpans[0];
      assert.equal(stored.article.text.slice(span.start, span.end), s.content.split(" … ")[0]);
    }
    const again = await post(local, { url: pages.url("/story") });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().id, body.id);
  });

  test("bad URLs: refused addresses 400, pages that are not articles 422, each saying why", async () => {
    const cases: [FastifyInstance, string, number, RegExp][] = [
      // The default server refuses its own machine: a submitted URL must not reach what only it can.
      [app, pages.url("/story"), 400, /loopback/],
      [local, pages.url("/to-private"), 400, /private/],
      [local, pages.url("/missing"), 422, /404/],
      [local, pages.url("/report.pdf"), 422, /not an HTML page \(application\/pdf\)/],
      [local, pages.url("/empty"), 422, /empty/],
      [local, "ftp://example.org/story", 400, /url/],
    ];
    for (const [server, url, status, message] of cases) {
      const response = await post(server, { url });
      assert.equal(response.statusCode, status, `${url}: ${response.body}`);
      assert.match(response.json().error, message, url);
      assert.doesNotMatch(response.body, /\.ts|at .*\(|stack/);
    }
    const neither = await post(local, { title: "No text" });
    assert.equal(neither.statusCode, 400);
    assert.match(neither.json().error, /text, or a url/);
    assert.equal((await localStore.stats()).articles, 1);
  });
});

async function getJsonFrom(server: FastifyInstance, url: string, schema: TSchema) {
  const response = await server.inject({ url });
  assert.equal(response.statusCode, 200, `${url}: ${response.body.slice(0, 300)}`);
  const body = response.json();
  assert.deepEqual([...Value.Errors(schema, body)].slice(0, 3), [], `${url} does not match its schema`);
  return body;
}
