/**
 * `npm run bench:server`: the web app on a generated store of 100,000 fictional articles, loaded by
 * autocannon over 127.0.0.1 with 20 connections for a bounded time and request count: requests per
 * second and p50/p99 latency of the search, person and article pages, their weights, and the time to
 * first byte of the person page of the seed article's speaker (when ../shared/data/seed is there).
 *
 * The store is made once into out/bench-server/ (reused; --rebuild makes it again): a few hundred
 * generated articles (bench/fixtures.ts) go through the real pipeline, then each stored article is one of
 * them with its speakers renamed from a pool of 3,000 invented people, its date and outlet spread, and a
 * paragraph of generated words appended (so copies are not near-duplicates of one story). Offsets stay
 * exact: the appended text comes after every span.
 *
 *   npm run bench:server -- [--articles 100000] [--seconds 10] [--rebuild]
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { seededRandom } from "../src/core/random.ts";
import { articleId, type ProcessedArticle, processArticle } from "../src/process.ts";
import { openStore } from "../src/record/open-store.ts";
import { generatedArticle } from "./fixtures.ts";

const { values: flags } = parseArgs({
  options: {
    articles: { type: "string", default: "100000" },
    seconds: { type: "string", default: "10" },
    rebuild: { type: "boolean", default: false },
    "build-only": { type: "boolean", default: false },
  },
});
const ARTICLES = Number(flags.articles);
const SECONDS = Number(flags.seconds);
const ROOT = path.join(import.meta.dirname, "..");
const DIR = path.join(ROOT, "out", "bench-server");
const DB = path.join(DIR, `store-${ARTICLES}.db`);
const SEED_DIR = path.join(ROOT, "..", "shared", "data", "seed");
const BASES = 400;
const PEOPLE = 3000;
/** A fifth of the statements go to this many prominent people, the rest spread over everyone. */
const PROMINENT = 20;

const FIRST = [
  "Ada",
  "Bram",
  "Cora",
  "Dario",
  "Edda",
  "Falk",
  "Greta",
  "Hugo",
  "Ines",
  "Jory",
  "Kaja",
  "Lorin",
  "Mila",
  "Nils",
  "Oda",
  "Pim",
  "Runa",
  "Sten",
  "Tove",
  "Ulla",
];
const LAST = [
  "Quill",
  "Odell",
  "Varn",
  "Holt",
  "Brisk",
  "Castor",
  "Dune",
  "Elling",
  "Farrow",
  "Gisle",
  "Hemm",
  "Ivers",
  "Jarl",
  "Kestel",
  "Lomm",
  "Marek",
  "Norr",
  "Ostby",
  "Pell",
  "Rask",
  "Sorrel",
  "Tamm",
  "Udd",
  "Vesk",
  "Wend",
  "Yarrow",
  "Zell",
  "Aske",
  "Borr",
  "Crane",
  "Dahl",
  "Eyre",
  "Fenn",
  "Grell",
  "Hask",
  "Irby",
  "Joss",
  "Kell",
  "Lund",
  "Mott",
  "Nabb",
  "Orme",
  "Pask",
  "Quist",
  "Roe",
  "Sim",
  "Thal",
  "Ure",
  "Voll",
  "Wick",
  "Yoss",
  "Zorn",
  "Alm",
  "Berg",
  "Cole",
  "Dorn",
  "Ekk",
  "Fisk",
  "Gow",
  "Hale",
  "Isk",
  "Jeck",
  "Kole",
  "Lark",
  "Mear",
  "Nye",
  "Olds",
  "Pitt",
  "Rudd",
  "Senn",
  "Tuck",
  "Ulm",
  "Vick",
  "Wald",
  "Yale",
  "Zink",
  "Ash",
  "Birk",
  "Clay",
  "Deane",
  "Eames",
  "Frew",
  "Gant",
  "Hume",
  "Ince",
  "Jupp",
  "Kemp",
  "Lyle",
  "Moss",
  "Neve",
  "Oakes",
  "Peal",
  "Rigg",
  "Shaw",
  "Tite",
  "Venn",
  "Ware",
  "Yeo",
  "Zane",
  "Arne",
  "Bowe",
  "Crum",
  "Dyce",
  "Esk",
  "Fife",
  "Gale",
  "Hird",
  "Ivo",
  "Jebb",
  "Kyd",
  "Lowe",
  "Mace",
  "Nunn",
  "Orr",
  "Pyne",
  "Reve",
  "Stott",
  "Tew",
  "Vane",
  "Wynn",
  "Yard",
  "Zeal",
  "Abb",
  "Bligh",
  "Crow",
  "Dunn",
  "Ebb",
  "Flint",
  "Gill",
  "Hoad",
  "Ives",
  "Jolly",
  "Knapp",
  "Lamb",
  "Mudd",
  "Nash",
  "Ogle",
  "Penn",
  "Rook",
  "Snow",
  "Tarr",
  "Vause",
  "Webb",
  "Yates",
  "Zeller",
  "Avis",
];
const WORDS =
  "harbour levy council budget ferry rail school water bridge tender contract pension tariff housing clinic road port grain permit audit vote budget ward depot tunnel canal quay market wage".split(
    " ",
  );
const OUTLETS = Array.from(
  { length: 40 },
  (_, i) => `The ${LAST[i % LAST.length]} ${["Ledger", "Courier", "Dispatch", "Herald"][i % 4]}`,
);

function personName(index: number): string {
  return `${FIRST[index % FIRST.length]} ${LAST[Math.floor(index / FIRST.length) % LAST.length]}${index >= FIRST.length * LAST.length ? ` ${index}` : ""}`;
}

/** Article `i` of the store: a processed base with new speakers, date, outlet and a unique tail. */
function variant(base: ProcessedArticle, i: number, random: () => number): ProcessedArticle {
  const tail = `\n\n${Array.from({ length: 150 }, () => WORDS[Math.floor(random() * WORDS.length)]).join(" ")} ${i}.`;
  const text = base.text + tail;
  const rename = new Map<string, string>();
  const nameFor = (original: string) => {
    let name = rename.get(original);
    if (!name) {
      const person = random() < 0.2 ? Math.floor(random() * PROMINENT) : Math.floor(random() * PEOPLE);
      name = personName(person);
      rename.set(original, name);
    }
    return name;
  };
  const day = new Date(Date.UTC(2019, 0, 1) + Math.floor((i / ARTICLES) * 8 * 365) * 86_400_000);
  return {
    ...base,
    id: articleId(text),
    origin: `generated:${i}`,
    text,
    rawText: base.rawText + tail,
    published: day.toISOString().slice(0, 10),
    outlet: OUTLETS[i % OUTLETS.length],
    title: `${base.title ?? "Report"} (${i})`,
    url: `https://news.example/${i}`,
    statements: base.statements.map((s) =>
      s.speaker && s.speaker.kind === "person"
        ? { ...s, speaker: { ...s.speaker, name: nameFor(s.speaker.name) } }
        : s,
    ),
    people: base.people.map((p) =>
      p.kind === "person" ? { ...p, name: nameFor(p.name), aliases: [nameFor(p.name)] } : p,
    ),
  };
}

function seedArticles(): ProcessedArticle[] {
  if (!existsSync(SEED_DIR)) return [];
  return readdirSync(SEED_DIR)
    .filter((file) => file.endsWith(".txt"))
    .map((file) =>
      processArticle({ origin: file, format: "text", text: readFileSync(path.join(SEED_DIR, file), "utf8") }),
    );
}

async function buildStore(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${DB}${suffix}`, { force: true });
  const started = performance.now();
  const bases = Array.from({ length: BASES }, (_, i) =>
    processArticle({ origin: `base:${i}`, format: "text", text: generatedArticle(i) }),
  );
  const store = await openStore(DB, { create: true });
  const random = seededRandom(7);
  for (let i = 0; i < ARTICLES; i++) {
    await store.addArticle(variant(bases[i % BASES] as ProcessedArticle, i, random));
    if (i % 10_000 === 9_999)
      console.error(`  ${i + 1} articles, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  await store.close();
  console.error(`store built in ${((performance.now() - started) / 1000).toFixed(0)} s → ${DB}`);
}

async function startServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, "bin", "onrecord.js"), "serve", "--db", DB, "--port", "0"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /at (http:\/\/\S+?)\/? /.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return { url, stop: () => child.kill("SIGTERM") };
}

interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}

/** autocannon's command line, in its own process so the load tool does not share the server's cores' event loop. */
async function load(url: string): Promise<LoadResult> {
  const cli = path.join(ROOT, "node_modules", "autocannon", "autocannon.js");
  const args = [cli, "-j", "-n", "-c", "20", "-d", String(SECONDS), "-a", "20000", url];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  await new Promise((resolve) => child.once("exit", resolve));
  return JSON.parse(out) as LoadResult;
}

async function timeToFirstByte(url: string): Promise<{ cold: number; warm: number }> {
  const once = async () => {
    const started = performance.now();
    const response = await fetch(url);
    const elapsed = performance.now() - started;
    await response.arrayBuffer();
    return elapsed;
  };
  const cold = await once();
  const warm = [];
  for (let i = 0; i < 10; i++) warm.push(await once());
  warm.sort((a, b) => a - b);
  return { cold, warm: warm[5] as number };
}

async function main(): Promise<void> {
  if (flags.rebuild || !existsSync(DB)) await buildStore();
  if (flags["build-only"]) return;
  // The seed article's speaker is the person whose page's first byte is timed (a no-op when stored).
  const store = await openStore(DB);
  for (const article of seedArticles()) await store.addArticle(article);
  const stats = await store.stats();
  await store.close();
  const { url, stop } = await startServer();
  try {
    const get = async (p: string) => (await fetch(`${url}${p}`)).json();
    const people = (await get("/api/people?limit=1000")).people as { name: string; statements: number }[];
    const typical = people[Math.floor(people.length / 2)] as { name: string; statements: number };
    const prominent = people[0] as { name: string; statements: number };
    const articleIds = (
      (await get("/api/statements?q=harbour&limit=50")).statements as { articleId: string }[]
    ).map((s) => s.articleId);
    // The seed article (../shared/data/seed) quotes Donald Trump throughout.
    const seedSpeaker =
      existsSync(SEED_DIR) && (await fetch(`${url}/api/people/Donald%20Trump`)).ok ? "Donald Trump" : null;
    const pages: [string, string[]][] = [
      [
        "search (one word, 5 queries)",
        ["harbour", "ferry", "budget", "water", "rail"].map((q) => `/?q=${q}`),
      ],
      [
        "search (two words + outlet facet)",
        [`/?q=harbour+bridge&outlet=${encodeURIComponent(OUTLETS[3] as string)}`],
      ],
      ["search (no filter: newest)", ["/"]],
      [`person (typical, ${typical.statements} statements)`, [`/people/${encodeURIComponent(typical.name)}`]],
      [
        `person (most quoted, ${prominent.statements} statements)`,
        [`/people/${encodeURIComponent(prominent.name)}`],
      ],
      ["article", articleIds.map((id) => `/articles/${id}`)],
    ];
    console.log(
      `store: ${stats.articles} articles, ${stats.statements} statements, ${stats.people} people (${DB}); server ${url}`,
    );
    console.log("| page | req/s | p50 ms | p99 ms | requests | errors | HTML bytes |");
    console.log("| --- | --- | --- | --- | --- | --- | --- |");
    for (const [name, paths] of pages) {
      const weight = (await (await fetch(`${url}${paths[0]}`)).arrayBuffer()).byteLength;
      const result = await load(`${url}${paths[0]}`);
      console.log(
        `| ${name} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${result.requests.total} | ${result.errors + result.non2xx} | ${weight} |`,
      );
    }
    const asset = async (p: string) => (await (await fetch(`${url}${p}`)).arrayBuffer()).byteLength;
    const css = await asset("/assets/app.css");
    const chart =
      (await asset("/assets/uPlot.iife.min.js")) +
      (await asset("/assets/uPlot.min.css")) +
      (await asset("/assets/person-chart.js"));
    const personHtml = await asset(`/people/${encodeURIComponent(typical.name)}`);
    const articleHtml = await asset(`/articles/${articleIds[0]}`);
    const searchHtml = await asset("/?q=harbour");
    console.log(
      `page weight (HTML + CSS + scripts, uncompressed): search ${searchHtml + css}, person ${personHtml + css + chart}, article ${articleHtml + css} bytes`,
    );
    if (seedSpeaker) {
      const ttfb = await timeToFirstByte(`${url}/people/${encodeURIComponent(seedSpeaker)}`);
      console.log(
        `TTFB of the person page of the seed's speaker (${seedSpeaker}): first ${ttfb.cold.toFixed(0)} ms, then median ${ttfb.warm.toFixed(0)} ms`,
      );
    } else {
      console.log("TTFB of the seed's speaker: skipped (no ../shared/data/seed)");
    }
  } finally {
    stop();
  }
}

await main();
