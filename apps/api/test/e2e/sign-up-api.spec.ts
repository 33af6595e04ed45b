import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { REDIRECT, pendingSignIn as sharedPendingSignIn } from '../support/login-flow.js';
import { type ManagementClient, ManagementFixture } from '../support/management.js';
import type { InteractionDetails } from '../support/oidc-browser.js';
import { freePort } from '../support/ports.js';
import { TestSmtpServer } from '../support/smtp-server.js';

/**
 * Self sign-up with email verification on the interaction API, black box: the code comes from the
 * mail a real SMTP listener received, and the tokens the sign-in ends with say who signed up. On
 * Redis (the full suite) and on PostgreSQL only (the zero-setup single-process mode: the happy path).
 */
const TIMING_TENANTS = ['timing-a', 'timing-b', 'timing-c'];
const PASSWORD = 'a fine long password';

type TDetails = InteractionDetails & {
  signUp: { enabled: boolean; requiredFields: string[]; passwordMinLength: number };
  verification?: { email: string; expiresAt: string; resendAvailableAt: string };
  expiresAt: string;
};

interface Setup {
  api: LatchkeyProcess;
  smtp: TestSmtpServer;
  fixture: ManagementFixture;
  tenants: Record<
    string,
    { id: string; client: ManagementClient; app: { clientId: string; clientSecret: string } }
  >;
}

async function startSetup(
  name: string,
  env: Record<string, string>,
  tenants: Record<string, Record<string, unknown>>,
): Promise<Setup & { db: TestDatabase }> {
  const [db, smtp] = await Promise.all([createTestDatabase(name), TestSmtpServer.start()]);
  const port = await freePort();
  const api = await LatchkeyProcess.startApi(
    {
      DATABASE_URL: db.url,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SMTP_URL: smtp.url,
      LATCHKEY_EMAIL_RETRY_DELAY_MS: '20',
      ...env,
    },
    port,
  );
  const fixture = ManagementFixture.open(db.url, api.baseUrl);
  const platform = await fixture.clientFor('system');
  const made: Setup['tenants'] = {};
  for (const [slug, settings] of Object.entries(tenants)) {
    const { id, client } = await fixture.tenantWithClient(slug);
    const patched = await platform.request('PATCH', `/api/v1/tenants/${slug}`, { settings });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const app = await client.request('POST', `/api/v1/tenants/${slug}/applications`, {
      name: 'App',
      type: 'web',
      redirectUris: [REDIRECT],
    });
    expect(app.status, JSON.stringify(app.body)).toBe(201);
    made[slug] = { id, client, app: app.body as { clientId: string; clientSecret: string } };
  }
  return { db, api, smtp, fixture, tenants: made };
}

/** A pending sign-in of `slug`'s app in a fresh scripted browser, and how to answer it. */
function pendingSignIn(setup: Setup, slug: string, extra: Record<string, string> = {}) {
  const { app } = setup.tenants[slug] as Setup['tenants'][string];
  return sharedPendingSignIn<TDetails>(setup.api.baseUrl, slug, app, extra);
}

/** The code of the newest verification mail to `to`, once it arrived (after `after` mails). */
async function codeFor(smtp: TestSmtpServer, to: string, after = 0): Promise<string> {
  const mail = await smtp.waitFor(() => {
    const mails = smtp.to(to).filter((m) => /^ {4}\d{6}$/m.test(m.text));
    return mails.length > after ? mails.at(-1) : undefined;
  });
  return /^ {4}(\d{6})$/m.exec(mail.text)?.[1] as string;
}

describe('sign-up with email verification, counters and codes on Redis', () => {
  let setup: Setup & { db: TestDatabase };
  let redis: Redis;
  const prefix = `signup-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    setup = await startSetup(
      'sign_up_redis',
      { REDIS_URL: TEST_REDIS_URL, LATCHKEY_REDIS_PREFIX: prefix },
      {
        open: { signUp: { enabled: true } },
        strict: {
          signUp: { enabled: true, requiredFields: ['givenName', 'username'] },
          passwordPolicy: { minLength: 16 },
        },
        closed: { signUp: { enabled: false } },
        ...Object.fromEntries(TIMING_TENANTS.map((slug) => [slug, { signUp: { enabled: true } }])),
      },
    );
    redis = new Redis(TEST_REDIS_URL, { keyPrefix: `${prefix}:` });
  }, 120_000);

  afterAll(async () => {
    await setup?.fixture.close();
    await setup?.api.stop();
    await setup?.smtp.close();
    await setup?.db.drop();
    if (redis) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys.map((k) => k.slice(prefix.length + 1)));
      await redis.quit();
    }
  });

  const tenantId = (slug: string) => (setup.tenants[slug] as Setup['tenants'][string]).id;
  /** Time passes for the resend throttle of one sign-up (white box: its counter goes). */
  const skipResendWait = (slug: string, uid: string) =>
    redis.del(`rl:signup:resend:${tenantId(slug)}:${uid}`);

  it('signs up: code from the mail → signed in, ID token with email_verified true', async () => {
    const email = 'new.user@example.com';
    const flow = await pendingSignIn(setup, 'open', { ui_locales: 'de' });
    const before = await flow.details();
    expect(before.signUp).toEqual({
      enabled: true,
      requiredFields: [],
      passwordMinLength: 12,
      verificationLink: true,
    });
    expect(before.verification).toBeUndefined();

    const answer = await flow.post('sign-up', {
      email: ' New.User@example.com ',
      password: PASSWORD,
      givenName: 'Nova',
      familyName: 'User',
    });
    expect(answer).toMatchObject({ status: 200, body: { next: 'verify-email' } });

    // A reload shows the code step, with the address masked.
    const waiting = await flow.details();
    expect(waiting.verification?.email).toBe('N•••r@example.com');
    const expiresIn = Date.parse(waiting.verification?.expiresAt ?? '') - Date.now();
    expect(expiresIn).toBeGreaterThan(9 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(10 * 60_000);

    // Nobody exists until the code is back.
    const admin = (setup.tenants.open as Setup['tenants'][string]).client;
    const none = await admin.request('GET', `/api/v1/tenants/open/users?q=${encodeURIComponent(email)}`);
    expect((none.body as { data: unknown[] }).data).toEqual([]);

    const mail = await setup.smtp.waitFor(() => setup.smtp.to('New.User@example.com')[0]);
    expect(mail.text).toContain('Bestätigen Sie Ihre E-Mail-Adresse');
    const code = await codeFor(setup.smtp, 'New.User@example.com');

    const verified = await flow.post('verify-email', { code });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    const tokens = await flow.finish(verified.body.redirectTo as string);
    const claims = tokens.claims();
    expect(claims).toMatchObject({
      email: 'New.User@example.com',
      email_verified: true,
      given_name: 'Nova',
      family_name: 'User',
    });

    const users = await admin.request('GET', `/api/v1/tenants/open/users?q=${encodeURIComponent(email)}`);
    const [user] = (users.body as { data: Array<{ id: string; emailVerified: boolean; locale: string }> })
      .data;
    expect(user).toMatchObject({ id: claims?.sub, emailVerified: true, locale: 'de' });
    const audit = await admin.request('GET', `/api/v1/tenants/open/audit-events?action=user.sign_up`);
    expect((audit.body as { data: Array<{ target: { id: string } }> }).data[0]?.target.id).toBe(user?.id);

    // The new password signs in like any other.
    const again = await pendingSignIn(setup, 'open');
    const login = await again.post('login', { identifier: email, password: PASSWORD });
    expect(login.status).toBe(200);
  });

  it('answers 403 sign-up-disabled where the tenant has sign-up off, and says so in the details', async () => {
    const flow = await pendingSignIn(setup, 'closed');
    expect((await flow.details()).signUp.enabled).toBe(false);
    const answer = await flow.post('sign-up', { email: 'someone@example.com', password: PASSWORD });
    expect(answer).toMatchObject({ status: 403, type: 'sign-up-disabled' });
    expect((await flow.post('verify-email', { code: '123456' })).type).toBe('sign-up-disabled');
  });

  it("names the missing and invalid fields (400) by the tenant's rules", async () => {
    const flow = await pendingSignIn(setup, 'strict');
    expect((await flow.details()).signUp).toEqual({
      enabled: true,
      requiredFields: ['givenName', 'username'],
      passwordMinLength: 16,
      verificationLink: true,
    });
    const answer = await flow.post('sign-up', {
      email: 'not an email',
      password: 'fifteen chars!!',
      familyName: 'Only',
      phone: '12345',
    });
    expect(answer).toMatchObject({ status: 400, type: 'validation-failed' });
    const paths = (answer.body.errors as Array<{ path: string }>).map((e) => e.path).sort();
    expect(paths).toEqual(['email', 'givenName', 'password', 'phone', 'username']);

    const ok = await flow.post('sign-up', {
      email: 'strict@example.com',
      password: 'sixteen chars!!!',
      givenName: 'Stri',
      username: 'strict_user',
    });
    expect(ok).toMatchObject({ status: 200, body: { next: 'verify-email' } });
  });

  it('answers an existing email exactly like a new one; its owner gets a notice, not a code', async () => {
    const admin = (setup.tenants.open as Setup['tenants'][string]).client;
    const created = await admin.request('POST', '/api/v1/tenants/open/users', {
      email: 'owner@example.com',
      password: 'the owner password',
      locale: 'fr',
    });
    expect(created.status).toBe(201);

    const sequence = async (email: string) => {
      const flow = await pendingSignIn(setup, 'open');
      const signUp = await flow.post('sign-up', { email, password: PASSWORD });
      const details = await flow.details();
      const wrong = await flow.post('verify-email', { code: '000000' });
      const resend = await flow.post('resend-code', {});
      return {
        signUp: [signUp.status, signUp.body],
        verification: details.verification?.email,
        wrong: [wrong.status, wrong.type],
        resend: [resend.status, resend.type, resend.retryAfter !== null],
      };
    };
    const [known, unknown] = await Promise.all([
      sequence('Owner@Example.com'),
      sequence('stranger@example.com'),
    ]);
    expect(known.signUp).toEqual([200, { next: 'verify-email' }]);
    expect(unknown.signUp).toEqual(known.signUp);
    expect(known.wrong).toEqual([400, 'verification-code-invalid']);
    expect(unknown.wrong).toEqual(known.wrong);
    expect(known.resend).toEqual([429, 'verification-resend-throttled', true]);
    expect(unknown.resend).toEqual(known.resend);
    expect(known.verification).toBe('O•••r@Example.com');
    expect(unknown.verification).toBe('s•••r@example.com');

    const notice = await setup.smtp.waitFor(() => setup.smtp.to('owner@example.com')[0]);
    expect(notice.text).toContain('Vous avez déjà un compte');
    expect(notice.text).not.toMatch(/\d{6}/);
    await codeFor(setup.smtp, 'stranger@example.com');
    // The owner's account is as it was: one notice, still their password.
    expect(setup.smtp.to('owner@example.com')).toHaveLength(1);
    const login = await (await pendingSignIn(setup, 'open')).post('login', {
      identifier: 'owner@example.com',
      password: 'the owner password',
    });
    expect(login.status).toBe(200);
  });

  it('takes as long for an existing email as for a new one (medians within 20 %)', async () => {
    // Three tenants: each allows 20 sign-ups per IP and hour, and each owner 10 mails.
    const samples = { known: [] as number[], unknown: [] as number[] };
    for (const slug of TIMING_TENANTS) {
      const admin = (setup.tenants[slug] as Setup['tenants'][string]).client;
      const owner = await admin.request('POST', `/api/v1/tenants/${slug}/users`, {
        email: 'timed-owner@example.com',
        password: 'the owner password',
      });
      expect(owner.status).toBe(201);
      const known = await pendingSignIn(setup, slug);
      const unknown = await pendingSignIn(setup, slug);
      const time = async (flow: typeof known, email: string) => {
        const started = performance.now();
        const answer = await flow.post('sign-up', { email, password: PASSWORD });
        expect(answer.status).toBe(200);
        return performance.now() - started;
      };
      // Two warm-ups each (the first sign-ups of a tenant load and compile what later ones reuse;
      // the owner's ten mails and the IP's twenty sign-ups an hour allow no more), then interleaved
      // samples, so machine noise hits both alike.
      for (const warm of ['w1', 'w2']) {
        await time(known, 'timed-owner@example.com');
        await time(unknown, `timed-${warm}@example.com`);
      }
      // Back-to-back pairs, alternating which goes first: a busy moment slows both sides of a pair.
      for (let i = 1; i <= 8; i++) {
        if (i % 2 === 0) {
          samples.known.push(await time(known, 'timed-owner@example.com'));
          samples.unknown.push(await time(unknown, `timed-${i}@example.com`));
        } else {
          samples.unknown.push(await time(unknown, `timed-${i}@example.com`));
          samples.known.push(await time(known, 'timed-owner@example.com'));
        }
      }
    }
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const middle = Math.floor(sorted.length / 2);
      return sorted.length % 2
        ? (sorted[middle] as number)
        : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
    };
    // Compared within pairs (the median of the per-pair ratios), not group against group.
    const ratio = Math.exp(median(samples.known.map((k, i) => Math.log(k / (samples.unknown[i] as number)))));
    const difference = Math.abs(1 - Math.min(ratio, 1 / ratio));
    expect(difference, JSON.stringify({ ratio, samples })).toBeLessThan(0.2);
  });

  it('never completes a sign-up for an existing email, whatever code is tried', async () => {
    const flow = await pendingSignIn(setup, 'open');
    await flow.post('sign-up', { email: 'owner@example.com', password: PASSWORD });
    // The only code that could work would be in a mail, and none was sent.
    const answers = new Set<string>();
    for (const code of ['123456', '654321'])
      answers.add(String((await flow.post('verify-email', { code })).type));
    expect([...answers]).toEqual(['verification-code-invalid']);
  });

  it('voids a code after five wrong ones; a new code then works', async () => {
    const email = 'guesser@example.com';
    const flow = await pendingSignIn(setup, 'open');
    await flow.post('sign-up', { email, password: PASSWORD });
    const code = await codeFor(setup.smtp, email);
    const wrong = code === '111111' ? '222222' : '111111';
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) seen.push(String((await flow.post('verify-email', { code: wrong })).type));
    expect(seen).toEqual([...Array(4).fill('verification-code-invalid'), 'verification-code-void']);
    // Void means void: the right code no longer works either.
    expect(await flow.post('verify-email', { code })).toMatchObject({
      status: 400,
      type: 'verification-code-void',
    });

    await skipResendWait('open', flow.uid);
    expect((await flow.post('resend-code', {})).body).toEqual({ next: 'verify-email' });
    const fresh = await codeFor(setup.smtp, email, 1);
    const done = await flow.post('verify-email', { code: fresh });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    // Single use: the sign-up is over, the same code cannot be replayed.
    expect(await flow.post('verify-email', { code: fresh })).toMatchObject({
      status: 409,
      type: 'verification-not-pending',
    });
  });

  it('refuses an expired code; a resent one works, and the old one stops', async () => {
    const email = 'slowpoke@example.com';
    const flow = await pendingSignIn(setup, 'open');
    await flow.post('sign-up', { email, password: PASSWORD });
    const code = await codeFor(setup.smtp, email);
    // Ten minutes pass (white box: the pending sign-up's code expiry moves into the past).
    const key = `oidc:${tenantId('open')}:EmailVerification:${flow.uid}`;
    const payload = JSON.parse((await redis.hget(key, 'payload')) as string) as Record<string, unknown>;
    await redis.hset(key, 'payload', JSON.stringify({ ...payload, codeExpiresAt: Date.now() - 1000 }));
    expect(await flow.post('verify-email', { code })).toMatchObject({
      status: 400,
      type: 'verification-code-expired',
    });

    await skipResendWait('open', flow.uid);
    await flow.post('resend-code', {});
    const fresh = await codeFor(setup.smtp, email, 1);
    if (fresh !== code) {
      expect((await flow.post('verify-email', { code })).type).toBe('verification-code-invalid');
    }
    expect((await flow.post('verify-email', { code: fresh })).status).toBe(200);
  });

  it('throttles resending (429, Retry-After) and wants a sign-up first', async () => {
    const flow = await pendingSignIn(setup, 'open');
    expect(await flow.post('resend-code', {})).toMatchObject({
      status: 409,
      type: 'verification-not-pending',
    });
    expect(await flow.post('verify-email', { code: '123456' })).toMatchObject({
      status: 409,
      type: 'verification-not-pending',
    });
    await flow.post('sign-up', { email: 'impatient@example.com', password: PASSWORD });
    await codeFor(setup.smtp, 'impatient@example.com');
    const soon = await flow.post('resend-code', {});
    expect(soon).toMatchObject({ status: 429, type: 'verification-resend-throttled' });
    expect(Number(soon.retryAfter)).toBeGreaterThan(20);
    expect(Number(soon.retryAfter)).toBeLessThanOrEqual(30);
    const details = await flow.details();
    expect(Date.parse(details.verification?.resendAvailableAt ?? '')).toBeGreaterThan(Date.now() + 20_000);
    // No second mail went out.
    expect(setup.smtp.to('impatient@example.com')).toHaveLength(1);
  });

  it('counts attempts per IP before checking anything costly, valid or not', async () => {
    const flow = await pendingSignIn(setup, 'open');
    // White box: this IP has used up its attempts for the hour (both ways the API may see it).
    const keys = ['127.0.0.1', '::ffff:127.0.0.1'].map((ip) => `rl:signup:try:${tenantId('open')}:${ip}`);
    for (const key of keys) await redis.set(key, '200', 'EX', 3600);
    try {
      const weak = await flow.post('sign-up', { email: 'someone@example.com', password: 'password' });
      expect(weak).toMatchObject({
        status: 429,
        body: { type: expect.stringMatching(/sign-up-throttled$/) },
      });
    } finally {
      await redis.del(...keys);
    }
  });

  it('checks the CSRF token and the step', async () => {
    const flow = await pendingSignIn(setup, 'open');
    const res = await flow.browser.postJson(`${flow.interactionUrl.href}/sign-up`, {
      email: 'csrf@example.com',
      password: PASSWORD,
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { type: string }).type).toMatch(/csrf-token-invalid$/);
  });

  it("keeps tenants apart: another tenant's interaction cannot be signed up or verified here", async () => {
    const flow = await pendingSignIn(setup, 'open');
    await flow.post('sign-up', { email: 'crossing@example.com', password: PASSWORD });
    const code = await codeFor(setup.smtp, 'crossing@example.com');
    // The same uid, cookies and CSRF token under another tenant's issuer. (Sent by hand: the scripted
    // browser's jar ignores cookie paths, and must not take that tenant's answer for this one's.)
    const elsewhere = flow.interactionUrl.href.replace('/t/open/', '/t/strict/');
    const { csrfToken } = await flow.details();
    const send = (action: string, body: unknown) =>
      fetch(`${elsewhere}/${action}`, {
        method: action === 'details' ? 'GET' : 'POST',
        headers: {
          cookie: flow.browser.jar.header(),
          'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    for (const [action, body] of [
      ['sign-up', { email: 'crossing@example.com', password: PASSWORD }],
      ['verify-email', { code }],
      ['resend-code', {}],
      ['details', undefined],
    ] as const) {
      const res = await send(action, body);
      expect(res.status, action).toBe(410);
      expect(((await res.json()) as { type: string }).type).toMatch(/interaction-expired$/);
    }
    // Nothing was created in the other tenant; the sign-up still completes where it started.
    const strict = (setup.tenants.strict as Setup['tenants'][string]).client;
    const users = await strict.request('GET', '/api/v1/tenants/strict/users?q=crossing');
    expect((users.body as { data: unknown[] }).data).toEqual([]);
    expect((await flow.post('verify-email', { code })).status).toBe(200);
  });
});

describe('sign-up on PostgreSQL only (zero-setup mode)', () => {
  let setup: Setup & { db: TestDatabase };

  beforeAll(async () => {
    setup = await startSetup('sign_up_pg', {}, { solo: { signUp: { enabled: true } } });
  }, 120_000);

  afterAll(async () => {
    await setup?.fixture.close();
    await setup?.api.stop();
    await setup?.smtp.close();
    await setup?.db.drop();
  });

  it('keeps the pending sign-up and its counters in PostgreSQL', async () => {
    const flow = await pendingSignIn(setup, 'solo');
    expect((await flow.post('sign-up', { email: 'pg@example.com', password: PASSWORD })).status).toBe(200);
    expect((await flow.details()).verification?.email).toBe('p•••@example.com');
    const code = await codeFor(setup.smtp, 'pg@example.com');
    expect((await flow.post('resend-code', {})).status).toBe(429);
    const wrong = code === '999999' ? '888888' : '999999';
    expect((await flow.post('verify-email', { code: wrong })).type).toBe('verification-code-invalid');
    const done = await flow.post('verify-email', { code });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const claims = (await flow.finish(done.body.redirectTo as string)).claims();
    expect(claims).toMatchObject({ email: 'pg@example.com', email_verified: true });
  });
});
