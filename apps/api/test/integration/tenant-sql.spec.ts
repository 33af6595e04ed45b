import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { namedStatement } from '../../src/platform/database/named-statement.js';
import { textArrayLiteral } from '../../src/platform/database/sql-literals.js';
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

describe('TenantSql named statements (prepared once per connection, then executed)', () => {
  const emailOf = namedStatement(
    'latchkey_test_email_of',
    'SELECT email, current_user AS role FROM users WHERE tenant_id = $1 AND email_normalized = $2',
  );
  const prepared = async (name: string) =>
    (
      await pool.query<{ generic_plans: string; custom_plans: string }>(
        'SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = $1',
        [name],
      )
    ).rows;

  it('prepares on first use, then PostgreSQL runs its generic plan', async () => {
    for (let i = 0; i < 8; i++) {
      const { rows } = await sql.query(a, emailOf, [a, 'ann@a.example']);
      expect(rows).toEqual([{ email: 'ann@a.example', role: 'latchkey_app' }]);
    }
    const [stats] = await prepared('latchkey_test_email_of');
    expect(Number(stats?.generic_plans) + Number(stats?.custom_plans)).toBe(8);
    expect(Number(stats?.generic_plans)).toBeGreaterThan(0);
  });

  it('keeps row-level security in the cached plan: another tenant’s rows stay hidden', async () => {
    // Asked under b for a's user, by a's id: the statement's own filter would match, the policy must not.
    expect((await sql.query(b, emailOf, [a, 'ann@a.example'])).rows).toEqual([]);
    expect((await sql.query(b, emailOf, [b, 'bob@b.example'])).rows).toEqual([
      { email: 'bob@b.example', role: 'latchkey_app' },
    ]);
    expect((await sql.query(a, emailOf, [b, 'bob@b.example'])).rows).toEqual([]);
  });

  it('passes hostile text as a value, never as SQL', async () => {
    const hostile = "x'); DEALLOCATE ALL; SELECT ('";
    expect((await sql.query(a, emailOf, [a, hostile])).rows).toEqual([]);
    expect(await prepared('latchkey_test_email_of')).toHaveLength(1);
    expect(await prisma.user.count()).toBe(2);
  });

  it('prepares again when a migration changed what the statement returns', async () => {
    await pool.query('CREATE TABLE sql_probe (id int PRIMARY KEY, v int NOT NULL)');
    await pool.query('INSERT INTO sql_probe VALUES (1, 7)');
    await pool.query('GRANT SELECT ON sql_probe TO latchkey_app');
    const probe = namedStatement('latchkey_test_probe', 'SELECT v FROM sql_probe WHERE id = $1');
    expect((await sql.query(a, probe, [1])).rows).toEqual([{ v: 7 }]);
    await pool.query('ALTER TABLE sql_probe ALTER COLUMN v TYPE text');
    expect((await sql.query(a, probe, [1])).rows).toEqual([{ v: '7' }]);
  });

  it('prepares again when the session was reset underneath (DISCARD ALL, a pooler)', async () => {
    expect((await sql.query(a, emailOf, [a, 'ann@a.example'])).rows).toHaveLength(1);
    await pool.query('DISCARD ALL');
    expect(await prepared('latchkey_test_email_of')).toEqual([]);
    expect((await sql.query(a, emailOf, [a, 'ann@a.example'])).rows).toHaveLength(1);
    expect(await prepared('latchkey_test_email_of')).toHaveLength(1);
  });

  it('keeps the connection usable after a named statement fails', async () => {
    const divide = namedStatement('latchkey_test_divide', 'SELECT 1 / $1::int AS q');
    await expect(sql.query(a, divide, [0])).rejects.toThrow(/division by zero/);
    expect((await sql.query(a, divide, [1])).rows).toEqual([{ q: 1 }]);
  });

  it('says which statement could not be prepared', async () => {
    const untyped = namedStatement('latchkey_test_untyped', 'SELECT 1 AS one WHERE $1 IS NULL');
    await expect(sql.query(a, untyped, [null])).rejects.toThrow(/could not prepare latchkey_test_untyped/);
    expect((await sql.query(a, emailOf, [a, 'ann@a.example'])).rows).toHaveLength(1);
  });

  it('binds values that cannot be literals, under the same scope', async () => {
    const anyOf = namedStatement(
      'latchkey_test_any_of',
      'SELECT email FROM users WHERE email = ANY($1) ORDER BY email',
    );
    expect((await sql.query(a, anyOf, [['ann@a.example', 'bob@b.example']])).rows).toEqual([
      { email: 'ann@a.example' },
    ]);
  });

  it('reads a text array literal back element for element, hostile text included', async () => {
    const elements = [
      'plain',
      'a,b',
      '{x}',
      'NULL',
      '',
      'say "hi"',
      'back\\slash',
      "it's",
      "x'); DROP TABLE users; --",
      'ünïcødé',
    ];
    const echo = namedStatement('latchkey_test_text_array', 'SELECT $1::text[] AS elements');
    const { rows } = await sql.query<{ elements: string[] }>(a, echo, [textArrayLiteral(elements)]);
    expect(rows[0]?.elements).toEqual(elements);
  });

  it('refuses a second text under a name already declared', () => {
    expect(() => namedStatement('latchkey_test_email_of', 'SELECT 1')).toThrow(/already declared/);
    expect(() => namedStatement('Robert; DROP', 'SELECT 1')).toThrow(/must match/);
  });
});

describe('TenantSql.connect (the deployed pool)', () => {
  // pg-pool's default closes a connection idle for 10 s; the next burst then paid a new backend and a
  // PREPARE of each hot statement on it.
  it('keeps its connections through a pause longer than pg-pool’s idle timeout', async () => {
    const deployed = TenantSql.connect(db.url, 1);
    const backend = async () =>
      (await deployed.query<{ pid: number }>(a, 'SELECT pg_backend_pid() AS pid WHERE $1::int = 1', [1]))
        .rows[0]?.pid;
    try {
      const before = await backend();
      await new Promise((resolve) => setTimeout(resolve, 10_500));
      expect(before).toEqual(expect.any(Number));
      expect(await backend()).toBe(before);
    } finally {
      await deployed.close();
    }
  }, 20_000);
});
