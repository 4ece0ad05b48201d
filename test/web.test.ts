import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { decodePage } from "../src/ingest/charset.ts";
import type { ReadResult } from "../src/ingest/types.ts";
import { checkUrl, forbiddenReason, guardedLookup } from "../src/web/address-guard.ts";
import { discover, MalformedSourceError } from "../src/web/discover.ts";
import { FetchError, Fetcher, type FetcherOptions, retryAfterMs } from "../src/web/fetcher.ts";
import { HostGate } from "../src/web/politeness.ts";
import { newOutcome, readSource } from "../src/web/read-url.ts";
import { newsPage, TestServer } from "./web-server.ts";

const server = new TestServer();
/** The test server, and nothing else private, is allowed. */
const LOCAL: FetcherOptions = { allowAddresses: ["127.0.0.1"], hostDelayMs: 0, retryBaseMs: 10 };

before(async () => {
  await server.start();
  server.serve("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain");
});
after(() => server.stop());

async function collect(results: AsyncIterable<ReadResult>): Promise<ReadResult[]> {
  const all: ReadResult[] = [];
  for await (const result of results) all.push(result);
  return all;
}

async function fetchError(fetcher: Fetcher, url: string): Promise<FetchError> {
  try {
    await fetcher.get(url);
  } catch (error) {
    assert.ok(error instanceof FetchError, `expected FetchError, got ${error}`);
    return error;
  }
  assert.fail(`${url} was fetched`);
}

describe("address guard", () => {
  test("refuses loopback, private, link-local, multicast and metadata addresses, IPv4 and IPv6", () => {
    for (const address of [
      "127.0.0.1",
      "127.8.9.10",
      "10.0.0.1",
      "172.16.5.4",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.251",
      "255.255.255.255",
      "::1",
      "::",
      "fe80::1",
      "fc00::1",
      "fd12:3456::1",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:169.254.169.254",
      "::ffff:10.0.0.1",
      "64:ff9b::7f00:1",
    ]) {
      assert.ok(forbiddenReason(address), `${address} should be refused`);
    }
    for (const address of ["8.8.8.8", "93.184.216.34", "2001:4860:4860::8888", "::ffff:8.8.8.8"]) {
      assert.equal(forbiddenReason(address), null, `${address} is public`);
    }
  });

  test("decimal, octal, hex and IPv4-mapped host forms are refused, and only http(s)", () => {
    const policy = { allowPrivate: false };
    for (const url of [
      "http://2130706433/",
      "http://0177.0.0.1/",
      "http://0x7f.1/",
      "http://127.1/",
      "http://[::ffff:127.0.0.1]/",
      "http://[::1]:8080/",
      "http://169.254.169.254/latest/meta-data/",
    ]) {
      assert.throws(() => checkUrl(new URL(url), policy), /refused to connect/, url);
    }
    assert.throws(() => checkUrl(new URL("file:///etc/passwd"), policy), /only http and https/);
    assert.throws(() => checkUrl(new URL("ftp://example.org/"), policy), /only http and https/);
    assert.doesNotThrow(() => checkUrl(new URL("http://[::1]/"), { allowPrivate: true }));
  });

  test("a name is judged by the address it resolves to", async () => {
    const lookup = guardedLookup({ allowPrivate: false });
    const error = await new Promise<Error | null>((resolve) => lookup("localhost", {}, (e) => resolve(e)));
    assert.match(String(error?.message), /refused to connect to localhost \((127\.0\.0\.1|::1)\)/);
  });

  test("the fetcher refuses the local server by default, by name and by address", async () => {
    const fetcher = new Fetcher({ hostDelayMs: 0, retries: 0 });
    try {
      server.serve("/guarded", newsPage("guarded"));
      const port = new URL(server.base).port;
      assert.equal((await fetchError(fetcher, server.url("/guarded"))).kind, "forbidden");
      const byName = await fetchError(fetcher, `http://localhost:${port}/guarded`);
      assert.equal(byName.kind, "forbidden");
      assert.match(byName.message, /localhost \(/);
      assert.equal(server.requests("/guarded"), 0);
    } finally {
      await fetcher.close();
    }
  });

  test("every redirect hop is checked: a redirect to a private address is refused", async () => {
    server.routes.set("/to-private", (_q, response) => {
      response.writeHead(302, { location: "http://10.0.0.1/admin" });
      response.end();
    });
    server.routes.set("/to-file", (_q, response) => {
      response.writeHead(301, { location: "file:///etc/passwd" });
      response.end();
    });
    const fetcher = new Fetcher({ ...LOCAL, retries: 0 });
    try {
      const error = await fetchError(fetcher, server.url("/to-private"));
      assert.equal(error.kind, "forbidden");
      assert.match(error.message, /10\.0\.0\.1 \(private address/);
      assert.match((await fetchError(fetcher, server.url("/to-file"))).message, /only http and https/);
    } finally {
      await fetcher.close();
    }
  });
});

describe("fetcher", () => {
  const fetcher = () => new Fetcher({ ...LOCAL, contact: "desk@example.org", maxBytes: 1024 * 1024 });

  test("sends a User-Agent with the contact, and honours robots.txt", async () => {
    let agent = "";
    server.routes.set("/ua", (request, response) => {
      agent = String(request.headers["user-agent"]);
      response.end(newsPage("ua"));
    });
    server.serve("/private/page", newsPage("private"));
    const client = fetcher();
    try {
      await client.get(server.url("/ua"));
      assert.match(agent, /^onrecord\/[\d.]+ \(.*contact: desk@example\.org\)$/);
      const refused = await fetchError(client, server.url("/private/page"));
      assert.equal(refused.kind, "robots");
      assert.equal(server.requests("/private/page"), 0);
    } finally {
      await client.close();
    }
  });

  test("obeys robots.txt Crawl-delay for our agent or *, capped", async () => {
    // Each site is its own origin, so its robots.txt applies to it alone.
    const polite = await new TestServer().start();
    const greedy = await new TestServer().start();
    polite.serve("/robots.txt", "User-agent: *\nCrawl-delay: 0.3\n", "text/plain");
    greedy.serve("/robots.txt", "User-agent: onrecord\nCrawl-delay: 3600\n", "text/plain");
    const arrivals = (site: TestServer) => {
      const times: number[] = [];
      site.routes.set("/page", (_q, response) => {
        times.push(Date.now());
        response.end(newsPage("delay"));
      });
      return times;
    };
    const politeTimes = arrivals(polite);
    const greedyTimes = arrivals(greedy);
    const client = new Fetcher({ ...LOCAL, maxCrawlDelayMs: 600 });
    try {
      // The hour that greedy asks for is capped at 600 ms: without the cap this test would time out.
      for (let i = 0; i < 3; i++)
        await Promise.all([client.get(polite.url("/page")), client.get(greedy.url("/page"))]);
      const gaps = (times: number[]) => times.slice(1).map((time, i) => time - (times[i] as number));
      for (const gap of gaps(politeTimes)) assert.ok(gap >= 300, `polite gap ${gap} ms`);
      for (const gap of gaps(greedyTimes)) assert.ok(gap >= 600, `greedy gap ${gap} ms`);
      // --no-robots ignores the delay with the rules.
      const ignoring = new Fetcher({ ...LOCAL, robots: false });
      try {
        await ignoring.get(greedy.url("/page"));
        await ignoring.get(greedy.url("/page"));
        assert.ok((greedyTimes.at(-1) as number) - (greedyTimes.at(-2) as number) < 600);
      } finally {
        await ignoring.close();
      }
    } finally {
      await client.close();
      await polite.stop();
      await greedy.stop();
    }
  });

  test("a 100 MB page stops at the size cap without being read to the end", async () => {
    let sent = 0;
    server.routes.set("/huge", (_q, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      const chunk = Buffer.alloc(64 * 1024, "a");
      const push = () => {
        while (sent < 100 * 1024 * 1024) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once("drain", push);
        }
        response.end();
      };
      response.on("close", () => {
        sent = Number.POSITIVE_INFINITY;
      });
      push();
    });
    server.serve("/declared", Buffer.alloc(2 * 1024 * 1024, "b"), "text/html", {
      "content-length": String(2 * 1024 * 1024),
    });
    const client = fetcher();
    try {
      const error = await fetchError(client, server.url("/huge"));
      assert.equal(error.kind, "too-large");
      assert.match(error.message, /response too large: over 1 MB/);
      const declared = await fetchError(client, server.url("/declared"));
      assert.match(declared.message, /response too large: 2\.0 MB \(limit 1 MB\)/);
    } finally {
      await client.close();
    }
  });

  test("a gzip bomb stops at the cap on decompressed bytes", async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
    assert.ok(bomb.length < 1024 * 1024);
    server.serve("/bomb", bomb, "text/html", { "content-encoding": "gzip" });
    server.serve("/gzipped", gzipSync(newsPage("gzipped")), "text/html", { "content-encoding": "gzip" });
    const client = fetcher();
    try {
      const error = await fetchError(client, server.url("/bomb"));
      assert.equal(error.kind, "too-large");
      assert.match(error.message, /too large when decompressed/);
      const fine = await client.get(server.url("/gzipped"));
      assert.match(fine.body.toString(), /gzipped plan/);
    } finally {
      await client.close();
    }
  });

  test("a redirect loop and a long redirect chain end with a clear error", async () => {
    server.routes.set("/loop-a", (_q, r) => r.writeHead(302, { location: "/loop-b" }).end());
    server.routes.set("/loop-b", (_q, r) => r.writeHead(302, { location: "/loop-a" }).end());
    for (let i = 0; i < 10; i++)
      server.routes.set(`/chain-${i}`, (_q, r) => r.writeHead(301, { location: `/chain-${i + 1}` }).end());
    const client = fetcher();
    try {
      assert.match((await fetchError(client, server.url("/loop-a"))).message, /redirect loop/);
      assert.match((await fetchError(client, server.url("/chain-0"))).message, /more than 5 redirects/);
    } finally {
      await client.close();
    }
  });

  test("a server sending one byte at a time is cut off by the total timeout", async () => {
    server.routes.set("/slow", (_q, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      const timer = setInterval(() => response.write("a"), 50);
      response.on("close", () => clearInterval(timer));
    });
    const client = new Fetcher({ ...LOCAL, totalTimeoutMs: 400, retries: 0 });
    try {
      const started = Date.now();
      const error = await fetchError(client, server.url("/slow"));
      assert.equal(error.kind, "timeout");
      assert.match(error.message, /timed out after 0\.4 s/);
      assert.ok(Date.now() - started < 5000);
    } finally {
      await client.close();
    }
  });

  test("retries a 503 after Retry-After, and conditional GET gives 304", async () => {
    let calls = 0;
    server.routes.set("/flaky", (_q, response) => {
      calls++;
      if (calls === 1) response.writeHead(503, { "retry-after": "0" }).end();
      else response.writeHead(200, { "content-type": "text/html" }).end(newsPage("flaky"));
    });
    server.routes.set("/etag", (request, response) => {
      if (request.headers["if-none-match"] === '"v1"') return void response.writeHead(304).end();
      response.writeHead(200, { etag: '"v1"', "last-modified": "Tue, 03 Feb 2026 10:00:00 GMT" }).end("feed");
    });
    const client = fetcher();
    try {
      assert.match((await client.get(server.url("/flaky"))).body.toString(), /flaky/);
      assert.equal(calls, 2);
      const first = await client.get(server.url("/etag"));
      assert.deepEqual(first.validators, { etag: '"v1"', lastModified: "Tue, 03 Feb 2026 10:00:00 GMT" });
      const second = await client.get(server.url("/etag"), first.validators);
      assert.equal(second.notModified, true);
    } finally {
      await client.close();
    }
    assert.equal(retryAfterMs("120"), 120_000);
    assert.equal(retryAfterMs("Thu, 01 Jan 2026 00:01:00 GMT", Date.parse("2026-01-01T00:00:00Z")), 60_000);
  });

  test("a Retry-After longer than we wait is an error for that URL", async () => {
    server.routes.set("/busy", (_q, r) => r.writeHead(429, { "retry-after": "3600" }).end());
    const client = fetcher();
    try {
      assert.match((await fetchError(client, server.url("/busy"))).message, /HTTP 429; Retry-After 3600 s/);
    } finally {
      await client.close();
    }
  });
});

describe("politeness", () => {
  test("one request at a time per host, with a pause between them", async () => {
    const gate = new HostGate(60);
    let running = 0;
    let most = 0;
    const starts: number[] = [];
    const task = async () => {
      running++;
      most = Math.max(most, running);
      starts.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, 10));
      running--;
    };
    await Promise.all([gate.run("a", task), gate.run("a", task), gate.run("a", task)]);
    assert.equal(most, 1);
    for (let i = 1; i < starts.length; i++)
      assert.ok((starts[i] as number) - (starts[i - 1] as number) >= 60);
    // Other hosts are not held up by this one.
    running = 0;
    most = 0;
    await Promise.all([gate.run("b", task), gate.run("c", task)]);
    assert.equal(most, 2);
  });
});

describe("charset", () => {
  const cp1252 = Buffer.from([0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x96, 0x20, 0x80]); // “Café” – €
  test("header, meta, BOM, then UTF-8 check with windows-1252 fallback", () => {
    assert.equal(decodePage(cp1252, "text/html; charset=ISO-8859-1").text, "\u201cCafé\u201d \u2013 €");
    const meta = Buffer.concat([Buffer.from('<meta charset="windows-1252"><p>'), cp1252]);
    assert.equal(decodePage(meta, "text/html").source, "meta");
    assert.match(decodePage(meta, "text/html").text, /“Café” – €/);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Café")]);
    assert.deepEqual(
      { text: decodePage(bom, "text/html; charset=iso-8859-1").text, source: decodePage(bom).source },
      { text: "Café", source: "bom" },
    );
    assert.equal(decodePage(Buffer.from("Café"), null).text, "Café");
    assert.equal(decodePage(cp1252, null).text, "\u201cCafé\u201d \u2013 €");
  });
});

describe("discover", () => {
  const base = "http://news.example/";
  test("feeds are recognised by content: RSS 2.0, RSS 1.0, Atom, JSON Feed", () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>C</title><item><title>One</title><link>/a</link><pubDate>Tue, 03 Feb 2026 10:00:00 GMT</pubDate></item></channel></rss>`;
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="${base}"><title>C</title></channel><item rdf:about="${base}b"><title>B</title><link>${base}b</link></item></rdf:RDF>`;
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>C</title><entry><id>1</id><title>C</title><link rel="alternate" href="${base}c"/><published>2026-02-03T10:00:00Z</published></entry></feed>`;
    const json = JSON.stringify({
      version: "https://jsonfeed.org/version/1.1",
      title: "C",
      items: [{ id: "1", url: `${base}d` }],
    });
    const found = [rss, rdf, atom, json].map((text) => discover(text, base, 100));
    assert.deepEqual(
      found.map((f) => (f.kind === "feed" ? [f.format, f.items.map((i) => i.url)] : f.kind)),
      [
        ["rss", [`${base}a`]],
        ["rdf", [`${base}b`]],
        ["atom", [`${base}c`]],
        ["json", [`${base}d`]],
      ],
    );
    assert.equal(discover(newsPage("x"), base, 100).kind, "page");
  });

  test("sitemaps, sitemap indexes and news sitemaps", () => {
    const index = `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${base}s1.xml</loc></sitemap></sitemapindex>`;
    const news = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>${base}n1</loc><news:news><news:publication_date>2026-02-03</news:publication_date><news:title>N</news:title></news:news></url></urlset>`;
    assert.deepEqual(discover(index, base, 10), {
      kind: "sitemap-index",
      sitemaps: [`${base}s1.xml`],
      total: 1,
    });
    assert.deepEqual(discover(news, base, 10), {
      kind: "sitemap",
      news: true,
      items: [{ url: `${base}n1`, published: "2026-02-03", title: "N" }],
      total: 1,
    });
  });

  test("a malformed feed is a clear error; a long feed is capped", () => {
    assert.throws(() => discover("<rss><channel><item><link>x</lin", base, 10), MalformedSourceError);
    assert.throws(() => discover('{"items": 3}', base, 10), /JSON that is not a JSON Feed/);
    const items = Array.from({ length: 50 }, (_, i) => `<item><link>${base}${i}</link></item>`).join("");
    const long = discover(`<rss version="2.0"><channel><title>C</title>${items}</channel></rss>`, base, 5);
    assert.ok(long.kind === "feed");
    assert.equal(long.items.length, 5);
    assert.equal(long.total, 50);
  });
});

describe("reading a source", () => {
  test("a feed's items are fetched as pages; a known item is not fetched again", async () => {
    server.serve("/f/1", newsPage("first"));
    server.serve("/f/2", newsPage("second", { published: "" }));
    server.serve(
      "/f/feed.txt",
      `<rss version="2.0"><channel><title>F</title><item><link>/f/1</link></item><item><link>/f/2</link><pubDate>Wed, 04 Feb 2026 09:00:00 GMT</pubDate></item><item><link>/f/1</link></item></channel></rss>`,
      "text/plain",
    );
    const fetcher = new Fetcher(LOCAL);
    const known = new Set<string>();
    const ledger = { known: (url: string) => known.has(url), remember: (url: string) => void known.add(url) };
    try {
      const outcome = newOutcome();
      const results = await collect(readSource(fetcher, server.url("/f/feed.txt"), { ledger }, outcome));
      assert.equal(results.length, 2);
      assert.ok(results.every((r) => r.ok));
      assert.deepEqual(outcome.kind, "feed");
      assert.equal(outcome.newItems, 2);
      const second = results[1];
      assert.ok(second?.ok && second.article.origin === server.url("/f/2"));
      assert.equal(server.requests("/f/1"), 1);
      const again = await collect(readSource(fetcher, server.url("/f/feed.txt"), { ledger }));
      assert.equal(again.length, 0);
      assert.equal(server.requests("/f/1"), 1);
    } finally {
      await fetcher.close();
    }
  });

  test("a PDF or an image is not read as a page", async () => {
    server.serve("/doc.pdf", Buffer.from("%PDF-1.7 binary"), "application/pdf");
    const fetcher = new Fetcher(LOCAL);
    try {
      const [result] = await collect(readSource(fetcher, server.url("/doc.pdf"), {}));
      assert.deepEqual(result, {
        ok: false,
        failure: { origin: server.url("/doc.pdf"), reason: "not an HTML page (application/pdf)" },
      });
    } finally {
      await fetcher.close();
    }
  });

  test("a feed with a million items ends with a clear error; so does a malformed one", async () => {
    server.routes.set("/million.xml", (_q, response) => {
      response.writeHead(200, { "content-type": "application/rss+xml" });
      response.write('<rss version="2.0"><channel><title>M</title>');
      let i = 0;
      const push = () => {
        while (i < 1_000_000) {
          i++;
          if (!response.write(`<item><link>/m/${i}</link></item>`)) return void response.once("drain", push);
        }
        response.end("</channel></rss>");
      };
      response.on("close", () => {
        i = 1_000_000;
      });
      push();
    });
    // A tag cut in half (a feed truncated by a failing generator); unclosed elements alone are read leniently.
    server.serve(
      "/broken.xml",
      '<?xml version="1.0"?><rss version="2.0"><channel><item><link>/x</lin',
      "application/rss+xml",
    );
    const fetcher = new Fetcher({ ...LOCAL, maxBytes: 2 * 1024 * 1024 });
    try {
      const [million] = await collect(readSource(fetcher, server.url("/million.xml"), {}));
      assert.ok(million && !million.ok);
      assert.match(million.failure.reason, /response too large/);
      const [broken] = await collect(readSource(fetcher, server.url("/broken.xml"), {}));
      assert.ok(broken && !broken.ok);
      assert.match(broken.failure.reason, /malformed XML feed/);
      assert.equal(server.requests("/m/1"), 0);
    } finally {
      await fetcher.close();
    }
  });

  test("a sitemap index leads to its sitemaps and their pages; the item cap is reported", async () => {
    server.serve("/s/a", newsPage("alpha"));
    server.serve("/s/b", newsPage("beta"));
    server.serve("/s/c", newsPage("gamma"));
    server.serve(
      "/s/index.xml",
      `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${server.url("/s/one.xml")}</loc></sitemap></sitemapindex>`,
      "application/xml",
    );
    server.serve(
      "/s/one.xml",
      `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${server.url("/s/a")}</loc></url><url><loc>${server.url("/s/b")}</loc></url><url><loc>${server.url("/s/c")}</loc></url></urlset>`,
      "application/xml",
    );
    const fetcher = new Fetcher(LOCAL);
    try {
      const all = await collect(readSource(fetcher, server.url("/s/index.xml"), {}));
      assert.deepEqual(
        all.map((r) => (r.ok ? r.article.title : r.failure.reason)),
        ["Harbour council votes on alpha", "Harbour council votes on beta", "Harbour council votes on gamma"],
      );
      const capped = await collect(readSource(fetcher, server.url("/s/one.xml"), { maxItems: 2 }));
      assert.deepEqual(
        capped.map((r) => (r.ok ? "article" : r.failure.reason)),
        ["3 items; only the first 2 are followed (--max-items)", "article", "article"],
      );
    } finally {
      await fetcher.close();
    }
  });
});
