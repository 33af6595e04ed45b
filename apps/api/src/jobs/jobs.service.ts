import type { Job, JobsOptions } from 'bullmq';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { JobBackend, JobWorker } from './job-backend.js';
import { type JobBackoff, type JobDefinition, QUEUE_NAMES } from './job-definition.js';
import type { JobLedger, LedgerEntry } from './job-ledger.js';
import { envelope, type JobEnvelope, type JobRunner } from './job-runner.js';

/** Enqueues typed jobs and runs the workers; the one door to BullMQ for the rest of the code. */
export class JobsService {
  private workers: JobWorker[] = [];
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly backend: JobBackend,
    private readonly runner: JobRunner,
    private readonly ledger: JobLedger,
    private readonly logger: Logger,
  ) {}

  get backendKind() {
    return this.backend.kind;
  }

  /**
   * Adds a job; the same `jobId` while the job is known is a no-op (idempotent enqueue). `backoff`
   * overrides the definition's (a deployment may tune retry delays, e.g. mail's).
   */
  async enqueue<P extends z.ZodType<{ tenantId: string }>>(
    definition: JobDefinition<P>,
    payload: z.input<P>,
    options: { jobId: string; backoff?: JobBackoff },
  ): Promise<Job<JobEnvelope>> {
    return this.backend.queue(definition.queue).add(definition.name, envelope(definition, payload), {
      jobId: options.jobId,
      ...retryOptions(definition, options.backoff),
    });
  }

  async find(definition: JobDefinition, jobId: string): Promise<Job<JobEnvelope> | undefined> {
    const job: Job<JobEnvelope> | undefined = await this.backend.queue(definition.queue).getJob(jobId);
    return job && job.name === definition.name ? job : undefined;
  }

  /** The ledger's record of the job's completion: the source of truth for "did it run". */
  completion(definition: JobDefinition, tenantId: string, jobId: string): Promise<LedgerEntry | undefined> {
    return this.ledger.find({ tenantId, queue: definition.queue, jobId });
  }

  /**
   * Registers the periodic jobs (idempotent: one scheduler per job name, whichever process starts
   * first); their payload names the system tenant, the owner of platform-level work.
   */
  async ensureSchedules(definitions: readonly JobDefinition[], systemTenantId: string): Promise<void> {
    for (const definition of definitions) {
      if (!definition.schedule) continue;
      if (!this.backend.wakesWorkers) {
        this.scheduleInProcess(definition, definition.schedule.everyMs, systemTenantId);
        continue;
      }
      await this.backend.queue(definition.queue).upsertJobScheduler(
        definition.name,
        { every: definition.schedule.everyMs },
        {
          name: definition.name,
          data: envelope(definition, { tenantId: systemTenantId }),
          opts: retryOptions(definition),
        },
      );
    }
  }

  /**
   * The embedded database cannot wake a blocked worker, and BullMQ blocks until the next delayed
   * job — an hour away for an hourly scheduler — so there a timer in this (single) process enqueues
   * periodic jobs instead; the job id of each period makes a repeat within it a no-op.
   */
  private scheduleInProcess(definition: JobDefinition, everyMs: number, systemTenantId: string): void {
    const enqueue = () => {
      const period = Math.floor(Date.now() / everyMs);
      this.enqueue(definition, { tenantId: systemTenantId }, { jobId: `${definition.name}-${period}` }).catch(
        (err: unknown) => this.logger.warn({ err, job: definition.name }, 'could not enqueue a periodic job'),
      );
    };
    enqueue();
    const timer = setInterval(enqueue, everyMs);
    timer.unref();
    this.timers.push(timer);
  }

  startWorkers(concurrency = 4): void {
    for (const name of QUEUE_NAMES) {
      const worker = this.backend.worker(name, (job: Job<JobEnvelope>) => this.runner.run(job), concurrency);
      worker.on('failed', (job, err) =>
        this.logger.warn(
          { job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: err.message },
          'job failed',
        ),
      );
      worker.on('error', (err) =>
        this.logger.warn({ err: err.message, queue: name }, 'worker connection error'),
      );
      this.workers.push(worker);
    }
    this.logger.info({ backend: this.backend.kind, queues: QUEUE_NAMES }, 'job workers started');
  }

  /** Stops taking new jobs and waits for the ones in flight to finish. */
  async stopWorkers(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.close()));
  }

  async close(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    await this.stopWorkers();
    await this.backend.close();
  }

  ping(): Promise<void> {
    return this.backend.ping();
  }
}

/** BullMQ's attempts and backoff for a job of `definition` (its backoff unless overridden). */
export function retryOptions(
  definition: JobDefinition,
  backoff: JobBackoff | undefined = definition.backoff,
): Pick<JobsOptions, 'attempts' | 'backoff'> {
  return {
    attempts: definition.attempts,
    ...(backoff ? { backoff: { type: backoff.type, delay: backoff.delayMs } } : {}),
  };
}
