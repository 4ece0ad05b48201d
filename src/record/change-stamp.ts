import { dialect, get, type Query } from "./sql.ts";

/**
 * A value that changes whenever the record may have changed, so a reader can keep what it computed
 * until then (the web app's page cache) and still see what a concurrent `ingest` or `watch` stores.
 *
 * SQLite: `PRAGMA data_version` changes when another connection commits; `total_changes()` counts this
 * connection's own writes (which data_version does not see). PostgreSQL: the current snapshot
 * (xmin:xmax:in-progress ids) changes whenever any write transaction of the server starts or ends, so
 * it also changes for other databases' writes: a cache emptied too often, never one kept too long.
 */
export function* changeStamp(): Query<string> {
  if ((yield* dialect()) === "sqlite") {
    const row = yield* get<{ version: number; changes: number }>(
      "SELECT (SELECT data_version FROM pragma_data_version) AS version, total_changes() AS changes",
    );
    return `${row?.version}:${row?.changes}`;
  }
  return (yield* get<{ stamp: string }>("SELECT pg_current_snapshot()::text AS stamp"))?.stamp ?? "";
}
