import type { Scenario } from '../lib/scenario.js';

/**
 * The cheapest route through the whole stack: request id, security headers, Nest routing and a
 * JSON body, with no I/O. The access log skips /healthz, so this is the stack's floor.
 */
export default {
  name: 'http-liveness',
  description: 'GET /healthz: middleware and routing with no I/O and no access-log line',
  async run(ctx) {
    const api = await ctx.startApi();
    return [await ctx.load({ label: 'http-liveness', url: `${api.url}/healthz`, expectStatus: 200 })];
  },
} satisfies Scenario;
