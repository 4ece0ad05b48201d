import { spawnSync } from "node:child_process";
import path from "node:path";

const bin = path.resolve(import.meta.dirname, "../bin/onrecord.js");

/** Runs the onrecord command as a user would, in `cwd`, and returns its exit code and output. */
export function runCli(
  cwd: string,
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv } = {},
) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: "utf8",
    input: options.input,
    env: options.env ?? process.env,
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
