import type Database from "better-sqlite3";
import { MIGRATIONS, schemaVersion } from "./migrations.ts";

/**
 * Checks made on opening a database, before anything is written to it. A writer must not switch
 * another program's SQLite file to WAL mode and add tables to it; a reader must not need the write
 * lock (so it never migrates) and must say plainly when the file is not a record it can read.
 */

const LATEST_VERSION = Math.max(...MIGRATIONS.map((step) => step.version));
/** A table every version of the record has had since the first migration. */
const OUR_TABLE = "articles";

function tableNames(db: Database.Database): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
    }[]
  ).map((row) => row.name);
}

function listed(names: string[]): string {
  const shown = names.slice(0, 5).join(", ");
  return names.length > 5 ? `${shown}, …` : shown;
}

/** Throws unless `db` is empty (a new record) or one of ours that this version can upgrade. */
export function checkWritableRecord(db: Database.Database): void {
  // Another program may set user_version too: the tables decide whose file it is.
  const tables = tableNames(db);
  if (tables.length > 0 && !tables.includes(OUR_TABLE)) {
    throw new Error(
      `it is another program's SQLite database (tables: ${listed(tables)}); ` +
        "onrecord leaves it unchanged; give --db a new file",
    );
  }
  const version = schemaVersion(db);
  if (version > LATEST_VERSION) {
    throw new Error(
      `it was written by a newer onrecord (schema ${version}; this one knows up to ${LATEST_VERSION})`,
    );
  }
}

/** Throws unless `db` is a record at the schema this version reads (readers never migrate). */
export function checkReadableRecord(db: Database.Database): void {
  const version = schemaVersion(db);
  if (version === LATEST_VERSION) return;
  if (version > LATEST_VERSION) {
    throw new Error(
      `it was written by a newer onrecord (schema ${version}; this one reads ${LATEST_VERSION})`,
    );
  }
  const tables = tableNames(db);
  if (!tables.includes(OUR_TABLE)) {
    throw new Error(
      tables.length
        ? `not an onrecord database (tables: ${listed(tables)})`
        : "not an onrecord database (it is empty)",
    );
  }
  throw new Error(
    `an older record (schema ${version}); run \`onrecord ingest\` on it once to upgrade it (this reader needs schema ${LATEST_VERSION})`,
  );
}
