import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oidc from 'openid-client';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from '../support/accessibility.js';
import { LatchkeyProcess } from '../support/api-process.js';
import { launchChromium } from '../support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { type ManagementClient, ManagementFixture } from '../support/management.js';
import { freePort } from '../support/ports.js';

/**
 * The hosted login in real Chromium: a relying party (openid-client v6) sends the browser to the
 * tenant, the pages sign the user in through the interaction API, and the tokens the code buys
 * prove who signed in. Only accessible locators (label, role, name): what a screen reader finds.
 *
 * The relying party's redirect URI is a bare loopback server: Playwright cannot `route` the hop
 * the authorization endpoint redirects to (it intercepts requests, not redirects), and a real
 * address keeps Chromium from trying DNS for a made-up one.
 */
const TENANT = 'login-browser';
const EMAIL = 'grace@example.com';
const PASSWORD = 'a long browser password';
const EXPIRED_HEADING = 'This sign-in has expired';

type TApp = { clientId: string; clientSecret: string };

const PARTNER_LOGO = 'https://partner.example.com/logo.png';
/** A 1×1 PNG, served for the partner's logo (Playwright answers for the made-up host). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let rp: http.Server;
let rpOrigin: string;
let redirectUri: string;
let db: TestDatabase;
let api: LatchkeyProcess;
let fixture: ManagementFixture;
let admin: ManagementClient;
let browser: Browser;
let issuer: URL;
let userId: string;
const apps: Record<string, TApp> = {};
const orgs: Record<string, string> = {};
const contexts: BrowserContext[] = [];

const post = async <T>(path: string, body: unknown): Promise<T> => {
  const res = await admin.request('POST', `/api/v1/tenants/${TENANT}${path}`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as T;
};

beforeAll(async () => {
  rp = http.createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/plain' }).end('back at the app'),
  );
  await new Promise<void>((listening) => rp.listen(0, '127.0.0.1', listening));
  rpOrigin = `http://127.0.0.1:${(rp.address() as AddressInfo).port}`;
  redirectUri = `${rpOrigin}/callback`;
  db = await createTestDatabase('login_browser');
  const port = await freePort();
  [api, browser] = await Promise.all([
    LatchkeyProcess.startApi(
      {
        DATABASE_URL: db.url,
        REDIS_URL: TEST_REDIS_URL,
        LATCHKEY_REDIS_PREFIX: `login-${randomUUID().slice(0, 8)}`,
        PUBLIC_URL: `http://127.0.0.1:${port}`,
      },
      port,
    ),
    launchChromium(),
  ]);
  fixture = ManagementFixture.open(db.url, api.baseUrl);
  ({ client: admin } = await fixture.tenantWithClient(TENANT));
  issuer = new URL(`${api.baseUrl}/t/${TENANT}`);

  userId = (await post<{ id: string }>('/users', { email: EMAIL, password: PASSWORD, emailVerified: true }))
    .id;
  const web = { type: 'web', redirectUris: [redirectUri] };
  apps.firstParty = await post('/applications', { name: 'Our web app', ...web });
  apps.thirdParty = await post('/applications', { name: 'Partner app', firstParty: false, ...web });
  apps.branded = await post('/applications', {
    name: 'Partner portal',
    firstParty: false,
    logoUri: PARTNER_LOGO,
    clientUri: 'https://partner.example.com/',
    policyUri: 'https://partner.example.com/privacy',
    // Plain http (allowed on loopback for development) is never shown to users.
    tosUri: 'http://localhost:9/terms',
    ...web,
  });
  apps.organizations = await post('/applications', {
    name: 'Team workspace',
    organizationUsage: 'required',
    ...web,
  });
  for (const name of ['Acme', 'Beta']) {
    const org = await post<{ id: string }>('/organizations', { name, slug: name.toLowerCase() });
    orgs[name] = org.id;
    await post(`/organizations/${org.id}/members`, { userId });
  }
}, 120_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
  await fixture?.close();
  await api?.stop();
  await db?.drop();
  rp?.closeAllConnections();
  rp?.close();
});

interface Attempt {
  page: Page;
  context: BrowserContext;
  /** Waits for the browser to be back at the relying party; resolves with the URL it came back to. */
  callback(): Promise<URL>;
  /** Requests to anywhere but the API and the relying party: the page must make none. */
  foreign: string[];
  /** Uncaught exceptions in the page. */
  errors: string[];
  exchange(callback: URL): Promise<oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers>;
  state: string;
}

/** A fresh browser (own cookies) sent to the authorization endpoint as the app `key` would. */
async function startSignIn(key: string, extra: Record<string, string> = {}): Promise<Attempt> {
  const app = apps[key] as TApp;
  const config = await oidc.discovery(
    issuer,
    app.clientId,
    undefined,
    oidc.ClientSecretBasic(app.clientSecret),
    {
      execute: [oidc.allowInsecureRequests],
    },
  );
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...extra,
  });

  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  const foreign: string[] = [];
  const errors: string[] = [];
  page.on('request', (req) => {
    if (!req.url().startsWith(api.baseUrl) && !req.url().startsWith(rpOrigin)) foreign.push(req.url());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(url.href);
  return {
    page,
    context,
    callback: async () => {
      await page.waitForURL((at) => at.origin === rpOrigin, { timeout: 20_000 });
      return new URL(page.url());
    },
    foreign,
    errors,
    state,
    exchange: (at) =>
      oidc.authorizationCodeGrant(config, at, { pkceCodeVerifier: verifier, expectedState: state }),
  };
}

async function signIn(page: Page, password = PASSWORD, identifier = EMAIL): Promise<void> {
  await page.getByLabel('Email or username').fill(identifier);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Waits for the page's title (its h1) to read `name`. */
const headingShown = (page: Page, name: string) =>
  page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

const isFocused = (locator: Locator) => locator.evaluate((el) => el === el.ownerDocument.activeElement);

/** Playwright answers within its own timeouts; vitest's poll must not give up before them. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

describe('hosted login in Chromium', () => {
  it('signs a user in to a first-party app; the ID token names them', async () => {
    const attempt = await startSignIn('firstParty', { login_hint: EMAIL });
    const { page } = attempt;
    const identifier = page.getByLabel('Email or username');
    const password = page.getByLabel('Password', { exact: true });
    expect(await identifier.inputValue()).toBe(EMAIL);
    expect(await identifier.getAttribute('autocomplete')).toBe('username');
    expect(await password.getAttribute('autocomplete')).toBe('current-password');
    expect(await page.getByText(TENANT).count()).toBeGreaterThan(0);

    await password.fill(PASSWORD);
    await page.getByRole('checkbox', { name: 'Keep me signed in' }).check();
    await page.locator('button[type="submit"]').click();

    const callback = await attempt.callback();
    const claims = (await attempt.exchange(callback)).claims();
    expect(claims?.sub).toBe(userId);
    expect(claims?.email).toBe(EMAIL);
    // "Keep me signed in": the SSO session outlives the browser session.
    const session = (await attempt.context.cookies()).find((c) => c.name === '_session');
    expect(session?.expires).toBeGreaterThan(Date.now() / 1000);
    expect(attempt.foreign).toEqual([]);
    expect(attempt.errors).toEqual([]);
  });

  it('sends a returning user with an SSO session straight back to the app, without the password', async () => {
    const first = await startSignIn('firstParty');
    await signIn(first.page);
    await first.exchange(await first.callback());

    // A second sign-in from the same browser: the SSO session answers, no page is shown.
    const app = apps.firstParty as TApp;
    const config = await oidc.discovery(
      issuer,
      app.clientId,
      undefined,
      oidc.ClientSecretBasic(app.clientSecret),
      {
        execute: [oidc.allowInsecureRequests],
      },
    );
    const verifier = oidc.randomPKCECodeVerifier();
    const again = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const visited: string[] = [];
    first.page.on('framenavigated', (frame) => visited.push(frame.url()));
    await first.page.goto(again.href);
    await first.page.waitForURL((at) => at.origin === rpOrigin, { timeout: 20_000 });
    expect(visited.some((url) => url.includes('/login/'))).toBe(false);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(first.page.url()), {
      pkceCodeVerifier: verifier,
    });
    expect(tokens.claims()?.sub).toBe(userId);
  });

  it('passes axe-core with no serious or critical violations on every step', async () => {
    const signInPage = await startSignIn('firstParty');
    await headingShown(signInPage.page, 'Sign in');
    expect(await accessibilityViolations(signInPage.page)).toEqual([]);

    // The error shown for wrong credentials, with its alert.
    await signIn(signInPage.page, 'not the password');
    await signInPage.page.getByRole('alert').waitFor();
    expect(await accessibilityViolations(signInPage.page)).toEqual([]);

    // Consent, for a third-party app.
    const consent = await startSignIn('thirdParty');
    await signIn(consent.page);
    await consent.page.getByRole('button', { name: /allow/i }).waitFor();
    expect(await accessibilityViolations(consent.page)).toEqual([]);

    // The page for a sign-in link without its interaction.
    const context = await browser.newContext();
    contexts.push(context);
    const broken = await context.newPage();
    await broken.goto(`${api.baseUrl}/t/${TENANT}/login/`);
    await broken.getByRole('heading', { level: 1 }).waitFor();
    expect(await accessibilityViolations(broken)).toEqual([]);

    // The check itself finds what it should: an image without a text alternative is critical.
    await broken.setContent(
      '<!doctype html><html lang="en"><title>t</title><main><img src="x.png"></main></html>',
    );
    expect((await accessibilityViolations(broken)).join()).toContain('image-alt (critical)');
  });

  it('says only that the credentials are wrong, focuses the alert, and a retry works', async () => {
    const attempt = await startSignIn('firstParty');
    const { page } = attempt;
    const alert = page.getByRole('alert');

    await signIn(page, PASSWORD, 'nobody@example.com');
    await alert.filter({ hasText: 'not correct' }).waitFor();
    const unknownUser = await alert.textContent();

    await signIn(page, 'not the password');
    // The click put focus on the button; the failure moves it to the alert, which reads it out.
    await poll(() => isFocused(alert)).toBe(true);
    // The same words for an unknown account and a wrong password: nothing to enumerate.
    expect(await alert.textContent()).toBe(unknownUser);
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');

    await signIn(page);
    const claims = (await attempt.exchange(await attempt.callback())).claims();
    expect(claims?.sub).toBe(userId);
    expect(attempt.errors).toEqual([]);
  });

  it('asks consent for a third-party app; Allow completes the sign-in', async () => {
    const attempt = await startSignIn('thirdParty');
    const { page } = attempt;
    await signIn(page);

    const allow = page.getByRole('button', { name: 'Allow' });
    await headingShown(page, 'Allow Partner app to access your account?');
    const asked = await page.getByRole('listitem').allTextContents();
    expect(asked).toEqual(
      expect.arrayContaining(['Know who you are (your account ID)', 'See your email address']),
    );
    await allow.click();

    const claims = (await attempt.exchange(await attempt.callback())).claims();
    expect(claims).toMatchObject({ sub: userId, email: EMAIL });
    expect(attempt.errors).toEqual([]);
  });

  it('shows the app’s logo and links on the consent page; the page’s CSP lets https images in', async () => {
    const attempt = await startSignIn('branded');
    const { page, context } = attempt;
    const logoRequests: string[] = [];
    await context.route('https://partner.example.com/**', (route) => {
      logoRequests.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'image/png', body: PNG });
    });
    await signIn(page);
    await headingShown(page, 'Allow Partner portal to access your account?');

    const logo = page.getByRole('img', { name: 'Partner portal logo' });
    await logo.waitFor();
    // Loaded, not blocked by the Content-Security-Policy (a blocked image has no natural size).
    await poll(() => logo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(
      1,
    );
    expect(await logo.getAttribute('src')).toBe(PARTNER_LOGO);
    expect(await logo.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(logoRequests).toEqual([PARTNER_LOGO]);

    const links = page.getByRole('navigation', { name: 'About Partner portal' }).getByRole('link');
    expect(await links.allTextContents()).toEqual(['Website', 'Privacy policy']);
    for (const link of await links.all()) {
      expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
      expect(await link.getAttribute('target')).toBe('_blank');
    }
    expect(await page.getByRole('link', { name: 'Privacy policy' }).getAttribute('href')).toBe(
      'https://partner.example.com/privacy',
    );
    expect(await page.getByRole('link', { name: 'Terms of service' }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    // Only images widen: scripts and everything else stay on this origin.
    const csp = (await fetch(`${issuer.href}/login/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("img-src 'self' data: https:;");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("default-src 'self';");

    await page.getByRole('button', { name: 'Allow' }).click();
    const claims = (await attempt.exchange(await attempt.callback())).claims();
    expect(claims?.sub).toBe(userId);
    expect(attempt.errors).toEqual([]);
  });

  it('returns error=access_denied to the app when consent is denied', async () => {
    const attempt = await startSignIn('thirdParty');
    await signIn(attempt.page);
    await attempt.page.getByRole('button', { name: 'Deny' }).click();

    const callback = await attempt.callback();
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe(attempt.state);
    expect(callback.searchParams.has('code')).toBe(false);
  });

  it('lets the user pick an organization with the keyboard; the ID token carries it', async () => {
    const attempt = await startSignIn('organizations');
    const { page } = attempt;
    await signIn(page);

    const radios = page.getByRole('radio');
    await page.getByRole('group', { name: 'Your organizations' }).waitFor();
    expect(await radios.count()).toBe(2);
    // The application requires an organization: no way around the choice.
    expect(await page.getByRole('button', { name: 'Continue without an organization' }).count()).toBe(0);

    const submit = page.getByRole('button', { name: 'Continue', exact: true });
    await submit.click();
    await page.getByText('Choose an organization to continue.').waitFor();
    // Focus went to the first choice; the arrow keys move through the group as with any radios.
    const acme = page.getByRole('radio', { name: 'Acme' });
    await poll(() => isFocused(acme)).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: 'Beta' }).isChecked()).toBe(true);
    await submit.click();

    const claims = (await attempt.exchange(await attempt.callback())).claims();
    expect(claims).toMatchObject({ sub: userId, org_id: orgs.Beta, org_name: 'Beta' });
    expect(attempt.errors).toEqual([]);
  });

  it('explains an unknown, a missing and an already used sign-in, and a lost connection', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();

    await page.goto(`${issuer.href}/login/?uid=${randomUUID().replaceAll('-', '')}`);
    await headingShown(page, EXPIRED_HEADING);
    expect(await page.getByText('start signing in again').count()).toBe(1);

    await page.goto(`${issuer.href}/login/`);
    await headingShown(page, 'This sign-in link is incomplete');

    // The back button after signing in: the page's sign-in is finished.
    const attempt = await startSignIn('firstParty');
    await attempt.page.getByLabel('Email or username').waitFor();
    const loginPage = attempt.page.url();
    await signIn(attempt.page);
    await attempt.callback();
    await attempt.page.goto(loginPage);
    await headingShown(attempt.page, EXPIRED_HEADING);

    const offline = await startSignIn('firstParty');
    await offline.page.route('**/interaction/*/details', (route) => route.abort('internetdisconnected'));
    await offline.page.reload();
    await headingShown(offline.page, 'We could not reach the server');
    await offline.page.unroute('**/interaction/*/details');
    await offline.page.getByRole('button', { name: 'Try again' }).click();
    await offline.page.getByLabel('Email or username').waitFor();
  });
});
