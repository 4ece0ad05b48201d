/**
 * Processing time against article size (issue 13, case 3; issue 17): one article of project-written text
 * (the generated fictional articles of bench/fixtures.ts, bodies joined) at 1 KB, 100 KB, 1 MB and 10 MB
 * by default, each processed (clean, language, extraction, speakers, topics: `processArticle`, what
 * ingest runs per article) in a fresh process, with its time and peak RSS. Sizes under a megabyte are
 * processed repeatedly for at least a second and reported per run. Linear cost means the CPU seconds per
 * MB stay level across sizes, and the 10 MB / 1 MB time ratio stays near 10; the target is under 10.
 *
 *   npm run bench:size -- [--sizes 0.001,0.1,1,10] [--timeout SECONDS-PER-SIZE]
 */
import { parseArgs } from "node:util";
import { generatedArticle } from "./fixtures.ts";
import { describe, type Measured, measure } from "./measure.ts";

const MB = 1024 * 1024;
const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "0.001,0.1,1,10" },
    timeout: { type: "string", default: "900" },
    one: { type: "string" },
  },
});

/** Generated article bodies joined as paragraphs until `bytes` characters: a very long news story. */
export function longArticle(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const body = generatedArticle(i).split("\n\n").slice(1).join("\n\n");
    parts.push(body);
    size += body.length + 2;
  }
  return parts.join("\n\n").slice(0, bytes);
}

if (values.one) {
  // Child: process one article and print what it took.
  const { processArticle } = await import("../src/process.ts");
  const text = longArticle(Number(values.one));
  // Warm-up for two seconds, as in a long ingest: the first articles also pay for compiling the code.
  const warmUp = longArticle(20_000);
  const warmStarted = performance.now();
  do processArticle({ origin: "warm-up", format: "text", text: warmUp });
  while (performance.now() - warmStarted < 2000);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let processed: ReturnType<typeof processArticle>;
  let runs = 0;
  // Small articles take milliseconds: repeat them for a second so the figure is not timer noise.
  do {
    processed = processArticle({ origin: "size-bench", format: "text", text });
    runs++;
  } while (text.length < MB && performance.now() - started < 1000);
  const seconds = (performance.now() - started) / 1000 / runs;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6 / runs;
  process.stdout.write(
    `${JSON.stringify({ seconds, cpuSeconds, runs, statements: processed.statements.length, characters: text.length })}\n`,
  );
} else {
  const sizes = values.sizes.split(",").map(Number);
  const results = new Map<number, { run: Measured; seconds?: number; cpuSeconds?: number }>();
  for (const megabytes of sizes) {
    const bytes = Math.round(megabytes * MB);
    const run = await measure("bench/size.ts", ["--one", String(bytes)], {
      timeoutSeconds: Number(values.timeout),
    });
    const parsed = run.timedOut
      ? undefined
      : (JSON.parse(run.stdout || "null") as {
          seconds: number;
          cpuSeconds: number;
          statements: number;
          runs: number;
        } | null);
    results.set(megabytes, { run, seconds: parsed?.seconds, cpuSeconds: parsed?.cpuSeconds });
    const label = megabytes < 1 ? `${Math.round(megabytes * 1024)} KB` : `${megabytes} MB`;
    console.log(
      `${label.padStart(7)}: ${parsed ? `processArticle ${seconds(parsed.seconds)} (CPU ${seconds(parsed.cpuSeconds)}, ${(parsed.cpuSeconds / megabytes).toFixed(2)} CPU s per MB${parsed.runs > 1 ? `, mean of ${parsed.runs} runs` : ""}), ${parsed.statements} statements; ` : ""}whole process ${describe(run)}`,
    );
  }
  const one = results.get(1);
  const ten = results.get(10);
  if (one?.seconds !== undefined && ten?.seconds !== undefined) {
    // On a shared machine wall time depends on the neighbours; CPU time is the steadier measure.
    const cpuRatio = (ten.cpuSeconds ?? 0) / (one.cpuSeconds ?? 1);
    console.log(
      `10 MB / 1 MB time ratio: ${(ten.seconds / one.seconds).toFixed(1)} wall, ${cpuRatio.toFixed(1)} CPU (target < 10)`,
    );
  } else if (one !== undefined) {
    console.log("10 MB / 1 MB time ratio: 10 MB did not finish (or was not run)");
  }
}

function seconds(value: number): string {
  return value < 0.1 ? `${(value * 1000).toFixed(1)} ms` : `${value.toFixed(2)} s`;
}
