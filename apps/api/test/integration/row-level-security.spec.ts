import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { TenantDatabase } from '../../src/platform/database/tenant-database.js';
import { createMigratedDatabase, type MigratedDatabase } from '../support/migrated-database.js';

let db: MigratedDatabase;
let prisma: PrismaClient;
let tenants: TenantDatabase;
let a: string;
let b: string;

beforeAll(async () => {
  db = await createMigratedDatabase('rls');
  prisma = db.prisma;
  tenants = new TenantDatabase(prisma);
  a = (await prisma.tenant.create({ data: { slug: 'tenant-a', displayName: 'A' } })).id;
  b = (await prisma.tenant.create({ data: { slug: 'tenant-b', displayName: 'B' } })).id;
  for (const [tenantId, email] of [
    [a, 'ann@a.example'],
    [a, 'al@a.example'],
    [b, 'bob@b.example'],
  ] as const) {
    await prisma.user.create({ data: { tenantId, email, emailNormalized: email } });
  }
});

afterAll(async () => {
  await db?.drop();
});

describe('row-level security behind the tenant-scoped layer', () => {
  it('covers every tenant-owned table: RLS on, a restrictive tenant policy, keyed by tenant first', async () => {
    // Looked up before the tenant is known, or scoped by their own keys; see the schema.
    const PLATFORM_TABLES = ['api_keys', 'custom_domains', 'rate_limit_counters'];
    const tables = await prisma.$queryRaw<
      Array<{ table: string; rls: boolean; restrictive: number; pk_first: string }>
    >`
      SELECT c.relname::text AS table, c.relrowsecurity AS rls,
        (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid AND NOT p.polpermissive) AS restrictive,
        (SELECT a.attname::text FROM pg_index i JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
          WHERE i.indrelid = c.oid AND i.indisprimary) AS pk_first
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id')`;
    const tenantOwned = tables.filter((t) => !PLATFORM_TABLES.includes(t.table));
    expect(tenantOwned.length).toBeGreaterThanOrEqual(12);
    for (const table of tenantOwned) {
      expect(table, table.table).toMatchObject({ rls: true, restrictive: 1, pk_first: 'tenant_id' });
    }
  });

  it("hides tenant B's rows from a raw, unfiltered query in tenant A's transaction", async () => {
    const rows = await tenants.run(
      a,
      (tx) => tx.$queryRaw<Array<{ email: string }>>`SELECT email FROM users`,
    );
    expect(rows.map((r) => r.email).sort()).toEqual(['al@a.example', 'ann@a.example']);
    const count = await tenants.run(b, (tx) => tx.user.count());
    expect(count).toBe(1);
  });

  it('runs as the application role, which is neither owner nor BYPASSRLS', async () => {
    const [who] = await tenants.run(
      a,
      (tx) =>
        tx.$queryRaw<Array<{ role: string; bypass: boolean; owner: boolean }>>`
        SELECT current_user::text AS role, r.rolbypassrls AS bypass, r.rolsuper AS owner
        FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(who).toEqual({ role: 'latchkey_app', bypass: false, owner: false });
  });

  it("refuses to write a row into another tenant, and to change B's rows from A", async () => {
    await expect(
      tenants.run(a, (tx) =>
        tx.user.create({ data: { tenantId: b, email: 'x@b.example', emailNormalized: 'x@b.example' } }),
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await tenants.run(a, (tx) => tx.$executeRaw`UPDATE users SET display_name = 'hacked'`);
    expect(updated).toBe(2);
    const bob = await prisma.user.findFirstOrThrow({ where: { tenantId: b } });
    expect(bob.displayName).toBeNull();
  });

  it('sees nothing at all when no tenant is set, and the setting does not outlive the transaction', async () => {
    await tenants.run(a, async () => undefined);
    const rows = await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT set_config('role', 'latchkey_app', true)`;
      return tx.$queryRaw<unknown[]>`SELECT * FROM users`;
    });
    expect(rows).toEqual([]);
    const [setting] = await prisma.$queryRaw<
      Array<{ v: string | null }>
    >`SELECT current_setting('latchkey.tenant_id', true) AS v`;
    expect(setting?.v ?? '').toBe('');
  });
});
