import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { type Answer, answerOf, pendingSignIn } from '../support/login-flow.js';
import { type ManagementClient, ManagementFixture } from '../support/management.js';
import { freePort } from '../support/ports.js';
import { type ReceivedMail, TestSmtpServer } from '../support/smtp-server.js';

/**
 * Email verification by the link in the sign-up mail (docs/sign-up.md#verification-by-link), black
 * box: the link comes from the mail a real SMTP listener received and is used without the
 * interaction's cookies (another device); only the browser that signed up is then signed in.
 */
const TENANT = 'signup-link';
const PASSWORD = 'a fine long password';
const LINK = /\/login\/verify-email\?token=([A-Za-z0-9_-]{43})/;

let db: TestDatabase;
let smtp: TestSmtpServer;
let api: LatchkeyProcess;
let fixture: ManagementFixture;
let admin: ManagementClient;
let app: { clientId: string; clientSecret: string };
let tenantId: string;
let redis: Redis;
const prefix = `signup-link-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  [db, smtp] = await Promise.all([createTestDatabase('sign_up_link'), TestSmtpServer.start()]);
  const port = await freePort();
  api = await LatchkeyProcess.startApi(
    {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      LATCHKEY_REDIS_PREFIX: prefix,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SMTP_URL: smtp.url,
      LATCHKEY_EMAIL_RETRY_DELAY_MS: '20',
    },
    port,
  );
  fixture = ManagementFixture.open(db.url, api.baseUrl);
  ({ id: tenantId, client: admin } = await fixture.tenantWithClient(TENANT));
  const created = await admin.request('POST', `/api/v1/tenants/${TENANT}/applications`, {
    name: 'App',
    type: 'web',
    redirectUris: ['https://app.example.com/cb'],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  app = created.body as typeof app;
  redis = new Redis(TEST_REDIS_URL, { keyPrefix: `${prefix}:` });
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

/** A sign-up of `email` waiting for its mail; the mail, its code and its link's token. */
async function signedUp(email: string, after = 0) {
  const flow = await pendingSignIn(api.baseUrl, TENANT, app);
  const answer = await flow.post('sign-up', { email, password: PASSWORD, givenName: 'Lin' });
  expect(answer).toMatchObject({ status: 200, body: { next: 'verify-email' } });
  return { flow, ...(await mailTo(email, after)) };
}

/** The verification mail number `after + 1` to `email`, with its code and link token. */
async function mailTo(email: string, after = 0) {
  const mail = (await smtp.waitFor(() => smtp.to(email)[after])) as ReceivedMail;
  return {
    mail,
    code: /^ {4}(\d{6})$/m.exec(mail.text)?.[1] as string,
    token: LINK.exec(mail.text)?.[1] as string,
  };
}

/** The link's API as the page another browser opened calls it: no cookies, no CSRF header. */
async function linkApi(action: 'check' | 'complete', body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${api.baseUrl}/t/${TENANT}/account/email-verification/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { ...(await answerOf(res)), setCookie: res.headers.getSetCookie() } as Answer & {
    setCookie: string[];
  };
}

describe('email verification by link', () => {
  it('mails a code and a link; the link verifies from anywhere; only the sign-up tab signs in', async () => {
    const email = 'link.user@example.com';
    const { flow, mail, code, token } = await signedUp(email);
    expect(code).toMatch(/^\d{6}$/);
    expect(token).toHaveLength(43);
    expect(mail.text).toContain(`${api.baseUrl}/t/${TENANT}/login/verify-email?token=${token}`);
    expect(mail.html).toContain(`href="${api.baseUrl}/t/${TENANT}/login/verify-email?token=${token}"`);
    expect(mail.text).toContain('The code and the link expire in 10 minutes.');

    // Not verified yet: this browser cannot skip the code.
    expect(await flow.post('sign-up/complete', {})).toMatchObject({
      status: 409,
      type: 'verification-incomplete',
    });
    expect((await flow.details()).verification).toMatchObject({ verified: false });

    const check = await linkApi('check', { token });
    expect(check).toMatchObject({ status: 200, body: { email: 'l•••r@example.com' } });
    const expiresIn = Date.parse(check.body.expiresAt as string) - Date.now();
    expect(expiresIn).toBeGreaterThan(9 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(10 * 60_000);

    const done = await linkApi('complete', { token });
    expect(done).toMatchObject({ status: 200, body: { status: 'email-verified' } });
    // Whoever opened the link is signed in nowhere.
    expect(done.setCookie).toEqual([]);
    const users = await admin.request(
      'GET',
      `/api/v1/tenants/${TENANT}/users?q=${encodeURIComponent(email)}`,
    );
    const [user] = (users.body as { data: Array<{ id: string; emailVerified: boolean }> }).data;
    expect(user).toMatchObject({ emailVerified: true });

    // Single use: the link and the code of that mail are spent.
    expect(await linkApi('complete', { token })).toMatchObject({
      status: 410,
      type: 'verification-link-used',
    });
    expect(await linkApi('check', { token })).toMatchObject({ status: 410, type: 'verification-link-used' });
    expect(await flow.post('verify-email', { code })).toMatchObject({
      status: 409,
      type: 'verification-not-pending',
    });
    expect(await flow.post('resend-code', {})).toMatchObject({
      status: 409,
      type: 'verification-not-pending',
    });

    // The tab that signed up sees it and goes on, without the code.
    expect((await flow.details()).verification).toMatchObject({ verified: true });
    const signedIn = await flow.post('sign-up/complete', {});
    expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
    const claims = (await flow.finish(signedIn.body.redirectTo as string)).claims();
    expect(claims).toMatchObject({ sub: user?.id, email, email_verified: true });
  });

  it('a newer mail voids the older link, as it voids the older code', async () => {
    const email = 'resend.link@example.com';
    const { flow, token: first } = await signedUp(email);
    await redis.del(`rl:signup:resend:${tenantId}:${flow.uid}`); // time passes for the resend throttle
    expect(await flow.post('resend-code', {})).toMatchObject({ status: 200 });
    const { token: second } = await mailTo(email, 1);
    expect(second).not.toBe(first);
    expect(await linkApi('complete', { token: first })).toMatchObject({
      status: 410,
      type: 'verification-link-expired',
    });
    expect(await linkApi('complete', { token: second })).toMatchObject({ status: 200 });
  });

  it('works as long as the code (10 minutes), then says expired', async () => {
    const { token } = await signedUp('late.link@example.com');
    // White box: ten minutes pass for the stored link (its record is keyed by the token's hash).
    const id = createHash('sha256').update(`email-verification:${token}`).digest('base64url');
    const key = `oidc:${tenantId}:EmailVerificationLink:${id}`;
    const stored = JSON.parse((await redis.hget(key, 'payload')) as string) as { expiresAt: number };
    await redis.hset(key, 'payload', JSON.stringify({ ...stored, expiresAt: Date.now() - 1 }));
    expect(await linkApi('check', { token })).toMatchObject({
      status: 410,
      type: 'verification-link-expired',
    });
    expect(await linkApi('complete', { token })).toMatchObject({
      status: 410,
      type: 'verification-link-expired',
    });
  });

  it('once the code verified the address, the link says so and creates nothing', async () => {
    const email = 'code.first@example.com';
    const { flow, code, token } = await signedUp(email);
    const verified = await flow.post('verify-email', { code });
    expect(verified.status).toBe(200);
    expect(await linkApi('complete', { token })).toMatchObject({
      status: 410,
      type: 'verification-link-used',
    });
    const users = await admin.request(
      'GET',
      `/api/v1/tenants/${TENANT}/users?q=${encodeURIComponent(email)}`,
    );
    expect((users.body as { data: unknown[] }).data).toHaveLength(1);
  });

  it('refuses unknown, malformed, cross-site and other-tenant link uses', async () => {
    const unknown = randomBytes(32).toString('base64url');
    expect(await linkApi('check', { token: unknown })).toMatchObject({
      status: 400,
      type: 'verification-link-invalid',
    });
    expect(await linkApi('complete', { token: 'short' })).toMatchObject({
      status: 400,
      type: 'validation-failed',
    });
    const { token } = await signedUp('cross.site@example.com');
    const foreign = await linkApi('complete', { token }, { origin: 'https://evil.example' });
    expect(foreign).toMatchObject({ status: 403, type: 'origin-rejected' });
    // Another tenant knows nothing of it (its store is keyed by tenant): the same answer as made up.
    await fixture.tenantWithClient(`${TENANT}-other`);
    const elsewhere = await fetch(`${api.baseUrl}/t/${TENANT}-other/account/email-verification/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(await answerOf(elsewhere)).toMatchObject({ status: 400, type: 'verification-link-invalid' });
    // Refused before anything happened: the link still works from the right page.
    expect(await linkApi('check', { token })).toMatchObject({ status: 200 });
  });

  it('mails no link for an address that already has an account (the owner gets a notice)', async () => {
    const email = 'taken@example.com';
    const made = await admin.request('POST', `/api/v1/tenants/${TENANT}/users`, { email });
    expect(made.status).toBe(201);
    const { mail, token } = await signedUp(email);
    expect(token).toBeUndefined();
    expect(mail.headers.subject).toContain('already have');
  });
});

describe('codes only (signUp.verificationLink: false)', () => {
  const setLinks = async (verificationLink: boolean) => {
    const patched = await admin.request('PATCH', `/api/v1/tenants/${TENANT}`, {
      settings: { signUp: { verificationLink } },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  };

  it('mails the code alone, stops links already mailed, and the code still signs up', async () => {
    const before = await signedUp('mailed.before@example.com');
    expect(before.token).toHaveLength(43);
    await setLinks(false);
    try {
      // A link mailed before the switch answers with what to do instead, and creates nothing.
      for (const action of ['check', 'complete'] as const) {
        expect(await linkApi(action, { token: before.token })).toMatchObject({
          status: 410,
          type: 'verification-link-disabled',
        });
      }
      // Its mail's code still works, in the browser that signed up.
      const verified = await before.flow.post('verify-email', { code: before.code });
      expect(verified.status, JSON.stringify(verified.body)).toBe(200);

      // A new sign-up gets a mail with no link, and the page is told not to mention one.
      const after = await signedUp('mailed.after@example.com');
      expect(after.code).toMatch(/^\d{6}$/);
      expect(after.token).toBeUndefined();
      expect(after.mail.text).not.toContain('verify-email?token=');
      expect(after.mail.html).not.toContain('verify-email?token=');
      expect(after.mail.text).toContain('The code expires in 10 minutes.');
      expect((await after.flow.details()).signUp).toMatchObject({ verificationLink: false });
      // A resend mails a new code, again without a link.
      await redis.del(`rl:signup:resend:${tenantId}:${after.flow.uid}`);
      expect(await after.flow.post('resend-code', {})).toMatchObject({ status: 200 });
      const resent = await mailTo('mailed.after@example.com', 1);
      expect(resent.code).toMatch(/^\d{6}$/);
      expect(resent.token).toBeUndefined();
    } finally {
      await setLinks(true);
    }
  });
});
