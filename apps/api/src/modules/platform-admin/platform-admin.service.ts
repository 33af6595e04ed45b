import type { PrismaClient } from '../../generated/prisma/client.js';
import { hashPassword } from '../../platform/crypto/password-hasher.js';
import { TenantDatabase } from '../../platform/database/tenant-database.js';

/** The role of platform operators in the built-in system tenant. */
export const PLATFORM_ADMIN_ROLE = 'platform-admin';

export type BootstrapOutcome =
  | { created: true; userId: string }
  | { created: false; reason: 'email-taken' | 'admin-exists' };

/**
 * Creates the first platform operator: a user of the `system` tenant holding the platform-admin
 * role, with an argon2id password. Runs before any credential exists, so it is platform code.
 */
export class PlatformAdminService {
  private readonly tenants: TenantDatabase;

  constructor(private readonly prisma: PrismaClient) {
    this.tenants = new TenantDatabase(prisma);
  }

  /** `onlyIfNone`: do nothing when the system tenant already has an admin (start-up bootstrap). */
  async bootstrap(
    email: string,
    password: string,
    options: { onlyIfNone: boolean },
  ): Promise<BootstrapOutcome> {
    const system = await this.prisma.tenant.findUniqueOrThrow({ where: { slug: 'system' } });
    const passwordHash = await hashPassword(password);
    return this.tenants.run(system.id, async (tx) => {
      // Serialize concurrent bootstraps (several replicas starting with the same variables).
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('latchkey.bootstrap'))`;
      const role =
        (await tx.role.findUnique({
          where: { tenantId_name: { tenantId: system.id, name: PLATFORM_ADMIN_ROLE } },
        })) ??
        (await tx.role.create({
          data: {
            tenantId: system.id,
            name: PLATFORM_ADMIN_ROLE,
            description: 'Operates the whole platform',
          },
        }));
      if (
        options.onlyIfNone &&
        (await tx.userRole.count({ where: { tenantId: system.id, roleId: role.id } })) > 0
      ) {
        return { created: false, reason: 'admin-exists' } as const;
      }
      const emailNormalized = email.trim().toLowerCase();
      if (
        await tx.user.findUnique({
          where: { tenantId_emailNormalized: { tenantId: system.id, emailNormalized } },
        })
      ) {
        return { created: false, reason: 'email-taken' } as const;
      }
      const user = await tx.user.create({
        data: {
          tenantId: system.id,
          email: email.trim(),
          emailNormalized,
          emailVerified: true,
          passwordHash,
          passwordChangedAt: new Date(),
          displayName: 'Platform admin',
        },
      });
      await tx.userRole.create({ data: { tenantId: system.id, userId: user.id, roleId: role.id } });
      return { created: true, userId: user.id } as const;
    });
  }
}
