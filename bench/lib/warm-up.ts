import { setTimeout as sleep } from 'node:timers/promises';
import { type LoadOptions, runLoad } from './load.js';
import type { ScenarioContext } from './scenario.js';

/**
 * Unmeasured load at the run's connections before the measured rows, for routes that run far more
 * code than /healthz. A row measured at one connection gets a few hundred requests in its own 2 s
 * warm-up; the users routes (Prisma's query compiler, the pg driver, the tenant transaction) were
 * still at about 10 ms of API CPU per request then, and at 6.5 ms after some 2,000. The pause at
 * the end lets the requests the load abandoned finish, so that none queue ahead of the next row.
 */
export async function warmUp(ctx: ScenarioContext, options: Omit<LoadOptions, 'label'>, seconds: number) {
  ctx.log(`warm-up: ${seconds} s at ${ctx.settings.connections} connections`);
  await runLoad({ ...options, label: 'warm-up', durationSeconds: seconds, warmupSeconds: 0 }, ctx.settings);
  await sleep(1000);
}
