import { execFile } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPendingMigrations, findMigrationsDir } from './migrations.js';

// Real PostgreSQL (TEST_POSTGRES_ADMIN_URL, default the local server); one throwaway database per scenario.
const ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../../../..');
const migrationsDir = path.join(repoRoot, 'prisma', 'migrations');
const prefix = `latchkey_test_${randomBytes(4).toString('hex')}`;
const created: string[] = [];

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function createDatabase(suffix: string): Promise<string> {
  const name = `${prefix}_${suffix}`;
  await admin(`CREATE DATABASE "${name}"`);
  created.push(name);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The Prisma CLI through the repository's wrapper; resolves with its exit code and output. */
function prismaCli(url: string, ...args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(repoRoot, 'scripts', 'prisma.mjs'), ...args],
      { cwd: repoRoot, env: { ...process.env, DATABASE_URL: url }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

interface HistoryRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

const history = (url: string) =>
  query<HistoryRow>(url, 'SELECT * FROM _prisma_migrations ORDER BY migration_name, started_at');

let migrationNames: string[];

beforeAll(async () => {
  migrationNames = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  expect(migrationNames.length).toBeGreaterThan(0);
});

afterAll(async () => {
  for (const name of created) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

describe('findMigrationsDir', () => {
  it('finds the repository prisma/migrations from src/ and from dist/', () => {
    expect(findMigrationsDir()).toBe(migrationsDir);
    expect(findMigrationsDir(path.join(repoRoot, 'apps/api/dist/platform/database'))).toBe(migrationsDir);
  });
});

describe('applyPendingMigrations on real PostgreSQL', () => {
  it('applies every migration once, with rows that Prisma Migrate accepts', async () => {
    const url = await createDatabase('inproc');
    const logs: string[] = [];
    const started = Date.now();
    expect(await applyPendingMigrations(url, { log: (msg) => logs.push(msg) })).toEqual(migrationNames);
    console.info(`in-process migrator: ${migrationNames.length} migration(s) in ${Date.now() - started} ms`);
    expect(logs.some((line) => line.includes(migrationNames[0] as string))).toBe(true);
    expect(await applyPendingMigrations(url)).toEqual([]);

    const rows = await history(url);
    expect(rows.map((row) => row.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      const sql = await readFile(path.join(migrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row).toMatchObject({ logs: null, rolled_back_at: null, applied_steps_count: 1 });
      expect(row.finished_at).toBeInstanceOf(Date);
    }

    // The hand-written CHECK constraint is in place.
    await expect(
      query(url, `INSERT INTO tenants (slug, display_name) VALUES ('Not_A_Label', 'x')`),
    ).rejects.toThrow(/tenants_slug_check/);

    const status = await prismaCli(url, 'migrate', 'status');
    expect(status.output).toContain('Database schema is up to date!');
    expect(status.code).toBe(0);
    const deploy = await prismaCli(url, 'migrate', 'deploy');
    expect(deploy.output).toContain('No pending migrations to apply.');
    expect(deploy.code).toBe(0);
    expect(await history(url)).toEqual(rows);
  }, 180_000);

  it('agrees with `prisma migrate deploy` the other way round', async () => {
    const url = await createDatabase('cli');
    const started = Date.now();
    const deploy = await prismaCli(url, 'migrate', 'deploy');
    console.info(`prisma migrate deploy (CLI): ${Date.now() - started} ms`);
    expect(deploy.code).toBe(0);
    expect(deploy.output).toContain('All migrations have been successfully applied.');

    expect(await applyPendingMigrations(url)).toEqual([]);
    const cliRows = await history(url);
    const ours = await createDatabase('compare');
    await applyPendingMigrations(ours);
    const strip = ({ id, started_at, finished_at, ...rest }: HistoryRow) => rest;
    expect((await history(ours)).map(strip)).toEqual(cliRows.map(strip));
  }, 180_000);

  it('serializes concurrent runs on the advisory lock', async () => {
    const url = await createDatabase('concurrent');
    const results = await Promise.all([applyPendingMigrations(url), applyPendingMigrations(url)]);
    expect(results.flat().sort()).toEqual(migrationNames);
    expect(await history(url)).toHaveLength(migrationNames.length);
  });

  describe('with a synthetic migrations folder', () => {
    let dir: string;
    let url: string;

    const addMigration = async (name: string, sql: string) => {
      await mkdir(path.join(dir, name));
      await writeFile(path.join(dir, name, 'migration.sql'), sql);
    };

    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'latchkey-migrations-'));
      url = await createDatabase('synthetic');
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('applies only the new folders, in name order', async () => {
      await addMigration('20000101000000_b', 'CREATE TABLE b (id int);');
      await addMigration('20000101000000_a', 'CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);');
      expect(await applyPendingMigrations(url, { migrationsDir: dir })).toEqual([
        '20000101000000_a',
        '20000101000000_b',
      ]);
      await addMigration('20000102000000_c', 'CREATE TABLE c (id int);');
      expect(await applyPendingMigrations(url, { migrationsDir: dir })).toEqual(['20000102000000_c']);
    });

    it('rolls a failing migration back entirely and records nothing', async () => {
      await addMigration('20000103000000_bad', 'CREATE TABLE d (id int);\nSELECT no_such_function();');
      await expect(applyPendingMigrations(url, { migrationsDir: dir })).rejects.toThrow(
        /20000103000000_bad failed \(rolled back\): function no_such_function\(\) does not exist/,
      );
      expect(await query(url, `SELECT to_regclass('d') AS t`)).toEqual([{ t: null }]);
      expect((await history(url)).map((row) => row.migration_name)).not.toContain('20000103000000_bad');
      await rm(path.join(dir, '20000103000000_bad'), { recursive: true });
    });

    it('refuses to continue while a migration is unfinished', async () => {
      await query(
        url,
        `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count)
         VALUES ('${randomUUID()}', 'x', '20000104000000_half', now(), 0)`,
      );
      await addMigration('20000105000000_next', 'CREATE TABLE e (id int);');
      await expect(applyPendingMigrations(url, { migrationsDir: dir })).rejects.toThrow(
        /20000104000000_half started but did not finish/,
      );
      expect(await query(url, `SELECT to_regclass('e') AS t`)).toEqual([{ t: null }]);
      // The lock was released: the database is usable once the row is resolved.
      await query(
        url,
        `UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '20000104000000_half'`,
      );
      expect(await applyPendingMigrations(url, { migrationsDir: dir })).toEqual(['20000105000000_next']);
    });
  });
});
