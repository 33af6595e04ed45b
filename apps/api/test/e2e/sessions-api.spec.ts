import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { type ManagementClient, ManagementFixture } from '../support/management.js';
import { passwordSteps, ScriptedBrowser } from '../support/oidc-browser.js';
import { freePort } from '../support/ports.js';

interface Session {
  id: string;
  signedInAt: string;
  expiresAt: string;
  lastActiveAt: string;
  applications: { clientId: string; name: string | null }[];
}

/**
 * A user's SSO sessions through the management API: listed with their applications, revoked one
 * or all (grants and tokens revoked, back-channel logout delivered), and ended when the user is
 * suspended or deleted. On Redis (short-lived artifacts) and on PostgreSQL only.
 */
describe.each(['redis', 'postgres'] as const)('user sessions with artifacts on %s', (backend) => {
  const REDIRECT = 'https://app.example.com/callback';
  const password = 'correct horse battery staple';
  const tenant = `sessions-${backend}`;
  let db: TestDatabase;
  let api: LatchkeyProcess;
  let fixture: ManagementFixture;
  let admin: ManagementClient;
  let issuer: URL;
  let listener: http.Server;
  /** Bodies the back-channel logout listener received (reset before each test). */
  let received: string[] = [];
  let web: { clientId: string; clientSecret: string };
  let backchannel: { clientId: string; clientSecret: string };

  const base = `/api/v1/tenants/${tenant}`;
  const created = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await admin.request('POST', `${base}${path}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as T;
  };
  const newUser = async () => {
    const email = `${randomUUID().slice(0, 8)}@example.com`;
    const user = await created<{ id: string }>('/users', { email, password, emailVerified: true });
    return { id: user.id, email };
  };
  const sessionsOf = async (userId: string): Promise<Session[]> => {
    const res = await admin.request('GET', `${base}/users/${userId}/sessions`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body as { data: Session[] }).data;
  };
  const configOf = (app: { clientId: string; clientSecret: string }) =>
    oidc.discovery(issuer, app.clientId, undefined, oidc.ClientSecretBasic(app.clientSecret), {
      execute: [oidc.allowInsecureRequests],
    });

  /** Signs in to `app` in `browser`; returns the tokens and the prompts the sign-in showed. */
  async function signIn(browser: ScriptedBrowser, app: typeof web, email: string) {
    const config = await configOf(app);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid offline_access',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    const prompts: string[] = [];
    const steps = passwordSteps(email, password);
    const outcome = await browser.authorize(url, REDIRECT, {
      onInteraction: (details) => {
        prompts.push(details.prompt.name);
        return steps.onInteraction(details);
      },
    });
    if (outcome.kind !== 'callback') throw new Error(`sign-in did not complete: ${JSON.stringify(outcome)}`);
    const tokens = await oidc.authorizationCodeGrant(config, outcome.url, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    return { config, tokens, prompts };
  }

  /** The first interaction a new authorization in `browser` stops at, or 'callback' (SSO). */
  async function nextPrompt(browser: ScriptedBrowser, app: typeof web): Promise<string> {
    const config = await configOf(app);
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const outcome = await browser.authorize(url, REDIRECT, { onInteraction: () => undefined });
    if (outcome.kind === 'error') throw new Error(JSON.stringify(outcome));
    return outcome.kind === 'callback' ? 'callback' : outcome.details.prompt.name;
  }

  async function logoutTokens(count: number): Promise<string[]> {
    // Delivery completes before the API answers; allow a little slack all the same.
    for (let i = 0; i < 40 && received.length < count; i++) await new Promise((r) => setTimeout(r, 50));
    return received.map((body) => new URLSearchParams(body).get('logout_token') as string);
  }

  beforeAll(async () => {
    listener = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        if (req.headers['content-type'] === 'application/x-www-form-urlencoded') received.push(body);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const { port: listenerPort } = listener.address() as { port: number };

    db = await createTestDatabase(`sessions_${backend}`);
    const port = await freePort();
    api = await LatchkeyProcess.startApi(
      {
        DATABASE_URL: db.url,
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        // The back-channel logout listener is on loopback.
        LATCHKEY_ALLOW_PRIVATE_NETWORK: 'true',
        LATCHKEY_REDIS_PREFIX: `sessions-${randomUUID().slice(0, 8)}`,
        ...(backend === 'redis' ? { REDIS_URL: TEST_REDIS_URL } : {}),
      },
      port,
    );
    fixture = ManagementFixture.open(db.url, api.baseUrl);
    ({ client: admin } = await fixture.tenantWithClient(tenant));
    issuer = new URL(`${api.baseUrl}/t/${tenant}`);
    web = await created('/applications', { name: 'Billing web', type: 'web', redirectUris: [REDIRECT] });
    backchannel = await created('/applications', {
      name: 'Back-channel app',
      type: 'web',
      redirectUris: [REDIRECT],
      backchannelLogoutUri: `http://127.0.0.1:${listenerPort}/backchannel-logout`,
    });
  }, 120_000);

  afterAll(async () => {
    listener?.close();
    await fixture?.close();
    await api?.stop();
    await db?.drop();
  });

  beforeEach(() => {
    received = [];
  });

  it('lists one session with both apps; revoking it signs the user out of both', async () => {
    const user = await newUser();
    const browser = new ScriptedBrowser();
    const before = Date.now();
    const first = await signIn(browser, web, user.email);
    const second = await signIn(browser, backchannel, user.email);
    expect(first.prompts).toContain('login');
    expect(second.prompts).not.toContain('login'); // the SSO session signed the user in

    const [session, ...others] = await sessionsOf(user.id);
    expect(others).toEqual([]);
    expect(session?.applications).toEqual(
      expect.arrayContaining([
        { clientId: web.clientId, name: 'Billing web' },
        { clientId: backchannel.clientId, name: 'Back-channel app' },
      ]),
    );
    expect(session?.applications).toHaveLength(2);
    const signedInAt = Date.parse(session?.signedInAt as string);
    expect(signedInAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(Date.parse(session?.lastActiveAt as string)).toBeGreaterThanOrEqual(signedInAt);
    expect(Date.parse(session?.expiresAt as string)).toBeGreaterThan(Date.now());
    const introspected = await oidc.tokenIntrospection(first.config, first.tokens.access_token);
    expect(introspected.active).toBe(true);

    const revoked = await admin.request('DELETE', `${base}/users/${user.id}/sessions/${session?.id}`);
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(204);

    // The app with a back-channel logout URI got one valid logout token for this session.
    const [logoutToken, ...more] = await logoutTokens(1);
    expect(more).toEqual([]);
    const jwks = createRemoteJWKSet(new URL(second.config.serverMetadata().jwks_uri as string));
    const { payload, protectedHeader } = await jwtVerify(logoutToken as string, jwks, {
      issuer: issuer.href,
      audience: backchannel.clientId,
      typ: 'logout+jwt',
    });
    expect(protectedHeader.typ).toBe('logout+jwt');
    expect(payload).toMatchObject({
      sub: user.id,
      sid: second.tokens.claims()?.sid,
      events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
    });
    expect(payload.jti).toEqual(expect.any(String));
    expect(payload.iat).toEqual(expect.any(Number));
    expect(payload).not.toHaveProperty('nonce');

    // Both apps' grants are gone: refresh tokens refused, opaque access tokens inactive.
    for (const { config, tokens } of [first, second]) {
      await expect(oidc.refreshTokenGrant(config, tokens.refresh_token as string)).rejects.toMatchObject({
        error: 'invalid_grant',
      });
      expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    }
    // No SSO session any more: the same browser is asked for the password again.
    expect(await nextPrompt(browser, web)).toBe('login');
    expect(await sessionsOf(user.id)).toEqual([]);

    const audit = await admin.request(
      'GET',
      `${base}/audit-events?action=user.sessions.revoke&targetId=${user.id}`,
    );
    expect((audit.body as { data: { changes: unknown }[] }).data).toEqual([
      expect.objectContaining({ changes: { sessionIds: [session?.id] } }),
    ]);
    // The same session again: it is gone.
    expect((await admin.request('DELETE', `${base}/users/${user.id}/sessions/${session?.id}`)).status).toBe(
      404,
    );
  });

  it("revokes all of a user's sessions, and only theirs", async () => {
    const user = await newUser();
    const bystander = await newUser();
    const [laptop, phone, theirs] = [new ScriptedBrowser(), new ScriptedBrowser(), new ScriptedBrowser()];
    const fromLaptop = await signIn(laptop, web, user.email);
    const fromPhone = await signIn(phone, backchannel, user.email);
    const bystanders = await signIn(theirs, web, bystander.email);
    const sessions = await sessionsOf(user.id);
    expect(sessions).toHaveLength(2);
    // Most recently active first.
    expect(sessions[0]?.applications).toEqual([{ clientId: backchannel.clientId, name: 'Back-channel app' }]);

    // Another user's session is not this user's to revoke.
    const [bystanderSession] = await sessionsOf(bystander.id);
    const foreign = await admin.request(
      'DELETE',
      `${base}/users/${user.id}/sessions/${bystanderSession?.id}`,
    );
    expect(foreign.status).toBe(404);

    expect((await admin.request('DELETE', `${base}/users/${user.id}/sessions`)).status).toBe(204);
    expect(await sessionsOf(user.id)).toEqual([]);
    expect(await logoutTokens(1)).toHaveLength(1);
    for (const { config, tokens } of [fromLaptop, fromPhone]) {
      await expect(oidc.refreshTokenGrant(config, tokens.refresh_token as string)).rejects.toMatchObject({
        error: 'invalid_grant',
      });
    }
    expect(await nextPrompt(laptop, web)).toBe('login');
    expect(await nextPrompt(phone, web)).toBe('login');

    // The bystander is still signed in, tokens and SSO alike.
    expect(await sessionsOf(bystander.id)).toHaveLength(1);
    const refreshed = await oidc.refreshTokenGrant(
      bystanders.config,
      bystanders.tokens.refresh_token as string,
    );
    expect(refreshed.access_token).toEqual(expect.any(String));
    expect(await nextPrompt(theirs, web)).toBe('callback');

    // Nothing left to revoke is still a success.
    expect((await admin.request('DELETE', `${base}/users/${user.id}/sessions`)).status).toBe(204);
  });

  it('ends the sessions of a user who is suspended, deleted or erased', async () => {
    for (const deactivate of [
      (id: string) => admin.request('PATCH', `${base}/users/${id}`, { status: 'suspended' }),
      (id: string) => admin.request('DELETE', `${base}/users/${id}`),
      (id: string) => admin.request('POST', `${base}/users/${id}/erase`),
    ]) {
      received = [];
      const user = await newUser();
      const browser = new ScriptedBrowser();
      const { config, tokens } = await signIn(browser, backchannel, user.email);
      expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(true);

      const res = await deactivate(user.id);
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);

      const [logoutToken] = await logoutTokens(1);
      expect(logoutToken).toEqual(expect.any(String));
      expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
      await expect(oidc.refreshTokenGrant(config, tokens.refresh_token as string)).rejects.toMatchObject({
        error: 'invalid_grant',
      });
      expect(await nextPrompt(browser, web)).toBe('login');
    }
  });

  it('answers 404 for unknown users and sessions', async () => {
    const user = await newUser();
    const unknownUser = randomUUID();
    for (const [method, path] of [
      ['GET', `/users/${unknownUser}/sessions`],
      ['DELETE', `/users/${unknownUser}/sessions`],
      ['DELETE', `/users/${unknownUser}/sessions/abc`],
      ['GET', '/users/not-a-uuid/sessions'],
      ['DELETE', `/users/${user.id}/sessions/unknown-session`],
      ['DELETE', `/users/${user.id}/sessions/${'x'.repeat(300)}`],
      ['DELETE', `/users/${user.id}/sessions/a.b`],
    ] as const) {
      const res = await admin.request(method, `${base}${path}`);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.contentType).toContain('application/problem+json');
    }
    expect(await sessionsOf(user.id)).toEqual([]);
  });
});
