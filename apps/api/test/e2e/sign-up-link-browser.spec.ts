import * as oidc from 'openid-client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from '../support/accessibility.js';
import type { LatchkeyProcess } from '../support/api-process.js';
import { type BrowserStack, headingShown, startBrowserStack } from '../support/browser-stack.js';
import { ManagementFixture } from '../support/management.js';
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

beforeAll(async () => {
  stack = await startBrowserStack('sign_up_link_browser', { smtp: true });
  ({ api, fixture, browser, smtp } = stack);
  const { client } = await fixture.tenantWithClient(TENANT);
  config = await stack.webApp(client, TENANT);
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

const authorize = (page: Page) => stack.authorize(page, config);

describe('email verification by link in Chromium', () => {
  it('sign-up → link from the received mail opened on another device → verified → the sign-up tab is signed in', async () => {
    const signUpContext = await browser.newContext();
    const page = await signUpContext.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const redeem = await authorize(page);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await headingShown(page, 'Create your account');
    await page.getByLabel('Email', { exact: true }).fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await headingShown(page, 'Check your email');

    const mail = await smtp.waitFor(() => smtp.to(EMAIL)[0]);
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
});
