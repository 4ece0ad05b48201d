import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import Database from "better-sqlite3";
import type { Alert } from "../src/app/alerts.ts";
import { ingestInputs } from "../src/app/run-ingest.ts";
import { watchSources } from "../src/app/watch.ts";
import { openStore } from "../src/record/open-store.ts";
import { newsPage, runCliAsync, TestServer } from "./web-server.ts";

const server = new TestServer();
let dir = "";
const LOCAL = ["--allow-private", "--delay", "0"];

before(async () => {
  await server.start();
  dir = mkdtempSync(path.join(tmpdir(), "onrecord-web-cli-"));
  server.serve("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain");
});
after(() => server.stop());

function rssFeed(links: string[]): string {
  const items = links.map((link) => `<item><title>t</title><link>${server.url(link)}</link></item>`).join("");
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title>${items}</channel></rss>`;
}

function query<T>(db: string, sql: string, ...params: unknown[]): T[] {
  const handle = new Database(db, { readonly: true });
  try {
    return handle.prepare(sql).all(...params) as T[];
  } finally {
    handle.close();
  }
}

describe("article", () => {
  test("prints one line per page with the fields and text ingest stores", async () => {
    const file = path.join(dir, "page.html");
    writeFileSync(file, newsPage("ferry", { canonical: "https://courier.example/ferry" }));
    server.serve("/article/quay", newsPage("quay"));
    const printed = await runCliAsync(dir, ["article", file, server.url("/article/quay"), ...LOCAL]);
    assert.equal(printed.code, 0, printed.stderr);
    const lines = printed.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    assert.deepEqual(Object.keys(lines[0]), [
      "file",
      "canonical",
      "title",
      "byline",
      "published",
      "language",
      "text",
    ]);
    assert.equal(lines[0].canonical, "https://courier.example/ferry");
    assert.equal(lines[1].url, server.url("/article/quay"));
    assert.equal(lines[1].canonical, server.url("/article/quay"));
    assert.equal(lines[1].language, "eng");
    assert.match(lines[1].text, /^The Saltmere harbour council voted.*\n\n"We cannot keep waiting/s);

    const db = path.join(dir, "article.db");
    const ingested = await runCliAsync(dir, [
      "ingest",
      file,
      server.url("/article/quay"),
      ...LOCAL,
      "--db",
      db,
      "--workers",
      "0",
    ]);
    assert.equal(ingested.code, 0, ingested.stderr);
    const stored = query<{ origin: string; url: string; raw_text: string; title: string; language: string }>(
      db,
      "SELECT origin, url, raw_text, title, language FROM articles ORDER BY origin",
    );
    const byOrigin = new Map(stored.map((row) => [row.origin, row]));
    for (const line of lines) {
      const row = byOrigin.get(line.file ?? line.url);
      assert.ok(row, `stored ${line.file ?? line.url}`);
      assert.equal(row.raw_text, line.text);
      assert.equal(row.url, line.canonical);
      assert.equal(row.title, line.title);
      assert.equal(row.language, line.language);
    }
  });

  test("--format text", async () => {
    server.serve("/article/text", newsPage("tide"));
    const text = await runCliAsync(dir, [
      "article",
      server.url("/article/text"),
      ...LOCAL,
      "--format",
      "text",
    ]);
    assert.match(
      text.stdout,
      /^# Harbour council votes on tide\nurl: http.*\ncanonical: http.*\nbyline: Ines Varga\npublished: 2026-02-03\nlanguage: eng\n\nThe Saltmere/,
    );
  });
});

describe("ingest from the web", () => {
  test("a feed's articles are stored once, by canonical URL and content; a rerun fetches no item again", async () => {
    server.serve("/news/1", newsPage("bridge"));
    server.serve("/news/2", newsPage("lighthouse"));
    // The same story under a tracking URL: another body line, the same canonical URL.
    server.serve(
      "/news/2?utm=x",
      newsPage("lighthouse", { canonical: server.url("/news/2"), extra: "Updated at noon." }),
    );
    server.serve("/news/feed", rssFeed(["/news/1", "/news/2", "/news/2?utm=x"]), "application/atom+xml");
    const db = path.join(dir, "feed.db");
    const ingestFeed = () =>
      runCliAsync(dir, ["ingest", server.url("/news/feed"), ...LOCAL, "--db", db, "--workers", "0"]);
    const first = await ingestFeed();
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /read 3, stored 2, already present 1, failed 0/);
    const second = await ingestFeed();
    assert.equal(second.code, 0, second.stderr);
    assert.equal(server.requests("/news/1"), 1);
    assert.equal(server.requests("/news/2"), 1);
    assert.equal(query(db, "SELECT id FROM articles").length, 2);
  });

  test("the local server is refused without --allow-private, and the batch goes on", async () => {
    server.serve("/refused", newsPage("refused"));
    const file = path.join(dir, "ok.html");
    writeFileSync(file, newsPage("okay"));
    const db = path.join(dir, "refused.db");
    const run = await runCliAsync(dir, [
      "ingest",
      server.url("/refused"),
      file,
      "--db",
      db,
      "--workers",
      "0",
    ]);
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /failed: http:\/\/127\.0\.0\.1:\d+\/refused: refused to connect to 127\.0\.0\.1 \(loopback address; use --allow-private/,
    );
    assert.match(run.stdout, /stored 1/);
    assert.equal(server.requests("/refused"), 0);
  });

  test("a missing file leaves no database behind", async () => {
    const db = path.join(dir, "never.db");
    const run = await runCliAsync(dir, ["ingest", path.join(dir, "no-such-file.html"), "--db", db]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /file not found/);
    assert.equal(existsSync(db), false);
  });
});

describe("watch and sources", () => {
  test("state in the store: a restart resumes, 304 fetches nothing, only new items are fetched", async () => {
    let feedLinks = ["/w/1"];
    let feedVersion = 1;
    let conditional = 0;
    server.serve("/w/1", newsPage("one"));
    server.serve("/w/2", newsPage("two"));
    server.routes.set("/w/feed", (request, response) => {
      const etag = `"v${feedVersion}"`;
      if (request.headers["if-none-match"] === etag) {
        conditional++;
        return void response.writeHead(304).end();
      }
      response.writeHead(200, { "content-type": "application/rss+xml", etag }).end(rssFeed(feedLinks));
    });
    const db = path.join(dir, "watch.db");
    // In-process (the CLI path is the SIGINT test's): each watch opens the store afresh, as a restart does.
    const watch = async () => {
      const lines: string[] = [];
      const store = await openStore(db, { create: true });
      try {
        await watchSources([server.url("/w/feed")], store, {
          everyMs: 15 * 60_000,
          once: true,
          web: { allowAddresses: ["127.0.0.1"], hostDelayMs: 0 },
          log: (line) => lines.push(line),
        });
      } finally {
        await store.close();
      }
      return lines.join("\n");
    };
    assert.match(await watch(), /poll: 1 sources, 1 new items \(0 fetched before\), stored 1/);
    // Not due again for 15 minutes: a restart does not fetch the feed.
    await watch();
    assert.equal(server.requests("/w/feed"), 1);
    const makeDue = () => {
      const handle = new Database(db);
      handle.prepare("UPDATE sources SET next_due = '2000-01-01T00:00:00.000Z'").run();
      handle.close();
    };
    makeDue();
    await watch();
    assert.equal(conditional, 1);
    feedLinks = ["/w/1", "/w/2"];
    feedVersion = 2;
    makeDue();
    assert.match(await watch(), /poll: 1 sources, 1 new items \(1 fetched before\), stored 1/);
    assert.equal(server.requests("/w/1"), 1);
    assert.equal(server.requests("/w/2"), 1);
    const sources = await runCliAsync(dir, ["sources", "--db", db, "--json"]);
    const [state] = JSON.parse(sources.stdout);
    assert.equal(state.kind, "feed");
    assert.equal(state.etag, '"v2"');
    assert.equal(state.itemsFound, 2);
    assert.equal(state.consecutiveErrors, 0);
  });

  test("a failing source backs off and shows as failing", async () => {
    server.routes.set("/down/feed", (_q, response) => response.writeHead(404).end());
    const db = path.join(dir, "down.db");
    const store = await openStore(db, { create: true });
    await watchSources([server.url("/down/feed")], store, {
      everyMs: 60_000,
      once: true,
      web: { allowAddresses: ["127.0.0.1"], hostDelayMs: 0, retries: 0 },
    });
    await store.close();
    const [state] = query<{ consecutive_errors: number; next_due: string; last_fetched: string }>(
      db,
      "SELECT * FROM sources",
    );
    assert.equal(state?.consecutive_errors, 1);
    // Backed off: twice the interval, not one.
    assert.ok(Date.parse(state?.next_due ?? "") - Date.parse(state?.last_fetched ?? "") >= 2 * 60_000);
    const listed = await runCliAsync(dir, ["sources", "--db", db]);
    assert.match(listed.stdout, /failing \(1 in a row: HTTP 404\)/);
  });

  test("--alert: a new statement flagged against an earlier one of a watched speaker is one JSON line and a webhook POST", async () => {
    const corpus = path.resolve(import.meta.dirname, "../samples/corpus");
    // The wire story of 13 March from the sample dumps, served as a page: Voss now "fully supports" the deal
    // she denied calling dead on 11 March (the earlier statement, on record before the watch starts).
    const wire = readFileSync(path.join(corpus, "dumps/wire.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { title: string; text: string; published?: string })
      .find((record) => record.text.includes("fully supports"));
    assert.ok(wire, "the sample wire dump has the 13 March story");
    const paragraphs = wire.text
      .split("\n\n")
      .map((p) => `<p>${p.replaceAll("&", "&amp;").replaceAll("<", "&lt;")}</p>`)
      .join("");
    server.serve(
      "/voss/talks",
      `<!doctype html><html><head><title>${wire.title}</title><meta property="article:published_time" content="${wire.published ?? "2026-03-13"}"></head><body><article><h1>${wire.title}</h1>${paragraphs}</article></body></html>`,
      "text/html",
    );
    server.serve("/voss/feed", rssFeed(["/voss/talks"]), "application/rss+xml");
    const posted: string[] = [];
    server.routes.set("/hook", (request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        posted.push(body);
        response.writeHead(204).end();
      });
    });
    const db = path.join(dir, "alerts.db");
    const store = await openStore(db, { create: true });
    const alerts: Alert[] = [];
    const log: string[] = [];
    try {
      // The earlier statement: on record before the watch starts.
      await ingestInputs([path.join(corpus, "text/herald-2026-03-11-voss-denies-saying-dead.txt")], store, {
        workers: 0,
      });
      // Watched by person id (as --speaker takes it), beside a name nobody answers to yet.
      const voss = await store.lookupSpeaker("Voss");
      assert.ok("found" in voss);
      await watchSources([server.url("/voss/feed")], store, {
        everyMs: 60_000,
        once: true,
        web: { allowAddresses: ["127.0.0.1"], hostDelayMs: 0 },
        alertSpeakers: [String(voss.found.id), "Nobody Atall"],
        webhook: server.url("/hook"),
        onAlert: (alert) => alerts.push(alert),
        log: (line) => log.push(line),
      });
    } finally {
      await store.close();
    }
    assert.ok(alerts.length > 0, log.join("\n"));
    assert.ok(
      log.includes("--alert Nobody Atall: no such speaker on record yet; alerts start once there is one"),
    );
    const [alert] = alerts;
    assert.ok(alert);
    assert.equal(alert.type, "mixed-message");
    assert.match(alert.speaker, /Voss/);
    const sides = [alert.earlier, alert.later];
    assert.ok(sides.some((side) => side.articleId === alert.articleId));
    assert.ok(sides.some((side) => side.articleId !== alert.articleId));
    assert.ok(alert.reasons.length > 0);
    assert.equal(posted.length, alerts.length, log.join("\n"));
    assert.deepEqual(JSON.parse(posted[0] ?? "{}").reasons, alert.reasons);
  });

  for (const workers of ["0", "1"])
    test(`kill -9 with an article in flight loses nothing: the restart fetches it again (--workers ${workers})`, async () => {
      const prefix = `/kill${workers}`;
      const links = [`${prefix}/0`, `${prefix}/1`];
      let child: import("node:child_process").ChildProcess | undefined;
      server.serve(links[0] as string, newsPage(`kill${workers}-zero`));
      // The second page is long, so that processing it takes a while (over a second on an idle machine,
      // with or without a worker thread): the kill lands after it was fetched and before it is stored.
      const long = Array.from(
        { length: 2000 },
        (_, i) => `"We will finish section ${i} of the quay before the storms," said Mayor Orla Penhallow.`,
      ).join("</p><p>");
      let sent = 0;
      server.routes.set(links[1] as string, (_q, response) => {
        response.writeHead(200, { "content-type": "text/html" });
        response.end(newsPage(`kill${workers}-one`, { extra: long }), () => {
          if (sent++ === 0) setTimeout(() => child?.kill("SIGKILL"), 50);
        });
      });
      // A feed with an ETag: validators saved before the items are stored would make the restart see 304.
      server.routes.set(`${prefix}/feed`, (request, response) => {
        if (request.headers["if-none-match"] === '"k"') return void response.writeHead(304).end();
        response.writeHead(200, { "content-type": "application/rss+xml", etag: '"k"' }).end(rssFeed(links));
      });
      const db = path.join(dir, `kill${workers}.db`);
      const args = [
        "watch",
        server.url(`${prefix}/feed`),
        "--once",
        "--workers",
        workers,
        ...LOCAL,
        "--db",
        db,
      ];
      const origins = () => query<{ origin: string }>(db, "SELECT origin FROM articles ORDER BY origin");
      const killed = await runCliAsync(dir, args, {
        onSpawn: (spawned) => {
          child = spawned;
        },
      });
      assert.equal(killed.signal, "SIGKILL", killed.stderr);
      // The kill came after page 1 was fetched and before it was stored (page 0 may be stored or not:
      // with a worker thread starting up, both can be in flight).
      const atKill = origins().map((row) => row.origin);
      assert.ok(!atKill.includes(server.url(links[1] as string)), "page 1 was stored before the kill");
      const restarted = await runCliAsync(dir, args);
      assert.equal(restarted.code, 0, restarted.stderr);
      assert.deepEqual(
        origins(),
        links.map((link) => ({ origin: server.url(link) })),
      );
      // Fetched again only if it was not stored; never a third time.
      assert.equal(server.requests(links[0] as string), atKill.length === 1 ? 1 : 2);
      assert.equal(server.requests(links[1] as string), 2);
    });

  test("SIGINT finishes the article in flight and exits cleanly", async () => {
    const links = Array.from({ length: 5 }, (_, i) => `/slow/${i}`);
    let child: import("node:child_process").ChildProcess | undefined;
    for (const link of links) {
      server.routes.set(link, (_q, response) => {
        // The first article's request is where the user presses Ctrl-C.
        if (link === "/slow/0") child?.kill("SIGINT");
        setTimeout(
          () => response.writeHead(200, { "content-type": "text/html" }).end(newsPage(link.slice(1))),
          300,
        );
      });
    }
    server.serve("/slow/feed", rssFeed(links), "application/rss+xml");
    const db = path.join(dir, "sigint.db");
    const run = await runCliAsync(
      dir,
      ["watch", server.url("/slow/feed"), "--every", "1m", ...LOCAL, "--db", db],
      {
        onSpawn: (spawned) => {
          child = spawned;
        },
      },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /SIGINT: finishing the article in flight/);
    assert.match(run.stderr, /stopped/);
    assert.equal(query(db, "SELECT id FROM articles").length, 1);
    assert.equal(server.requests("/slow/1"), 0);
    // The feed was not finished: it stays due, so a restart reads the remaining items.
    const [state] = query<{ next_due: string }>(db, "SELECT next_due FROM sources");
    assert.ok(Date.parse(state?.next_due ?? "") <= Date.now());
  });
});
