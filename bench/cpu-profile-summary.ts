/**
 * Prints the functions with the most self time in a V8 CPU profile (from `node --cpu-prof`), with their
 * share of all samples, so a profile can be read and quoted without a browser.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/attribution-workload.ts
 *   node --import tsx bench/cpu-profile-summary.ts /tmp/prof/CPU.*.cpuprofile [--top 25] [--by-file]
 *
 * --by-file adds up the self time of each source file instead (native and V8 entries keep their names).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: "string", default: "25" }, "by-file": { type: "boolean", default: false } },
});
if (positionals.length !== 1) {
  console.error("usage: cpu-profile-summary.ts PROFILE.cpuprofile [--top N] [--by-file]");
  process.exit(2);
}
const file = positionals[0] as string;
let profile: Profile;
try {
  profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
} catch (error) {
  console.error(`${file}: not a readable CPU profile (${(error as Error).message})`);
  process.exit(2);
}

// Self time per node: each sample's time delta is charged to the node it hit.
const nodeById = new Map(profile.nodes.map((node) => [node.id, node]));
const microsByKey = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, k) => {
  const node = nodeById.get(id);
  const delta = profile.timeDeltas[k] ?? 0;
  if (!node) return;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${path.basename(url.replace(/^file:\/\//, ""))}:${lineNumber + 1}` : "";
  const file = where.replace(/:\d+$/, "") || functionName;
  const key = values["by-file"] ? file : `${functionName || "(anonymous)"} ${where}`.trim();
  microsByKey.set(key, (microsByKey.get(key) ?? 0) + delta);
  total += delta;
});

const top = [...microsByKey.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
console.log(
  `${(total / 1e6).toFixed(2)} s sampled; self time by ${values["by-file"] ? "file" : "function"}:`,
);
for (const [key, micros] of top) {
  console.log(
    `${((100 * micros) / total).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${key}`,
  );
}
