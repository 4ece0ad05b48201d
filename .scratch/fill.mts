import { processArticle } from "/work/wt-pg/src/process.ts";
import { openPgStore } from "/work/wt-pg/src/record/postgres/pg-store.ts";
import { generatedArticle } from "/work/wt-pg/bench/fixtures.ts";
const store = await openPgStore("postgres://postgres@127.0.0.1/onrecord_pg_prof", { create: true });
for (let i = 0; i < 1000; i++) await store.addArticle(processArticle({ origin: `g${i}.txt`, format: "text", text: generatedArticle(i) } as never));
await store.close();
