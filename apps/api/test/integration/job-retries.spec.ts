import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { UnrecoverableError } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { JobBackend } from '../../src/jobs/job-backend.js';
import { defineJob, ZJobPayloadBase } from '../../src/jobs/job-definition.js';
import { JobLedger } from '../../src/jobs/job-ledger.js';
import { JobRunner } from '../../src/jobs/job-runner.js';
import { JobsService } from '../../src/jobs/jobs.service.js';
import { SecretBox } from '../../src/platform/crypto/secret-box.js';
import { seedBuiltInTenants } from '../../src/platform/database/seed.js';
import { TenantDatabase } from '../../src/platform/database/tenant-database.js';
import { ChangeBus } from '../../src/platform/events/change-bus.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { createMigratedDatabase, type MigratedDatabase } from '../support/migrated-database.js';

/**
 * Failure paths of the job framework on both backends: retries wait for the definition's back-off
 * (or the one given at enqueue), and an UnrecoverableError ends the job at once. The email module
 * relies on both.
 */

/** When each attempt of each job id started, and with which attempt number. */
const attempts = new Map<string, Array<{ at: number; attempt: number }>>();
const note = (key: string, attempt: number) =>
  attempts.set(key, [...(attempts.get(key) ?? []), { at: Date.now(), attempt }]);

const ZPayload = ZJobPayloadBase.extend({ key: z.string(), failures: z.number().int() });

/** Fails its first `failures` attempts, then succeeds. */
const flakyJob = defineJob({
  name: 'test.flaky',
  version: 1,
  queue: 'system',
  payload: ZPayload,
  attempts: 4,
  backoff: { type: 'exponential', delayMs: 150 },
  handler: async (payload, { attempt }) => {
    note(payload.key, attempt);
    if (attempt <= payload.failures) throw new Error(`planned failure ${attempt}`);
    return { attempt };
  },
});

/** Gives up for good on its first attempt. */
const hopelessJob = defineJob({
  name: 'test.hopeless',
  version: 1,
  queue: 'system',
  payload: ZPayload,
  attempts: 5,
  backoff: { type: 'fixed', delayMs: 50 },
  handler: async (payload, { attempt }) => {
    note(payload.key, attempt);
    throw new UnrecoverableError('cannot ever work');
  },
});

let db: MigratedDatabase;
let prisma: PrismaClient;
let tenantId: string;

beforeAll(async () => {
  db = await createMigratedDatabase('job_retries');
  prisma = db.prisma;
  await seedBuiltInTenants(prisma);
  tenantId = (await prisma.tenant.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
});

afterAll(async () => {
  await db?.drop();
});

async function waitForState(jobs: JobsService, definition: typeof flakyJob, jobId: string, state: string) {
  const deadline = Date.now() + 15_000;
  let last = '';
  while (Date.now() < deadline) {
    last = (await (await jobs.find(definition, jobId))?.getState()) ?? 'missing';
    if (last === state) return;
    await sleep(25);
  }
  throw new Error(`job ${jobId} is ${last}, not ${state}`);
}

const gaps = (key: string) => {
  const runs = attempts.get(key) ?? [];
  return runs.slice(1).map((run, i) => run.at - (runs[i]?.at ?? 0));
};

describe.each([
  ['redis', true],
  ['postgres', false],
] as const)('on %s', (backendName, redis) => {
  let jobs: JobsService;
  const prefix = `lkretry-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    const logger = pino({ level: 'silent' });
    const backend = new JobBackend({
      redisUrl: redis ? TEST_REDIS_URL : undefined,
      databaseUrl: db.url,
      prefix,
      pollOnly: false,
    });
    const ledger = new JobLedger(prisma);
    const runner = new JobRunner([flakyJob, hopelessJob], ledger, logger, {
      prisma,
      tenants: new TenantDatabase(prisma),
      secrets: new SecretBox(randomBytes(32)),
      changes: ChangeBus.inProcess(logger),
    });
    jobs = new JobsService(backend, runner, ledger, logger);
    jobs.startWorkers(2);
  });

  afterAll(async () => {
    await jobs?.close();
    if (redis) {
      const client = new Redis(TEST_REDIS_URL);
      const keys = await client.keys(`${prefix}:*`);
      if (keys.length) await client.del(...keys);
      await client.quit();
    }
  });

  it("retries with the definition's exponential back-off, then completes", async () => {
    const key = `${backendName}-exp`;
    const job = await jobs.enqueue(flakyJob, { tenantId, key, failures: 2 }, { jobId: key });
    expect(job.opts).toMatchObject({ attempts: 4, backoff: { type: 'exponential', delay: 150 } });
    await waitForState(jobs, flakyJob, key, 'completed');
    expect(attempts.get(key)?.map((a) => a.attempt)).toEqual([1, 2, 3]);
    const [first, second] = gaps(key);
    expect(first).toBeGreaterThanOrEqual(140); // 150 ms
    expect(second).toBeGreaterThanOrEqual(290); // 300 ms
    expect(await jobs.completion(flakyJob, tenantId, key)).toMatchObject({ result: { attempt: 3 } });
  });

  it('takes a back-off given at enqueue over the definition’s, and stops after the last attempt', async () => {
    const key = `${backendName}-fixed`;
    const job = await jobs.enqueue(
      flakyJob,
      { tenantId, key, failures: 10 },
      { jobId: key, backoff: { type: 'fixed', delayMs: 40 } },
    );
    expect(job.opts).toMatchObject({ attempts: 4, backoff: { type: 'fixed', delay: 40 } });
    await waitForState(jobs, flakyJob, key, 'failed');
    await sleep(200); // no fifth attempt follows
    expect(attempts.get(key)?.map((a) => a.attempt)).toEqual([1, 2, 3, 4]);
    const all = gaps(key);
    expect(all).toHaveLength(3);
    for (const gap of all) expect(gap).toBeGreaterThanOrEqual(35);
    // Fixed 40 ms, not the definition's exponential 150, 300, 600: that one can never total less
    // than 1,050 ms, while a busy machine's scheduling stretches single gaps a lot (175 and 341 ms
    // were seen), so the total is the bound, not any one gap.
    expect(all.reduce((sum, gap) => sum + gap, 0)).toBeLessThan(1_050);
    expect(await jobs.completion(flakyJob, tenantId, key)).toBeUndefined();
  });

  it('ends a job that throws UnrecoverableError after that one attempt', async () => {
    const key = `${backendName}-hopeless`;
    await jobs.enqueue(hopelessJob, { tenantId, key, failures: 0 }, { jobId: key });
    await waitForState(jobs, hopelessJob as unknown as typeof flakyJob, key, 'failed');
    await sleep(300);
    expect(attempts.get(key)?.map((a) => a.attempt)).toEqual([1]);
  });
});
