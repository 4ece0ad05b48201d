/**
 * What every part of the real-news evaluation reads: the store built by corpus.ts, opened as a user's
 * store, and the map from each stored article to the document it came from (a PolNeAR file, or an
 * article-extraction page), so hand labels can be kept as a document name and offsets into the
 * article's stored raw text, never as text.
 */
import path from "node:path";
import Database from "better-sqlite3";
import { openStore } from "../../src/record/open-store.ts";
import type { Store, StoredArticle } from "../../src/record/store.ts";
import { buildRealStore, outDir, type PolnearDoc, polnearDocs } from "./corpus.ts";

export interface RealContext {
  db: string;
  store: Store;
  /** The same SQLite file read directly, for the evaluation's own queries over stored rows. */
  sql: Database.Database;
  docs: PolnearDoc[];
  /** Stored article id → document name: a PolNeAR file name, or `page:ID` for an extraction page. */
  docOf: Map<string, string>;
  /** Document name → stored article. */
  articleOf: Map<string, StoredArticle>;
}

/** Opens out/real/real.db, building it first when `rebuild` is set (or when it is missing). */
export async function openRealContext(rebuild: boolean): Promise<RealContext> {
  const db = path.join(outDir, "real.db");
  const docs = rebuild ? buildRealStore().docs : polnearDocs();
  const store = await openStore(db);
  const sql = new Database(db, { readonly: true });
  const byText = new Map(docs.map((d) => [d.text, d.name]));
  const docOf = new Map<string, string>();
  const articleOf = new Map<string, StoredArticle>();
  const ids = sql.prepare("SELECT id FROM articles ORDER BY id").pluck().all() as string[];
  for (const id of ids) {
    const article = await store.article(id);
    if (!article) continue;
    const page = /([^/\\]+)\.html(?:\.gz)?$/.exec(article.origin);
    const name = byText.get(article.rawText) ?? (page ? `page:${page[1]}` : undefined);
    if (!name) continue;
    docOf.set(id, name);
    articleOf.set(name, article);
  }
  return { db, store, sql, docs, docOf, articleOf };
}
