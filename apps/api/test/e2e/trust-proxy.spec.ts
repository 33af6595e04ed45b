import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { pendingSignIn, REDIRECT } from '../support/login-flow.js';
import { ManagementFixture } from '../support/management.js';
import { freePort } from '../support/ports.js';

/**
 * LATCHKEY_TRUST_PROXY: behind a named proxy (here loopback, where the test client is), the client
 * is the address X-Forwarded-For gives, so per-IP limits count real clients, not the proxy.
 */
describe('behind a trusted proxy', () => {
  let db: TestDatabase;
  let api: LatchkeyProcess;
  let fixture: ManagementFixture;
  let app: { clientId: string; clientSecret: string };

  beforeAll(async () => {
    db = await createTestDatabase('trust_proxy');
    const port = await freePort();
    api = await LatchkeyProcess.startApi(
      { DATABASE_URL: db.url, PUBLIC_URL: `http://127.0.0.1:${port}`, LATCHKEY_TRUST_PROXY: 'loopback' },
      port,
    );
    fixture = ManagementFixture.open(db.url, api.baseUrl);
    const { client } = await fixture.tenantWithClient('proxied');
    const platform = await fixture.clientFor('system');
    const patched = await platform.request('PATCH', '/api/v1/tenants/proxied', {
      settings: { signInProtection: { throttleAfter: 10, lockAfter: 20, lockMinutes: 1, ipFailureLimit: 5 } },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const created = await client.request('POST', '/api/v1/tenants/proxied/applications', {
      name: 'App',
      type: 'web',
      redirectUris: [REDIRECT],
    });
    app = created.body as { clientId: string; clientSecret: string };
  }, 120_000);

  afterAll(async () => {
    await fixture?.close();
    await api?.stop();
    await db?.drop();
  });

  it('limits each client the proxy names, not the proxy', async () => {
    const flow = await pendingSignIn(api.baseUrl, 'proxied', app);
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    const guess = (n: number, ip: string) =>
      flow.post('login', { identifier: `victim${n}@example.com`, password: 'guess' }, from(ip));
    for (let n = 1; n <= 5; n++) expect((await guess(n, '203.0.113.7')).status).toBe(401);
    expect(await guess(6, '203.0.113.7')).toMatchObject({ status: 429, type: 'sign-in-throttled' });
    // Another client behind the same proxy has its own count.
    expect((await guess(7, '203.0.113.8')).status).toBe(401);
  });
});
