import { createLatchkeyClient } from '@latchkey/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { freePort } from '../support/ports.js';
import { TcpProxy } from '../support/tcp-proxy.js';

describe('readiness follows Redis', () => {
  let db: TestDatabase;
  let api: LatchkeyProcess;
  let proxy: TcpProxy;

  beforeAll(async () => {
    db = await createTestDatabase('ready');
    const redis = new URL(TEST_REDIS_URL);
    proxy = new TcpProxy(await freePort(), { host: redis.hostname, port: Number(redis.port || 6379) });
    await proxy.open();
    api = await LatchkeyProcess.startApi(
      {
        DATABASE_URL: db.url,
        REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
        LATCHKEY_REDIS_PREFIX: `lkready${process.pid}`,
      },
      await freePort(),
    );
  });

  afterAll(async () => {
    await api?.stop();
    await proxy?.cut();
    await db?.drop();
  });

  it('runs on real PostgreSQL and Redis: readiness names both, the apps are served', async () => {
    const readiness = await createLatchkeyClient({ baseUrl: api.baseUrl }).readiness();
    expect(readiness).toEqual({
      status: 'ready',
      checks: [
        expect.objectContaining({ name: 'database', backend: 'postgres', status: 'up' }),
        expect.objectContaining({ name: 'jobs', backend: 'redis', status: 'up' }),
        expect.objectContaining({ name: 'redis', backend: 'redis', status: 'up' }),
      ],
    });
    expect((await fetch(`${api.baseUrl}/console/`)).status).toBe(200);
    expect((await fetch(`${api.baseUrl}/t/demo/login/`)).status).toBe(200);
  });

  it('answers 503 naming Redis within 2 s of an outage, and 200 again after it returns', async () => {
    const client = createLatchkeyClient({ baseUrl: api.baseUrl });
    expect((await client.readiness()).status).toBe('ready');

    await proxy.cut();
    const cutAt = Date.now();
    let down = await client.readiness();
    while (down.status === 'ready' && Date.now() - cutAt < 2000) down = await client.readiness();
    expect(Date.now() - cutAt).toBeLessThan(2000);
    expect(down.status).toBe('not_ready');
    expect(down.checks.find((c) => c.name === 'redis')).toMatchObject({ status: 'down', backend: 'redis' });
    expect(down.checks.find((c) => c.name === 'database')).toMatchObject({ status: 'up' });
    const res = await fetch(`${api.baseUrl}/readyz`);
    expect(res.status).toBe(503);

    await proxy.open();
    const backAt = Date.now();
    let up = await client.readiness();
    while (up.status !== 'ready' && Date.now() - backAt < 10_000) {
      await new Promise((r) => setTimeout(r, 100));
      up = await client.readiness();
    }
    expect(up.status).toBe('ready');
    expect((await fetch(`${api.baseUrl}/readyz`)).status).toBe(200);
  });
});
