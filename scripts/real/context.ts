/**
 * What every part of the real-news evaluation reads: the store built by corpus.ts, opened as a user's
 * store, and the map from each stored article to the document it came from (a PolNeAR file, or an
 * article-extraction page), so hand labels can be kept as a document name and offsets into the
 * article's stored raw text, never as text.
 */
import path from "node:path";
import { SqliteStore } from "../../src/record/sqlite.ts";
import type { StoredArticle } from "../../src/record/store.ts";
import { buildRealStore, outDir, type PolnearDoc, polnearDocs } from "./corpus.ts";

export interface RealContext {
  db: string;
  store: SqliteStore;
  docs: PolnearDoc[];
  /** Stored article id → document name: a PolNeAR file name, or `page:ID` for an extraction page. */
  docOf: Map<string, string>;
  /** Document name → stored article. */
  articleOf: Map<string, StoredArticle>;
}

/** Opens out/real/real.db, building it first when `rebuild` is set (or when it is missing). */
export function openRealContext(rebuild: boolean): RealContext {
  const db = path.join(outDir, "real.db");
  const docs = rebuild ? buildRealStore().docs : polnearDocs();
  const store = new SqliteStore(db);
  const byText = new Map(docs.map((d) => [d.text, d.name]));
  const docOf = new Map<string, string>();
  const articleOf = new Map<string, StoredArticle>();
  const ids = store.db.prepare("SELECT id FROM articles ORDER BY id").pluck().all() as string[];
  for (const id of ids) {
    const article = store.article(id);
    if (!article) continue;
    const page = /([^/\\]+)\.html(?:\.gz)?$/.exec(article.origin);
    const name = byText.get(article.rawText) ?? (page ? `page:${page[1]}` : undefined);
    if (!name) continue;
    docOf.set(id, name);
    articleOf.set(name, article);
  }
  return { db, store, docs, docOf, articleOf };
}
