import type { Logger } from 'pino';
import { z } from 'zod';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { AppConfig } from '../platform/config/config.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import type { TenantDatabase } from '../platform/database/tenant-database.js';
import type { ChangeBus } from '../platform/events/change-bus.js';

/** Every job payload names its tenant: the worker re-enters that tenant before touching data. */
export const ZJobPayloadBase = z.object({ tenantId: z.uuid() });

/** What handlers may use: workers run without Nest, so dependencies come in explicitly. */
export interface JobDeps {
  /** Platform-level reads (the tenants table). */
  prisma: PrismaClient;
  /** The one door to tenant-owned tables. */
  tenants: TenantDatabase;
  /** Seals and opens secrets at rest (signing keys, …). */
  secrets: SecretBox;
  /** Tells every replica what a job changed in a tenant's configuration. */
  changes: ChangeBus;
  /**
   * The deployment's configuration (SMTP_URL, PUBLIC_URL, …). Every Latchkey process passes it;
   * tests that run a job by hand may leave it out when the job does not read it.
   */
  config?: AppConfig;
}

export interface JobContext {
  jobId: string;
  /** 1 for the first delivery, 2 for the first retry, …; the definition's `attempts` is the last. */
  attempt: number;
  logger: Logger;
  deps: JobDeps;
}

/**
 * A typed, versioned job. The payload schema is checked when enqueued and again in the worker
 * (a payload written by an older release must still parse, or fail loudly).
 */
export interface JobDefinition<
  P extends z.ZodType<{ tenantId: string }> = z.ZodType<{ tenantId: string }>,
  R = unknown,
> {
  name: string;
  version: number;
  queue: QueueName;
  payload: P;
  /** Attempts before the job is dead-lettered (left in the failed set, visible to operators). */
  attempts: number;
  /** Wait between attempts (default: exponential from 1 s, see DEFAULT_JOB_OPTIONS). */
  backoff?: JobBackoff;
  /** Run periodically (BullMQ job scheduler); the payload is then `{ tenantId: <system tenant> }`. */
  schedule?: { everyMs: number };
  // Method syntax on purpose: lets a registry hold definitions with different payload types.
  handler(payload: z.infer<P>, context: JobContext): Promise<R>;
}

/**
 * How long BullMQ waits before retrying a failed attempt: `delayMs` every time (`fixed`), or
 * `delayMs × 2^(n-1)` before the n-th retry (`exponential`).
 */
export interface JobBackoff {
  type: 'fixed' | 'exponential';
  delayMs: number;
}

/** `system`: housekeeping and maintenance; `email`: outgoing mail, so a burst of mail never delays the rest. */
export const QUEUE_NAMES = ['system', 'email'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export function defineJob<P extends z.ZodType<{ tenantId: string }>, R>(
  definition: JobDefinition<P, R>,
): JobDefinition<P, R> {
  return definition;
}
