import { randomBytes } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../generated/prisma/client.js';
import { applyPendingMigrations } from './migrations.js';
import { seedBuiltInTenants } from './seed.js';

const ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const name = `latchkey_test_${randomBytes(4).toString('hex')}_seed`;
let prisma: PrismaClient;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await applyPendingMigrations(url.toString());
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString() }) });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

describe('seedBuiltInTenants', () => {
  it('creates system and demo once, even when run concurrently', async () => {
    await Promise.all([seedBuiltInTenants(prisma), seedBuiltInTenants(prisma), seedBuiltInTenants(prisma)]);
    const tenants = await prisma.tenant.findMany({ orderBy: { slug: 'asc' } });
    expect(tenants.map((t) => [t.slug, t.displayName, t.isSystem, t.status])).toEqual([
      ['demo', 'Demo', false, 'active'],
      ['system', 'Latchkey platform', true, 'active'],
    ]);
  });

  it('keeps operator changes and timestamps, but restores isSystem', async () => {
    await prisma.tenant.update({
      where: { slug: 'demo' },
      data: { displayName: 'Our demo', status: 'suspended' },
    });
    await prisma.tenant.update({ where: { slug: 'system' }, data: { isSystem: false } });
    const before = await prisma.tenant.findUniqueOrThrow({ where: { slug: 'demo' } });

    const [system, demo] = await seedBuiltInTenants(prisma);
    expect(system).toMatchObject({ slug: 'system', isSystem: true });
    expect(demo).toEqual(before);
  });

  it('works inside an interactive transaction', async () => {
    const tenants = await prisma.$transaction((tx) => seedBuiltInTenants(tx));
    expect(tenants.map((t) => t.slug)).toEqual(['system', 'demo']);
  });
});
