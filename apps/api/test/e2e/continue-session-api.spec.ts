import { randomUUID } from 'node:crypto';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { answerOf, REDIRECT } from '../support/login-flow.js';
import { type ManagementClient, ManagementFixture } from '../support/management.js';
import { formOf, type InteractionDetails, passwordSteps, ScriptedBrowser } from '../support/oidc-browser.js';
import { freePort } from '../support/ports.js';

/**
 * "Continue as …" (the `select_account` prompt) on the interaction API, black box: a scripted
 * browser signs in once, then the app asks again with `prompt=select_account` or a `login_hint`
 * for someone else. Continue goes on with the session (same sign-in, no password); "use another
 * account" turns the step into the sign-in, and signing in as someone else replaces the session.
 */
const TENANT = 'continue-as';
const ADA = {
  email: 'ada@example.com',
  password: 'ada has a long password',
  givenName: 'Ada',
  familyName: 'Lovelace',
};
const BOB = { email: 'bob@example.com', password: 'bob has a long password', username: 'bob' };

let db: TestDatabase;
let api: LatchkeyProcess;
let fixture: ManagementFixture;
let admin: ManagementClient;
let config: oidc.Configuration;
const ids: Record<string, string> = {};

beforeAll(async () => {
  db = await createTestDatabase('continue_session');
  const port = await freePort();
  api = await LatchkeyProcess.startApi(
    {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      LATCHKEY_REDIS_PREFIX: `continue-${randomUUID().slice(0, 8)}`,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
    port,
  );
  fixture = ManagementFixture.open(db.url, api.baseUrl);
  ({ client: admin } = await fixture.tenantWithClient(TENANT));
  for (const [key, user] of Object.entries({ ada: ADA, bob: BOB })) {
    const res = await admin.request('POST', `/api/v1/tenants/${TENANT}/users`, user);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[key] = (res.body as { id: string }).id;
  }
  const app = await admin.request('POST', `/api/v1/tenants/${TENANT}/applications`, {
    name: 'Notes',
    type: 'web',
    redirectUris: [REDIRECT],
  });
  expect(app.status, JSON.stringify(app.body)).toBe(201);
  const { clientId, clientSecret } = app.body as { clientId: string; clientSecret: string };
  config = await oidc.discovery(
    new URL(`${api.baseUrl}/t/${TENANT}`),
    clientId,
    undefined,
    oidc.ClientSecretBasic(clientSecret),
    { execute: [oidc.allowInsecureRequests] },
  );
}, 120_000);

afterAll(async () => {
  await fixture?.close();
  await api?.stop();
  await db?.drop();
});

/** An authorization request of the app (max_age: so the ID token carries auth_time). */
async function authorization(extra: Record<string, string> = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    max_age: '86400',
    ...extra,
  });
  const redeem = (callback: URL) =>
    oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
  return { url, redeem };
}

/** A browser with an SSO session of `who`, and the claims of that first sign-in. */
async function signedIn(who: { email: string; password: string }) {
  const browser = new ScriptedBrowser();
  const { url, redeem } = await authorization();
  const outcome = await browser.authorize(url, REDIRECT, passwordSteps(who.email, who.password));
  if (outcome.kind !== 'callback') throw new Error(JSON.stringify(outcome));
  return { browser, claims: (await redeem(outcome.url)).claims() };
}

/** Starts an authorization in `browser` that must stop at an interaction; how to answer it. */
async function pending(browser: ScriptedBrowser, extra: Record<string, string>) {
  const { url, redeem } = await authorization(extra);
  const outcome = await browser.authorize(url, REDIRECT, { onInteraction: () => undefined });
  if (outcome.kind !== 'interaction') throw new Error(JSON.stringify(outcome));
  const at = outcome.interactionUrl.href;
  const csrf = { 'x-csrf-token': outcome.details.csrfToken };
  return {
    details: async () => (await (await browser.get(`${at}/details`)).json()) as InteractionDetails,
    post: async (action: string, body: unknown = {}, headers: Record<string, string> = csrf) =>
      answerOf(await browser.postJson(`${at}/${action}`, body, headers)),
    /** Follows `redirectTo` to the app, through oidc-provider's auto-submitted forms, and redeems the code. */
    finish: async (redirectTo: string) => redeem(await backAtApp(browser, new URL(redirectTo, at))),
    redeem,
  };
}

/**
 * Where the browser lands: redirects are followed, and so is oidc-provider's self-submitting form
 * (the one that ends the old session when someone else signed in), as a browser would.
 */
async function backAtApp(browser: ScriptedBrowser, start: URL): Promise<URL> {
  let next = start;
  for (let hop = 0; hop < 10; hop++) {
    if (next.href.startsWith(REDIRECT)) return next;
    const res = await browser.get(next);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      next = new URL(location, next);
      continue;
    }
    const html = await res.text();
    if (res.status !== 200 || !html.includes('<form'))
      throw new Error(`${res.status}: ${html.slice(0, 300)}`);
    const form = formOf(html);
    const posted = await fetch(new URL(form.action, next), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: browser.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form.fields),
    });
    browser.jar.store(posted);
    next = new URL(posted.headers.get('location') ?? '', next);
  }
  throw new Error('too many hops');
}

describe('continue as … (the select_account prompt)', () => {
  it('is advertised in discovery', () => {
    expect(config.serverMetadata().prompt_values_supported).toEqual(
      expect.arrayContaining(['none', 'login', 'consent', 'select_account']),
    );
  });

  it('without a session, prompt=select_account is just the sign-in', async () => {
    const browser = new ScriptedBrowser();
    const flow = await pending(browser, { prompt: 'select_account' });
    const details = await flow.details();
    expect(details.prompt.name).toBe('login');
    expect(details.session).toBeUndefined();
    const login = await flow.post('login', { identifier: ADA.email, password: ADA.password });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    // Signing in answered the question: no "continue as" comes after it.
    const tokens = await flow.finish(login.body.redirectTo as string);
    expect(tokens.claims()?.sub).toBe(ids.ada);
  });

  it('continues with the session: same account, same sign-in time, no password', async () => {
    const { browser, claims: first } = await signedIn(ADA);
    const flow = await pending(browser, { prompt: 'select_account' });
    const details = await flow.details();
    expect(details.prompt).toMatchObject({ name: 'select_account', reasons: ['select_account_prompt'] });
    // The session is this browser's own: its account is shown in full.
    expect(details.session).toEqual({ accountId: ids.ada, name: 'Ada Lovelace', email: ADA.email });

    // CSRF-protected like every step, and only this step's answers are taken.
    expect(await flow.post('continue', {}, {})).toMatchObject({ status: 403, type: 'csrf-token-invalid' });
    expect(await flow.post('continue', { extra: true })).toMatchObject({
      status: 400,
      type: 'validation-failed',
    });
    const wrongStep = await flow.post('login', { identifier: BOB.email, password: BOB.password });
    expect(wrongStep).toMatchObject({ status: 409, type: 'interaction-step-mismatch' });

    const answer = await flow.post('continue');
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const claims = (await flow.finish(answer.body.redirectTo as string)).claims();
    expect(claims?.sub).toBe(ids.ada);
    expect(claims?.auth_time).toBe(first?.auth_time);
  });

  it('asks when login_hint names another account than the session', async () => {
    const { browser } = await signedIn(ADA);
    const flow = await pending(browser, { login_hint: BOB.email });
    const details = await flow.details();
    expect(details.prompt).toMatchObject({ name: 'select_account', reasons: ['login_hint_other_account'] });
    expect(details.params.loginHint).toBe(BOB.email);

    // The hint naming the session's own account (any case, or its username) asks nothing.
    for (const hint of [' ADA@example.com ', ADA.email]) {
      const { url } = await authorization({ login_hint: hint });
      const outcome = await browser.authorize(url, REDIRECT, { onInteraction: () => undefined });
      expect(outcome.kind, hint).toBe('callback');
    }
    // prompt=none cannot ask: the app hears account_selection_required (OpenID Connect Core 3.1.2.6).
    const { url } = await authorization({ login_hint: BOB.email, prompt: 'none' });
    const silent = await browser.authorize(url, REDIRECT, { onInteraction: () => undefined });
    expect(silent.kind === 'callback' && silent.url.searchParams.get('error')).toBe(
      'account_selection_required',
    );
  });

  it('"use another account" signs in someone else, and the session switches to them', async () => {
    const { browser } = await signedIn(ADA);
    const sessionsOf = async (userId: string) =>
      (
        (await admin.request('GET', `/api/v1/tenants/${TENANT}/users/${userId}/sessions`)).body as {
          data: unknown[];
        }
      ).data.length;
    const adaSessions = await sessionsOf(ids.ada as string);
    const flow = await pending(browser, { login_hint: BOB.username });
    const other = await flow.post('use-another-account');
    expect(other).toMatchObject({ status: 200, body: { next: 'sign-in' } });
    expect((await flow.details()).prompt.name).toBe('login');
    // It was answered: continuing is no longer on offer.
    expect(await flow.post('continue')).toMatchObject({ status: 409, type: 'interaction-step-mismatch' });

    const login = await flow.post('login', { identifier: BOB.username, password: BOB.password });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const claims = (await flow.finish(login.body.redirectTo as string)).claims();
    expect(claims?.sub).toBe(ids.bob);

    // The SSO session is Bob's now: the next request of the app signs him in without a page.
    const { url, redeem } = await authorization();
    const again = await browser.authorize(url, REDIRECT, { onInteraction: () => undefined });
    if (again.kind !== 'callback') throw new Error(JSON.stringify(again));
    expect((await redeem(again.url)).claims()?.sub).toBe(ids.bob);
    // Ada's session in this browser ended with the switch (oidc-provider's logout, back-channel included).
    expect(await sessionsOf(ids.ada as string)).toBe(adaSessions - 1);
  });

  it('refuses to continue a session that ended meanwhile (410 session-ended)', async () => {
    const { browser } = await signedIn(ADA);
    const flow = await pending(browser, { prompt: 'select_account' });
    const ended = await admin.request('DELETE', `/api/v1/tenants/${TENANT}/users/${ids.ada}/sessions`);
    expect(ended.status).toBe(204);
    expect(await flow.post('continue')).toMatchObject({ status: 410, type: 'session-ended' });
    // oidc-provider keeps no interaction of an ended session: the app must start again, and then
    // the browser is asked to sign in.
    expect(await flow.post('use-another-account')).toMatchObject({ status: 410, type: 'session-ended' });
    const again = await pending(browser, { prompt: 'select_account' });
    expect((await again.details()).prompt.name).toBe('login');
  });
});
