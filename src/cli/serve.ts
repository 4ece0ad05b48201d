import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { type Command, InvalidArgumentError } from "commander";
import { isPostgresSpec } from "../record/open-store.ts";
import { buildServer } from "../server/app.ts";
import { addDbOption, openExistingStore, UsageError } from "./common.ts";
import { printText } from "./terminal.ts";

interface ServeFlags {
  db: string;
  host: string;
  port: number;
  seed?: string;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError("expected a port number, 0-65535");
  return port;
}

/**
 * `--seed DIR` (what `npm start` passes): when the database is missing or holds no article, run
 * `onrecord ingest DIR` and `onrecord summary` first, as their own commands, so the output is theirs.
 */
async function seedIfEmpty(db: string, seed: string): Promise<void> {
  if (isPostgresSpec(db) || existsSync(db)) {
    const store = await openExistingStore(db);
    const empty = (await store.stats()).articles === 0;
    await store.close();
    if (!empty) return;
  }
  const run = (...args: string[]) => {
    const result = spawnSync(process.execPath, [...process.execArgv, process.argv[1] as string, ...args], {
      stdio: "inherit",
    });
    if (result.status !== 0) throw new UsageError(`onrecord ${args[0]} ${seed} failed; not serving`);
  };
  run("ingest", seed, "--db", db);
  run("summary", "--db", db);
}

export function registerServe(program: Command): void {
  const command = program
    .command("serve")
    .description("the web app and JSON API over the record; writes only with ONRECORD_TOKEN set")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--port <port>", "port to listen on (0: any free port)", parsePort, 8080)
    .option("--seed <dir>", "ingest this directory first when the database is empty (npm start)");
  addDbOption(command);
  command.action(async (flags: ServeFlags) => {
    if (flags.seed) await seedIfEmpty(flags.db, flags.seed);
    const token = process.env.ONRECORD_TOKEN || undefined;
    // Read-only unless writes are on: the server then never takes the write lock a `watch` or `ingest` needs.
    const store = await openExistingStore(flags.db, token ? "write" : "read");
    const app = await buildServer({ store, token, logger: false });
    const stop = async () => {
      await app.close();
      await store.close();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    const address = await app.listen({ host: flags.host, port: flags.port });
    printText(
      `onrecord serving ${flags.db} at ${address}/ (${token ? "writes on, bearer token" : "read-only"})\n`,
    );
  });
}
