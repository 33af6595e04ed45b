import * as oidc from 'openid-client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LatchkeyProcess } from '../support/api-process.js';
import { type BrowserStack, headingShown, isFocused, startBrowserStack } from '../support/browser-stack.js';
import { ManagementFixture } from '../support/management.js';
import { TestSmtpServer } from '../support/smtp-server.js';

/**
 * F4 acceptance 1, first flow, in real Chromium: a relying party (openid-client) sends the browser
 * to the tenant, the user creates an account on the hosted login, types the code a real SMTP
 * listener received, lands back at the app signed in, then signs out (RP-initiated logout) and is
 * back at the app's post-logout address with the SSO session gone. Accessible locators only.
 */
const TENANT = 'sign-up-browser';
const EMAIL = 'ada.lovelace@example.com';
const PASSWORD = 'analytical engine 1843';

let stack: BrowserStack;
let rpOrigin: string;
let smtp: TestSmtpServer;
let api: LatchkeyProcess;
let fixture: ManagementFixture;
let browser: Browser;
let config: oidc.Configuration;
let closedConfig: oidc.Configuration;

beforeAll(async () => {
  stack = await startBrowserStack('sign_up_browser', { smtp: true });
  ({ rpOrigin, api, fixture, browser, smtp } = stack);
  config = await appOf(TENANT);
  closedConfig = await appOf(`${TENANT}-closed`, { signUp: { enabled: false } });
}, 120_000);

/** A tenant (with `settings`) and its web app, as the relying party's openid-client configuration. */
async function appOf(slug: string, settings?: Record<string, unknown>): Promise<oidc.Configuration> {
  const { client } = await fixture.tenantWithClient(slug);
  if (settings) {
    const platform = await fixture.clientFor('system');
    const patched = await platform.request('PATCH', `/api/v1/tenants/${slug}`, { settings });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  }
  return stack.webApp(client, slug, { postLogoutRedirectUris: [`${rpOrigin}/signed-out`] });
}

afterAll(async () => {
  await stack?.close();
});

/** Sends `page` to the authorization endpoint; answers how to redeem the code it comes back with. */
const authorize = (page: Page, app = config) => stack.authorize(page, app);

/** Playwright answers within its own timeouts; vitest's poll must not give up before them. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

describe('sign-up on the hosted login in Chromium', () => {
  it('sign-up → code from the received mail → signed in to the app → sign-out', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const foreign: string[] = [];
    const errors: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(api.baseUrl) && !req.url().startsWith(rpOrigin)) foreign.push(req.url());
    });
    page.on('pageerror', (err) => errors.push(err.message));

    const redeem = await authorize(page);
    await headingShown(page, 'Sign in');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await headingShown(page, 'Create your account');
    expect(new URL(page.url()).pathname).toBe(`/t/${TENANT}/login/sign-up`);

    const fields = {
      givenName: page.getByLabel('First name (optional)'),
      familyName: page.getByLabel('Last name (optional)'),
      email: page.getByLabel('Email', { exact: true }),
      password: page.getByLabel('Password', { exact: true }),
    };
    expect(await fields.givenName.getAttribute('autocomplete')).toBe('given-name');
    expect(await fields.familyName.getAttribute('autocomplete')).toBe('family-name');
    expect(await fields.email.getAttribute('autocomplete')).toBe('email');
    expect(await fields.password.getAttribute('autocomplete')).toBe('new-password');

    // The browser says what is wrong before anything is sent, and focus goes to the first problem.
    await fields.email.fill('ada@');
    await fields.password.fill('too short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Use at least 12 characters.').waitFor();
    await poll(() => isFocused(fields.email)).toBe(true);

    await fields.givenName.fill('Ada');
    await fields.familyName.fill('Lovelace');
    await fields.email.fill(EMAIL);
    await fields.password.fill(PASSWORD);
    await page.locator('button[type="submit"]').click();

    await headingShown(page, 'Check your email');
    await page.getByText('a•••e@example.com').waitFor();
    const code = page.getByLabel('Verification code');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    // The resend button counts down to when the API allows another mail.
    const resend = page.getByRole('button', { name: /^Send a new code in \d+ s$/ });
    expect(await resend.isDisabled()).toBe(true);

    // A reload keeps the code step (the pending sign-up is the API's, not the page's).
    await page.reload();
    await headingShown(page, 'Check your email');

    const mail = await smtp.waitFor(() => smtp.to(EMAIL)[0]);
    const sent = /^ {4}(\d{6})$/m.exec(mail.text)?.[1] as string;
    expect(sent).toMatch(/^\d{6}$/);

    // A wrong code: the alert says so and takes focus; the field is cleared for the right one.
    await code.fill(sent === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Verify and continue' }).click();
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'That code is not right' }).waitFor();
    await poll(() => isFocused(alert)).toBe(true);
    expect(await code.inputValue()).toBe('');

    await code.fill(sent);
    await page.getByRole('button', { name: 'Verify and continue' }).click();
    const tokens = await redeem();
    const claims = tokens.claims();
    expect(claims).toMatchObject({
      email: EMAIL,
      email_verified: true,
      given_name: 'Ada',
      family_name: 'Lovelace',
    });

    // Signed in at the app. Sign-out: RP-initiated logout, confirmed on the provider's page.
    const logout = oidc.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token as string,
      post_logout_redirect_uri: `${rpOrigin}/signed-out`,
      state: 'bye',
    });
    await page.goto(logout.href);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL((at) => at.origin === rpOrigin && at.pathname === '/signed-out');
    expect(new URL(page.url()).searchParams.get('state')).toBe('bye');

    // The SSO session is gone: the next sign-in asks for the password again.
    await authorize(page);
    await headingShown(page, 'Sign in');
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offers no sign-up where the tenant has it off, not even at its address', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await authorize(page, closedConfig);
    await headingShown(page, 'Sign in');
    expect(await page.getByRole('link', { name: 'Create an account' }).count()).toBe(0);
    await page.goto(page.url().replace('/login/?', '/login/sign-up?'));
    await headingShown(page, 'Sign in');
    await context.close();
  });
});
