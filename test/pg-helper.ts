import pg from "pg";

/**
 * A fresh PostgreSQL database per test process on the server every session and CI run has
 * (127.0.0.1:5432, trust auth), dropped at the end. Without the server the tests fail, saying so.
 */
export const PG_SERVER = process.env.ONRECORD_TEST_PG ?? "postgres://postgres@127.0.0.1:5432";

export async function requirePostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: `${PG_SERVER}/postgres`, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${PG_SERVER} (${(error as Error).message}); these tests need it (CI starts one; locally: start postgresql with trust auth)`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

let counter = 0;

/** A database name of this process, new on each call: onrecord_pg_test_<pid>_<n>. */
export function testDatabase(prefix = "onrecord_pg_test"): { name: string; url: string } {
  const name = `${prefix}_${process.pid}_${counter++}`;
  return { name, url: `${PG_SERVER}/${name}` };
}

/** Drops a test database (closing what is still connected to it). */
export async function dropDatabase(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${PG_SERVER}/postgres` });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
