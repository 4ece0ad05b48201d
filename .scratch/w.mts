// SQLite write path only: same generated articles, analysed once, stored in a fresh file.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
const root = process.argv[2];
const { processArticle } = await import(`${root}/src/process.ts`);
const { openSqliteStore } = await import(`${root}/src/record/sqlite.ts`);
const { generatedArticle } = await import(`${root}/bench/fixtures.ts`);
const articles = Array.from({ length: 1000 }, (_, i) => processArticle({ origin: `g${i}.txt`, format: "text", text: generatedArticle(i) }));
for (let round = 0; round < 3; round++) {
  const store = openSqliteStore(path.join(mkdtempSync(path.join(tmpdir(), "w-")), "b.db"));
  const t = performance.now();
  for (const a of articles) store.addArticle(a);
  store.settleSurnames();
  console.log(root, "articles/s", (1000 / ((performance.now() - t) / 1000)).toFixed(0));
  store.close();
}
