import type { Scenario } from '../lib/scenario.js';

/**
 * Readiness as a load balancer polls it in production (Redis configured): three probes in
 * parallel, PostgreSQL `SELECT 1` through Prisma, the job backend's Redis PING and the fail-fast
 * Redis PING, each raced against a timer. Measures the I/O round trips and the probe overhead.
 */
export default {
  name: 'http-readiness',
  description: 'GET /readyz with REDIS_URL: database, jobs and redis probes in parallel',
  async run(ctx) {
    const api = await ctx.startApi({ redis: true });
    return [await ctx.load({ label: 'http-readiness', url: `${api.url}/readyz`, expectStatus: 200 })];
  },
} satisfies Scenario;
