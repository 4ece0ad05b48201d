/**
 * A PostgreSQL database of its own for each queue test file (created and dropped here), and workers run
 * as separate processes the way a user starts them. The server is the machine's (127.0.0.1:5432, trust
 * auth); without it the tests skip with a message, except in CI, where .ci/run has made sure it is up.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";

const bin = path.resolve(import.meta.dirname, "../bin/onrecord.js");
const SERVER = "postgres://postgres@127.0.0.1:5432";

export async function postgresSkip(): Promise<string | false> {
  const client = new pg.Client({ connectionString: `${SERVER}/test`, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return false;
  } catch (error) {
    if (process.env.CI) throw new Error(`PostgreSQL is not answering at 127.0.0.1:5432: ${error}`);
    return "PostgreSQL is not answering at 127.0.0.1:5432 (start it to run the queue tests)";
  } finally {
    await client.end().catch(() => {});
  }
}

let made = 0;

/** Creates an empty database; `drop` removes it with whatever connections a killed worker left. */
export async function testDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `onrecord_queue_test_${process.pid}_${made++}`;
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  return { url: `${SERVER}/${name}`, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${SERVER}/test` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** One query on a database, rows back. */
export async function query<T>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
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
