import { randomBytes } from 'node:crypto';
import type { Job } from 'bullmq';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { defineJob, ZJobPayloadBase } from '../../src/jobs/job-definition.js';
import { JobLedger } from '../../src/jobs/job-ledger.js';
import { envelope, type JobEnvelope, JobRunner } from '../../src/jobs/job-runner.js';
import { SecretBox } from '../../src/platform/crypto/secret-box.js';
import { seedBuiltInTenants } from '../../src/platform/database/seed.js';
import { TenantDatabase } from '../../src/platform/database/tenant-database.js';
import { ChangeBus } from '../../src/platform/events/change-bus.js';
import { createMigratedDatabase, type MigratedDatabase } from '../support/migrated-database.js';

let db: MigratedDatabase;
let prisma: PrismaClient;
let tenantId: string;
const calls: number[] = [];

const countJob = defineJob({
  name: 'test.count',
  version: 2,
  queue: 'system',
  payload: ZJobPayloadBase.extend({ n: z.number().int() }),
  attempts: 1,
  handler: async (payload) => {
    calls.push(payload.n);
    return { doubled: payload.n * 2 };
  },
});

/** The parts of a BullMQ job the runner reads. */
const delivery = (id: string, data: JobEnvelope, name = countJob.name) =>
  ({ id, name, data, queueName: 'system', attemptsMade: 0 }) as unknown as Job<JobEnvelope>;

beforeAll(async () => {
  db = await createMigratedDatabase('runner');
  prisma = db.prisma;
  await seedBuiltInTenants(prisma);
  tenantId = (await prisma.tenant.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
});

afterAll(async () => {
  await db?.drop();
});

describe('JobRunner', () => {
  const runner = () =>
    new JobRunner([countJob], new JobLedger(prisma), pino({ level: 'silent' }), {
      prisma,
      tenants: new TenantDatabase(prisma),
      secrets: new SecretBox(randomBytes(32)),
      changes: ChangeBus.inProcess(pino({ level: 'silent' })),
    });

  it('runs a job once and skips a redelivery of the same job id, returning the first result', async () => {
    const data = envelope(countJob, { tenantId, n: 21 });
    expect(await runner().run(delivery('job-1', data))).toEqual({ doubled: 42 });
    expect(await runner().run(delivery('job-1', data))).toEqual({ doubled: 42 });
    expect(calls).toEqual([21]);
    const rows = await prisma.jobExecution.findMany({ where: { jobId: 'job-1' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tenantId, queue: 'system', jobName: 'test.count', jobVersion: 2 });
  });

  it('refuses a payload that does not match the definition, at enqueue and in the worker', async () => {
    expect(() => envelope(countJob, { tenantId, n: 'x' })).toThrow(/test.count/);
    await expect(
      runner().run(delivery('job-2', { v: 2, payload: { tenantId: 'nope', n: 1 } })),
    ).rejects.toThrow();
  });

  it('refuses an envelope of another version', async () => {
    await expect(runner().run(delivery('job-3', { v: 1, payload: { tenantId, n: 1 } }))).rejects.toThrow(
      /v1/,
    );
  });

  it('refuses a job it has no definition for', async () => {
    await expect(runner().run(delivery('job-4', { v: 1, payload: {} }, 'unknown.job'))).rejects.toThrow(
      /unknown.job/,
    );
  });
});
