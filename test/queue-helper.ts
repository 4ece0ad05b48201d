/**
 * A PostgreSQL database of its own for each queue test file (created and dropped here), and workers run
 * as separate processes the way a user starts them. The server is the machine's (127.0.0.1:5432, trust
 * auth); without it the tests skip with a message, except in CI, where .ci/run has made sure it is up.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { dropDatabase, freshDatabase, SERVER, withClient } from "../bench/postgres.ts";

const bin = path.resolve(import.meta.dirname, "../bin/onrecord.js");

export async function postgresSkip(): Promise<string | false> {
  try {
    await withClient(`${SERVER}/test`, async () => {});
    return false;
  } catch (error) {
    if (process.env.CI) throw new Error(`PostgreSQL is not answering at 127.0.0.1:5432: ${error}`);
    return "PostgreSQL is not answering at 127.0.0.1:5432 (start it to run the queue tests)";
  }
}

let made = 0;

/** Creates an empty database; `drop` removes it with whatever connections a killed worker left. */
export async function testDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `onrecord_queue_test_${process.pid}_${made++}`;
  return { url: await freshDatabase(name), drop: () => dropDatabase(name) };
}

/** One query on a database, rows back. */
export async function query<T>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  return withClient(url, async (client) => (await client.query(sql, values)).rows as T[]);
}

export interface Running {
  child: ChildProcess;
  /** Everything written to stderr so far. */
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts `onrecord ARGS` without waiting for it. */
export function start(cwd: string, args: string[]): Running {
  const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, stderr: () => stderr, exited };
}

/** Runs `onrecord ARGS` to its end. */
export async function run(cwd: string, args: string[]) {
  return start(cwd, args).exited;
}
