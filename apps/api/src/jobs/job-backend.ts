import { type Job, type JobsOptions, type Processor, Queue, Worker } from 'bullmq';
import { createPostgresBackend } from 'bullmq/dist/cjs/postgres/index.js';
import type { Redis } from 'ioredis';
import { createRedis } from '../platform/redis/redis.js';
import type { QueueName } from './job-definition.js';

export type JobBackendKind = 'redis' | 'postgres';

/** What Latchkey uses of a queue and a worker, whichever backend carries them. */
export type JobQueue = Pick<Queue, 'add' | 'getJob' | 'getJobCounts' | 'close' | 'upsertJobScheduler'>;
export interface JobWorker {
  on(event: 'failed', listener: (job: Job | undefined, error: Error) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): Promise<void>;
}

export interface JobBackendOptions {
  redisUrl: string | undefined;
  databaseUrl: string;
  /** Namespaces Redis keys (one deployment or test per prefix). */
  prefix: string;
  /**
   * The embedded database serves every client on one session, so PostgreSQL's NOTIFY reaches the
   * connection that sent it, never the worker's LISTEN connection: workers there must poll.
   */
  pollOnly: boolean;
}

/** How often a worker that cannot be woken by NOTIFY looks for new jobs, in seconds. */
export const POLL_INTERVAL_SECONDS = 0.25;

/** Defaults for every job: keep finished jobs long enough to inspect and to dedupe by job id. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
  backoff: { type: 'exponential', delay: 1000 },
};

/**
 * BullMQ on Redis when REDIS_URL is set, otherwise BullMQ's PostgreSQL backend on the same
 * database as the data: the job definitions and callers never know which.
 */
export class JobBackend {
  readonly kind: JobBackendKind;
  private readonly queues = new Map<QueueName, JobQueue>();
  private readonly redis: Redis | undefined;

  /** Whether workers can be woken by the backend (false on the embedded database: they poll). */
  get wakesWorkers(): boolean {
    return !this.options.pollOnly;
  }

  constructor(private readonly options: JobBackendOptions) {
    this.kind = options.redisUrl ? 'redis' : 'postgres';
    // BullMQ requires maxRetriesPerRequest null on connections that block (workers).
    this.redis = options.redisUrl ? createRedis(options.redisUrl, { maxRetriesPerRequest: null }) : undefined;
  }

  queue(name: QueueName): JobQueue {
    let queue: JobQueue | undefined = this.queues.get(name);
    if (!queue) {
      queue = this.redis
        ? new Queue(name, {
            connection: this.redis,
            prefix: this.options.prefix,
            defaultJobOptions: DEFAULT_JOB_OPTIONS,
          })
        : new Queue(
            name,
            { connection: this.postgresConnection(), defaultJobOptions: DEFAULT_JOB_OPTIONS },
            createPostgresBackend,
          );
      this.queues.set(name, queue);
    }
    return queue;
  }

  worker(name: QueueName, processor: Processor, concurrency: number): JobWorker {
    // A stalled job (its worker died mid-run) is retried after 30 s; the ledger stops a re-run of
    // a job that had in fact completed.
    const common = {
      concurrency,
      autorun: true,
      stalledInterval: 30_000,
      maxStalledCount: 1,
      ...(this.options.pollOnly ? { drainDelay: POLL_INTERVAL_SECONDS } : {}),
    };
    return this.redis
      ? new Worker(name, processor, { ...common, connection: this.redis, prefix: this.options.prefix })
      : new Worker(
          name,
          processor,
          { ...common, connection: this.postgresConnection() },
          createPostgresBackend,
        );
  }

  /** Round trip to the job store, for readiness. */
  async ping(): Promise<void> {
    if (this.redis) {
      await this.redis.ping();
      return;
    }
    const queue = this.queue('system');
    await queue.getJobCounts('waiting');
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
    if (this.redis) await this.redis.quit().catch(() => this.redis?.disconnect());
  }

  private postgresConnection() {
    return { connectionString: this.options.databaseUrl, migrate: true, max: 4 };
  }
}
