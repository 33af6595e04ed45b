import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { TenantSql } from '../../src/platform/database/tenant-sql.js';
import { createMigratedDatabase, type MigratedDatabase } from '../support/migrated-database.js';

let db: MigratedDatabase;
let prisma: PrismaClient;
let pool: pg.Pool;
let sql: TenantSql;
let a: string;
let b: string;

beforeAll(async () => {
  db = await createMigratedDatabase('tenant_sql');
  prisma = db.prisma;
  a = (await prisma.tenant.create({ data: { slug: 'sql-a', displayName: 'A' } })).id;
  b = (await prisma.tenant.create({ data: { slug: 'sql-b', displayName: 'B' } })).id;
  for (const [tenantId, email] of [
    [a, 'ann@a.example'],
    [b, 'bob@b.example'],
  ] as const) {
    await prisma.user.create({ data: { tenantId, email, emailNormalized: email } });
  }
  // One connection: whatever a call leaves behind on it, the next call would see.
  pool = new pg.Pool({ connectionString: db.url, max: 1 });
  sql = new TenantSql(pool);
});

afterAll(async () => {
  await sql?.close();
  await db?.drop();
});

describe('TenantSql (statement and tenant scope in one round trip)', () => {
  it('runs as the application role under the tenant, so row-level security hides other tenants', async () => {
    const { rows } = await sql.query<{ email: string; role: string }>(
      a,
      'SELECT email, current_user AS role FROM users WHERE email <> $1',
      ['nobody'],
    );
    expect(rows).toEqual([{ email: 'ann@a.example', role: 'latchkey_app' }]);
  });

  it('leaves no role or tenant behind on the pooled connection', async () => {
    await sql.query(a, 'SELECT 1 WHERE $1::text IS NOT NULL', ['x']);
    const after = await pool.query(
      `SELECT current_user AS role, current_setting('latchkey.tenant_id', true) AS tenant`,
    );
    expect(after.rows[0].role).not.toBe('latchkey_app');
    expect(after.rows[0].tenant ?? '').toBe('');
    const { rows } = await sql.query<{ tenant: string }>(
      b,
      `SELECT current_setting('latchkey.tenant_id') AS tenant FROM users WHERE $1::int = 1`,
      [1],
    );
    expect(rows).toEqual([{ tenant: b }]);
  });

  it('round-trips hostile and unusual text exactly', async () => {
    const values = ["o'; DROP TABLE users; --", "back\\slash \\x00 E'\\'", 'Zoë ✓ 日本', '$1 $$ $tag$'];
    for (const value of values) {
      const { rows } = await sql.query<{ v: string }>(a, 'SELECT $1::text AS v', [value]);
      expect(rows[0]?.v).toBe(value);
    }
    expect(await prisma.user.count()).toBe(2);
  });

  it('casts literals from their context as bound parameters are cast: ints, jsonb, timestamps, NULL', async () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    const { rows } = await sql.query<{ n: number; j: unknown; t: Date; z: null }>(
      a,
      `SELECT $1::int + 1 AS n, $2::jsonb AS j, $3::timestamptz AS t, $4::int AS z`,
      [41, { nested: ["it's"] }, at, null],
    );
    expect(rows[0]).toEqual({ n: 42, j: { nested: ["it's"] }, t: at, z: null });
  });

  it('rolls a failed statement back and keeps the connection usable', async () => {
    await expect(
      sql.query(a, `UPDATE users SET display_name = 'changed' WHERE email = $1 AND 1 / $2::int = 1`, [
        'ann@a.example',
        0,
      ]),
    ).rejects.toThrow(/division by zero/);
    const { rows } = await sql.query<{ name: string | null }>(
      a,
      'SELECT display_name AS name FROM users WHERE email = $1',
      ['ann@a.example'],
    );
    expect(rows).toEqual([{ name: null }]);
  });

  it('binds what cannot be a literal (arrays, NUL) with the same scope', async () => {
    const { rows } = await sql.query<{ email: string }>(a, 'SELECT email FROM users WHERE email = ANY($1)', [
      ['ann@a.example', 'bob@b.example'],
    ]);
    expect(rows).toEqual([{ email: 'ann@a.example' }]);
    await expect(sql.query(a, 'SELECT $1::text', ['a\0b'])).rejects.toThrow();
    expect((await sql.query(a, 'SELECT $1::text AS v', ['ok'])).rows).toEqual([{ v: 'ok' }]);
  });

  it('refuses a tenant id that is not a UUID', async () => {
    await expect(sql.query("x', true); DROP TABLE users; --", 'SELECT 1', [])).rejects.toThrow(/UUID/);
  });
});
