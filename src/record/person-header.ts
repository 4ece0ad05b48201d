import { personDetails, personNamed } from "./people-queries.ts";
import { get, type Query } from "./sql.ts";
import type { PersonRecord } from "./store.ts";

/**
 * One person as `person()` gives them (aliases, roles, terms, statement count, first and last seen) but
 * without reading their statements: the web app's person page shows the newest hundred, and reading
 * every statement of a person quoted thousands of times only to count them cost most of its time.
 */
export function* personHeader(name: string): Query<Omit<PersonRecord, "statements"> | undefined> {
  const found = yield* personNamed(name);
  if (!found) return undefined;
  const details = yield* personDetails(found, []);
  if (!details) return undefined;
  const counts = yield* get<{ n: number; first: string | null; last: string | null }>(
    "SELECT count(*) AS n, min(published) AS first, max(published) AS last FROM statements WHERE person_id = ?",
    found.id,
  );
  const { statements: _none, ...person } = details;
  return {
    ...person,
    statementCount: Number(counts?.n ?? 0),
    firstSeen: counts?.first ?? null,
    lastSeen: counts?.last ?? null,
  };
}
