/**
 * Times test files one at a time: wall seconds, and CPU seconds of the test process and every process
 * it started (CLI children, worker threads), with the load average at the end. CPU time is the figure
 * to compare on a shared machine; wall time moves with the load.
 *
 * usage: npm run time:tests -- test/cli.test.ts test/analysis-cli.test.ts ...   (default: every test file)
 * Linux only: the children's CPU time is read from /proc/self/stat (cutime, cstime).
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
/** Clock ticks per second of /proc times (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** CPU seconds of this process's waited-for children so far (fields 16 and 17 of /proc/self/stat). */
function childrenCpu(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  // The command name may hold spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[13]) + Number(fields[14])) / TICKS;
}

const given = process.argv.slice(2);
const files = given.length
  ? given
  : readdirSync(path.join(ROOT, "test"))
      .filter((name) => name.endsWith(".test.ts"))
      .map((name) => `test/${name}`);

let totalWall = 0;
let totalCpu = 0;
for (const file of files) {
  const cpuBefore = childrenCpu();
  const started = performance.now();
  const run = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=dot", file], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = (performance.now() - started) / 1000;
  const cpu = childrenCpu() - cpuBefore;
  totalWall += wall;
  totalCpu += cpu;
  const outcome = run.status === 0 ? "pass" : `FAIL (exit ${run.status ?? run.signal})`;
  console.log(
    `${file}\twall ${wall.toFixed(1)} s\tcpu ${cpu.toFixed(1)} s\t${outcome}\tload ${loadavg()[0].toFixed(2)}`,
  );
}
console.log(`total\twall ${totalWall.toFixed(1)} s\tcpu ${totalCpu.toFixed(1)} s`);
