import { defineJob, ZJobPayloadBase } from '../../../jobs/job-definition.js';

/**
 * Deletes expired rate-limit counters (the single-process mode keeps them in PostgreSQL; with
 * Redis they expire there by themselves and this finds nothing). Expired rows are already ignored.
 */
export const purgeRateLimitCountersJob = defineJob({
  name: 'authn.purge-rate-limit-counters',
  version: 1,
  queue: 'system',
  payload: ZJobPayloadBase,
  attempts: 3,
  schedule: { everyMs: 60 * 60 * 1000 },
  handler: async (_payload, { deps }) => {
    const purged = await deps.prisma.$executeRaw`DELETE FROM rate_limit_counters WHERE expires_at <= now()`;
    return { purged };
  },
});
