/**
 * `npm run bench:server`: the web app on a generated store of 100,000 fictional articles, loaded over
 * 127.0.0.1 by 20 concurrent clients (bench/load.ts) for a bounded time and request count: requests per
 * second and p50/p99 latency of the search, person and article pages, the server's CPU time per request
 * (from /proc, so it does not depend on what else runs on the machine), each page's first, uncached
 * answer, the same pages never asked before under the same load, page weights, and the time to first
 * byte of the person page of the seed article's speaker (when ../shared/data/seed is there). Every phase
 * has a timeout and fails with a message naming it; the server is stopped on every way out.
 *
 * The store is made once into out/bench-server/ (reused; --rebuild makes it again): a few hundred
 * generated articles (bench/fixtures.ts) go through the real pipeline, then each stored article is one of
 * them with its speakers renamed from a pool of 3,000 invented people, its date and outlet spread, and a
 * paragraph of generated words appended (so copies are not near-duplicates of one story). Offsets stay
 * exact: the appended text comes after every span.
 *
 *   npm run bench:server -- [--articles 100000] [--seconds 10] [--connections 20] [--rebuild] [--build-only]
 *     [--only TEXT] [--profile]
 *
 * --only runs the phases whose name contains TEXT; --profile runs the server under `--cpu-prof` (read the
 * profile in out/profile-server/ with bench/cpu-profile-summary.ts).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { seededRandom } from "../src/core/random.ts";
import { type ProcessedArticle, processArticle } from "../src/process.ts";
import { openStore } from "../src/record/open-store.ts";
import { articleCopy, speakerRenamer } from "./article-copy.ts";
import { generatedArticle } from "./fixtures.ts";
import { type LoadResult, runLoad } from "./load.ts";

const { values: flags } = parseArgs({
  options: {
    articles: { type: "string", default: "100000" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "20" },
    /** Only the phases whose name contains this. */
    only: { type: "string" },
    /** Runs the server under --cpu-prof; the profile goes to out/profile-server/ when it stops. */
    profile: { type: "boolean", default: false },
    rebuild: { type: "boolean", default: false },
    "build-only": { type: "boolean", default: false },
  },
});
const ARTICLES = Number(flags.articles);
const SECONDS = Number(flags.seconds);
const CONNECTIONS = Number(flags.connections);
/** Requests per loaded phase at most (a fast server stops here before the time is up). */
const MAX_REQUESTS = 50_000;
/** One request's limit: a slower answer counts as failed. */
const REQUEST_TIMEOUT_MS = 30_000;
const START_TIMEOUT_MS = 120_000;
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
  const rename = speakerRenamer(random, { prominent: PROMINENT, total: PEOPLE, name: personName });
  const day = new Date(Date.UTC(2019, 0, 1) + Math.floor((i / ARTICLES) * 8 * 365) * 86_400_000);
  return articleCopy(base, i, {
    tail,
    published: day.toISOString().slice(0, 10),
    outlet: OUTLETS[i % OUTLETS.length],
    rename,
  });
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

/** Resolves with `promise`, or fails naming `what` after `ms`. */
async function within<T>(what: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s; giving up`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function startServer(): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const profile = flags.profile
    ? ["--cpu-prof", `--cpu-prof-dir=${path.join(ROOT, "out", "profile-server")}`]
    : [];
  const child = spawn(
    process.execPath,
    [...profile, path.join(ROOT, "bin", "onrecord.js"), "serve", "--db", DB, "--port", "0"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  // SIGINT lets the server close and write its profile; SIGKILL if it has not ended 10 s later.
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const ended = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGINT");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await ended;
    clearTimeout(timer);
  };
  const url = new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /at (http:\/\/\S+?)\/? /.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`serve exited with ${code} before listening`)));
  });
  try {
    return { url: await within("starting the server", START_TIMEOUT_MS, url), child, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The server's CPU time so far, user + system, in ms (Linux /proc; clock ticks are 10 ms). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  if (!response.ok)
    throw new Error(`${url}: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
  return response;
}

/** Each path once, one at a time: what a page costs before the server has kept its answer. */
async function firstAnswers(url: string, paths: readonly string[]): Promise<{ median: number; max: number }> {
  const times: number[] = [];
  for (const p of paths) {
    const started = performance.now();
    await (await fetchOk(`${url}${p}`)).arrayBuffer();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] as number, max: times.at(-1) as number };
}

async function timeToFirstByte(url: string): Promise<{ cold: number; warm: number }> {
  const once = async () => {
    const started = performance.now();
    const response = await fetchOk(url);
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

interface Phase {
  name: string;
  paths: string[];
  /** Asked once each, one at a time, before the load (so the load then meets kept answers). */
  warm: boolean;
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : "-");

async function loadRow(url: string, pid: number, phase: Phase): Promise<string> {
  const first = phase.warm ? await firstAnswers(url, phase.paths) : undefined;
  const weight = (await (await fetchOk(`${url}${phase.paths[0]}`)).arrayBuffer()).byteLength;
  const cpuBefore = cpuMs(pid);
  const result: LoadResult = await runLoad({
    origin: url,
    paths: phase.paths,
    connections: CONNECTIONS,
    seconds: SECONDS,
    // A phase of pages never asked before asks each once.
    maxRequests: phase.warm ? MAX_REQUESTS : phase.paths.length,
    timeoutMs: REQUEST_TIMEOUT_MS,
  });
  const cpu = (cpuMs(pid) - cpuBefore) / Math.max(1, result.requests);
  const errors = result.non2xx + result.failed;
  if (errors > 0) console.error(`  ${phase.name}: ${errors} errors, first: ${result.firstError}`);
  return `| ${phase.name} | ${phase.paths.length} | ${first ? `${ms(first.median)} / ${ms(first.max)}` : "-"} | ${result.perSecond.toFixed(0)} | ${ms(result.p50)} | ${ms(result.p99)} | ${ms(result.max)} | ${result.requests} | ${errors} | ${cpu.toFixed(1)} | ${weight} |`;
}

async function main(): Promise<void> {
  if (flags.rebuild || !existsSync(DB)) await buildStore();
  if (flags["build-only"]) return;
  // The seed article's speaker is the person whose page's first byte is timed (a no-op when stored).
  const store = await openStore(DB);
  for (const article of seedArticles()) await store.addArticle(article);
  const stats = await store.stats();
  await store.close();
  const { url, child, stop } = await startServer();
  process.once("SIGINT", () => {
    child.kill("SIGKILL");
    process.exit(130);
  });
  try {
    await measure(url, child.pid as number, stats);
  } finally {
    await stop();
  }
}

async function measure(
  url: string,
  pid: number,
  stats: { articles: number; statements: number; people: number },
): Promise<void> {
  const get = async (p: string) => (await fetchOk(`${url}${p}`)).json();
  const people = (
    (await within("listing people", REQUEST_TIMEOUT_MS * 2, get("/api/people?limit=1000"))).people as {
      name: string;
      statements: number;
    }[]
  ).filter((p) => p.statements > 0);
  const personPath = (p: { name: string }) => `/people/${encodeURIComponent(p.name)}`;
  const middle = Math.floor(people.length / 2);
  const articleIds = (
    (await get("/api/statements?q=harbour&limit=50")).statements as { articleId: string }[]
  ).map((s) => s.articleId);
  // The seed article (../shared/data/seed) quotes Donald Trump throughout.
  const seedSpeaker =
    existsSync(SEED_DIR) && (await fetch(`${url}/api/people/Donald%20Trump`)).ok ? "Donald Trump" : null;
  const outlet = encodeURIComponent(OUTLETS[3] as string);
  const phases: Phase[] = [
    {
      name: "search: one word (5 queries)",
      paths: ["harbour", "ferry", "budget", "water", "rail"].map((q) => `/?q=${q}`),
      warm: true,
    },
    {
      name: "search: two words + outlet (3 queries)",
      paths: ["harbour+bridge", "ferry+council", "budget+water"].map((q) => `/?q=${q}&outlet=${outlet}`),
      warm: true,
    },
    { name: "search: no filter (newest)", paths: ["/"], warm: true },
    {
      name: `person: the 20 most quoted (${people[19]?.statements}-${people[0]?.statements} statements)`,
      paths: people.slice(0, 20).map(personPath),
      warm: true,
    },
    {
      name: `person: 100 typical (about ${people[middle]?.statements} statements)`,
      paths: people.slice(middle - 50, middle + 50).map(personPath),
      warm: true,
    },
    { name: "article (50)", paths: articleIds.map((id) => `/articles/${id}`), warm: true },
    {
      name: "never asked before: search for a speaker's name",
      paths: people.slice(20, 420).map((p) => `/?q=${encodeURIComponent(p.name)}`),
      warm: false,
    },
    {
      name: "never asked before: person pages (ranks 20-420)",
      paths: people.slice(20, 420).map(personPath),
      warm: false,
    },
  ];
  console.log(
    `store: ${stats.articles} articles, ${stats.statements} statements, ${stats.people} people (${DB}); server ${url}`,
  );
  console.log(
    `load: ${CONNECTIONS} concurrent clients, ${SECONDS} s or ${MAX_REQUESTS} requests a phase; load average at start ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  console.log(
    "| page | URLs | first answer ms (median / max, one at a time) | req/s | p50 ms | p99 ms | max ms | requests | errors | server CPU ms/request | HTML bytes |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const phase of phases.filter((p) => !flags.only || p.name.includes(flags.only as string))) {
    const budget = (phase.warm ? phase.paths.length * REQUEST_TIMEOUT_MS : 0) + SECONDS * 1000 + 60_000;
    console.log(await within(`the phase "${phase.name}"`, budget, loadRow(url, pid, phase)));
  }
  const asset = async (p: string) => (await (await fetchOk(`${url}${p}`)).arrayBuffer()).byteLength;
  const css = await asset("/assets/app.css");
  const chart =
    (await asset("/assets/uPlot.iife.min.js")) +
    (await asset("/assets/uPlot.min.css")) +
    (await asset("/assets/person-chart.js"));
  const personHtml = await asset(personPath(people[0] as { name: string }));
  const articleHtml = await asset(`/articles/${articleIds[0]}`);
  const searchHtml = await asset("/?q=harbour");
  console.log(
    `page weight (HTML + CSS + scripts, uncompressed): search ${searchHtml + css}, person (most quoted) ${personHtml + css + chart}, article ${articleHtml + css} bytes`,
  );
  if (seedSpeaker) {
    const ttfb = await within(
      "timing the seed speaker's page",
      REQUEST_TIMEOUT_MS * 11,
      timeToFirstByte(`${url}/people/${encodeURIComponent(seedSpeaker)}`),
    );
    console.log(
      `TTFB of the person page of the seed's speaker (${seedSpeaker}): first ${ttfb.cold.toFixed(0)} ms, then median ${ttfb.warm.toFixed(0)} ms`,
    );
  } else {
    console.log("TTFB of the seed's speaker: skipped (no ../shared/data/seed)");
  }
  console.log(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
}

try {
  await main();
} catch (error) {
  console.error(`bench:server failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
