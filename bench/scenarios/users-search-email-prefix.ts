import { startApiOnMillionUsers } from '../lib/million-users.js';
import type { Scenario } from '../lib/scenario.js';
import { emailPrefixes } from '../lib/search-terms.js';
import { checkP95 } from '../lib/targets.js';
import { connectionsText, LATENCY_CONNECTIONS, TARGET_P95_MS, WARMUP_SECONDS } from '../lib/users-targets.js';
import { warmUp } from '../lib/warm-up.js';

/**
 * F2 acceptance: searching users by email prefix on a tenant of a million users, p95 < 20 ms.
 * Through the real HTTP API with a tenant API key: key lookup, tenant resolution, the tenant
 * transaction as latchkey_app under row-level security, the search query, JSON. Two thousand
 * different prefixes in turn (bench/lib/search-terms.ts), so no two consecutive requests ask the
 * same. The target is held at one client (see users-targets.ts); a second row runs the same
 * search with the run's connections, where the API's core is saturated and latency is mostly
 * queueing: its throughput is what one core serves.
 */
export default {
  name: 'users-search-email-prefix',
  description: 'GET …/users?q=<email prefix> on a tenant of a million users (2,000 prefixes in turn)',
  target: `p95 < ${TARGET_P95_MS} ms, ${connectionsText(LATENCY_CONNECTIONS)}`,
  async run(ctx) {
    const { usersUrl, headers, data } = await startApiOnMillionUsers(ctx);
    const path = new URL(usersUrl).pathname;
    const paths = emailPrefixes(data.sample).map((q) => `${path}?q=${encodeURIComponent(q)}`);
    await warmUp(
      ctx,
      { url: usersUrl, headers, paths, connections: ctx.settings.connections },
      WARMUP_SECONDS,
    );
    const measure = (label: string, connections: number) =>
      ctx.load({
        label,
        url: usersUrl,
        headers,
        paths,
        connections,
        expectStatus: 200,
      });
    // Saturated first: the requests a load abandons when it ends (up to 32) then finish during the
    // next row's warm-up, not while the API is being stopped (they would fail, closing its pool).
    const saturated = await measure(
      `users-search-email-prefix / ${ctx.settings.connections} connections`,
      ctx.settings.connections,
    );
    const target = await measure('users-search-email-prefix', LATENCY_CONNECTIONS);
    return [checkP95(ctx, target, TARGET_P95_MS), saturated];
  },
} satisfies Scenario;
