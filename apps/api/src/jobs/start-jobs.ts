import type { Runtime } from '../platform/runtime/runtime.js';
import { JOB_DEFINITIONS } from './registry.js';

/** Registers the periodic jobs, then starts this process' workers. */
export async function startJobs(runtime: Runtime): Promise<void> {
  const system = await runtime.prisma.tenant.findUnique({ where: { slug: 'system' }, select: { id: true } });
  if (!system)
    throw new Error('the built-in system tenant is missing: start the API once to migrate and seed');
  await runtime.jobs.ensureSchedules(JOB_DEFINITIONS, system.id);
  runtime.jobs.startWorkers();
}
