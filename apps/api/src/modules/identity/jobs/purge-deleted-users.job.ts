import { defineJob, ZJobPayloadBase } from '../../../jobs/job-definition.js';
import { AuditRepository } from '../../audit/audit.repository.js';
import { systemActor } from '../../audit/audit.types.js';
import { readTenantSettings } from '../../tenancy/tenant-settings.js';
import { UsersRepository } from '../users.repository.js';

const BATCH = 1000;

/**
 * Erases soft-deleted users once their tenant's retention period (settings.deletedUserRetentionDays)
 * has passed. Hourly, for every tenant, in batches of 1,000 (each its own transaction, so a big
 * backlog never holds long locks); each batch is audited as `user.purge` with its count.
 */
export const purgeDeletedUsersJob = defineJob({
  name: 'identity.purge-deleted-users',
  version: 1,
  queue: 'system',
  payload: ZJobPayloadBase,
  attempts: 3,
  schedule: { everyMs: 60 * 60 * 1000 },
  handler: async (_payload, { deps, logger, jobId }) => {
    const users = new UsersRepository();
    const audit = new AuditRepository();
    const tenants = await deps.prisma.tenant.findMany({ select: { id: true, slug: true, settings: true } });
    let purged = 0;
    for (const tenant of tenants) {
      const days = readTenantSettings(tenant.settings).deletedUserRetentionDays;
      const before = new Date(Date.now() - days * 24 * 3600 * 1000);
      for (;;) {
        const count = await deps.tenants.run(tenant.id, async (tx) => {
          const n = await users.purgeDeleted(tx, tenant.id, before, BATCH);
          if (n > 0) {
            await audit.append(tx, tenant.id, systemActor(tenant.id, `job:${jobId}`), {
              action: 'user.purge',
              targetType: 'user',
              changes: { count: n, deletedBefore: before.toISOString() },
            });
          }
          return n;
        });
        purged += count;
        if (count > 0) logger.info({ tenant: tenant.slug, count }, 'purged deleted users');
        if (count < BATCH) break;
      }
    }
    return { purged };
  },
});
