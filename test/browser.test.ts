/**
 * The web app as a person uses it, in Debian's headless Chromium driven by playwright-core: search and
 * narrow by a facet, open a person, open an article and check every highlight covers exactly its span's
 * characters, follow a mixed-message pair to both articles, hostile text that runs nothing, the 401 of
 * an unauthorised write, keyboard-only use, and axe-core with no serious violations. The record is the
 * fictional sample corpus plus the hostile fixture. Screenshots go to out/screenshots/.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { ingestInputs } from "../src/app/run-ingest.ts";
import type { Store } from "../src/record/store.ts";
import { buildServer } from "../src/server/app.ts";
import { addFixture, freshStore, HOSTILE_NAME } from "./server-fixture.ts";

const CHROMIUM = "/usr/bin/chromium";
const ROOT = path.join(import.meta.dirname, "..");
const SHOTS = path.join(ROOT, "out", "screenshots");
const TOKEN = "browser-test-token";

let store: Store;
let app: FastifyInstance;
let base: string;
let context: BrowserContext;
let page: Page;
const dialogs: string[] = [];

before(async () => {
  assert.ok(
    existsSync(CHROMIUM),
    `no browser at ${CHROMIUM}: install Debian's chromium (apt-get install chromium)`,
  );
  store = (await freshStore()).store;
  await ingestInputs([path.join(ROOT, "samples", "corpus")], store, { workers: 0 });
  await addFixture(store);
  app = await buildServer({ store, token: TOKEN });
  base = (await app.listen({ host: "127.0.0.1", port: 0 })).replace(/\/$/, "");
  context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), "onrecord-chromium-")), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
    viewport: { width: 1200, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await context?.close();
  await app?.close();
  await store?.close();
});

/** The whole page, and its first screen (what the README shows). */
async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}-screen.png`) });
}

/** Nothing from stored text ran or became markup: no flag set, no dialog, no stray element or link. */
async function assertInert(where: string): Promise<void> {
  const found = await page.evaluate(() => ({
    flag: (window as unknown as { __xss?: unknown }).__xss ?? null,
    inlineScripts: [...document.querySelectorAll("script")].filter(
      (s) => !s.src && s.type !== "application/json",
    ).length,
    images: document.querySelectorAll("img").length,
    jsLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
    bold: document.querySelectorAll("main b").length,
  }));
  assert.deepEqual(found, { flag: null, inlineScripts: 0, images: 0, jsLinks: 0, bold: 0 }, where);
  assert.deepEqual(dialogs, [], where);
}

describe("web app in Chromium", () => {
  test("search, then narrow by the speaker facet", async () => {
    await page.goto(`${base}/`);
    await page.getByLabel("Search statements").fill("Saltmere");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/q=Saltmere/);
    const total = Number((await page.locator("#results-title").textContent())?.split(" ")[0]);
    assert.ok(total > 10, `only ${total} results`);
    assert.ok((await page.locator("li.statement mark").count()) > 0, "matches are marked");
    await page.locator('.facet[aria-label="Speaker"] a', { hasText: "Helena Voss" }).click();
    await page.waitForURL(/speaker=/);
    const speakers = await page.locator("li.statement .meta a").allTextContents();
    assert.ok(speakers.length > 0, "speakers.length > 0");
    assert.ok(
      speakers.every((name) => name === "Helena Voss"),
      speakers.join(", "),
    );
    const narrowed = Number((await page.locator("#results-title").textContent())?.split(" ")[0]);
    assert.ok(narrowed < total, "narrowed < total");
    // The facet's link carries the person's id; the page names them.
    assert.match((await page.locator("#results-title").textContent()) ?? "", /by Helena Voss/);
    assert.equal(await page.locator("form.search input[name=speaker]").inputValue(), "Helena Voss");
    await shot("search");
  });

  test("open a person: who they are, the chart drawn by uPlot, the table behind it, the timeline", async () => {
    await page.locator("li.statement .meta a", { hasText: "Helena Voss" }).first().click();
    await page.waitForURL(/\/people\//);
    assert.equal(await page.locator("h1").textContent(), "Helena Voss");
    await page.waitForSelector("#chart canvas");
    assert.ok(
      (await page.locator(".chart-table tbody tr").count()) > 0,
      `(await page.locator(".chart-table tbody tr").count()) > 0`,
    );
    assert.ok(
      (await page.locator("ol.timeline > li").count()) > 5,
      `(await page.locator("ol.timeline > li").count()) > 5`,
    );
    await shot("person");
  });

  test("open an article: each highlight covers exactly its span's characters", async () => {
    await page.locator("ol.timeline .ref a").first().click();
    await page.waitForURL(/\/articles\/[0-9a-f]{64}/);
    const checked = await page.evaluate(async () => {
      const data = await (await fetch(`${location.pathname}.json`)).json();
      const root = document.getElementById("article-text") as HTMLElement;
      const text: string = data.article.text;
      if (root.textContent !== text) return ["the page's text is not the stored text"];
      // Offsets of a node's start within the article text, in UTF-16 units as the spans count. (No named
      // function here: tsx would wrap it in a helper the page does not have.)
      const range = document.createRange();
      const problems: string[] = [];
      for (const s of data.statements) {
        for (const role of ["source", "cue", "content"] as const) {
          const spans = role === "content" ? s.contentSpans : s[role] ? [s[role]] : [];
          const pieces = [...root.querySelectorAll(`[data-${role}~="${s.id}"]`)];
          const covered = pieces.map((el) => {
            range.setStart(root, 0);
            range.setEndBefore(el);
            const from = range.toString().length;
            return [from, from + (el.textContent ?? "").length];
          });
          const expected: number[][] = [];
          for (const span of spans) expected.push([span.start, span.end]);
          // Merge adjacent pieces into runs and compare them with the spans.
          const runs: number[][] = [];
          for (const [from, to] of covered as [number, number][]) {
            const last = runs.at(-1);
            if (last && last[1] === from) last[1] = to;
            else runs.push([from, to]);
          }
          if (JSON.stringify(runs) !== JSON.stringify(expected)) {
            problems.push(`${role} of ${s.id}: ${JSON.stringify(runs)} != ${JSON.stringify(expected)}`);
          }
        }
      }
      return problems.length ? problems : data.statements.length;
    });
    assert.equal(typeof checked, "number", JSON.stringify(checked));
    assert.ok((checked as number) > 0, "(checked as number) > 0");
    await shot("article");
  });

  test("follow a mixed-message pair to both articles, at the statement's place", async () => {
    await page.goto(`${base}/mixed?speaker=${encodeURIComponent("Helena Voss")}`);
    const pair = page.locator("li.pair").first();
    await pair.waitFor();
    await shot("mixed");
    const links = await pair.locator(".sides .ref a:first-child").evaluateAll((as) =>
      as.map((a) => ({
        href: (a as HTMLAnchorElement).href,
        quote: a.closest(".view")?.querySelector("blockquote")?.textContent ?? "",
      })),
    );
    assert.equal(links.length, 2);
    for (const link of links) {
      await page.goto(link.href);
      const id = new URL(link.href).hash.slice(1);
      const atAnchor = await page.evaluate((anchorId) => {
        const anchor = document.getElementById(anchorId) as HTMLElement;
        const root = document.getElementById("article-text") as HTMLElement;
        const range = document.createRange();
        range.setStartAfter(anchor);
        range.setEnd(root, root.childNodes.length);
        return range.toString();
      }, id);
      const firstWords = link.quote.split(" … ")[0] as string;
      assert.ok(atAnchor.startsWith(firstWords), `${link.href}: ${atAnchor.slice(0, 80)} / ${firstWords}`);
    }
  });

  test("hostile names, titles, outlets, URLs and text run nothing and stay text", async () => {
    const person = `${base}/people/${encodeURIComponent(HOSTILE_NAME)}`;
    await page.goto(person);
    assert.equal(await page.locator("h1").textContent(), HOSTILE_NAME);
    await assertInert("person page");
    await page.goto(`${base}/?q=ferry`);
    await assertInert("search page");
    await page.locator("li.statement .ref a").first().click();
    await page.waitForURL(/\/articles\//);
    assert.equal(
      await page.locator("h1").textContent(),
      `<script>window.__xss=1</script>Ferry "fares" & <b>tolls</b>`,
    );
    assert.match(
      (await page.locator("#article-text").textContent()) ?? "",
      /<script>window.__xss=4<\/script>/,
    );
    await assertInert("article page");
    for (const url of [
      "/people",
      "/topics",
      "/timeline?speaker=Quill",
      "/mixed?speaker=Quill",
      "/digest?speaker=Quill&about=fares",
    ]) {
      await page.goto(`${base}${url}`);
      await assertInert(url);
    }
    await shot("hostile-article");
  });

  test("a write without the token is refused with 401", async () => {
    await page.goto(`${base}/`);
    const status = await page.evaluate(async () => {
      const response = await fetch("/api/articles", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "Mayor Ada Quill said nothing." }),
      });
      return response.status;
    });
    assert.equal(status, 401);
    await page.goto(`${base}/submit`);
    await page.getByLabel("Token").fill("not-the-token");
    await page.getByLabel("Text").fill("Councillor Bram Odell said the pier would reopen.");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/submit") && r.request().method() === "POST"),
      page.getByRole("button", { name: "Store the article" }).click(),
    ]);
    assert.equal(response.status(), 401);
    // The page the refused form lands on says why (it used to wait 30 s for a Token field not there).
    assert.match((await page.locator("main").textContent()) ?? "", /bearer token is required/);
  });

  test("keyboard only: skip link, search form, a result, the person page", async () => {
    await page.goto(`${base}/`);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Skip to content");
    const focusUntil = async (match: string) => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press("Tab");
        if (await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, match))
          return;
      }
      assert.fail(`Tab never reached ${match}`);
    };
    await focusUntil('input[name="q"]');
    await page.keyboard.type("harbour");
    await page.keyboard.press("Enter");
    await page.waitForURL(/q=harbour/);
    await focusUntil('li.statement .meta a[href^="/people/"]');
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/people\//);
    assert.ok(
      ((await page.locator("h1").textContent()) ?? "").length > 0,
      `(await page.locator("h1").textContent()).length > 0`,
    );
  });

  test("axe-core finds no serious or critical violations on the main pages", async () => {
    const axe = readFileSync(path.join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");
    const article = (await (await fetch(`${base}/api/statements?q=Saltmere&limit=1`)).json()).statements[0]
      .articleId;
    const pages = [
      "/?q=Saltmere",
      "/people",
      `/people/${encodeURIComponent("Helena Voss")}`,
      `/articles/${article}`,
      "/mixed?speaker=Helena%20Voss",
      "/topics",
      "/submit",
    ];
    for (const url of pages) {
      await page.goto(`${base}${url}`);
      // Evaluated through the DevTools protocol: the page's CSP (no inline script) rightly blocks a <script>.
      await page.evaluate(axe);
      const violations = await page.evaluate(async () => {
        const result = await (
          window as unknown as {
            axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
          }
        ).axe.run();
        return result.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes)`);
      });
      assert.deepEqual(violations, [], url);
    }
  });
});
