/**
 * How long `timeline` and `mixed` take for one speaker with 10,000 statements in a store of one million.
 *
 * Generates a synthetic record (fictional speakers, templated statements over a small political
 * vocabulary, seeded so every run builds the same store), then times the same code paths the CLI runs:
 * the store query (speaker, dates, topic keys in SQL) and the analyses over its result.
 *
 *   npm run bench:analysis [-- --statements 1000000 --speaker-statements 10000 --keep]
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { judgePair } from "../src/analysis/judge/index.ts";
import { findMixedMessages } from "../src/analysis/mixed.ts";
import { buildTimeline } from "../src/analysis/timeline.ts";
import { statementTopics, topicQuery } from "../src/analysis/topics.ts";
import { seededRandom } from "../src/core/random.ts";
import { openStore } from "../src/record/open-store.ts";

const { values: args } = parseArgs({
  options: {
    statements: { type: "string", default: "1000000" },
    "speaker-statements": { type: "string", default: "10000" },
    "per-article": { type: "string", default: "10" },
    keep: { type: "boolean", default: false },
  },
});
const TOTAL = Number(args.statements);
const FOCUS = Number(args["speaker-statements"]);
const PER_ARTICLE = Number(args["per-article"]);
const SPEAKERS = 2000;

const rand = seededRandom(20261125);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

const PLACES = ["Kestria", "Dravonia", "Saltmere", "Norvale", "Brenmoor", "Ashcombe", "Vellmar", "Tessary"];
const ISSUES = [
  "port deal",
  "sea wall",
  "budget",
  "sanctions",
  "election interference",
  "energy prices",
  "rail line",
];
const STANCES = [
  "will support the {issue} with {place}",
  "will not support the {issue} with {place}",
  "said the {issue} with {place} is dead",
  "said talks on the {issue} with {place} never stopped",
  "wants more money for the {issue} in {place}",
  "opposes any delay to the {issue} in {place}",
];
const sentence = () => pick(STANCES).replace("{issue}", pick(ISSUES)).replace("{place}", pick(PLACES));

/** The fixture is written as rows, straight into a SQLite record the store has just created. */
async function generate(dbPath: string): Promise<void> {
  await (await openStore(dbPath, { create: true })).close();
  const db = new Database(dbPath);
  db.pragma("synchronous = OFF"); // a benchmark fixture, rebuilt on every run
  const insertPerson = db.prepare("INSERT INTO persons (name, name_key, kind) VALUES (?, ?, 'person')");
  const insertArticle = db.prepare(
    `INSERT INTO articles (id, origin, format, outlet, title, published, raw_text, text, offset_map, statement_count, ingested_at)
     VALUES (?, ?, 'text', ?, ?, ?, ?, ?, '{}', ?, '')`,
  );
  const insertStatement = db.prepare(
    `INSERT INTO statements (article_id, ordinal, person_id, resolution, kind, source_start, source_end, cue_start, cue_end,
       content_spans, raw_content_spans, content, published, context_start, context_end)
     VALUES (?, ?, ?, 'name', 'indirect', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTopic = db.prepare(
    "INSERT OR IGNORE INTO statement_topics (statement_id, key, label) VALUES (?, ?, ?)",
  );
  db.transaction(() => {
    for (let p = 1; p <= SPEAKERS; p++) insertPerson.run(`Speaker ${p}`, `speaker ${p}`);
  })();
  const articles = Math.ceil(TOTAL / PER_ARTICLE);
  // The focus speaker (id 1) gets FOCUS statements spread over all articles; the rest are shared out.
  const focusEvery = Math.max(1, Math.floor(TOTAL / FOCUS));
  let written = 0;
  const batch = db.transaction((from: number, to: number) => {
    for (let a = from; a < to; a++) {
      const day = new Date(Date.UTC(2024, 0, 1) + (a % 730) * 86_400_000).toISOString().slice(0, 10);
      const lines: { text: string; speaker: number }[] = [];
      for (let k = 0; k < PER_ARTICLE && written + lines.length < TOTAL; k++) {
        const index = written + lines.length;
        const speaker = index % focusEvery === 0 ? 1 : 2 + Math.floor(rand() * (SPEAKERS - 1));
        lines.push({ text: sentence(), speaker });
      }
      const parts = lines.map((line) => `Speaker ${line.speaker} said ${line.text}.`);
      const text = parts.join("\n\n");
      const id = `bench-${a}`;
      insertArticle.run(
        id,
        `${id}.txt`,
        pick(["Kestrian Herald", "Norvale Courier"]),
        id,
        day,
        text,
        text,
        lines.length,
      );
      let offset = 0;
      lines.forEach((line, ordinal) => {
        const source = { start: offset, end: offset + `Speaker ${line.speaker}`.length };
        const cue = { start: source.end + 1, end: source.end + 5 };
        const content = { start: cue.end + 1, end: cue.end + 1 + line.text.length };
        const spans = JSON.stringify([content]);
        const { lastInsertRowid } = insertStatement.run(
          id,
          ordinal,
          line.speaker,
          source.start,
          source.end,
          cue.start,
          cue.end,
          spans,
          spans,
          line.text,
          day,
          source.start,
          content.end + 1,
        );
        for (const term of statementTopics(line.text, "", null))
          insertTopic.run(lastInsertRowid, term.key, term.label);
        offset = content.end + 3;
      });
      written += lines.length;
    }
  });
  const step = 2000;
  for (let a = 0; a < articles && written < TOTAL; a += step) batch(a, Math.min(articles, a + step));
  db.exec("ANALYZE");
  db.close();
}

async function time<T>(label: string, run: () => T | Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  console.log(`${label.padEnd(44)} ${(performance.now() - start).toFixed(0).padStart(7)} ms`);
  return result;
}

const dir = mkdtempSync(path.join(tmpdir(), "onrecord-bench-analysis-"));
const dbPath = path.join(dir, "bench.db");
try {
  const started = performance.now();
  await generate(dbPath);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `store: ${TOTAL} statements, ${SPEAKERS} speakers, built in ${seconds} s, ${(statSync(dbPath).size / 2 ** 20).toFixed(0)} MiB`,
  );
  const store = await openStore(dbPath);
  const about = "port deal";
  const all = await time("timeline: query (10k statements)", () => store.statementViews("Speaker 1"));
  await time("timeline: order", () => buildTimeline(all));
  const onTopic = await time(`timeline --about "${about}": query`, () =>
    store.statementViews("Speaker 1", { topicKeys: topicQuery(about) }),
  );
  console.log(`  speaker statements: ${all.length}; on "${about}": ${onTopic.length}`);
  const pairs = await time(`mixed --about "${about}"`, () => findMixedMessages(onTopic, judgePair));
  const allPairs = await time("mixed (all topics)", () => findMixedMessages(all, judgePair));
  console.log(`  flagged pairs: ${pairs.length} on topic, ${allPairs.length} overall (top 50 kept)`);
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  await store.close();
} finally {
  if (args.keep) console.log(`kept ${dbPath}`);
  else rmSync(dir, { recursive: true, force: true });
}
