import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';

/** A Prisma client bound to one tenant's transaction. */
export type TenantTransaction = Prisma.TransactionClient;

/** The role every tenant transaction runs as: not the owner, no BYPASSRLS (see the migrations). */
export const APP_ROLE = 'latchkey_app';

/**
 * The one door to tenant-owned tables. Each call is a transaction that first switches to the
 * application role and records the tenant, both for this transaction only, so PostgreSQL's
 * row-level security hides every other tenant's rows even from a query that forgot its
 * `where: { tenantId }`. Repositories still filter by tenant themselves: RLS is the backstop.
 */
export class TenantDatabase {
  constructor(private readonly prisma: PrismaClient) {}

  run<T>(tenantId: string, work: (tx: TenantTransaction) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(async (tx) => {
      await enterTenant(tx, tenantId);
      return work(tx);
    });
  }
}

/** Switches a transaction to the application role and the tenant, until it ends. */
export async function enterTenant(tx: TenantTransaction, tenantId: string): Promise<void> {
  await tx.$queryRaw`SELECT set_config('role', ${APP_ROLE}, true), set_config('latchkey.tenant_id', ${tenantId}, true)`;
}
