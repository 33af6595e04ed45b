import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { applyPendingMigrations } from '../../src/platform/database/migrations.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/** A test database with the schema in place and a Prisma client on it. */
export interface MigratedDatabase extends TestDatabase {
  prisma: PrismaClient;
}

/**
 * A fresh database with every migration applied, for one test file; `drop` disconnects the
 * client and removes the database.
 */
export async function createMigratedDatabase(label: string): Promise<MigratedDatabase> {
  const db = await createTestDatabase(label);
  await applyPendingMigrations(db.url);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
  return {
    ...db,
    prisma,
    drop: async () => {
      await prisma.$disconnect();
      await db.drop();
    },
  };
}
