/**
 * A small fictional record for the server tests: a mayor who says the harbour bridge will be built and
 * later that it never will, a councillor, and one hostile article whose title, outlet, URL, text and
 * speaker's name carry markup and script. Every article is written here; nothing third-party.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { RawArticle } from "../src/core/article.ts";
import { processArticle } from "../src/process.ts";
import { openStore } from "../src/record/open-store.ts";
import type { Store } from "../src/record/store.ts";

export const HOSTILE_NAME = `Ada "<img src=x onerror=window.__xss=5>" Quill`;

const ARTICLES: RawArticle[] = [
  {
    origin: "fixture:1",
    format: "text",
    title: "Quill promises the harbour bridge",
    outlet: "The Lantern Post",
    url: "https://lantern.example/1",
    published: "2026-01-12",
    text: `Mayor Ada Quill said on Monday that the harbour bridge would be built within two years.\n\n"The harbour bridge project is dead," Quill told reporters at the town hall.\n\nCouncillor Bram Odell said the council had not yet seen the cost estimates for the bridge.`,
  },
  {
    origin: "fixture:2",
    format: "text",
    title: "Quill drops the harbour bridge",
    outlet: "Marrow Valley Courier",
    url: "https://courier.example/2",
    published: "2026-03-03",
    text: `Mayor Ada Quill said on Tuesday that the harbour bridge would never be built, two months after she promised it.\n\nQuill on Tuesday denied that she had ever described the harbour bridge project as dead, two months after she told reporters exactly that.\n\nCouncillor Bram Odell said the decision was a relief for ratepayers.`,
  },
  {
    origin: "fixture:3",
    format: "text",
    title: `<script>window.__xss=1</script>Ferry "fares" & <b>tolls</b>`,
    outlet: `<img src=x onerror="window.__xss=2">Gazette`,
    url: "javascript:window.__xss=3",
    published: "2026-02-02",
    text: `Councillor Bram Odell said that the ferry fares would rise by <script>window.__xss=4</script> ten percent in April.\n\n"Nobody wants <img src=x onerror=window.__xss=6> higher fares, but the ferry must pay its way," Odell said.\n\nMayor Ada Quill said the fares were "a matter for the council" and <a href="javascript:window.__xss=7">not for her office</a>.`,
  },
];

/** Adds the fixture's articles to `store` and renames the mayor to markup. */
export async function addFixture(store: Store): Promise<void> {
  for (const article of ARTICLES) await store.addArticle(processArticle(article));
  await store.settleSurnames();
  // A person whose name is markup, as a scraped byline or a bad override could make it.
  await store.applyOverrides({ merge: [], split: [], rename: [{ from: "Ada Quill", to: HOSTILE_NAME }] });
}

/** A fresh SQLite file in a temporary folder. */
export async function freshStore(): Promise<{ store: Store; file: string }> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "onrecord-server-")), "test.db");
  return { store: await openStore(file, { create: true }), file };
}

export async function fixtureStore(): Promise<{ store: Store; file: string }> {
  const fresh = await freshStore();
  await addFixture(fresh.store);
  return fresh;
}
