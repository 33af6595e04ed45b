import { defineJob, ZJobPayloadBase } from '../../../jobs/job-definition.js';

const BATCH = 5_000;

/**
 * Deletes expired rows of `oidc_payloads` (grants and refresh tokens always; in the zero-setup mode
 * also sessions, codes and the other short-lived artifacts that Redis would expire by itself).
 * Expired rows are already ignored by every read: this only reclaims space. Hourly, across all
 * tenants in one statement per batch — deliberately platform-level maintenance, run as the owner,
 * since it touches no tenant's live data — in small batches so it never holds long locks.
 */
export const purgeExpiredOidcArtifactsJob = defineJob({
  name: 'oidc.purge-expired-artifacts',
  version: 1,
  queue: 'system',
  payload: ZJobPayloadBase,
  attempts: 3,
  schedule: { everyMs: 60 * 60 * 1000 },
  handler: async (_payload, { deps, logger }) => {
    let purged = 0;
    for (;;) {
      const deleted = await deps.prisma.$executeRaw`
        DELETE FROM oidc_payloads
         WHERE ctid IN (SELECT ctid FROM oidc_payloads WHERE expires_at < now() LIMIT ${BATCH})`;
      purged += deleted;
      if (deleted < BATCH) break;
    }
    if (purged > 0) logger.info({ purged }, 'purged expired OIDC artifacts');
    return { purged };
  },
});
