import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server the throwaway databases are created on: the test suites' variable and default. */
export const POSTGRES_ADMIN_URL =
  process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface ThrowawayDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * An empty database for one API process, so runs never see each other's data or a developer's;
 * the API migrates and seeds it at start like a fresh deployment. With `template`, a copy of that
 * database instead (data prepared once, e.g. a million users, for several scenarios).
 */
export async function createThrowawayDatabase(template?: string): Promise<ThrowawayDatabase> {
  const name = `latchkey_bench_${randomBytes(4).toString('hex')}`;
  // FILE_COPY: copies the files after a checkpoint instead of logging every block to the WAL,
  // seconds instead of tens of seconds for a database of a million users.
  await adminQuery(
    template === undefined
      ? `CREATE DATABASE "${name}"`
      : `CREATE DATABASE "${name}" TEMPLATE "${template}" STRATEGY FILE_COPY`,
  );
  return {
    name,
    url: databaseUrl(name),
    // FORCE: a process killed mid-run may leave connections behind.
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** The URL of database `name` on the bench's PostgreSQL, as the admin user. */
export function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
