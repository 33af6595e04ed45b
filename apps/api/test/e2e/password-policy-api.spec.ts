import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { answerOf, pendingSignIn, REDIRECT } from '../support/login-flow.js';
import {
  type ApiResponse,
  type ManagementClient,
  ManagementFixture,
  problemCode,
  problemOf,
} from '../support/management.js';
import { freePort } from '../support/ports.js';
import { TestSmtpServer } from '../support/smtp-server.js';

/**
 * The tenant password policy (docs/passwords.md), black box: strength by zxcvbn with the user's own
 * facts, no reuse of the last N passwords, the same error codes on the management API, sign-up and
 * reset; and the transparent rehash when a deployment changes its argon2id parameters.
 */
const FIRST = 'the first password';
const SECOND = 'a brand new password';
const THIRD = 'yet another password';
const FOURTH = 'an unrelated passphrase';
/** zxcvbn: "similar to a commonly used password". */
const COMMON = 'sunflower1990';
/** Strong for anyone but Quentin Zorblatt. */
const PERSONAL = 'quentinzorblatt';

let db: TestDatabase;
let smtp: TestSmtpServer;
let api: LatchkeyProcess;
let fixture: ManagementFixture;
let platform: ManagementClient;

beforeAll(async () => {
  [db, smtp] = await Promise.all([createTestDatabase('password_policy'), TestSmtpServer.start()]);
  const port = await freePort();
  api = await LatchkeyProcess.startApi(apiEnv(port), port);
  fixture = ManagementFixture.open(db.url, api.baseUrl);
  platform = await fixture.clientFor('system');
}, 120_000);

afterAll(async () => {
  await fixture?.close();
  await api?.stop();
  await smtp?.close();
  await db?.drop();
});

function apiEnv(port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: db.url,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    SMTP_URL: smtp.url,
    LATCHKEY_EMAIL_RETRY_DELAY_MS: '20',
    ...extra,
  };
}

/** A tenant with its own policy, a management client and a web app for sign-ins. */
async function tenantWith(slug: string, passwordPolicy: Record<string, number>) {
  const { id, client } = await fixture.tenantWithClient(slug);
  const patched = await platform.request('PATCH', `/api/v1/tenants/${slug}`, {
    settings: { passwordPolicy },
  });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  const app = await client.request('POST', `/api/v1/tenants/${slug}/applications`, {
    name: 'App',
    type: 'web',
    redirectUris: [REDIRECT],
  });
  expect(app.status).toBe(201);
  const users = `/api/v1/tenants/${slug}/users`;
  return {
    id,
    slug,
    client,
    app: app.body as { clientId: string; clientSecret: string },
    users,
    create: async (body: Record<string, unknown>) => {
      const res = await client.request('POST', users, body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return (res.body as { id: string }).id;
    },
    setPassword: (userId: string, password: string | null) =>
      client.request('PATCH', `${users}/${userId}`, { password }),
    storedHash: async (userId: string) =>
      (await fixture.prisma.user.findFirstOrThrow({ where: { tenantId: id, id: userId } })).passwordHash,
    history: (userId: string) => fixture.prisma.passwordHistory.count({ where: { tenantId: id, userId } }),
  };
}

/** The one field error of a refused password: path, code and (for weakness) zxcvbn's hints. */
function passwordProblem(res: ApiResponse) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(problemCode(res)).toBe('validation-failed');
  const errors = problemOf(res).errors ?? [];
  expect(errors.map((e) => e.path)).toEqual(['password']);
  return errors[0] as { code: string; message: string; hints?: string[] };
}

describe('strength (zxcvbn) on the management API', () => {
  it('refuses a common password and one built from the user, with feedback keys; 400, never 500', async () => {
    const t = await tenantWith('strength-api', { minStrength: 3 });
    const common = passwordProblem(
      await t.client.request('POST', t.users, { email: 'ann@example.com', password: COMMON }),
    );
    expect(common).toMatchObject({ code: 'password_too_weak' });
    expect(common.hints?.[0]).toBe('warnings.similarToCommon');
    expect(common.message).toMatch(/^is too easy to guess \(strength \d of 4, at least 3 needed\): /);

    const personal = passwordProblem(
      await t.client.request('POST', t.users, {
        email: 'quentin.zorblatt@example.com',
        givenName: 'Quentin',
        password: PERSONAL,
      }),
    );
    expect(personal).toMatchObject({ code: 'password_too_weak' });
    expect(personal.hints?.[0]).toBe('warnings.userInputs');
    // The same password is fine for someone whose name it is not.
    const ann = await t.create({ email: 'ann@example.com', password: PERSONAL });

    // A PATCH is judged with the stored profile too: Ann cannot take a password made of her name.
    const renamed = await t.client.request('PATCH', `${t.users}/${ann}`, { familyName: 'Zorblatt' });
    expect(renamed.status).toBe(200);
    expect(passwordProblem(await t.setPassword(ann, 'Zorblatt2024!')).code).toBe('password_too_weak');
    expect((await t.setPassword(ann, FIRST)).status).toBe(200);
    // Still the contract's floor first, and the tenant's length before strength.
    expect(passwordProblem(await t.setPassword(ann, 'short')).code).toBe('too_small');
    expect(passwordProblem(await t.setPassword(ann, 'abcdefghijk')).code).toBe('too_small');
  });

  it("is off at minStrength 0: then only the tenant's length applies", async () => {
    const t = await tenantWith('strength-off', { minStrength: 0, minLength: 10 });
    await t.create({ email: 'weak@example.com', password: 'abcdefghij' });
  });
});

describe('history (no reuse of the last N passwords)', () => {
  it('refuses the current and the last N-1 passwords, keeps only those, and counts removals', async () => {
    const t = await tenantWith('history-api', { historySize: 3 });
    const user = await t.create({ email: 'hist@example.com', password: FIRST });
    expect(await t.history(user)).toBe(0);

    const reused = passwordProblem(await t.setPassword(user, FIRST));
    expect(reused).toEqual({
      path: 'password',
      code: 'password_reused',
      message: 'must not be the current password or one of the 2 before it',
    });
    expect((await t.setPassword(user, SECOND)).status).toBe(200);
    expect((await t.setPassword(user, THIRD)).status).toBe(200);
    // FIRST is two back, SECOND one back: both refused.
    expect(passwordProblem(await t.setPassword(user, FIRST)).code).toBe('password_reused');
    expect(passwordProblem(await t.setPassword(user, SECOND)).code).toBe('password_reused');
    expect(await t.history(user)).toBe(2);
    expect((await t.setPassword(user, FOURTH)).status).toBe(200);
    // FIRST is now the fourth password back: allowed again, and never more than N-1 kept.
    expect(await t.history(user)).toBe(2);
    expect((await t.setPassword(user, FIRST)).status).toBe(200);

    // Removing the password keeps it in the history: it cannot come straight back.
    expect((await t.setPassword(user, null)).status).toBe(200);
    expect(await t.storedHash(user)).toBeNull();
    expect(passwordProblem(await t.setPassword(user, FIRST)).code).toBe('password_reused');
    expect(passwordProblem(await t.setPassword(user, FOURTH)).code).toBe('password_reused');
    expect((await t.setPassword(user, SECOND)).status).toBe(200);
  });

  it('forgets old hashes once the tenant lowers or turns off the rule', async () => {
    const t = await tenantWith('history-lower', { historySize: 4 });
    const user = await t.create({ email: 'lower@example.com', password: FIRST });
    for (const next of [SECOND, THIRD, FOURTH]) expect((await t.setPassword(user, next)).status).toBe(200);
    expect(await t.history(user)).toBe(3);

    await platform.request('PATCH', `/api/v1/tenants/${t.slug}`, {
      settings: { passwordPolicy: { historySize: 1 } },
    });
    // Only the current one counts now; the next change trims the rest.
    expect(passwordProblem(await t.setPassword(user, FOURTH)).code).toBe('password_reused');
    expect((await t.setPassword(user, FIRST)).status).toBe(200);
    expect(await t.history(user)).toBe(0);

    await platform.request('PATCH', `/api/v1/tenants/${t.slug}`, {
      settings: { passwordPolicy: { historySize: 0 } },
    });
    expect((await t.setPassword(user, FIRST)).status).toBe(200);
    expect(await t.history(user)).toBe(0);
  });

  it("is tenant-owned: another tenant's admin neither sees nor hits the user's history", async () => {
    const a = await tenantWith('history-a', { historySize: 2 });
    const b = await tenantWith('history-b', { historySize: 2 });
    const user = await a.create({ email: 'owned@example.com', password: FIRST });
    expect((await a.setPassword(user, SECOND)).status).toBe(200);
    const intruder = await b.client.request('PATCH', `/api/v1/tenants/${b.slug}/users/${user}`, {
      password: FIRST,
    });
    expect(intruder.status).toBe(404);
    expect(await a.history(user)).toBe(1);
  });
});

describe('sign-up and reset answer with the same codes', () => {
  it('sign-up refuses a weak password with every other failure, judged with the email being signed up', async () => {
    const t = await tenantWith('strength-signup', { minStrength: 3 });
    const flow = await pendingSignIn(api.baseUrl, t.slug, t.app);
    const refused = await flow.post('sign-up', {
      email: 'quentin.zorblatt@example.com',
      password: PERSONAL,
      phone: 'x',
    });
    expect(refused).toMatchObject({ status: 400, type: 'validation-failed' });
    const errors = refused.body.errors as Array<{ path: string; code: string; hints?: string[] }>;
    expect(errors.map((e) => e.path).sort()).toEqual(['password', 'phone']);
    expect(errors.find((e) => e.path === 'password')).toMatchObject({
      code: 'password_too_weak',
      hints: expect.arrayContaining(['warnings.userInputs']),
    });
    expect(await flow.post('sign-up', { email: 'ann@example.com', password: PERSONAL })).toMatchObject({
      status: 200,
      body: { next: 'verify-email' },
    });
  });

  it('reset refuses a weak and a reused password without spending the link', async () => {
    const t = await tenantWith('history-reset', { historySize: 2 });
    const user = await t.create({ email: 'reset@example.com', password: FIRST });
    // A reset link, as the mail would carry it (white box: mailed tokens are covered elsewhere).
    const token = await resetTokenFor(t, 'reset@example.com');
    const complete = async (password: string) =>
      answerOf(
        await fetch(`${api.baseUrl}/t/${t.slug}/account/password-reset/complete`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token, password }),
        }),
      );
    const weak = await complete(COMMON);
    expect(weak).toMatchObject({ status: 400, type: 'validation-failed' });
    expect(weak.body.errors).toEqual([
      expect.objectContaining({ path: 'password', code: 'password_too_weak' }),
    ]);
    const reused = await complete(FIRST);
    expect(reused.body.errors).toEqual([
      expect.objectContaining({ path: 'password', code: 'password_reused' }),
    ]);
    expect(await complete(SECOND)).toMatchObject({ status: 200, body: { status: 'password-changed' } });
    expect(await t.history(user)).toBe(1);
    const flow = await pendingSignIn(api.baseUrl, t.slug, t.app);
    expect((await flow.post('login', { identifier: 'reset@example.com', password: SECOND })).status).toBe(
      200,
    );
  });
});

describe('transparent rehash when the deployment changes its argon2id parameters', () => {
  let tuned: LatchkeyProcess | undefined;
  afterAll(async () => {
    await tuned?.stop();
  });

  it('replaces an outdated hash after a sign-in proves the password; the password keeps working', async () => {
    const t = await tenantWith('rehash', {});
    const alice = await t.create({ email: 'alice@example.com', password: FIRST });
    const bob = await t.create({ email: 'bob@example.com', password: SECOND });
    const user = (id: string) => fixture.prisma.user.findFirstOrThrow({ where: { tenantId: t.id, id } });
    const before = await user(alice);
    expect(before.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    // Another replica of the deployment, started with OWASP's m = 12 MiB, t = 3 instead, hashing
    // on its event loop's thread (as `auto` does with one CPU) where this one uses what `auto` chose.
    const port = await freePort();
    tuned = await LatchkeyProcess.startApi(
      apiEnv(port, {
        LATCHKEY_ARGON2_MEMORY_KIB: '12288',
        LATCHKEY_ARGON2_TIME_COST: '3',
        LATCHKEY_ARGON2_THREAD: 'inline',
      }),
      port,
    );
    const hashingLine = (at: LatchkeyProcess) =>
      at.logs.find((line) => line.msg === 'argon2id password hashing') as Record<string, unknown> | undefined;
    expect(hashingLine(tuned)).toMatchObject({ memoryCost: 12_288, timeCost: 3, thread: 'inline' });
    expect(hashingLine(api)).toMatchObject({
      memoryCost: 19_456,
      thread: availableParallelism() > 1 ? 'pool' : 'inline',
    });
    const signIn = async (at: LatchkeyProcess, identifier: string, password: string) =>
      (await (await pendingSignIn(at.baseUrl, t.slug, t.app)).post('login', { identifier, password })).status;

    // A wrong password proves nothing: no rehash.
    expect(await signIn(tuned, 'bob@example.com', FIRST)).toBe(401);
    expect(await signIn(tuned, 'alice@example.com', FIRST)).toBe(200);
    await expect
      .poll(() => t.storedHash(alice), { timeout: 15_000 })
      .toMatch(/^\$argon2id\$v=19\$m=12288,t=3,p=1\$/);
    const after = await user(alice);
    // Not a password change: reset links and sessions bound to the change time stay valid.
    expect(after.passwordChangedAt).toEqual(before.passwordChangedAt);
    expect(await t.storedHash(bob)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    // The next sign-in works and, the hash being current, rewrites nothing.
    expect(await signIn(tuned, 'alice@example.com', FIRST)).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(await t.storedHash(alice)).toBe(after.passwordHash);
    // Every replica verifies any hash (the parameters travel in it); one still on the old
    // parameters moves it back, which is what a rolled-back change should do.
    expect(await signIn(api, 'alice@example.com', FIRST)).toBe(200);
    await expect
      .poll(() => t.storedHash(alice), { timeout: 15_000 })
      .toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    // Nothing failed on the way, not even in the background.
    expect(tuned.logs.filter((line) => line.level >= 50 || /rehash/.test(line.msg))).toEqual([]);
  });
});

/** Asks for a reset link for `email` and reads its token from the mail. */
async function resetTokenFor(
  t: { slug: string; app: { clientId: string; clientSecret: string } },
  email: string,
) {
  const flow = await pendingSignIn(api.baseUrl, t.slug, t.app);
  expect((await flow.post('password-reset', { email })).status).toBe(200);
  const link = /\/login\/reset\?token=([A-Za-z0-9_-]{43})/;
  const mail = await smtp.waitFor(() => smtp.to(email).find((m) => link.test(m.text)));
  return link.exec(mail.text)?.[1] as string;
}
