import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { AppError } from '../platform/errors/app-error.js';
import type { JobDefinition, JobDeps } from './job-definition.js';
import type { JobLedger } from './job-ledger.js';

/** What BullMQ stores as the job's data: the versioned envelope around the typed payload. */
export interface JobEnvelope {
  v: number;
  payload: unknown;
}

/**
 * Runs one delivery of a job: checks the envelope's version, re-validates the payload, skips a job
 * the ledger has already seen complete, runs the handler and records completion.
 */
export class JobRunner {
  private readonly byName: Map<string, JobDefinition>;

  constructor(
    definitions: readonly JobDefinition[],
    private readonly ledger: JobLedger,
    private readonly logger: Logger,
    private readonly deps: JobDeps,
  ) {
    this.byName = new Map(definitions.map((d) => [d.name, d]));
  }

  async run(job: Job<JobEnvelope>): Promise<unknown> {
    const definition = this.byName.get(job.name);
    if (!definition) throw new Error(`no job definition named ${job.name}`);
    if (job.data.v !== definition.version) {
      throw new Error(`${job.name} v${job.data.v} cannot run on a worker that knows v${definition.version}`);
    }
    const payload = definition.payload.parse(job.data.payload);
    const jobId = job.id ?? '';
    const key = { tenantId: payload.tenantId, queue: job.queueName, jobId };
    const logger = this.logger.child({ job: job.name, jobId, tenantId: payload.tenantId });

    const done = await this.ledger.find(key);
    if (done) {
      logger.info({ firstWorkerPid: done.workerPid }, 'job already completed; skipping redelivery');
      return done.result;
    }
    const startedAt = new Date();
    const result = await definition.handler(payload, {
      jobId,
      attempt: job.attemptsMade + 1,
      logger,
      deps: this.deps,
    });
    const recorded = await this.ledger.record(key, {
      jobName: definition.name,
      jobVersion: definition.version,
      startedAt,
      result,
    });
    if (!recorded) logger.warn('job completed concurrently by another delivery');
    logger.info({ ms: Date.now() - startedAt.getTime() }, 'job completed');
    return result;
  }
}

/** Validates a payload before it is enqueued, so a bad call fails at the caller, not in a worker. */
export function envelope(definition: JobDefinition, payload: unknown): JobEnvelope {
  const parsed = definition.payload.safeParse(payload);
  if (!parsed.success) {
    throw new AppError('invalid-job-payload', 500, 'Invalid job payload', {
      detail: `${definition.name}: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    });
  }
  return { v: definition.version, payload: parsed.data };
}
