import * as oidc from 'openid-client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from '../support/accessibility.js';
import { type BrowserStack, headingShown, isFocused, startBrowserStack } from '../support/browser-stack.js';
import { ManagementFixture } from '../support/management.js';

/**
 * "Continue as …" in real Chromium: a user signs in once; the app then asks with
 * `prompt=select_account`, and the page offers to go on as them (no password) or to use another
 * account, which replaces the SSO session. Accessible locators only, and axe-core on the page.
 */
const TENANT = 'continue-as-browser';
const GRACE = {
  email: 'grace@example.com',
  password: 'grace has a long password',
  givenName: 'Grace',
  familyName: 'Hopper',
};
const ALAN = { email: 'alan@example.com', password: 'alan has a long password' };

let stack: BrowserStack;
let fixture: ManagementFixture;
let browser: Browser;
let config: oidc.Configuration;
const ids: Record<string, string> = {};
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  stack = await startBrowserStack('continue_as_browser');
  ({ fixture, browser } = stack);
  const { client } = await fixture.tenantWithClient(TENANT);
  for (const [key, user] of Object.entries({ grace: GRACE, alan: ALAN })) {
    const res = await client.request('POST', `/api/v1/tenants/${TENANT}/users`, {
      ...user,
      emailVerified: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[key] = (res.body as { id: string }).id;
  }
  config = await stack.webApp(client, TENANT);
}, 120_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await stack?.close();
});

/** Sends `page` to the authorization endpoint; answers how to redeem the code it comes back with. */
const authorize = (page: Page, extra: Record<string, string> = {}) => stack.authorize(page, config, extra);

/** Playwright answers within its own timeouts; vitest's poll must not give up before them. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

/** A fresh browser signed in as `who` (an SSO session), with its page and uncaught errors. */
async function signedIn(who: { email: string; password: string }) {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  const redeem = await authorize(page);
  await signIn(page, who);
  expect((await redeem()).claims()?.email).toBe(who.email);
  return { page, errors };
}

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.getByLabel('Email or username').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('continue as … in Chromium', () => {
  it('offers "Continue as", ready for the keyboard, and goes on without the password', async () => {
    const { page, errors } = await signedIn(GRACE);
    const redeem = await authorize(page, { prompt: 'select_account' });
    await headingShown(page, 'Choose an account');
    expect(await page.getByText('to continue to Notebook').count()).toBe(1);
    const proceed = page.getByRole('button', { name: 'Continue as Grace Hopper' });
    // The address is shown and is the button's description, for screen readers too.
    expect(await page.getByText(GRACE.email, { exact: true }).count()).toBe(1);
    expect(await proceed.evaluate((el) => el.getAttribute('aria-describedby'))).toBeTruthy();
    await poll(() => isFocused(proceed)).toBe(true);
    expect(await page.getByRole('button', { name: 'Use another account' }).count()).toBe(1);
    expect(await page.getByLabel('Password', { exact: true }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.keyboard.press('Enter');
    const claims = (await redeem()).claims();
    expect(claims).toMatchObject({ sub: ids.grace, email: GRACE.email });
    expect(errors).toEqual([]);
  });

  it('"Use another account" signs in someone else, and the session is theirs from then on', async () => {
    const { page, errors } = await signedIn(GRACE);
    const redeem = await authorize(page, { prompt: 'select_account' });
    await page.getByRole('button', { name: 'Use another account' }).click();
    await headingShown(page, 'Sign in');
    await signIn(page, ALAN);
    expect((await redeem()).claims()).toMatchObject({ sub: ids.alan, email: ALAN.email });

    // The next sign-in of the app needs no page: the SSO session is Alan's now.
    const again = await authorize(page);
    expect((await again()).claims()?.sub).toBe(ids.alan);
    expect(errors).toEqual([]);
  });

  it("asks when the app's login_hint names someone else, and fills the sign-in with it", async () => {
    const { page } = await signedIn(GRACE);
    const redeem = await authorize(page, { login_hint: ALAN.email });
    await headingShown(page, 'Choose an account');
    await page.getByRole('button', { name: 'Use another account' }).click();
    await headingShown(page, 'Sign in');
    expect(await page.getByLabel('Email or username').inputValue()).toBe(ALAN.email);
    await page.getByLabel('Password', { exact: true }).fill(ALAN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect((await redeem()).claims()?.sub).toBe(ids.alan);
  });
});
