import type { Logger } from 'pino';
import { z } from 'zod';

/** Every job payload names its tenant: the worker re-enters that tenant before touching data. */
export const ZJobPayloadBase = z.object({ tenantId: z.uuid() });

export interface JobContext {
  jobId: string;
  attempt: number;
  logger: Logger;
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
  // Method syntax on purpose: lets a registry hold definitions with different payload types.
  handler(payload: z.infer<P>, context: JobContext): Promise<R>;
}

export const QUEUE_NAMES = ['system'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export function defineJob<P extends z.ZodType<{ tenantId: string }>, R>(
  definition: JobDefinition<P, R>,
): JobDefinition<P, R> {
  return definition;
}
