/**
 * The machine's PostgreSQL (127.0.0.1:5432, trust auth) for benchmarks and tests that need one: a client
 * for one use, and databases of their own, created empty and dropped with whatever connections remain.
 */
import pg from "pg";

export const SERVER = "postgres://postgres@127.0.0.1:5432";

export async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Drops the database if it exists (a killed worker may still hold connections) and creates it empty. */
export async function freshDatabase(name: string): Promise<string> {
  await dropDatabase(name);
  await withClient(`${SERVER}/test`, (client) => client.query(`CREATE DATABASE ${name}`));
  return `${SERVER}/${name}`;
}

export async function dropDatabase(name: string): Promise<void> {
  await withClient(`${SERVER}/test`, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  );
}
