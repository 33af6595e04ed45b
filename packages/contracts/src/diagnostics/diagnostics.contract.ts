import { z } from 'zod';

/**
 * POST /api/v1/diagnostics/job-probes: enqueue a probe job to prove that a worker picks up and
 * completes jobs end to end. `probeId` doubles as the job id, so re-posting the same id is a no-op.
 */
export const ZCreateJobProbeRequest = z.object({
  probeId: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,64}$/, 'letters, digits, "-" and "_" only, at most 64')
    .optional(),
  /** How long the probe job keeps the worker busy; lets operators see graceful shutdown at work. */
  workMs: z.number().int().min(0).max(60_000).default(0),
});
export type TCreateJobProbeRequest = z.infer<typeof ZCreateJobProbeRequest>;

export const ZJobProbeState = z.enum(['waiting', 'active', 'completed', 'failed', 'unknown']);

export const ZJobProbeResponse = z.object({
  probeId: z.string(),
  state: ZJobProbeState,
  /** Completions recorded in the job ledger: 0 until a worker finishes it, then 1 however often it is delivered. */
  executions: z.number().int().nonnegative(),
  attempts: z.number().int().nonnegative(),
  workerPid: z.number().int().nullable(),
  completedAt: z.string().nullable(),
});
export type TJobProbeResponse = z.infer<typeof ZJobProbeResponse>;
