import { randomBytes } from 'node:crypto';
import { createLatchkeyClient, type LatchkeyClient } from '@latchkey/sdk';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { freePort } from '../support/ports.js';

/** The same job definitions and the same tests on both job backends. */
describe.each([
  { backend: 'postgres' as const, redis: false },
  { backend: 'redis' as const, redis: true },
])('jobs on the $backend backend', ({ backend, redis }) => {
  let db: TestDatabase;
  let api: LatchkeyProcess;
  let client: LatchkeyClient;
  const workers: LatchkeyProcess[] = [];
  const prefix = `lktest-${randomBytes(4).toString('hex')}`;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase(`jobs_${backend}`);
    env = {
      DATABASE_URL: db.url,
      LATCHKEY_REDIS_PREFIX: prefix,
      ...(redis ? { REDIS_URL: TEST_REDIS_URL } : {}),
    };
    // The API only enqueues: every job in these tests must be run by a separate worker process.
    api = await LatchkeyProcess.startApi(
      { ...env, LATCHKEY_DIAGNOSTICS: 'true', LATCHKEY_WORKER: 'off' },
      await freePort(),
    );
    client = createLatchkeyClient({ baseUrl: api.baseUrl });
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    await api?.stop();
    await db?.drop();
    if (redis) await deleteKeys(prefix);
  });

  const startWorker = async () => {
    const worker = await LatchkeyProcess.startWorker(env);
    workers.push(worker);
    return worker;
  };

  const waitForState = async (probeId: string, state: string, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const probe = await client.diagnostics.getJobProbe(probeId);
      if (probe.state === state) return probe;
      if (Date.now() > deadline) throw new Error(`probe ${probeId} stuck in ${probe.state}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('reports the backend in readiness', async () => {
    const readiness = await client.readiness();
    expect(readiness.checks.find((c) => c.name === 'jobs')?.backend).toBe(backend);
  });

  it('runs a job enqueued through the API in a separate worker process', async () => {
    const worker = await startWorker();
    const created = await client.diagnostics.createJobProbe({ probeId: 'first' });
    expect(created.state).toMatch(/waiting|active|completed/);
    const done = await waitForState('first', 'completed');
    expect(done.workerPid).toBe(worker.pid);
    expect(done.workerPid).not.toBe(api.pid);
    expect(done.executions).toBe(1);
  });

  it('deduplicates by job id: enqueueing the same probe twice runs it once', async () => {
    await client.diagnostics.createJobProbe({ probeId: 'twice', workMs: 200 });
    await client.diagnostics.createJobProbe({ probeId: 'twice', workMs: 200 });
    const done = await waitForState('twice', 'completed');
    expect(done.attempts).toBe(1);
    const completions = workers
      .flatMap((w) => w.logs)
      .filter((l) => l.msg === 'job completed' && l.jobId === 'probe-twice');
    expect(completions).toHaveLength(1);
  });

  it('lets the in-flight job finish on SIGTERM and never runs it twice', async () => {
    for (const w of workers.splice(0)) await w.stop('SIGKILL');
    const first = await startWorker();
    await client.diagnostics.createJobProbe({ probeId: 'graceful', workMs: 2500 });
    await waitForState('graceful', 'active');

    const exitCode = await first.stop('SIGTERM');
    expect(exitCode).toBe(0);
    const afterStop = await client.diagnostics.getJobProbe('graceful');
    expect(afterStop).toMatchObject({ state: 'completed', workerPid: first.pid, attempts: 1 });

    // A new worker must not pick the job up again.
    const second = await startWorker();
    await new Promise((r) => setTimeout(r, 1500));
    const later = await client.diagnostics.getJobProbe('graceful');
    expect(later).toMatchObject({ state: 'completed', workerPid: first.pid, attempts: 1 });
    const runs = [...first.logs, ...second.logs].filter(
      (l) => l.msg === 'probe started' && l.jobId === 'probe-graceful',
    );
    expect(runs).toHaveLength(1);
  });
});

async function deleteKeys(prefix: string) {
  const redis = new Redis(TEST_REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
}
