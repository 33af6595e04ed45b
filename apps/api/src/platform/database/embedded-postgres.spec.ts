import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../generated/prisma/client.js';
import { DEFAULT_EMBEDDED_POSTGRES_PORT, startEmbeddedPostgres } from './embedded-postgres.js';
import { applyPendingMigrations } from './migrations.js';
import { namedStatement } from './named-statement.js';
import { seedBuiltInTenants } from './seed.js';
import { TenantSql } from './tenant-sql.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

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

async function withPool<T>(url: string, fn: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

let tmp: string;
let migrationNames: string[];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'latchkey-pglite-'));
  migrationNames = (await readdir(path.join(repoRoot, 'prisma', 'migrations'), { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('startEmbeddedPostgres', () => {
  it('defaults to port 54329', () => {
    expect(DEFAULT_EMBEDDED_POSTGRES_PORT).toBe(54329);
  });

  it('serves a persistent PGlite that pg, Prisma, the migrator and the CLI can use', async () => {
    const dataDir = path.join(tmp, 'nested', 'data'); // parents do not exist yet
    const port = await freePort();

    let started = Date.now();
    const first = await startEmbeddedPostgres({ dataDir, port });
    console.info(`PGlite first start (initdb): ${Date.now() - started} ms`);
    try {
      expect(first.connectionString).toBe(`postgresql://postgres@127.0.0.1:${port}/postgres`);
      expect(existsSync(path.join(dataDir, 'pg'))).toBe(true);
      started = Date.now();
      expect(await applyPendingMigrations(first.connectionString)).toEqual(migrationNames);
      console.info(`in-process migrator on PGlite: ${Date.now() - started} ms`);

      await withPool(first.connectionString, async (pool) => {
        // Several connections at once (pglite-socket allows one by default), all on the shared session.
        const paths = await Promise.all([1, 2, 3, 4].map(() => pool.query('SHOW search_path')));
        expect(paths.map((result) => result.rows[0].search_path)).toEqual(Array(4).fill('public, bullmq'));
        const version = await pool.query('SELECT version()');
        expect(version.rows[0].version).toMatch(/wasm32/);
        await pool.query(`INSERT INTO tenants (slug, display_name) VALUES ('acme', 'Acme')`);
      });

      // Named statements: every pooled connection prepares on the one shared session.
      const sql = new TenantSql(new pg.Pool({ connectionString: first.connectionString, max: 4 }));
      try {
        const tenantId = '0b6e3f0a-5d1c-4c8e-9a57-3f1e2d4c6b8a';
        const probe = namedStatement(
          'latchkey_test_embedded_probe',
          `SELECT current_setting('latchkey.tenant_id') AS tenant, $1::int AS n`,
        );
        const results = await Promise.all(
          [1, 2, 3, 4, 5, 6, 7, 8].map((n) => sql.query(tenantId, probe, [n])),
        );
        expect(results.map((result) => result.rows[0])).toEqual(
          [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ tenant: tenantId, n })),
        );
      } finally {
        await sql.close();
      }

      const prisma = new PrismaClient({
        adapter: new PrismaPg({ connectionString: first.connectionString }),
      });
      try {
        const seeded = await seedBuiltInTenants(prisma);
        expect(seeded.map((tenant) => [tenant.slug, tenant.displayName, tenant.isSystem])).toEqual([
          ['system', 'Latchkey platform', true],
          ['demo', 'Demo', false],
        ]);
      } finally {
        await prisma.$disconnect();
      }
    } finally {
      await first.close();
    }

    started = Date.now();
    const second = await startEmbeddedPostgres({ dataDir, port });
    console.info(`PGlite second start: ${Date.now() - started} ms`);
    try {
      expect(await applyPendingMigrations(second.connectionString)).toEqual([]);
      await withPool(second.connectionString, async (pool) => {
        const slugs = await pool.query('SELECT slug FROM tenants ORDER BY slug');
        expect(slugs.rows.map((row) => row.slug)).toEqual(['acme', 'demo', 'system']);
        expect((await pool.query('SHOW search_path')).rows[0].search_path).toBe('public, bullmq');
      });
      // The CLI runs against the running process's socket (a second process cannot open the data dir).
      const status = await prismaCli(second.connectionString, 'migrate', 'status');
      expect(status.output).toContain('Database schema is up to date!');
      expect(status.code).toBe(0);
    } finally {
      await second.close();
    }
  }, 180_000);

  it('rolls back an open transaction on close, and close() is idempotent', async () => {
    const dataDir = path.join(tmp, 'tx');
    const db = await startEmbeddedPostgres({ dataDir, port: 0 });
    const client = new pg.Client({ connectionString: db.connectionString });
    client.on('error', () => {}); // the server goes away under it
    await client.connect();
    await client.query('CREATE TABLE t (id int)');
    await client.query('BEGIN');
    await client.query('INSERT INTO t VALUES (1)');
    await Promise.all([db.close(), db.close()]);
    await db.close();

    const again = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      await withPool(again.connectionString, async (pool) => {
        expect((await pool.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 0 }]);
      });
    } finally {
      await again.close();
    }
  }, 120_000);

  it('names the port when it is taken, before creating the database', async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as net.AddressInfo).port)),
    );
    try {
      const dataDir = path.join(tmp, 'taken');
      await expect(startEmbeddedPostgres({ dataDir, port })).rejects.toThrow(
        `embedded PostgreSQL cannot listen on 127.0.0.1:${port}: port ${port} is already in use`,
      );
      expect(existsSync(path.join(dataDir, 'pg'))).toBe(false);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
