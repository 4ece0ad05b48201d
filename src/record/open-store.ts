import { existsSync } from "node:fs";
import { errorMessage } from "../core/errors.ts";
import { openSqliteStore } from "./sqlite.ts";
import type { Store } from "./store.ts";

export interface OpenStoreOptions {
  /** Read only: no migration, no write lock; a SQLite file must exist. */
  readonly?: boolean;
  /** Create the record when absent (ingest, people import); otherwise a missing SQLite file is an error. */
  create?: boolean;
}

/** A record that cannot be opened as asked: missing, not ours, too old to read, unreachable. One line. */
export class StoreOpenError extends Error {}

/** The PostgreSQL backend's module (src/record/postgres/, loaded only when a postgres:// spec asks for it). */
interface PgModule {
  openPgStore(url: string, options: OpenStoreOptions): Promise<Store>;
}

const PG_MODULE = "./postgres/pg-store.ts";

export function isPostgresSpec(spec: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(spec);
}

/**
 * Opens the record a `--db` value names: a `postgres://` or `postgresql://` URL is a PostgreSQL store,
 * anything else a SQLite file. Everything outside src/record opens the record here and sees only `Store`.
 */
export async function openStore(spec: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (isPostgresSpec(spec)) return openPostgres(spec, options);
  // Querying a path that does not exist must not create an empty database.
  if (!options.create && !existsSync(spec)) {
    throw new StoreOpenError(
      `no database at ${spec} (create one with: onrecord ingest PATH... --db ${spec})`,
    );
  }
  try {
    return openSqliteStore(spec, { readonly: options.readonly ?? false });
  } catch (error) {
    throw new StoreOpenError(`cannot open database ${spec}: ${errorMessage(error)}`);
  }
}

async function openPostgres(url: string, options: OpenStoreOptions): Promise<Store> {
  let backend: PgModule;
  try {
    // A computed specifier: the module is optional in a build, and its absence is reported, not a type error.
    backend = (await import(PG_MODULE)) as PgModule;
  } catch (error) {
    // Only the module itself missing; a dependency missing inside it is a broken build, reported as is.
    const missing = (error as { code?: string }).code === "ERR_MODULE_NOT_FOUND";
    if (missing && /Cannot find module .*postgres[\\/]pg-store/.test(errorMessage(error))) {
      throw new StoreOpenError("PostgreSQL store not available in this build");
    }
    throw error;
  }
  try {
    return await backend.openPgStore(url, options);
  } catch (error) {
    throw new StoreOpenError(`cannot open database ${withoutPassword(url)}: ${errorMessage(error)}`);
  }
}

/** The URL as it may be printed: a password in it is replaced by "***". */
export function withoutPassword(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*):[^@/]*@/i, "$1:***@");
}
