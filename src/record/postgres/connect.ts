import pg from "pg";
import { errorMessage } from "../../core/errors.ts";
import type { Overrides } from "../overrides.ts";
import { MIGRATION_LOCK, migratePg, PG_LATEST_VERSION, pgSchemaVersion } from "./migrations.ts";

export interface PgStoreOptions {
  /** Read only: no migration, and every transaction is read-only. */
  readonly?: boolean;
  /** Create the database when the server does not have it yet (ingest into a new record). */
  create?: boolean;
  /** Manual registry corrections used while linking names (ingest --overrides). */
  overrides?: Overrides;
  /** Connections in the pool; a worker process writes one article at a time, so a few suffice. */
  poolSize?: number;
}

const DEFAULT_POOL_SIZE = 4;
/** What the server says when the database does not exist (SQLSTATE invalid_catalog_name). */
const NO_DATABASE = "3D000";
const DUPLICATE_DATABASE = "42P04";
/** What a CREATE DATABASE racing another one for the same name may get instead (unique_violation). */
const UNIQUE_VIOLATION = "23505";

interface Target {
  /** The URL pg connects with (without our own parameters). */
  connection: string;
  database: string;
  /** Where the message says we connected, without user or password. */
  where: string;
  /** The schema holding the record (URL parameter `schema`), when not the default search path. */
  schema: string | null;
}

/** Splits a postgres:// URL into what pg needs and what onrecord reads itself (`?schema=NAME`). */
export function parsePgUrl(url: string): Target {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("not a valid postgres:// URL");
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!database) throw new Error("the URL names no database (postgres://HOST/DATABASE)");
  const schema = parsed.searchParams.get("schema");
  if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new Error(`schema ${JSON.stringify(schema)} is not a plain lower-case name`);
  parsed.searchParams.delete("schema");
  const where = `${parsed.hostname || "localhost"}:${parsed.port || "5432"}/${database}`;
  return { connection: parsed.toString(), database, where, schema };
}

/** node-postgres returns 64-bit integers and numerics as strings; the record's fit in a double. */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC)
      return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

/** The error a user can act on, in one line. */
function connectError(error: unknown, target: Target): Error {
  const code = (error as { code?: string }).code;
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ETIMEDOUT" || code === "EAI_AGAIN")
    return new Error(`cannot reach PostgreSQL at ${target.where} (${code}); is the server running?`);
  if (code === NO_DATABASE)
    return new Error(
      `PostgreSQL at ${target.where} has no database "${target.database}" (ingest creates it, or run createdb ${target.database})`,
    );
  return new Error(`PostgreSQL at ${target.where}: ${errorMessage(error)}`);
}

async function createDatabase(target: Target): Promise<void> {
  const admin = new URL(target.connection);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  try {
    await client.connect();
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(target.database)}`);
  } catch (error) {
    // Another process created it first (or at the same moment): what we wanted.
    const code = (error as { code?: string }).code;
    if (code !== DUPLICATE_DATABASE && code !== UNIQUE_VIOLATION) throw connectError(error, target);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Tables in the record's schema, to tell an empty schema and another program's from ours. */
async function tableNames(client: pg.ClientBase): Promise<string[]> {
  const rows = await client.query(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() ORDER BY table_name`,
  );
  return rows.rows.map((row: { name: string }) => row.name);
}

function listed(names: string[]): string {
  const shown = names.slice(0, 5).join(", ");
  return names.length > 5 ? `${shown}, …` : shown;
}

/**
 * Checks the schema before anything is written (writers) or read (readers); migrates writers. A writer
 * checks under the migration lock: workers opening a new database at once would otherwise see another's
 * tables, created but not yet recorded as ours, and take them for another program's.
 */
async function prepareSchema(client: pg.ClientBase, target: Target, readonly: boolean): Promise<void> {
  if (readonly) {
    await checkSchema(client, target, true);
    return;
  }
  await client.query("BEGIN");
  try {
    await client.query(MIGRATION_LOCK);
    await checkSchema(client, target, false);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
  await migratePg(client);
}

async function checkSchema(client: pg.ClientBase, target: Target, readonly: boolean): Promise<void> {
  const version = await pgSchemaVersion(client);
  if (version !== null && version > PG_LATEST_VERSION)
    throw new Error(
      `it was written by a newer onrecord (schema ${version}; this one knows up to ${PG_LATEST_VERSION})`,
    );
  if (readonly) {
    if (version === PG_LATEST_VERSION) return;
    if (version !== null)
      throw new Error(
        `an older record (schema ${version}); run \`onrecord ingest\` on it once to upgrade it (this reader needs schema ${PG_LATEST_VERSION})`,
      );
    const tables = await tableNames(client);
    throw new Error(
      tables.length
        ? `not an onrecord database (tables: ${listed(tables)})`
        : "not an onrecord database (it is empty)",
    );
  }
  if (version === null) {
    const tables = await tableNames(client);
    if (tables.length > 0)
      throw new Error(
        `schema ${target.schema ?? "public"} holds another program's tables (${listed(tables)}); onrecord leaves them unchanged; give --db another database or add ?schema=NAME`,
      );
    if (target.schema)
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${client.escapeIdentifier(target.schema)}`);
  }
}

/** A pool on the record at `url`, checked (and migrated, for writers) before it is returned. */
export async function connectPool(url: string, options: PgStoreOptions): Promise<pg.Pool> {
  const target = parsePgUrl(url);
  const readonly = options.readonly ?? false;
  if (options.create && !readonly) await createDatabase(target);
  const settings = [
    // The record's queries are short; JIT compiling one whose estimate looks large costs seconds.
    "-c jit=off",
    target.schema ? `-c search_path=${target.schema}` : "",
    readonly ? "-c default_transaction_read_only=on" : "",
  ].filter(Boolean);
  const pool = new pg.Pool({
    connectionString: target.connection,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    types,
    options: settings.join(" "),
  });
  // An idle connection the server drops must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw connectError(error, target);
  }
  try {
    await prepareSchema(client, target, readonly);
  } catch (error) {
    client.release();
    await pool.end().catch(() => undefined);
    throw error;
  }
  client.release();
  return pool;
}
