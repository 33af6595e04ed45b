import { createHash, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { answerOf, pendingSignIn, REDIRECT } from '../support/login-flow.js';
import { type ManagementClient, ManagementFixture } from '../support/management.js';
import { freePort } from '../support/ports.js';
import { TestSmtpServer } from '../support/smtp-server.js';

/**
 * Forgot password by a mailed link and passwordless sign-in by a mailed code, black box: links and
 * codes come from the mails a real SMTP listener received. Known and unknown addresses must get the
 * same answers (and, for reset, the same time within 20 %).
 */
const PASSWORD = 'the first password';
const NEW_PASSWORD = 'a brand new password';
const LINK = /https?:\/\/\S+\/login\/reset\?token=([A-Za-z0-9_-]{43})/;
const CODE = /^ {4}(\d{6})$/m;

let db: TestDatabase;
let api: LatchkeyProcess;
let smtp: TestSmtpServer;
let fixture: ManagementFixture;
let redis: Redis;
const prefix = `recover-${randomUUID().slice(0, 8)}`;
const tenants: Record<
  string,
  { id: string; client: ManagementClient; app: { clientId: string; clientSecret: string } }
> = {};

beforeAll(async () => {
  [db, smtp] = await Promise.all([createTestDatabase('password_reset'), TestSmtpServer.start()]);
  const port = await freePort();
  api = await LatchkeyProcess.startApi(
    {
      DATABASE_URL: db.url,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SMTP_URL: smtp.url,
      LATCHKEY_EMAIL_RETRY_DELAY_MS: '20',
      REDIS_URL: TEST_REDIS_URL,
      LATCHKEY_REDIS_PREFIX: prefix,
    },
    port,
  );
  redis = new Redis(TEST_REDIS_URL, { keyPrefix: `${prefix}:` });
  fixture = ManagementFixture.open(db.url, api.baseUrl);
  const platform = await fixture.clientFor('system');
  const settings: Record<string, Record<string, unknown>> = {
    recover: { signInProtection: { throttleAfter: 5, lockAfter: 6 } },
    nocode: { passwordless: { emailCode: false } },
    timing: {},
  };
  for (const [slug, patch] of Object.entries(settings)) {
    const { id, client } = await fixture.tenantWithClient(slug);
    const patched = await platform.request('PATCH', `/api/v1/tenants/${slug}`, { settings: patch });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const app = await client.request('POST', `/api/v1/tenants/${slug}/applications`, {
      name: 'App',
      type: 'web',
      redirectUris: [REDIRECT],
    });
    expect(app.status).toBe(201);
    tenants[slug] = { id, client, app: app.body as { clientId: string; clientSecret: string } };
  }
}, 120_000);

afterAll(async () => {
  await fixture?.close();
  await api?.stop();
  await smtp?.close();
  await db?.drop();
  if (redis) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys.map((k) => k.slice(prefix.length + 1)));
    await redis.quit();
  }
});

const tenant = (slug: string) => tenants[slug] as (typeof tenants)[string];
const flowIn = (slug: string) => pendingSignIn(api.baseUrl, slug, tenant(slug).app);

async function createUser(slug: string, email: string, extra: Record<string, unknown> = {}) {
  const res = await tenant(slug).client.request('POST', `/api/v1/tenants/${slug}/users`, {
    email,
    password: PASSWORD,
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; emailVerified: boolean };
}

/** The token of the newest reset mail to `to`, once more than `after` arrived. */
async function tokenFor(to: string, after = 0): Promise<string> {
  const mail = await smtp.waitFor(() => {
    const mails = smtp.to(to).filter((m) => LINK.test(m.text));
    return mails.length > after ? mails.at(-1) : undefined;
  });
  return LINK.exec(mail.text)?.[1] as string;
}

async function codeFor(to: string, after = 0): Promise<string> {
  const mail = await smtp.waitFor(() => {
    const mails = smtp.to(to).filter((m) => CODE.test(m.text));
    return mails.length > after ? mails.at(-1) : undefined;
  });
  return CODE.exec(mail.text)?.[1] as string;
}

const resetApi = async (slug: string, action: 'check' | 'complete', body: unknown, headers = {}) =>
  answerOf(
    await fetch(`${api.baseUrl}/t/${slug}/account/password-reset/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }),
  );

const signIn = async (slug: string, identifier: string, password: string) =>
  (await flowIn(slug)).post('login', { identifier, password });

describe('password reset by a mailed link', () => {
  it('mails a link; the new password works, the old does not, sessions end, the link is spent', async () => {
    const email = 'forgetful@example.com';
    const user = await createUser('recover', email);
    // An SSO session to be ended by the reset.
    const before = await flowIn('recover');
    const login = await before.post('login', { identifier: email, password: PASSWORD });
    expect(login.status).toBe(200);
    await before.finish(login.body.redirectTo as string);
    const admin = tenant('recover').client;
    const sessions = async () =>
      (
        (await admin.request('GET', `/api/v1/tenants/recover/users/${user.id}/sessions`)).body as {
          data: unknown[];
        }
      ).data;
    expect(await sessions()).toHaveLength(1);

    const flow = await flowIn('recover');
    expect(await flow.post('password-reset', { email: 'Forgetful@Example.com' })).toMatchObject({
      status: 200,
      body: { next: 'check-email' },
    });
    const mail = await smtp.waitFor(() => smtp.to(email).find((m) => LINK.test(m.text)));
    expect(mail.text).toContain(`${api.baseUrl}/t/recover/login/reset?token=`);
    const token = await tokenFor(email);

    const check = await resetApi('recover', 'check', { token });
    expect(check.status, JSON.stringify(check.body)).toBe(200);
    expect(check.body).toMatchObject({ email: 'f•••l@example.com', passwordMinLength: 12 });
    const expiresIn = Date.parse(String(check.body.expiresAt)) - Date.now();
    expect(expiresIn).toBeGreaterThan(29 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(30 * 60_000);

    expect(await resetApi('recover', 'complete', { token, password: 'short' })).toMatchObject({
      status: 400,
      type: 'validation-failed',
    });
    const done = await resetApi('recover', 'complete', { token, password: NEW_PASSWORD });
    expect(done, JSON.stringify(done.body)).toMatchObject({
      status: 200,
      body: { status: 'password-changed' },
    });

    expect(await sessions()).toEqual([]);
    expect((await signIn('recover', email, PASSWORD)).status).toBe(401);
    expect((await signIn('recover', email, NEW_PASSWORD)).status).toBe(200);
    // Single use: the page and the API both say so.
    expect(await resetApi('recover', 'complete', { token, password: 'yet another password' })).toMatchObject({
      status: 410,
      type: 'password-reset-token-used',
    });
    expect((await resetApi('recover', 'check', { token })).type).toBe('password-reset-token-used');
    const audit = await admin.request(
      'GET',
      '/api/v1/tenants/recover/audit-events?action=user.password_reset',
    );
    expect((audit.body as { data: Array<{ target: { id: string } }> }).data[0]?.target.id).toBe(user.id);
  });

  it('answers unknown and suspended addresses exactly like known ones, and mails only the known', async () => {
    await createUser('recover', 'known@example.com');
    const suspended = await createUser('recover', 'suspended@example.com');
    const patched = await tenant('recover').client.request(
      'PATCH',
      `/api/v1/tenants/recover/users/${suspended.id}`,
      { status: 'suspended' },
    );
    expect(patched.status).toBe(200);
    const answers = await Promise.all(
      ['known@example.com', 'nobody@example.com', 'suspended@example.com'].map(async (email) => {
        const a = await (await flowIn('recover')).post('password-reset', { email });
        return [a.status, a.body];
      }),
    );
    expect(answers).toEqual(Array(3).fill([200, { next: 'check-email' }]));
    await tokenFor('known@example.com');
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.to('nobody@example.com')).toEqual([]);
    expect(smtp.to('suspended@example.com')).toEqual([]);
  });

  it('refuses an expired link and a made-up one; a newer link still works', async () => {
    const email = 'tardy@example.com';
    await createUser('recover', email);
    await (await flowIn('recover')).post('password-reset', { email });
    const first = await tokenFor(email);
    await (await flowIn('recover')).post('password-reset', { email });
    const second = await tokenFor(email, 1);
    // Thirty minutes pass for the first link (white box: its record, under the token's SHA-256).
    const id = createHash('sha256').update(`password-reset:${first}`).digest('base64url');
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query(
        `UPDATE oidc_payloads SET payload = jsonb_set(payload::jsonb, '{expiresAt}', to_jsonb($1::bigint))
          WHERE tenant_id = $2 AND model = 'PasswordResetToken' AND id = $3`,
        [Date.now() - 1000, tenant('recover').id, id],
      );
    } finally {
      await client.end();
    }
    expect(await resetApi('recover', 'check', { token: first })).toMatchObject({
      status: 410,
      type: 'password-reset-token-expired',
    });
    expect((await resetApi('recover', 'complete', { token: first, password: NEW_PASSWORD })).type).toBe(
      'password-reset-token-expired',
    );
    const madeUp = 'A'.repeat(43);
    expect(await resetApi('recover', 'check', { token: madeUp })).toMatchObject({
      status: 400,
      type: 'password-reset-token-invalid',
    });
    expect((await resetApi('recover', 'check', { token: 'short' })).type).toBe('validation-failed');
    // The second link works; then any other outstanding link is void.
    expect((await resetApi('recover', 'complete', { token: second, password: NEW_PASSWORD })).status).toBe(
      200,
    );
  });

  it('is bound to its tenant, refuses other origins and non-JSON bodies', async () => {
    const email = 'bound@example.com';
    await createUser('recover', email);
    await (await flowIn('recover')).post('password-reset', { email });
    const token = await tokenFor(email);
    expect((await resetApi('timing', 'check', { token })).type).toBe('password-reset-token-invalid');
    expect(
      await resetApi(
        'recover',
        'complete',
        { token, password: NEW_PASSWORD },
        { origin: 'https://evil.example' },
      ),
    ).toMatchObject({ status: 403, type: 'origin-rejected' });
    const form = await fetch(`${api.baseUrl}/t/recover/account/password-reset/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${token}&password=x`,
    });
    expect(form.status).toBe(415);
    // Still unused: the same-origin call goes through.
    const ok = await resetApi(
      'recover',
      'complete',
      { token, password: NEW_PASSWORD },
      { origin: new URL(api.baseUrl).origin },
    );
    expect(ok.status).toBe(200);
  });

  it('lifts a lockout: the new password signs in at once', async () => {
    const email = 'locked@example.com';
    await createUser('recover', email);
    for (let i = 0; i < 5; i++) expect((await signIn('recover', email, 'wrong password!')).status).toBe(401);
    await new Promise((r) => setTimeout(r, 1100));
    await signIn('recover', email, 'wrong password!');
    expect((await signIn('recover', email, PASSWORD)).type).toBe('account-locked');
    await (await flowIn('recover')).post('password-reset', { email });
    const token = await tokenFor(email);
    expect((await resetApi('recover', 'complete', { token, password: NEW_PASSWORD })).status).toBe(200);
    expect((await signIn('recover', email, NEW_PASSWORD)).status).toBe(200);
  });

  it('takes as long for an unknown address as for a known one (medians within 20 %)', async () => {
    await createUser('timing', 'timed@example.com');
    const known = await pendingSignIn(api.baseUrl, 'timing', tenant('timing').app);
    const unknown = await pendingSignIn(api.baseUrl, 'timing', tenant('timing').app);
    const time = async (flow: typeof known, email: string) => {
      const started = performance.now();
      const answer = await flow.post('password-reset', { email });
      expect(answer.status).toBe(200);
      return performance.now() - started;
    };
    const samples = { known: [] as number[], unknown: [] as number[] };
    await time(known, 'timed@example.com');
    await time(unknown, 'untimed-0@example.com');
    for (let i = 1; i <= 8; i++) {
      samples.known.push(await time(known, 'timed@example.com'));
      samples.unknown.push(await time(unknown, `untimed-${i}@example.com`));
    }
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return ((sorted[3] as number) + (sorted[4] as number)) / 2;
    };
    const [k, u] = [median(samples.known), median(samples.unknown)];
    expect(Math.abs(k - u) / Math.max(k, u), JSON.stringify({ k, u, samples })).toBeLessThan(0.2);
  });
});

describe('passwordless sign-in by a mailed code', () => {
  it('signs in with the code from the mail; the ID token says the email is verified', async () => {
    const email = 'codey@example.com';
    const user = await createUser('recover', email);
    expect(user.emailVerified).toBe(false);
    const flow = await flowIn('recover');
    const before = await flow.details();
    expect(before.passwordless).toEqual({ emailCode: true });
    expect(await flow.post('email-code', { email })).toMatchObject({
      status: 200,
      body: { next: 'email-code' },
    });
    const waiting = (await flow.details()).emailCode as { email: string; expiresAt: string };
    expect(waiting.email).toBe('c•••y@example.com');
    const code = await codeFor(email);
    const done = await flow.post('email-code/verify', { code });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const claims = (await flow.finish(done.body.redirectTo as string)).claims();
    expect(claims).toMatchObject({ sub: user.id, email, email_verified: true });
    // The code is spent with the sign-in.
    expect((await flow.post('email-code/verify', { code })).status).toBeGreaterThanOrEqual(400);
  });

  it('answers unknown addresses like known ones; five wrong codes void the code', async () => {
    await createUser('recover', 'guessed@example.com');
    const sequence = async (email: string) => {
      const flow = await flowIn('recover');
      const start = await flow.post('email-code', { email });
      const masked = ((await flow.details()).emailCode as { email: string }).email;
      const wrong: string[] = [];
      for (let i = 0; i < 5; i++)
        wrong.push(String((await flow.post('email-code/verify', { code: '000000' })).type));
      const resend = await flow.post('email-code/resend', {});
      return { flow, start: [start.status, start.body], masked, wrong, resend: [resend.status, resend.type] };
    };
    const [known, unknown] = await Promise.all([
      sequence('guessed@example.com'),
      sequence('ghost@example.com'),
    ]);
    expect(known.start).toEqual([200, { next: 'email-code' }]);
    expect(unknown.start).toEqual(known.start);
    expect(known.wrong).toEqual([...Array(4).fill('verification-code-invalid'), 'verification-code-void']);
    expect(unknown.wrong).toEqual(known.wrong);
    expect(known.resend).toEqual([429, 'verification-resend-throttled']);
    expect(unknown.resend).toEqual(known.resend);
    expect([known.masked, unknown.masked]).toEqual(['g•••d@example.com', 'g•••t@example.com']);
    const code = await codeFor('guessed@example.com');
    if (code !== '000000') {
      expect((await known.flow.post('email-code/verify', { code })).type).toBe('verification-code-void');
    }
    expect(smtp.to('ghost@example.com')).toEqual([]);
  });

  it('is refused where the tenant turned it off', async () => {
    const flow = await pendingSignIn(api.baseUrl, 'nocode', tenant('nocode').app);
    expect((await flow.details()).passwordless).toEqual({ emailCode: false });
    expect(await flow.post('email-code', { email: 'any@example.com' })).toMatchObject({
      status: 403,
      type: 'email-code-disabled',
    });
  });
});
