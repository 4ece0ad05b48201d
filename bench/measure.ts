import { spawn } from "node:child_process";
import path from "node:path";

const repoRoot = path.resolve(import.meta.dirname, "..");
const peakRss = path.join(repoRoot, "bench/peak-rss.mjs");

export interface Measured {
  seconds: number;
  /** Peak resident memory of the child, in MB; undefined when it was killed. */
  peakMb?: number;
  /** User plus system CPU time of the child, all threads; undefined when it was killed. */
  cpuSeconds?: number;
  code: number | null;
  timedOut: boolean;
  stdout: string;
  /** The end of stderr (a run may print a long failure report). */
  stderrTail: string;
}

/**
 * Runs `node [nodeArgs] script args` as a child with the peak-memory reporter preloaded, so each case
 * is measured in a fresh process; kills it after `timeoutSeconds`.
 */
export function measure(
  script: string,
  args: string[],
  options: { timeoutSeconds: number; nodeArgs?: string[] },
): Promise<Measured> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [...(options.nodeArgs ?? []), "--import", "tsx", "--import", peakRss, script, ...args],
      { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr = (stderr + chunk).slice(-20_000);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutSeconds * 1000);
    child.on("close", (code) => {
      clearTimeout(timer);
      const peak = /PEAK_RSS_KB (\d+)/.exec(stderr)?.[1];
      const cpu = /CPU_SECONDS ([\d.]+)/.exec(stderr)?.[1];
      resolve({
        seconds: (performance.now() - started) / 1000,
        peakMb: peak ? Number(peak) / 1024 : undefined,
        cpuSeconds: cpu ? Number(cpu) : undefined,
        code,
        timedOut,
        stdout,
        stderrTail: stderr.replace(/\n?PEAK_RSS_KB .*\n?/, "").slice(-2000),
      });
    });
  });
}

export function describe(result: Measured): string {
  if (result.timedOut) return `did not finish in ${result.seconds.toFixed(0)} s (killed)`;
  const memory = result.peakMb === undefined ? "peak RSS unknown" : `peak RSS ${result.peakMb.toFixed(0)} MB`;
  const cpu = result.cpuSeconds === undefined ? "" : ` (CPU ${result.cpuSeconds.toFixed(1)} s)`;
  return `${result.seconds.toFixed(1)} s${cpu}, ${memory}, exit ${result.code}`;
}
