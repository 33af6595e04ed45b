import type { PrismaClient, Tenant } from '../../generated/prisma/client.js';

/** Tenants every deployment has. */
export const BUILT_IN_TENANTS = [
  /** Platform operators sign in here (the console uses it); it owns platform-level API keys. */
  { slug: 'system', displayName: 'Latchkey platform', isSystem: true },
  /** A ready-to-try tenant for the zero-setup mode and the docs. */
  { slug: 'demo', displayName: 'Demo', isSystem: false },
] as const;

/**
 * Upserts the built-in tenants; safe at every start, from several processes at once.
 *
 * Missing tenants are inserted with one `INSERT … ON CONFLICT DO NOTHING` (Prisma's `upsert` with an empty
 * update is a SELECT then INSERT, which races between processes; with a non-empty update it rewrites
 * `updated_at` at every start). An existing tenant keeps its display name and status (operators may change
 * them); only a wrong `isSystem` is corrected. Takes the client or an interactive-transaction client.
 */
export async function seedBuiltInTenants(prisma: Pick<PrismaClient, 'tenant'>): Promise<Tenant[]> {
  await prisma.tenant.createMany({
    data: BUILT_IN_TENANTS.map(({ slug, displayName, isSystem }) => ({ slug, displayName, isSystem })),
    skipDuplicates: true,
  });
  for (const { slug, isSystem } of BUILT_IN_TENANTS) {
    await prisma.tenant.updateMany({ where: { slug, isSystem: { not: isSystem } }, data: { isSystem } });
  }
  const slugs: string[] = BUILT_IN_TENANTS.map((tenant) => tenant.slug);
  const tenants = await prisma.tenant.findMany({ where: { slug: { in: slugs } } });
  return slugs.map((slug) => tenants.find((tenant) => tenant.slug === slug) as Tenant);
}
