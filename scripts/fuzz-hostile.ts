/**
 * The longer fuzz run of issue 13: batches of generated hostile inputs (test/fuzz.ts) at full size,
 * each ingested into a fresh store; prints time and peak memory per batch and exits 1 if any promise
 * broke (an input neither stored nor failed, a failure without a reason, a good article lost).
 *
 *   npm run fuzz:hostile -- [--batches N] [--inputs N] [--seed N] [--scale quick|long]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { checkBatch, type FuzzScale, fuzzBatch } from "../test/fuzz.ts";

const { values } = parseArgs({
  options: {
    batches: { type: "string", default: "4" },
    inputs: { type: "string", default: "24" },
    seed: { type: "string", default: "1" },
    scale: { type: "string", default: "long" },
  },
});
const work = mkdtempSync(path.join(tmpdir(), "onrecord-fuzz-"));
let broken = 0;
try {
  for (let b = 0; b < Number(values.batches); b++) {
    const seed = Number(values.seed) + b;
    const dir = path.join(work, `seed-${seed}`);
    const result = await fuzzBatch(dir, seed, Number(values.inputs), values.scale as FuzzScale);
    const problems = checkBatch(dir, result);
    broken += problems.length;
    const rss = process.resourceUsage().maxRSS / 1024;
    console.log(
      `seed ${seed}: ${result.inputs.length} hostile + ${result.goodPaths.length} good inputs, ${result.storedOrigins.length} stored, ${result.failures.length} failures, ${result.seconds.toFixed(1)} s, peak RSS so far ${rss.toFixed(0)} MB${problems.length ? `, ${problems.length} PROBLEMS` : ""}`,
    );
    for (const problem of problems) console.log(`  ${problem}`);
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (broken > 0) process.exitCode = 1;
