import { randomUUID } from 'node:crypto';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { type ManagementClient, ManagementFixture } from '../support/management.js';
import { ScriptedBrowser } from '../support/oidc-browser.js';
import { freePort } from '../support/ports.js';

/**
 * Password sign-in protection on the interaction API: back-off, then a temporary lock that refuses
 * even the right password, the same answers for unknown accounts, and a per-IP limit that stops a
 * credential-stuffing loop across accounts. On Redis and on PostgreSQL (single-process mode).
 */
describe.each(['redis', 'postgres'] as const)('sign-in protection with counters on %s', (backend) => {
  const REDIRECT = 'https://app.example.com/cb';
  const PASSWORD = 'the right password';
  let db: TestDatabase;
  let api: LatchkeyProcess;
  let fixture: ManagementFixture;
  const apps: Record<string, { clientId: string; clientSecret: string }> = {};
  const admins: Record<string, ManagementClient> = {};

  beforeAll(async () => {
    db = await createTestDatabase(`signin_${backend}`);
    const port = await freePort();
    api = await LatchkeyProcess.startApi(
      {
        DATABASE_URL: db.url,
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        ...(backend === 'redis'
          ? { REDIS_URL: TEST_REDIS_URL, LATCHKEY_REDIS_PREFIX: `sip-${randomUUID().slice(0, 8)}` }
          : {}),
      },
      port,
    );
    fixture = ManagementFixture.open(db.url, api.baseUrl);
    const platform = await fixture.clientFor('system');
    for (const [slug, ipFailureLimit] of [
      ['locks', 100],
      ['stuffed', 5],
    ] as const) {
      const { client } = await fixture.tenantWithClient(slug);
      admins[slug] = client;
      const patched = await platform.request('PATCH', `/api/v1/tenants/${slug}`, {
        settings: { signInProtection: { throttleAfter: 2, lockAfter: 4, lockMinutes: 1, ipFailureLimit } },
      });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      await client.request('POST', `/api/v1/tenants/${slug}/users`, {
        email: 'ada@example.com',
        password: PASSWORD,
      });
      const app = await client.request('POST', `/api/v1/tenants/${slug}/applications`, {
        name: 'App',
        type: 'web',
        redirectUris: [REDIRECT],
      });
      apps[slug] = app.body as { clientId: string; clientSecret: string };
    }
  }, 120_000);

  afterAll(async () => {
    await fixture?.close();
    await api?.stop();
    await db?.drop();
  });

  /** A pending sign-in: post(identifier, password) answers with the status and problem type. */
  async function pendingSignIn(slug: string) {
    const app = apps[slug] as { clientId: string; clientSecret: string };
    const config = await oidc.discovery(
      new URL(`${api.baseUrl}/t/${slug}`),
      app.clientId,
      undefined,
      oidc.ClientSecretBasic(app.clientSecret),
      { execute: [oidc.allowInsecureRequests] },
    );
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const browser = new ScriptedBrowser();
    const outcome = await browser.authorize(url, REDIRECT, { onInteraction: () => undefined });
    if (outcome.kind !== 'interaction') throw new Error(JSON.stringify(outcome));
    return async (identifier: string, password: string, headers: Record<string, string> = {}) => {
      const res = await browser.postJson(
        `${outcome.interactionUrl.href}/login`,
        { identifier, password },
        { ...headers, 'x-csrf-token': outcome.details.csrfToken },
      );
      const body = res.status === 200 ? {} : ((await res.json()) as { type?: string });
      return {
        status: res.status,
        type: body.type?.split('/').pop(),
        retryAfter: res.headers.get('retry-after'),
      };
    };
  }

  const pause = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 150));

  it('backs off, then locks the account even for the right password, the same for unknown accounts', async () => {
    const post = await pendingSignIn('locks');
    const sequence = async (identifier: string) => {
      const seen: string[] = [];
      const record = (r: { status: number; type?: string }) =>
        seen.push(`${r.status} ${r.type ?? ''}`.trim());
      record(await post(identifier, 'wrong 1'));
      record(await post(identifier, 'wrong 2'));
      const throttled = await post(identifier, 'wrong 3');
      record(throttled);
      expect(throttled.retryAfter).toBe('1');
      await pause(1);
      record(await post(identifier, 'wrong 3'));
      await pause(2);
      const locking = await post(identifier, 'wrong 4');
      record(locking);
      expect(Number(locking.retryAfter)).toBeGreaterThan(50);
      record(await post(identifier, PASSWORD));
      return seen;
    };
    const [known, unknown] = await Promise.all([sequence('ada@example.com'), sequence('nobody@example.com')]);
    expect(known).toEqual([
      '401 invalid-credentials',
      '401 invalid-credentials',
      '429 sign-in-throttled',
      '401 invalid-credentials',
      '429 account-locked',
      '429 account-locked',
    ]);
    expect(unknown).toEqual(known);

    // The owner of the real account is told (the dev outbox here); nobody is mailed for the unknown one.
    const admin = admins.locks as ManagementClient;
    let mails: { to: string }[] = [];
    for (let i = 0; i < 40 && mails.length === 0; i++) {
      const res = await admin.request('GET', '/api/v1/tenants/locks/email/messages?template=account-locked');
      mails = (res.body as { data: { to: string }[] }).data;
      if (mails.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(mails.map((m) => m.to)).toEqual(['ada@example.com']);
  });

  it('forgets the account’s failures on a successful sign-in, and records its time', async () => {
    const admin = admins.locks as ManagementClient;
    const created = await admin.request('POST', '/api/v1/tenants/locks/users', {
      email: 'grace@example.com',
      password: PASSWORD,
    });
    const userId = (created.body as { id: string }).id;
    const post = await pendingSignIn('locks');
    expect((await post('grace@example.com', 'wrong 1')).status).toBe(401);
    expect((await post('grace@example.com', PASSWORD)).status).toBe(200);
    // Had the failure before the success been kept, this one would be the second and start the back-off.
    expect((await post('grace@example.com', 'wrong 2')).status).toBe(401);
    expect((await post('grace@example.com', 'wrong 3')).status).toBe(401);

    let lastSignInAt: string | null = null;
    for (let i = 0; i < 40 && !lastSignInAt; i++) {
      const user = await admin.request('GET', `/api/v1/tenants/locks/users/${userId}`);
      lastSignInAt = (user.body as { lastSignInAt: string | null }).lastSignInAt;
      if (!lastSignInAt) await new Promise((r) => setTimeout(r, 50));
    }
    expect(Date.now() - Date.parse(lastSignInAt ?? '')).toBeLessThan(10_000);
  });

  it('stops a credential-stuffing loop across accounts from one IP', async () => {
    const post = await pendingSignIn('stuffed');
    // No proxy is trusted by default: a forged X-Forwarded-For per attempt changes nothing.
    for (let i = 0; i < 5; i++) {
      const forged = { 'x-forwarded-for': `198.51.100.${i + 1}` };
      expect((await post(`victim${i}@example.com`, 'guess', forged)).status).toBe(401);
    }
    const blocked = await post('ada@example.com', PASSWORD);
    expect(blocked).toMatchObject({ status: 429, type: 'sign-in-throttled' });
    expect(Number(blocked.retryAfter)).toBeGreaterThan(0);
  });
});
