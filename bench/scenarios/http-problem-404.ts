import type { Scenario } from '../lib/scenario.js';

/**
 * The error path every client mistake takes: the hosted-app matcher, Nest's not-found, the problem
 * filter and a problem+json body, plus one access-log line. The harness runs the API at
 * LOG_LEVEL=warn, where that info-level line would be filtered out; this scenario sets info so the
 * line is really serialised and written (to a file, as a deployment writes it to stdout).
 */
export default {
  name: 'http-problem-404',
  description: 'GET /api/v1/does-not-exist: 404 problem+json with its access-log line written',
  async run(ctx) {
    const api = await ctx.startApi({ env: { LOG_LEVEL: 'info' } });
    return [
      await ctx.load({
        label: 'http-problem-404',
        url: `${api.url}/api/v1/does-not-exist`,
        expectStatus: 404,
      }),
    ];
  },
} satisfies Scenario;
