import { defineJob, ZJobPayloadBase } from '../../../jobs/job-definition.js';
import { EmailMessagesRepository } from '../email-messages.repository.js';

/** How long the message log (and the dev outbox) keeps a message. */
export const EMAIL_RETENTION_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Daily, for every tenant: deletes messages older than the retention, whatever their status. */
export const purgeEmailMessagesJob = defineJob({
  name: 'email.purge-messages',
  version: 1,
  queue: 'system',
  payload: ZJobPayloadBase,
  attempts: 3,
  schedule: { everyMs: DAY_MS },
  handler: async (_payload, { deps, logger }) => {
    const messages = new EmailMessagesRepository();
    const tenants = await deps.prisma.tenant.findMany({ select: { id: true, slug: true } });
    const before = new Date(Date.now() - EMAIL_RETENTION_DAYS * DAY_MS);
    let purged = 0;
    for (const tenant of tenants) {
      const count = await deps.tenants.run(tenant.id, (tx) =>
        messages.deleteCreatedBefore(tx, tenant.id, before),
      );
      if (count > 0) logger.info({ tenant: tenant.slug, count }, 'purged old email messages');
      purged += count;
    }
    return { purged };
  },
});
