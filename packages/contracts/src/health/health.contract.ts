import { z } from 'zod';

/** GET /healthz: the process is up and serving HTTP. Says nothing about its dependencies. */
export const ZHealthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  uptimeSeconds: z.number().nonnegative(),
});
export type THealthResponse = z.infer<typeof ZHealthResponse>;

/** What a readiness check looked at. */
export const ZReadinessCheckName = z.enum(['database', 'jobs', 'redis']);
export type TReadinessCheckName = z.infer<typeof ZReadinessCheckName>;

/**
 * Which implementation serves a dependency: `embedded-postgres` is the zero-setup PGlite,
 * `postgres` a real server, `redis` a Redis server (or Sentinel / Cluster).
 */
export const ZBackendKind = z.enum(['embedded-postgres', 'postgres', 'redis']);
export type TBackendKind = z.infer<typeof ZBackendKind>;

export const ZReadinessCheck = z.object({
  name: ZReadinessCheckName,
  backend: ZBackendKind,
  status: z.enum(['up', 'down']),
  latencyMs: z.number().nonnegative(),
  /** Why the check failed, without credentials or hosts' secrets. */
  error: z.string().optional(),
});
export type TReadinessCheck = z.infer<typeof ZReadinessCheck>;

/** GET /readyz: 200 with `ready` when every dependency answers, otherwise 503 with `not_ready`. */
export const ZReadinessResponse = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.array(ZReadinessCheck),
});
export type TReadinessResponse = z.infer<typeof ZReadinessResponse>;
