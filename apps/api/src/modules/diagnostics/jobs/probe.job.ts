import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { defineJob, ZJobPayloadBase } from '../../../jobs/job-definition.js';

export const ZProbePayload = ZJobPayloadBase.extend({
  workMs: z.number().int().min(0).max(60_000),
});

/**
 * Keeps a worker busy for `workMs` and reports which process ran it: proves end to end that
 * workers pick up, finish and record jobs, and makes graceful shutdown observable.
 */
export const probeJob = defineJob({
  name: 'diagnostics.probe',
  version: 1,
  queue: 'system',
  payload: ZProbePayload,
  attempts: 3,
  handler: async (payload, { logger }) => {
    logger.info({ workMs: payload.workMs }, 'probe started');
    await sleep(payload.workMs);
    return { workerPid: process.pid };
  },
});
