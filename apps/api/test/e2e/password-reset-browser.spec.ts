import * as oidc from 'openid-client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LatchkeyProcess } from '../support/api-process.js';
import { type BrowserStack, headingShown, isFocused, startBrowserStack } from '../support/browser-stack.js';
import { type ManagementClient, ManagementFixture } from '../support/management.js';
import { TestSmtpServer } from '../support/smtp-server.js';

/**
 * F4 acceptance 1, "password reset via the mailed link" and "passwordless email code", in real
 * Chromium with a relying party (openid-client) and a real SMTP listener. The reset link is opened
 * in a second browser context, as from another browser: it needs no pending sign-in.
 */
const TENANT = 'recover-browser';
const PASSWORD = 'the old password 1';
const NEW_PASSWORD = 'the new password 22';

let stack: BrowserStack;
let smtp: TestSmtpServer;
let api: LatchkeyProcess;
let fixture: ManagementFixture;
let admin: ManagementClient;
let browser: Browser;
let config: oidc.Configuration;

beforeAll(async () => {
  stack = await startBrowserStack('password_reset_browser', { smtp: true });
  ({ api, fixture, browser, smtp } = stack);
  const { client } = await fixture.tenantWithClient(TENANT);
  admin = client;
  // The current password may not come back (docs/passwords.md): the page must say so.
  const platform = await fixture.clientFor('system');
  const policy = await platform.request('PATCH', `/api/v1/tenants/${TENANT}`, {
    settings: { passwordPolicy: { historySize: 2 } },
  });
  expect(policy.status, JSON.stringify(policy.body)).toBe(200);
  config = await stack.webApp(client, TENANT);
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

async function createUser(email: string) {
  const res = await admin.request('POST', `/api/v1/tenants/${TENANT}/users`, { email, password: PASSWORD });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

const authorize = (page: Page) => stack.authorize(page, config);

/** Playwright answers within its own timeouts; vitest's poll must not give up before them. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

async function signInWithPassword(page: Page, email: string, password: string) {
  await headingShown(page, 'Sign in');
  await page.getByLabel('Email or username').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('account recovery on the hosted login in Chromium', () => {
  it('forgot password → link from the mail in another browser → new password signs in', async () => {
    const email = 'grace.hopper@example.com';
    const user = await createUser(email);
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));

    await authorize(page);
    await headingShown(page, 'Sign in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await headingShown(page, 'Reset your password');
    const field = page.getByLabel('Email', { exact: true });
    expect(await field.getAttribute('autocomplete')).toBe('email');
    await field.fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await headingShown(page, 'Check your email');
    await page.getByText(`If ${email} belongs to an account`).waitFor();

    const mail = await smtp.waitFor(() => smtp.to(email)[0]);
    const link = /https?:\/\/\S+\/login\/reset\?token=[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0] as string;
    expect(link.startsWith(`${api.baseUrl}/t/${TENANT}/login/reset?token=`)).toBe(true);

    // Another browser: no cookies of the sign-in that asked for the link.
    const other = await browser.newContext();
    const resetPage = await other.newPage();
    resetPage.on('pageerror', (err) => errors.push(err.message));
    await resetPage.goto(link);
    await headingShown(resetPage, 'Choose a new password');
    // The token leaves the address bar at once.
    expect(new URL(resetPage.url()).search).toBe('');
    await resetPage.getByText('g•••r@example.com', { exact: false }).waitFor();
    const password = resetPage.getByLabel('New password', { exact: true });
    expect(await password.getAttribute('autocomplete')).toBe('new-password');
    await password.fill('short');
    await resetPage.getByRole('button', { name: 'Change password' }).click();
    await resetPage.getByText('Use at least 12 characters.').first().waitFor();
    await poll(() => isFocused(password)).toBe(true);
    // Long enough, but judged by the API: too easy to guess, then the password just forgotten.
    await password.fill('sunflower1990');
    await resetPage.getByRole('button', { name: 'Change password' }).click();
    await resetPage.getByText('This is a commonly used password.', { exact: false }).first().waitFor();
    await password.fill(PASSWORD);
    await resetPage.getByRole('button', { name: 'Change password' }).click();
    await resetPage.getByText('You have used this password recently.', { exact: false }).first().waitFor();
    await password.fill(NEW_PASSWORD);
    await resetPage.getByRole('button', { name: 'Change password' }).click();
    await headingShown(resetPage, 'Password changed');

    // The link is spent: opened again, it says so.
    const again = await other.newPage();
    await again.goto(link);
    await headingShown(again, 'This link has already been used');
    await other.close();

    // Back in the first browser: the new password signs in to the app.
    const redeem = await authorize(page);
    await signInWithPassword(page, email, NEW_PASSWORD);
    const claims = (await redeem()).claims();
    expect(claims?.sub).toBe(user.id);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('passwordless: "Email me a code instead" → code from the mail → signed in', async () => {
    const email = 'katherine.johnson@example.com';
    const user = await createUser(email);
    const context = await browser.newContext();
    const page = await context.newPage();
    const redeem = await authorize(page);
    await headingShown(page, 'Sign in');
    await page.getByRole('link', { name: 'Email me a code instead' }).click();
    await headingShown(page, 'Sign in with a code');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByRole('button', { name: 'Send code' }).click();

    await headingShown(page, 'Check your email');
    await page.getByText('k•••n@example.com', { exact: false }).waitFor();
    const code = page.getByLabel('Verification code');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    const mail = await smtp.waitFor(() => smtp.to(email)[0]);
    const sent = /^ {4}(\d{6})$/m.exec(mail.text)?.[1] as string;

    await code.fill(sent === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'That code is not right' }).waitFor();
    await poll(() => isFocused(alert)).toBe(true);

    await code.fill(sent);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const claims = (await redeem()).claims();
    expect(claims).toMatchObject({ sub: user.id, email, email_verified: true });
    await context.close();
  });
});
