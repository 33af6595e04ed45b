import { defineJob, ZJobPayloadBase } from '../../../jobs/job-definition.js';
import { ApplicationSecretsRepository } from '../application-secrets.repository.js';

/**
 * Deletes client secrets whose overlap window has passed. They are never accepted once expired
 * (every read filters on `expires_at`), so this is housekeeping: it only stops keeping them. Daily,
 * for every tenant, each in its own transaction.
 */
export const purgeExpiredClientSecretsJob = defineJob({
  name: 'applications.purge-expired-client-secrets',
  version: 1,
  queue: 'system',
  payload: ZJobPayloadBase,
  attempts: 3,
  schedule: { everyMs: 24 * 60 * 60 * 1000 },
  handler: async (_payload, { deps, logger }) => {
    const secrets = new ApplicationSecretsRepository();
    const tenants = await deps.prisma.tenant.findMany({ select: { id: true, slug: true } });
    const now = new Date();
    let purged = 0;
    for (const tenant of tenants) {
      const count = await deps.tenants.run(tenant.id, (tx) => secrets.deleteExpired(tx, tenant.id, now));
      if (count > 0) logger.info({ tenant: tenant.slug, count }, 'purged expired client secrets');
      purged += count;
    }
    return { purged };
  },
});
