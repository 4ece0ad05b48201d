/**
 * Queue benchmark: the same N generated fictional articles ingested (a) by `onrecord ingest` into SQLite
 * in one process, and (b) queued with `ingest --queue` and processed by 1, 2 and 4 `onrecord worker`
 * processes started together (`--exit-when-idle`). Prints, per case, articles/s, the CPU seconds of the
 * onrecord processes and of the PostgreSQL server, and for workers where their time went.
 *
 *   npm run bench:queue -- [--articles N] [--processes 1,2,4] [--store sqlite|postgres] [--job-articles 25]
 *     [--no-direct] [--keep]
 *
 * Needs PostgreSQL at 127.0.0.1:5432 (trust auth); uses and drops databases onrecord_queue_bench*.
 * With --store postgres the workers write to a PostgreSQL record (`--db postgres://`) instead of one
 * shared SQLite file. `--job-articles` is `ingest --queue --job-articles`: article records per job.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generatedArticle } from "./fixtures.ts";
import { type Measured, measure } from "./measure.ts";
import { dropDatabase, freshDatabase } from "./postgres.ts";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "2000" },
    processes: { type: "string", default: "1,2,4" },
    store: { type: "string", default: "sqlite" },
    "job-articles": { type: "string", default: "25" },
    /** Only the queue cases (the direct SQLite ingest measured in another run). */
    "no-direct": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const articles = Number(values.articles);
const processCounts = values.processes.split(",").map(Number);
if (!Number.isInteger(articles) || articles < 1 || processCounts.some((n) => !Number.isInteger(n) || n < 1)) {
  throw new Error("--articles must be a positive integer and --processes a list of positive integers");
}
if (values.store !== "sqlite" && values.store !== "postgres")
  throw new Error("--store is sqlite or postgres");

const QUEUE_DB = "onrecord_queue_bench";
const STORE_DB = "onrecord_queue_bench_store";
const bin = "bin/onrecord.js";
const cores = availableParallelism();
/** Long enough for 20,000 articles on a loaded 2-core machine. */
const TIMEOUT_SECONDS = 4 * 3600;

/**
 * CPU seconds the PostgreSQL server has used: every live postgres process, plus what the postmaster
 * collected from backends that exited (a worker's connections close when it stops). Other sessions on
 * the same server count too, so figures on a shared machine are an upper bound.
 */
function postgresCpuSeconds(): number {
  const ticksPerSecond = 100;
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue;
    }
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    if (name !== "postgres") continue;
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields after the name, from 0: state, ppid, ..., utime (11), stime (12), cutime (13), cstime (14).
    ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  }
  return ticks / ticksPerSecond;
}

interface CaseResult {
  case: string;
  processes: number;
  threadsPerProcess: number;
  seconds: number;
  articlesPerSecond: number;
  /** CPU of the onrecord processes (all their threads). */
  onrecordCpuSeconds: number;
  postgresCpuSeconds: number;
  /** CPU used over wall time, as a share of the machine's cores. */
  machineShare: number;
  /** The same CPU per stored article, in milliseconds. */
  onrecordCpuMsPerArticle: number;
  postgresCpuMsPerArticle: number;
  stored: number;
  time?: Record<string, number>;
}

function check(result: Measured, what: string): void {
  if (result.code !== 0 || result.timedOut) {
    throw new Error(
      `${what} failed (exit ${result.code}${result.timedOut ? ", timed out" : ""}): ${result.stderrTail}`,
    );
  }
}

function summarise(
  name: string,
  processes: number,
  threads: number,
  seconds: number,
  cpu: number,
  pgCpu: number,
  stored: number,
): CaseResult {
  return {
    case: name,
    processes,
    threadsPerProcess: threads,
    seconds: round(seconds),
    articlesPerSecond: round(stored / seconds),
    onrecordCpuSeconds: round(cpu),
    postgresCpuSeconds: round(pgCpu),
    machineShare: round((cpu + pgCpu) / seconds / cores),
    onrecordCpuMsPerArticle: round((cpu / stored) * 1000),
    postgresCpuMsPerArticle: round((pgCpu / stored) * 1000),
    stored,
  };
}

function round(value: number): number {
  return Number(value.toFixed(2));
}

const workDir = mkdtempSync(path.join(tmpdir(), "onrecord-bench-queue-"));
const input = path.join(workDir, "input");
mkdirSync(input);
for (let i = 0; i < articles; i++) writeFileSync(path.join(input, `g${i}.txt`), generatedArticle(i));

const results: CaseResult[] = [];
try {
  // (a) SQLite, one process, one thread per core: the embedded default.
  if (!values["no-direct"]) {
    const db = path.join(workDir, "direct.db");
    const pgBefore = postgresCpuSeconds();
    const run = await measure(bin, ["ingest", input, "--db", db, "--workers", String(cores), "--json"], {
      timeoutSeconds: TIMEOUT_SECONDS,
    });
    check(run, "ingest");
    const stored = JSON.parse(run.stdout).stored as number;
    results.push(
      summarise(
        "sqlite, one process",
        1,
        cores,
        run.seconds,
        run.cpuSeconds ?? 0,
        postgresCpuSeconds() - pgBefore,
        stored,
      ),
    );
    process.stderr.write(`${JSON.stringify(results.at(-1))}\n`);
  }
  // (b) The queue on PostgreSQL, K worker processes sharing the cores.
  for (const processes of processCounts) {
    const queue = await freshDatabase(QUEUE_DB);
    const db =
      values.store === "postgres"
        ? await freshDatabase(STORE_DB)
        : path.join(workDir, `queue-${processes}.db`);
    const enqueue = await measure(
      bin,
      ["ingest", input, "--queue", queue, "--job-articles", values["job-articles"], "--json"],
      {
        timeoutSeconds: TIMEOUT_SECONDS,
      },
    );
    check(enqueue, "ingest --queue");
    process.stderr.write(`queued ${articles} in ${enqueue.seconds.toFixed(1)} s\n`);
    const threads = Math.max(1, Math.round(cores / processes));
    const pgBefore = postgresCpuSeconds();
    const started = performance.now();
    const runs = await Promise.all(
      Array.from({ length: processes }, () =>
        measure(
          bin,
          [
            "worker",
            "--queue",
            queue,
            "--db",
            db,
            "--workers",
            String(threads),
            "--exit-when-idle",
            "--json",
          ],
          { timeoutSeconds: TIMEOUT_SECONDS },
        ),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const pgCpu = postgresCpuSeconds() - pgBefore;
    for (const run of runs) check(run, "worker");
    const summaries = runs.map((run) => JSON.parse(run.stdout));
    const stored = summaries.reduce((sum, summary) => sum + summary.stored, 0);
    const cpu = runs.reduce((sum, run) => sum + (run.cpuSeconds ?? 0), 0);
    const result = summarise(
      `queue, ${values.store} store, ${values["job-articles"]} articles a job`,
      processes,
      threads,
      seconds,
      cpu,
      pgCpu,
      stored,
    );
    result.time = {};
    for (const summary of summaries) {
      for (const [key, value] of Object.entries(summary.time as Record<string, number>)) {
        result.time[key] = round((result.time[key] ?? 0) + value);
      }
    }
    results.push(result);
    process.stderr.write(`${JSON.stringify(result)}\n`);
  }
  process.stdout.write(`${JSON.stringify({ articles, cores, results }, null, 2)}\n`);
} finally {
  if (values.keep) process.stderr.write(`kept ${workDir} and the databases ${QUEUE_DB}, ${STORE_DB}\n`);
  else {
    rmSync(workDir, { recursive: true, force: true });
    await dropDatabase(QUEUE_DB);
    await dropDatabase(STORE_DB);
  }
}
