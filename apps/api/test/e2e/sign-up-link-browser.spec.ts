import * as oidc from 'openid-client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from '../support/accessibility.js';
import type { LatchkeyProcess } from '../support/api-process.js';
import { type BrowserStack, headingShown, startBrowserStack } from '../support/browser-stack.js';
import { type ManagementClient, ManagementFixture } from '../support/management.js';
import { TestSmtpServer } from '../support/smtp-server.js';

/**
 * Email verification by link in real Chromium: a user signs up in one browser, a real SMTP
 * listener receives the mail, and its link is opened in another browser (another device): that
 * page verifies the address and signs nobody in, while the first browser, waiting on its code
 * step, notices and lands back at the app signed in.
 */
const TENANT = 'sign-up-link-browser';
const EMAIL = 'mary.somerville@example.com';
const PASSWORD = 'mechanism of the heavens';

let stack: BrowserStack;
let smtp: TestSmtpServer;
let api: LatchkeyProcess;
let fixture: ManagementFixture;
let browser: Browser;
let config: oidc.Configuration;
let admin: ManagementClient;

beforeAll(async () => {
  stack = await startBrowserStack('sign_up_link_browser', { smtp: true });
  ({ api, fixture, browser, smtp } = stack);
  const { client } = await fixture.tenantWithClient(TENANT);
  admin = client;
  config = await stack.webApp(client, TENANT);
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

const authorize = (page: Page) => stack.authorize(page, config);

/** From the sign-in page: "Create an account", the form, then the code step; the mail it sent. */
async function signUpAs(page: Page, email: string) {
  await page.getByRole('link', { name: 'Create an account' }).click();
  await headingShown(page, 'Create your account');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await headingShown(page, 'Check your email');
  return smtp.waitFor(() => smtp.to(email)[0]);
}

describe('email verification by link in Chromium', () => {
  it('sign-up → link from the received mail opened on another device → verified → the sign-up tab is signed in', async () => {
    const signUpContext = await browser.newContext();
    const page = await signUpContext.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const redeem = await authorize(page);
    const mail = await signUpAs(page, EMAIL);
    const link = /^Verify email address: (\S+)$/m.exec(mail.text)?.[1] as string;
    expect(link).toMatch(new RegExp(`^${api.baseUrl}/t/${TENANT}/login/verify-email\\?token=`));

    // Another device: its own cookies, no sign-in of its own.
    const otherDevice = await browser.newContext();
    const other = await otherDevice.newPage();
    const otherErrors: string[] = [];
    other.on('pageerror', (err) => otherErrors.push(err.message));
    await other.goto(link);
    await headingShown(other, 'Verify your email address');
    await other.getByText('m•••e@example.com').waitFor();
    // The token left the address bar at once (history, bookmarks, Referer).
    expect(new URL(other.url()).search).toBe('');
    expect(await accessibilityViolations(other)).toEqual([]);
    await other.getByRole('button', { name: 'Verify email address' }).click();
    await headingShown(other, 'Email verified');
    expect(await accessibilityViolations(other)).toEqual([]);
    expect((await otherDevice.cookies()).map((c) => c.name)).not.toContain('_session');

    // The sign-up tab, still on its code step, notices and goes on to the app.
    const claims = (await redeem()).claims();
    expect(claims).toMatchObject({ email: EMAIL, email_verified: true });
    expect((await signUpContext.cookies()).map((c) => c.name)).toContain('_session');

    // The link is spent: opened again, it says the address is verified already.
    await other.goto(link);
    await headingShown(other, 'This email address is already verified');
    expect(errors).toEqual([]);
    expect(otherErrors).toEqual([]);
    await Promise.all([signUpContext.close(), otherDevice.close()]);
  });

  it('codes only: an old link says links are off, a new mail has the code alone and the page says so', async () => {
    const setLinks = async (verificationLink: boolean) => {
      const patched = await admin.request('PATCH', `/api/v1/tenants/${TENANT}`, {
        settings: { signUp: { verificationLink } },
      });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    };

    const before = await browser.newContext();
    const beforePage = await before.newPage();
    await authorize(beforePage);
    const oldMail = await signUpAs(beforePage, 'caroline.herschel@example.com');
    const oldLink = /^Verify email address: (\S+)$/m.exec(oldMail.text)?.[1] as string;
    expect(oldLink).toContain('/login/verify-email?token=');

    await setLinks(false);
    try {
      const otherDevice = await browser.newContext();
      const other = await otherDevice.newPage();
      await other.goto(oldLink);
      await headingShown(other, 'Links are turned off');
      await other.getByText('Enter the 6-digit code from the same email').waitFor();
      expect(await accessibilityViolations(other)).toEqual([]);

      const context = await browser.newContext();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      const redeem = await authorize(page);
      const mail = await signUpAs(page, 'maria.mitchell@example.com');
      expect(mail.text).not.toContain('verify-email?token=');
      await page.getByText('We sent a 6-digit code to m•••l@example.com. Enter it here').waitFor();
      expect(await page.getByText('open the link').count()).toBe(0);
      const code = /^ {4}(\d{6})$/m.exec(mail.text)?.[1] as string;
      await page.getByLabel('Verification code').fill(code);
      await page.getByRole('button', { name: 'Verify and continue' }).click();
      expect((await redeem()).claims()).toMatchObject({
        email: 'maria.mitchell@example.com',
        email_verified: true,
      });
      expect(errors).toEqual([]);
      await Promise.all([before.close(), otherDevice.close(), context.close()]);
    } finally {
      await setLinks(true);
    }
  });
});
